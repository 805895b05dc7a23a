# SPDX-License-Identifier: GPL-2.0
# eeh-basic: the kernel's own selftest, tools/testing/selftests/powerpc/
# eeh/eeh-basic.sh from the tree under test, over an e1000 (PHB 1) and an
# nvme disk (PHB 2).
#
# Detection: the selftest's own injection, debugfs powerpc/eeh_dev_break
# (memory decode off, then a load from the BAR: the PHB freezes the PE on
# the master abort) and eeh_dev_check.  The script passes vacuously when
# nothing froze, so the host requires "EEH: Recovering PHB#N-PE#1" and a
# recovery on the console for each device, and QEMU's freeze counters.

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=300

scenario_qemu() {
	truncate -s 64M "$SCENARIO_DIR/nvme.img"
	echo "-device spapr-pci-host-bridge,index=1,id=phb1,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-netdev user,id=n0,restrict=on"
	echo "-device e1000,netdev=n0,bus=phb1.0,id=nic0"
	echo "-device spapr-pci-host-bridge,index=2,id=phb2,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-drive file=$SCENARIO_DIR/nvme.img,if=none,id=d0,format=raw,cache=none"
	echo "-device nvme,drive=d0,serial=pcierr0,bus=phb2.0,id=nvme0"
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 4
check "EEH is enabled (the PHBs offer emulated EEH)" eeh_enabled
cd /selftests/powerpc/eeh
sh ./eeh-basic.sh > /tmp/eeh-basic.log 2>&1
rc=$?
sed 's/^/pcierr: # eeh-basic: /' /tmp/eeh-basic.log
check "eeh-basic.sh passed (exit $rc)" [ $rc -eq 0 ]
check "eeh-basic.sh tested both devices" grep -q "0 devices failed to recover (2 tested)" /tmp/eeh-basic.log
nic=$(pci_find 8086:100e)
eth=$(net_of "$nic")
net_up "$eth"
check "the e1000 passes traffic after the selftest" ping -c 3 -W 2 10.0.2.2
mark "done"
GUEST
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log
	host_check "QEMU froze PHB 1's PE (master abort)" test "$(qemu_freezes phb1)" -ge 1
	host_check "QEMU froze PHB 2's PE (master abort)" test "$(qemu_freezes phb2)" -ge 1
	host_check "the guest detected the e1000's freeze" grep -q 'EEH: Recovering PHB#1-PE#1' "$con"
	host_check "the guest detected the nvme's freeze" grep -q 'EEH: Recovering PHB#2-PE#1' "$con"
	host_check "EEH reported two successful recoveries" \
		test "$(grep -c 'EEH: Recovery successful' "$con")" -eq 2
}
