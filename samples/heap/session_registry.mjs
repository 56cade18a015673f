// A chat service keeps its open sessions in a registry: `SessionRegistry.sessions`, a Map from session
// id to Session. Logging out closes the socket but forgets to delete the entry, so every session ever
// opened stays in the Map — a leak whose retainer path runs through the Map's backing store
// (`Map.table`) to the registry's property. Three heap snapshots, one after each wave of logins and
// logouts, gzipped, named sessions-1-baseline… / -2-target… / -3-final….
//
// Run: node --expose-gc session_registry.mjs <outDir>
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { gzipSync } from 'node:zlib';

const outDir = resolve(process.argv[2] ?? '.');
mkdirSync(outDir, { recursive: true });
const NAMES = ['1-baseline', '2-target', '3-final'];
const LOGINS_PER_WAVE = 2000;

class Session {
  constructor(id, user) {
    this.id = id;
    this.user = user;
    this.openedAt = Date.now();
    this.socket = { open: true, buffered: new Array(16).fill(0) };
  }
}

class SessionRegistry {
  constructor() {
    this.sessions = new Map();
  }

  login(id, user) {
    const session = new Session(id, user);
    this.sessions.set(id, session);
    return session;
  }

  logout(session) {
    // The bug: the socket is closed, the entry is never deleted (this.sessions.delete(session.id)).
    session.socket.open = false;
  }
}

const registry = new SessionRegistry();
let nextId = 0;
for (const name of NAMES) {
  for (let i = 0; i < LOGINS_PER_WAVE; i++) {
    const session = registry.login(nextId++, `user-${nextId % 500}`);
    registry.logout(session);
  }
  globalThis.gc?.();
  const raw = join(outDir, `sessions-${name}.heapsnapshot`);
  writeHeapSnapshot(raw);
  writeFileSync(`${raw}.gz`, gzipSync(readFileSync(raw)));
  rmSync(raw);
}
console.log(`sessions kept: ${registry.sessions.size}`);
