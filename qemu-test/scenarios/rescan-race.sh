# SPDX-License-Identifier: GPL-2.0
# rescan-race: sysfs remove and rescan of a device on one PHB while a PE
# of another PHB is in the reset window of its recovery.
#
# The e1000 on phb1 is frozen; once the guest's log says the PE is being
# reset, the guest removes the e1000 on phb2 through sysfs and rescans
# the bus.  Passes when both devices pass traffic afterwards and the
# console is clean (on the debug kernel: lockdep).  Whether the remove
# and rescan ended inside the reset window (they wait for the rescan
# lock, which the series no longer holds across resets) is reported as a
# fact, not judged: it depends on timing.

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=300
SCENARIO_KARGS="printk.time=1"

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
in_reset() { dmesg | grep -q 'EEH: Reset without hotplug activity'; }
recovered() { dmesg | grep -q 'EEH: Recovery successful'; }
mark "freeze phb1"
wait_for 30 pe_frozen $d1
echo $d1 > /sys/kernel/debug/powerpc/eeh_dev_check
wait_for 60 in_reset
log "reset window open at $(cut -d' ' -f1 /proc/uptime)"
echo 1 > /sys/bus/pci/devices/$d2/remove
log "remove of $d2 done at $(cut -d' ' -f1 /proc/uptime)"
removed_in_window=no
recovered || removed_in_window=yes
echo 1 > /sys/bus/pci/rescan
log "rescan done at $(cut -d' ' -f1 /proc/uptime)"
rescanned_in_window=no
recovered || rescanned_in_window=yes
log "remove ended inside the reset window: $removed_in_window; rescan: $rescanned_in_window"
check "the frozen e1000 recovers and passes traffic" wait_for 60 ping -c 1 -W 1 10.0.2.2
check "the rescan brought $d2 back with its driver" wait_for 20 test -e /sys/bus/pci/devices/$d2/driver
check "the rescanned e1000 passes traffic" e1000_up $d2 3
check "the frozen e1000 still passes traffic" ping -c 3 -W 1 10.0.2.2
check "EEH recovered exactly one PE" [ "$(dmesg | grep -c 'EEH: Recovery successful')" -eq 1 ]
GUEST
}

scenario_host() {
	wait_console "^pcierr-mark: freeze phb1\$" 120 || return 1
	eeh_freeze phb1 > /dev/null
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log
	host_check "the guest detected the freeze of phb1" \
		grep -q 'EEH: Recovering PHB#1-PE#1' "$con"
	host_check "the guest recovered nothing on phb2" \
		sh -c "[ \"\$(grep -c 'EEH: Recovering PHB#2' '$con')\" -eq 0 ]"
}
