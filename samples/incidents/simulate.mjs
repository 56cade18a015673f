// Simulates the three seed incidents and writes their metrics and events in the formats real
// tools export (CSV, Prometheus query_range JSON, metric JSON Lines, event JSON Lines, kernel log
// OOM reports, a chat timeline). The numbers come from a small model of each system, not typed by
// hand; a fixed seed makes every run write the same bytes.
//
// Run: node samples/incidents/simulate.mjs [outDir]   (default: this folder)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const outRoot = resolve(process.argv[2] ?? dirname(fileURLToPath(import.meta.url)));

// mulberry32: tiny, deterministic, good enough for noise.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const gauss = (r) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
const round = (x, d = 0) => Number(x.toFixed(d));
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const GiB = 1024 ** 3;

function write(dir, name, text) {
  mkdirSync(join(outRoot, dir), { recursive: true });
  writeFileSync(join(outRoot, dir, name), text);
}
const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** The body of a Prometheus `/api/v1/query_range` answer; values are [seconds, "string"]. */
function promMatrix(results) {
  return JSON.stringify({
    status: 'success',
    data: { resultType: 'matrix', result: results.map(({ metric, points }) => ({ metric, values: points.map(([t, v]) => [t / 1000, String(v)]) })) },
  });
}

/** A kernel OOM report as Debian's rsyslog (RFC 3339 timestamps) writes it to /var/log/kern.log. */
function oomReport(atMs, host, uptimeS, pid, anonRssKb) {
  const stamp = new Date(atMs).toISOString().replace('Z', '000+00:00');
  const k = (s, text) => `${stamp} ${host} kernel: [${(uptimeS + s).toFixed(6).padStart(12)}] ${text}`;
  const totalVmKb = anonRssKb + 1_712_448;
  return [
    k(0, `game-server invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0`),
    k(0, `CPU: 3 PID: ${pid} Comm: game-server Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1`),
    k(0.000002, `Mem-Info:`),
    k(0.000004, `active_anon:2080512 inactive_anon:12288 isolated_anon:0`),
    k(0.000031, `[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name`),
    k(0.000033, `[${String(pid).padStart(7)}]  1000 ${String(pid).padStart(5)} ${String(totalVmKb / 4).padStart(8)} ${String(anonRssKb / 4).padStart(8)} 17039360        0             0 game-server`),
    k(0.000051, `oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/system.slice/game-server.service,task=game-server,pid=${pid},uid=1000`),
    k(0.000058, `Out of memory: Killed process ${pid} (game-server) total-vm:${totalVmKb}kB, anon-rss:${anonRssKb}kB, file-rss:1536kB, shmem-rss:0kB, UID:1000 pgtables:16640kB oom_score_adj:0`),
  ];
}

