#!/usr/bin/env bash
# PostgreSQL as the store, next to SQLite in the same run: results through Store.append (the batch
# writer) at a paced rate, and pings through the heartbeat ingest's group commit at a paced rate,
# each followed by its unpaced maximum; CPU per operation of the Lookout JVM and of the PostgreSQL
# server's processes (from /proc). PostgreSQL is a private server of this run, with durable
# settings (fsync, synchronous_commit and full_page_writes on); SQLite is a fresh file in WAL mode
# with synchronous=NORMAL, as Lookout opens it.
#   bench/store-postgres.sh [SECONDS=20] [RESULT_RATE=5000] [PING_RATE=20000] [MONITORS=10000]
# Environment: WARMUP=10 (s, per run, not measured: the JIT compiles meanwhile), MAX_SECONDS=10 (unpaced maximum, 0 skips it),
# THREADS=4 (threads calling Store.append), CONCURRENCY=512 (callers in the unpaced ping run),
# STORES="sqlite postgresql", WORKLOADS="results pings", BENCH_DIR=/var/tmp (databases go under it:
# a disk, not tmpfs, or fsync means nothing), PG_BIN=/usr/lib/postgresql/15/bin, KEEP=1 (keep the
# databases and logs), BUILD=0 (use target/ as it is), PG_PARAMS (JDBC parameters appended to the
# PostgreSQL URL, e.g. reWriteBatchedInserts=true). Needs root (PostgreSQL runs as the postgres user) or to be that user.
# Every phase is bounded: each JVM runs under timeout, each server command too; on exit (also on
# Ctrl-C) the script stops its server and its JVM and deletes its files.
set -euo pipefail
seconds=${1:-20}; result_rate=${2:-5000}; ping_rate=${3:-20000}; monitors=${4:-10000}
warmup=${WARMUP:-10}; max_seconds=${MAX_SECONDS:-10}; threads=${THREADS:-4}; concurrency=${CONCURRENCY:-512}
stores=${STORES:-sqlite postgresql}; workloads=${WORKLOADS:-results pings}
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
drain=60
for n in "$seconds" "$result_rate" "$ping_rate" "$monitors" "$warmup" "$max_seconds" "$threads" "$concurrency"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "not a number: $n" >&2; exit 2; }
done
if (( seconds < 1 || seconds > 120 || max_seconds > 120 || warmup > 60 )); then
  echo "SECONDS must be 1..120, MAX_SECONDS and WARMUP at most 120 and 60: every run here stays short" >&2; exit 2
fi
here=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$pg_bin/initdb" ] || { echo "no PostgreSQL in $pg_bin (PG_BIN)" >&2; exit 2; }

