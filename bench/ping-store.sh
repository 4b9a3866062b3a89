#!/usr/bin/env bash
# Store side of heartbeat ingest: CPU and wall time per ping of Store.appendPings on a fresh SQLite
# store, in transactions of BATCH pings over MONITORS monitors, ROUNDS rounds of PINGS pings each
# (the database grows round by round; round 0 also warms the JIT up).
#   bench/ping-store.sh [PINGS=200000] [MONITORS=10000] [BATCH=20] [ROUNDS=5]
set -euo pipefail
pings=${1:-200000}; monitors=${2:-10000}; batch=${3:-20}; rounds=${4:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
(cd "$here" && ./mvnw -q -B -DskipTests test-compile >/dev/null \
   && ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp" >/dev/null)
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
(cd "$here" && "$JAVA_HOME/bin/java" -Drounds="$rounds" -Xmx1g -cp "target/test-classes:target/classes:$(cat "$tmp/cp")" \
   dev.lookout.store.PingStoreBench "$pings" "$monitors" "$batch" 2>/dev/null)
