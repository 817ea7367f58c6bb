#!/usr/bin/env python3
"""The benchmark's reporting consumer: reads the durable event subscription over STOMP, as a reporting system
would, and writes how many events it has taken into a CSV once a second, until told to stop (SIGTERM).

    events.py <port> <subscription> <out.csv>
"""
import signal
import socket
import sys
import time

PORT, SUBSCRIPTION, OUT = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ACK_EVERY = 200          # STOMP "client" acks are cumulative: one ACK takes every event before it
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)


def frame(command, headers):
    return ("\n".join([command] + [f"{k}:{v}" for k, v in headers.items()]) + "\n\n\0").encode()


def main():
    sock = socket.create_connection(("127.0.0.1", PORT))
    sock.settimeout(0.5)
    sock.sendall(frame("CONNECT", {"accept-version": "1.2", "host": "localhost"}))
    # the durable queue by its fully qualified name, colons escaped as STOMP 1.2 asks
    destination = ("whatsapp.events::" + SUBSCRIPTION).replace(":", "\\c")
    # Artemis stops sending once 10 KiB are unacknowledged (its STOMP default), about ten events; with acks in
    # batches that would pace the consumer, so the window is opened (consumer-window-size, Artemis 2.16 and later)
    sock.sendall(frame("SUBSCRIBE", {"destination": destination, "id": "1", "ack": "client",
                                     "consumer-window-size": "-1"}))
    received, unacked, last_ack, buffer = 0, 0, None, b""
    with open(OUT, "w") as out:
        out.write("t,events\n")
        next_write = time.time()
        while running:
            try:
                chunk = sock.recv(1 << 20)
                if not chunk:
                    break
                buffer += chunk
            except socket.timeout:
                pass
            *frames, buffer = buffer.split(b"\0")
            for raw in frames:
                raw = raw.lstrip(b"\r\n")
                if raw.startswith(b"ERROR"):
                    raise SystemExit("broker error: " + raw.decode(errors="replace")[:500])
                if raw.startswith(b"MESSAGE"):
                    received += 1
                    unacked += 1
                    head = raw.split(b"\n\n", 1)[0]
                    for line in head.split(b"\n"):
                        if line.startswith(b"ack:"):
                            last_ack = line[4:].decode()
            now = time.time()
            if last_ack and unacked and (unacked >= ACK_EVERY or now >= next_write):
                sock.sendall(frame("ACK", {"id": last_ack}))
                unacked = 0
            if now >= next_write:
                out.write(f"{now},{received}\n")
                out.flush()
                next_write = now + 1


if __name__ == "__main__":
    main()
