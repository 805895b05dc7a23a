# SPDX-License-Identifier: GPL-2.0
# double-freeze: the e1000's PE freezes again while its recovery runs.
#
# Round i: the host freezes phb1 and has QEMU freeze it again a delay
# after the guest releases the PE's reset (x-spapr-eeh-freeze "after":
# "reset-released"); the delay differs per round (at once, just after
# the 1.8 s settle time, and once the recovery has ended).  Each round
# must end recovered: the NIC answers and its PE is active, with one or
# two recoveries.  The e1000 on phb2 is a bystander: it must never be
# frozen nor recovered.
# Parameters: PCIERR_REFREEZE_DELAYS (ms, default "0 1900 4000").

SCENARIO_NEEDS="emulated-eeh"
DELAYS=${PCIERR_REFREEZE_DELAYS:-0 1900 4000}
ROUNDS=$(echo $DELAYS | wc -w)
SCENARIO_TIMEOUT=$((120 + ROUNDS * 90))

scenario_qemu() {
	e1000_phbs 2
}

scenario_guest() {
	refreeze_guest "$ROUNDS" 90 90
}

scenario_host() {
	local i=1 d
	for d in $DELAYS; do
		wait_console "^pcierr-mark: freeze $i\$" 120 || { echo "guest never got ready for round $i"; return 1; }
		sleep 1
		eeh_freeze phb1 > /dev/null || { echo "QMP freeze $i failed"; return 1; }
		eeh_freeze phb1 reset-released "$d" > /dev/null || { echo "QMP refreeze $i failed"; return 1; }
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
	diag "recoveries: $(grep -c 'EEH: Recovery successful' "$con") in $ROUNDS rounds"
}
