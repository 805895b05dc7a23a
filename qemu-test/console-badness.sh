#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the lines of a console log that show kernel badness (warnings,
# BUGs, oopses, lockdep and KFENCE reports, stalls, panics), minus the
# expected ones in badness-allowlist.  Exit 1 if any remain.
#
# Usage: console-badness.sh CONSOLE_LOG [ALLOWLIST]
log=${1:?usage: console-badness.sh CONSOLE_LOG [ALLOWLIST]}
allow=${2:-$(dirname "$0")/badness-allowlist}
[ -r "$log" ] || { echo "console-badness: cannot read $log" >&2; exit 2; }
[ -r "$allow" ] || { echo "console-badness: cannot read $allow" >&2; exit 2; }

bad='WARNING:|BUG:|Oops|Call Trace:|Unable to handle kernel|Kernel panic|kernel BUG'
bad+='|general protection|possible recursive locking|circular locking dependency'
bad+='|inconsistent lock state|lock held when returning|suspicious RCU usage'
bad+='|INFO: task .* blocked for more than|rcu: INFO:|self-detected stall'
bad+='|soft lockup|hard LOCKUP|hung_task|KFENCE|UBSAN:|KASAN:'
bad+='|sleeping function called from invalid context|scheduling while atomic'
bad+='|list_add corruption|list_del corruption|refcount_t:|DEBUG_LOCKS_WARN_ON'
bad+='|Bad page|Machine check|Unrecoverable|Segmentation fault|segfault at'

patterns=$(grep -vE '^[[:space:]]*(#|$)' "$allow")
# Strip carriage returns and the printk timestamp, keep the line number.
hits=$(sed 's/\r$//; s/^\[ *[0-9]*\.[0-9]*\] //' "$log" | grep -nE "$bad" |
	{ if [ -n "$patterns" ]; then
		while IFS= read -r line; do
			text=${line#*:}
			echo "$text" | grep -qE "$patterns" || echo "$line"
		done
	  else cat; fi; })
if [ -n "$hits" ]; then
	echo "$hits" | head -n 40 | sed 's/^/console: /'
	exit 1
fi
exit 0
