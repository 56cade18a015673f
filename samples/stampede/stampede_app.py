#!/usr/bin/env python3
"""A cache-aside service under load, to make a real cache stampede.

Each client thread loops: GET the page from Redis; on a miss, query Postgres through PgBouncer
(`select pg_sleep(...)`, a slow leaderboard query) and SET the page back with a fixed TTL, no
jitter and no single-flight. Every page is written at once by the warm-up, so every page expires at
the same instant and every client misses and queues for the pool together.

The Redis (RESP) and Postgres (simple query protocol, trust auth) clients are written here so
that nothing needs installing. Writes per-second request rate and latency to a metrics CSV, and
the warm-up as an event (with its TTL) to a JSON Lines event log.
"""
import argparse, json, random, socket, struct, threading, time


class Redis:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port))
        self.f = self.s.makefile("rb")

    def cmd(self, *args):
        out = b"*%d\r\n" % len(args)
        for a in args:
            a = str(a).encode()
            out += b"$%d\r\n%s\r\n" % (len(a), a)
        self.s.sendall(out)
        return self.reply()

    def reply(self):
        line = self.f.readline()
        kind, rest = line[:1], line[1:-2]
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.f.read(n + 2)
            return data[:-2]
        if kind == b"-":
            raise RuntimeError(rest.decode())
        return rest


class Postgres:
    def __init__(self, port, user, database):
        self.s = socket.create_connection(("127.0.0.1", port))
        body = struct.pack("!i", 196608) + b"user\0" + user.encode() + b"\0database\0" + database.encode() + b"\0\0"
        self.s.sendall(struct.pack("!i", len(body) + 4) + body)
        self.until_ready()

    def recv(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("postgres closed the connection")
            buf += chunk
        return buf

    def until_ready(self):
        while True:
            kind = self.recv(1)
            (length,) = struct.unpack("!i", self.recv(4))
            body = self.recv(length - 4)
            if kind == b"E":
                raise RuntimeError(body.decode(errors="replace"))
            if kind == b"Z":
                return

    def query(self, sql):
        q = sql.encode() + b"\0"
        self.s.sendall(b"Q" + struct.pack("!i", len(q) + 4) + q)
        self.until_ready()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--redis-port", type=int, required=True)
    p.add_argument("--db-port", type=int, required=True)
    p.add_argument("--pages", type=int, default=200)
    p.add_argument("--ttl", type=int, default=30)
    p.add_argument("--clients", type=int, default=40)
    p.add_argument("--seconds", type=int, default=75)
    p.add_argument("--query-ms", type=int, default=150)
    p.add_argument("--metrics", required=True)
    p.add_argument("--events", required=True)
    a = p.parse_args()

    warm = Redis(a.redis_port)
    for i in range(a.pages):
        warm.cmd("SET", "leaderboard:page:%d" % i, "x" * 512, "EX", a.ttl)
    with open(a.events, "w") as ev:
        ev.write(json.dumps({"ts": int(time.time() * 1000), "kind": "config",
                             "title": "Cache warm-up: %d leaderboard pages written with TTL %d s" % (a.pages, a.ttl),
                             "detail": "SET leaderboard:page:N ... EX %d for every page, all at once" % a.ttl,
                             "service": "leaderboard-api"}) + "\n")

    lock = threading.Lock()
    samples = []  # (end time s, total ms, db ms or None)
    stop = time.time() + a.seconds

    def client(seed):
        rnd = random.Random(seed)
        r = Redis(a.redis_port)
        db = None
        while time.time() < stop:
            # One request in 500 asks for a page outside the leaderboard: the baseline misses.
            key = "leaderboard:page:%d" % (rnd.randrange(a.pages) if rnd.random() > 0.002 else a.pages + rnd.randrange(10**6))
            t0 = time.time()
            dbms = None
            if r.cmd("GET", key) is None:
                db = db or Postgres(a.db_port, "app", "app")
                d0 = time.time()
                db.query("select pg_sleep(%f)" % (a.query_ms / 1000))
                dbms = (time.time() - d0) * 1000
                r.cmd("SET", key, "x" * 512, "EX", a.ttl)
            t1 = time.time()
            with lock:
                samples.append((t1, (t1 - t0) * 1000, dbms))
            time.sleep(0.02)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    def p99(values):
        values = sorted(values)
        return values[min(len(values) - 1, int(0.99 * len(values)))] if values else ""

    by_second = {}
    for end, total, dbms in samples:
        by_second.setdefault(int(end), []).append((total, dbms))
    with open(a.metrics, "w") as out:
        out.write("time,request_rate,api_latency_p99_ms,db_query_p99_ms\n")
        for sec in sorted(by_second)[1:-1]:
            rows = by_second[sec]
            db = [d for _, d in rows if d is not None]
            out.write("%d,%d,%.1f,%s\n" % (sec, len(rows), p99([t for t, _ in rows]), "%.1f" % p99(db) if db else ""))


if __name__ == "__main__":
    main()
