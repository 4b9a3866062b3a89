#!/usr/bin/env bash
# Heartbeat ingest benchmark: wrk drives pings over 10,000 distinct heartbeat monitors against
# Lookout (SQLite), then the same wrk and script against nginx answering a static 200, in the
# same run. Prints pings/s, p99 latency, the ratio to nginx and the pings found in the store
# afterwards, which must match the 200 answers (plus at most the requests in flight when wrk
# stopped: wrk does not count answers that arrive after its deadline).
#
# Usage: bench/heartbeat.sh [DURATION_SECONDS] [CONNECTIONS] [MONITORS]
# LOOKOUT_JAVA_OPTS adds JVM options (e.g. a JFR recording) to the Lookout process;
# LOOKOUT_THREADS=1 prints Lookout's CPU seconds per thread kind during the measured run.
# Needs: wrk, nginx, sqlite3 (Debian packages: wrk nginx sqlite3), a JDK >= 21.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-20}
connections=${2:-64}
monitors=${3:-10000}
threads=2

for tool in wrk nginx sqlite3 curl; do
  command -v "$tool" >/dev/null || { [ -x "/usr/sbin/$tool" ] || { echo "missing $tool (apt-get install wrk nginx sqlite3 curl)" >&2; exit 1; }; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/lookout-bench-heartbeat.XXXXXX)
