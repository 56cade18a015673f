// A small inventory service to load-test: every request moves, adds or removes an item, and each
// operation writes a journal entry while it holds its lock (the I/O a real store would do).
//
//   node inventory_server.mjs --port 8080 --mode coarse|sharded [--max-waiters 64] [--lock-stats FILE] [--sign-iterations N]
//
// `coarse` guards all inventories with one store-wide lock, so requests queue behind each other's
// journal writes: latency grows with concurrency, and once more than --max-waiters requests wait
// the server answers 503 (the bounded queue a real server would have). `sharded` locks only the
// inventories an operation touches. With --lock-stats the server counts its own lock waits and
// writes Aftermath lock-stats JSON (docs/locks.md) when it gets SIGTERM or SIGINT.
// --sign-iterations N signs every request (PBKDF2, N rounds) synchronously before it takes a lock:
// the CPU-bound regression that collapses throughput while the locks see less traffic.
import { pbkdf2Sync } from 'node:crypto';
import http from 'node:http';
import { writeFileSync, renameSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    mode: { type: 'string', default: 'coarse' },
    'max-waiters': { type: 'string', default: '64' },
    'lock-stats': { type: 'string' },
    'sign-iterations': { type: 'string', default: '0' },
  },
});
const MODE = values.mode;
if (MODE !== 'coarse' && MODE !== 'sharded') throw new Error(`--mode is coarse or sharded (got ${MODE})`);
const MAX_WAITERS = Number(values['max-waiters']);
const SIGN_ITERATIONS = Number(values['sign-iterations']);
const INVENTORIES = 4096;
const SHARDS = 64;

/** A FIFO async mutex that counts what its waiters cost, per calling operation. */
class Lock {
  constructor(name) {
    this.name = name;
    this.held = false;
    this.waiters = [];
    this.acquisitions = 0;
    this.contended = 0;
    this.waitTotalNs = 0n;
    this.waitMaxNs = 0n;
    this.holdTotalNs = 0n;
    this.holdMaxNs = 0n;
    this.callers = new Map();
  }

  /** Resolves to a release function, or to undefined when the queue is full (the caller answers 503). */
  async acquire(caller) {
    this.acquisitions++;
    if (!this.held) {
      this.held = true;
      return this.releaser();
    }
    if (this.waiters.length >= MAX_WAITERS) return undefined;
    const start = process.hrtime.bigint();
    await new Promise((resolve) => this.waiters.push(resolve));
    const waited = process.hrtime.bigint() - start;
    this.contended++;
    this.waitTotalNs += waited;
    if (waited > this.waitMaxNs) this.waitMaxNs = waited;
    const c = this.callers.get(caller) ?? { contended: 0, waitTotalNs: 0n };
    c.contended++;
    c.waitTotalNs += waited;
    this.callers.set(caller, c);
    return this.releaser();
  }

  releaser() {
    const since = process.hrtime.bigint();
    return () => {
      const held = process.hrtime.bigint() - since;
      this.holdTotalNs += held;
      if (held > this.holdMaxNs) this.holdMaxNs = held;
      const next = this.waiters.shift();
      if (next) next();
      else this.held = false;
    };
  }
}

const inventories = Array.from({ length: INVENTORIES }, () => new Map([['potion', 10]]));
const storeLock = new Lock('storeLock');
const shardLocks = Array.from({ length: SHARDS }, (_, i) => new Lock(`shard[${i}]`));
const journal = [];

/** The locks an operation on these inventories takes, in a fixed order (no deadlock). */
function locksFor(ids) {
  if (MODE === 'coarse') return [storeLock];
  return [...new Set(ids.map((id) => id % SHARDS))].sort((a, b) => a - b).map((s) => shardLocks[s]);
}

/** The journal write under the lock: a timer stands in for the disk. */
const writeJournal = (entry) =>
  new Promise((resolve) => {
    journal.push(entry);
    if (journal.length > 1000) journal.splice(0, 500);
    setTimeout(resolve, 1);
  });

