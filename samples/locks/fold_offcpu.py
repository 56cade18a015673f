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

With --futexctn the same capture is written as libbpf-tools `futexctn` prints it (futexctn.c,
print_map and trace_helpers.c print_log2_hist, bcc at 1e41e03): only FUTEX_WAIT (op without the
private and realtime flags is 0) that returned without error, one entry per thread, futex address
and user stack, each wait in whole µs, `comm[tid] lock 0x… contended N times, A avg usecs [max: M
usecs, min m usecs]`, the stack between `    -` lines (innermost first, one symbol per address), then
the log2 histogram. futexctn symbolizes from the ELF symbol tables without demangling; the names
here are perf's demangled ones (a real run on C++ prints mangled names).

Usage: python3 fold_offcpu.py --futexctn fixtures/perf_script_coarse.txt.gz > fixtures/futexctn/futexctn_coarse.txt
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


def log2_slot(v):
    return max(0, v.bit_length() - 1)


def print_futexctn(entries):
    for (comm, tid, uaddr, stack), waits in entries.items():
        us = [int(w * 1e6) for w in waits]
        # The BPF program keeps min at 0 until a non-zero wait arrives (`if (!min || min > delta)`).
        print("\n\n%s[%s] lock 0x%x contended %d times, %d avg usecs [max: %d usecs, min %d usecs]" % (comm, tid, uaddr, len(us), sum(us) // len(us), max(us), min([u for u in us if u] or [0])))
        print("    -")
        for frame in reversed(stack):
            print("    %s" % frame)
        print("    -")
        slots = [0] * 27
        for u in us:
            slots[min(log2_slot(u), 26)] += 1
        top = max(i for i, c in enumerate(slots) if c)
        peak = max(slots)
        print("%s%-19s : count    distribution" % (" " * 5, "usecs"))
        for i in range(top + 1):
            low, high = (1 << (i + 1)) >> 1, (1 << (i + 1)) - 1
            if low == high:
                low -= 1
            stars = slots[i] * 40 // peak
            print("%10d -> %-10d : %-8d |%s|" % (low, high, slots[i], "*" * stars + " " * (40 - stars)))


def main(path, futexctn=False):
    pending = {}
    totals = {}
    waits = {}
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
                    uaddr = re.search(r"uaddr: (0x[0-9a-f]+)", args)
                    waits_here = int(op.group(1), 16) & ~(128 | 256) == 0 if futexctn and op else bool(op) and int(op.group(1), 16) & 0x7F in WAIT_CMDS
                    if waits_here:
                        pending[tid] = (ts, comm, fold(frames), int(uaddr.group(1), 16) if uaddr else 0)
                    else:
                        pending.pop(tid, None)
                elif event == "syscalls:sys_exit_futex" and tid in pending:
                    start, comm, stack, uaddr = pending.pop(tid)
                    if futexctn:
                        ret = int(args.strip(), 16)
                        if ret < 2**63:  # futexctn skips waits that returned an error (EAGAIN: the value changed)
                            waits.setdefault((comm, tid, uaddr, tuple(stack)), []).append(ts - start)
                    else:
                        key = ";".join([comm] + stack)
                        totals[key] = totals.get(key, 0) + (ts - start)
                record = None
                continue
            m = HEADER.match(line)
            if m:
                record = {"comm": m.group(1), "tid": m.group(2), "ts": float(m.group(3)), "event": m.group(4), "args": m.group(5), "frames": []}
    if futexctn:
        print()
        print_futexctn(waits)
        return
    for key, seconds in sorted(totals.items(), key=lambda kv: kv[1]):
        us = int(seconds * 1e6)
        if us > 0:
            print("%s %d" % (key, us))


if __name__ == "__main__":
    if sys.argv[1] == "--futexctn":
        main(sys.argv[2], futexctn=True)
    else:
        main(sys.argv[1])
