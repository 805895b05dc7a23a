# SPDX-License-Identifier: GPL-2.0
# remove-recovering: sysfs remove and rescan of a device while its own PE
# is being recovered.
#
# Round "detected": remove once the guest has told the drivers of the
# error; round "reset": remove once the PE is in its reset window.  The
# remove waits for the rescan lock or runs inside a window where the
# recovery does not hold it; either way the recovery must end without a
# crash or badness, the device must be cleanly removed, and a rescan must
# bring it back, bound and passing traffic.  The e1000 on phb2 is a
# bystander.

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=300
SCENARIO_KARGS="printk.time=1"

scenario_qemu() {
	e1000_phbs 2
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 6
check "EEH is enabled (the PHBs offer emulated EEH)" eeh_enabled
echo 100 > /sys/kernel/debug/powerpc/eeh_max_freezes
d1=0001:00:00.0 d2=0002:00:00.0
both_up() { e1000_up $d1 2 && e1000_up $d2 3; }
check "both e1000s pass traffic" both_up
# round NAME LOGLINE: freeze, wait for LOGLINE, remove the device, rescan
round() {
	local n0
	n0=$(dmesg | grep -c "$2")
	mark "freeze $1"
	# Detect at once, before e1000's watchdog (every 2 s) gets there.
	poll_for 30 pe_frozen $d1
	echo $d1 > /sys/kernel/debug/powerpc/eeh_dev_check
	seen() { [ "$(dmesg | grep -c "$2")" -gt "$n0" ]; }
	poll_for 60 seen "$1" "$2" || { log "$1: never saw '$2'"; return 1; }
	echo 1 > /sys/bus/pci/devices/$d1/remove
	log "$1: removed at $(cut -d' ' -f1 /proc/uptime)"
	wait_for 60 gone /sys/bus/pci/devices/$d1 || { log "$1: still there"; return 1; }
	# The recovery ends (with the device gone) before the rescan.
	sleep 8
	echo 1 > /sys/bus/pci/rescan
	wait_for 20 test -e /sys/bus/pci/devices/$d1/driver || { log "$1: not bound after rescan"; return 1; }
	e1000_up $d1 2 || { log "$1: no traffic after rescan"; return 1; }
	mark "usable $1"
}
check "removed after the drivers were told: rescanned e1000 passes traffic" \
	round detected 'EEH: Notify device drivers to shutdown'
check "removed in the reset window: rescanned e1000 passes traffic" \
	round reset 'EEH: Reset without hotplug activity'
check "the bystander on phb2 passes traffic" ping -c 3 -W 2 10.0.3.2
bystander_active() { ! pe_frozen $d2; }
check "the bystander's PE is active" bystander_active
GUEST
}

scenario_host() {
	local r
	for r in detected reset; do
		wait_console "^pcierr-mark: freeze $r\$" 180 || return 1
		sleep 1
		eeh_freeze phb1 > /dev/null || return 1
	done
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log
	# A rescan that moves BARs may make a master abort, which freezes
	# the PE once more: at least the two freezes of the rounds.
	host_check "QEMU froze phb1 (at least twice) and phb2 never" \
		test "$(qemu_freezes phb1)" -ge 2 -a "$(qemu_freezes phb2)" = 0
	diag "QEMU froze phb1 $(qemu_freezes phb1) times"
	host_check "the guest never recovered phb2" sh -c "! grep -q 'EEH: Recovering PHB#2' '$con'"
	diag "$(sed -n 's/\r$//; s/^pcierr: # //p' "$con" | grep -E 'removed at|never saw|still there|not bound|no traffic' | tr '\n' ';')"
}
