#!/usr/bin/env bash
# bench/failover.sh [MONITORS] [INTERVAL_SECONDS] [KILLS]   (defaults 3000 10 20; also read from the environment)
#
# Three Lookout nodes on one PostgreSQL, one of them killed with `kill -9` KILLS times (issue 13,
# item 10). On a fresh database of its own on 127.0.0.1:5432 (created here, dropped on exit), with
# MONITORS HTTP monitors every INTERVAL_SECONDS against a private nginx on loopback, of which
# FAILING answer 500 for the whole run (DOWN from their first verdict, alerted to a local webhook
# receiver), it runs four phases:
#
#   0. reference for coordination: ONE node (node-ref) alone with MONITORS/3 monitors (the FAILING
#      ones among them), i.e. the load of one node of the cluster, in a schema of its own
#      (failover_ref; its alerts go to /ref/... on the receiver): its CPU per check over WINDOW
#      seconds (utime+stime of the JVM from /proc, divided by the results it wrote in the window).
#      Then it is stopped cleanly (TERM); nothing it wrote is in the schema the later phases use;
#   1. reference for the total: ONE node (node-a) alone with every monitor, the same figure;
#   2. node-b and node-c join on node-a's schema; once the shares are balanced and warm, the same
#      figure for each of the three over a quiet WINDOW seconds. Coordination overhead: the three
#      together against phase 0 (the same rate per JVM; goal +10 %); also against phase 1 (three
#      JVMs at a third of the rate each against one JVM with everything: fixed costs paid thrice);
#   3. KILLS times, round robin: record the instant K, `kill -9` a node, wait until every monitor
#      it owned (its newest result before K is the killed node's) has a result from another node,
#      restart it (same name, same file), wait until the cluster is balanced again and settled.
#
# Before each CPU window: a warm-up of WARMUP_SECONDS (phase 2: INTERVAL + WARMUP_SECONDS after
# the shares are balanced), then a wait until the JIT has settled in every JVM measured: its
# compiler threads took at most JIT_SHARE % of that JVM's CPU over the last 10 s, JIT_WAIT_MAX
# seconds at most (then it measures anyway and says so). The wait and the shares are printed.
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
#   JIT_SHARE: whole percent (5) and JIT_WAIT_MAX: seconds (30) of the wait for the JIT after the warm-up
#   SETTLE_SECONDS: after the cluster is balanced again, before the next kill (INTERVAL + 3)
#   NGINX_PORT (18180)  RECEIVER_PORT (18181)
#   NODE_PORT (18182: node-a; node-b, node-c and node-ref the next three)
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
JIT_SHARE=${JIT_SHARE:-5}
JIT_WAIT_MAX=${JIT_WAIT_MAX:-30}
REF_MONITORS=$(( MONITORS / 3 ))  # phase 0: the load of one node of three
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

if (( REF_MONITORS < FAILING + 3 || INTERVAL < 1 || KILLS < 0 || FAILING < 1 || JIT_WAIT_MAX < 0 )); then
  die "need MONITORS / 3 > FAILING + 2, INTERVAL >= 1, KILLS >= 0, FAILING >= 1, JIT_WAIT_MAX >= 0"
fi
if [[ $PGHOST != 127.0.0.1 && $PGHOST != localhost ]]; then die "PGHOST must be on loopback (all load stays on 127.0.0.1)"; fi

# ---- the bound on the whole run ------------------------------------------------------------------
# Generous per phase (a kill cycle normally takes ~20 s + INTERVAL): the bound only stops a run
# that hangs. Every wait below is bounded by its own timeout and by this deadline, and every
# process we start gets the time left as its `timeout`.
first_window=$(( INTERVAL < 60 ? INTERVAL : 60 ))
warm_max=$(( WARMUP_SECONDS + 10 + JIT_WAIT_MAX ))  # a warm-up and the wait for the JIT, at most
# phase 0 and its stop, phase 1, phase 2, the kills, the report
lifetime=$(( 90 + first_window + 60 + warm_max + WINDOW + 40
             + 90 + first_window + warm_max + WINDOW + 90 + INTERVAL + warm_max + WINDOW
             + KILLS * (90 + 2 * INTERVAL + SETTLE_SECONDS) + 120 ))
