# SPDX-License-Identifier: GPL-2.0
# Shared guest script of scenarios; sourced by qemu-test/mkinitramfs
# before it sources the scenario files.

# refreeze_guest ROUNDS FIRST SECOND: the guest script of the scenarios
# that freeze phb1's e1000 twice per round (the host decides when): per
# round, it marks "freeze i", waits for the detection, then for the PE to
# settle (active and the NIC answering, within FIRST s, and again after
# 4 s, within SECOND s), and marks "usable i"; the e1000 on phb2 is a
# bystander.
refreeze_guest() {
	echo "ROUNDS=$1 FIRST=$2 SECOND=$3"
	cat <<'GUEST'
. /lib/pcierr.sh
plan 6
check "EEH is enabled (the PHBs offer emulated EEH)" eeh_enabled
echo 100 > /sys/kernel/debug/powerpc/eeh_max_freezes
d1=0001:00:00.0 d2=0002:00:00.0
both_up() { e1000_up $d1 2 && e1000_up $d2 3; }
check "both e1000s pass traffic" both_up
ping -i 0.2 -q 10.0.2.2 > /tmp/ping.log 2>&1 &
pinger=$!
# settled: the PE is active and the NIC answers, twice, 4 s apart (longer
# than e1000's 2 s watchdog, which detects a freeze that came meanwhile)
active() { ! pe_frozen $d1 && ping -c 1 -W 1 10.0.2.2 > /dev/null; }
settled() { wait_for $FIRST active && sleep 4 && wait_for $SECOND active; }
resets0=$(eeh_stat eeh_slot_resets)
i=1 ok=0
while [ $i -le $ROUNDS ]; do
	mark "freeze $i"
	if wait_for 60 stat_ge eeh_slot_resets $((resets0 + 1)) && settled; then
		ok=$((ok + 1))
		log "round $i: recovered, freezes detected $(($(eeh_stat eeh_slot_resets) - resets0))"
		mark "usable $i"
	else
		log "round $i: not recovered (freezes detected $(($(eeh_stat eeh_slot_resets) - resets0)))"
		break
	fi
	resets0=$(eeh_stat eeh_slot_resets)
	i=$((i + 1))
done
kill -INT $pinger; wait $pinger
check "every round ended recovered ($ok of $ROUNDS)" [ $ok -eq $ROUNDS ]
check "the e1000 on phb1 is bound and passes traffic" \
	sh -c "[ -e /sys/bus/pci/devices/$d1/driver ] && ping -c 3 -W 2 10.0.2.2"
check "the bystander on phb2 passes traffic" ping -c 3 -W 2 10.0.3.2
bystander_active() { ! pe_frozen $d2; }
check "the bystander's PE is active" bystander_active
GUEST
}
