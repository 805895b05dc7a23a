# SPDX-License-Identifier: GPL-2.0
# Helpers for guest scenario scripts (busybox sh), sourced as
# /lib/pcierr.sh.  Results go to the console as "pcierr: " lines in KTAP
# form; the host runner collects them as the scenario's subtests.

PCIERR_N=0

plan() {
	echo "pcierr: 1..$1"
}

ok() {
	PCIERR_N=$((PCIERR_N + 1))
	echo "pcierr: ok $PCIERR_N $*"
}

not_ok() {
	PCIERR_N=$((PCIERR_N + 1))
	echo "pcierr: not ok $PCIERR_N $*"
}

# check DESCRIPTION COMMAND...: one result from a command's exit status.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

log() {
	echo "pcierr: # $*"
}

# Tell the host something it verifies after the run: "pcierr-fact: KEY VALUE".
fact() {
	echo "pcierr-fact: $*"
}

# pci_find VENDOR:DEVICE [DOMAIN]: print the first matching PCI address.
pci_find() {
	local want=$1 domain=${2:-} d v p
	for d in /sys/bus/pci/devices/*; do
		[ -e "$d/vendor" ] || continue
		v=$(cat "$d/vendor"):$(cat "$d/device")
		v=$(echo "$v" | sed 's/0x//g')
		p=${d##*/}
		[ "$v" = "$want" ] || continue
		[ -z "$domain" ] || [ "${p%%:*}" = "$domain" ] || continue
		echo "$p"
		return 0
	done
	return 1
}

# pci_driver ADDR: name of the bound driver, empty if none.
pci_driver() {
	[ -e "/sys/bus/pci/devices/$1/driver" ] &&
		basename "$(readlink "/sys/bus/pci/devices/$1/driver")"
}

# net_of ADDR: network interface of a PCI device.
net_of() {
	ls "/sys/bus/pci/devices/$1/net" 2>/dev/null | head -n1
}

# nvme_disk_of ADDR: block device of the first namespace of an NVMe controller.
nvme_disk_of() {
	local c
	for c in /sys/bus/pci/devices/$1/nvme/nvme*; do
		ls "$c" | grep -m1 "^${c##*/}n[0-9]*$" && return 0
	done
	return 1
}

# poll_every PER_SECOND PAUSE SECONDS COMMAND...: run COMMAND PER_SECOND
# times a second (PAUSE apart) until it succeeds, for at most SECONDS.
poll_every() {
	local n=$(($3 * $1)) pause=$2
	shift 3
	while [ "$n" -gt 0 ]; do
		"$@" && return 0
		sleep "$pause"
		n=$((n - 1))
	done
	"$@"
}

# wait_for SECONDS COMMAND...: poll once a second until COMMAND succeeds.
wait_for() {
	poll_every 1 1 "$@"
}

# poll_for SECONDS COMMAND...: as wait_for, five times a second, for
# the moments a benchmark times.
poll_for() {
	poll_every 5 0.2 "$@"
}

# net_up IFACE: static address in QEMU's user-mode network (10.0.2.0/24,
# gateway 10.0.2.2, answered inside QEMU; nothing leaves the emulator).
net_up() {
	ip link set "$1" up &&
	ip addr add 10.0.2.15/24 dev "$1" &&
	wait_for 10 sh -c "ip link show $1 | grep -q LOWER_UP"
}

# e1000_up DEV N: configure the e1000 of PCI device DEV on 10.0.N.0/24
# (host side: e1000_phbs) and ping its gateway.
e1000_up() {
	local eth
	eth=$(net_of "$1") || return 1
	ip link set "$eth" up && ip addr add 10.0.$2.15/24 dev "$eth" 2>/dev/null
	wait_for 20 ping -c 1 -W 1 10.0.$2.2 > /dev/null
}

# pattern_write DEV OFFSET_MIB SIZE_MIB: write random data with O_DIRECT,
# read it back with O_DIRECT and compare; prints the sha256 of the data.
pattern_write() {
	local dev=$1 off=$2 size=$3 sum back
	dd if=/dev/urandom of=/tmp/pattern bs=1M count="$size" 2>/dev/null || return 1
	sum=$(sha256sum /tmp/pattern | cut -d' ' -f1)
	dd if=/tmp/pattern of="/dev/$dev" bs=1M seek="$off" count="$size" \
		oflag=direct conv=fsync 2>/dev/null || return 1
	echo 3 > /proc/sys/vm/drop_caches
	back=$(dd if="/dev/$dev" bs=1M skip="$off" count="$size" iflag=direct 2>/dev/null |
		sha256sum | cut -d' ' -f1)
	rm -f /tmp/pattern
	[ "$sum" = "$back" ] || { log "$dev: read back $back, wrote $sum"; return 1; }
	echo "$sum"
}

# eeh_stat NAME: a counter of /proc/powerpc/eeh (eeh_slot_resets, ...).
eeh_stat() {
	sed -n "s/^$1=//p" /proc/powerpc/eeh
}

eeh_enabled() {
	grep -q 'EEH Subsystem is enabled' /proc/powerpc/eeh
}

# mark TEXT: a line the host waits for ("pcierr-mark: TEXT").
mark() {
	echo "pcierr-mark: $*"
}

# pe_frozen ADDR: the firmware reports the device's PE as not fully
# active (the first field of eeh_pe_state lacks MMIO and DMA active).
pe_frozen() {
	local fw
	fw=$(cut -d' ' -f1 "/sys/bus/pci/devices/$1/eeh_pe_state" 2>/dev/null) || return 1
	[ -n "$fw" ] && [ $((fw & 0x18)) -ne $((0x18)) ]
}

# Conditions for wait_for, evaluated on every poll (wait_for's arguments
# are expanded once, so "$(...)" in them would never change).
stat_ge() {	# stat_ge NAME N: /proc/powerpc/eeh counter NAME >= N
	[ "$(eeh_stat "$1")" -ge "$2" ]
}
lines_gt() {	# lines_gt FILE N: FILE has more than N lines
	[ "$(wc -l < "$1")" -gt "$2" ]
}
gone() {
	[ ! -e "$1" ]
}
