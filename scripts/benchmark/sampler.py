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
        if name == "gateway_accepted_total":
            values["accepted"] = v
        elif name == "gateway_events_total":
            values["events"] = values.get("events", 0) + v
            if 'type="message.status"' in labels:
                status = re.search(r'status="([A-Z]*)"', labels).group(1)
                values[status.lower()] = values.get(status.lower(), 0) + v
        elif name == "gateway_webhooks_total":
            values["webhooks"] = values.get("webhooks", 0) + v
        elif name == "gateway_webhook_facts_total":
            values["receipts"] = values.get("receipts", 0) + v
        elif name == "jvm_memory_used_bytes" and 'area="heap"' in labels:
            values["heap_mib"] = values.get("heap_mib", 0) + v / 1048576
        elif name in ("gateway_store_group_commit_seconds_count", "gateway_store_group_commit_seconds_sum",
                      "gateway_store_group_commit_units_sum"):
            values[name.replace("gateway_store_group_", "")] = v
        elif name in ("gateway_store_compaction_seconds_count", "gateway_store_compaction_seconds_sum",
                      "gateway_store_compaction_seconds_max"):
            values[name.replace("gateway_store_", "")] = v
        elif name == "gateway_broker_group_send_messages_count":
            values["broker_commits"] = v
        elif name == "gateway_broker_group_send_messages_sum":
            values["broker_commits_messages"] = v
        elif name == "gateway_receipts_transaction_webhooks_count":
            values["receipt_commits"] = v
        elif name == "gateway_receipts_transaction_webhooks_sum":
            values["receipt_commits_webhooks"] = v
        elif name == "gateway_receipts_waiting_total":
            values["receipts_waiting"] = v
        elif name == "gateway_receipts_rollbacks_total":
            values["receipt_rollbacks"] = v
        elif name == "process_cpu_usage":
            values["process_cpu"] = v
        elif name == "gateway_dispatch_accepted_to_call_seconds" and 'quantile=' in labels:
            q = re.search(r'quantile="([0-9.]+)"', labels).group(1)
            values["dispatch_p" + str(int(float(q) * 100))] = v * 1000
    return values


FIELDS = ["t", "accepted", "events", "submitted", "sent", "delivered", "read", "failed", "receipts", "webhooks", "heap_mib",
          "process_cpu", "dispatch_p50", "dispatch_p95", "dispatch_p99", "commit_seconds_count",
          "commit_seconds_sum", "commit_units_sum", "broker_commits", "broker_commits_messages",
          "receipt_commits", "receipt_commits_webhooks", "receipts_waiting", "receipt_rollbacks",
          "compaction_seconds_count", "compaction_seconds_sum", "compaction_seconds_max"]
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
