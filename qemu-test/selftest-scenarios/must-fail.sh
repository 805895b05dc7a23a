# SPDX-License-Identifier: GPL-2.0
# Harness self-test: every check in here is broken on purpose, and
# qemu-test/selftest.sh expects the runner to report each one.
SCENARIO_TIMEOUT=120

scenario_qemu() {
	:
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 3
check "a guest check that passes" true
check "a guest check that fails" false
echo "WARNING: CPU: 0 PID: 1 at pcierr selftest: injected console badness" > /dev/kmsg
GUEST
}

scenario_verify() {
	host_check "a host check that fails" false
}
