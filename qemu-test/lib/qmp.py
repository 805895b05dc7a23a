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


class Qmp:
    """One monitor connection, capabilities negotiated."""

    def __init__(self, path, timeout=30):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.f = self.sock.makefile("rw")
        self.reply()  # greeting
        self.send({"execute": "qmp_capabilities"})

    def reply(self):
        while True:
            line = self.f.readline()
            if not line:
                raise EOFError("QEMU closed the monitor")
            msg = json.loads(line)
            if "event" in msg:
                continue
            return msg

    def send(self, cmd):
        self.f.write(json.dumps(cmd) + "\n")
        self.f.flush()
        return self.reply()

    def eeh_freeze(self, path, after=None, delay=None):
        """x-spapr-eeh-freeze: now, or DELAY ms after the guest's step AFTER."""
        args = {"path": path}
        if after is not None:
            args["after"] = after
        if delay is not None:
            args["delay"] = delay
        return self.send({"execute": "x-spapr-eeh-freeze", "arguments": args})

    def qom(self, path, prop, value=None):
        """qom-get, or qom-set when a value is given; the reply."""
        args = {"path": path, "property": prop}
        if value is None:
            return self.send({"execute": "qom-get", "arguments": args})
        args["value"] = value
        return self.send({"execute": "qom-set", "arguments": args})


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmds = []
    for arg in sys.argv[2:]:
        try:
            cmds.append(json.loads(arg))
        except json.JSONDecodeError as e:
            print(f"qmp: bad JSON '{arg}': {e}", file=sys.stderr)
            return 2
    try:
        q = Qmp(sys.argv[1])
    except OSError as e:
        print(f"qmp: cannot connect to {sys.argv[1]}: {e}", file=sys.stderr)
        return 2
    try:
        rc = 0
        for cmd in cmds:
            r = q.send(cmd)
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
