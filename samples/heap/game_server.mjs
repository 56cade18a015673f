// A small game server that reproduces the memory incident: players leave, but removePlayer()
// forgets the event-bus listener and the guild member list, so every departed Player (with its
// friends list, its onLevelUp closure over itself and its inventory) stays reachable for ever.
// Steady structures (an item catalog built at start-up, a bounded ring of recent matches,
// per-tick scratch objects) churn or stay constant and must not be reported as leaks.
//
// It writes three heap snapshots: baseline (after warm-up), target (after one phase of
// sessions) and final (after a second phase).
//
// Run: node --expose-gc game_server.mjs <sessionsPerPhase> <outDir> [--raw] [--final-only] [--tick-every=N] [--residents=N] [--fixed]
//        [--levelup-slots=N] [--node-names] [--phase-pause=S] [--catalog=N]
//   --raw           keep plain .heapsnapshot files (for the benchmark); otherwise gzip them and replace
//                   this folder's absolute path in the snapshot's strings by "./".
//   --final-only    write only the final snapshot (the benchmark needs one big file, not three).
//   --tick-every=N  run the game tick every N sessions instead of every session: each tick calls every
//                   listener, leaked ones included, so at benchmark scale (10^5-10^6 sessions) ticking
//                   every session is quadratic. The heap's shape is the same either way.
//   --residents=N   players that stay online (default: a third of sessionsPerPhase). Each new player
//                   picks friends among them, so at benchmark scale the default is quadratic too.
//   --fixed         removePlayer() also drops the listener, the guild membership and the friendships:
//                   the repaired build, which samples/gate/ compares with this leaky one.
//   --levelup-slots=N  the variant of issue 10: each player also subscribes to one of N level-up channels
//                   (`levelup:0` … `levelup:N-1`, by id) and removePlayer() forgets that listener too, so
//                   every leaked Player is also kept by a listener closure in one of N slots of the bus.
//   --node-names    name the snapshots as Node does by default (Heap.YYYYMMDD.HHMMSS.pid.tid.seq.heapsnapshot,
//                   local time): the only capture time a Node snapshot carries.
//   --phase-pause=S idle S seconds after each phase (a server between busy periods), so the snapshots
//                   are far enough apart for a rate per hour.
//   --catalog=N     items in the catalog built at start-up (default 500): a steady part of the heap that
//                   every snapshot holds, so that the baseline of a benchmark set is as big as its final.
import { EventEmitter } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import { gzipSync } from 'node:zlib';

const sessionsPerPhase = Number(process.argv[2] ?? 300);
const outDir = resolve(process.argv[3] ?? '.');
const raw = process.argv.includes('--raw');
const finalOnly = process.argv.includes('--final-only');
const fixed = process.argv.includes('--fixed');
const flag = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const tickEvery = flag('tick-every', 1);
const residents = flag('residents', Math.max(10, Math.floor(sessionsPerPhase / 3)));
const levelupSlots = flag('levelup-slots', 0);
const phasePauseS = flag('phase-pause', 0);
const nodeNames = process.argv.includes('--node-names');
const catalogSize = flag('catalog', 500);
if (![sessionsPerPhase, tickEvery, residents, catalogSize].every((n) => Number.isInteger(n) && n >= 1) || ![levelupSlots, phasePauseS].every((n) => Number.isInteger(n) && n >= 0)) {
  throw new Error('usage: game_server.mjs <sessionsPerPhase> <outDir> [--raw] [--final-only] [--tick-every=N] [--residents=N] [--levelup-slots=N] [--node-names] [--phase-pause=S] [--catalog=N]');
}

// Deterministic pseudo-random numbers, so the same scale gives the same heap shape.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

const bus = new EventEmitter();
bus.setMaxListeners(0);

class Item {
  constructor(id) {
    this.id = id;
    this.name = `item-${id}`;
    this.weight = id % 17;
  }
}

class Guild {
  constructor(name) {
    this.name = name;
    this.members = [];
  }
}

class Player {
  constructor(id, guild) {
    this.id = id;
    this.name = `player-${id}`;
    this.level = 1;
    this.xp = 0;
    this.friends = [];
    this.inventory = [];
    this.guild = guild;
    // The closure captures `this`: Player -> onLevelUp -> context -> Player.
    this.onLevelUp = () => {
      this.level++;
      bus.emit('levelUp', this.id, this.level);
    };
  }
  gainXp(amount) {
    this.xp += amount;
    if (this.xp >= this.level * 100) this.onLevelUp();
  }
}

class MatchRecord {
  constructor(id, a, b) {
    this.id = id;
    this.playerIds = [a, b];
    this.score = [Math.floor(random() * 10), Math.floor(random() * 10)];
  }
}

