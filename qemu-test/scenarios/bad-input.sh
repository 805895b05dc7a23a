# SPDX-License-Identifier: GPL-2.0
# bad-input: bounded random sweeps of malformed input to the guest
# interfaces on the error path: debugfs powerpc/eeh_dev_check and
# eeh_dev_break (they feed the EEH detector), eeh_max_freezes (read by
# the recovery policy) and, where the kernel has it, the rebind_unhandled
# module parameter.  Each write must fail and change nothing: the value
# reads back the same, no PE is frozen or reset, and the e1000 still
# passes traffic.  RTAS arguments and QMP are swept by QEMU's qtest
# (tests/qtest/spapr-eeh-test.c, bad-rtas and bad-qmp).
# Parameters: PCIERR_BAD_INPUTS (per interface, default 50).

SCENARIO_NEEDS="emulated-eeh"
INPUTS=${PCIERR_BAD_INPUTS:-50}
SCENARIO_TIMEOUT=$((120 + INPUTS))

scenario_qemu() {
	echo "-device spapr-pci-host-bridge,index=1,id=phb1,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-netdev user,id=n0,restrict=on"
	echo "-device e1000,netdev=n0,bus=phb1.0,id=nic0"
}

scenario_guest() {
	echo "INPUTS=$INPUTS"
	cat <<'GUEST'
. /lib/pcierr.sh
param=$(ls /sys/module/*/parameters/rebind_unhandled 2>/dev/null | head -n1)
# The base release has no rebind_unhandled: one result fewer, not a skip.
if [ -n "$param" ]; then plan 7; else plan 6; fi
check "EEH is enabled (the PHB offers emulated EEH)" eeh_enabled
nic=$(pci_find 8086:100e)
net_up "$(net_of "$nic")"
dbg=/sys/kernel/debug/powerpc
resets0=$(eeh_stat eeh_slot_resets)
rnd() {	# rnd N: N random bytes as hex digits
	head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'
}
# bad_addr: a malformed or absent PCI address, never one that parses to
# this guest's device (the kernel reads "%x:%x:%x.%x" and ignores the rest;
# device 0 with a function of 9 or more is devfn 9 or more)
bad_addr() {
	case $(($(rnd 1 | sed 's/^/0x/') % 7)) in
	0) echo "zz$(rnd 3)" ;;
	1) echo "ffff:00:00.0" ;;
	2) echo "0001:00:1f.7" ;;
	3) echo "0001:00:00.$((9 + $(rnd 1 | sed 's/^/0x/')))" ;;
	4) echo "1:2" ;;
	5) echo ":::." ;;
	6) echo "$(rnd 40)" ;;
	esac
}
# bad_num: not an unsigned number
bad_num() {
	case $(($(rnd 1 | sed 's/^/0x/') % 4)) in
	0) echo "-$((1 + $(rnd 1 | sed 's/^/0x/')))" ;;
	1) echo "x$(rnd 4)" ;;
	2) echo "12 34" ;;
	3) echo "0x" ;;
	esac
}
# bad_bool: what kstrtobool() refuses
bad_bool() {
	case $(($(rnd 1 | sed 's/^/0x/') % 3)) in
	0) echo "2" ;;
	1) echo "maybe" ;;
	2) echo "x$(rnd 3)" ;;
	esac
}
# sweep FILE GENERATOR: INPUTS writes; each must fail, FILE must read the same
sweep() {
	local f=$1 gen=$2 before v i=0 bad=0
	before=$(cat "$f" 2>/dev/null)
	while [ $i -lt $INPUTS ]; do
		v=$($gen)
		if printf '%s' "$v" > "$f" 2>/dev/null; then
			log "$f accepted '$v'"
			bad=$((bad + 1))
		fi
		[ "$(cat "$f" 2>/dev/null)" = "$before" ] || { log "$f changed after '$v'"; bad=$((bad + 1)); }
		i=$((i + 1))
	done
	fact "swept $f $INPUTS $bad"
	[ $bad -eq 0 ]
}
check "eeh_dev_check refuses $INPUTS bad addresses" sweep $dbg/eeh_dev_check bad_addr
check "eeh_dev_break refuses $INPUTS bad addresses" sweep $dbg/eeh_dev_break bad_addr
check "eeh_max_freezes refuses $INPUTS non-numbers and keeps its value" sweep $dbg/eeh_max_freezes bad_num
[ -z "$param" ] || check "$param refuses $INPUTS non-booleans" sweep "$param" bad_bool
check "no PE was frozen or reset" [ "$(eeh_stat eeh_slot_resets)" -eq "$resets0" ]
usable() { ! pe_frozen $nic && ping -c 3 -W 2 10.0.2.2; }
check "the e1000's PE is active and passes traffic" usable
GUEST
}

scenario_verify() {
	host_check "QEMU never froze the PE" test "$(qemu_freezes phb1)" = 0
	diag "$(sed -n 's/\r$//; s/^pcierr-fact: swept //p' "$SCENARIO_DIR/console.log" | awk '{ printf "%s: %s tried, %s wrong; ", $1, $2, $3 }')"
}
