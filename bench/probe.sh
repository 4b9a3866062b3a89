#!/usr/bin/env bash
# bench/probe.sh [SIZES] [INTERVAL_SECONDS] [WINDOW_SECONDS]   (defaults "1000 10000" 30 60)
#
# A remote probe (`lookout probe`) against a server node on SQLite, both JVMs on this machine,
# checking HTTP monitors against a private nginx on loopback. For each size in SIZES:
#   1. reference: the server alone checks the monitors itself (no probe), same interval;
#   2. probe: the server checks nothing (`vantage: { from: [bench-probe] }`), the probe checks them
#      and pushes its results;
# and prints per check the CPU of the JVM that ran the checks (utime+stime over the window / results
# stored with started_at in the window), the probe's RSS, and each result's delay from the end of
# its check to the poll (every 100 ms) that saw it stored. Then, with the largest size, the server
# is stopped for as long as the probe needs to make REPLAY_RESULTS results (default 60,000: one
# hour of 1,000 monitors checked every minute), started again, and the script times the replay:
# until the first result checked after the restart is stored (the probe pushes oldest first), and
# counts results stored twice (none can be: (probe, seq) is unique) or missing (gaps in seq).
# Goals (issue 14): probe RSS < 150 MB at 10,000 monitors; probe CPU per check <= 1.2 x the
# server's; delay p99 < 2 s. Everything it starts is stopped on exit; load goes only to 127.0.0.1.
#
# Environment:
#   SERVER_JVM_FLAGS  (-XX:+UseSerialGC -Xss512k -Xms256m -Xmx256m)
#   PROBE_JVM_FLAGS   (-XX:+UseSerialGC -Xss512k -Xmx64m -Xms16m -Xmn8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xshare:off -XX:+UseStringDeduplication -XX:TrimNativeHeapInterval=5000:
#                      what the launcher gives a probe)
#   PROBE_ENV         (MALLOC_ARENA_MAX=2: what the launcher gives a probe)
#   REPLAY_RESULTS    (60000; 0 skips the replay)
#   NGINX_PORT (18090)  SERVER_PORT (18091)  KEEP=1 keeps the temp directory
set -euo pipefail

SIZES=${1:-"1000 10000"}
INTERVAL=${2:-30}
WINDOW=${3:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
NGINX_PORT=${NGINX_PORT:-18090}
SERVER_PORT=${SERVER_PORT:-18091}
SERVER_JVM_FLAGS=${SERVER_JVM_FLAGS:-"-XX:+UseSerialGC -Xss512k -Xms256m -Xmx256m"}
PROBE_JVM_FLAGS=${PROBE_JVM_FLAGS:-"-XX:+UseSerialGC -Xss512k -Xmx64m -Xms16m -Xmn8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xshare:off -XX:+UseStringDeduplication -XX:TrimNativeHeapInterval=5000"}
PROBE_ENV=${PROBE_ENV:-"MALLOC_ARENA_MAX=2"}
REPLAY_RESULTS=${REPLAY_RESULTS:-60000}
WARMUP=$(( 2 * INTERVAL + 15 ))
PROBE=bench-probe

tmp=$(mktemp -d /tmp/lookout-probe-bench.XXXXXX)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [[ -f $tmp/nginx.pid ]]; then kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; fi
  if [[ ${KEEP:-0} == 1 ]]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit $rc
}
trap cleanup EXIT INT TERM
say() { echo "bench: $(date -u +%H:%M:%S) $*" >&2; }

. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
JAVA="$JAVA_HOME/bin/java"
jar="$here/target/lookout.jar"
[[ -f $jar ]] || (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package)
ulimit -n "$(ulimit -Hn)"
tick=$(getconf CLK_TCK)
commit=$(git -C "$here" describe --always --dirty 2>/dev/null || echo "?")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
t_run=$(date +%s)

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
machine_busy() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
kb() { awk -v k="/proc/$1/status" -v f="$2" 'BEGIN { while ((getline l < k) > 0) if (index(l, f ":") == 1) { split(l, a); print a[2] } }'; }
now_ms() { date +%s%3N; }

# ---- nginx target -----------------------------------------------------------------------------
mkdir -p "$tmp/nginx/html" "$tmp/nginx/logs"
chmod 755 "$tmp"
head -c 2048 /dev/zero | tr '\0' 'x' >"$tmp/nginx/html/health"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi; uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;
  keepalive_timeout 0;
  server { listen 127.0.0.1:$NGINX_PORT backlog=4096; root $tmp/nginx/html; location = /health { default_type text/plain; } }
}
EOF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon on;'
for _ in $(seq 50); do [[ -s $tmp/nginx.pid ]] && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/health" || { say "nginx did not come up"; exit 1; }

