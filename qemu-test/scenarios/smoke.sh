# SPDX-License-Identifier: GPL-2.0
# smoke: boot with an e1000 and an nvme disk, each on its own PHB.
#
# Proves the harness end to end: the guest finds both devices outside
# domain 0000, the e1000 passes traffic (ping of the user-mode network's
# gateway), and the nvme disk writes and reads back a random pattern with
# O_DIRECT; the host then finds the same bytes in the disk image.
#
# A scenario file defines:
#   SCENARIO_TIMEOUT       hard host-side limit in seconds
#   scenario_qemu()        QEMU arguments for the devices under test;
#                          $SCENARIO_DIR is the scenario's scratch folder
#   scenario_guest()       the guest script (busybox sh), on stdout
#   scenario_host()        optional: runs beside QEMU (QMP via qmp "...")
#   scenario_verify()      optional: host checks after QEMU exits; call
#                          host_check DESCRIPTION COMMAND... per result
# Copy this file to add a scenario; qemu-test/run picks up every
# scenarios/*.sh.

SCENARIO_TIMEOUT=180

scenario_qemu() {
	truncate -s 64M "$SCENARIO_DIR/nvme.img"
	echo "-device spapr-pci-host-bridge,index=1,id=phb1"
	echo "-netdev user,id=n0,restrict=on"
	echo "-device e1000,netdev=n0,bus=phb1.0,id=nic0"
	echo "-device spapr-pci-host-bridge,index=2,id=phb2"
	echo "-drive file=$SCENARIO_DIR/nvme.img,if=none,id=d0,format=raw,cache=none"
	echo "-device nvme,drive=d0,serial=pcierr0,bus=phb2.0,id=nvme0"
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 7

nic=$(pci_find 8086:100e)
check "e1000 found ($nic)" [ -n "$nic" ]
check "e1000 is on its own PHB, not domain 0000" [ -n "$nic" -a "${nic%%:*}" != 0000 ]
nvme=$(pci_find 1b36:0010)
check "nvme found ($nvme)" [ -n "$nvme" ]
check "nvme is on a PHB of its own" [ -n "$nvme" -a "${nvme%%:*}" != 0000 -a "${nvme%%:*}" != "${nic%%:*}" ]

eth=$(net_of "$nic")
log "e1000 $nic driver $(pci_driver "$nic") interface $eth"
check "e1000 link up ($eth)" net_up "$eth"
check "e1000 passes traffic: ping 10.0.2.2" ping -c 3 -W 2 10.0.2.2

disk=$(nvme_disk_of "$nvme")
log "nvme $nvme driver $(pci_driver "$nvme") disk $disk"
sum=$(pattern_write "$disk" 0 4)
check "nvme writes and reads back 4 MiB (O_DIRECT)" [ -n "$sum" ]
fact nvme-sha256-0-4 "$sum"

log "$(cat /proc/powerpc/eeh 2>/dev/null | tr '\n' ' ')"
GUEST
}

scenario_host() {
	# Ask QEMU where the devices are: the PHB layout is the scenario's
	# premise, so it is checked from the host side too.
	wait_qmp || return 1
	qmp '{"execute":"query-pci"}' > "$SCENARIO_DIR/query-pci.json"
}

scenario_verify() {
	host_check "QEMU puts e1000 and nvme on different PCI host bridges" \
		"$PYTHON" -c '
import json, sys
buses = json.load(open(sys.argv[1]))["return"]
where = {}
for i, bus in enumerate(buses):
    for d in bus["devices"]:
        where.setdefault(d.get("qdev_id"), set()).add(i)
sys.exit(0 if where.get("nic0") and where.get("nvme0") and
         not where["nic0"] & where["nvme0"] else 1)' "$SCENARIO_DIR/query-pci.json"
	local sum
	sum=$(fact nvme-sha256-0-4)
	host_check "the disk image holds the data the guest wrote" \
		test -n "$sum" -a "$(head -c 4M "$SCENARIO_DIR/nvme.img" | sha256sum | cut -d' ' -f1)" = "$sum"
}
