# SPDX-License-Identifier: GPL-2.0
# four-phbs: four e1000s on four PHBs frozen at the same moment.
#
# First one PHB alone, then all four in one QMP exchange.  Detection: as
# soon as the guest sees the PEs frozen it forces a check on every device
# at once (debugfs eeh_dev_check); e1000's watchdog may get there first.
# Passes when every device recovers; the times (freeze -> the last device
# answers a ping) and their ratio are reported, not judged:
# qemu-test/bench -b phbs reruns this on the base release and the series.

SCENARIO_NEEDS="emulated-eeh"
SCENARIO_TIMEOUT=400
SCENARIO_KARGS="printk.time=1"
NPHB=${PCIERR_PHBS:-4}

scenario_qemu() {
	e1000_phbs "$NPHB"
}

scenario_guest() {
	echo "NPHB=$NPHB"
	cat <<'GUEST'
. /lib/pcierr.sh
plan 5
check "EEH is enabled (the PHBs offer emulated EEH)" eeh_enabled
echo 100 > /sys/kernel/debug/powerpc/eeh_max_freezes
devs="" up=0 i=1
while [ $i -le $NPHB ]; do
	d=$(ls -d /sys/bus/pci/devices/000$i:00:00.0 2>/dev/null)
	d=${d##*/}
	devs="$devs $d"
	eth=$(net_of "$d")
	ip link set "$eth" up && ip addr add 10.0.$((i + 1)).15/24 dev "$eth" &&
		wait_for 10 ping -c 1 -W 1 10.0.$((i + 1)).2 > /dev/null && up=$((up + 1))
	i=$((i + 1))
done
check "all $NPHB e1000s pass traffic" [ $up -eq $NPHB ]

# round NAME DEVICES...: wait for the host's freeze, force detection on
# every frozen device at once, wait until every device answers again.
round() {
	local name=$1 d n ok
	shift
	r0=$(eeh_stat eeh_slot_resets)
	mark "freeze $name"
	# Every PE is frozen, or e1000's own watchdog already had it detected.
	hit() {
		local f=0 d
		for d in "$@"; do pe_frozen "$d" && f=$((f + 1)); done
		[ $((f + $(eeh_stat eeh_slot_resets) - r0)) -ge $# ]
	}
	wait_for 30 hit "$@"
	log "$name: all frozen at $(cut -d' ' -f1 /proc/uptime)"
	for d in "$@"; do echo "$d" > /sys/kernel/debug/powerpc/eeh_dev_check & done
	wait
	log "$name: detection forced at $(cut -d' ' -f1 /proc/uptime)"
	ok=0
	for d in "$@"; do
		n=$(echo "${d%%:*}" | sed 's/^0*//')
		wait_for 120 ping -c 1 -W 1 10.0.$((n + 1)).2 > /dev/null && ok=$((ok + 1))
		log "$name: $d answers at $(cut -d' ' -f1 /proc/uptime)"
	done
	mark "usable $name"
	[ $ok -eq $# ]
}
first=${devs# }; first=${first%% *}
check "one PHB frozen alone recovers" round one "$first"
check "$NPHB PHBs frozen at once all recover" round all $devs
check "every e1000 is bound after recovery" sh -c "for d in $devs; do [ -e /sys/bus/pci/devices/\$d/driver ] || exit 1; done"
GUEST
}

scenario_host() {
	local t0 t1 i cmds
	wait_console "^pcierr-mark: freeze one\$" 120 || return 1
	t0=$(now_ms)
	eeh_freeze phb1 > /dev/null || return 1
	wait_console "^pcierr-mark: usable one\$" 150 || return 1
	t1=$(now_ms)
	echo "one $((t1 - t0))" >> "$SCENARIO_DIR/times.ms"

	wait_console "^pcierr-mark: freeze all\$" 60 || return 1
	cmds=()
	for i in $(seq 1 "$NPHB"); do
		cmds+=("{\"execute\": \"x-spapr-eeh-freeze\", \"arguments\": {\"path\": \"phb$i\"}}")
	done
	t0=$(now_ms)
	qmp "${cmds[@]}" > /dev/null || return 1
	wait_console "^pcierr-mark: usable all\$" 200 || return 1
	t1=$(now_ms)
	echo "all $((t1 - t0))" >> "$SCENARIO_DIR/times.ms"
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log one all
	host_check "the guest detected $((NPHB + 1)) freezes" \
		test "$(grep -c 'EEH: Recovering PHB#[0-9]*-PE#1' "$con")" -eq $((NPHB + 1))
	host_check "EEH reported $((NPHB + 1)) successful recoveries" \
		test "$(grep -c 'EEH: Recovery successful' "$con")" -eq $((NPHB + 1))
	one=$(sed -n 's/^one //p' "$SCENARIO_DIR/times.ms" 2>/dev/null)
	all=$(sed -n 's/^all //p' "$SCENARIO_DIR/times.ms" 2>/dev/null)
	if [ -n "$one" ] && [ -n "$all" ]; then
		diag "one PHB: $one ms; $NPHB PHBs at once: $all ms; ratio $(echo "scale=2; $all / $one" | bc)"
	fi
}
