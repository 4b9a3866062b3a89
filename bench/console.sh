#!/usr/bin/env bash
# Console benchmark: how long the server takes to answer every console page (and /api/v1/monitors
# with and without filters) with MONITORS monitors and a month of history, and how heavy each page
# is, next to the public status page (/) of the same node in the same run.
#
# MONITORS monitors in 50 components with 10 tags: MONITORS - 10 TCP monitors, of which all but 100
# are paused (so that the run measures pages, not checks; the 100 check a closed port and are
# down, so alerts open; the last FLIP of them are paused HTTP monitors, for the dashboards below),
# and 10 heartbeat monitors (h0..h9). 5 webhook channels to a closed port,
# every monitor routed to one. The node runs once to create its database, stops, and
# bench/console-seed.py writes the history straight into the SQLite tables (a month of rollups,
# a day of results, state changes, a week of pings, 20,000 alert episodes, 1,000 incidents, 300
# maintenances (all finished), 20,000 subscribers, 30 users, 50 API keys, 100,000 audit entries: see its header);
# then it starts again and the pages are measured.
#
# Prints, per page, the time to the last byte over loopback (p50 and max of ROUNDS requests after
# a warm-up of 5), the size uncompressed and gzipped, and the load average before and after.
# A path with %i is asked for a different monitor each request (m00%i: m00100, m00101, ...), so
# that the monitor page's one-minute cache of percentiles never answers: the uncached cost.
#
# Then bench/console-events.sh measures the live dashboards (server-sent events) on the same node:
# the last FLIP of the TCP monitors are HTTP monitors of bench/flip-target.py instead, paused
# while the pages are measured, unpaused there to make 2 x FLIP state changes a minute (see its
# header). WINDOW=0 skips it.
#
# Usage: bench/console.sh [MONITORS] [ROUNDS]      (defaults 10000 20)
# Env: FLIP (500), CLIENTS (50), WINDOW (60 s): see bench/console-events.sh.
# Needs: curl, python3 (with sqlite3), gzip, a JDK >= 21. Loopback only; stops everything it started.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
monitors=${1:-10000}
rounds=${2:-20}
token=bench-admin-token-0123456789abcdef
flip=${FLIP:-500}
for tool in curl python3 gzip; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