// ---------------------------------------------------------------------------------------------
// 1. Memory-leak meltdown: the 'friend system' deploy at 10:00 on day 1; players start using it
// with the evening peak at 14:00 and every departed player stays reachable. game-1 reaches its
// 8 GiB limit on day 2 at 18:30 and is OOM killed; game-2 and game-3 (same build, more players
// later in the evening) follow. Memory of game-1 from Prometheus, the rest from a CSV exporter.
function memoryLeak() {
  const r = rng(1001);
  const day1 = Date.UTC(2026, 2, 14);
  const step = 5 * MIN;
  const deploy = day1 + 10 * HOUR;
  const growthStart = day1 + 14 * HOUR;
  const oom1 = day1 + 24 * HOUR + 18 * HOUR + 30 * MIN + 12_000;
  const limit = 8 * GiB;
  const base = 2 * GiB;
  const ratePerMs = (limit - base) / (oom1 - growthStart);
  const restart1 = oom1 + 48_000;
  const memory = [];
  const limitPoints = [];
  const csv = ['timestamp,cpu_percent,latency_p99_ms,request_rate,error_rate_percent'];
  for (let t = day1; t < day1 + 48 * HOUR; t += step) {
    const diurnal = 0.5 - 0.5 * Math.cos((2 * Math.PI * ((t - day1) % (24 * HOUR) - 4 * HOUR)) / (24 * HOUR));
    const leaked = t < growthStart ? 0 : t < oom1 ? (t - growthStart) * ratePerMs : t < restart1 ? 0 : (t - restart1) * ratePerMs;
    const bytes = Math.round(base + leaked + 60e6 * gauss(r) + 40e6 * diurnal);
    memory.push([t, clamp(bytes, 0.5 * GiB, limit - 1)]);
    limitPoints.push([t, limit]);
    const pressure = clamp((bytes / limit - 0.7) / 0.3, 0, 1); // GC thrash as the heap fills
    const cpu = clamp(25 + 20 * diurnal + 60 * pressure ** 2 + 3 * gauss(r), 1, 100);
    const p99 = Math.max(20, 70 + 30 * diurnal + 1500 * pressure ** 3 + 8 * gauss(r));
    const rate = Math.max(0, 1800 + 2400 * diurnal + 60 * gauss(r));
    const errors = clamp(0.05 + 0.02 * gauss(r) + (p99 > 1000 ? 1.5 * pressure : 0), 0, 100);
    csv.push(`${iso(t)},${round(cpu, 1)},${round(p99, 1)},${round(rate)},${round(errors, 2)}`);
  }
  write('memory-leak', 'game-1-memory.prometheus.json', promMatrix([
    { metric: { __name__: 'container_memory_working_set_bytes', container: 'game-server', instance: 'game-1' }, points: memory },
    { metric: { __name__: 'container_spec_memory_limit_bytes', container: 'game-server', instance: 'game-1' }, points: limitPoints },
  ]));
  write('memory-leak', 'game-1-metrics.csv', csv.join('\n') + '\n');

  const oom2 = oom1 + 32 * MIN + 28_000;
  const oom3 = oom1 + 61 * MIN + 53_000;
  const kern = [];
  const bootedAt = day1 - 9 * 24 * HOUR;
  for (const [host, at, pid] of [['game-1', oom1, 1234], ['game-2', oom2, 2231], ['game-3', oom3, 1877]]) {
    const uptime = (at - bootedAt) / 1000;
    kern.push(`${new Date(at - 3_600_000).toISOString().replace('Z', '000+00:00')} ${host} kernel: [${((at - bootedAt) / 1000 - 3600).toFixed(6).padStart(12)}] perf: interrupt took too long (2510 > 2500), lowering kernel.perf_event_max_sample_rate to 79500`);
    kern.push(...oomReport(at, host, uptime, pid, Math.round((limit * 0.97) / 1024 / 4) * 4));
  }
  write('memory-leak', 'kern.log', kern.join('\n') + '\n');

  const events = [
    { ts: iso(day1 + 9 * HOUR + 40 * MIN), kind: 'note', title: 'Weekend event starts: double XP', detail: 'Marketing event; expected +30% concurrent players.', service: 'game-server' },
    { ts: iso(deploy), kind: 'deploy', title: "game-server 4.12.0: friend system", detail: 'Adds friends lists, online notifications and friend-of-friend suggestions. Rolled out to game-1..3.', service: 'game-server' },
    { ts: iso(day1 + 16 * HOUR), kind: 'config', title: 'Matchmaking pool size 200 -> 240', detail: 'Tuning for the event; unrelated to memory.', service: 'matchmaker' },
    { ts: iso(day1 + 24 * HOUR + 13 * HOUR + 5 * MIN), kind: 'alert', title: 'game-1 memory above 85% of limit', detail: 'container_memory_working_set_bytes / container_spec_memory_limit_bytes > 0.85 for 5m', service: 'game-server' },
    { ts: iso(day1 + 24 * HOUR + 17 * HOUR + 10 * MIN), kind: 'alert', title: 'game-1 P99 latency above 1 s', detail: 'histogram_quantile(0.99, ...) > 1 for 5m', service: 'game-server' },
    { ts: iso(restart1), kind: 'restart', title: 'game-server restarted on game-1', detail: 'systemd: game-server.service: Main process exited, code=killed, status=9/KILL; scheduled restart.', service: 'game-server' },
    { ts: iso(oom2 + 51_000), kind: 'restart', title: 'game-server restarted on game-2', detail: 'systemd restart after SIGKILL', service: 'game-server' },
    { ts: iso(oom3 + 47_000), kind: 'restart', title: 'game-server restarted on game-3', detail: 'systemd restart after SIGKILL', service: 'game-server' },
  ];
  write('memory-leak', 'events.jsonl', jsonl(events));
  write('memory-leak', 'chat-timeline.txt', [
    'Day 1, 10:00 - friend system (4.12.0) rolled out to game-1..3',
    'Day 2, 13:05 - memory alert on game-1, assumed event load',
    'Day 2, 17:10 - players report rubber-banding on game-1',
    'Day 2, 18:30 - first server OOM killed (game-1)',
    'Day 2, 19:02 - game-2 OOM killed too',
    'Day 2, 19:35 - incident declared; heap snapshots taken on game-3',
    '',
  ].join('\n'));
}

