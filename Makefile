# SPDX-License-Identifier: GPL-2.0
# Developer shortcuts; ./pcierr run and ./pcierr test are the two jobs.

.PHONY: run test check check-full apply export mbox backport backport-boot kernel kernel-debug boot scenarios-debug soak flood aer selftest bisect-full qemu qtests bench campaign clean

# Where downloads and builds go (as in the tools)
B := $(or $(PCIERR_BUILD),build)

run:
	./pcierr run

test:
	./pcierr test

apply:
	tools/apply

export:
	tools/export

# One mbox per target tree (tools/series-groups), To/Cc from get_maintainer.pl
mbox:
	tools/export --mbox $(B)/mbox $(if $(FROM),--from "$(FROM)")

check:
	tools/check

# The 6.12.y backports of the stable-marked fixes (patches/stable-6.12):
# applied to 6.12.95, the objects each one touches built after it for
# pseries and x86_64 (W=1, no warning the objects lacked before it).  Not
# in CI, which only checks that every stable-marked fix has a backport or
# a reason for none.
backport:
	tools/backport apply
	tools/backport build

# The e1000 scenarios on a pseries 6.12.95 kernel with the backports
# (one more kernel build; not in CI).
backport-boot:
	tools/backport apply
	tools/backport kernel
	qemu-test/run -k $(B)/out/pseries-6.12 $(or $(S),e1000-lifecycle e1000-freeze)

# As check, with the full kernel of the tip-only variants (powernv), where
# CI compiles only the directories the series touches.
check-full:
	PCIERR_TIP_FULL=1 tools/check

# Full build of every kernel variant after every patch (slow, not in CI).
bisect-full:
	tools/check --full-bisect --only=bisect

kernel:
	tools/build-kernel pseries

kernel-debug:
	tools/build-kernel pseries-debug

# make boot S="smoke"  (KDIR=... for another kernel build)
boot:
	qemu-test/run $(if $(KDIR),-k $(KDIR)) $(S)

# Every scenario on the debug kernel (lockdep, DEBUG_ATOMIC_SLEEP, KFENCE);
# not in CI (a second full kernel build).
scenarios-debug:
	tools/build-kernel pseries-debug
	qemu-test/run -k $(B)/out/pseries-debug $(S)

# Soak: 50 e1000 freezes under a ping flood, base and series debug
# kernels side by side (the campaign's e1000-freeze, long form); not in
# CI (CI runs the scenario with 10).  FREEZES=N OUT=DIR
soak: qemu
	qemu-test/campaign -d -f -s e1000-freeze -e $(or $(FREEZES),50) $(if $(OUT),-o $(OUT))

# QEMU's emulated EEH under load: 200 e1000 freezes under a guest ping
# flood (-smp 2, MTTCG), the series' debug kernel; every freeze must
# recover, and QEMU must not abort (v1 of the QEMU series did).  Not in
# CI.  FREEZES=N NODEBUG=1 (the pseries kernel instead) OUT=DIR
flood: qemu
	qemu-test/campaign -k series -f -s e1000-freeze -e $(or $(FREEZES),200) $(if $(NODEBUG),,-d) $(if $(OUT),-o $(OUT))

# Benchmarks, base release against the series (not in CI; about 40 min).
# BENCHES="e1000 virtio nvme phbs" FREEZES=N RUNS=N PHBS="2 4 8" OUT=DIR
bench: qemu
	qemu-test/bench $(if $(BENCHES),-b "$(BENCHES)") $(if $(FREEZES),-n $(FREEZES)) $(if $(RUNS),-r $(RUNS)) $(if $(PHBS),-p "$(PHBS)") $(if $(OUT),-o $(OUT))

# Fault campaign, base release against the series (not in CI, which runs
# its short form with the scenarios).  E1000=N NVME=N INPUTS=N
# SCENARIOS="..." DEBUG=1 FLOOD=1 OUT=DIR
campaign: qemu
	qemu-test/campaign $(if $(E1000),-e $(E1000)) $(if $(NVME),-n $(NVME)) $(if $(INPUTS),-i $(INPUTS)) $(if $(SCENARIOS),-s "$(SCENARIOS)") $(if $(DEBUG),-d) $(if $(FLOOD),-f) $(if $(OUT),-o $(OUT))

# AER on x86_64 q35: the base and the patched kernel side by side.
aer:
	qemu-test/aer/kernels
	qemu-test/aer/run $(B)/out/x86_64-base $(B)/out/x86_64

selftest:
	tools/selftest/series-tools.sh
	qemu-test/selftest.sh

# QEMU with emulated EEH (qemu-test/qemu/series on Debian's QEMU source)
qemu:
	qemu-test/qemu/build-qemu --qtests

qtests: qemu
	qemu-test/qemu/run-qtests

clean:
	rm -rf build