work=$(mktemp -d /tmp/lookout-bench-console.XXXXXX)
lookout_pid=""
stop() {
  if [ -n "$lookout_pid" ]; then
    kill "$lookout_pid" 2>/dev/null && wait "$lookout_pid" 2>/dev/null || true
    lookout_pid=""
  fi
}
cleanup() {
  stop
  cp "$work/lookout.log" /tmp/lookout-bench-console.log 2>/dev/null || true # the last run's log, for a look afterwards
  rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
flip_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

mkdir "$work/data"
python3 - "$work" "$port" "$closed" "$token" "$monitors" "$flip_port" "$flip" <<'PY'
import sys, uuid
work, port, closed, token, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
flip_port, flip = sys.argv[6], int(sys.argv[7])
if not 0 <= flip <= n - 110:
    sys.exit(f"FLIP={flip}: at most MONITORS - 110 ({n - 110})")
with open(f"{work}/lookout.yaml", "w") as f, open(f"{work}/ids", "w") as ids:
    f.write(f'server: {{ listen: "127.0.0.1:{port}", node_name: bench, admin_token: "{token}" }}\n')
    f.write(f'storage: {{ url: "sqlite:{work}/data/lookout.db" }}\ncomponents:\n')
    for c in range(50):
        f.write(f'  - {{ id: c{c}, name: "Service {c}" }}\n')
    f.write("channels:\n")
    for c in range(5):
        f.write(f'  - {{ id: ch{c}, type: webhook, url: "http://127.0.0.1:{closed}/hook{c}" }}\n')
    f.write("alerting:\n  routes:\n")
    for c in range(5):
        f.write(f'    - {{ tags: [t{c}, t{c + 5}], channels: [ch{c}] }}\n')
    f.write("monitors:\n")
    for i in range(n - 10):
        paused = "true" if i >= 100 else "false"
        # the last FLIP: each its own path of bench/flip-target.py, unpaused by bench/console-events.sh
        target = (f"type: http, url: \"http://127.0.0.1:{flip_port}/f/m{i:05d}\"" if i >= n - 10 - flip
                  else f"type: tcp, host: 127.0.0.1, port: {closed}")
        f.write(f'  - {{ id: m{i:05d}, name: "Monitor {i}", {target}, interval: 30s,'
                f' timeout: 1s, failure_threshold: 1, component: c{i % 50}, tags: [t{i % 10}, env{i % 3}], paused: {paused} }}\n')
        ids.write(f"m{i:05d}\n")
    for i in range(10):
        f.write(f'  - {{ id: h{i}, name: "Backup {i}", type: heartbeat, uuid: {uuid.UUID(int=i + 1)},'
                f' schedule: {{ every: 1m, grace: 1h }}, component: c{i}, tags: [t{i}] }}\n')
        ids.write(f"h{i}\n")
PY

. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
jar="$here/target/lookout.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  echo "== building target/lookout.jar"
  (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package) >&2
fi
start() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m ${BENCH_JAVA_OPTS:-} -jar "$jar" serve \
    --config "$work/lookout.yaml" >> "$work/lookout.log" 2>&1 &
  lookout_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return
    kill -0 "$lookout_pid" 2>/dev/null || { cat "$work/lookout.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "not ready after 2 minutes" >&2
  exit 1
}
echo "== creating the database: Lookout with $monitors monitors (SQLite in $work/data), then stopped"
start
stop
echo "== seeding the history (bench/console-seed.py)"
python3 "$here/bench/console-seed.py" "$work/data/lookout.db" "$work/ids"
ls -l "$work/data/lookout.db" | awk '{ printf "database: %.0f MB\n", $5 / 1048576 }'
echo "== starting again, 40 s for the 100 checked monitors to go down and alert"
start
sleep 40

auth=(-H "Authorization: Bearer $token")
measure() { # PATH AUTH...   (%i in PATH: a different monitor number per request, from 100)
  local path=$1 n=100; shift
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$@" "http://127.0.0.1:$port${path//%i/$((n++))}"; done # warm-up
  for _ in $(seq 1 "$rounds"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@" "http://127.0.0.1:$port${path//%i/$((n++))}"
  done | sort -k2 -n | awk -v path="$path" '
    $1 != 200 { bad = $1 } { t[NR] = $2 }
    END { printf "%-44s %s p50 %6.1f ms  max %6.1f ms", path, bad ? "HTTP " bad : "", t[int((NR + 1) / 2)] * 1000, t[NR] * 1000 }'
  curl -s -o "$work/page" "$@" "http://127.0.0.1:$port${path//%i/$n}"
  printf "  %8d bytes  %7d gzipped\n" "$(wc -c < "$work/page")" "$(gzip -c "$work/page" | wc -c)"
}
incident=1000 # seeded: resolved, four updates; 1001.. are maintenances
echo "== $rounds requests each, time to the last byte over loopback; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
html=(-H "Accept: text/html")
measure /console "${auth[@]}" "${html[@]}"
measure "/console?state=down" "${auth[@]}" "${html[@]}"
measure "/console?tag=t3&q=monitor%2042" "${auth[@]}" "${html[@]}"
measure /console/monitors/m00000 "${auth[@]}" "${html[@]}"
measure /console/monitors/m00%i "${auth[@]}" "${html[@]}"
measure /console/monitors/h1 "${auth[@]}" "${html[@]}"
measure /console/new-monitor "${auth[@]}" "${html[@]}"
measure /console/alerts "${auth[@]}" "${html[@]}"
measure /console/incidents "${auth[@]}" "${html[@]}"
measure /console/incidents/new "${auth[@]}" "${html[@]}"
measure "/console/incidents/$incident" "${auth[@]}" "${html[@]}"
measure /console/maintenance "${auth[@]}" "${html[@]}"
measure /console/maintenance/1290 "${auth[@]}" "${html[@]}"
measure /console/subscribers "${auth[@]}" "${html[@]}"
measure "/console/subscribers?q=person1999" "${auth[@]}" "${html[@]}"
measure /console/channels "${auth[@]}" "${html[@]}"
measure /console/users "${auth[@]}" "${html[@]}"
measure /console/api-keys "${auth[@]}" "${html[@]}"
measure /console/audit "${auth[@]}" "${html[@]}"
measure "/console/audit?actor=user7" "${auth[@]}" "${html[@]}"
measure /api/v1/monitors "${auth[@]}"
measure "/api/v1/monitors?state=down&tag=t3" "${auth[@]}"
measure / "${html[@]}"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${WINDOW:-60}" != 0 ]; then
  "$here/bench/console-events.sh" "$port" "$token" "$lookout_pid" "$work" "$flip_port"
fi
