# SPDX-License-Identifier: GPL-2.0
# refreeze-window: the e1000's PE freezes again at a given step of its
# recovery.
#
# Round per window: the host freezes phb1, then has it frozen a second
# time at the window's step of the recovery:
#   STEP[+MS]   MS milliseconds (default 0) after QEMU sees the guest take
#               STEP (x-spapr-eeh-freeze "after": reset-released,
#               configure-pe, device-enabled, ...); device-enabled is the
#               guest restoring the e1000's config space, before its
#               slot_reset(); reset-released+1900 lands after the 1.8 s
#               settle time, in the driver's slot_reset() and resume()
#   tail        the guest's console shows "Recovery successful": EEH is
#               finishing the recovery (qemu-test/lib/freeze-on-line.py,
#               a few milliseconds later)
# A freeze there must not be lost: each round ends with the NIC passing
# traffic and its PE active, every recovery that started succeeded, and
# no PE is left frozen without a recovery or a permanent-failure report.
# The e1000 on phb2 is a bystander: never frozen, never recovered.
# Steps before the reset (the drivers told, the reset asserted) are no
# window: the PE is still frozen there, and freezing it again is no new
# error.
# Parameters: PCIERR_WINDOWS (default "device-enabled reset-released+1900
# tail"; a window may repeat).

SCENARIO_NEEDS="emulated-eeh"
STEPS="reset-asserted reset-released mmio-thawed dma-thawed configure-pe device-enabled"
WINDOWS=${PCIERR_WINDOWS:-device-enabled reset-released+1900 tail}
ROUNDS=$(echo $WINDOWS | wc -w)
SCENARIO_TIMEOUT=$((120 + ROUNDS * 120))

window_ok() {
	local step=${1%%+*} ms=
	[ "$1" != tail ] || return 0
	case "$1" in *+*) ms=${1#*+} ;; esac
	case " $STEPS " in *" $step "*) ;; *) return 1 ;; esac
	[ -z "$ms" ] || [[ "$ms" =~ ^[0-9]{1,6}$ ]]
}
for w in $WINDOWS; do
	window_ok "$w" ||
		SCENARIO_SKIP="bad window '$w' in PCIERR_WINDOWS (STEP[+MS] with STEP one of: $STEPS; or tail)"
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
		if [ "$w" = tail ]; then
			"$PYTHON" "$here/lib/freeze-on-line.py" "$SCENARIO_DIR/qmp.sock" \
				phb1 "$SCENARIO_DIR/console.log" "$off" \
				'EEH: Recovery successful' 90 | sed "s/^/round $i ($w): /" >> "$SCENARIO_DIR/refreeze.log" ||
				{ echo "round $i ($w): no second freeze"; return 1; }
		else
			eeh_freeze phb1 "${w%%+*}" "$(case "$w" in *+*) echo "${w#*+}" ;; esac)" > /dev/null ||
				{ echo "round $i ($w): QMP refreeze failed"; return 1; }
		fi
		wait_console "^pcierr-mark: usable $i\$" 200 || { echo "no recovery in round $i ($w)"; return 1; }
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
