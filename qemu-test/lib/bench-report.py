#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Figures of qemu-test/bench.

Usage: bench-report.py detection TRACE_TSV PHB
         per freeze of PHB in a stamped QEMU trace (stamp.py): ms from the
         freeze to the guest's first query of the PE state that reports
         it frozen (the EEH detector), and to the guest's PE reset
       bench-report.py summary OUT
         OUT/raw.tsv -> a Markdown table on stdout, OUT/plot.tsv and,
         with gnuplot, OUT/bench.png
"""
import csv
import os
import re
import shutil
import statistics
import subprocess
import sys


def detection(trace, phb):
    freeze = re.compile(rf"spapr_pci_eeh_freeze PHB {phb}: ")
    state = re.compile(rf"spapr_pci_eeh_get_state PHB {phb}: state ([0-9]+)")
    reset = re.compile(rf"spapr_pci_eeh_reset PHB {phb}: slot reset option [13]\b")
    t0 = seen = None
    for line in open(trace, encoding="utf-8"):
        stamp, _, text = line.rstrip("\n").partition("\t")
        t = float(stamp)
        if freeze.search(text):
            t0, seen = t, None
        elif t0 is not None and seen is None:
            m = state.search(text)
            if m and m.group(1) != "0":
                seen = t
        if t0 is not None and seen is not None and reset.search(text):
            print(f"{(seen - t0) * 1000:.0f}\t{(t - t0) * 1000:.0f}")
            t0 = seen = None


LABELS = {
    "e1000": "e1000 (handlers): freeze -> first ping answered",
    "virtio": "virtio-blk (hotplug fallback): freeze -> first verified read",
    "nvme": "nvme (handlers): freeze -> first verified read",
    "e1000-detect": "e1000: freeze -> detector's firmware query",
    "e1000-reset": "e1000: freeze -> PE reset",
}


def fmt(v):
    q = statistics.quantiles(v, n=4, method="inclusive") if len(v) > 1 else [v[0], v[0], v[0]]
    return f"{statistics.median(v):.0f} ({q[0]:.0f}-{q[2]:.0f}; {min(v):.0f}-{max(v):.0f})"


def summary(out):
    rows = list(csv.DictReader(open(os.path.join(out, "raw.tsv")), delimiter="\t"))
    data = {}
    for r in rows:
        data.setdefault((r["bench"], r["kernel"]), []).append(float(r["ms"]))
    print("# qemu-test/bench")
    print()
    print(open(os.path.join(out, "versions")).read().strip().replace("\n", "  \n"))
    print()
    print("Median ms (interquartile range; min-max), n values; ratio = series / base medians.")
    print()
    print("| benchmark | n | base | series | ratio |")
    print("|---|---|---|---|---|")
    plot = []
    for b, label in LABELS.items():
        base, ser = data.get((b, "base")), data.get((b, "series"))
        if not base and not ser:
            continue
        ratio = (f"{statistics.median(ser) / statistics.median(base):.2f}"
                 if base and ser else "-")
        n = f"{len(base or [])}/{len(ser or [])}"
        print(f"| {label} | {n} | {fmt(base) if base else '-'} | {fmt(ser) if ser else '-'} | {ratio} |")
        if base and ser and b in ("e1000", "virtio", "nvme", "e1000-detect"):
            plot.append((b, base, ser))
    print()
    print("Concurrency: all PHBs frozen at once, freeze -> the last e1000 answers;")
    print("ratio to one PHB alone (median of every boot's one-PHB round).")
    print()
    print("| PHBs | base ms | series ms | base ratio | series ratio |")
    print("|---|---|---|---|---|")
    one = {k: data.get(("phbs1", k)) for k in ("base", "series")}
    conc = []
    counts = sorted({int(b[4:]) for b, _ in data if b.startswith("phbs") and b != "phbs1"})
    for p in counts:
        cells, ratios = [], []
        for k in ("base", "series"):
            v = data.get((f"phbs{p}", k))
            cells.append(fmt(v) if v else "-")
            ratios.append(statistics.median(v) / statistics.median(one[k])
                          if v and one[k] else None)
        print(f"| {p} | {cells[0]} | {cells[1]} | "
              + " | ".join(f"{x:.2f}" if x else "-" for x in ratios) + " |")
        conc.append((p, ratios))
    with open(os.path.join(out, "plot.tsv"), "w") as f:
        f.write("# latency: bench base_median base_q1 base_q3 series_median series_q1 series_q3\n")
        for b, base, ser in plot:
            qb = statistics.quantiles(base, n=4, method="inclusive") if len(base) > 1 else [base[0]] * 3
            qs = statistics.quantiles(ser, n=4, method="inclusive") if len(ser) > 1 else [ser[0]] * 3
            f.write(f"{b} {statistics.median(base) / 1000:.3f} {qb[0] / 1000:.3f} {qb[2] / 1000:.3f} "
                    f"{statistics.median(ser) / 1000:.3f} {qs[0] / 1000:.3f} {qs[2] / 1000:.3f}\n")
        f.write("\n\n# concurrency: phbs base_ratio series_ratio\n")
        f.write("1 1 1\n")
        for p, (rb, rs) in conc:
            f.write(f"{p} {rb or 0:.3f} {rs or 0:.3f}\n")
    if shutil.which("gnuplot"):
        script = f"""
set terminal pngcairo size 1100,450 noenhanced
set output '{out}/bench.png'
set multiplot layout 1,2
set title 'Recovery latency: median, bars = interquartile range'
set ylabel 'seconds'
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
set key top left
set yrange [0:*]
plot '{out}/plot.tsv' index 0 using 2:3:4:xtic(1) title 'v7.2 base', \\
     '' index 0 using 5:6:7 title 'series'
set title 'All PHBs frozen at once: time / one PHB (median)'
set ylabel 'ratio'
set xlabel 'PHBs frozen at once'
unset style
set style data linespoints
set xrange [0.5:*]
plot '{out}/plot.tsv' index 1 using 1:2 title 'v7.2 base' lw 2 pt 7, \\
     '' index 1 using 1:3 title 'series' lw 2 pt 5, x notitle dt 2
unset multiplot
"""
        r = subprocess.run(["gnuplot"], input=script, text=True,
                           capture_output=True)
        if r.returncode:
            print(f"bench-report: gnuplot failed: {r.stderr.strip()}", file=sys.stderr)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "detection":
        detection(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "summary":
        summary(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
