#!/usr/bin/env python3
"""A reporting consumer for the gateway's events, in plain Python (no packages needed).

It reads a durable subscription over STOMP 1.2, so events published while it was away are waiting for it.
Configure the subscription in the gateway first:  gateway.events.subscriptions: [reporting]

    python3 docs/examples/stomp_consumer.py                 # durable queue whatsapp.events::reporting
    python3 docs/examples/stomp_consumer.py --live          # live events only, nothing kept while away
    python3 docs/examples/stomp_consumer.py --selector "type = 'message.status' AND status = 'READ'"
"""
import argparse
import json
import socket


def frame(command, headers, body=""):
    lines = [command] + [f"{k}:{v}" for k, v in headers.items()]
    return ("\n".join(lines) + "\n\n" + body + "\0").encode()


def escape(value):
    # STOMP 1.2 escapes colons in header values; the durable queue's name has two.
    return value.replace("\\", "\\\\").replace(":", "\\c")


def frames(sock):
    buffer = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buffer += chunk
        while b"\0" in buffer:
            raw, buffer = buffer.split(b"\0", 1)
            raw = raw.lstrip(b"\r\n")
            if raw:
                head, _, body = raw.partition(b"\n\n")
                lines = head.decode().split("\n")
                yield lines[0], dict(line.split(":", 1) for line in lines[1:] if ":" in line), body.decode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=61616)
    parser.add_argument("--subscription", default="reporting")
    parser.add_argument("--live", action="store_true", help="subscribe to the address itself, not a durable queue")
    parser.add_argument("--selector", help="a JMS selector on the properties type, app, sender, status")
    args = parser.parse_args()

    sock = socket.create_connection((args.host, args.port))
    sock.sendall(frame("CONNECT", {"accept-version": "1.2", "host": "localhost"}))
    if args.live:
        # Artemis treats a STOMP subscription as anycast unless told otherwise.
        headers = {"destination": "whatsapp.events", "subscription-type": "MULTICAST"}
    else:
        headers = {"destination": escape("whatsapp.events::" + args.subscription)}
    headers.update({"id": "1", "ack": "client-individual"})
    if args.selector:
        headers["selector"] = args.selector
    sock.sendall(frame("SUBSCRIBE", headers))

    for command, headers, body in frames(sock):
        if command == "ERROR":
            raise SystemExit(f"broker error: {headers.get('message')} {body}")
        if command != "MESSAGE":
            continue
        event = json.loads(body)
        status = (event.get("message") or {}).get("status", "")
        print(event["type"], event.get("app"), event.get("sender"), status, event["id"], flush=True)
        # Acknowledge only after the event is safely handled: an unacknowledged one is delivered again.
        sock.sendall(frame("ACK", {"id": headers["ack"]}))


if __name__ == "__main__":
    main()
