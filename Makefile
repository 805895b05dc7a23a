# SPDX-License-Identifier: GPL-2.0
# Developer shortcuts; ./pcierr run and ./pcierr test are the two jobs.

.PHONY: run test check apply export mbox kernel kernel-debug boot scenarios-debug soak aer selftest bisect-full qemu qtests measure-phbs bench-phbs bench campaign clean

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

# 50 e1000 freezes under a ping flood, base and series debug kernels side
# by side; not in CI (CI runs the scenario with 10).  FREEZES=N OUT=DIR
soak: qemu
	qemu-test/soak -n $(or $(FREEZES),50) $(if $(OUT),-o $(OUT))

# Benchmarks, base release against the series (not in CI; about 40 min).
# FREEZES=N RUNS=N OUT=DIR
bench: qemu
	qemu-test/bench $(if $(FREEZES),-n $(FREEZES)) $(if $(RUNS),-r $(RUNS)) $(if $(OUT),-o $(OUT))

# Fault campaign, base release against the series (not in CI, which runs
# its short form with the scenarios).  E1000=N NVME=N INPUTS=N OUT=DIR
campaign: qemu
	qemu-test/campaign $(if $(E1000),-e $(E1000)) $(if $(NVME),-n $(NVME)) $(if $(INPUTS),-i $(INPUTS)) $(if $(OUT),-o $(OUT))

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

# Concurrent recovery, one PHB vs four; not in CI.  RUNS=10 KERNELS="name=dir ..."
measure-phbs: qemu
	qemu-test/measure-phbs -n $(or $(RUNS),10) $(KERNELS)

# The same on the base release and the series, both built here; not in CI.
bench-phbs: qemu
	qemu-test/bench-phbs -n $(or $(RUNS),10) $(if $(OUT),-o $(OUT))

clean:
	rm -rf build
