/**
 * From what size a heap snapshot's work goes to helper threads: below, a thread's start-up and the
 * hand-over of its arrays cost more than the thread saves. A file of 16 MiB (gzipped: compressed) holds
 * about 150 000 nodes; the node count serves where the file is no longer at hand (a snapshot indexed
 * after its load, the cycle search).
 */
export const HELPER_THREAD_MIN_BYTES = 16 * 2 ** 20;
export const HELPER_THREAD_MIN_NODES = 150_000;
