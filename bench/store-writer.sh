#!/usr/bin/env bash
# Store writer CPU per result, this checkout against a reference commit, in the same run.
#   bench/store-writer.sh [REF=1e58bcc] [RESULTS=200000] [MONITORS=50000]
# Builds REF in a temporary clone, runs dev.lookout.store.StoreWriterBench (test scope) on both
# (flush at the end only, then flush() every MONITORS results: every monitor once per rollup
# flush, the worst case for rollups in memory), alternating, each twice.
set -euo pipefail
ref=${1:-1e58bcc}; results=${2:-200000}; monitors=${3:-50000}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
git clone -q "$here" "$tmp/ref" && git -C "$tmp/ref" checkout -q "$ref"
cp "$here/src/test/java/dev/lookout/store/StoreWriterBench.java" "$here/src/test/java/dev/lookout/store/BenchMeter.java" \
   "$tmp/ref/src/test/java/dev/lookout/store/"
for dir in "$here" "$tmp/ref"; do
  (cd "$dir" && ./mvnw -q -B -DskipTests test-compile >/dev/null 2>&1 \
     && ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$tmp/cp" >/dev/null 2>&1 \
     && echo "target/test-classes:target/classes:$(cat "$tmp/cp")" > "$dir/target/bench-cp")
done
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
java="$JAVA_HOME/bin/java"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java: $("$java" -version 2>&1 | head -1); this: $(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet || echo -dirty), ref: $ref"
for round in 1 2; do
  for flush in 0 "$monitors"; do
    for dir in "$tmp/ref" "$here"; do
      name=$([ "$dir" = "$here" ] && echo "this" || echo "ref ")
      echo -n "$name  "
      (cd "$dir" && "$java" -XX:+UseSerialGC -Xmx1g -cp "$(cat target/bench-cp)" \
          dev.lookout.store.StoreWriterBench "$results" "$monitors" "$flush" 2>/dev/null | grep '^results')
    done
  done
done
