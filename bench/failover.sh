#!/usr/bin/env bash
# bench/failover.sh [MONITORS] [INTERVAL_SECONDS] [KILLS]   (defaults 3000 10 20; also read from the environment)
#
# Three Lookout nodes on one PostgreSQL, one of them killed with `kill -9` KILLS times (issue 13,
# item 10). On a fresh database of its own on 127.0.0.1:5432 (created here, dropped on exit), with
# MONITORS HTTP monitors every INTERVAL_SECONDS against a private nginx on loopback, of which
# FAILING answer 500 for the whole run (DOWN from their first verdict, alerted to a local webhook
# receiver), it runs three phases:
#
#   1. reference: ONE node (node-a) alone with every monitor, WINDOW seconds: its CPU per check
#      (utime+stime of the JVM from /proc, divided by the results it wrote in the window);
#   2. node-b and node-c join on the same schema; once the shares are balanced and warm, the same
#      figure for each of the three over a quiet WINDOW seconds, and the overhead against phase 1;
#   3. KILLS times, round robin: record the instant K, `kill -9` a node, wait until every monitor
#      it owned (its newest result before K is the killed node's) has a result from another node,
#      restart it (same name, same file), wait until the cluster is balanced again and settled.
#
# Then bench/failover-report.py reads the results, state changes and notifications back from the
# database and what the receiver got, and prints: the gap each owned monitor went unchecked (last
# result before K -> first result after K), the detection time (K -> first result by another
# node), duplicate / missing / false notifications (goal 0, 0, 0), state changes caused by the
# moves (goal: none, only each monitor's first verdict), and log lines at WARN/ERROR. It exits 1
# when a correctness goal is missed.
#
# Everything it starts runs under `timeout` and is stopped on exit, also on failure; every wait
# is bounded, and so is the run as a whole. Load only goes to 127.0.0.1.
#
# Environment:
#   FAILING (5)  WINDOW: seconds of each CPU window (30)  WARMUP_SECONDS: before a window (INTERVAL + 20)
#   SETTLE_SECONDS: after the cluster is balanced again, before the next kill (INTERVAL + 3)
#   NGINX_PORT (18180)  RECEIVER_PORT (18181)  NODE_PORT (18182: node-a; node-b and node-c the next two)
#   JVM_FLAGS (-XX:+UseSerialGC -Xss512k, heap max(256 MB, 10 KB per monitor), the same for each node)
#   PGHOST (127.0.0.1)  PGPORT (5432)  PGUSER (postgres): a server this script may create a database on
#   KEEP=1   keep the temp directory (configs, node logs, exports) and the database
set -euo pipefail

MONITORS=${1:-${MONITORS:-3000}}
INTERVAL=${2:-${INTERVAL:-10}}
KILLS=${3:-${KILLS:-20}}
FAILING=${FAILING:-5}
WINDOW=${WINDOW:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-$(( INTERVAL + 20 ))}
SETTLE_SECONDS=${SETTLE_SECONDS:-$(( INTERVAL + 3 ))}
NGINX_PORT=${NGINX_PORT:-18180}
RECEIVER_PORT=${RECEIVER_PORT:-18181}
NODE_PORT=${NODE_PORT:-18182}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGCONNECT_TIMEOUT=5
here=$(cd "$(dirname "$0")/.." && pwd)
heap_mb=$(( MONITORS / 100 > 256 ? MONITORS / 100 : 256 ))
JVM_FLAGS=${JVM_FLAGS:-"-XX:+UseSerialGC -Xms${heap_mb}m -Xmx${heap_mb}m -Xss512k"}
NAMES=(node-a node-b node-c)

say() { echo "bench: $(date -u +%H:%M:%S) $*" >&2; }
die() { say "$*"; exit 1; }

if (( MONITORS < FAILING + 3 || INTERVAL < 1 || KILLS < 0 || FAILING < 1 )); then
  die "need MONITORS > FAILING + 2, INTERVAL >= 1, KILLS >= 0, FAILING >= 1"
fi
if [[ $PGHOST != 127.0.0.1 && $PGHOST != localhost ]]; then die "PGHOST must be on loopback (all load stays on 127.0.0.1)"; fi

