#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Time-stamp the lines QEMU logs, as they come.

Usage: stamp.py FIFO OUT
QEMU's log backend prints trace events without a time; QEMU flushes each
line, so reading them from a FIFO (-D FIFO) as they arrive times them
to well under a millisecond.  Writes "SECONDS<TAB>LINE" to OUT, with
seconds on the host's monotonic clock, until it is terminated.  The FIFO
is opened for reading and writing: QEMU opens and closes its log file
more than once, and neither side must ever wait for the other.
"""
import os
import signal
import sys
import time


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    fd = os.open(sys.argv[1], os.O_RDWR)
    with os.fdopen(fd, encoding="utf-8", errors="replace") as src, \
            open(sys.argv[2], "w", encoding="utf-8") as out:
        for line in src:
            out.write(f"{time.monotonic():.6f}\t{line}")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