# ---- helpers ------------------------------------------------------------------------------------
write_config() { # dir monitors with_probe(0|1)
  local vantage=""
  [[ $3 == 1 ]] && vantage=", vantage: { from: [$PROBE] }"
  {
    cat <<EOF
server:
  listen: "127.0.0.1:$SERVER_PORT"
  node_name: bench
storage:
  url: "sqlite:$1/data/bench.db"
  result_retention: 1d
EOF
    [[ $3 == 1 ]] && printf 'probes:\n  - { name: %s, silent_after: 10m }\n' "$PROBE"
    echo "monitors:"
    awk -v n="$2" -v i="$INTERVAL" -v p="$NGINX_PORT" -v v="$vantage" 'BEGIN {
      for (k = 1; k <= n; k++) printf "  - { id: bench-%06d, type: http, url: \"http://127.0.0.1:%s/health\", interval: %ds, timeout: 5s, conditions: [ \"status == 200\" ]%s }\n", k, p, i, v }'
  } >"$1/lookout.yaml"
  mkdir -p "$1/data"
}
start_server() { # dir -> sets spid
  # shellcheck disable=SC2086
  "$JAVA" --enable-native-access=ALL-UNNAMED $SERVER_JVM_FLAGS -jar "$jar" serve --config "$1/lookout.yaml" >>"$1/server.log" 2>&1 &
  spid=$!; pids+=("$spid")
  for _ in $(seq 1200); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$SERVER_PORT/readyz" 2>/dev/null && return 0
    kill -0 "$spid" 2>/dev/null || { say "server exited:"; tail -n 20 "$1/server.log" >&2; exit 1; }
    sleep 0.1
  done
  say "server not ready"; exit 1
}
stop() { kill "$1" 2>/dev/null || true; for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -9 "$1" 2>/dev/null || true; }
stored_in() { # db node from_ms to_ms
  python3 - "$@" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
print(db.execute("SELECT COUNT(*) FROM check_results WHERE node = ? AND started_at >= ? AND started_at < ?",
                 (sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))).fetchone()[0])
EOF
}
window() { # pid db node -> "ms_per_check cpu_ms results busy_pct"
  local c0 c1 w0 w1 mb0 mt0 mb1 mt1 n
  c0=$(cpu_ticks "$1"); read -r mb0 mt0 < <(machine_busy); w0=$(now_ms)
  sleep "$WINDOW"
  c1=$(cpu_ticks "$1"); read -r mb1 mt1 < <(machine_busy); w1=$(now_ms)
  sleep 8 # results of the window's last checks reach the database
  n=$(stored_in "$2" "$3" "$w0" "$w1")
  awk -v t=$((c1 - c0)) -v hz="$tick" -v n="$n" -v b=$((mb1 - mb0)) -v tt=$((mt1 - mt0)) -v c="$(nproc)" \
    'BEGIN { ms = t * 1000 / hz; printf "%.4f %.0f %d %.0f\n", (n > 0 ? ms / n : 0), ms, n, (tt > 0 ? b * 100 * c / tt : 0) }'
}

declare -A ref_ms ref_n ref_busy probe_ms probe_n probe_busy probe_rss probe_hwm probe_delay server_ms
last_dir=""
for size in $SIZES; do
  # 1. the server alone
  dir="$tmp/ref-$size"; mkdir -p "$dir"; write_config "$dir" "$size" 0
  start_server "$dir"
  say "reference: server alone with $size monitors every ${INTERVAL}s; warming up ${WARMUP}s"
  sleep "$WARMUP"
  read -r ref_ms[$size] _ ref_n[$size] ref_busy[$size] < <(window "$spid" "$dir/data/bench.db" bench)
  stop "$spid"
  say "reference $size: ${ref_ms[$size]} ms per check over ${ref_n[$size]} results"

  # 2. the probe
  dir="$tmp/probe-$size"; mkdir -p "$dir/probe-data"; write_config "$dir" "$size" 1
  start_server "$dir"
  token=$("$JAVA" -jar "$jar" probe-token create "$PROBE" --config "$dir/lookout.yaml" 2>/dev/null | head -n 1)
  # shellcheck disable=SC2086
  env $PROBE_ENV LOOKOUT_PROBE_TOKEN="$token" "$JAVA" --enable-native-access=ALL-UNNAMED $PROBE_JVM_FLAGS -jar "$jar" probe \
    --server "http://127.0.0.1:$SERVER_PORT" --name "$PROBE" --data "$dir/probe-data" >"$dir/probe.log" 2>&1 &
  ppid_=$!; pids+=("$ppid_")
  say "probe: $size monitors every ${INTERVAL}s from $PROBE (pid $ppid_); warming up ${WARMUP}s"
  sleep "$WARMUP"
  kill -0 "$ppid_" 2>/dev/null || { say "probe exited:"; tail -n 20 "$dir/probe.log" >&2; exit 1; }
  python3 "$here/bench/probe-watch.py" delay "$dir/data/bench.db" "$PROBE" "$WINDOW" >"$dir/delay" &
  watcher=$!
  s0=$(cpu_ticks "$spid")
  read -r probe_ms[$size] _ probe_n[$size] probe_busy[$size] < <(window "$ppid_" "$dir/data/bench.db" "$PROBE")
  s1=$(cpu_ticks "$spid")
  wait "$watcher"
  probe_delay[$size]=$(cat "$dir/delay")
  probe_rss[$size]=$(kb "$ppid_" VmRSS); probe_hwm[$size]=$(kb "$ppid_" VmHWM)
  server_ms[$size]=$(awk -v t=$((s1 - s0)) -v hz="$tick" -v n="${probe_n[$size]}" 'BEGIN {printf "%.4f", (n > 0 ? t*1000/hz/n : 0)}')
  say "probe $size: ${probe_ms[$size]} ms per check, RSS $(( probe_rss[$size] / 1024 )) MB, delay ${probe_delay[$size]}"
  last_dir=$dir
  if [[ $size != "${SIZES##* }" ]]; then stop "$ppid_"; stop "$spid"; fi
