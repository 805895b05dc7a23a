#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Freeze a PE the moment the guest's console shows a line.

Usage: freeze-on-line.py SOCKET PHB_PATH CONSOLE OFFSET REGEX [TIMEOUT_S]
Reads CONSOLE from byte OFFSET on, every 2 ms; at the first line that
matches the Python regular expression REGEX, freezes the PHB's PE through
QMP (x-spapr-eeh-freeze).  This places a second freeze at a step of the
guest's recovery that only its console shows (the end of a recovery);
QEMU times the steps it sees itself (x-spapr-eeh-freeze "after").
Prints the line and how long the freeze took after the line was seen;
exits 1 if the line never came or the freeze was refused, 2 on bad
arguments or an unusable socket.
"""
import os
import re
import sys
import time

from qmp import Qmp


def main():
    if len(sys.argv) not in (6, 7):
        print(__doc__, file=sys.stderr)
        return 2
    sock, path, console, offset, regex = sys.argv[1:6]
    try:
        offset = int(offset)
        timeout = float(sys.argv[6]) if len(sys.argv) == 7 else 120
        pattern = re.compile(regex)
    except (ValueError, re.error) as e:
        print(f"freeze-on-line: bad argument: {e}", file=sys.stderr)
        return 2
    if offset < 0 or timeout <= 0:
        print("freeze-on-line: OFFSET must be >= 0, TIMEOUT_S positive",
              file=sys.stderr)
        return 2
    try:
        q = Qmp(sock)
    except OSError as e:
        print(f"freeze-on-line: cannot connect to {sock}: {e}", file=sys.stderr)
        return 2
    end = time.monotonic() + timeout
    pending = b""
    with open(console, "rb") as f:
        f.seek(offset)
        while time.monotonic() < end:
            chunk = f.read()
            if not chunk:
                time.sleep(0.002)
                continue
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                line = raw.decode(errors="replace").rstrip("\r")
                if not pattern.search(line):
                    continue
                seen = time.monotonic()
                r = q.eeh_freeze(path)
                if "error" in r:
                    print(f"freeze-on-line: freeze refused: {r['error']}",
                          file=sys.stderr)
                    return 1
                ms = (time.monotonic() - seen) * 1000
                print(f"frozen {ms:.0f} ms after the guest printed: {line}")
                return 0
    print(f"freeze-on-line: no console line matched '{regex}' in {timeout:.0f} s",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
