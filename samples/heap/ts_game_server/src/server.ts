// The game-server incident in TypeScript: players leave, but removePlayer() forgets the guild member
// list and the event-bus listener, so every departed Player stays reachable. A bounded cache of recent
// matches grows until it is full and then keeps its size: growth at first, not a leak.
//
// Run (from the compiled output): node --expose-gc js/server.js <phases> <playersPerPhase> <outDir>
// After each phase it writes `phase-<n>.heapsnapshot` into <outDir>.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { Guild } from './guild';
import { MatchCache, MatchResult } from './matchCache';
import { Player } from './player';

const [phases, playersPerPhase] = [Number(process.argv[2] ?? 6), Number(process.argv[3] ?? 200)];
const outDir = process.argv[4] ?? '.';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const bus = new EventEmitter();
bus.setMaxListeners(0);
const guild = new Guild('night-watch');
const online = new Set<Player>();
const matches = new MatchCache(300);
let nextId = 1;

function addPlayer(): Player {
  const player = new Player(nextId++, guild, bus);
  guild.members.push(player);
  online.add(player);
  return player;
}

function removePlayer(player: Player): void {
  // The bug: the guild list and the 'tick' listener still hold the player.
  online.delete(player);
}

for (let phase = 1; phase <= phases; phase++) {
  for (let i = 0; i < playersPerPhase; i++) {
    const player = addPlayer();
    player.inventory.push(`sword-${player.id}`);
    if (i % 2 === 0) matches.remember(new MatchResult(player.id, 8));
    removePlayer(player);
  }
  bus.emit('tick');
  gc();
  writeHeapSnapshot(join(outDir, `phase-${phase}.heapsnapshot`));
}
