# SPDX-License-Identifier: GPL-2.0
# Harness self-test: the kernel itself WARNs (the test driver's "warn"
# parameter calls WARN()), and every check the guest makes passes: the
# console scan alone must fail the scenario.  This fails only if the
# kernel can print a warning at all (CONFIG_BUG=y).
SCENARIO_TIMEOUT=120
SCENARIO_NEEDS="modules"

scenario_qemu() {
	:
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 2
check "the test driver loads" insmod /lib/modules/aer-vote.ko
check "the test driver is asked to WARN" sh -c 'echo 1 > /sys/module/aer_vote/parameters/warn'
GUEST
}