lookout_pid=""
cleanup() {
  [ -n "$lookout_pid" ] && kill "$lookout_pid" 2>/dev/null && wait "$lookout_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
lookout_port=$(free_port)
nginx_port=$(free_port)

# The database lives in its own directory: Lookout watches the configuration's directory for
# changes, and SQLite's WAL writes next to the configuration would wake that watcher constantly.
mkdir -p "$work/data"
# 10,000 monitors with distinct UUIDs (deterministic, valid version-4 form)
python3 - "$work" "$monitors" "$lookout_port" <<'PY'
import sys
work, n, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
uuids = ["%08x-0000-4000-8000-%012x" % (i, i * 7919) for i in range(n)]
open(f"{work}/uuids.txt", "w").write("\n".join(uuids) + "\n")
with open(f"{work}/lookout.yaml", "w") as f:
    f.write(f'server: {{ listen: "127.0.0.1:{port}", node_name: bench }}\n')
    f.write(f'storage: {{ url: "sqlite:{work}/data/lookout.db" }}\nmonitors:\n')
    for i, u in enumerate(uuids):
        f.write(f"  - {{ id: agent-{i}, type: heartbeat, uuid: {u}, schedule: {{ every: 5m, grace: 5m }} }}\n")
PY

cat > "$work/pings.lua" <<EOF_LUA
-- Cycles over the uuids (each thread from its own offset) and counts 200 answers per thread.
local uuids = {}
for line in io.lines("$work/uuids.txt") do uuids[#uuids + 1] = line end
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 5003)
  table.insert(threads, thread)
end
function init(args)
  ok, other, i = 0, 0, offset
end
function request()
  i = i + 1
  return wrk.format("GET", "/ping/" .. uuids[(i % #uuids) + 1])
end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local o, x = 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); x = x + t:get("other") end
  io.write(string.format("RESULT requests=%d ok=%d other=%d errors=%d seconds=%.2f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, o, x, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
EOF_LUA

mkdir -p "$work/nginx"
cat > "$work/nginx.conf" <<EOF_NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { default_type text/plain; return 200 "OK"; }
  }
}
EOF_NGINX

echo "== building and starting Lookout with $monitors heartbeat monitors (SQLite in $work)"
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
jar="$here/target/lookout.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package) >&2
fi
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss512k -Xmx1g ${LOOKOUT_JAVA_OPTS:-} -jar "$jar" serve --config "$work/lookout.yaml" \
  > "$work/lookout.log" 2>&1 &
lookout_pid=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:$lookout_port/healthz" >/dev/null 2>&1 && break
  kill -0 "$lookout_pid" 2>/dev/null || { cat "$work/lookout.log"; exit 1; }
  sleep 0.5
done
"$NGINX" -c "$work/nginx.conf" -p "$work/nginx" 2>/dev/null

run() { # name url
  timeout $((duration + 60)) wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/pings.lua" "$2" \
    | tee "$work/wrk-$1.txt" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== warm-up (10 s, not counted)"
timeout 40 wrk -t"$threads" -c"$connections" -d10s -s "$work/pings.lua" "http://127.0.0.1:$lookout_port" >/dev/null
sleep 1
warm=$(sqlite3 "$work/data/lookout.db" "select count(*) from pings")
echo "== wrk -t$threads -c$connections -d${duration}s, $monitors distinct uuids"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$lookout_pid/stat"; }
commits() { curl -fsS "http://127.0.0.1:$lookout_port/metrics" | awk '/^lookout_heartbeat_ping_commits_total/ {print int($2)}'; }
thread_ticks() { # name ticks, one line per thread of Lookout (numbers in names folded to N)
  for t in /proc/"$lookout_pid"/task/*; do
    awk '{ name = $0; sub(/^[^(]*\(/, "", name); sub(/\).*$/, "", name); gsub(/[0-9]+/, "N", name)
           n = split($0, f, ") "); split(f[n], g, " "); print name "\t" g[12] + g[13] }' "$t/stat" 2>/dev/null
  done | awk -F'\t' '{ sum[$1] += $2 } END { for (k in sum) print k "\t" sum[k] }' | sort
}
# Read before the CPU counters: a scrape of /metrics (10,000 monitors' series) is not the ingest's cost.
commits_before=$(commits)
[ -n "${LOOKOUT_THREADS:-}" ] && thread_ticks > "$work/threads-before"
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $5 + $6}' /proc/stat; } # busy idle, all CPUs
cpu_before=$(cpu_ticks)
read -r busy_before idle_before < <(busy_ticks)
lookout_line=$(run lookout "http://127.0.0.1:$lookout_port")
cpu_after=$(cpu_ticks)
read -r busy_after idle_after < <(busy_ticks)
machine_busy=$(( 100 * (busy_after - busy_before) / (busy_after - busy_before + idle_after - idle_before) ))
commits_during=$(( $(commits) - commits_before ))
if [ -n "${LOOKOUT_THREADS:-}" ]; then # CPU seconds per thread kind during the run
  thread_ticks > "$work/threads-after"
  join -t$'\t' -a2 -e0 -o 0,1.2,2.2 "$work/threads-before" "$work/threads-after" \
    | awk -F'\t' -v tck="$(getconf CLK_TCK)" '$3 - $2 > 0 { printf "  %6.2f s  %s\n", ($3 - $2) / tck, $1 }' | sort -rn >&2
fi
echo "$lookout_line"
echo "== load after Lookout: $(cut -d' ' -f1-3 /proc/loadavg)"
nginx_line=$(run nginx "http://127.0.0.1:$nginx_port")
echo "$nginx_line"
stored=$(( $(sqlite3 "$work/data/lookout.db" "select count(*) from pings") - warm ))

python3 - "$lookout_line" "$nginx_line" "$stored" "$connections" "$((cpu_after - cpu_before))" "$(getconf CLK_TCK)" "$commits_during" "$machine_busy" <<'PY'
import sys
def parse(line):
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split()[1:])}
lk, ng, stored, conns = parse(sys.argv[1]), parse(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
lk_rate, ng_rate = lk["ok"] / lk["seconds"], ng["ok"] / ng["seconds"]
print(f"lookout: {lk_rate:,.0f} durable pings/s, p50 {lk['p50_ms']:.2f} ms, p99 {lk['p99_ms']:.2f} ms, "
      f"{int(lk['other'])} non-200, {int(lk['errors'])} socket errors")
cpu_ticks, tck = int(sys.argv[5]), int(sys.argv[6])
print(f"lookout CPU (user + system) per answered ping: {cpu_ticks / tck / max(lk['ok'], 1) * 1e6:.1f} us "
      f"({cpu_ticks / tck / lk['seconds']:.2f} cores)")
print(f"machine busy during the Lookout run: {sys.argv[8]} % of {__import__('os').cpu_count()} CPUs (Lookout, wrk and the kernel)")
print(f"group commits: {int(sys.argv[7]):,}, {lk['ok'] / max(int(sys.argv[7]), 1):.1f} pings per transaction")
print(f"nginx:   {ng_rate:,.0f} responses/s, p50 {ng['p50_ms']:.2f} ms, p99 {ng['p99_ms']:.2f} ms")
print(f"ratio lookout/nginx: {lk_rate / ng_rate:.2f}")
extra = stored - int(lk["ok"])
print(f"pings stored during the run: {stored:,}; 200 answers counted by wrk: {int(lk['ok']):,}; "
      f"difference {extra} (answers in flight when wrk stopped, at most {conns})")
ok = 0 <= extra <= conns and lk["other"] == 0
print("RESULT " + ("PASS" if ok else "FAIL: a 200 answer without a stored ping, or a non-200 answer"))
sys.exit(0 if ok else 1)
PY
echo "== load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "WARN|ERROR" "$work/lookout.log" | head -5 || true
