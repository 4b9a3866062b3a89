#!/usr/bin/env bash
# bench/detect.sh [MONITORS] [FAILING] [INTERVAL_SECONDS] [FAILURE_THRESHOLD] [GROUP_WINDOW]   (defaults 200 20 5 2 0s)
#
# Detection delay, end to end: how long from the instant a target starts failing to the instant
# its DOWN notification reaches a webhook. Starts one peer process (bench/detect-peer.py: the
# HTTP targets /t/1../t/MONITORS, a switch, and the webhook receiver, all on one clock), then
# Lookout with MONITORS HTTP monitors (every INTERVAL_SECONDS, failure_threshold
# FAILURE_THRESHOLD, `status == 200`) routed to that webhook with alerting.group_window
# GROUP_WINDOW. Once every monitor is UP it switches FAILING targets (spread over the list) to
# 500 at a recorded instant and waits until each has its DOWN alert, or a timeout. Prints the
# delay per monitor and its p50/p99/max, split into "waiting for checks" (failure until the
# confirming failed check was answered) and "Lookout" (that answer until the notification
# arrived), against the reference of an ideal detector, plus duplicate deliveries and alerts for
# monitors that did not fail (both must be 0).
#
# Everything it starts is stopped on exit, and bounded by itself (the peer and Lookout run under
# a lifetime; a run is refused if it could take more than 3 minutes). Load only goes to 127.0.0.1.
#
# Environment:
#   PEER_PORT (18094)   LOOKOUT_PORT (18095)   SETTLE_SECONDS: watched after the last alert for late duplicates (10)
#   KEEP=1   keep the temp directory (config, logs, database, the peer's recording)
set -euo pipefail

MONITORS=${1:-200}
FAILING=${2:-20}
INTERVAL=${3:-5}
THRESHOLD=${4:-2}
GROUP_WINDOW=${5:-0s}
here=$(cd "$(dirname "$0")/.." && pwd)
PEER_PORT=${PEER_PORT:-18094}
LOOKOUT_PORT=${LOOKOUT_PORT:-18095}
SETTLE_SECONDS=${SETTLE_SECONDS:-10}

if (( FAILING < 1 || FAILING > MONITORS )); then echo "bench: FAILING must be 1..MONITORS" >&2; exit 2; fi
window_s=$(python3 -c "
import re, sys
m = re.fullmatch(r'(\d+)(ms|s|m)', sys.argv[1])
if not m: sys.exit('bench: GROUP_WINDOW is a duration like 0s, 500ms, 30s or 1m')
print({'ms': 0.001, 's': 1, 'm': 60}[m.group(2)] * int(m.group(1)))" "$GROUP_WINDOW")
# Startup, every monitor UP (first runs are spread over one interval), the alerts, the settling.
first_window=$(( INTERVAL < 60 ? INTERVAL : 60 ))
steady_timeout=$(( 60 + first_window + INTERVAL * (THRESHOLD + 2) ))
alert_timeout=$(python3 -c "print(int($INTERVAL * $THRESHOLD + $window_s + 20))")
lifetime=$(( steady_timeout + INTERVAL + alert_timeout + SETTLE_SECONDS + 15 ))
if (( lifetime > 180 )); then echo "bench: the run could take $lifetime s, over the 3-minute bound; shorten it" >&2; exit 2; fi

tmp=$(mktemp -d /tmp/lookout-bench-detect.XXXXXX)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [[ ${KEEP:-0} == 1 ]]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit $rc
}
trap cleanup EXIT INT TERM
say() { echo "bench: $*" >&2; }

for tool in python3 curl timeout; do command -v "$tool" >/dev/null || { say "missing $tool"; exit 1; }; done
for port in "$PEER_PORT" "$LOOKOUT_PORT"; do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then say "port $port is taken (set PEER_PORT / LOOKOUT_PORT)"; exit 1; fi
done
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
JAVA="$JAVA_HOME/bin/java"
jar="$here/target/lookout.jar"
[[ -f $jar ]] || (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package)

commit=$(git -C "$here" describe --always --dirty 2>/dev/null || echo "?")
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
mem_gb=$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)
jdk=$("$JAVA" -version 2>&1 | head -n1)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the peer: targets, switch, webhook receiver --------------------------------------------------
timeout -k 5 "$lifetime" python3 "$here/bench/detect-peer.py" "$PEER_PORT" "$lifetime" >"$tmp/peer.log" 2>&1 &
pids+=("$!")
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PEER_PORT/t/1" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$PEER_PORT/t/1" || { say "the peer did not come up"; cat "$tmp/peer.log" >&2; exit 1; }

