#!/usr/bin/env python3
"""Charts a soak run (bench/faults/soak.sh): heap after GC, live threads, open files and event-store lag per node, and the p99
latency of each second. usage: soak-chart.py RESULT_DIR -> RESULT_DIR/soak.png"""
import csv
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1]
samples = list(csv.DictReader(open(out + "/samples.csv")))
timeline = list(csv.DictReader(open(out + "/timeline.csv")))
fig, axes = plt.subplots(5, 1, figsize=(8, 11), sharex=True)
for ax, column, title in ((axes[0], "live_mib", "heap after GC (MiB)"), (axes[1], "threads", "live threads"),
                          (axes[2], "open_files", "open files"), (axes[3], "event_lag", "event-store lag")):
    for node in sorted({s["node"] for s in samples}):
        rows = [s for s in samples if s["node"] == node]
        ax.plot([int(r["t"]) for r in rows], [int(r[column]) for r in rows], label="node " + node)
    ax.set_ylabel(title)
    ax.set_ylim(0, 1.25 * max(1, max(int(s[column]) for s in samples)))
    ax.legend(loc="lower right", fontsize=7)
axes[4].plot([int(r["second"]) for r in timeline], [int(r["p99_ms"]) for r in timeline], color="gray", lw=0.7)
axes[4].set_ylabel("p99 latency (ms)")
axes[4].set_xlabel("seconds into the soak")
axes[4].set_yscale("log")
fig.suptitle("Tollgate soak through the 3-node cluster")
fig.tight_layout()
fig.savefig(out + "/soak.png", dpi=80)