started=$(date +%s)
deadline=$(( started + lifetime ))

# ---- cleanup: whatever happened, stop what we started and drop the database ----------------------
tmp=$(mktemp -d /tmp/lookout-bench-failover.XXXXXX)
DB="lookout_failover_$$"
SCHEMA=failover
REF_SCHEMA=failover_ref
db_created=0
pids=()            # `timeout` processes wrapping everything we started
declare -A jpid    # node name -> pid of its JVM (the child of its `timeout`)
declare -A tpid    # node name -> pid of that `timeout`
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
  if [[ ${KEEP:-0} == 1 ]]; then say "kept $tmp and database $DB (schemas $SCHEMA, $REF_SCHEMA)"; else rm -rf "$tmp"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT TERM

left() { local l=$(( deadline - $(date +%s) )); echo $(( l > 1 ? l : 1 )); }  # never 0: `timeout 0` means no limit
now_ms() { date +%s%3N; }
pg() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
in_schema() { local s=$1; shift; PGOPTIONS="-c search_path=$s -c statement_timeout=60s" pg -d "$DB" "$@"; }
db() { in_schema "$SCHEMA" "$@"; }

# A node we expect to be running that is not is a failed run: say so with its log.
check_nodes() {
  local n
  for n in node-ref "${NAMES[@]}"; do
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
for port in "$NGINX_PORT" "$RECEIVER_PORT" "$NODE_PORT" $(( NODE_PORT + 1 )) $(( NODE_PORT + 2 )) $(( NODE_PORT + 3 )); do
  if listening "$port"; then die "port $port is taken (set NGINX_PORT / RECEIVER_PORT / NODE_PORT)"; fi
done
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
JAVA="$JAVA_HOME/bin/java"
jar="$here/target/lookout.jar"
[[ -f $jar ]] || (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package)
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

# jit_sample PID: "all compiler": CPU ticks of the JVM (as ticks) and of its JIT compiler threads
# alive now ("C1/C2 CompilerThreadN", cut to "CN CompilerThre" in /proc).
jit_sample() {
  local all
  all=$(ticks "$1")
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v all="$all" '{
    o = index($0, "("); match($0, /\)[^)]*$/)
    if (substr($0, o + 1, RSTART - o - 1) ~ /CompilerThre/) { split(substr($0, RSTART + 2), f, " "); c += f[12] + f[13] } }
    END { print all, c + 0 }'
}

