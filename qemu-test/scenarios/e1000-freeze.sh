# SPDX-License-Identifier: GPL-2.0
# e1000-freeze: the host freezes the e1000's PE during a continuous ping.
#
# Detection: e1000's own register reads (its interrupt handler and
# watchdog read all 1s, the EEH detector asks firmware for the slot
# state).  Proof the guest saw each freeze: "EEH: Recovering PHB#1-PE#1
# detected" on the console and eeh_slot_resets in /proc/powerpc/eeh.
# Proof of recovery: EEH resets without hotplug (the driver's handlers
# ran) and pings answer again after every freeze.
# Load: a continuous ping throughout, every 0.2 s, or with
# PCIERR_E1000_FLOOD=1 a ping flood ("ping -A", the next request as soon
# as the reply is in; the soak uses it).  Per round the guest reports the e1000's
# interrupts (/proc/interrupts) and the ones no handler claimed
# (/proc/irq/N/spurious) at the freeze mark, when it sees the detection
# and when the NIC answers again: a storm while frozen shows there.
# Parameters: PCIERR_E1000_FREEZES (default 10, the short form CI runs;
# the soak, make soak, runs 50).

SCENARIO_NEEDS="emulated-eeh"
FREEZES=${PCIERR_E1000_FREEZES:-10}
FLOOD=${PCIERR_E1000_FLOOD:-0}
SCENARIO_TIMEOUT=$((120 + FREEZES * 40))

scenario_qemu() {
	echo "-device spapr-pci-host-bridge,index=1,id=phb1,x-emulated-eeh=${PCIERR_EMULATED_EEH:-on}"
	echo "-netdev user,id=n0,restrict=on"
	echo "-device e1000,netdev=n0,bus=phb1.0,id=nic0"
}

scenario_guest() {
	echo "FREEZES=$FREEZES"
	if [ "$FLOOD" = 1 ]; then echo "PINGOPT=-A"; else echo "PINGOPT="; fi
	cat <<'GUEST'
. /lib/pcierr.sh
plan 6
check "EEH is enabled (the PHB offers emulated EEH)" eeh_enabled
echo $((FREEZES + 5)) > /sys/kernel/debug/powerpc/eeh_max_freezes
nic=$(pci_find 8086:100e)
eth=$(net_of "$nic")
net_up "$eth"
check "e1000 passes traffic before any freeze" ping -c 2 -W 2 10.0.2.2
irq=$(cat /sys/bus/pci/devices/$nic/irq)
# irqs: the e1000's interrupts so far, and how many no handler claimed
irqs() {
	echo "$(awk -v n="$irq:" '$1 == n { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts)" \
		"$(sed -n 's/^unhandled //p' /proc/irq/$irq/spurious)"
}
resets0=$(eeh_stat eeh_slot_resets)
ping $PINGOPT -i 0.2 -q 10.0.2.2 > /tmp/ping.log 2>&1 &
pinger=$!
i=1 recovered=0
while [ $i -le $FREEZES ]; do
	before=$(irqs)
	mark "freeze $i"
	# Recovered: one more slot reset, and the NIC answers again.
	if wait_for 60 stat_ge eeh_slot_resets $((resets0 + i)) &&
	   detected=$(irqs) &&
	   wait_for 30 ping -c 1 -W 1 10.0.2.2 > /dev/null; then
		mark "usable $i"
		fact "irqs $i $before $detected $(irqs)"
		recovered=$i
	else
		log "freeze $i: no recovery (slot resets $(eeh_stat eeh_slot_resets))"
		break
	fi
	i=$((i + 1))
done
check "recovered from all $FREEZES freezes" [ "$recovered" -eq "$FREEZES" ]
check "the EEH detector counted $FREEZES freezes (eeh_slot_resets)" [ "$(eeh_stat eeh_slot_resets)" -eq $((resets0 + FREEZES)) ]
kill -INT $pinger
wait $pinger
log "continuous ping: $(tail -n 2 /tmp/ping.log | head -n 1)"
check "the continuous ping got replies" grep -q ' [1-9][0-9]* packets received' /tmp/ping.log
check "the same e1000 is still bound and passes traffic" \
	sh -c "[ \"\$(basename \$(readlink /sys/bus/pci/devices/$nic/driver))\" = e1000 ] && ping -c 3 -W 2 10.0.2.2"
GUEST
}

scenario_host() {
	freeze_rounds phb1 "$FREEZES" 120
}

scenario_verify() {
	driver_recovered phb1 "$FREEZES" e1000
	host_check "EEH reported $FREEZES successful recoveries" \
		test "$(grep -c 'EEH: Recovery successful' "$SCENARIO_DIR/console.log")" -eq "$FREEZES"
	diag_recovery "first ping answered"
	# Per round: interrupts and unclaimed ones at the freeze mark, at
	# the detection and once usable (counts may wrap at 100000).
	sed -n 's/\r$//; s/^pcierr-fact: irqs //p' "$SCENARIO_DIR/console.log" > "$SCENARIO_DIR/irqs"
	[ ! -s "$SCENARIO_DIR/irqs" ] || diag "e1000 interrupts per round (mark->detected, detected->usable; unclaimed): $(awk '{ printf "%d/%d+%d/%d ", $4 - $2, $5 - $3, $6 - $4, $7 - $5 }' "$SCENARIO_DIR/irqs")"
}