done

# 3. replay of a buffer (largest size; the server and probe of its phase still run)
replay_line="skipped"; count_line="-"; outage=0
if (( REPLAY_RESULTS > 0 )); then
  rate=$(awk -v n="${SIZES##* }" -v i="$INTERVAL" 'BEGIN {print n / i}')
  outage=$(awk -v r="$REPLAY_RESULTS" -v s="$rate" 'BEGIN {printf "%d", r / s + 0.5}')
  stop "$spid"
  say "replay: server stopped for ${outage}s (~$REPLAY_RESULTS results at $rate/s wait on the probe's disk)"
  sleep "$outage"
  since=$(now_ms)
  start_server "$last_dir"
  say "replay: server back; waiting for the buffer to drain"
  replay_line=$(python3 "$here/bench/probe-watch.py" replay "$last_dir/data/bench.db" "$PROBE" "$since" 600)
  sleep 5
  count_line=$(python3 "$here/bench/probe-watch.py" count "$last_dir/data/bench.db" "$PROBE")
fi
dropped=$(grep -c "dropped" "$last_dir/probe.log" || true)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a/b; else print "-" }'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }
{
  echo
  echo "===== Lookout probe benchmark ====="
  echo "command        bench/probe.sh \"$SIZES\" $INTERVAL $WINDOW   (REPLAY_RESULTS=$REPLAY_RESULTS; commit $commit, $(date -u +%Y-%m-%dT%H:%MZ))"
  echo "machine        $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo) GB RAM; load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "JDK            $("$JAVA" -version 2>&1 | head -n1)"
  echo "flags          server $SERVER_JVM_FLAGS; probe $PROBE_JVM_FLAGS, environment $PROBE_ENV"
  echo "setup          HTTP monitors every ${INTERVAL}s (timeout 5s, status == 200) against nginx on 127.0.0.1; server on SQLite;"
  echo "               warm-up ${WARMUP}s, CPU window ${WINDOW}s; busy = the whole machine's CPU in the window, % of one CPU"
  echo "-- per check: the JVM that ran the checks (utime+stime / results stored with started_at in the window) --"
  printf '%-9s %-30s %-30s %-7s %-14s %-8s %s\n' monitors "server alone" "probe" ratio "probe RSS/HWM" "server" "delay check->stored (ms)"
  for size in $SIZES; do
    printf '%-9s %-30s %-30s %-7s %-14s %-8s %s\n' "$size" \
      "${ref_ms[$size]} ms (${ref_n[$size]}, busy ${ref_busy[$size]}%)" \
      "${probe_ms[$size]} ms (${probe_n[$size]}, busy ${probe_busy[$size]}%)" \
      "$(ratio "${probe_ms[$size]}" "${ref_ms[$size]}")" \
      "$(mb "${probe_rss[$size]}")/$(mb "${probe_hwm[$size]}") MB" "${server_ms[$size]}" "${probe_delay[$size]}"
  done
  echo "               ratio = probe / server alone [goal <= 1.2]; RSS [goal < 150 MB at 10,000]; server = the server's CPU per probe result received; delay p99 [goal < 2000 ms]"
  echo "replay         server down ${outage}s (~$REPLAY_RESULTS results buffered at ${SIZES##* } monitors): after the restart $replay_line s"
  echo "               (waited: until the first result checked after the restart was stored; first: the probe's first push after its backoff)"
  echo "               probe rows: $count_line; probe log lines about dropped results: $dropped"
  echo "run took $(( $(date +%s) - t_run ))s"
  echo "==================================="
}
grep -hE ' (WARN|ERROR) ' "$tmp"/probe-*/probe.log 2>/dev/null | sed -E 's/^[^ ]+ //' | sort | uniq -c | sort -rn | head -n 5 | sed 's/^/probe log: /' || true