# warm_up PHASE SECONDS NODE...: pauses SECONDS (at least 10), then goes on until the JIT compiler
# threads of every NODE took at most JIT_SHARE % of that JVM's CPU over the last 10 s (sampled each
# second, from 10 s before the end of the pause), JIT_WAIT_MAX seconds at most; then measures
# anyway. (The JVM can stop an idle compiler thread; its ticks then leave the sum, so a delta is
# taken as 0 rather than negative.) Says what it did, and keeps it for the report's header.
jit_notes=()
warm_up() {
  local phase=$1 secs=$2 n i=0 t_min=0 waited=0 ok shares a0 c0 a1 c1 pm
  shift 2
  declare -A s
  pause $(( secs > 10 ? secs - 10 : 0 ))
  while :; do
    for n in "$@"; do s[$n,$i]=$(jit_sample "${jpid[$n]}"); done
    if (( i >= 10 )); then
      (( t_min )) || t_min=$(now_ms)
      waited=$(( ($(now_ms) - t_min) / 1000 ))
      ok=1 shares=""
      for n in "$@"; do
        read -r a0 c0 <<<"${s[$n,$(( i - 10 ))]}"
        read -r a1 c1 <<<"${s[$n,$i]}"
        pm=$(( a1 > a0 && c1 > c0 ? (c1 - c0) * 1000 / (a1 - a0) : 0 ))  # per mille of the JVM's CPU
        (( pm <= JIT_SHARE * 10 )) || ok=0
        shares+="${shares:+ }$n $(( pm / 10 )).$(( pm % 10 ))%"
      done
      if (( ok || waited >= JIT_WAIT_MAX )); then break; fi
    fi
    pause 1
    i=$(( i + 1 ))
  done
  if (( ok )); then
    jit_notes+=("$phase: ${secs}s + ${waited}s until the JIT settled (compiler threads over the last 10 s: $shares)")
  else
    jit_notes+=("$phase: ${secs}s + ${waited}s, JIT NOT settled, measured anyway (compiler threads over the last 10 s: $shares)")
  fi
  say "warm-up ${jit_notes[-1]#*: }; now ${WINDOW}s of CPU"
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
pg -d "$DB" -c "CREATE SCHEMA $SCHEMA; CREATE SCHEMA $REF_SCHEMA" >/dev/null
say "database $DB (schemas $SCHEMA, $REF_SCHEMA) on $PGHOST:$PGPORT; nginx on 127.0.0.1:$NGINX_PORT; receiver on 127.0.0.1:$RECEIVER_PORT"

# ---- node configurations: identical but for the name, the port, the state file (and for node-ref) --------
TOKEN=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
declare -A port_of
for i in 0 1 2; do port_of[${NAMES[$i]}]=$(( NODE_PORT + i )); done
port_of[node-ref]=$(( NODE_PORT + 3 ))
# monitors N: fail-1..fail-FAILING, then ok-... up to N monitors in all.
monitors() {
  awk -v n="$1" -v f="$FAILING" -v i="$INTERVAL" -v p="$NGINX_PORT" 'BEGIN {
    for (k = 1; k <= f; k++)
      printf "  - { id: fail-%d, type: http, url: \"http://127.0.0.1:%s/fail\", interval: %ds, timeout: 2s, conditions: [ \"status == 200\" ] }\n", k, p, i
    for (k = f + 1; k <= n; k++)
      printf "  - { id: ok-%06d, type: http, url: \"http://127.0.0.1:%s/health\", interval: %ds, timeout: 2s, conditions: [ \"status == 200\" ] }\n", k, p, i }'
}
# node_config NAME SCHEMA PATH_PREFIX MONITORS: each config in a directory of its own (the config
# watcher watches that directory).
node_config() {
  local n=$1
  mkdir -p "$tmp/$n"
  {
    cat <<EOF
server:
  listen: "127.0.0.1:${port_of[$n]}"
  public_url: "http://127.0.0.1:${port_of[$n]}"
  node_name: $n
  admin_token: "$TOKEN"
storage:
  url: "postgresql://$PGUSER@$PGHOST:$PGPORT/$DB?currentSchema=$2"
  state_file: "$tmp/state/$n.identity"
  result_retention: 1d
channels:
  - { id: hook, type: webhook, url: "http://127.0.0.1:$RECEIVER_PORT$3/hook" }
  - { id: system, type: webhook, url: "http://127.0.0.1:$RECEIVER_PORT$3/system" }
alerting:
  group_window: 0s
  system_channels: [system]
  routes: [ { channels: [hook], on: [down, degraded, recovered, flapping] } ]
monitors:
EOF
    monitors "$4"
  } >"$tmp/$n/lookout.yaml"
}
for n in "${NAMES[@]}"; do node_config "$n" "$SCHEMA" "" "$MONITORS"; done
# The reference of phase 0: a third of the monitors, the failing ones among them, in a schema of
# its own (no node row, result or verdict of it where phases 1-3 read), alerts to /ref/... (which
# the report leaves out), its own identity file and port.
node_config node-ref "$REF_SCHEMA" /ref "$REF_MONITORS"

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
  tpid[$n]=$t
  for _ in $(seq 100); do j=$(pgrep -P "$t" || true); [[ -n $j ]] && break; sleep 0.05; done
  [[ -n $j ]] || die "$n: no JVM under timeout pid $t"
  jpid[$n]=$j
  up[$n]=1
  wait_until 90 "$n to serve /metrics" curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:${port_of[$n]}/metrics"
}

