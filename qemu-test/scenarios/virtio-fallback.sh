# SPDX-License-Identifier: GPL-2.0
# virtio-fallback: a driver without error handlers (virtio-blk) recovers
# through EEH's hotplug fallback: removed before the reset, re-added after.
#
# Detection: virtio does no MMIO reads on its data path, so the guest is
# told to look (debugfs powerpc/eeh_dev_check, which runs the EEH detector
# on the device: firmware slot-state query).  Proof the guest saw it:
# "EEH: Recovering PHB#1-PE#1", "EEH: Reset with hotplug activity".
# Proof of recovery: the disk comes back as a new device, data written
# before the freeze reads back, and new data writes and reads back.

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=200

scenario_qemu() {
	truncate -s 64M "$SCENARIO_DIR/vblk.img"
	echo "-device spapr-pci-host-bridge,index=1,id=phb1,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-drive file=$SCENARIO_DIR/vblk.img,if=none,id=d0,format=raw,cache=none"
	echo "-device virtio-blk-pci,drive=d0,bus=phb1.0,id=vblk0,disable-legacy=on"
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 7
check "EEH is enabled (the PHB offers emulated EEH)" eeh_enabled
dev=$(pci_find 1af4:1042)
blk() { ls /sys/bus/pci/devices/$dev/virtio*/block 2>/dev/null | head -n1; }
disk=$(blk)
check "virtio-blk $dev is /dev/$disk" [ -n "$disk" ]
sum1=$(pattern_write "$disk" 0 2)
# A mark on the block device that only survives if it is never removed.
echo 1234 > /sys/block/$disk/queue/read_ahead_kb
resets0=$(eeh_stat eeh_slot_resets)
mark "freeze 1"
# Wait until the host has frozen the PE (the firmware says so), then ask
# the EEH detector to look at the device.
wait_for 60 pe_frozen "$dev" || log "PE never reported frozen: $(cat /sys/bus/pci/devices/$dev/eeh_pe_state)"
echo "$dev" > /sys/kernel/debug/powerpc/eeh_dev_check
# Removed, reset, re-added: a new block device, without the mark.
readded() {
	b=$(blk)
	[ -n "$b" ] && [ "$(pci_driver "$dev")" = virtio-pci ] &&
		ra=$(cat /sys/block/$b/queue/read_ahead_kb 2>/dev/null) &&
		[ -n "$ra" ] && [ "$ra" != 1234 ]
}
wait_for 90 stat_ge eeh_slot_resets $((resets0 + 1))
wait_for 90 readded
mark "usable 1"
disk=$(blk)
log "after recovery: $dev driver $(pci_driver "$dev") disk $disk"
check "the EEH detector counted the freeze (eeh_slot_resets)" [ "$(eeh_stat eeh_slot_resets)" -gt "$resets0" ]
check "virtio-blk was removed and re-added (a new block device)" readded
check "virtio-blk is bound again after the fallback" [ "$(pci_driver "$dev")" = virtio-pci -a -n "$disk" ]
back=$(dd if=/dev/$disk bs=1M count=2 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)
check "data written before the freeze reads back" [ -n "$sum1" -a "$back" = "$sum1" ]
sum2=$(pattern_write "$disk" 4 2)
check "new data writes and reads back (O_DIRECT)" [ -n "$sum2" ]
fact vblk-sha256-4-2 "$sum2"
GUEST
}

scenario_host() {
	freeze_rounds phb1 1 180
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log sum
	host_check "QEMU froze the PE once" test "$(qemu_freezes phb1)" = 1
	host_check "the guest detected the freeze (EEH: Recovering PHB#1-PE#1)" \
		grep -q 'EEH: Recovering PHB#1-PE#1' "$con"
	host_check "recovery used the hotplug fallback (virtio has no handlers)" \
		grep -q 'EEH: Reset with hotplug activity' "$con"
	sum=$(fact vblk-sha256-4-2)
	host_check "the disk image holds the data written after recovery" \
		test -n "$sum" -a "$(dd if="$SCENARIO_DIR/vblk.img" bs=1M skip=4 count=2 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$sum"
	diag_recovery "disk back"
}