tmp=$(mktemp -d "${BENCH_DIR:-/var/tmp}/lookout-store-postgres.XXXXXX")
chmod 711 "$tmp"  # the postgres user must reach its directory
pg_home="$tmp/pg"; pg_data="$pg_home/data"
jvm_pid=""
as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)  # initdb refuses root
cleanup() {
  set +e
  [ -n "$jvm_pid" ] && kill "$jvm_pid" 2>/dev/null && wait "$jvm_pid" 2>/dev/null
  if [ -f "$pg_data/postmaster.pid" ]; then
    timeout 40 "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || timeout 40 "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null 2>&1
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Build: the shaded jar (main code and every dependency) and the test classes (the bench mains).
if [ "${BUILD:-1}" != 0 ] || [ ! -f "$here/target/lookout.jar" ]; then
  (cd "$here" && { ./mvnw -q -B -o -DskipTests -DskipDist package >/dev/null 2>&1 || ./mvnw -q -B -DskipTests -DskipDist package >/dev/null; })
fi
cp="$here/target/test-classes:$here/target/lookout.jar"
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
java="$JAVA_HOME/bin/java"

# The private server: a new cluster on a free loopback port.
port=${PG_PORT:-}
while [ -z "$port" ]; do
  port=$((20000 + RANDOM % 20000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && port=""
done
mkdir -p "$pg_home"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$pg_home"
timeout 120 "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_data" -U postgres -A trust -E UTF8 >"$pg_home/initdb.log" 2>&1 \
  || { cat "$pg_home/initdb.log" >&2; exit 1; }
cat >>"$pg_data/postgresql.conf" <<EOF

# bench/store-postgres.sh: durable, like a deployment; the rest are PostgreSQL's defaults
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pg_home'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 50
EOF
timeout 60 "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_home/server.log" -w -t 30 start >/dev/null \
  || { tail -20 "$pg_home/server.log" >&2; exit 1; }
psql() { timeout 60 "${as_pg[@]}" "$pg_bin/psql" -h "$pg_home" -p "$port" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
postmaster=$(head -1 "$pg_data/postmaster.pid")

commit=$(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet HEAD -- src bench || echo -dirty)
echo "===== Lookout store benchmark: SQLite and PostgreSQL ====="
echo "command        bench/store-postgres.sh $seconds $result_rate $ping_rate $monitors   (commit $commit, $(date -u +%Y-%m-%dT%H:%MZ))"
echo "               WARMUP=$warmup MAX_SECONDS=$max_seconds THREADS=$threads CONCURRENCY=$concurrency"
echo "machine        $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), kernel $(uname -r)"
echo "load average   before $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JDK            $("$java" -version 2>&1 | head -1); -XX:+UseSerialGC -Xmx1g"
echo "databases      under $tmp ($(stat -f -c %T "$tmp"), $(df -P "$tmp" | awk 'NR==2 {print $1}'))"
echo "SQLite         a fresh file per workload; WAL, synchronous=NORMAL (Lookout's settings: a commit is not fsynced,"
echo "               a checkpoint is)"
echo "PostgreSQL     $(psql -d postgres -Atc 'SHOW server_version'), private server on 127.0.0.1:$port, a fresh database per workload;"
echo "               $(psql -d postgres -AtF= -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ' ' ORDER BY name) FROM pg_settings
  WHERE name IN ('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers','wal_level','checkpoint_timeout','max_wal_size')")"
echo "               server CPU = utime+stime of the postmaster (pid $postmaster) and its children, from /proc"
echo

rows="$tmp/rows"; : >"$rows"
for workload in $workloads; do
  for store in $stores; do
    case $store in
      sqlite) mkdir -p "$tmp/sqlite-$workload"; url="sqlite:$tmp/sqlite-$workload/lookout.db"; db_pid=() ;;
      postgresql) psql -d postgres -c "CREATE DATABASE lookout_$workload"
                  url="postgresql://postgres@127.0.0.1:$port/lookout_$workload${PG_PARAMS:+?$PG_PARAMS}"; db_pid=("-Ddb.pid=$postmaster") ;;
      *) echo "unknown store $store" >&2; exit 2 ;;
    esac
    case $workload in
      results) main=dev.lookout.store.StoreWriterBench; rate=$result_rate
               props=("-Dthreads=$threads" "-Dmonitors=$monitors"); args=() ;;
      pings)   main=dev.lookout.store.PingStoreBench; rate=$ping_rate
               props=("-Dconcurrency=$concurrency"); args=(0 "$monitors") ;;
      *) echo "unknown workload $workload" >&2; exit 2 ;;
    esac
    echo "-- $store, $workload --"
    log="$tmp/$store-$workload"
    bound=$((warmup + seconds + max_seconds + 4 * drain + 30))
    timeout -k 10 "$bound" "$java" -XX:+UseSerialGC -Xmx1g --enable-native-access=ALL-UNNAMED -cp "$cp" \
        "-Dstore=$url" "${db_pid[@]}" "-Dclk.tck=$(getconf CLK_TCK)" "-Drate=$rate" "-Dseconds=$seconds" \
        "-Dwarmup=$warmup" "-Dmax.seconds=$max_seconds" "-Ddrain.seconds=$drain" "${props[@]}" \
        "$main" "${args[@]}" >"$log.out" 2>"$log.err" &
    jvm_pid=$!
    status=0; wait "$jvm_pid" || status=$?
    jvm_pid=""
    grep -v '^ROW' "$log.out" || true
    grep '^ROW' "$log.out" >>"$rows" || true
    problems=$(grep -cE ' (WARN|ERROR) ' "$log.err" || true)
    if [ "$status" != 0 ] || [ "$problems" != 0 ]; then
      echo "  exit status $status, $problems warnings/errors logged; the first ones:"
      { grep -E ' (WARN|ERROR) |Exception' "$log.err" || tail -5 "$log.err"; } | head -5 | cut -c1-300 | sed 's/^/    /'
    fi
  done
done

echo
echo "load average   after $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- summary (rates per second; latency from submit to commit, pings only; CPU µs per operation) --"
{
  printf 'store\tworkload\ttarget/s\tachieved/s\tp50 ms\tp99 ms\tJVM CPU µs/op\tstore threads\tbench threads\tDB server CPU µs/op\tqueued max\n'
  cut -f2- "$rows"
} | column -t -s $'\t'
echo "(target 'max': unpaced. JVM CPU is the whole process (JIT, GC, the load generator included); of it, store"
echo " threads: lookout-store-writer, or lookout-ping-committer + lookout-ping-replies; bench threads: the load"
echo " generator and sampler. 'queued max': the batch writer's queue, or pings waiting for their commit; for an unpaced"
echo " run the cap on results queued or the number of callers. A paced results window holds one rollup flush"
echo " (Lookout does one every 60 s) and ends when the queue is drained.)"
echo "==========================================================="
