# SPDX-License-Identifier: GPL-2.0
# nvme-freeze: the host freezes the nvme disk's PE during continuous
# verified writes.
#
# Detection: nvme's I/O timeout (shortened with nvme_core.io_timeout=):
# its timeout handler reads CSTS, which returns all 1s, and the EEH
# detector asks firmware for the slot state.  Proof the guest saw it:
# "EEH: Recovering PHB#1-PE#1" and eeh_slot_resets.  Proof of
# recovery: nvme's handlers ran (reset without hotplug), and every write
# the kernel acknowledged reads back correctly, in the guest with O_DIRECT
# and in the disk image on the host after power-off.  The disk counts as
# usable again at its first verified read of a block written before the
# freeze.  The writer wraps around the disk; a block whose last write
# failed is not checked (its content is undefined), every other block
# must hold its last acknowledged write.
# Parameters: PCIERR_NVME_FREEZES (default 2; the fault campaign runs 20).

SCENARIO_NEEDS="emulated-eeh"
FREEZES=${PCIERR_NVME_FREEZES:-2}
SCENARIO_TIMEOUT=$((150 + FREEZES * 60))
SCENARIO_KARGS="nvme_core.io_timeout=5"

scenario_qemu() {
	truncate -s 128M "$SCENARIO_DIR/nvme.img"
	echo "-device spapr-pci-host-bridge,index=1,id=phb1,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-drive file=$SCENARIO_DIR/nvme.img,if=none,id=d0,format=raw,cache=none"
	echo "-device nvme,drive=d0,serial=pcierr0,bus=phb1.0,id=nvme0"
}

scenario_guest() {
	echo "FREEZES=$FREEZES"
	cat <<'GUEST'
. /lib/pcierr.sh
plan 5
check "EEH is enabled (the PHB offers emulated EEH)" eeh_enabled
echo $((FREEZES + 5)) > /sys/kernel/debug/powerpc/eeh_max_freezes
nvme=$(pci_find 1b36:0010)
disk=$(nvme_disk_of "$nvme")
resets0=$(eeh_stat eeh_slot_resets)

# Writer: 64 KiB blocks of fresh random data, each with O_DIRECT and
# fsync, round the disk's first 2000 blocks; a block is recorded as
# acknowledged only once dd reported success.
writer() {
	n=0
	while [ ! -e /tmp/stop ]; do
		dd if=/dev/urandom of=/tmp/blk bs=64k count=1 2>/dev/null
		if dd if=/tmp/blk of=/dev/$disk bs=64k seek=$n count=1 \
			oflag=direct conv=fsync 2>/dev/null; then
			echo "$n $(sha256sum < /tmp/blk | cut -d' ' -f1)" >> /tmp/acked
			echo "$n ok" >> /tmp/last
		else
			echo "$n" >> /tmp/failed
			echo "$n failed" >> /tmp/last
		fi
		n=$(((n + 1) % 2000))
	done
}
# verified: the first acknowledged block reads back (O_DIRECT)
verified() {
	[ "$(dd if=/dev/$disk bs=64k skip=$first count=1 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)" = "$firstsum" ]
}
: > /tmp/acked
: > /tmp/failed
: > /tmp/last
writer &
wpid=$!
wait_for 30 [ -s /tmp/acked ]
read -r first firstsum < /tmp/acked
i=1 recovered=0
while [ $i -le $FREEZES ]; do
	mark "freeze $i"
	# eeh_slot_resets counts detected freezes; then the first block
	# reads back, and writes are acknowledged again.
	if wait_for 90 stat_ge eeh_slot_resets $((resets0 + i)) &&
	   poll_for 60 verified && mark "usable $i" &&
	   before=$(wc -l < /tmp/acked) &&
	   wait_for 60 lines_gt /tmp/acked $((before + 2)); then
		recovered=$i
	else
		log "freeze $i: no recovery (slot resets $(eeh_stat eeh_slot_resets))"
		break
	fi
	i=$((i + 1))
done
touch /tmp/stop
wait $wpid
check "recovered from all $FREEZES freezes" [ "$recovered" -eq "$FREEZES" ]
check "the EEH detector counted $FREEZES freezes (eeh_slot_resets)" [ "$(eeh_stat eeh_slot_resets)" -eq $((resets0 + FREEZES)) ]

# Every block must read back as its last write, if that was acknowledged.
echo 3 > /proc/sys/vm/drop_caches
awk '{ last[$1] = $2 } END { for (n in last) if (last[n] == "ok") print n }' /tmp/last > /tmp/okblocks
awk 'NR == FNR { ok[$1] = 1; next } ($1 in ok) { sum[$1] = $2 } END { for (n in sum) print n, sum[n] }' \
	/tmp/okblocks /tmp/acked > /tmp/check
bad=0
while read -r n sum; do
	got=$(dd if=/dev/$disk bs=64k skip=$n count=1 iflag=direct 2>/dev/null | sha256sum | cut -d' ' -f1)
	[ "$got" = "$sum" ] || { bad=$((bad + 1)); log "block $n: read $got, wrote $sum"; }
done < /tmp/check
log "$(wc -l < /tmp/acked) writes acknowledged, $(wc -l < /tmp/failed) failed (reported to the writer); $(wc -l < /tmp/check) blocks hold an acknowledged last write, $bad lost or corrupt"
check "every acknowledged write reads back correctly ($bad lost or corrupt)" [ $bad -eq 0 ]
check "writes were acknowledged after the last recovery" [ "$(wc -l < /tmp/acked)" -gt 4 ]
# The host checks the same blocks in the disk image.
while read -r n sum; do echo "pcierr-fact: block $n $sum"; done < /tmp/check
GUEST
}

scenario_host() {
	freeze_rounds phb1 "$FREEZES" 180
}

image_matches() {	# every "block N SUM" the guest reported is in the image
	local n sum got bad=0 total=0
	while read -r n sum; do
		total=$((total + 1))
		got=$(dd if="$SCENARIO_DIR/nvme.img" bs=64k skip="$n" count=1 2>/dev/null | sha256sum | cut -d' ' -f1)
		[ "$got" = "$sum" ] || bad=$((bad + 1))
	done < <(sed -n 's/\r$//; s/^pcierr-fact: block //p' "$SCENARIO_DIR/console.log")
	echo "$total acknowledged blocks, $bad differ in the image" | tee "$SCENARIO_DIR/image.txt"
	[ "$total" -gt 0 ] && [ "$bad" -eq 0 ]
}

scenario_verify() {
	driver_recovered phb1 "$FREEZES" nvme
	host_check "the disk image holds every acknowledged write" image_matches
	diag "$(cat "$SCENARIO_DIR/image.txt" 2>/dev/null)"
	diag_recovery "first verified read"
}