async function withLocks(caller, ids, work) {
  const releases = [];
  for (const lock of locksFor(ids)) {
    const release = await lock.acquire(caller);
    if (!release) {
      for (const r of releases.reverse()) r();
      return false;
    }
    releases.push(release);
  }
  try {
    await work();
  } finally {
    for (const r of releases.reverse()) r();
  }
  return true;
}

async function transferItem(from, to) {
  return withLocks('transferItem', [from, to], async () => {
    const n = inventories[from].get('potion') ?? 0;
    if (n > 0) inventories[from].set('potion', n - 1);
    inventories[to].set('potion', (inventories[to].get('potion') ?? 0) + 1);
    await writeJournal({ op: 'transfer', from, to });
  });
}

async function addItem(id) {
  return withLocks('addItem', [id], async () => {
    inventories[id].set('potion', (inventories[id].get('potion') ?? 0) + 1);
    await writeJournal({ op: 'add', id });
  });
}

async function removeItem(id) {
  return withLocks('removeItem', [id], async () => {
    inventories[id].set('potion', Math.max(0, (inventories[id].get('potion') ?? 0) - 1));
    await writeJournal({ op: 'remove', id });
  });
}

// 50 % transfers, 30 % adds, 20 % removes, over inventories picked by a fixed sequence.
let requestNo = 0;
function operation() {
  const n = requestNo++;
  const a = (n * 2654435761) % INVENTORIES;
  const b = (a + 1 + ((n * 40503) % (INVENTORIES - 1))) % INVENTORIES;
  const slot = n % 10;
  if (slot < 5) return transferItem(a, b);
  if (slot < 8) return addItem(a);
  return removeItem(a);
}

const startedAt = new Date();
const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.end('ok\n');
    return;
  }
  if (SIGN_ITERATIONS > 0) pbkdf2Sync(req.url ?? '/', 'inventory', SIGN_ITERATIONS, 32, 'sha256');
  operation().then(
    (done) => {
      res.statusCode = done ? 200 : 503;
      res.end(done ? 'ok\n' : 'busy\n');
    },
    (e) => {
      res.statusCode = 500;
      res.end(`${e}\n`);
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), '127.0.0.1', () => process.stdout.write(`listening on ${values.port} (${MODE})\n`));

/** The shard locks are one class of lock (`instances`), as a profiler would group them. */
function shardClass() {
  const c = new Lock('inventoryShardLock');
  for (const l of shardLocks) {
    for (const k of ['acquisitions', 'contended', 'waitTotalNs', 'holdTotalNs']) c[k] += l[k];
    if (l.waitMaxNs > c.waitMaxNs) c.waitMaxNs = l.waitMaxNs;
    if (l.holdMaxNs > c.holdMaxNs) c.holdMaxNs = l.holdMaxNs;
    for (const [fn, x] of l.callers) {
      const y = c.callers.get(fn) ?? { contended: 0, waitTotalNs: 0n };
      y.contended += x.contended;
      y.waitTotalNs += x.waitTotalNs;
      c.callers.set(fn, y);
    }
  }
  return c;
}

function lockStats() {
  const locks = MODE === 'coarse' ? [storeLock] : [shardClass()];
  return {
    format: 'aftermath-lock-stats',
    version: 1,
    program: `inventory_server.mjs ${MODE}`,
    capturedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    locks: locks.map((l) => ({
      name: l.name,
      kind: 'mutex',
      instances: MODE === 'coarse' ? 1 : SHARDS,
      acquisitions: l.acquisitions,
      contended: l.contended,
      waitTotalNs: Number(l.waitTotalNs),
      waitMaxNs: Number(l.waitMaxNs),
      holdTotalNs: Number(l.holdTotalNs),
      holdMaxNs: Number(l.holdMaxNs),
      callers: [...l.callers].map(([fn, c]) => ({ function: fn, stack: [fn, 'handleRequest'], contended: c.contended, waitTotalNs: Number(c.waitTotalNs) })),
    })),
  };
}

function stop() {
  if (values['lock-stats']) {
    const tmp = `${values['lock-stats']}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(lockStats(), null, 1)}\n`);
    renameSync(tmp, values['lock-stats']);
  }
  server.close();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
