#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-test of the QEMU harness: the console scan catches badness and
# allows exactly EEH's own stack report; the QMP client reports bad input;
# and booted scenarios whose checks fail, whose guest plan is not met, whose
# console shows a WARNING (echoed by the guest, or a real WARN() of the
# kernel), or whose guest hangs are reported as failed; a kernel built
# without CONFIG_BUG is refused; and a freeze scenario fails when the
# freeze never reaches the guest.
# Prints TAP and "N passed, N failed, N skipped".
#
# Usage: qemu-test/selftest.sh [KERNEL_DIR]   (the boots need a vmlinux)
set -uo pipefail
PCIERR_TOOL=harness-selftest
. "$(dirname "$0")/../tools/lib/common.sh"
here=$PCIERR_TOP/qemu-test
kdir=${1:-$PCIERR_BUILD/out/pseries}
built=$PCIERR_BUILD/qemu/build-${QEMU_VERSION:-10.2.2}/qemu-system-ppc64
[ -n "${QEMU:-}" ] || { [ -x "$built" ] && QEMU=$built; }
QEMU=${QEMU:-qemu-system-ppc64}
export QEMU
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0 pass=0 fail=0
result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n $2"; pass=$((pass + 1))
	else
		echo "not ok $n $2"; fail=$((fail + 1))
		[ -s "$tmp/out" ] && sed 's/^/# /' "$tmp/out" | tail -n 30
	fi
}

echo "TAP version 13"
echo "1..17"

scan() { printf '%b' "$1" > "$tmp/log"; "$here/console-badness.sh" "$tmp/log" > "$tmp/out" 2>&1; }
scan '[    1.000] ok\n[    2.000] WARNING: CPU: 1 PID: 7 at drivers/pci/pci.c:1 x\n'
[ $? -eq 1 ] && grep -q "WARNING: CPU: 1" "$tmp/out"
result $? "console scan catches a WARNING"
scan 'Oops: Kernel access of bad area\n'
[ $? -eq 1 ]
result $? "console scan catches an oops"
scan '[ 3.1] ============================================\n[ 3.1] WARNING: possible circular locking dependency detected\n'
[ $? -eq 1 ]
result $? "console scan catches a lockdep report"
scan '[ 4.0] EEH: Call Trace:\n[ 4.0] EEH: [c000000000054a1c] __eeh_send_failure_event+0x7c/0x150\n[ 4.0] EEH: [c000000000053d0c] eeh_dev_check_failure+0x2ac/0x6f0\n'
result $? "console scan allows EEH's own detection stack report"
scan '[ 4.0] EEH: Call Trace:\n[ 4.1] Call Trace:\n[ 4.1] [c000000000054a1c] dump_stack+0x1c/0x30\n'
[ $? -eq 1 ] && grep -q "4.1\] Call Trace\|Call Trace:$" "$tmp/out" && ! grep -q "EEH: Call Trace" "$tmp/out"
result $? "console scan allows only EEH's lines, not a plain Call Trace beside them"

python3 "$here/lib/qmp.py" "$tmp/no-such.sock" '{"execute":"query-status"}' > "$tmp/out" 2>&1
[ $? -eq 2 ] && grep -q "cannot connect" "$tmp/out"
result $? "qmp client reports a missing socket"

# Booted: a scenario with a failing guest check, an unmet plan, a failing
# host check and a WARNING on the console must fail, naming each.
if [ ! -f "$kdir/vmlinux" ]; then
	for d in "runner fails the scenario" "failing guest check reported" \
		"unmet guest plan reported" "failing host check reported" \
		"console WARNING reported" "hung guest killed at the timeout" \
		"kernel WARN() fails the scenario" "it is the kernel's own warning"; do
		n=$((n + 1)); fail=$((fail + 1))
		echo "not ok $n $d # no vmlinux in $kdir"
	done