# ---- the bound on the whole run ------------------------------------------------------------------
# Generous per phase (a kill cycle normally takes ~20 s + INTERVAL): the bound only stops a run
# that hangs. Every wait below is bounded by its own timeout and by this deadline, and every
# process we start gets the time left as its `timeout`.
first_window=$(( INTERVAL < 60 ? INTERVAL : 60 ))
lifetime=$(( 90 + first_window + WARMUP_SECONDS + WINDOW + 90 + INTERVAL + WARMUP_SECONDS + WINDOW
             + KILLS * (90 + 2 * INTERVAL + SETTLE_SECONDS) + 120 ))
started=$(date +%s)
deadline=$(( started + lifetime ))

# ---- cleanup: whatever happened, stop what we started and drop the database ----------------------
tmp=$(mktemp -d /tmp/lookout-bench-failover.XXXXXX)
DB="lookout_failover_$$"
SCHEMA=failover
db_created=0
pids=()            # `timeout` processes wrapping everything we started
declare -A jpid    # node name -> pid of its JVM (the child of its `timeout`)
declare -A up      # node name -> 1 while it should be running
# ours PID: the process is still one of ours (every command line we start names $tmp), not a
# process that got a recycled pid after ours ended.
ours() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF "$tmp"; }
cleanup() {
  local rc=$? p
  trap - EXIT INT TERM
  # `timeout` passes TERM on to its child: the nodes stop cleanly, nginx and the receiver exit.
  for p in "${pids[@]}"; do ours "$p" && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 60); do ours "$p" || break; sleep 0.25; done
  done
  for p in "${pids[@]}" "${jpid[@]}"; do ours "$p" && kill -9 "$p" 2>/dev/null || true; done
  if (( db_created )) && [[ ${KEEP:-0} != 1 ]]; then
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || say "could not drop database $DB"
  fi
  if [[ ${KEEP:-0} == 1 ]]; then say "kept $tmp and database $DB (schema $SCHEMA)"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

left() { local l=$(( deadline - $(date +%s) )); echo $(( l > 1 ? l : 1 )); }  # never 0: `timeout 0` means no limit
now_ms() { date +%s%3N; }
pg() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
db() { PGOPTIONS="-c search_path=$SCHEMA -c statement_timeout=60s" pg -d "$DB" "$@"; }

