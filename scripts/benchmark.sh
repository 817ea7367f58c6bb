#!/usr/bin/env bash
# One command benchmark: ./scripts/benchmark.sh   (DURATION=60 RATE=500 CONNECTIONS=64 to change the load;
# STATUSES_PER_WEBHOOK=1 to have the simulator post every status alone instead of batching them as Meta may;
# SENDER_RATE=2000 to allow the demo sender more than one number's top tier (1,000 msg/s, the default);
# QUEUE_LIMIT=4h for the gateway's own default: the demo sender's queue limit, 2 s here, beyond which the API
# answers 429 and wrk waits the Retry-After, as a client of a sender at its tier would;
# GATEWAY_ARGS="--spring.datasource.url=..." to run the gateway with other settings, e.g. on PostgreSQL;
# EVENTS=0 to run without the reporting consumer, as runs before K4 did)
# Builds the jar, measures a bare WireMock stub as the ceiling, then runs the gateway on its durable embedded
# defaults with the built-in Meta simulator posting sent/delivered/read webhooks back, and drives it with wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60}; WARMUP=${WARMUP:-150}; RATE=${RATE:-500}; CONNECTIONS=${CONNECTIONS:-64}
STATUSES_PER_WEBHOOK=${STATUSES_PER_WEBHOOK:-1000}; SENDER_RATE=${SENDER_RATE:-1000}; QUEUE_LIMIT=${QUEUE_LIMIT:-2s}
PORT=${PORT:-18080}; STUB_PORT=${STUB_PORT:-18090}; BROKER_PORT=${BROKER_PORT:-18616}; EVENTS=${EVENTS:-1}
OUT=target/benchmark; rm -rf "$OUT"; mkdir -p "$OUT"
CORES=$(nproc)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  echo "installing wrk and python3-matplotlib (Debian packages)"
  (apt-get install -y -q wrk python3-matplotlib >/dev/null 2>&1) || (apt-get update -q >/dev/null && apt-get install -y -q wrk python3-matplotlib >/dev/null)
fi

./mvnw -q -B -DskipTests package
JAR=$(ls target/whatsapp-gateway-*.jar | grep -v original | head -1)
WIREMOCK=$(find ~/.m2/repository/org/wiremock/wiremock-standalone -name 'wiremock-standalone-*.jar' | sort | tail -1)
# the data directory (journal and database) is removed afterwards unless KEEP_DATA=1: left behind, runs fill the
# disk, and Artemis blocks every producer once it is fuller than its max-disk-usage (docs/benchmarks.md, run H)
cleanup() {
  kill "${SAMPLER:-}" "${CONSUMER:-}" "${GATEWAY:-}" "${STUB:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  [ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$OUT/data"
}
trap cleanup EXIT
ready() { for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "not ready: $1"; exit 1; }

# the bare stub's rate, into $1: measured before the gateway starts and again after it stops, since this machine's
# speed can change within a run (docs/benchmarks.md, "Where it stands")
ceiling() {
  mkdir -p "$OUT/stub/mappings"; cp scripts/benchmark/stub-mapping.json "$OUT/stub/mappings/"
  java -Xmx512m -jar "$WIREMOCK" --port "$STUB_PORT" --bind-address 127.0.0.1 --root-dir "$OUT/stub" \
    --no-request-journal --disable-banner >"$OUT/stub.log" 2>&1 & STUB=$!
  ready "http://127.0.0.1:$STUB_PORT/__admin/mappings"
  wrk -t2 -c"$CONNECTIONS" -d10s -s scripts/benchmark/stub.lua "http://127.0.0.1:$STUB_PORT/v25.0/1/messages" >/dev/null
  wrk -t2 -c"$CONNECTIONS" -d20s -s scripts/benchmark/stub.lua "http://127.0.0.1:$STUB_PORT/v25.0/1/messages" \
    | tee "$1"
  kill "$STUB"; wait "$STUB" 2>/dev/null || true; STUB=
}
echo "== ceiling: wrk against a bare WireMock stub"
ceiling "$OUT/wrk-ceiling.txt"

# waits until every accepted message reached READ (or failed), $1 seconds at most
drain() {
  for _ in $(seq 1 "$1"); do
    sleep 1
    python3 - "$OUT/samples.csv" <<'PY' && return 0
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
last = rows[-1] if rows else {}
done = lambda k: float(last.get(k) or 0)
sys.exit(0 if rows and done("read") + done("failed") >= done("accepted") > 0 else 1)
PY
  done
  echo "not drained after $1 s"
}

