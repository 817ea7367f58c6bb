#!/usr/bin/env python3
"""CPU by thread, from the kernel's own accounting: what a JFR profile misses (kernel time, threads blocked
outside Java code) is counted here too.

    threads.py PID FILE      writes the CPU ticks of every thread of PID, and the machine's, to FILE (JSON)

report.py compares the snapshots taken at the start and the end of the load (threads-start.json,
threads-end.json) and prints the gateway's CPU by group of threads. A thread that ended between the two
snapshots is missed, one that started is counted from zero.
"""
import json
import os
import re
import sys
import time

# thread name (as the kernel keeps it: 15 characters at most) -> what those threads do; first match wins
GROUPS = [
    (r"^ledger-group-co", "ledger writer"),
    (r"^receipts-", "receipt consumers"),
    (r"^Camel \(camel-", "dispatch consumers (Camel JMS)"),
    (r"^http-nio-", "Tomcat (API and webhooks)"),
    (r"^broker-group-se", "GroupSend"),
    (r"^Thread-\d+ \(|^activemq-", "broker (Artemis)"),   # "Thread-7 (ActiveMQ-server-...)", cut short
    (r"^qtp|^simulator-", "simulator (WireMock, webhook poster)"),
    (r"^HttpClient-", "JDK HTTP client (provider calls, simulator webhooks)"),
    (r"^C\d CompilerThre", "JIT compiler"),
    (r"^GC Thread|^G1 |^VM Thread", "garbage collector and VM"),
    (r"^scheduling-", "scheduled tasks (housekeeping)"),
]


def group(name):
    return next((label for pattern, label in GROUPS if re.search(pattern, name)), "other")


def snapshot(pid):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue   # the thread ended while we looked
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        threads[tid] = [name, int(fields[11]) + int(fields[12])]   # utime + stime
    # the machine: user, nice, system, idle, iowait, irq, softirq, steal (first line of /proc/stat)
    machine = [int(v) for v in open("/proc/stat").readline().split()[1:9]]
    return {"t": time.time(), "tick": os.sysconf("SC_CLK_TCK"), "threads": threads, "machine": machine}


def by_group(start, end):
    """Cores each group of the gateway's threads used between two snapshots, and the machine's split."""
    seconds = end["t"] - start["t"]
    cores = {}
    for tid, (name, ticks) in end["threads"].items():
        before = start["threads"].get(tid, [name, 0])[1]
        label = group(name)
        cores[label] = cores.get(label, 0) + (ticks - before) / end["tick"] / seconds
    deltas = [b - a for a, b in zip(start["machine"], end["machine"])]
    machine = {k: v / end["tick"] / seconds for k, v in
               zip(["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"], deltas)}
    return cores, machine


if __name__ == "__main__":
    json.dump(snapshot(sys.argv[1]), open(sys.argv[2], "w"))