// ---------------------------------------------------------------------------------------------
// 2. Cache stampede: a deploy at 16:58:30 restarts the leaderboard API with an empty cache; the
// warm-up at 16:59:01 writes every key with the same 60 s TTL, so at 17:00:01 they all expire
// together. Every request recomputes from Postgres, the 100-connection pool saturates, queries
// queue and time out, so the cache refills slowly; recovery once the warm-up is rerun with
// jittered TTLs at 17:08.
function cacheStampede() {
  const r = rng(2002);
  const day = Date.UTC(2026, 3, 2);
  const start = day + 16 * HOUR + 50 * MIN;
  const expiry = day + 17 * HOUR + 1000;
  const fix = day + 17 * HOUR + 8 * MIN;
  const poolMax = 100;
  const rows = ['time_ms,request_rate,cache_hits,cache_misses,db_connections_active,db_pool_max,db_query_p99_ms,api_latency_p99_ms,api_error_rate_percent'];
  let missShare = 0.02;
  for (let t = start; t < day + 17 * HOUR + 20 * MIN; t += 1000) {
    const rate = Math.max(0, 5000 + 150 * gauss(r));
    if (t >= expiry && t < fix) missShare = t === expiry ? 1 : Math.max(0.85, missShare - 0.0005); // refills slowly under load
    else if (t >= fix) missShare = Math.max(0.02, missShare * 0.92);
    const misses = rate * clamp(missShare + 0.004 * gauss(r), 0, 1);
    const hits = rate - misses;
    // Each miss holds a connection for the query time; past the pool size, requests wait.
    const demand = (misses * 0.008) / (1 - Math.min(0.95, misses / 6000));
    const conns = Math.round(clamp(demand + 2 * gauss(r) + 4, 1, poolMax));
    const saturated = demand >= poolMax * 0.95;
    const dbP99 = saturated ? 1800 + 600 * r() : Math.max(2, 8 + 60 * (demand / poolMax) ** 4 + 1.5 * gauss(r));
    const apiP99 = saturated ? Math.min(5000, dbP99 + 800 + 400 * r()) : Math.max(10, 40 + dbP99 + 4 * gauss(r));
    const errors = saturated ? clamp(25 + 8 * gauss(r), 0, 100) : clamp(0.1 + 0.05 * gauss(r), 0, 100);
    rows.push([t, round(rate), round(hits), round(misses), conns, poolMax, round(dbP99, 1), round(apiP99, 1), round(errors, 2)].join(','));
  }
  write('cache-stampede', 'metrics.csv', rows.join('\n') + '\n');
  const ev = (h, m, s, ms, kind, service, title, detail) => ({ ts: iso(day + h * HOUR + m * MIN + s * 1000 + ms), kind, title, detail, service });
  write('cache-stampede', 'events.jsonl', jsonl([
    ev(16, 58, 30, 0, 'deploy', 'leaderboard-api', 'leaderboard-api 2.3.1', 'Rolling restart; the in-process cache starts empty.'),
    ev(16, 59, 1, 0, 'config', 'leaderboard-api', 'Cache warm-up: 48 000 keys written with TTL 60 s', 'warmup job: SET key value EX 60 for every leaderboard page'),
    ev(17, 0, 4, 0, 'alert', 'postgres', 'Postgres connection pool exhausted (100/100)', 'pgbouncer: no more connections allowed (max_client_conn)'),
    ev(17, 0, 19, 0, 'alert', 'leaderboard-api', 'leaderboard-api 5xx above 1%', 'rate(http_requests_total{code=~"5.."}[1m]) / rate(http_requests_total[1m]) > 0.01'),
    ev(17, 1, 12, 0, 'alert', 'matchmaking', 'matchmaking upstream timeouts', 'leaderboard lookups time out after 2 s; matches start without ranks'),
    ev(17, 8, 0, 0, 'config', 'leaderboard-api', 'Warm-up rerun with TTL 60 s + random 0-30 s jitter', 'Manual mitigation; keys now expire spread over 30 s.'),
    ev(17, 12, 0, 0, 'note', 'leaderboard-api', 'Error rate back under 0.2%', ''),
  ]));
  write('cache-stampede', 'chat-timeline.txt', [
    '16:58:30 - deploying leaderboard-api 2.3.1',
    '16:59:01 - cache warm-up done, all keys set with 60s TTL',
    '17:00:01.002 - all requests miss the cache',
    '17:00:03.4 - DB connections at 100/100, queries queueing',
    '17:00:19 - 5xx alert on leaderboard-api',
    '17:01:12 - matchmaking reports upstream timeouts',
    '17:05 - Ana: it is the TTL, everything was written at the same second',
    '17:08 - reran warm-up with jittered TTLs',
    '17:12 - errors back to normal',
    '',
  ].join('\n'));
}

