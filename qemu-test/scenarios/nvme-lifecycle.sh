# SPDX-License-Identifier: GPL-2.0
# nvme-lifecycle: the nvme driver's life cycle around recovery.
#
# With I/O before each step: unbind and bind the nvme driver, and reset
# the controller (sysfs reset_controller); then a freeze, and once it is
# recovered, unbind and bind again; then a second freeze with a
# controller reset asked for while EEH resets the PE.  After each step
# a new pattern writes and reads back (O_DIRECT), and the first pattern,
# written before all of it, still reads back; both freezes are detected
# and recovered through nvme's handlers.  The console scan catches a
# driver that warns on the way.

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=360
SCENARIO_KARGS="nvme_core.io_timeout=5"

scenario_qemu() {
	truncate -s 64M "$SCENARIO_DIR/nvme.img"
	echo "-device spapr-pci-host-bridge,index=1,id=phb1,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-drive file=$SCENARIO_DIR/nvme.img,if=none,id=d0,format=raw,cache=none"
	echo "-device nvme,drive=d0,serial=pcierr0,bus=phb1.0,id=nvme0"
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 9
check "EEH is enabled (the PHB offers emulated EEH)" eeh_enabled
d1=0001:00:00.0 D=/sys/bus/pci/drivers/nvme
disk() { nvme_disk_of $d1; }
sum0=$(pattern_write "$(disk)" 0 2)
check "nvme writes and reads back 2 MiB" [ -n "$sum0" ]
# works N: the first pattern still reads back and a new one at N MiB
# writes and reads back
works() {
	local b
	b=$(disk) && [ -n "$b" ] && [ -e /dev/$b ] || return 1
	[ "$(dd if=/dev/$b bs=1M count=2 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$sum0" ] &&
		[ -n "$(pattern_write "$b" "$1" 2)" ]
}
rebind() {
	echo $d1 > $D/unbind || return 1
	[ ! -e /sys/bus/pci/devices/$d1/driver ] || return 1
	echo $d1 > $D/bind || return 1
	wait_for 30 works "$1"
}
ctrl() { ls -d /sys/bus/pci/devices/$d1/nvme/nvme* 2>/dev/null | head -n1; }
reset_ctrl() { echo 1 > "$(ctrl)/reset_controller" && wait_for 30 works "$1"; }
check "unbind with I/O done, then bind: the disk works" rebind 4
check "controller reset: the disk works" reset_ctrl 8

resets0=$(eeh_stat eeh_slot_resets)
mark "freeze 1"
# nvme detects a freeze on its next I/O (timeout, then a CSTS read):
# read while waiting for the detector to count it.
detected() {
	dd if=/dev/$(disk) of=/dev/null bs=4k count=1 iflag=direct 2>/dev/null
	stat_ge eeh_slot_resets $((resets0 + 1))
}
recovered1() { wait_for 90 detected && wait_for 90 works 12; }
check "freeze 1 detected and recovered: the disk works" recovered1
mark "usable 1"
check "after the recovery, unbind, then bind: the disk works" rebind 16

resets0=$(eeh_stat eeh_slot_resets)
in_reset0=$(dmesg | grep -c 'EEH: Reset without hotplug activity')
done0=$(dmesg | grep -c 'EEH: Recovery successful')
in_reset() { [ "$(dmesg | grep -c 'EEH: Reset without hotplug activity')" -gt "$in_reset0" ]; }
done_now() { [ "$(dmesg | grep -c 'EEH: Recovery successful')" -gt "$done0" ]; }
mark "freeze 2"
reset_in_window() {
	wait_for 90 detected && poll_for 60 in_reset || return 1
	echo 1 > "$(ctrl)/reset_controller" 2>/dev/null
	log "controller reset asked for $(done_now && echo after || echo inside) the recovery"
	wait_for 90 done_now && wait_for 90 works 20
}
check "freeze 2: controller reset inside the reset window: the disk works" reset_in_window
mark "usable 2"
check "EEH recovered both freezes" [ "$(dmesg | grep -c 'EEH: Recovery successful')" -eq 2 ]
check "the nvme is bound to its driver" [ "$(pci_driver $d1)" = nvme ]
GUEST
}

scenario_host() {
	freeze_rounds phb1 2 180
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log
	host_check "QEMU froze the PE at least 2 times ($(qemu_freezes phb1))" test "$(qemu_freezes phb1)" -ge 2
	host_check "the guest detected 2 freezes (EEH: Recovering PHB#1-PE#1)" \
		test "$(grep -c 'EEH: Recovering PHB#1-PE#1' "$con")" -eq 2
	host_check "every recovery went through nvme's handlers, none through hotplug" \
		test "$(grep -c 'EEH: Reset without hotplug activity' "$con")" -eq 2 -a \
		"$(grep -c 'EEH: Reset with hotplug activity' "$con")" -eq 0
}
