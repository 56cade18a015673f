#!/usr/bin/env python3
"""Folds the real `perf script` futex captures of fixtures/ into bcc `offcputime -f` output.

offcputime-bpfcc cannot run in this container (see fixtures/offcputime/README.md), so its folded
output is made here from real stacks: each FUTEX_WAIT of fixtures/perf_script_<mode>.txt.gz, from
its sys_enter_futex to the sys_exit_futex of the same thread, is one off-CPU interval with the user
call chain perf recorded. The layout is offcputime's (tools/offcputime.py, `-f`):
`comm;frame;...;frame <µs>`, frames root first, symbols without offsets (as b.sym() prints them
without -s), one line per distinct stack with the summed time, sorted by time ascending. Like bcc,
which symbolizes a return address once, inlined frames perf adds at the same address collapse into
the address's own function. Only futex waits are folded: the kernel stacks and the other off-CPU
time offcputime also reports (sleeps, I/O) are not in the perf capture.

Usage: python3 fold_offcpu.py fixtures/perf_script_coarse.txt.gz > fixtures/offcputime/offcputime_U_f_coarse.txt
"""
import gzip
import re
import sys

HEADER = re.compile(r"^\s*(.*?)\s+(\d+)\s+\[\d+\]\s+(\d+\.\d+):\s+(\S+):\s?(.*)$")
FRAME = re.compile(r"^\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)$")
WAIT_CMDS = {0, 6, 9, 11, 13}


def fold(frames):
    """perf's chain (innermost first, inlined frames repeated per address) → one symbol per address, root first."""
    groups = []
    for address, symbol, module in frames:
        if address == "ffffffffffffffff":
            continue
        if groups and groups[-1][0][0] == address:
            groups[-1].append((address, symbol, module))
        else:
            groups.append([(address, symbol, module)])
    # The address's own function is the frame perf gives a module; when all are inlined, the outermost.
    picked = [next((f for f in g if f[2] != "inlined"), g[-1])[1] for g in groups]
    return [re.sub(r"\+0x[0-9a-f]+$", "", s) or "[unknown]" for s in reversed(picked)]


def main(path):
    pending = {}
    totals = {}
    record = None
    with gzip.open(path, "rt") as f:
        for line in list(f) + ["\n"]:
            line = line.rstrip("\n")
            if line.startswith("\t"):
                m = FRAME.match(line)
                if record is not None and m:
                    record["frames"].append(m.groups())
                continue
            if line == "" and record is not None:
                comm, tid, ts, event, args, frames = record["comm"], record["tid"], record["ts"], record["event"], record["args"], record["frames"]
                if event == "syscalls:sys_enter_futex":
                    op = re.search(r"op: (0x[0-9a-f]+)", args)
                    if op and int(op.group(1), 16) & 0x7F in WAIT_CMDS:
                        pending[tid] = (ts, comm, fold(frames))
                    else:
                        pending.pop(tid, None)
                elif event == "syscalls:sys_exit_futex" and tid in pending:
                    start, comm, stack = pending.pop(tid)
                    key = ";".join([comm] + stack)
                    totals[key] = totals.get(key, 0) + (ts - start)
                record = None
                continue
            m = HEADER.match(line)
            if m:
                record = {"comm": m.group(1), "tid": m.group(2), "ts": float(m.group(3)), "event": m.group(4), "args": m.group(5), "frames": []}
    for key, seconds in sorted(totals.items(), key=lambda kv: kv[1]):
        us = int(seconds * 1e6)
        if us > 0:
            print("%s %d" % (key, us))


if __name__ == "__main__":
    main(sys.argv[1])
