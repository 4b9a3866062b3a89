#!/usr/bin/env bash
# bench/scheduler.sh [MONITORS] [INTERVAL_SECONDS] [DURATION_SECONDS]   (defaults 10000 10 60)
#
# Starts Lookout with MONITORS generated HTTP monitors (every INTERVAL_SECONDS) against a private
# nginx on loopback, waits for the jittered first runs to settle, then measures for
# DURATION_SECONDS: checks/s achieved vs planned, schedule lag p50/p99/max, Lookout's CPU % and CPU
# ms per check, RSS, results written/dropped, failures by outcome. In the same run it measures
# references: wrk against the same nginx (fresh connections), nginx's own CPU per request, and a
# bare blocking socket on virtual threads at the planned rate (bench/BareSocket.java).
# Everything it starts is stopped on exit. Load only ever goes to 127.0.0.1.
#
# Environment:
#   STORAGE_URL      storage URL (default sqlite:<tmp>/data/bench.db; e.g. postgresql://user:pw@127.0.0.1/db)
#   JVM_FLAGS        flags for Lookout's JVM (default: -XX:+UseSerialGC -Xss512k, heap max(256 MB, 10 KB per monitor))
#   MAX_CONCURRENT   scheduler.max_concurrent_checks (default 2000)
#   NGINX_PORT       (18080)   LOOKOUT_PORT (18081)   NGINX_WORKERS (1)
#   WARMUP_SECONDS   (default: min(interval, 60) + interval + 5)
#   BASELINE_SECONDS bare-socket reference duration, 0 to skip (20)
#   WRK_SECONDS      wrk reference duration, 0 to skip (10)
#   JFR=1            record a JFR profile of the measured window into bench/out/
#   KEEP=1           keep the temp directory (config, logs, database)
#   VANTAGE=1        every monitor is checked from the server and a declared probe that never runs
#                    (`vantage: { from: [server, bench-probe] }`): the path of combined results
#   LOOKOUT_JAR      the jar to measure (default target/lookout.jar; built when missing)
set -euo pipefail

MONITORS=${1:-10000}
INTERVAL=${2:-10}
DURATION=${3:-60}
here=$(cd "$(dirname "$0")/.." && pwd)
NGINX_PORT=${NGINX_PORT:-18080}
LOOKOUT_PORT=${LOOKOUT_PORT:-18081}
NGINX_WORKERS=${NGINX_WORKERS:-1}
MAX_CONCURRENT=${MAX_CONCURRENT:-2000}
BASELINE_SECONDS=${BASELINE_SECONDS:-20}
WRK_SECONDS=${WRK_SECONDS:-10}
first_window=$(( INTERVAL < 60 ? INTERVAL : 60 ))
WARMUP_SECONDS=${WARMUP_SECONDS:-$(( first_window + INTERVAL + 5 ))}
# The live set is about 3 KB per monitor (150 MB at 50,000); the heap is sized to 10 KB per monitor, at least 256 MB.
heap_mb=$(( MONITORS / 100 > 256 ? MONITORS / 100 : 256 ))
JVM_FLAGS=${JVM_FLAGS:-"-XX:+UseSerialGC -Xms${heap_mb}m -Xmx${heap_mb}m -Xss512k"}
budget=$(( WRK_SECONDS + (BASELINE_SECONDS > 0 ? BASELINE_SECONDS + 8 : 0) + WARMUP_SECONDS + DURATION + 15 ))
if (( budget > 180 )); then
  echo "bench: references + warm-up + duration (~$budget s) exceed the 3-minute budget; shorten DURATION" >&2
  exit 2
fi

tmp=$(mktemp -d /tmp/lookout-bench.XXXXXX)
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  if [[ -f $tmp/nginx.pid ]]; then kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; fi
  if [[ ${KEEP:-0} == 1 ]]; then echo "bench: kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit $rc
}
trap cleanup EXIT INT TERM

say() { echo "bench: $*" >&2; }

# ---- tools and limits --------------------------------------------------------------------------
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  say "installing nginx and wrk from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
fi
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
JAVA="$JAVA_HOME/bin/java"
jar=${LOOKOUT_JAR:-"$here/target/lookout.jar"}
[[ -f $jar ]] || (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package)