# The failing targets: FAILING of them, evenly spread over 1..MONITORS.
failing=$(python3 -c "print(','.join(str(($MONITORS * k) // $FAILING) for k in range(1, $FAILING + 1)))")

# ---- Lookout ----------------------------------------------------------------------------------------
mkdir -p "$tmp/data"   # not beside lookout.yaml: the config watcher would wake on every SQLite write
{
  cat <<EOF
server:
  listen: "127.0.0.1:$LOOKOUT_PORT"
  node_name: bench
storage:
  url: "sqlite:$tmp/data/bench.db"
monitors:
EOF
  awk -v n="$MONITORS" -v i="$INTERVAL" -v t="$THRESHOLD" -v p="$PEER_PORT" 'BEGIN {
    for (k = 1; k <= n; k++)
      printf "  - { id: bench-%04d, type: http, url: \"http://127.0.0.1:%s/t/%d\", interval: %ds, timeout: 2s, failure_threshold: %d, conditions: [ \"status == 200\" ] }\n", k, p, k, i, t }'
  cat <<EOF
channels:
  - { id: receiver, type: webhook, url: "http://127.0.0.1:$PEER_PORT/hook" }
alerting:
  group_window: $GROUP_WINDOW
  routes: [ { channels: [receiver], on: [down, degraded, recovered] } ]
EOF
} >"$tmp/lookout.yaml"

timeout -k 10 "$lifetime" "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx256m -jar "$jar" serve \
  --config "$tmp/lookout.yaml" >"$tmp/lookout.log" 2>&1 &
lpid=$!
pids+=("$lpid")
up_count() {
  curl -fsS --max-time 5 "http://127.0.0.1:$LOOKOUT_PORT/api/v1/monitors" 2>/dev/null \
    | python3 -c 'import json, sys; print(sum(m["state"] == "up" for m in json.load(sys.stdin)["monitors"]))' 2>/dev/null || echo 0
}
t0=$(date +%s)
until (( $(up_count) == MONITORS )); do
  kill -0 "$lpid" 2>/dev/null || { say "Lookout exited:"; tail -n 30 "$tmp/lookout.log" >&2; exit 1; }
  if (( $(date +%s) - t0 > steady_timeout )); then say "not every monitor UP after ${steady_timeout}s ($(up_count) of $MONITORS)"; exit 1; fi
  sleep 0.5
done
say "Lookout pid $lpid: all $MONITORS monitors UP after $(( $(date +%s) - t0 ))s; one more interval of steady state"
sleep "$INTERVAL"

# ---- the failure ------------------------------------------------------------------------------------
curl -fsS -X POST --data "$failing" "http://127.0.0.1:$PEER_PORT/control/fail" >/dev/null
say "switched $FAILING targets to 500; waiting up to ${alert_timeout}s for their alerts"
down_count() {
  curl -fsS --max-time 5 "http://127.0.0.1:$PEER_PORT/state" | python3 -c '
import json, sys
s = json.load(sys.stdin)
print(len({a["monitor_id"] for h in s["hooks"] for a in h["alerts"] if a["kind"] == "down"}))'
}
t1=$(date +%s)
while (( $(down_count) < FAILING )) && (( $(date +%s) - t1 < alert_timeout )); do
  kill -0 "$lpid" 2>/dev/null || { say "Lookout exited:"; tail -n 30 "$tmp/lookout.log" >&2; exit 1; }
  sleep 0.5
done
say "watching ${SETTLE_SECONDS}s more for late or duplicate deliveries"
sleep "$SETTLE_SECONDS"
curl -fsS "http://127.0.0.1:$PEER_PORT/state" >"$tmp/state.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
checks=$(curl -fsS --max-time 5 "http://127.0.0.1:$LOOKOUT_PORT/metrics" | awk '/^lookout_checks_total / {printf "%.0f", $2}')

# ---- figures ----------------------------------------------------------------------------------------
cat <<EOF

===== Lookout detection benchmark =====
command        bench/detect.sh $MONITORS $FAILING $INTERVAL $THRESHOLD $GROUP_WINDOW   (commit $commit, $(date -u +%Y-%m-%dT%H:%MZ))
machine        $(nproc) CPUs, $cpu_model, ${mem_gb} GB RAM, kernel $(uname -r); load average before $load_before, after $load_after
JDK            $jdk; Lookout -XX:+UseSerialGC -Xmx256m, SQLite
setup          $MONITORS HTTP monitors every ${INTERVAL}s (timeout 2s, failure_threshold $THRESHOLD, status == 200) against
               bench/detect-peer.py on 127.0.0.1; one webhook channel to the same peer; alerting.group_window $GROUP_WINDOW
               Lookout ran $checks checks
