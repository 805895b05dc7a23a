# SPDX-License-Identifier: GPL-2.0
# max-freezes: more freezes than eeh_max_freezes on one device.
#
# The e1000 (PHB 1) is frozen from the host MAX + 1 times during traffic;
# EEH recovers it MAX times, then disables it permanently and removes it
# cleanly.  The nvme disk on PHB 2 keeps working throughout.
# Detection: e1000's interrupt and watchdog reads.  Parameter:
# PCIERR_MAX_FREEZES (default 2).

SCENARIO_NEEDS="emulated-eeh"
MAX=${PCIERR_MAX_FREEZES:-2}
SCENARIO_TIMEOUT=$((150 + MAX * 40))

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
	echo "MAX=$MAX"
	cat <<'GUEST'
. /lib/pcierr.sh
plan 6
check "EEH is enabled (the PHBs offer emulated EEH)" eeh_enabled
echo "$MAX" > /sys/kernel/debug/powerpc/eeh_max_freezes
nic=$(pci_find 8086:100e)
nvme=$(pci_find 1b36:0010)
disk=$(nvme_disk_of "$nvme")
net_up "$(net_of "$nic")"
ping -i 0.2 10.0.2.2 > /tmp/ping.log 2>&1 &
resets0=$(eeh_stat eeh_slot_resets)
i=1 recovered=0
while [ $i -le "$MAX" ]; do
	mark "freeze $i"
	if wait_for 60 stat_ge eeh_slot_resets $((resets0 + i)) &&
	   wait_for 30 ping -c 1 -W 1 10.0.2.2 > /dev/null; then
		recovered=$i
		mark "usable $i"
	else
		break
	fi
	i=$((i + 1))
done
check "recovered from the first $MAX freezes" [ "$recovered" -eq "$MAX" ]
# One more than allowed: the device is disabled and removed.
mark "freeze $((MAX + 1))"
wait_for 90 gone "/sys/bus/pci/devices/$nic"
kill %1 2>/dev/null
check "freeze $((MAX + 1)) removed the e1000 (permanently disabled)" [ ! -e "/sys/bus/pci/devices/$nic" ]
check "the EEH detector counted all $((MAX + 1)) freezes" [ "$(eeh_stat eeh_slot_resets)" -eq $((resets0 + MAX + 1)) ]
check "the nvme disk on the other PHB still writes and reads back" sh -c ". /lib/pcierr.sh; pattern_write $disk 0 2 > /dev/null"
check "the nvme PE is not frozen" sh -c ". /lib/pcierr.sh; ! pe_frozen $nvme"
mark "done"
GUEST
}

scenario_host() {
	local i
	for i in $(seq 1 $((MAX + 1))); do
		wait_console "^pcierr-mark: freeze $i\$" 120 || { echo "guest never got ready for freeze $i"; return 1; }
		sleep 1
		eeh_freeze phb1 || { echo "QMP freeze $i failed"; return 1; }
		[ "$i" -gt "$MAX" ] || wait_console "^pcierr-mark: usable $i\$" 120 || return 1
	done
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log
	host_check "EEH disabled the e1000's PE permanently" \
		grep -q 'EEH: PHB#1-PE#1 has failed [0-9]* times in the last hour and has been permanently disabled' "$con"
	host_check "EEH recovered it $MAX times before that" \
		test "$(grep -c 'EEH: Recovery successful' "$con")" -eq "$MAX"
	host_check "PHB 2's PE was never frozen" test "$(qemu_freezes phb2)" = 0
}
