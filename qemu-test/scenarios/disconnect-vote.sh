# SPDX-License-Identifier: GPL-2.0
# disconnect-vote: a driver that votes to disconnect its device.
#
# The test driver qemu-test/aer/aer-vote.c (loaded as a module) drives an
# edu on phb1 and votes as the guest tells it.  Round "reset": it asks for
# a reset and recovers, and its device answers with verified data again.
# Round "gone": after the reset it votes DISCONNECT, and the device must be
# removed cleanly (its driver told, gone from sysfs).  The driver is then
# bound to the edu on phb2.  Round "detect": it votes DISCONNECT at once,
# and the device must be removed without a reset.  The e1000 on phb3 is a
# bystander and must keep working.

SCENARIO_NEEDS="emulated-eeh modules"
SCENARIO_TIMEOUT=300

scenario_qemu() {
	local i
	for i in 1 2; do
		echo "-device spapr-pci-host-bridge,index=$i,id=phb$i,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
		echo "-device edu,bus=phb$i.0,id=edu$i"
	done
	echo "-device spapr-pci-host-bridge,index=3,id=phb3,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-netdev user,id=n3,restrict=on,net=10.0.4.0/24"
	echo "-device e1000,netdev=n3,bus=phb3.0,id=nic3"
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 21
check "EEH is enabled (the PHBs offer emulated EEH)" eeh_enabled
echo 100 > /sys/kernel/debug/powerpc/eeh_max_freezes
e1=0001:00:00.0 e2=0002:00:00.0 nic=0003:00:00.0
P=/sys/module/aer_vote/parameters
D=/sys/bus/pci/drivers/aer-vote
# live: the bound edu inverts a new value written to it (verified data).
live() { case "$(cat $P/check)" in ok*) return 0 ;; esac; return 1; }
# dead: a read of the bound edu fails ("bad"), or the driver keeps off it
# during the recovery ("offline"); on a frozen PE the read is also what
# makes the guest notice the freeze.
dead() { case "$(cat $P/check)" in bad*|offline) return 0 ;; esac; return 1; }
said() { dmesg | grep -c "aer-vote: $1"; }
check "the test driver loads" insmod /lib/modules/aer-vote.ko
check "it binds the edu on phb1" wait_for 10 test -e $D/$e1
check "and not the one on phb2 (one device at a time)" \
	test -e /sys/bus/pci/devices/$e2 -a ! -e $D/$e2 -a "$(said "busy, not binding $e2")" = 1
check "the edu on phb1 reads its identification in QEMU's byte order" \
	test "$(cat $P/ident)" = 0x010000ed
check "the edu on phb1 answers with verified data" live
check "the bystander e1000 on phb3 passes traffic" e1000_up $nic 4

echo need_reset > $P/detected
echo recovered > $P/slot_reset
mark "freeze reset"
check "round reset: the read after the freeze fails" wait_for 30 dead
check "round reset: the edu answers with verified data after the recovery" wait_for 60 live
check "round reset: the driver was told, reset and resumed" \
	test "$(said 'error_detected(frozen) -> need_reset')" = 1 -a \
	"$(said 'slot_reset() -> recovered')" = 1 -a "$(said 'resume()')" = 1

echo disconnect > $P/slot_reset
mark "freeze gone"
check "round gone: the read after the freeze fails" wait_for 30 dead
check "round gone: the edu is removed after the driver's DISCONNECT" wait_for 60 gone /sys/bus/pci/devices/$e1
check "round gone: the driver voted after the reset and was removed" \
	test "$(said 'slot_reset() -> disconnect')" = 1 -a "$(said remove)" = 1

check "the driver binds the edu on phb2" sh -c "echo $e2 > $D/bind"
check "the edu on phb2 reads its identification" test "$(cat $P/ident)" = 0x010000ed
check "the edu on phb2 answers with verified data" live
slot_resets=$(said 'slot_reset()')
echo disconnect > $P/detected
mark "freeze detect"
check "round detect: the read after the freeze fails" wait_for 30 dead
check "round detect: the edu is removed after the driver's DISCONNECT" wait_for 60 gone /sys/bus/pci/devices/$e2
check "round detect: the driver voted at once, was not reset, and was removed" \
	test "$(said 'error_detected(frozen) -> disconnect')" = 1 -a \
	"$(said 'slot_reset()')" = "$slot_resets" -a "$(said remove)" = 2
check "the bystander on phb3 passes traffic" ping -c 3 -W 2 10.0.4.2
bystander_active() { test -r /sys/bus/pci/devices/$nic/eeh_pe_state && ! pe_frozen $nic; }
check "the bystander's PE is active" bystander_active
GUEST
}

scenario_host() {
	local round
	for round in "reset phb1" "gone phb1" "detect phb2"; do
		set -- $round
		wait_console "^pcierr-mark: freeze $1\$" 120 || return 1
		sleep 1
		eeh_freeze "$2" > /dev/null || return 1
	done
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log
	host_check "QEMU froze phb1 twice, phb2 once and phb3 never" \
		test "$(qemu_freezes phb1)" = 2 -a "$(qemu_freezes phb2)" = 1 -a "$(qemu_freezes phb3)" = 0
	host_check "the guest reported one recovery and two failures" \
		test "$(grep -c 'EEH: Recovery successful' "$con")" -eq 1 -a \
		"$(grep -c 'EEH: Unable to recover from failure' "$con")" -eq 2
	host_check "the guest never recovered phb3" sh -c "! grep -q 'EEH: Recovering PHB#3' '$con'"
	host_check "the guest did not reset phb2's PE after the DISCONNECT at once" \
		sh -c "sed -n '/^pcierr-mark: freeze detect/,\$p' '$con' | grep -q 'EEH: Recovering PHB#2-PE#1' &&
		       ! sed -n '/^pcierr-mark: freeze detect/,\$p' '$con' | grep -q 'EEH: Reset'"
}