# A node we expect to be running that is not is a failed run: say so with its log.
check_nodes() {
  local n
  for n in "${NAMES[@]}"; do
    if [[ ${up[$n]:-0} == 1 ]] && ! kill -0 "${jpid[$n]}" 2>/dev/null; then
      say "$n (pid ${jpid[$n]}) exited on its own; last lines of its log:"
      tail -n 30 "$tmp/logs/$n.log" >&2
      exit 1
    fi
  done
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every 0.25 s; fails when SECONDS or the run's
# deadline pass first. Nodes that die meanwhile fail the run at once.
wait_until() {
  local limit=$(( $(date +%s) + $1 )) what=$2
  shift 2
  until "$@"; do
    check_nodes
    if (( $(date +%s) >= limit || $(date +%s) >= deadline )); then say "timed out waiting for $what"; return 1; fi
    sleep 0.25
  done
}
listening() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
gone() { ! kill -0 "$1" 2>/dev/null; }
pause() { # SECONDS, watching the nodes
  local until=$(( $(now_ms) + $1 * 1000 ))
  while (( $(now_ms) < until )); do check_nodes; sleep 0.25; done
}

# ---- tools, JDK, jar ------------------------------------------------------------------------------
for tool in psql python3 curl timeout; do command -v "$tool" >/dev/null || die "missing $tool"; done
if ! command -v nginx >/dev/null; then
  say "installing nginx from Debian"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
for port in "$NGINX_PORT" "$RECEIVER_PORT" "$NODE_PORT" $(( NODE_PORT + 1 )) $(( NODE_PORT + 2 )); do
  if listening "$port"; then die "port $port is taken (set NGINX_PORT / RECEIVER_PORT / NODE_PORT)"; fi
done
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
JAVA="$JAVA_HOME/bin/java"
jar="$here/target/lookout.jar"
[[ -f $jar ]] || (cd "$here" && ./mvnw -q -B -DskipTests package)
pg -d postgres -c "SELECT 1" >/dev/null || die "no PostgreSQL at $PGUSER@$PGHOST:$PGPORT"

commit=$(git -C "$here" describe --always --dirty 2>/dev/null || echo "?")
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
mem_gb=$(awk '/MemTotal/ {printf "%.0f", $2/1048576}' /proc/meminfo)
jdk=$("$JAVA" -version 2>&1 | head -n1)
pg_version=$(pg -d postgres -c "SHOW server_version")
tick=$(getconf CLK_TCK)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$tmp/logs" "$tmp/state" "$tmp/report"

# ---- CPU from /proc ---------------------------------------------------------------------------------
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# PostgreSQL's share, if the server runs here: the backends connected to our database ("pid ticks"
# per line). Not the whole server: other databases on it (tests, other benchmarks) are not ours.
# The WAL writer and checkpointer, shared by every database, are left out; so is a backend that
# exits within a window (the nodes keep their pools open).
pg_local=$(pgrep -o -x postgres || true)
pg_backends() {
  local p
  [[ -n $pg_local ]] || return 0
  for p in $(pg -d postgres -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'"); do echo "$p $(ticks "$p")"; done
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }  # busy, all CPUs
# thread_ticks PID: "name ticks" per thread, digits in names folded so that threads of one kind add up.
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    awk '{ s = $0; sub(/^[0-9]+ \(/, "", s); name = substr(s, 1, index(s, ") ") - 1); rest = substr(s, index(s, ") ") + 2)
           split(rest, f, " "); gsub(/[0-9]+/, "N", name); gsub(/ /, "_", name); print name, f[12] + f[13] }' "$t/stat" 2>/dev/null
  done
}

# window PHASE NODE...: CPU of each node, of PostgreSQL and of the machine over WINDOW seconds, as
# rows of cpu.tsv (phase, who, w0 ms, w1 ms, ticks), and each node's CPU by kind of thread, as rows
# of threads.tsv (phase, node, thread, ticks; threads that exit meanwhile are not counted). The
# report divides each node's CPU by the results it wrote with started_at in [w0, w1).
window() {
  local phase=$1 n w0 w1 p m0 m1
  shift
  declare -A c0
  for n in "$@"; do c0[$n]=$(ticks "${jpid[$n]}"); thread_ticks "${jpid[$n]}" >"$tmp/threads.$n.0"; done
  pg_backends >"$tmp/pg.0"; m0=$(machine_ticks); w0=$(now_ms)
  pause "$WINDOW"
  w1=$(now_ms)
  for n in "$@"; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$phase" "$n" "$w0" "$w1" $(( $(ticks "${jpid[$n]}") - c0[$n] )) >>"$tmp/cpu.tsv"
    thread_ticks "${jpid[$n]}" >"$tmp/threads.$n.1"
    awk -v p="$phase" -v n="$n" 'FNR == 1 { f++ } f == 1 { a[$1] += $2 } f == 2 { b[$1] += $2 }
      END { for (k in b) if (b[k] - a[k] > 0) printf "%s\t%s\t%s\t%d\n", p, n, k, b[k] - a[k] }' \
      "$tmp/threads.$n.0" "$tmp/threads.$n.1" >>"$tmp/threads.tsv"
  done
  pg_backends >"$tmp/pg.1"; m1=$(machine_ticks)
  p=$(awk 'FNR == 1 { f++ } f == 1 { a[$1] = $2 } f == 2 { d += $2 - ($1 in a ? a[$1] : 0) } END { print d + 0 }' "$tmp/pg.0" "$tmp/pg.1")
  printf '%s\t%s\t%s\t%s\t%s\n' "$phase" postgresql "$w0" "$w1" "$p" "$phase" machine "$w0" "$w1" $(( m1 - m0 )) >>"$tmp/cpu.tsv"
}