limits=()
if ulimit -n 1048576 2>/dev/null; then limits+=("ulimit -n 1048576"); else ulimit -n "$(ulimit -Hn)"; limits+=("ulimit -n $(ulimit -n) (hard limit)"); fi
setsys() { # name value
  local f=/proc/sys/${1//.//} old
  old=$(tr '\t' ' ' <"$f" 2>/dev/null || echo "?")
  if [[ "$old" == "$2" ]]; then limits+=("$1=$2 (already)"); return; fi
  if (echo "$2" >"$f") 2>/dev/null; then limits+=("$1=$2 (was $old)"); else limits+=("$1 left at $old (not writable)"); fi
}
setsys net.ipv4.ip_local_port_range "1024 65535"
setsys net.ipv4.tcp_tw_reuse 1
setsys net.core.somaxconn 65535
setsys net.ipv4.tcp_max_syn_backlog 65535

# ---- machine -------------------------------------------------------------------------------------
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
mem_gb=$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)
jdk=$("$JAVA" -version 2>&1 | head -n1)
commit=$(git -C "$here" describe --always --dirty 2>/dev/null || echo "?")
tick=$(getconf CLK_TCK)

cpu_ticks() { # pid... -> utime+stime of all, in ticks (0 for gone pids)
  local sum=0 p v
  for p in "$@"; do
    v=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)
    sum=$(( sum + v ))
  done
  echo "$sum"
}
machine_busy() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
thread_ticks() { # pid -> "name utime stime" per thread, digits in names folded (one line per thread)
  local t
  for t in /proc/"$1"/task/*; do
    awk '{ s = $0; sub(/^[0-9]+ \(/, "", s); name = substr(s, 1, index(s, ") ") - 1); rest = substr(s, index(s, ") ") + 2)
           split(rest, f, " "); gsub(/[0-9]+/, "N", name); gsub(/ /, "_", name); print name, f[12], f[13] }' "$t/stat" 2>/dev/null
  done
}
nginx_pids() { local m; m=$(cat "$tmp/nginx.pid"); echo "$m $(pgrep -P "$m" | tr '\n' ' ')"; }

# ---- nginx target -----------------------------------------------------------------------------
mkdir -p "$tmp/nginx/html" "$tmp/nginx/logs"
chmod 755 "$tmp"  # nginx workers run as an unprivileged user
head -c 2048 /dev/zero | tr '\0' 'x' >"$tmp/nginx/html/health"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
pid $tmp/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
worker_rlimit_nofile $(ulimit -n);
events { worker_connections 16384; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi; uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;
  keepalive_timeout 0;
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=65535;
    root $tmp/nginx/html;
    location = /health { default_type text/plain; }
  }
}
EOF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon on;'
for _ in $(seq 50); do [[ -s $tmp/nginx.pid ]] && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$NGINX_PORT/health" || { say "nginx did not come up"; cat "$tmp/nginx/logs/error.log" >&2; exit 1; }
say "nginx on 127.0.0.1:$NGINX_PORT (pids $(nginx_pids)), 2048-byte /health"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- reference 1: wrk, fresh connections ---------------------------------------------------------
wrk_rps="skipped"; wrk_ms="-"; nginx_ms_wrk="-"; wrk_non2xx="-"
if (( WRK_SECONDS > 0 )); then
  n0=$(cpu_ticks $(nginx_pids))
  # `times` in the subshell reports the CPU of its child, wrk.
  ( wrk -t1 -c50 -d"${WRK_SECONDS}s" -H 'Connection: close' "http://127.0.0.1:$NGINX_PORT/health"; times ) >"$tmp/wrk.out" 2>&1
  n1=$(cpu_ticks $(nginx_pids))
  wrk_requests=$(awk '/requests in/ {print $1}' "$tmp/wrk.out")
  wrk_rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.out")
  wrk_non2xx=$(awk '/Non-2xx/ {print $NF} /Socket errors/ {print}' "$tmp/wrk.out" | tr '\n' ' ')
  wrk_cpu_s=$(tail -n1 "$tmp/wrk.out" | awk '{ split($1,u,"m"); split($2,s,"m"); print u[1]*60+u[2]+s[1]*60+s[2] }' | tr -d 's')
  wrk_ms=$(awk -v c="$wrk_cpu_s" -v n="$wrk_requests" 'BEGIN {printf "%.4f", c*1000/n}')
  nginx_ms_wrk=$(awk -v t=$((n1 - n0)) -v hz="$tick" -v n="$wrk_requests" 'BEGIN {printf "%.4f", t*1000/hz/n}')
  say "wrk: $wrk_rps req/s, wrk CPU $wrk_ms ms/request, nginx CPU $nginx_ms_wrk ms/request"
fi

# ---- reference 2: bare blocking socket on virtual threads at the planned rate, started in 10 ms groups ----
planned=$(awk -v m="$MONITORS" -v i="$INTERVAL" 'BEGIN {printf "%.1f", m/i}')
baseline="skipped"
if (( BASELINE_SECONDS > 0 )); then
  n0=$(cpu_ticks $(nginx_pids))
  baseline=$("$JAVA" -XX:+UseSerialGC -Xss512k "$here/bench/BareSocket.java" 127.0.0.1 "$NGINX_PORT" /health "$planned" 5 "$BASELINE_SECONDS" 10 2>&1 | tail -n1)
  n1=$(cpu_ticks $(nginx_pids))
  say "bare socket: $baseline"
fi
bval() { echo "$baseline" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# ---- Lookout --------------------------------------------------------------------------------------
# Not beside lookout.yaml: the config watcher would wake up on every SQLite write (as it would in production).
mkdir -p "$tmp/data"
STORAGE_URL=${STORAGE_URL:-sqlite:$tmp/data/bench.db}
{
  cat <<EOF
server:
  listen: "127.0.0.1:$LOOKOUT_PORT"
  node_name: bench
storage:
  url: "$STORAGE_URL"
  result_retention: 1d
scheduler:
  max_concurrent_checks: $MAX_CONCURRENT
EOF
  vantage=""
  if [[ ${VANTAGE:-0} == 1 ]]; then
    printf 'probes:\n  - { name: bench-probe, silent_after: 1h }\n'
    vantage=", vantage: { from: [server, bench-probe] }"
  fi
  echo "monitors:"
  awk -v n="$MONITORS" -v i="$INTERVAL" -v p="$NGINX_PORT" -v v="$vantage" 'BEGIN {
    for (k = 1; k <= n; k++) printf "  - { id: bench-%06d, type: http, url: \"http://127.0.0.1:%s/health\", interval: %ds, timeout: 5s, conditions: [ \"status == 200\" ]%s }\n", k, p, i, v }'
} >"$tmp/lookout.yaml"

jfr_flags=()
if [[ ${JFR:-0} == 1 ]]; then
  mkdir -p "$here/bench/out"
  jfr_file="$here/bench/out/lookout-$MONITORS-$INTERVAL.jfr"
  jfr_flags=("-XX:StartFlightRecording=delay=${WARMUP_SECONDS}s,duration=${DURATION}s,settings=profile,filename=$jfr_file")
fi
# shellcheck disable=SC2086
"$JAVA" --enable-native-access=ALL-UNNAMED $JVM_FLAGS "${jfr_flags[@]}" -jar "$jar" serve --config "$tmp/lookout.yaml" \
  >"$tmp/lookout.log" 2>&1 &
lpid=$!
pids+=("$lpid")
metrics() { curl -fsS --max-time 5 "http://127.0.0.1:$LOOKOUT_PORT/metrics"; }
t_start=$(date +%s.%N)
for _ in $(seq 600); do
  metrics >/dev/null 2>&1 && break
  kill -0 "$lpid" 2>/dev/null || { say "Lookout exited:"; tail -n 30 "$tmp/lookout.log" >&2; exit 1; }
  sleep 0.1
done
startup=$(awk -v a="$t_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b-a}')
say "Lookout pid $lpid up in ${startup}s with $MONITORS monitors every ${INTERVAL}s (planned $planned checks/s); warming up ${WARMUP_SECONDS}s"
sleep "$WARMUP_SECONDS"

# ---- measured window -------------------------------------------------------------------------------
metrics >"$tmp/m0"
c0=$(cpu_ticks "$lpid"); n0=$(cpu_ticks $(nginx_pids)); read -r mb0 mt0 < <(machine_busy); thread_ticks "$lpid" >"$tmp/t0"
w0=$(date +%s.%N)
lag_max_seen=0; rss_max=0
end=$(( $(date +%s) + DURATION ))
while (( $(date +%s) < end )); do
  sleep 5
  kill -0 "$lpid" 2>/dev/null || { say "Lookout died during the window"; tail -n 30 "$tmp/lookout.log" >&2; exit 1; }
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$lpid/status"); if (( rss > rss_max )); then rss_max=$rss; fi
  m=$(metrics | awk '/^lookout_schedule_lag_seconds_max/ {print $2}')
  lag_max_seen=$(awk -v a="$lag_max_seen" -v b="${m:-0}" 'BEGIN {print (b > a ? b : a)}')
done
metrics >"$tmp/m1"
c1=$(cpu_ticks "$lpid"); n1=$(cpu_ticks $(nginx_pids)); read -r mb1 mt1 < <(machine_busy); thread_ticks "$lpid" >"$tmp/t1"
w1=$(date +%s.%N)
rss_now=$(awk '/VmRSS/ {print $2}' "/proc/$lpid/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$lpid/status")
threads=$(awk '/Threads/ {print $2}' "/proc/$lpid/status")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
tw=$(awk 'NR > 1 && $4 == "06"' /proc/net/tcp | wc -l)
if [[ -n ${jfr_file-} ]]; then
  "$JAVA_HOME/bin/jcmd" "$lpid" JFR.dump filename="$jfr_file" >/dev/null 2>&1 || true
fi

# ---- figures ----------------------------------------------------------------------------------------
secs=$(awk -v a="$w0" -v b="$w1" 'BEGIN {printf "%.2f", b-a}')
val() { awk -v k="$2" 'index($0, k) == 1 { sub(/.* /, ""); print; found = 1; exit } END { if (!found) print 0 }' "$1"; }
delta() { awk -v a="$(val "$tmp/m0" "$1")" -v b="$(val "$tmp/m1" "$1")" 'BEGIN {printf "%.0f", b-a}'; }
checks=$(delta "lookout_checks_total ")
written=$(delta "lookout_store_results_written_total ")
dropped=$(delta "lookout_store_dropped_total ")
werr=$(delta "lookout_store_write_errors_total ")
skipped=$(delta "lookout_checks_skipped_busy_total ")
abandoned=$(delta "lookout_checks_abandoned_total ")
pending=$(val "$tmp/m1" "lookout_store_pending ")
outcomes=$(for o in ok degraded failed timeout error; do
  d=$(delta "lookout_check_results_total{outcome=\"$o\"} "); if [[ $d != 0 ]]; then printf '%s=%s ' "$o" "$d"; fi; done)
failures=$(for o in degraded failed timeout error; do delta "lookout_check_results_total{outcome=\"$o\"} "; done | awk '{s+=$1} END {print s+0}')
# Window lag quantiles from the cumulative histogram buckets (as Prometheus' histogram_quantile does).
lagq=$(awk '
  FNR == 1 { f++ }
  /^lookout_schedule_lag_seconds_bucket/ {
    match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); v = $NF
    if (f == 1) a[le] = v; else { b[le] = v; les[++n] = le }
  }
  END {
    for (i = 1; i <= n; i++) { le = les[i]; d[i] = b[le] - a[le] }
    total = d[n]
    if (total <= 0) { print "0 0 0"; exit }
    split("0.5 0.99", qs, " ")
    for (j = 1; j <= 2; j++) {
      r = qs[j] * total; prev = 0; pc = 0
      for (i = 1; i <= n; i++) {
        if (d[i] >= r) {
          ub = (les[i] == "+Inf") ? les[i-1] : les[i]
          q[j] = (les[i] == "+Inf") ? ub : prev + (ub - prev) * (r - pc) / (d[i] - pc); break
        }
        prev = les[i]; pc = d[i]
      }
    }
    for (i = 1; i <= n; i++) if (d[i] >= total) { mx = (les[i] == "+Inf") ? "inf" : les[i]; break }
    printf "%.1f %.1f %s\n", q[1] * 1000, q[2] * 1000, (mx == "inf") ? "inf" : sprintf("%.1f", mx * 1000)
  }' "$tmp/m0" "$tmp/m1")
read -r lag_p50 lag_p99 lag_max_bucket <<<"$lagq"
lag_max_ms=$(awk -v m="$lag_max_seen" 'BEGIN {printf "%.1f", m*1000}')
rate=$(awk -v c="$checks" -v s="$secs" 'BEGIN {printf "%.1f", c/s}')
cpu_ms=$(awk -v t=$((c1 - c0)) -v hz="$tick" 'BEGIN {printf "%.0f", t*1000/hz}')
cpu_pct=$(awk -v m="$cpu_ms" -v s="$secs" 'BEGIN {printf "%.1f", m/s/10}')
ms_per_check=$(awk -v m="$cpu_ms" -v c="$checks" 'BEGIN {printf "%.4f", (c > 0) ? m/c : 0}')
nginx_ms=$(awk -v t=$((n1 - n0)) -v hz="$tick" -v c="$checks" 'BEGIN {printf "%.4f", (c > 0) ? t*1000/hz/c : 0}')
nginx_pct=$(awk -v t=$((n1 - n0)) -v hz="$tick" -v s="$secs" 'BEGIN {printf "%.1f", t*100/hz/s}')
machine_pct=$(awk -v b=$((mb1 - mb0)) -v t=$((mt1 - mt0)) -v n="$(nproc)" 'BEGIN {printf "%.1f", (t > 0) ? b*100*n/t : 0}')
other_pct=$(awk -v m="$machine_pct" -v l="$cpu_pct" -v g="$nginx_pct" 'BEGIN {printf "%.1f", m-l-g}')
bms=$(bval baseline_cpu_ms_per_check)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.3g", a/b; else print "-" }'; }
mb() { awk -v k="$1" 'BEGIN {printf "%.0f", k/1024}'; }

cat <<EOF

===== Lookout scheduler benchmark =====
command        bench/scheduler.sh $MONITORS $INTERVAL $DURATION   (commit $commit, $(date -u +%Y-%m-%dT%H:%MZ))
machine        $(nproc) CPUs, $cpu_model, ${mem_gb} GB RAM, kernel $(uname -r)
JDK / flags    $jdk / $JVM_FLAGS
storage        ${STORAGE_URL%%:*}   max_concurrent_checks $MAX_CONCURRENT
limits         ${limits[*]}
load average   before $load_before, after $load_after; machine busy during window ${machine_pct}% of one CPU (Lookout $cpu_pct, nginx $nginx_pct, other $other_pct)
startup        ${startup}s to /metrics; warm-up ${WARMUP_SECONDS}s; window ${secs}s
-- Lookout --
checks/s       achieved $rate  planned $planned  ($(ratio "$rate" "$planned") of plan)   [goal 5000/s]
outcomes       ${outcomes:-none}  (failures $failures, skipped-busy $skipped, abandoned $abandoned)
schedule lag   p50 ${lag_p50} ms  p99 ${lag_p99} ms  max <= ${lag_max_bucket} ms (window histogram; the decaying _max gauge, which reaches back up to 2 min into warm-up, peaked at ${lag_max_ms} ms)   [goal p99 < 250 ms]
CPU            ${cpu_pct}% of one core, ${cpu_ms} ms over the window = ${ms_per_check} ms per check   [goal <= 0.25 ms]
memory         RSS ${rss_now:+$(mb "$rss_now")} MB now, max sampled $(mb "$rss_max") MB, VmHWM $(mb "$hwm") MB, $threads threads   [goal < 400 MB at 10,000 monitors]
store          results written $written (= $(ratio "$written" "$checks") of checks), dropped $dropped, write errors $werr, pending at end $pending
sockets        TIME_WAIT now (IPv4): $tw
-- references, same run --
nginx          ${nginx_pct}% CPU serving Lookout = ${nginx_ms} ms per request
wrk -c50 close ${wrk_rps} req/s, wrk ${wrk_ms} ms CPU/request, nginx ${nginx_ms_wrk} ms CPU/request; ${wrk_non2xx}
bare socket    ${baseline}
ratios         Lookout CPU/check : bare socket = $(ratio "$ms_per_check" "$bms")   : wrk = $(ratio "$ms_per_check" "$wrk_ms")   : nginx (serving it) = $(ratio "$ms_per_check" "$nginx_ms")
               achieved rate : wrk capacity = $(ratio "$rate" "$wrk_rps")
-- Lookout CPU by thread (ms per check user+sys; threads of one kind summed, exited threads not counted) --
$(awk -v c="$checks" -v hz="$tick" 'FNR == 1 { f++ }
  f == 1 { u0[$1] += $2; s0[$1] += $3 } f == 2 { u1[$1] += $2; s1[$1] += $3 }
  END { for (k in u1) { u = (u1[k] - u0[k]) * 1000 / hz; s = (s1[k] - s0[k]) * 1000 / hz
          if (u + s > 0) printf "  %-28s %8.4f = user %.4f + sys %.4f\n", k, (u + s) / c, u / c, s / c } }' "$tmp/t0" "$tmp/t1" | sort -k2 -rn | head -n 12)
=======================================
EOF
grep -E ' (WARN|ERROR) ' "$tmp/lookout.log" | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/log: /' || true