// ---------------------------------------------------------------------------------------------
// 3. Lock-contention collapse: the inventory service moves saves behind one global lock in 5.2;
// fine at low load, but when the evening load arrives at 14:30 threads pile up on the futex:
// throughput falls from 50K to 2K ops/s, P99 from 5 to 850 ms, and CPU goes to the kernel
// (futex wait/wake, scheduling) rather than to the work.
function lockContention() {
  const r = rng(3003);
  const start = Date.UTC(2026, 4, 20, 14, 0, 0);
  const collapse = start + 30 * MIN;
  const ramp = 2 * MIN;
  const metricLines = [];
  const cpu = ['epoch_s,cpu_user_percent,cpu_system_percent'];
  for (let t = start; t < start + 60 * MIN; t += 10_000) {
    const x = clamp((t - collapse) / ramp, 0, 1); // 0 before the collapse, 1 once it is complete
    const throughput = Math.max(0, 50_000 * (1 - x) + 2_000 * x + (1 - x) * 1500 * gauss(r) + x * 150 * gauss(r));
    const p99 = Math.max(1, 5 * (1 - x) + 850 * x + (1 - x) * 0.6 * gauss(r) + x * 40 * gauss(r));
    const user = clamp(55 * (1 - x) + 22 * x + 2 * gauss(r), 0, 100);
    const system = clamp(9 * (1 - x) + 71 * x + 1.5 * gauss(r), 0, 100 - user);
    const labels = { service: 'inventory', instance: 'inv-1' };
    metricLines.push({ ts: t, metric: 'inventory_throughput_ops_per_s', value: round(throughput), labels });
    metricLines.push({ ts: t, metric: 'inventory_latency_p99_ms', value: round(p99, 2), labels });
    cpu.push(`${t / 1000},${round(user, 1)},${round(system, 1)}`);
  }
  write('lock-contention', 'inventory-metrics.jsonl', jsonl(metricLines));
  write('lock-contention', 'inv-1-cpu.csv', cpu.join('\n') + '\n');
  const ev = (min, kind, title, detail) => ({ ts: iso(start + min * MIN), kind, title, detail, service: 'inventory' });
  write('lock-contention', 'events.jsonl', jsonl([
    ev(8, 'deploy', 'inventory 5.2: save path batched under InventoryStore::mutex_', 'Every write now takes the store-wide mutex for the whole batch.'),
    ev(30, 'note', 'Evening load ramps up (guild raids start)', ''),
    ev(33, 'alert', 'inventory throughput below 10K ops/s', 'rate(inventory_ops_total[1m]) < 10000 for 2m'),
    ev(34, 'alert', 'inventory P99 above 500 ms', ''),
    ev(41, 'note', 'perf lock record captured on inv-1 (60 s)', 'perf lock record -a -- sleep 60'),
  ]));
}

memoryLeak();
cacheStampede();
lockContention();
