#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Normalise compiler, sparse and kernel-doc output into a set of warnings.

Each warning becomes one line "file<TAB>function<TAB>message": the file
relative to the kernel tree, the enclosing function (from gcc's "In
function" context, else found in the source), and the message with line
and column numbers removed.  Sets from two trees compare cleanly even when
patches move code.

Usage:
  warnset.py normalise KSRC LOG > SET      (run with KSRC checked out at
                                            the revision that made LOG)
  warnset.py compare BASE_SET NEW_SET      (prints new and old; exit 1 on new)
"""
import os
import re
import sys

LOC = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+):(?:(?P<col>\d+):)?\s*"
                 r"(?P<kind>warning|error):\s*(?P<msg>.*)$")
KDOC = re.compile(r"^(?:Warning|Error): (?P<file>[^\s:]+):(?P<line>\d+):?\s*(?P<msg>.*)$")
INFUNC = re.compile(r"^(?P<file>[^\s:]+): In function '(?P<func>[^']+)':$")
FUNCDEF = re.compile(r"^[A-Za-z_][^;=]*?\b(?P<name>[A-Za-z_]\w*)\s*\([^;]*$")
MACRODEF = re.compile(r"^#\s*define\s+(?P<name>\w+)")


def relpath(path, ksrc):
    path = os.path.normpath(path)
    real = os.path.realpath(ksrc)
    for root in (ksrc, real):
        if path.startswith(root.rstrip("/") + "/"):
            return path[len(root.rstrip("/")) + 1:]
    # "../linux/drivers/pci/pci.c" or "drivers/pci/pci.c": the longest
    # suffix that exists in the tree.
    parts = path.split("/")
    for i in range(len(parts)):
        cand = "/".join(parts[i:])
        if cand and os.path.exists(os.path.join(ksrc, cand)):
            return cand
    return path


def enclosing_function(ksrc, rel, line, cache={}):
    if rel not in cache:
        try:
            with open(os.path.join(ksrc, rel), errors="replace") as f:
                cache[rel] = f.read().splitlines()
        except OSError:
            cache[rel] = []
    lines = cache[rel]
    for i in range(min(line, len(lines)) - 1, -1, -1):
        text = lines[i]
        m = MACRODEF.match(text)
        if m:
            return m.group("name")
        m = FUNCDEF.match(text)
        if m:
            return m.group("name")
        if text.startswith("}") and i < line - 1:
            # Left the previous top-level block: a global-scope warning.
            return "-"
    return "-"


def normalise(ksrc, log):
    out = set()
    func_ctx = {}
    last = None
    with open(log, errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            m = INFUNC.match(line)
            if m:
                func_ctx[relpath(m.group("file"), ksrc)] = m.group("func")
                continue
            m = LOC.match(line) or KDOC.match(line)
            if m:
                rel = relpath(m.group("file"), ksrc)
                msg = m.group("msg").strip()
                msg = re.sub(r"\b(line|at) \d+\b", r"\1 N", msg)
                kind = m.groupdict().get("kind") or "kernel-doc"
                if kind == "kernel-doc" or "[-W" not in msg:
                    func = enclosing_function(ksrc, rel, int(m.group("line")))
                else:
                    func = func_ctx.get(rel) or enclosing_function(ksrc, rel, int(m.group("line")))
                last = [rel, func, f"{kind}: {msg}"]
                out.add(tuple(last))
                continue
            # sparse's "   expected X / got Y" continuation lines
            if last and re.match(r"^\s{3,}(expected|got|left side|right side)", line):
                out.discard(tuple(last))
                last[2] += " | " + line.strip()
                out.add(tuple(last))
                continue
            if not line.startswith(" "):
                last = None
    for item in sorted(out):
        print("\t".join(item))


def compare(base, new):
    def load(p):
        with open(p) as f:
            return {l.rstrip("\n") for l in f if l.strip()}
    b, n = load(base), load(new)
    added, kept, gone = sorted(n - b), sorted(n & b), sorted(b - n)
    for w in added:
        print("NEW  " + w.replace("\t", ": ", 1).replace("\t", "(): ", 1))
    for w in gone:
        print("gone " + w.replace("\t", ": ", 1).replace("\t", "(): ", 1))
    print(f"warnings: {len(added)} new, {len(kept)} already in the base, {len(gone)} fixed")
    return 1 if added else 0


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "normalise":
        normalise(sys.argv[2], sys.argv[3])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        return compare(sys.argv[2], sys.argv[3])
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
