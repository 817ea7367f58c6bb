#!/usr/bin/env python3
"""Turns the benchmark's samples and wrk outputs into the figures table, and draws the plot if it can."""
import csv
import json
import os
import sys

import threads


def wrk_figures(path):
    figures = {}
    for line in open(path):
        parts = line.split()
        if len(parts) == 2 and parts[0].isupper():
            figures[parts[0]] = float(parts[1])
    return figures


def main():
    out = sys.argv[1]
    samples = [{k: float(v) for k, v in row.items() if v} for row in csv.DictReader(open(f"{out}/samples.csv"))]
    ceiling = wrk_figures(f"{out}/wrk-ceiling.txt")
    ceiling_after = wrk_figures(f"{out}/wrk-ceiling-after.txt") if os.path.exists(f"{out}/wrk-ceiling-after.txt") \
        else None
    paced = wrk_figures(f"{out}/wrk-paced.txt")
    load = wrk_figures(f"{out}/wrk-load.txt")
    marks = json.load(open(f"{out}/marks.json"))
    start, end = marks["load_start"], marks["load_end"]

    def at(t, key):
        best = None
        for s in samples:
            if s["t"] <= t and key in s:
                best = s[key]
        return best or 0.0

    during = [s for s in samples if start <= s["t"] <= end]
    duration = end - start
    accepted = at(end, "accepted") - at(start, "accepted")
    read = at(end, "read") - at(start, "read")
    receipts = at(end, "receipts") - at(start, "receipts")
    last = samples[-1]
    drained = [s for s in samples if s["t"] >= start and s.get("read", 0) - at(start, "read") >= accepted]
    drain_time = (drained[0]["t"] - start) if drained else None
    cores = marks["cores"]
    figures = {
        "ceiling_rps": ceiling["REQUESTS"] / ceiling["DURATION_S"],
        # the same after the gateway stopped: far from ceiling_rps, the machine changed speed during the run
        "ceiling_after_rps": ceiling_after["REQUESTS"] / ceiling_after["DURATION_S"] if ceiling_after else None,
        "accepted_rps": accepted / duration,
        "e2e_read_rps": read / duration,
        "e2e_all_read_rps": (accepted / drain_time) if drain_time else None,
        "receipts_per_s": receipts / duration,
        "webhooks_per_s": (at(end, "webhooks") - at(start, "webhooks")) / duration,
        "ack_p50_ms": load.get("LATENCY_P50_MS"), "ack_p95_ms": load.get("LATENCY_P95_MS"),
        "ack_p99_ms": load.get("LATENCY_P99_MS"),
        "paced_rate_rps": paced["REQUESTS"] / paced["DURATION_S"],
        "paced_ack_p50_ms": paced.get("LATENCY_P50_MS"), "paced_ack_p99_ms": paced.get("LATENCY_P99_MS"),
        "dispatch_p50_ms": last.get("dispatch_p50"), "dispatch_p95_ms": last.get("dispatch_p95"),
        "dispatch_p99_ms": last.get("dispatch_p99"),
        "heap_max_mib": max((s.get("heap_mib", 0) for s in during), default=0),
        "heap_avg_mib": sum(s.get("heap_mib", 0) for s in during) / max(1, len(during)),
        "gateway_cpu_avg_cores": sum(s.get("process_cpu", 0) for s in during) / max(1, len(during)) * cores,
        "commits_per_s": (at(end, "commit_seconds_count") - at(start, "commit_seconds_count")) / duration,
        "units_per_commit": (at(end, "commit_units_sum") - at(start, "commit_units_sum"))
        / max(1, at(end, "commit_seconds_count") - at(start, "commit_seconds_count")),
        "commit_busy_share": (at(end, "commit_seconds_sum") - at(start, "commit_seconds_sum")) / duration,
        # the writer's own CPU (its busy share also counts waiting for a core)
        "writer_cpu_share": (at(end, "writer_cpu_seconds") - at(start, "writer_cpu_seconds")) / duration,
        "writer_cpu_ms_per_msg": 1000 * (at(end, "writer_cpu_seconds") - at(start, "writer_cpu_seconds"))
        / max(1, read),
        # what the API and the webhooks queue, per broker transaction of GroupSend
        "queued_per_broker_commit": (at(end, "broker_commits_messages") - at(start, "broker_commits_messages"))
        / max(1, at(end, "broker_commits") - at(start, "broker_commits")),
        # queued webhooks a receipt consumer applied per broker transaction (ReceiptConsumers)
        "webhooks_per_receipt_commit": (at(end, "receipt_commits_webhooks") - at(start, "receipt_commits_webhooks"))
        / max(1, at(end, "receipt_commits") - at(start, "receipt_commits")),
        # webhooks queued again because a receipt beat its send response, and receipt transactions rolled back
        "receipts_queued_again": at(end, "receipts_waiting") - at(start, "receipts_waiting"),
        "receipt_rollbacks": at(end, "receipt_rollbacks") - at(start, "receipt_rollbacks"),
        "errors": load.get("NON202", 0) + paced.get("NON202", 0),
        # 429s of the sender's queue limit (QUEUE_LIMIT): wrk waited their Retry-After and went on
        "refused_429": load.get("REFUSED429", 0) + paced.get("REFUSED429", 0),
        # the gateway's own count of those 429s over the whole run, by the measure that refused them
        "refused_by_reason": {k[len("refused_"):]: last.get(k, 0) for k in
                              ("refused_sender_queue", "refused_sender_queue_wait", "refused_app_rate")},
        "failed_messages": at(end, "failed"),
        "load_seconds": duration,
        # the database folder and the Artemis journal after the run (all messages of warm-up, paced and load runs)
        "db_file_mib": marks.get("db_mib"),
        "journal_mib": marks.get("journal_mib"),
    }
    # the reporting consumer (events.py): what it took during the load, and what it never got
    try:
        taken = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(open(f"{out}/events.csv"))]
    except FileNotFoundError:
        taken = None
    if taken:
        def taken_at(t):
            return max([row["events"] for row in taken if row["t"] <= t], default=0.0)
        figures["events_published_per_s"] = (at(end, "events") - at(start, "events")) / duration
        figures["events_consumed_per_s"] = (taken_at(end) - taken_at(start)) / duration
        figures["events_not_consumed"] = last.get("events", 0) - taken[-1]["events"]
    figures["e2e_to_ceiling"] = figures["e2e_read_rps"] / figures["ceiling_rps"]
    # CPU the gateway (with its simulator) spent per message carried end to end: steadier than the rates, which
    # move with how the 2 cores are shared between wrk and the gateway
    figures["gateway_cpu_ms_per_msg"] = figures["gateway_cpu_avg_cores"] * 1000 / max(1e-9, figures["e2e_read_rps"])
    figures["cpu_by_thread"] = cpu_by_thread(out, figures["e2e_read_rps"])
    json.dump(figures, open(f"{out}/figures.json", "w"), indent=2)
    for k, v in figures.items():
        if isinstance(v, dict):
            continue
        print(f"{k:24} {v:.4g}" if isinstance(v, float) else f"{k:24} {v}")
    if figures["cpu_by_thread"]:
        print("CPU during the load, by thread (cores; ms per message carried end to end):")
        for label, c in figures["cpu_by_thread"].items():
            print(f"  {c['cores']:6.3f} {c['ms_per_msg']:6.2f}  {label}")
    plot(out, samples, start)


