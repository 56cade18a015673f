/**
 * The edge names the cycle search gives a role (cycleSearch `edgeNameRoles`): the internal edges it
 * follows (a closure's context, a collection's backing store) and the properties it does not. A
 * parse marks the strings equal to them as it reads each (`StringTableWriter`): looking for them
 * afterwards was a pass over millions of strings, 0.1–0.2 s a snapshot.
 */
export const EDGE_NAMES_OF_NOTE: readonly string[] = ['context', 'elements', 'table', '__proto__', 'constructor', 'prototype'];
