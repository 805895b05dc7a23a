# SPDX-License-Identifier: GPL-2.0
# refreeze-window: the e1000's PE freezes again at a given step of its
# recovery.
#
# Round per window: the host freezes phb1, then freezes it a second time
# the moment the guest's console shows that the recovery reached the
# window's step (qemu-test/lib/freeze-on-line.py: a console-line trigger,
# so the second freeze lands a few milliseconds after the step began):
#   slot_reset  e1000's slot_reset() re-enables the device, after the
#               reset was released and MMIO and DMA thawed
#   tail        EEH printed "Recovery successful" and is finishing the
#               recovery
# A freeze there must not be lost: each round ends with the NIC passing
# traffic and its PE active, every recovery that started succeeded, and
# no PE is left frozen without a recovery or a permanent-failure report.
# The e1000 on phb2 is a bystander: never frozen, never recovered.
# Steps before the reset (the drivers told, the reset asserted) are no
# window: the PE is still frozen there, and freezing it again is no new
# error.  The driver's resume() has no console line on both kernels: that
# window needs QEMU to time the freeze from its own view of the recovery.
# Parameters: PCIERR_WINDOWS (default "slot_reset tail"; a window may
# repeat).

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_KNOWN_FAILURE="the series (v1): a second freeze while slot_reset() re-enables the device is never recovered, the PE stays frozen"
WINDOWS=${PCIERR_WINDOWS:-slot_reset tail}
ROUNDS=$(echo $WINDOWS | wc -w)
SCENARIO_TIMEOUT=$((120 + ROUNDS * 120))

window_regex() {
	case "$1" in
	slot_reset) echo 'e1000 0001:00:00\.0: enabling device' ;;
	tail) echo 'EEH: Recovery successful' ;;
	*) return 1 ;;
	esac
}
for w in $WINDOWS; do
	window_regex "$w" > /dev/null ||
		SCENARIO_SKIP="unknown window '$w' in PCIERR_WINDOWS (slot_reset tail)"
done

scenario_qemu() {
	e1000_phbs 2
}

scenario_guest() {
	refreeze_guest "$ROUNDS" 120 60
}

scenario_host() {
	local i=1 w off
	for w in $WINDOWS; do
		wait_console "^pcierr-mark: freeze $i\$" 150 || { echo "guest never got ready for round $i ($w)"; return 1; }
		sleep 1
		off=$(stat -c %s "$SCENARIO_DIR/console.log")
		eeh_freeze phb1 > /dev/null || { echo "QMP freeze $i failed"; return 1; }
		"$PYTHON" "$here/lib/freeze-on-line.py" "$SCENARIO_DIR/qmp.sock" \
			/machine/peripheral/phb1 "$SCENARIO_DIR/console.log" "$off" \
			"$(window_regex "$w")" 90 | sed "s/^/round $i ($w): /" >> "$SCENARIO_DIR/refreeze.log" ||
			{ echo "round $i ($w): no second freeze"; return 1; }
		wait_console "^pcierr-mark: usable $i\$" 200 || { echo "no recovery in round $i ($w)"; return 1; }
		i=$((i + 1))
	done
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log n
	n=$(qemu_freezes phb1)
	host_check "QEMU froze phb1 twice per round ($n freezes, $ROUNDS rounds)" test "$n" = $((2 * ROUNDS))
	host_check "the second freeze of every round came at its step ($WINDOWS)" \
		test "$(grep -c 'frozen .* ms after the guest printed' "$SCENARIO_DIR/refreeze.log" 2>/dev/null)" = "$ROUNDS"
	host_check "QEMU never froze phb2" test "$(qemu_freezes phb2)" = 0
	host_check "the guest never recovered phb2" sh -c "! grep -q 'EEH: Recovering PHB#2' '$con'"
	host_check "no PE was permanently disabled" sh -c "! grep -q 'has been permanently disabled\|device recovery failed' '$con'"
	host_check "every recovery that started succeeded" \
		test "$(grep -c 'EEH: Recovering PHB#1-PE#1' "$con")" -eq "$(grep -c 'EEH: Recovery successful' "$con")"
	diag "$(tr '\n' ';' < "$SCENARIO_DIR/refreeze.log" 2>/dev/null)"
	diag "recoveries: $(grep -c 'EEH: Recovery successful' "$con") in $ROUNDS rounds"
}
