#!/usr/bin/env python3
"""Samples the gateway's Prometheus metrics once a second into a CSV, until told to stop (SIGTERM)."""
import csv
import re
import signal
import sys
import time
import urllib.request

URL, OUT = sys.argv[1], sys.argv[2]
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)

LINE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+([0-9.eE+-]+|NaN)$')


# Prometheus metric -> the sample's column, for metrics taken as they are (summed over their label sets)
COLUMNS = {
    "gateway_accepted_total": "accepted",
    "gateway_events_total": "events",
    "gateway_webhooks_total": "webhooks",
    "gateway_webhook_facts_total": "receipts",
    "gateway_store_group_commit_seconds_count": "commit_seconds_count",
    "gateway_store_group_commit_seconds_sum": "commit_seconds_sum",
    "gateway_store_group_commit_units_sum": "commit_units_sum",
    "gateway_store_writer_cpu_seconds_total": "writer_cpu_seconds",
    "gateway_broker_group_send_messages_count": "broker_commits",
    "gateway_broker_group_send_messages_sum": "broker_commits_messages",
    "gateway_receipts_transaction_webhooks_count": "receipt_commits",
    "gateway_receipts_transaction_webhooks_sum": "receipt_commits_webhooks",
    "gateway_receipts_waiting_total": "receipts_waiting",
    "gateway_receipts_rollbacks_total": "receipt_rollbacks",
    "process_cpu_usage": "process_cpu",
}


def add(values, column, v):
    values[column] = values.get(column, 0) + v


def scrape():
    values = {}
    text = urllib.request.urlopen(URL, timeout=20).read().decode()
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        name, labels, value = m.group(1), m.group(2) or "", m.group(3)
        if value == "NaN":
            continue
        v = float(value)
        if name in COLUMNS:
            add(values, COLUMNS[name], v)
        if name == "gateway_events_total" and 'type="message.status"' in labels:
            add(values, re.search(r'status="([A-Z]*)"', labels).group(1).lower(), v)
        elif name == "gateway_refused_total":
            add(values, "refused_" + re.search(r'reason="([a-z-]*)"', labels).group(1).replace("-", "_"), v)
        elif name == "jvm_memory_used_bytes" and 'area="heap"' in labels:
            add(values, "heap_mib", v / 1048576)
        elif name == "gateway_dispatch_accepted_to_call_seconds" and 'quantile=' in labels:
            q = re.search(r'quantile="([0-9.]+)"', labels).group(1)
            values["dispatch_p" + str(int(float(q) * 100))] = v * 1000
    return values


FIELDS = ["t", "accepted", "events", "submitted", "sent", "delivered", "read", "failed", "receipts", "webhooks",
          "heap_mib", "process_cpu", "dispatch_p50", "dispatch_p95", "dispatch_p99",
          "refused_sender_queue", "refused_sender_queue_wait", "refused_app_rate"] + [
    column for column in COLUMNS.values()
    if column not in ("accepted", "events", "receipts", "webhooks", "process_cpu")]
with open(OUT, "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    while running:
        try:
            row = scrape()
            row["t"] = time.time()
            writer.writerow(row)
            f.flush()
        except Exception as e:  # the gateway may be busy; a missed sample is not fatal
            print("sample failed:", e, file=sys.stderr)
        time.sleep(1)
