# SPDX-License-Identifier: GPL-2.0
# kunit: the series' KUnit suites, in the one boot that runs them (every
# other scenario boots with kunit.enable=0).
#
# KUnit runs the built-in suites before /init.  Proof: the console holds
# the KTAP of each suite named below, which the kernel tree's own parser
# (tools/testing/kunit/kunit.py parse) reads; every suite is present, has
# at least one case, and passes.  A kernel without a suite fails here.

SCENARIO_TIMEOUT=300
SCENARIO_KARGS="kunit.enable=1"
KUNIT_SUITES="pci_err"

scenario_qemu() {
	:
}

scenario_guest() {
	cat <<'GUEST'
. /lib/pcierr.sh
plan 1
check "the kernel ran KUnit (kunit.enable=1)" grep -q 'kunit.enable=1' /proc/cmdline
GUEST
}

scenario_verify() {
	local con=$SCENARIO_DIR/console.log suite parsed
	parsed=$SCENARIO_DIR/kunit.parsed
	local rc=0
	sed 's/\r$//' "$con" | "$PYTHON" "$KSRC/tools/testing/kunit/kunit.py" \
		parse > "$parsed" 2>&1 || rc=$?
	host_check "kunit.py parses the console's KTAP: $(grep -Eo 'Testing complete\. .*' "$parsed" | head -n1)" \
		test $rc -eq 0 -a -n "$(grep -Eo 'Testing complete\. Ran [1-9]' "$parsed")"
	for suite in $KUNIT_SUITES; do
		host_check "KUnit suite $suite ran and passed ($(sed 's/\r$//' "$con" | grep -Eo "# $suite: pass:[0-9]+ fail:[0-9]+ skip:[0-9]+ total:[0-9]+" | tail -n1))" \
			sh -c "sed 's/\r\$//' '$con' | grep -Eq '^(\[ *[0-9.]+\] )?( +)?ok [0-9]+ $suite\$' &&
				sed 's/\r\$//' '$con' | grep -Eq '# $suite: pass:[1-9][0-9]* fail:0 skip:0'"
	done
}