# ---- nginx target: /health answers 200, /fail answers 500 ------------------------------------------
mkdir -p "$tmp/nginx/html" "$tmp/nginx/logs"
chmod 755 "$tmp"  # nginx workers run as an unprivileged user
head -c 2048 /dev/zero | tr '\0' 'x' >"$tmp/nginx/html/health"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body; proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi; uwsgi_temp_path $tmp/nginx/uwsgi; scgi_temp_path $tmp/nginx/scgi;
  keepalive_timeout 0;
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    root $tmp/nginx/html;
    location = /health { default_type text/plain; }
    location = /fail { return 500 "failing on purpose\n"; }
  }
}
EOF
# In the foreground under `timeout`, so that it cannot outlive the run.
timeout -k 5 "$(left)" nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' >"$tmp/logs/nginx.log" 2>&1 &
pids+=("$!")
wait_until 10 "nginx" curl -fs -o /dev/null "http://127.0.0.1:$NGINX_PORT/health"

# ---- webhook receiver ---------------------------------------------------------------------------------
timeout -k 5 "$(left)" python3 "$here/bench/webhook-recorder.py" "$RECEIVER_PORT" "$tmp/report/received.jsonl" \
  >"$tmp/logs/receiver.log" 2>&1 &
pids+=("$!")
wait_until 10 "the webhook receiver" listening "$RECEIVER_PORT"

# ---- database -------------------------------------------------------------------------------------------
pg -d postgres -c "CREATE DATABASE $DB" >/dev/null
db_created=1
pg -d "$DB" -c "CREATE SCHEMA $SCHEMA" >/dev/null
say "database $DB (schema $SCHEMA) on $PGHOST:$PGPORT; nginx on 127.0.0.1:$NGINX_PORT; receiver on 127.0.0.1:$RECEIVER_PORT"

# ---- node configurations: identical but for the name, the port and the state file ----------------------
TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
declare -A port_of
for i in 0 1 2; do port_of[${NAMES[$i]}]=$(( NODE_PORT + i )); done
awk -v n="$MONITORS" -v f="$FAILING" -v i="$INTERVAL" -v p="$NGINX_PORT" 'BEGIN {
  for (k = 1; k <= f; k++)
    printf "  - { id: fail-%d, type: http, url: \"http://127.0.0.1:%s/fail\", interval: %ds, timeout: 2s, conditions: [ \"status == 200\" ] }\n", k, p, i
  for (k = f + 1; k <= n; k++)
    printf "  - { id: ok-%06d, type: http, url: \"http://127.0.0.1:%s/health\", interval: %ds, timeout: 2s, conditions: [ \"status == 200\" ] }\n", k, p, i }' \
  >"$tmp/monitors.yaml"
for n in "${NAMES[@]}"; do
  # Each config in a directory of its own: the config watcher watches that directory.
  mkdir -p "$tmp/$n"
  {
    cat <<EOF
server:
  listen: "127.0.0.1:${port_of[$n]}"
  public_url: "http://127.0.0.1:${port_of[$n]}"
  node_name: $n
  admin_token: "$TOKEN"
storage:
  url: "postgresql://$PGUSER@$PGHOST:$PGPORT/$DB?currentSchema=$SCHEMA"
  state_file: "$tmp/state/$n.identity"
  result_retention: 1d
channels:
  - { id: hook, type: webhook, url: "http://127.0.0.1:$RECEIVER_PORT/hook" }
  - { id: system, type: webhook, url: "http://127.0.0.1:$RECEIVER_PORT/system" }
alerting:
  group_window: 0s
  system_channels: [system]
  routes: [ { channels: [hook], on: [down, degraded, recovered, flapping] } ]
monitors:
EOF
    cat "$tmp/monitors.yaml"
  } >"$tmp/$n/lookout.yaml"
done