# Every event goes to a durable subscription that a reporting consumer (events.py, over STOMP) reads, as in a
# deployment: the broker journals each event and hands it out (before run K4 the events had no subscriber)
if [ "$EVENTS" = 1 ]; then
  BROKER_ARGS="--gateway.broker.port=$BROKER_PORT --gateway.events.subscriptions=benchmark"
else
  BROKER_ARGS="--gateway.broker.port=-1"
fi
echo "== gateway on durable embedded defaults with the Meta simulator (reporting consumer: EVENTS=$EVENTS)"
java -Xmx512m -Xms512m ${GATEWAY_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --gateway.data-dir="$OUT/data" \
  --gateway.senders.demo.throughput="$SENDER_RATE" --gateway.senders.demo.queue-limit="$QUEUE_LIMIT" \
  --gateway.simulator.receipt-delay=200ms \
  --gateway.simulator.statuses-per-webhook="$STATUSES_PER_WEBHOOK" \
  $BROKER_ARGS ${GATEWAY_ARGS:-} >"$OUT/gateway.log" 2>&1 & GATEWAY=$!
ready "http://127.0.0.1:$PORT/actuator/health/readiness"
python3 scripts/benchmark/sampler.py "http://127.0.0.1:$PORT/actuator/prometheus" "$OUT/samples.csv" & SAMPLER=$!
if [ "$EVENTS" = 1 ]; then
  python3 scripts/benchmark/events.py "$BROKER_PORT" benchmark "$OUT/events.csv" & CONSUMER=$!
fi

# The JIT keeps compiling for two to three minutes under full load (C2 threads use 0.4 cores meanwhile); a
# shorter warm-up measures the compiler, not the gateway (docs/benchmarks.md, run E).
echo "== warm-up ${WARMUP}s at ${CONNECTIONS} connections"
RECIPIENT_OFFSET=50000000 wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s scripts/benchmark/send.lua "http://127.0.0.1:$PORT" >/dev/null
drain 60

echo "== paced: about ${RATE} msg/s for 30s (API acknowledgement latency)"
# each of wrk's 2 threads sends one request every PACE_MS on a fixed schedule, so RATE is what is offered
PACE_MS=$(python3 -c "print(2 * 1000 / $RATE)") RECIPIENT_OFFSET=60000000 wrk -t2 -c64 -d30s --latency \
  -s scripts/benchmark/send.lua \
  "http://127.0.0.1:$PORT" | tee "$OUT/wrk-paced.txt"
sleep 5

echo "== load: ${CONNECTIONS} connections for ${DURATION}s"
python3 scripts/benchmark/threads.py "$GATEWAY" "$OUT/threads-start.json"
LOAD_START=$(date +%s.%N)
RECIPIENT_OFFSET=70000000 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s scripts/benchmark/send.lua \
  "http://127.0.0.1:$PORT" | tee "$OUT/wrk-load.txt"
LOAD_END=$(date +%s.%N)
python3 scripts/benchmark/threads.py "$GATEWAY" "$OUT/threads-end.json"
echo "== draining (waiting for every message to reach READ, 120 s at most)"
drain 120
if [ -n "${CONSUMER:-}" ]; then
  echo "== waiting for the reporting consumer to take every event (60 s at most)"
  for _ in $(seq 1 60); do
    before=$(tail -1 "$OUT/events.csv"); sleep 2; [ "$(tail -1 "$OUT/events.csv" | cut -d, -f2)" = "${before#*,}" ] && break
  done
fi
sleep 2
kill "$SAMPLER" ${CONSUMER:-}; wait "$SAMPLER" ${CONSUMER:-} 2>/dev/null || true; SAMPLER=; CONSUMER=
mib() { local m; m=$(du -sm "$1" 2>/dev/null | cut -f1); echo "${m:-null}"; }
printf '{"load_start": %s, "load_end": %s, "cores": %s, "db_mib": %s, "journal_mib": %s}\n' "$LOAD_START" "$LOAD_END" \
  "$CORES" "$(mib "$OUT/data/db")" "$(mib "$OUT/data/artemis")" >"$OUT/marks.json"
kill "$GATEWAY"; wait "$GATEWAY" 2>/dev/null || true; GATEWAY=
echo "== ceiling again, the gateway stopped"
ceiling "$OUT/wrk-ceiling-after.txt"
echo "== figures ($(date -u +%F), $CORES cores, $(java -version 2>&1 | head -1))"
/usr/bin/python3 scripts/benchmark/report.py "$OUT" 2>/dev/null || python3 scripts/benchmark/report.py "$OUT"
