# SPDX-License-Identifier: GPL-2.0
# double-freeze: the e1000's PE freezes again while its recovery runs.
#
# Round i: the host freezes phb1; once the guest has reset the PE and
# released the reset, qemu-test/lib/refreeze.py freezes it again after a
# delay that differs per round (inside the 1.8 s settle time, just after
# it, and once the recovery has ended).  Each round must end recovered:
# the NIC answers and its PE is active, with one or two recoveries.  The
# e1000 on phb2 is a bystander: it must never be frozen nor recovered.
# Parameters: PCIERR_REFREEZE_DELAYS (ms, default "0 1900 4000").

SCENARIO_NEEDS="emulated-eeh"
DELAYS=${PCIERR_REFREEZE_DELAYS:-0 1900 4000}
ROUNDS=$(echo $DELAYS | wc -w)
SCENARIO_TIMEOUT=$((120 + ROUNDS * 90))

scenario_qemu() {
	e1000_phbs 2
}

scenario_guest() {
	echo "ROUNDS=$ROUNDS"
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
settled() { wait_for 90 active && sleep 4 && wait_for 90 active; }
resets0=$(eeh_stat eeh_slot_resets)
i=1 ok=0
while [ $i -le $ROUNDS ]; do
	mark "freeze $i"
	if wait_for 60 stat_ge eeh_slot_resets $((resets0 + 1)) && settled; then
		ok=$((ok + 1))
		log "round $i: slot resets so far $(($(eeh_stat eeh_slot_resets) - resets0))"
		mark "usable $i"
	else
		log "round $i: not recovered (slot resets $(eeh_stat eeh_slot_resets))"
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

scenario_host() {
	local i=1 d
	for d in $DELAYS; do
		wait_console "^pcierr-mark: freeze $i\$" 120 || { echo "guest never got ready for round $i"; return 1; }
		sleep 1
		eeh_freeze phb1 > /dev/null || { echo "QMP freeze $i failed"; return 1; }
		"$PYTHON" "$here/lib/refreeze.py" "$SCENARIO_DIR/qmp.sock" \
			/machine/peripheral/phb1 "$d" 90 | sed "s/^/round $i: /" >> "$SCENARIO_DIR/refreeze.log" ||
			{ echo "round $i: no second freeze"; return 1; }
		wait_console "^pcierr-mark: usable $i\$" 180 || { echo "no recovery in round $i"; return 1; }
		i=$((i + 1))
	done
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log n
	n=$(qemu_freezes phb1)
	host_check "QEMU froze phb1 twice per round ($n freezes, $ROUNDS rounds)" test "$n" = $((2 * ROUNDS))
	host_check "QEMU never froze phb2" test "$(qemu_freezes phb2)" = 0
	host_check "the guest never recovered phb2" sh -c "! grep -q 'EEH: Recovering PHB#2' '$con'"
	host_check "no PE was permanently disabled" sh -c "! grep -q 'has been permanently disabled\|device recovery failed' '$con'"
	host_check "every recovery that started succeeded" \
		test "$(grep -c 'EEH: Recovering PHB#1-PE#1' "$con")" -eq "$(grep -c 'EEH: Recovery successful' "$con")"
	diag "$(tr '\n' ';' < "$SCENARIO_DIR/refreeze.log" 2>/dev/null)"
	diag "recoveries: $(grep -c 'EEH: Recovery successful' "$con") in $ROUNDS rounds"
}
