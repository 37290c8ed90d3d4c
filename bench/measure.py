#!/usr/bin/env python3
"""measure.py [--any-exit] OUT CMD...: runs CMD with stdout to OUT, then
prints "wall_s cpu_s peak_rss_mb" for it (children included); fails when CMD
does, unless --any-exit, which prints its exit code as a fourth field. A small process of
its own, so CMD's peak RSS is not inflated by a large parent's: Linux
counts the memory a child had before exec in its peak."""
import resource
import subprocess
import sys
import time

args = sys.argv[1:]
any_exit = args[:1] == ["--any-exit"]
args = args[1:] if any_exit else args
t = time.monotonic()
with open(args[0], "wb") as f:
    rc = subprocess.call(args[1:], stdout=f)
wall = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
if rc and not any_exit:
    sys.exit("command failed: %d" % rc)
print("%.3f %.3f %.1f%s" % (wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, " %d" % rc if any_exit else ""))
