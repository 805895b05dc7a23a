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
# Parameters: PCIERR_VIRTIO_FREEZES (default 1; make bench runs 10).  The
# device counts as usable again at its first verified read.

SCENARIO_NEEDS="emulated-eeh"
FREEZES=${PCIERR_VIRTIO_FREEZES:-1}
SCENARIO_TIMEOUT=$((140 + FREEZES * 60))

scenario_qemu() {
	truncate -s 64M "$SCENARIO_DIR/vblk.img"
	echo "-device spapr-pci-host-bridge,index=1,id=phb1,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-drive file=$SCENARIO_DIR/vblk.img,if=none,id=d0,format=raw,cache=none"
	echo "-device virtio-blk-pci,drive=d0,bus=phb1.0,id=vblk0,disable-legacy=on"
}

scenario_guest() {
	echo "FREEZES=$FREEZES"
	cat <<'GUEST'
. /lib/pcierr.sh
plan 8
check "EEH is enabled (the PHB offers emulated EEH)" eeh_enabled
echo $((FREEZES + 5)) > /sys/kernel/debug/powerpc/eeh_max_freezes
dev=$(pci_find 1af4:1042)
blk() { ls /sys/bus/pci/devices/$dev/virtio*/block 2>/dev/null | head -n1; }
disk=$(blk)
check "virtio-blk $dev is /dev/$disk" [ -n "$disk" ]
sum1=$(pattern_write "$disk" 0 2)
resets0=$(eeh_stat eeh_slot_resets)
# Removed, reset, re-added: a new block device, without the mark, whose
# first read returns the data written before the freeze.
readded() {
	b=$(blk)
	[ -n "$b" ] && [ "$(pci_driver "$dev")" = virtio-pci ] &&
		ra=$(cat /sys/block/$b/queue/read_ahead_kb 2>/dev/null) &&
		[ -n "$ra" ] && [ "$ra" != 1234 ] &&
		[ "$(dd if=/dev/$b bs=1M count=2 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$sum1" ]
}
i=1 recovered=0
while [ $i -le $FREEZES ]; do
	disk=$(blk)
	# A mark on the block device that only survives if it is never removed.
	echo 1234 > /sys/block/$disk/queue/read_ahead_kb
	mark "freeze $i"
	# Wait until the host has frozen the PE (the firmware says so), then
	# ask the EEH detector to look at the device.
	poll_for 60 pe_frozen "$dev" || log "PE never reported frozen: $(cat /sys/bus/pci/devices/$dev/eeh_pe_state)"
	echo "$dev" > /sys/kernel/debug/powerpc/eeh_dev_check
	if wait_for 90 stat_ge eeh_slot_resets $((resets0 + i)) &&
	   poll_for 90 readded; then
		mark "usable $i"
		recovered=$i
	else
		log "freeze $i: no recovery (slot resets $(eeh_stat eeh_slot_resets))"
		break
	fi
	i=$((i + 1))
done
disk=$(blk)
log "after recovery: $dev driver $(pci_driver "$dev") disk $disk"
check "recovered from all $FREEZES freezes" [ "$recovered" -eq "$FREEZES" ]
check "the EEH detector counted $FREEZES freezes (eeh_slot_resets)" [ "$(eeh_stat eeh_slot_resets)" -eq $((resets0 + FREEZES)) ]
check "virtio-blk was removed and re-added (a new block device)" readded
check "virtio-blk is bound again after the fallback" [ "$(pci_driver "$dev")" = virtio-pci -a -n "$disk" ]
back=$(dd if=/dev/$disk bs=1M count=2 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)
check "data written before the freezes reads back" [ -n "$sum1" -a "$back" = "$sum1" ]
sum2=$(pattern_write "$disk" 4 2)
check "new data writes and reads back (O_DIRECT)" [ -n "$sum2" ]
fact vblk-sha256-4-2 "$sum2"
GUEST
}

scenario_host() {
	freeze_rounds phb1 "$FREEZES" 180
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log sum
	host_check "QEMU froze the PE $FREEZES times" test "$(qemu_freezes phb1)" = "$FREEZES"
	host_check "the guest detected $FREEZES freezes (EEH: Recovering PHB#1-PE#1)" \
		test "$(grep -c 'EEH: Recovering PHB#1-PE#1' "$con")" -eq "$FREEZES"
	host_check "every recovery used the hotplug fallback (virtio has no handlers)" \
		test "$(grep -c 'EEH: Reset with hotplug activity' "$con")" -eq "$FREEZES"
	sum=$(fact vblk-sha256-4-2)
	host_check "the disk image holds the data written after recovery" \
		test -n "$sum" -a "$(dd if="$SCENARIO_DIR/vblk.img" bs=1M skip=4 count=2 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$sum"
	diag_recovery "first verified read"
}
