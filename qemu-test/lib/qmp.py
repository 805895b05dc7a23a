#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Minimal QMP client: send commands to a QEMU monitor socket.

Usage: qmp.py SOCKET COMMAND_JSON...
Prints each reply's "return" (or the whole error) as one JSON line; exits
1 if any command got an error reply, 2 if the socket is unusable.
"""
import json
import socket
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    try:
        s.connect(sys.argv[1])
    except OSError as e:
        print(f"qmp: cannot connect to {sys.argv[1]}: {e}", file=sys.stderr)
        return 2
    f = s.makefile("rw")

    def reply():
        while True:
            line = f.readline()
            if not line:
                raise EOFError("QEMU closed the monitor")
            msg = json.loads(line)
            if "event" in msg:
                continue
            return msg

    def send(cmd):
        f.write(json.dumps(cmd) + "\n")
        f.flush()
        return reply()

    try:
        reply()  # greeting
        send({"execute": "qmp_capabilities"})
        rc = 0
        for arg in sys.argv[2:]:
            try:
                cmd = json.loads(arg)
            except json.JSONDecodeError as e:
                print(f"qmp: bad JSON '{arg}': {e}", file=sys.stderr)
                return 2
            r = send(cmd)
            if "error" in r:
                print(json.dumps(r))
                rc = 1
            else:
                print(json.dumps({"return": r.get("return")}))
        return rc
    except (EOFError, OSError, ValueError) as e:
        print(f"qmp: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
