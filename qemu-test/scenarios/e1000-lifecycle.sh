# SPDX-License-Identifier: GPL-2.0
# e1000-lifecycle: the driver's life cycle around recovery.
#
# With the interface up and passing traffic: unbind and bind the e1000
# driver (the path of rmmod and of a hotplug removal), and take the link
# down and up; then a freeze, and once it is recovered, unbind and bind
# again; then a second freeze, with the link taken down inside the
# recovery's reset window and up after it.  Each step ends with the NIC
# passing traffic; both freezes are detected and recovered through the
# driver's handlers.  The console scan catches a driver that warns on the
# way (e.g. NAPI left enabled when the interface is unregistered).

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=300

scenario_qemu() {
	e1000_phbs 1
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 9
check "EEH is enabled (the PHB offers emulated EEH)" eeh_enabled
d1=0001:00:00.0 D=/sys/bus/pci/drivers/e1000
check "the e1000 passes traffic" e1000_up $d1 2
rebind() {
	echo $d1 > $D/unbind || return 1
	[ ! -e /sys/bus/pci/devices/$d1/driver ] || return 1
	echo $d1 > $D/bind || return 1
	wait_for 10 test -e /sys/bus/pci/devices/$d1/net && e1000_up $d1 2
}
link_cycle() {
	ip link set "$(net_of $d1)" down && ip link set "$(net_of $d1)" up &&
		wait_for 20 ping -c 1 -W 1 10.0.2.2 > /dev/null
}
answers() { ping -c 1 -W 1 10.0.2.2 > /dev/null; }
check "unbind with the link up, then bind: passes traffic" rebind
check "link down and up: passes traffic" link_cycle

resets0=$(eeh_stat eeh_slot_resets)
mark "freeze 1"
recovered1() { wait_for 60 stat_ge eeh_slot_resets $((resets0 + 1)) && wait_for 90 answers; }
check "freeze 1 detected and recovered: passes traffic" recovered1
mark "usable 1"
check "after the recovery, unbind with the link up, then bind: passes traffic" rebind

resets0=$(eeh_stat eeh_slot_resets)
in_reset0=$(dmesg | grep -c 'EEH: Reset without hotplug activity')
done0=$(dmesg | grep -c 'EEH: Recovery successful')
in_reset() { [ "$(dmesg | grep -c 'EEH: Reset without hotplug activity')" -gt "$in_reset0" ]; }
done_now() { [ "$(dmesg | grep -c 'EEH: Recovery successful')" -gt "$done0" ]; }
mark "freeze 2"
down_in_window() {
	wait_for 60 stat_ge eeh_slot_resets $((resets0 + 1)) && poll_for 60 in_reset || return 1
	ip link set "$(net_of $d1)" down || return 1
	log "link down $(done_now && echo after || echo inside) the recovery"
	wait_for 90 done_now && ip link set "$(net_of $d1)" up &&
		wait_for 30 answers
}
check "freeze 2: link down in the reset window, up after it: passes traffic" down_in_window
mark "usable 2"
check "EEH recovered both freezes" [ "$(dmesg | grep -c 'EEH: Recovery successful')" -eq 2 ]
check "the e1000 is bound and passes traffic" sh -c "[ -e /sys/bus/pci/devices/$d1/driver ] && ping -c 3 -W 2 10.0.2.2"
GUEST
}

scenario_host() {
	freeze_rounds phb1 2 150
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log n
	n=$(qemu_freezes phb1)
	# Taking the link down inside the reset window runs e1000_close(),
	# which may touch the device while the reset has its decoding off:
	# QEMU then counts a master abort as one more freeze of a PE that is
	# being reset, which is no new error for the guest.
	host_check "QEMU froze the PE at least 2 times ($n)" test "${n:-0}" -ge 2
	diag "QEMU freezes of phb1: $n (2 by the host; more: master aborts)"
	host_check "the guest detected 2 freezes (EEH: Recovering PHB#1-PE#1)" \
		test "$(grep -c 'EEH: Recovering PHB#1-PE#1' "$con")" -eq 2
	host_check "every recovery went through e1000's handlers, none through hotplug" \
		test "$(grep -c 'EEH: Reset without hotplug activity' "$con")" -eq 2 -a \
		"$(grep -c 'EEH: Reset with hotplug activity' "$con")" -eq 0
}
