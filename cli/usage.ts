export const USAGE = `aftermath — offline post-mortem analyzer

Usage:
  aftermath analyze <files…> [--out DIR] [--format md,html,json,pdf,case] [--fail-on SEVERITY]
                    [--anchor-date YYYY-MM-DD] [--boot-time ISO] [--memory-limit SIZE] [--thresholds LIST] [--junit FILE] [--quiet]
                    [--max-line-size SIZE] [--max-inflate-ratio N] [--source-maps PATH]…
  aftermath gate --baseline <files… | case.aftermath> --candidate <files… | case.aftermath>
                 [--max-regression LIST] [--config aftermath-gate.json] [--junit FILE] [--out DIR --format …]
  aftermath query <case.aftermath | files…> --sql "SELECT …" [--output table|csv|json]
  aftermath serve <files…> [--port N]
  aftermath demo [--out DIR]
  aftermath --help | --version

Commands:
  analyze   Detects each file's format from its content, analyzes all files together as one case,
            prints a short summary and writes the report to --out (default: ./aftermath-report).
  gate      Analyzes the baseline and the candidate (evidence files, or one saved case each) as two cases
            and compares every figure both have: load-test steps (P99, mean, successful req/s, errors
            at each concurrency), metric series (mean over the run), lock captures (total wait and per
            caller), allocation reports (leaked bytes, leak rate), heap snapshots (size, growing
            classes). Exit 1 when a figure is worse than its limit; with repeated runs on each side
            (several files of the same tool), only when Welch's one-sided t-test at α = 0.05 says the
            regression exceeds the limit beyond the runs' spread. Exit 2 when nothing is comparable.
  query     Runs one read-only SQL query over the case tables (findings, evidence, evidence_paths,
            inputs, failures, views as JSON, …) of a saved case or of evidence analyzed on the spot, as
            the app's SQL tab does. Exit 2 when SQLite refuses the query.
  serve     Serves the Aftermath UI to your browser on 127.0.0.1, on a random port, with a random
            access token in the URL. The given files are opened at start; more can be dropped on the page.
            Requests without the token, or from another Host/Origin, are refused.
  demo      Analyzes every bundled incident sample under samples/ and prints where the reports went.

Options:
  --out DIR            Where analyze/demo write reports (created if missing).
  --format LIST        Comma-separated report formats: md, html, json, pdf (needs Chromium), case
                       (the sql.js case file, reopenable in the app). Default: md,html,json.
  --fail-on SEVERITY   Exit 1 when any finding is at or above SEVERITY (info, low, medium, high, critical).
  --anchor-date DATE   YYYY-MM-DD: the day a time-of-day-only incident timeline starts on ("Day 2" is the next).
  --boot-time TIME     When the host booted (ISO 8601, e.g. 2026-03-14T06:12:00Z): places plain dmesg lines,
                       which count seconds since boot, on the timeline.
  --memory-limit SIZE  Memory limit for OOM projections and memory alerts, e.g. 8G, 512M.
  --thresholds LIST    Alert thresholds of the timeline, e.g. cpu=95,memory=90,p99=2000,errors=2
                       (CPU %, memory % of the limit, P99 ms, error rate %; defaults 90, 85, 1000, 1),
                       and a load test's pass criteria per step, load-p99=1000,load-errors=1 (the defaults).
  --max-regression L  gate: limits per figure, e.g. p99=10%,throughput=10%,lock-wait=20%,errors=1 (names: p99,
                       mean, throughput, errors, cpu, memory, lock-wait, leak (bytes leaked or live, in all
                       and per site), leak-rate (growth per hour, in all and per site), heap (heap size, live
                       bytes per class), heap-count (objects per class), heap-growth (bytes a class gained
                       between the first and last snapshot); errors in percentage points; default 10 % each,
                       errors 1 point).
  --config FILE        gate: {"maxRegression": {"default": "10%", "p99": "5%"}, "alpha": 0.05}; flags override it.
  --junit FILE         analyze, gate: write JUnit XML, one test case per finding (failing at --fail-on) or per
                       compared figure (failing when it regressed).
  --max-line-size SIZE Longest line a text input may have (default 16M); longer lines are skipped and said.
  --max-inflate-ratio N  How many times its size a .gz input may inflate to (default 50, at least 64 MiB
                       always) before it is refused as a likely gzip bomb.
  --source-maps PATH   A .map file or a folder of them (searched recursively), repeatable: heap findings name
                       the original source (src/player.ts:18:22) of the code behind a leak. Inline maps
                       (sourceMappingURL=data:…) held in a snapshot are used without it; nothing is fetched.
  --sql QUERY          query: the read-only SQL statement (SELECT, WITH, VALUES or EXPLAIN).
  --output FORMAT      query: table (default), csv or json.
  --port N             serve: listen on this port instead of a random one.
  --quiet              analyze: print only errors.
  -h, --help           Show this help.
  -v, --version        Show the version.

Inputs (detected from content, not from the extension; .gz accepted where noted):
  V8 heap snapshots (.heapsnapshot, .heaptimeline, .gz), V8 sampling heap profiles (.heapprofile), Go pprof
  heap, mutex and block profiles, LeakSanitizer/ASan reports, Valgrind memcheck (text log or XML),
  heaptrack_print output, allocation event logs (JSON Lines / CSV), perf lock report/contention/info,
  perf script lock+futex captures, mutrace, /proc/lock_stat, bcc klockstat and futexctn, folded off-CPU stacks (offcputime -f),
  lock statistics JSON, Redis INFO and SLOWLOG, pg_stat_activity CSV snapshots, PgBouncer SHOW POOLS,
  /proc/PID/status and smaps_rollup, cgroup memory.stat / memory.events,
  metric series (CSV, Prometheus query_range JSON, JSON Lines), load-test results (wrk, Locust, JMeter JTL, k6),
  event logs (JSON Lines), kernel OOM logs,
  plain-text incident timelines, and saved Aftermath case files (open them on their own).

Under GitHub Actions (GITHUB_ACTIONS=true), analyze and gate also print ::error/::warning annotations and
append a Markdown summary to $GITHUB_STEP_SUMMARY.

Exit codes:
  0  analyzed (no finding at or above --fail-on); gate: no regression
  1  findings at or above --fail-on; gate: a figure regressed
  2  bad input or usage (the message names the file and what is wrong)
`;
