#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a format-patch file into an mbox message from the poster.

Usage: poster.py PATCH TO CC PLACEHOLDER POSTER
The placeholder author (From:) and sign-off become the poster's; a real
author's From: stays (git send-email then adds it to the body).  TO and
CC (comma-separated, may be empty) are added as headers.  Writes the
message to standard output.
"""
import email.utils
import sys


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    path, to, cc, placeholder, poster = sys.argv[1:6]
    text = open(path).read()
    head, sep, body = text.partition("\n\n")
    header_poster = email.utils.formataddr(email.utils.parseaddr(poster))
    head = "\n".join("From: " + header_poster if line == "From: " + placeholder
                     else line for line in head.split("\n"))
    if not poster.isascii() and "\nContent-Type:" not in head:
        head += ("\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8"
                 "\nContent-Transfer-Encoding: 8bit")
    body = "\n".join("Signed-off-by: " + poster
                     if line == "Signed-off-by: " + placeholder else line
                     for line in body.split("\n"))
    extra = ""
    if to:
        extra += "\nTo: " + to
    if cc:
        extra += "\nCc: " + cc
    sys.stdout.write(head + extra + sep + body)


if __name__ == "__main__":
    main()
