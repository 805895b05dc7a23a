#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Freeze a PE again while the guest recovers it.

Usage: refreeze.py SOCKET PHB_PATH DELAY_MS [TIMEOUT_S]
Polls the PHB's x-eeh-state every 5 ms; once the guest has held the PE's
reset (state 1) and released it, waits DELAY_MS and freezes the PE again.
Prints the state seen just before the second freeze and how long after
the release it came; exits 1 if the reset never came or the freeze was
refused, 2 on bad arguments or an unusable socket.
"""
import sys
import time

from qmp import Qmp


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[2]
    try:
        delay = int(sys.argv[3])
        timeout = float(sys.argv[4]) if len(sys.argv) == 5 else 120
    except ValueError:
        print("refreeze: DELAY_MS and TIMEOUT_S must be numbers", file=sys.stderr)
        return 2
    if not 0 <= delay <= 60000 or timeout <= 0:
        print("refreeze: DELAY_MS must be 0..60000, TIMEOUT_S positive",
              file=sys.stderr)
        return 2
    try:
        q = Qmp(sys.argv[1])
    except OSError as e:
        print(f"refreeze: cannot connect to {sys.argv[1]}: {e}", file=sys.stderr)
        return 2
    end = time.monotonic() + timeout
    held = False
    while time.monotonic() < end:
        r = q.qom(path, "x-eeh-state")
        if "error" in r:
            print(f"refreeze: {r['error']}", file=sys.stderr)
            return 1
        state = r["return"]
        if state == 1:
            held = True
        elif held:
            released = time.monotonic()
            time.sleep(delay / 1000)
            before = q.qom(path, "x-eeh-state")["return"]
            r = q.qom(path, "x-eeh-frozen", True)
            if "error" in r:
                print(f"refreeze: freeze refused: {r['error']}", file=sys.stderr)
                return 1
            ms = (time.monotonic() - released) * 1000
            print(f"refrozen {ms:.0f} ms after the reset was released, "
                  f"state before: {before}")
            return 0
        time.sleep(0.005)
    print("refreeze: the guest never reset the PE", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
