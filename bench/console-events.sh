#!/usr/bin/env bash
# Console live-dashboard fan-out benchmark (issue 15): open dashboards listening to
# GET /console/events (server-sent events, one `state` event per monitor state change) while
# real state changes happen, on the node bench/console.sh has running (10,000 monitors, a month
# of history), next to the public status page of the same node in the same run.
#
# The state changes are real, through the normal check pipeline: bench/console.sh configures its
# last FLIP monitors (default 500) as HTTP monitors checked every 30 s, failure_threshold 1,
# pointed each at its own path of bench/flip-target.py, which answers 500 and 200 by turns per
# path; they are paused in the file while the pages are measured. Here the target starts, the
# file is rewritten with them unpaused (the node reloads it), and every check of them is a state
# change: 2 x FLIP changes a minute (1,000 for 500).
#
# Windows of WINDOW seconds each (bench/console-events.py runs the clients and reads the figures):
#   idle, no dashboard             the node's CPU with no state change and no stream (reference)
#   idle, CLIENTS dashboards       what the open streams cost with nothing to send (keep-alives)
#   flipping, no dashboard         the state changes without anyone listening
#   flipping, 10 dashboards        } the fan-out: its CPU over the window without dashboards,
#   flipping, CLIENTS dashboards   } per client, shows whether the cost per client grows
# For each window with dashboards: the delay from a change being decided (the check's end: the
# event's `at` + `latency`) to each client's receipt, p50/p99/max over all client-events; events
# lost, duplicated or unexpected per client against the changes stored in state_events with
# `at` in the window (every client must see every change once); streams dropped by the server.
# For every window: the Lookout JVM's CPU (utime + stime), the machine's, and the status page (/)
# time to the last byte with curl twice a second.
#
# Usage: called by bench/console.sh after its pages, with what it started:
#   bench/console-events.sh PORT TOKEN LOOKOUT_PID WORK_DIR FLIP_PORT
# Env: CLIENTS (50), WINDOW (60 s). Loopback only; stops what it started (the flip target).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
port=$1 token=$2 lookout_pid=$3 work=$4 flip_port=$5
clients=${CLIENTS:-50}
window=${WINDOW:-60}

target_pid=""
stop_target() {
  if [ -n "$target_pid" ]; then
    kill "$target_pid" 2>/dev/null && wait "$target_pid" 2>/dev/null || true
    target_pid=""
  fi
}
trap stop_target EXIT

status_page() { # SECONDS -> "p50 / max ms (n)" of / polled twice a second
  local end=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Accept: text/html" "http://127.0.0.1:$port/"
    sleep 0.5
  done | sort -k2 -n | awk '$1 != 200 { bad++ } { t[NR] = $2 }
    END { printf "status page p50 %.1f ms, max %.1f ms (%d requests%s)", t[int((NR + 1) / 2)] * 1000, t[NR] * 1000, NR, bad ? ", " bad " not 200" : "" }'
}
measure() { # LABEL CLIENTS
  status_page "$window" > "$work/status-page" &
  local poller=$!
  python3 "$here/bench/console-events.py" "$port" "$token" "$lookout_pid" "$work/data/lookout.db" "$2" "$window" "$([ "$2" = 0 ] && echo 3 || echo 10)" "$1"
  wait "$poller"
  echo "                       $(cat "$work/status-page"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "== dashboards: live events at $(grep -c '/f/m' "$work/lookout.yaml") flipping monitors, $clients clients, windows of $window s"
python3 "$here/bench/flip-target.py" "$flip_port" &
target_pid=$!
measure "idle, no dashboard" 0
measure "idle, $clients dashboards" "$clients"

reloads=$(grep -c ' reloaded ' "$work/lookout.log" || true)
sed -i -E '/\/f\/m[0-9]+/s/paused: true/paused: false/' "$work/lookout.yaml"
for _ in $(seq 1 60); do
  [ "$(grep -c ' reloaded ' "$work/lookout.log" || true)" -gt "$reloads" ] && break
  sleep 0.5
done
grep ' reloaded ' "$work/lookout.log" | tail -n 1 | sed 's/^.* reloaded /reloaded: /'
echo "   40 s for every flipping monitor's first check (jittered over its 30 s interval)"
sleep 40
measure "flipping, no dashboard" 0
[ "$clients" -gt 10 ] && measure "flipping, 10 dashboards" 10
measure "flipping, $clients dashboards" "$clients"