else
	PCIERR_SCENARIOS=$here/selftest-scenarios "$here/run" -k "$kdir" -o "$tmp/results" \
		must-fail > "$tmp/out" 2>&1
	grep -q "^not ok 1 must-fail$" "$tmp/out" && grep -q "^0 passed, 1 failed" "$tmp/out"
	result $? "runner fails a scenario with broken checks"
	grep -q "    not ok [0-9]* a guest check that fails" "$tmp/out" &&
		grep -q "    ok [0-9]* a guest check that passes" "$tmp/out"
	result $? "failing guest check reported, passing one kept"
	grep -q "    not ok [0-9]* guest reported 2 results, planned 3" "$tmp/out"
	result $? "unmet guest plan reported"
	grep -q "    not ok [0-9]* host: a host check that fails" "$tmp/out"
	result $? "failing host check reported"
	grep -q "    not ok [0-9]* console badness" "$tmp/out" &&
		grep -q "injected console badness" "$tmp/out"
	result $? "console WARNING from the booted kernel reported"
	PCIERR_SCENARIOS=$here/selftest-scenarios "$here/run" -k "$kdir" -o "$tmp/results2" \
		must-time-out > "$tmp/out" 2>&1
	[ $? -ne 0 ] && grep -q "QEMU killed after the 30 s timeout" "$tmp/out" &&
		grep -q "^not ok 1 must-time-out$" "$tmp/out"
	result $? "hung guest killed at the timeout and reported"
	# The kernel's own WARN(): every guest check passes, only the
	# console scan can fail it.
	PCIERR_SCENARIOS=$here/selftest-scenarios "$here/run" -k "$kdir" -o "$tmp/results4" \
		must-warn > "$tmp/out" 2>&1
	[ $? -ne 0 ] && grep -q "^not ok 1 must-warn$" "$tmp/out" &&
		grep -q "    ok [0-9]* the test driver is asked to WARN" "$tmp/out" &&
		grep -q "    not ok [0-9]* console badness" "$tmp/out"
	result $? "a kernel WARN() fails a scenario whose guest checks all pass"
	grep -qE "console: [0-9]+:WARNING: .*aer-vote\.c:[0-9]+.*warn_set" "$tmp/out"
	result $? "the failure names the kernel's warning (file, line and function)"
fi

# A kernel that cannot print a warning is refused before it boots.
mkdir -p "$tmp/nobug"
: > "$tmp/nobug/vmlinux"
printf '# CONFIG_BUG is not set\n' > "$tmp/nobug/.config"
"$here/run" -k "$tmp/nobug" smoke > "$tmp/out" 2>&1
[ $? -ne 0 ] && grep -q "without CONFIG_BUG=y" "$tmp/out"
result $? "runner refuses a kernel built without CONFIG_BUG"

# Negative control for the freeze scenarios: with emulated EEH off, the
# host cannot freeze and the guest never sees a freeze, so the e1000
# scenario must fail, and say why.
if [ -f "$kdir/vmlinux" ] && "$QEMU" -M pseries -device spapr-pci-host-bridge,help 2>/dev/null |
	grep -q x-emulated-eeh=; then
	PCIERR_EMULATED_EEH=off PCIERR_E1000_FREEZES=1 "$here/run" -k "$kdir" \
		-o "$tmp/results3" e1000-freeze > "$tmp/out" 2>&1
	[ $? -ne 0 ] && grep -q "^not ok 1 e1000-freeze$" "$tmp/out"
	result $? "e1000-freeze fails when no freeze reaches the guest (emulated EEH off)"
	grep -q "    not ok [0-9]* EEH is enabled" "$tmp/out" &&
		grep -q "    not ok [0-9]* host: the guest detected 1 freezes" "$tmp/out" &&
		grep -q "    not ok [0-9]* recovered from all 1 freezes" "$tmp/out"
	result $? "it names the missing EEH, the missing detection and the missing recovery"
else
	for d in "e1000-freeze fails when no freeze reaches the guest" "it names what is missing"; do
		n=$((n + 1)); fail=$((fail + 1))
		echo "not ok $n $d # QEMU ${QEMU:-qemu-system-ppc64} has no emulated EEH"
	done
fi

echo "$pass passed, $fail failed, 0 skipped"
[ $fail -eq 0 ]
