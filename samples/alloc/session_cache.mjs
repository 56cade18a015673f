// A session cache for the V8 sampling heap profile fixtures: every login caches the player's
// session with its chat history; the leaky build never evicts, the fixed one keeps the last 500.
// Node writes the profile at exit (--heap-prof); see generate-profiles.sh.
const fixed = process.argv[2] === 'fixed';
const rounds = Number(process.argv[3] ?? 20000);
const cache = new Map();

function chatHistory(id) {
  const lines = [];
  for (let i = 0; i < 40; i++) lines.push(`player-${id}: message ${i}`);
  return lines;
}

function cacheSession(id) {
  cache.set(id, { id, history: chatHistory(id), friends: new Array(32).fill(id), loggedInAt: Date.now() });
  if (fixed && cache.size > 500) cache.delete(cache.keys().next().value);
}

function handleLogin(id) {
  const scratch = JSON.stringify({ id, at: Date.now() }); // short-lived: sampled, then collected
  cacheSession(id);
  return scratch.length;
}

for (let id = 0; id < rounds; id++) handleLogin(id);
globalThis.gc?.();
