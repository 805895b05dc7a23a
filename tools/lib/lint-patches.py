#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Lint the subjects and trailers of format-patch files.

Checks per patch: the subject prefix is allowed for the paths it touches
(tools/subject-prefixes), the word after the prefix starts with a capital,
the summary is imperative, the subject ("prefix: Summary") has at most 75
characters and no trailing period, subjects are unique in the series, and
a Signed-off-by is present (and is the author's).

Usage: lint-patches.py RULES PATCH...
Prints one line per finding and a verdict; exits 1 on any error.
"""
import email.header
import fnmatch
import re
import sys

MAX_SUBJECT = 75

# First words that are not imperative.  Suffix rules catch most ("Added",
# "Adding", "Adds"); the lists keep imperative verbs that look otherwise.
IMPERATIVE_ED = {"embed", "feed", "need", "seed", "shed", "speed", "proceed",
                 "exceed", "succeed", "bleed", "breed", "shred"}
IMPERATIVE_ING = {"bring", "string", "ping", "ring", "sing", "swing", "sting"}
IMPERATIVE_S = {"access", "address", "bypass", "compress", "express", "focus",
                "pass", "process", "suppress", "discuss", "miss", "dismiss",
                "harness", "bias", "alias", "canvas", "redress", "unless",
                "gas", "stress", "uncompress", "decompress", "progress"}
NOT_IMPERATIVE = {"fixup", "fixups", "misc", "cleanup", "cleanups", "various",
                  "update:", "wip", "new", "more", "some", "the", "this", "a",
                  "an", "minor", "small", "trivial", "better", "improved",
                  "initial", "support", "implementation", "refactoring"}


def glob_match(path, pattern):
    if "**" in pattern:
        regex = re.escape(pattern).replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
        return re.fullmatch(regex, path) is not None
    return fnmatch.fnmatchcase(path, pattern) and path.count("/") == pattern.count("/")


def load_rules(path):
    rules = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split(None, 1)
            if len(parts) != 2:
                sys.exit(f"{path}:{n}: expected '<glob> <prefix>[ | ...]'")
            prefixes = [p.strip() for p in parts[1].split("|")]
            rules.append((parts[0], prefixes))
    return rules


def parse_patch(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    head, _, rest = text.partition("\n\n")
    headers = {}
    key = None
    for line in head.splitlines():
        if line.startswith((" ", "\t")) and key:
            headers[key] += " " + line.strip()
        elif ":" in line and not line.startswith("From "):
            key, _, value = line.partition(":")
            key = key.strip().lower()
            headers[key] = value.strip()
    subject = str(email.header.make_header(email.header.decode_header(headers.get("subject", ""))))
    author = str(email.header.make_header(email.header.decode_header(headers.get("from", ""))))
    msg, _, diff = rest.partition("\n---\n")
    if not diff:
        msg, diff = rest, ""
    files = re.findall(r"^diff --git a/(\S+) b/(\S+)$", diff, re.M)
    paths = sorted({p for pair in files for p in pair if p != "/dev/null"})
    return subject, author, msg, paths


def first_word_problem(word):
    w = word.lower().rstrip(":")
    if w in NOT_IMPERATIVE:
        return f"'{word}' does not start an imperative sentence"
    if w.endswith("ed") and w not in IMPERATIVE_ED:
        return f"'{word}' is past tense; use the imperative ('{word[:-2]}...')"
    if w.endswith("ing") and w not in IMPERATIVE_ING:
        return f"'{word}' is a gerund; use the imperative"
    if (w.endswith("s") and not w.endswith(("ss", "us", "is")) and
            w not in IMPERATIVE_S and len(w) > 3):
        return f"'{word}' is third person; use the imperative ('{word[:-1]}...')"
    return None


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rules = load_rules(sys.argv[1])
    errors = 0
    seen = {}
    for path in sys.argv[2:]:
        name = path.rsplit("/", 1)[-1]
        subject, author, msg, paths = parse_patch(path)
        problems = []
        m = re.match(r"^\[(RFC )?PATCH[^\]]*\]\s*(.*)$", subject)
        summary_line = m.group(2) if m else subject
        if name.endswith("0000-cover-letter.patch"):
            continue
        if not paths:
            problems.append("touches no file")
        # Longest allowed prefix that the subject starts with.
        allowed = set()
        for p in paths:
            for glob, prefixes in rules:
                if glob_match(p, glob):
                    allowed.update(prefixes)
                    break
            else:
                problems.append(f"no subject rule for path {p} (add one to tools/subject-prefixes)")
        used = None
        for prefix in sorted(allowed, key=len, reverse=True):
            if prefix != "*" and summary_line.startswith(prefix + " "):
                used = prefix
                break
        if used is None:
            mp = re.match(r"^((?:[\w./-]+: )+)", summary_line)
            have = mp.group(1).strip() if mp else "(none)"
            want = " or ".join(sorted(a for a in allowed if a != "*")) or "(none)"
            problems.append(f"subject prefix '{have}' is not allowed for {', '.join(paths) or 'no path'}; use {want}")
            summary = summary_line.split(": ")[-1]
        else:
            summary = summary_line[len(used) + 1:]
        if summary and not summary[0].isupper():
            problems.append(f"summary must start with a capital: '{summary}'")
        words = summary.split()
        if words:
            w = first_word_problem(words[0])
            if w:
                problems.append(w)
        else:
            problems.append("empty summary")
        if len(summary_line) > MAX_SUBJECT:
            problems.append(f"subject is {len(summary_line)} characters (at most {MAX_SUBJECT})")
        if summary_line.endswith("."):
            problems.append("subject ends with a period")
        key = summary_line.lower()
        if key in seen:
            problems.append(f"subject duplicates {seen[key]}")
        seen[key] = name
        sobs = re.findall(r"^Signed-off-by:\s*(.+)$", msg, re.M)
        if not sobs:
            problems.append("no Signed-off-by")
        elif author and not any(s.strip().lower() == author.strip().lower() for s in sobs):
            problems.append(f"no Signed-off-by from the author ({author})")
        for p in problems:
            print(f"{name}: {p}")
        errors += bool(problems)
    total = len([p for p in sys.argv[2:] if not p.endswith("0000-cover-letter.patch")])
    print(f"subjects: {total - errors} of {total} patches clean")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
