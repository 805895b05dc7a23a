#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Read "checkpatch.pl --show-types -g RANGE" output, apply the waivers.

A waiver line in tools/checkpatch-waivers is
    TYPE <TAB> subject glob <TAB> reason
and covers that message type in the commits whose subject matches.  A
waiver without a reason is an error.  Every remaining ERROR, WARNING or
CHECK fails the verdict.

Usage: checkpatch-verdict.py WAIVERS CHECKPATCH_OUTPUT
"""
import fnmatch
import re
import sys


def load_waivers(path):
    waivers = []
    try:
        f = open(path)
    except FileNotFoundError:
        return waivers
    with f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.rstrip("\n").split("\t") if p.strip()]
            if len(parts) != 3:
                sys.exit(f"{path}:{n}: expected TYPE<TAB>subject glob<TAB>reason")
            waivers.append(parts)
    return waivers


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    waivers = load_waivers(sys.argv[1])
    commit = "?"
    bad = waived = 0
    commits = 0
    with open(sys.argv[2], errors="replace") as f:
        for line in f:
            m = re.match(r'^Commit [0-9a-f]+ \("(.*)"\)$', line.rstrip("\n"))
            if m:
                commit = m.group(1)
                commits += 1
                continue
            m = re.match(r"^(ERROR|WARNING|CHECK):([A-Z0-9_]+): (.*)$", line.rstrip("\n"))
            if not m:
                continue
            level, typ, msg = m.groups()
            reason = next((w[2] for w in waivers
                           if w[0] == typ and fnmatch.fnmatchcase(commit, w[1])), None)
            if reason:
                waived += 1
                print(f"  waived {level}:{typ} in \"{commit}\": {reason}")
            else:
                bad += 1
                print(f"  {level}:{typ} in \"{commit}\": {msg}")
    print(f"checkpatch: {commits} commits, {bad} findings, {waived} waived")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
