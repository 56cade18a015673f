"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// The game-server incident in TypeScript: players leave, but removePlayer() forgets the guild member
// list and the event-bus listener, so every departed Player stays reachable. A bounded cache of recent
// matches grows until it is full and then keeps its size: growth at first, not a leak.
//
// Run (from the compiled output): node --expose-gc js/server.js <phases> <playersPerPhase> <outDir>
// After each phase it writes `phase-<n>.heapsnapshot` into <outDir>.
const node_events_1 = require("node:events");
const node_path_1 = require("node:path");
const node_v8_1 = require("node:v8");
const guild_1 = require("./guild");
const matchCache_1 = require("./matchCache");
const player_1 = require("./player");
const [phases, playersPerPhase] = [Number(process.argv[2] ?? 6), Number(process.argv[3] ?? 200)];
const outDir = process.argv[4] ?? '.';
const gc = globalThis.gc;
if (!gc)
    throw new Error('run with --expose-gc');
const bus = new node_events_1.EventEmitter();
bus.setMaxListeners(0);
const guild = new guild_1.Guild('night-watch');
const online = new Set();
const matches = new matchCache_1.MatchCache(300);
let nextId = 1;
function addPlayer() {
    const player = new player_1.Player(nextId++, guild, bus);
    guild.members.push(player);
    online.add(player);
    return player;
}
function removePlayer(player) {
    // The bug: the guild list and the 'tick' listener still hold the player.
    online.delete(player);
}
for (let phase = 1; phase <= phases; phase++) {
    for (let i = 0; i < playersPerPhase; i++) {
        const player = addPlayer();
        player.inventory.push(`sword-${player.id}`);
        if (i % 2 === 0)
            matches.remember(new matchCache_1.MatchResult(player.id, 8));
        removePlayer(player);
    }
    bus.emit('tick');
    gc();
    (0, node_v8_1.writeHeapSnapshot)((0, node_path_1.join)(outDir, `phase-${phase}.heapsnapshot`));
}
//# sourceMappingURL=server.js.map