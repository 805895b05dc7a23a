# SPDX-License-Identifier: GPL-2.0
# reset-fails: the firmware fails the PE resets the guest asks for.
#
# QMP x-spapr-eeh-fail-resets makes the next N ibm,set-slot-reset calls of
# phb1 fail with a hardware error.  Round "retry": one reset fails, the
# guest's second attempt works, and the e1000 recovers through its
# handlers.  Round "dead": every attempt fails (EEH makes three), and the
# e1000 must be cleanly removed: gone from sysfs, its driver told, no
# console badness.  The e1000 on phb2 is a bystander and must keep working.

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=300

scenario_qemu() {
	e1000_phbs 2
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 7
check "EEH is enabled (the PHBs offer emulated EEH)" eeh_enabled
echo 100 > /sys/kernel/debug/powerpc/eeh_max_freezes
d1=0001:00:00.0 d2=0002:00:00.0
both_up() { e1000_up $d1 2 && e1000_up $d2 3; }
check "both e1000s pass traffic" both_up
resets0=$(eeh_stat eeh_slot_resets)

mark "freeze retry"
active() { ! pe_frozen $d1 && ping -c 1 -W 1 10.0.2.2 > /dev/null; }
wait_for 60 stat_ge eeh_slot_resets $((resets0 + 1))
check "one failed reset: the e1000 recovers on the next attempt" wait_for 60 active
mark "usable retry"

mark "freeze dead"
check "every reset failed: the e1000 is removed" wait_for 120 gone /sys/bus/pci/devices/$d1
mark "removed dead"
check "the bystander on phb2 passes traffic" ping -c 3 -W 2 10.0.3.2
bystander_active() { ! pe_frozen $d2; }
check "the bystander's PE is active" bystander_active
check "a rescan does not bring the dead e1000 back bound to a frozen PE" \
	sh -c "echo 1 > /sys/bus/pci/rescan; sleep 2; [ ! -e /sys/bus/pci/devices/$d1/driver ] || ! ping -c 1 -W 1 10.0.2.2 > /dev/null"
GUEST
}

fail_resets() {	# fail_resets N: QEMU fails the next N resets of phb1
	qmp "{\"execute\": \"x-spapr-eeh-fail-resets\", \"arguments\": {\"path\": \"phb1\",
	      \"count\": $1}}" > /dev/null
}

scenario_host() {
	wait_console "^pcierr-mark: freeze retry\$" 120 || return 1
	fail_resets 1 || return 1
	sleep 1
	eeh_freeze phb1 > /dev/null || return 1
	wait_console "^pcierr-mark: usable retry\$" 120 || return 1
	eeh_qom phb1 x-eeh-fail-resets > "$SCENARIO_DIR/left.retry"
	wait_console "^pcierr-mark: freeze dead\$" 60 || return 1
	fail_resets 3 || return 1
	sleep 1
	eeh_freeze phb1 > /dev/null || return 1
	wait_console "^pcierr-mark: removed dead\$" 180 || return 1
	eeh_qom phb1 x-eeh-fail-resets > "$SCENARIO_DIR/left.dead"
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log
	host_check "QEMU froze phb1 twice and phb2 never" \
		test "$(qemu_freezes phb1)" = 2 -a "$(qemu_freezes phb2)" = 0
	host_check "the guest used up the failing resets (none left either time)" \
		test "$(cat "$SCENARIO_DIR/left.retry" 2>/dev/null)" = 0 -a "$(cat "$SCENARIO_DIR/left.dead" 2>/dev/null)" = 0
	host_check "the guest retried the failed reset and succeeded" \
		grep -q 'EEH: PHB#1-PE#1: Successful reset (attempt 2)' "$con"
	host_check "the first recovery succeeded, the second failed" \
		test "$(grep -c 'EEH: Recovery successful' "$con")" -eq 1 -a \
		"$(grep -c 'EEH: Unable to recover from failure from PHB#1-PE#1' "$con")" -eq 1
	host_check "the guest never recovered phb2" sh -c "! grep -q 'EEH: Recovering PHB#2' '$con'"
}
