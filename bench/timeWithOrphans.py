"""`python3 bench/timeWithOrphans.py <command…>`: runs the command as GNU time would, but also reaps the
processes it leaves behind (Linux: this process is their subreaper). The CLI no longer waits for its
killed analysis child to exit, so GNU time, which sees only what its child reaped, would miss that
child's CPU and peak RSS. Prints `aftermath-time <wall s> <user s> <sys s> <peak RSS KiB>` on stderr:
the wall until the command itself exits, the CPU and peak RSS (the largest, not the sum) of all."""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
    sys.exit(f"timeWithOrphans: prctl(PR_SET_CHILD_SUBREAPER) failed (errno {ctypes.get_errno()})")
start = time.monotonic()
command = subprocess.run(sys.argv[1:])
wall = time.monotonic() - start
while True:
    try:
        os.wait()
    except ChildProcessError:
        break
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"aftermath-time {wall:.3f} {usage.ru_utime:.3f} {usage.ru_stime:.3f} {usage.ru_maxrss}", file=sys.stderr)
sys.exit(command.returncode if command.returncode >= 0 else 128 - command.returncode)
