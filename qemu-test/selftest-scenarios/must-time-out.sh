# SPDX-License-Identifier: GPL-2.0
# Harness self-test: a guest that never finishes must be killed at the
# scenario's timeout and reported as failed.
SCENARIO_TIMEOUT=30

scenario_qemu() {
	:
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 1
ok "the guest started"
sleep 1000
GUEST
}