# start_node NAME: the JVM runs under `timeout` (the time left in the run); we keep the JVM's own
# pid, which is what we measure and what `kill -9` hits. Returns once /metrics answers.
start_node() {
  local n=$1 t j
  echo "==== bench: starting $n at $(date -u +%FT%T.%3NZ)" >>"$tmp/logs/$n.log"
  # shellcheck disable=SC2086
  timeout -k 5 "$(left)" "$JAVA" --enable-native-access=ALL-UNNAMED $JVM_FLAGS -jar "$jar" serve \
    --config "$tmp/$n/lookout.yaml" >>"$tmp/logs/$n.log" 2>&1 &
  t=$!
  disown "$t"  # no "Killed" line from bash when we kill -9 it: that is the point
  pids+=("$t")
  for _ in $(seq 100); do j=$(pgrep -P "$t" || true); [[ -n $j ]] && break; sleep 0.05; done
  [[ -n $j ]] || die "$n: no JVM under timeout pid $t"
  jpid[$n]=$j
  up[$n]=1
  wait_until 90 "$n to serve /metrics" curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:${port_of[$n]}/metrics"
}

# balanced VIA: true when node VIA lists the three nodes alive, each checking some monitors, and
# their shares adding up to MONITORS (nobody holds a monitor twice, none is left out).
balanced() {
  curl -fsS --max-time 2 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${port_of[$1]}/api/v1/cluster" 2>/dev/null |
    python3 -c '
import json, sys
nodes = [n for n in json.load(sys.stdin)["nodes"] if n["alive"]]
shares = [n["monitors"] for n in nodes]
sys.exit(0 if len(nodes) == 3 and min(shares) > 0 and sum(shares) == int(sys.argv[1]) else 1)' "$MONITORS"
}
shares() { # VIA -> "node-a=1001 node-b=998 ..." as VIA sees them
  curl -fsS --max-time 2 -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${port_of[$1]}/api/v1/cluster" 2>/dev/null |
    python3 -c 'import json, sys; print(" ".join("%s=%s" % (n["name"], n["monitors"]) for n in json.load(sys.stdin)["nodes"] if n["alive"]))'
}
all_checked() { (( $(db -c "SELECT count(DISTINCT monitor_id) FROM check_results") == MONITORS )); }

# ---- phase 1: one node alone ------------------------------------------------------------------------------
say "phase 1: node-a alone with $MONITORS monitors every ${INTERVAL}s ($FAILING answer 500); run bounded to ${lifetime}s"
start_node node-a
wait_until $(( first_window + 60 )) "a first result of every monitor" all_checked
say "every monitor checked; warming up ${WARMUP_SECONDS}s, then ${WINDOW}s of CPU"
pause "$WARMUP_SECONDS"
window single node-a

# ---- phase 2: three nodes --------------------------------------------------------------------------------
say "phase 2: node-b and node-c join"
start_node node-b
start_node node-c
wait_until 90 "three nodes sharing the monitors" balanced node-a
say "balanced: $(shares node-a); warming up $(( INTERVAL + WARMUP_SECONDS ))s, then ${WINDOW}s of CPU"
pause $(( INTERVAL + WARMUP_SECONDS ))
window three node-a node-b node-c

# ---- phase 3: kill -9, round robin ----------------------------------------------------------------------
# owned_taken NAME K: "owned taken": the monitors whose newest result before K is NAME's (looking
# back two intervals and 10 s), and how many of them have a result by another node started after K.
owned_taken() {
  db -c "WITH last AS (
           SELECT DISTINCT ON (monitor_id) monitor_id, node FROM check_results
           WHERE started_at < $2 AND started_at > $2 - $(( (2 * INTERVAL + 10) * 1000 ))
           ORDER BY monitor_id, started_at DESC)
         SELECT count(*) || ' ' || count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM check_results r WHERE r.monitor_id = last.monitor_id AND r.started_at > $2 AND r.node <> '$1'))
         FROM last WHERE node = '$1'"
}
taken_over() { local o t; read -r o t < <(owned_taken "$1" "$2"); (( o > 0 && t == o )); }