# stop_node NAME: a clean stop: TERM to its `timeout`, which passes it on to the JVM (which leaves
# the cluster and closes its pool); kill -9 only if it is not gone within 40 s.
stop_node() {
  local n=$1
  up[$n]=0
  kill "${tpid[$n]}" 2>/dev/null || true
  if ! wait_until 40 "$n to stop" gone "${jpid[$n]}"; then kill -9 "${jpid[$n]}" 2>/dev/null || true; fi
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
all_checked() { # [SCHEMA COUNT]
  (( $(in_schema "${1:-$SCHEMA}" -c "SELECT count(DISTINCT monitor_id) FROM check_results") == ${2:-$MONITORS} ))
}

# ---- phase 0: one node alone with a third of the monitors ----------------------------------------------
say "phase 0: node-ref alone with $REF_MONITORS monitors (MONITORS/3, the load of one node of three) every ${INTERVAL}s ($FAILING answer 500), schema $REF_SCHEMA; run bounded to ${lifetime}s"
start_node node-ref
wait_until $(( first_window + 60 )) "a first result of every monitor of node-ref" all_checked "$REF_SCHEMA" "$REF_MONITORS"
say "every monitor checked; warming up"
warm_up "one node, a third" "$WARMUP_SECONDS" node-ref
window ref node-ref
stop_node node-ref
in_schema "$REF_SCHEMA" -c "\copy (SELECT monitor_id, node, started_at, outcome FROM check_results ORDER BY monitor_id, started_at, id) TO '$tmp/report/results-ref.csv' CSV"
say "node-ref stopped"

# ---- phase 1: one node alone with every monitor ----------------------------------------------------------
say "phase 1: node-a alone with $MONITORS monitors every ${INTERVAL}s ($FAILING answer 500), schema $SCHEMA"
start_node node-a
wait_until $(( first_window + 60 )) "a first result of every monitor" all_checked
say "every monitor checked; warming up"
warm_up "one node, all" "$WARMUP_SECONDS" node-a
window single node-a

# ---- phase 2: three nodes --------------------------------------------------------------------------------
say "phase 2: node-b and node-c join"
start_node node-b
start_node node-c
wait_until 90 "three nodes sharing the monitors" balanced node-a
say "balanced: $(shares node-a); warming up"
warm_up "three nodes" $(( INTERVAL + WARMUP_SECONDS )) node-a node-b node-c
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
reference      phase 0: node-ref alone with $REF_MONITORS monitors (MONITORS/3, fail-1..fail-$FAILING among them), schema $REF_SCHEMA, stopped before phase 1
timing         CPU windows of ${WINDOW}s; before each a warm-up (${WARMUP_SECONDS}s; three nodes: $(( INTERVAL + WARMUP_SECONDS ))s after balanced), then until the
               JIT compiler threads took <= ${JIT_SHARE} % of each JVM's CPU over 10 s (at most +${JIT_WAIT_MAX}s):
$(printf '                 %s\n' "${jit_notes[@]}")
               ${SETTLE_SECONDS}s settle after each rebalance; run took $(( $(date +%s) - started ))s (bound ${lifetime}s)
EOF
status=0
python3 "$here/bench/failover-report.py" "$tmp/report" "$MONITORS" "$INTERVAL" "$FAILING" "$tick" || status=$?
echo "-- node logs (WARN/ERROR lines and exceptions, by message; 'killed' restarts are expected) --"
for n in node-ref "${NAMES[@]}"; do
  c=$(grep -cE ' (WARN|ERROR) |Exception' "$tmp/logs/$n.log" || true)
  echo "  $n: $c lines"
  grep -E ' (WARN|ERROR) |Exception' "$tmp/logs/$n.log" | sed -E 's/^[0-9TZ:. -]+//; s/[0-9]+/N/g' | sort | uniq -c | sort -rn | head -n 8 | sed 's/^/    /' || true
done
echo "======================================="
exit "$status"
