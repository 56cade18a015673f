// A profile service with a cache in front of a slow lookup, in two builds: `--cache=lru` bounds the
// cache to CAPACITY entries (least recently used evicted), `--cache=unbounded` is the same code
// without the eviction — the classic leak of a memoizing Map. Requests follow a skewed key
// distribution over a key space that widens with uptime (new players keep arriving), so the LRU
// cache fills to its capacity during the first phase and stays there, hot entries surviving, while
// the unbounded one keeps every key it ever saw.
//
// It writes three heap snapshots: baseline (after warm-up, cache part-full), target (after phase 1)
// and final (after phase 2), gzipped, named cache-<mode>-1-baseline… / -2-target… / -3-final….
//
// Run: node --expose-gc cache_server.mjs --cache=lru|unbounded <outDir>
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { gzipSync } from 'node:zlib';

const mode = process.argv.find((a) => a.startsWith('--cache='))?.slice('--cache='.length);
const outDir = resolve(process.argv.filter((a) => !a.startsWith('--'))[2] ?? '.');
if (mode !== 'lru' && mode !== 'unbounded') throw new Error('usage: cache_server.mjs --cache=lru|unbounded <outDir>');

const CAPACITY = 2000;
const WARM_UP_REQUESTS = 1500;
const REQUESTS_PER_PHASE = 20000;

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

class Profile {
  constructor(id) {
    this.id = id;
    this.name = `player-${id}`;
    this.rating = 1000 + (id % 400);
    this.badges = [`b${id % 7}`, `b${id % 11}`];
  }
}

class CacheEntry {
  constructor(key, value) {
    this.key = key;
    this.value = value;
    this.hits = 0;
  }
}

/** A Map keeps insertion order: re-inserting on a hit makes its first key the least recently used. */
class ProfileCache {
  constructor(capacity) {
    this.capacity = capacity;
    this.entries = new Map();
    this.misses = 0;
  }
  get(key) {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      entry.hits++;
    } else {
      this.misses++;
      entry = new CacheEntry(key, new Profile(key));
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value);
    }
    this.entries.set(key, entry);
    return entry.value;
  }
}

const cache = new ProfileCache(mode === 'lru' ? CAPACITY : Infinity);
let keySpace = 1000;

/** Skewed toward low ids (the regulars), over a key space that grows as players join. */
function request() {
  const id = Math.floor(keySpace * random() ** 3);
  return cache.get(id).rating;
}

function serve(requests) {
  let sum = 0;
  for (let i = 0; i < requests; i++) {
    if (i % 4 === 0) keySpace++;
    sum += request();
  }
  return sum;
}

function snapshot(name) {
  globalThis.gc?.();
  const file = join(outDir, name);
  writeHeapSnapshot(file);
  writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
  rmSync(file);
  return cache.entries.size;
}

mkdirSync(outDir, { recursive: true });
serve(WARM_UP_REQUESTS);
const sizes = [snapshot(`cache-${mode}-1-baseline.heapsnapshot`)];
serve(REQUESTS_PER_PHASE);
sizes.push(snapshot(`cache-${mode}-2-target.heapsnapshot`));
serve(REQUESTS_PER_PHASE);
sizes.push(snapshot(`cache-${mode}-3-final.heapsnapshot`));
console.log(`${mode}: cache entries per snapshot ${sizes.join(' → ')} (capacity ${mode === 'lru' ? CAPACITY : 'none'}), ${cache.misses} misses, key space ${keySpace}`);
