# SPDX-License-Identifier: GPL-2.0
# Developer shortcuts; ./pcierr run and ./pcierr test are the two jobs.

.PHONY: run test check apply export kernel kernel-debug boot selftest bisect-full qemu qtests measure-phbs clean

run:
	./pcierr run

test:
	./pcierr test

apply:
	tools/apply

export:
	tools/export

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

clean:
	rm -rf build