EOF
python3 - "$tmp/state.json" "$MONITORS" "$INTERVAL" "$THRESHOLD" "$window_s" "$failing" <<'PY'
import json, math, sys, datetime
state = json.load(open(sys.argv[1]))
monitors, interval, threshold, window = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
failing = [int(n) for n in sys.argv[6].split(",")]
t_fail = state["switched_at"]
ident = lambda n: "bench-%04d" % n
should = {ident(n): n for n in failing}

def q(values, p):  # nearest rank
    v = sorted(values)
    return v[max(0, math.ceil(p * len(v)) - 1)] if v else float("nan")

def line(name, values):
    if not values:
        return "%-40s -" % name
    return "%-40s p50 %6.2f s   p99 %6.2f s   max %6.2f s   (min %.2f s, n=%d)" % (
        name, q(values, .5), q(values, .99), max(values), min(values), len(values))

hooks = sorted(state["hooks"], key=lambda h: h["at"])
first_down, down_count, deliveries, kinds = {}, {}, {}, {}
for h in hooks:
    deliveries[h["delivery"]] = deliveries.get(h["delivery"], 0) + 1
    for a in h["alerts"]:
        kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1
        if a["kind"] == "down":
            down_count[a["monitor_id"]] = down_count.get(a["monitor_id"], 0) + 1
            first_down.setdefault(a["monitor_id"], h["at"])
wrong = sorted({a["monitor_id"] for h in hooks for a in h["alerts"]} - set(should))
dup_ids = sum(c - 1 for c in deliveries.values())
dup_down = sum(c - 1 for c in down_count.values())
other_kinds = {k: c for k, c in kinds.items() if k != "down"}

rows, total, waiting, lookout = [], [], [], []
for mid, n in should.items():
    answers = sorted(t for t in state["failed_answers"].get(str(n), []) if t >= t_fail)
    confirm = answers[threshold - 1] if len(answers) >= threshold else None
    arrived = first_down.get(mid)
    if arrived is not None:
        total.append(arrived - t_fail)
    if confirm is not None:
        waiting.append(confirm - t_fail)
        if arrived is not None:
            lookout.append(arrived - confirm)
    rows.append((arrived - t_fail if arrived else float("inf"), mid, answers[0] - t_fail if answers else None,
                 confirm - t_fail if confirm else None, arrived - t_fail if arrived else None))

fmt = lambda v: "     -" if v is None else "%6.2f" % v
lo, hi = interval * (threshold - 1), interval * threshold
print("switched       %d targets to 500 at %s: %s" % (len(failing), datetime.datetime.fromtimestamp(t_fail, datetime.timezone.utc)
      .strftime("%H:%M:%S.%f")[:-3] + "Z", ", ".join("/t/%d" % n for n in failing)))
print("arrived        %d of %d DOWN alerts, in %d webhook messages" % (len(first_down.keys() & should.keys()), len(should), len(hooks)))
print("-- delay from the failure (seconds) --")
print(line("failure -> notification received", total))
print(line("  waiting for checks (-> confirming 500)", waiting))
print(line("  Lookout (confirming 500 -> received)", lookout))
print("reference      ideal detector: the first check after the failure comes within one interval, the")
print("               confirming one (failure_threshold - 1) intervals later: delay in (%.0f s, %.0f s], mean %.1f s" % (lo, hi, (lo + hi) / 2))
print("               (interval x (threshold - 1) ... interval x threshold); the guaranteed bound is %.0f s" % hi)
if window > 0:
    print("grouping       group_window %gs: the first DOWN to the channel goes at once, the next ones within the window" % window)
    print("               wait for its end and go as one message; expect up to %.0f s (%.0f + %g s) for them" % (hi + window, hi, window))
else:
    print("grouping       group_window 0s: every notification goes as soon as it is written")
print("duplicates     %d   (a delivery id received twice: %d; a monitor's DOWN received twice: %d)" % (dup_ids + dup_down, dup_ids, dup_down))
print("false alerts   %d   (alerts for monitors that were not switched: %s)" % (len(wrong), ", ".join(wrong) or "none"))
print("other kinds    %s" % (", ".join("%s=%d" % kv for kv in sorted(other_kinds.items())) or "none"))
print("-- per monitor (s after the failure): first 500 answered, confirming 500 answered, notification received --")
for _, mid, first, confirm, arrived in sorted(rows):
    print("  %s   %s   %s   %s" % (mid, fmt(first), fmt(confirm), fmt(arrived)))
print("=======================================")
ok = len(first_down.keys() & should.keys()) == len(should) and dup_ids + dup_down == 0 and not wrong
sys.exit(0 if ok else 1)
PY
