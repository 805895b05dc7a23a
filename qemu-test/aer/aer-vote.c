// SPDX-License-Identifier: GPL-2.0
/*
 * aer-vote: a test driver for QEMU's "edu" device (1234:11e8) whose
 * pci_error_handlers vote as its module parameters say, and log every
 * callback, so that a test can compare the recovery flow of two kernels.
 *
 * Parameters (writable at run time under /sys/module/aer_vote/parameters):
 *   detected, mmio, slot_reset  the vote of error_detected(),
 *       mmio_enabled() and slot_reset(): none, can_recover, need_reset,
 *       disconnect or recovered
 *   handlers  0: the driver has no pci_error_handlers at all
 *   warn      (write only) any write makes the driver WARN() once: the
 *       harness self-test proves with it that a kernel warning on the
 *       console fails a scenario
 *
 * Each callback prints "aer-vote: CALLBACK(ARG) -> VOTE", probe and
 * remove print "aer-vote: probe" and "aer-vote: remove".  Reading the
 * parameter "ident" reads the device's identification register (BAR0 + 0)
 * now: 0x010000ed while the device works, "none" without a bound device.
 * Reading "check" writes a new value to the liveness register (BAR0 + 4)
 * and reads it back, which the device inverts: "ok VALUE" when the data
 * came back right, "bad VALUE READ" when not, "none" without a device.
 * As a real driver, "check" does no I/O from error_detected() until
 * resume(): it reads "offline" then (a store while the reset has the
 * device's decoding off would freeze the PE again), and after a recovery
 * that failed with the device left bound.  "ident" reads at any time.
 *
 * The driver binds one edu at a time (probe of a second one fails with
 * -EBUSY), so that a test can give it a second device once the first is
 * gone.
 *
 * Not part of the kernel series: a tool of its test harness.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>

#define EDU_ID		0x00
#define EDU_ID_VALUE	0x010000ed
#define EDU_LIVENESS	0x04

static const char * const vote_names[] = {
	[PCI_ERS_RESULT_NONE] = "none",
	[PCI_ERS_RESULT_CAN_RECOVER] = "can_recover",
	[PCI_ERS_RESULT_NEED_RESET] = "need_reset",
	[PCI_ERS_RESULT_DISCONNECT] = "disconnect",
	[PCI_ERS_RESULT_RECOVERED] = "recovered",
};

struct vote_param {
	pci_ers_result_t vote;
};

static int vote_set(const char *val, const struct kernel_param *kp)
{
	struct vote_param *p = kp->arg;
	int i;

	for (i = 1; i < ARRAY_SIZE(vote_names); i++) {
		if (vote_names[i] && sysfs_streq(val, vote_names[i])) {
			p->vote = (__force pci_ers_result_t)i;
			return 0;
		}
	}
	return -EINVAL;
}

static int vote_get(char *buf, const struct kernel_param *kp)
{
	struct vote_param *p = kp->arg;

	return sysfs_emit(buf, "%s\n",
			  vote_names[(__force unsigned int)p->vote]);
}

static const struct kernel_param_ops vote_ops = {
	.set = vote_set,
	.get = vote_get,
};

static struct vote_param detected = { PCI_ERS_RESULT_CAN_RECOVER };
static struct vote_param mmio = { PCI_ERS_RESULT_RECOVERED };
static struct vote_param slot_reset = { PCI_ERS_RESULT_RECOVERED };
module_param_cb(detected, &vote_ops, &detected, 0644);
module_param_cb(mmio, &vote_ops, &mmio, 0644);
module_param_cb(slot_reset, &vote_ops, &slot_reset, 0644);

static const char *vote_name(pci_ers_result_t vote)
{
	return vote_names[(__force unsigned int)vote];
}

static const char *state_name(pci_channel_state_t state)
{
	switch (state) {
	case pci_channel_io_normal:
		return "normal";
	case pci_channel_io_frozen:
		return "frozen";
	case pci_channel_io_perm_failure:
		return "perm_failure";
	}
	return "?";
}

/*
 * The lock keeps remove from unmapping the bound device's BAR under a
 * reader; edu_offline is set from error_detected() until resume().
 */
static bool edu_offline;
static DEFINE_MUTEX(edu_lock);

static pci_ers_result_t vote_error_detected(struct pci_dev *pdev,
					    pci_channel_state_t state)
{
	pci_ers_result_t vote = detected.vote;

	mutex_lock(&edu_lock);
	edu_offline = true;
	mutex_unlock(&edu_lock);

	if (state == pci_channel_io_perm_failure)
		vote = PCI_ERS_RESULT_DISCONNECT;
	pr_info("aer-vote: error_detected(%s) -> %s\n", state_name(state),
		vote_name(vote));
	return vote;
}

static pci_ers_result_t vote_mmio_enabled(struct pci_dev *pdev)
{
	pr_info("aer-vote: mmio_enabled() -> %s\n", vote_name(mmio.vote));
	return mmio.vote;
}

