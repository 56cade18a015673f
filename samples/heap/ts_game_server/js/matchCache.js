"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MatchCache = exports.MatchResult = void 0;
/** The result of one match, kept so that recent matches can be shown again. */
class MatchResult {
    id;
    scores;
    constructor(id, players) {
        this.id = id;
        this.scores = Array.from({ length: players }, (_, i) => (id * 31 + i) % 100);
    }
}
exports.MatchResult = MatchResult;
/** A cache of recent matches bounded by `capacity`: it grows until it is full, then stays that size. */
class MatchCache {
    capacity;
    entries = new Map();
    constructor(capacity) {
        this.capacity = capacity;
    }
    remember(result) {
        this.entries.set(result.id, result);
        if (this.entries.size > this.capacity) {
            const oldest = this.entries.keys().next().value;
            if (oldest !== undefined)
                this.entries.delete(oldest);
        }
    }
}
exports.MatchCache = MatchCache;
//# sourceMappingURL=matchCache.js.map