def cpu_by_thread(out, messages_per_s):
    """The gateway's threads by group, then the whole machine (from threads.py's two snapshots)."""
    try:
        start, end = (json.load(open(f"{out}/threads-{which}.json")) for which in ("start", "end"))
    except FileNotFoundError:
        return {}
    cores, machine = threads.by_group(start, end)
    rows = dict(sorted(cores.items(), key=lambda kv: -kv[1]))
    rows["gateway, all threads"] = sum(cores.values())
    rows["machine: user (all processes)"] = machine["user"] + machine["nice"]
    rows["machine: kernel (system, irq, softirq)"] = machine["system"] + machine["irq"] + machine["softirq"]
    rows["machine: idle, iowait"] = machine["idle"] + machine["iowait"]
    rows["machine: steal (taken by the host)"] = machine["steal"]
    return {label: {"cores": c, "ms_per_msg": c * 1000 / max(1e-9, messages_per_s)} for label, c in rows.items()}


def plot(out, samples, start):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no matplotlib: plot skipped)")
        return
    t = [s["t"] - start for s in samples]

    def rate(key):
        values = [s.get(key, 0) for s in samples]
        return [0] + [max(0, (values[i] - values[i - 1]) / max(1e-3, samples[i]["t"] - samples[i - 1]["t"]))
                      for i in range(1, len(values))]

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
    top.plot(t, rate("accepted"), label="accepted /s")
    top.plot(t, rate("submitted"), label="provider calls /s")
    top.plot(t, rate("read"), label="reached READ /s")
    top.plot(t, [r / 3 for r in rate("receipts")], label="receipts /s ÷ 3", linestyle=":")
    top.set_ylabel("per second")
    top.legend(loc="upper right")
    top.grid(alpha=0.3)
    bottom.plot(t, [s.get("dispatch_p99", 0) for s in samples], label="accepted→provider call p99 (ms)")
    bottom.plot(t, [s.get("heap_mib", 0) for s in samples], label="heap (MiB)")
    bottom.set_xlabel("seconds since the measured load started")
    bottom.legend(loc="upper right")
    bottom.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(f"{out}/benchmark.png", dpi=90)
    print(f"plot: {out}/benchmark.png")


if __name__ == "__main__":
    main()
