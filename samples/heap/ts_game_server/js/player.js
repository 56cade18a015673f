"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Player = void 0;
/** A connected player. Its level-up handler closes over the player itself. */
class Player {
    id;
    guild;
    level = 1;
    xp = 0;
    friends = [];
    inventory = [];
    onLevelUp;
    constructor(id, guild, bus) {
        this.id = id;
        this.guild = guild;
        // The closure captures `this`: Player -> onLevelUp -> context -> Player.
        this.onLevelUp = () => {
            this.level++;
            bus.emit('levelUp', this.id, this.level);
        };
        bus.on('tick', this.onLevelUp);
    }
}
exports.Player = Player;
//# sourceMappingURL=player.js.map