class Vector {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}

const catalog = new Map();
for (let i = 0; i < catalogSize; i++) catalog.set(i, new Item(i));

const guilds = [new Guild('Red'), new Guild('Blue'), new Guild('Green')];
const players = new Map();
/** The fixed build's record of each player's tick listener, so that it can remove it. */
const listeners = new Map();
const RECENT_MATCHES = 200;
const recentMatches = new Array(RECENT_MATCHES).fill(null);
let matchCount = 0;
let nextPlayerId = 1;

function addPlayer() {
  const guild = guilds[Math.floor(random() * guilds.length)];
  const player = new Player(nextPlayerId++, guild);
  for (let i = 0; i < 4; i++) player.inventory.push(catalog.get(Math.floor(random() * catalog.size)));
  guild.members.push(player);
  // The listener closes over the player; removePlayer() never calls bus.off().
  const onTick = (dt) => player.gainXp(dt);
  bus.on('tick', onTick);
  if (fixed) listeners.set(player.id, onTick);
  // The variant: a level-up channel per slot, and its listener is never removed either.
  if (levelupSlots > 0) bus.on(`levelup:${player.id % levelupSlots}`, (level) => (player.xp = level * 100));
  const online = [...players.values()];
  for (let i = 0; i < 3 && online.length > 0; i++) {
    const friend = online[Math.floor(random() * online.length)];
    if (friend.friends.includes(player)) continue;
    player.friends.push(friend);
    friend.friends.push(player);
  }
  players.set(player.id, player);
  return player;
}

function removePlayer(id) {
  // BUG (the incident): the guild member list and the tick listener still hold the player.
  const player = players.get(id);
  players.delete(id);
  if (!fixed || !player) return;
  bus.off('tick', listeners.get(id));
  listeners.delete(id);
  player.guild.members.splice(player.guild.members.indexOf(player), 1);
  for (const friend of player.friends) friend.friends.splice(friend.friends.indexOf(player), 1);
  player.friends.length = 0;
}

function playMatch() {
  const ids = [...players.keys()];
  const a = ids[Math.floor(random() * ids.length)];
  const b = ids[Math.floor(random() * ids.length)];
  recentMatches[matchCount++ % RECENT_MATCHES] = new MatchRecord(matchCount, a, b);
}

function tick() {
  let path = 0;
  for (let i = 0; i < 10; i++) path += new Vector(random(), random()).x; // garbage
  bus.emit('tick', 5 + path);
}

function runPhase(sessions) {
  for (let s = 0; s < sessions; s++) {
    const p = addPlayer();
    if (s % tickEvery === 0) tick();
    playMatch();
    playMatch();
    removePlayer(p.id);
  }
  // Enough matches to turn the ring over: no match record of this phase survives the next one.
  for (let i = 0; i < RECENT_MATCHES * 2; i++) playMatch();
}

function snapshot(name) {
  globalThis.gc?.();
  // Node's default name is relative to the working directory: the snapshot's time is in it.
  const file = nodeNames ? join(outDir, writeHeapSnapshot()) : join(outDir, name);
  if (!nodeNames) writeHeapSnapshot(file);
  if (raw) return file;
  // Absolute paths of this machine (module paths, the working directory) are replaced; JSON
  // strings carry no length, so the snapshot stays valid.
  const here = dirname(fileURLToPath(import.meta.url));
  const repo = dirname(dirname(here));
  const text = readFileSync(file, 'latin1')
    .split(`${here}/`)
    .join('./')
    .split(`"${here}`)
    .join('".')
    .split(repo)
    .join('<repo>');
  writeFileSync(`${file}.gz`, gzipSync(Buffer.from(text, 'latin1'), { level: 9 }));
  rmSync(file);
  return `${file}.gz`;
}

const pause = () => new Promise((done) => setTimeout(done, phasePauseS * 1000));

mkdirSync(outDir, { recursive: true });
if (nodeNames) process.chdir(outDir);
for (let i = 0; i < residents; i++) addPlayer();
for (let i = 0; i < RECENT_MATCHES * 2; i++) playMatch();
const written = [];
if (!finalOnly) written.push(snapshot('game-1-baseline.heapsnapshot'));
runPhase(sessionsPerPhase);
await pause();
if (!finalOnly) written.push(snapshot('game-2-target.heapsnapshot'));
runPhase(sessionsPerPhase);
await pause();
written.push(snapshot('game-3-final.heapsnapshot'));
console.log(`${residents} resident players, ${sessionsPerPhase} sessions per phase${levelupSlots ? `, ${levelupSlots} level-up slots` : ''}; leaked players: ${fixed ? 0 : sessionsPerPhase * 2}; wrote ${written.length} snapshots to ${outDir}`);