printf 'kill\tnode\tk_ms\ttaken\ttaken_ms\tup_ms\tbalanced_ms\n' >"$tmp/kills.tsv"
takeover_timeout=$(( 5 + 2 + INTERVAL + 30 ))
for (( i = 0; i < KILLS; i++ )); do
  n=${NAMES[i % 3]}
  pid=${jpid[$n]}
  up[$n]=0
  k=$(now_ms)
  kill -9 "$pid"
  wait_until 10 "$n (pid $pid) to go" gone "$pid"
  sleep 1  # the survivors' results from before K are flushed (their writer commits every 200 ms)
  read -r owned _ < <(owned_taken "$n" "$k")
  taken=yes
  if ! wait_until "$takeover_timeout" "every monitor of $n checked by another node" taken_over "$n" "$k"; then
    taken=no
    say "kill $(( i + 1 )): NOT every monitor of $n was taken over within ${takeover_timeout}s ($(owned_taken "$n" "$k"))"
  fi
  t_taken=$(now_ms)
  start_node "$n"
  t_up=$(now_ms)
  wait_until 90 "the cluster to be balanced again" balanced "$n"
  t_bal=$(now_ms)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' $(( i + 1 )) "$n" "$k" "$taken" $(( t_taken - k )) $(( t_up - k )) $(( t_bal - k )) >>"$tmp/kills.tsv"
  say "kill $(( i + 1 ))/$KILLS: $n owned $owned; all taken over $(( (t_taken - k) / 1000 ))s after K; back up at $(( (t_up - k) / 1000 ))s, balanced at $(( (t_bal - k) / 1000 ))s ($(shares "$n")); settling ${SETTLE_SECONDS}s"
  pause "$SETTLE_SECONDS"
done

# ---- report ---------------------------------------------------------------------------------------------
# A last look for late or repeated notifications, then everything is read back from the database.
pause 3
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
db -c "\copy (SELECT monitor_id, node, started_at, outcome FROM check_results ORDER BY monitor_id, started_at, id) TO '$tmp/report/results.csv' CSV"
db -c "\copy (SELECT monitor_id, node, at, from_state, to_state FROM state_events ORDER BY monitor_id, at, id) TO '$tmp/report/events.csv' CSV"
db -c "\copy (SELECT id, coalesce(episode_id, ''), channel_id, kind, status, delivery_id, attempts, dedup_key FROM notifications ORDER BY id) TO '$tmp/report/notifications.csv' CSV"
cp "$tmp/kills.tsv" "$tmp/cpu.tsv" "$tmp/threads.tsv" "$tmp/report/"

cat <<EOF

===== Lookout failover benchmark =====
command        bench/failover.sh $MONITORS $INTERVAL $KILLS   (FAILING=$FAILING WINDOW=$WINDOW; commit $commit, $(date -u +%Y-%m-%dT%H:%MZ))
machine        $(nproc) CPUs, $cpu_model, ${mem_gb} GB RAM, kernel $(uname -r); load average before $load_before, after $load_after
JDK / flags    $jdk / $JVM_FLAGS (each node)
store          PostgreSQL $pg_version on $PGHOST:$PGPORT, database $DB created for the run; $(if [[ -n $pg_local ]]; then echo "its backends' CPU is counted"; else echo "server not on this machine (its CPU is not counted)"; fi)
setup          $MONITORS HTTP monitors every ${INTERVAL}s (timeout 2s, status == 200, failure_threshold 3) against nginx on 127.0.0.1;
               $FAILING of them (fail-1..fail-$FAILING) answer 500 all along; webhook to a local receiver, group_window 0s
timing         warm-up ${WARMUP_SECONDS}s before each CPU window of ${WINDOW}s; ${SETTLE_SECONDS}s settle after each rebalance; run took $(( $(date +%s) - started ))s (bound ${lifetime}s)
EOF
status=0
python3 "$here/bench/failover-report.py" "$tmp/report" "$MONITORS" "$INTERVAL" "$FAILING" "$tick" || status=$?
echo "-- node logs (WARN/ERROR lines and exceptions, by message; 'killed' restarts are expected) --"
for n in "${NAMES[@]}"; do
  c=$(grep -cE ' (WARN|ERROR) |Exception' "$tmp/logs/$n.log" || true)
  echo "  $n: $c lines"
  grep -E ' (WARN|ERROR) |Exception' "$tmp/logs/$n.log" | sed -E 's/^[0-9TZ:. -]+//; s/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/    /' || true
done
echo "======================================="
exit "$status"
