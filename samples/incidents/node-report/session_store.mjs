// A session store that never forgets: every login adds a session (with its chat history) to a Map
// that nothing deletes from. Run with a small old space it dies of V8's heap limit, and
// --report-on-fatalerror makes Node write its diagnostic report at the fatal error. Halfway, the
// program writes a report of its own (process.report.writeReport), as an operator's probe would.
// See generate.sh for the exact commands.
import { createServer } from 'node:net';

const sessions = new Map();
const server = createServer(() => {}).listen(0, '127.0.0.1');
const probeAt = Number(process.argv[2] ?? 8000);
const probeFile = process.argv[3] ?? 'probe-report.json';

function openSession(id) {
  const history = [];
  for (let i = 0; i < 200; i++) history.push({ from: `player-${id % 977}`, text: `message ${i} of session ${id}` });
  sessions.set(id, { id, history, openedAt: Date.now() });
}

function loginBurst(from, count) {
  for (let id = from; id < from + count; id++) openSession(id);
}

let next = 0;
function tick() {
  loginBurst(next, 500);
  next += 500;
  if (next === probeAt) process.report.writeReport(probeFile);
  setImmediate(tick);
}
server.on('listening', tick);
