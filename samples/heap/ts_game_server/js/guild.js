"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Guild = void 0;
class Guild {
    name;
    members = [];
    constructor(name) {
        this.name = name;
    }
}
exports.Guild = Guild;
//# sourceMappingURL=guild.js.map