static pci_ers_result_t vote_slot_reset(struct pci_dev *pdev)
{
	/* As a real driver: the reset cleared the BARs */
	pci_restore_state(pdev);
	pr_info("aer-vote: slot_reset() -> %s\n", vote_name(slot_reset.vote));
	return slot_reset.vote;
}

static void vote_resume(struct pci_dev *pdev)
{
	mutex_lock(&edu_lock);
	edu_offline = false;
	mutex_unlock(&edu_lock);
	pr_info("aer-vote: resume()\n");
}

static const struct pci_error_handlers vote_err_handler = {
	.error_detected = vote_error_detected,
	.mmio_enabled = vote_mmio_enabled,
	.slot_reset = vote_slot_reset,
	.resume = vote_resume,
};

/* The bound device's BAR 0, for the "ident" and "check" parameters */
static void __iomem *edu_bar;

/*
 * QEMU models edu's registers in the target's byte order: big-endian on
 * qemu-system-ppc64, whatever the guest's.  Probe finds out from the
 * identification register.
 */
static bool edu_be;

static u32 edu_read(void __iomem *bar, unsigned int reg)
{
	return edu_be ? ioread32be(bar + reg) : readl(bar + reg);
}

static void edu_write(u32 val, void __iomem *bar, unsigned int reg)
{
	if (edu_be)
		iowrite32be(val, bar + reg);
	else
		writel(val, bar + reg);
}

static int ident_get(char *buf, const struct kernel_param *kp)
{
	int len;

	mutex_lock(&edu_lock);
	if (edu_bar)
		len = sysfs_emit(buf, "%#010x\n", edu_read(edu_bar, EDU_ID));
	else
		len = sysfs_emit(buf, "none\n");
	mutex_unlock(&edu_lock);
	return len;
}

static const struct kernel_param_ops ident_ops = {
	.get = ident_get,
};
module_param_cb(ident, &ident_ops, NULL, 0444);

static int check_get(char *buf, const struct kernel_param *kp)
{
	static u32 value = 0x5a5a0000;
	u32 back;
	int len;

	mutex_lock(&edu_lock);
	if (edu_bar && edu_offline) {
		len = sysfs_emit(buf, "offline\n");
	} else if (edu_bar) {
		value++;
		edu_write(value, edu_bar, EDU_LIVENESS);
		back = edu_read(edu_bar, EDU_LIVENESS);
		if (back == ~value)
			len = sysfs_emit(buf, "ok %#010x\n", value);
		else
			len = sysfs_emit(buf, "bad %#010x %#010x\n", value, back);
	} else {
		len = sysfs_emit(buf, "none\n");
	}
	mutex_unlock(&edu_lock);
	return len;
}

static const struct kernel_param_ops check_ops = {
	.get = check_get,
};
module_param_cb(check, &check_ops, NULL, 0444);

static int vote_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	void __iomem *bar;
	u32 ident;
	int rc;

	rc = pcim_enable_device(pdev);
	if (rc)
		return rc;
	bar = pcim_iomap(pdev, 0, 0);
	if (!bar)
		return -ENOMEM;
	ident = readl(bar + EDU_ID);
	pr_info("aer-vote: probe (id %#010x)\n", ident);
	if (ident != EDU_ID_VALUE && ident != swab32(EDU_ID_VALUE))
		return -ENODEV;
	pci_save_state(pdev);
	mutex_lock(&edu_lock);
	if (edu_bar) {
		mutex_unlock(&edu_lock);
		pr_info("aer-vote: busy, not binding %s\n", pci_name(pdev));
		return -EBUSY;
	}
	edu_bar = bar;
	edu_be = ident != EDU_ID_VALUE;
	edu_offline = false;
	pci_set_drvdata(pdev, bar);
	mutex_unlock(&edu_lock);
	return 0;
}

static void vote_remove(struct pci_dev *pdev)
{
	mutex_lock(&edu_lock);
	if (edu_bar == pci_get_drvdata(pdev))
		edu_bar = NULL;
	mutex_unlock(&edu_lock);
	pr_info("aer-vote: remove\n");
}

static const struct pci_device_id vote_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};

static struct pci_driver vote_driver = {
	.name = "aer-vote",
	.id_table = vote_ids,
	.probe = vote_probe,
	.remove = vote_remove,
	.err_handler = &vote_err_handler,
};

static bool handlers = true;
static int handlers_set(const char *val, const struct kernel_param *kp)
{
	int rc = param_set_bool(val, kp);

	if (!rc)
		vote_driver.err_handler = handlers ? &vote_err_handler : NULL;
	return rc;
}

static const struct kernel_param_ops handlers_ops = {
	.set = handlers_set,
	.get = param_get_bool,
};
module_param_cb(handlers, &handlers_ops, &handlers, 0644);

static int warn_set(const char *val, const struct kernel_param *kp)
{
	WARN(1, "aer-vote: warning on request\n");
	return 0;
}

static const struct kernel_param_ops warn_ops = {
	.set = warn_set,
};
module_param_cb(warn, &warn_ops, NULL, 0200);

module_pci_driver(vote_driver);
MODULE_DESCRIPTION("PCI error recovery test driver for QEMU's edu device");
MODULE_LICENSE("GPL");
