#!/usr/bin/env bash
# Console benchmark: how long the server takes to answer the dashboard (/console) with MONITORS
# monitors, and how heavy the page is, next to the public status page (/) of the same node in
# the same run. MONITORS monitors in 50 components with 10 tags; all but 100 are paused (so
# that the run measures pages, not checks), the 100 check a closed port and are down.
# Prints, per page, the time to the last byte over loopback (p50 and max of ROUNDS requests after
# a warm-up), the size uncompressed and gzipped.
#
# Usage: bench/console.sh [MONITORS] [ROUNDS]      (defaults 10000 20)
# Needs: curl, python3, gzip, a JDK >= 21. Everything runs on loopback and stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
monitors=${1:-10000}
rounds=${2:-20}
token=bench-admin-token-0123456789abcdef
for tool in curl python3 gzip; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

work=$(mktemp -d /tmp/lookout-bench-console.XXXXXX)
lookout_pid=""
cleanup() {
  [ -n "$lookout_pid" ] && kill "$lookout_pid" 2>/dev/null && wait "$lookout_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

python3 - "$work" "$port" "$closed" "$token" "$monitors" <<'PY'
import sys
work, port, closed, token, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
with open(f"{work}/lookout.yaml", "w") as f:
    f.write(f'server: {{ listen: "127.0.0.1:{port}", node_name: bench, admin_token: "{token}" }}\n')
    f.write(f'storage: {{ url: "sqlite:{work}/lookout.db" }}\ncomponents:\n')
    for c in range(50):
        f.write(f'  - {{ id: c{c}, name: "Service {c}" }}\n')
    f.write("monitors:\n")
    for i in range(n):
        paused = "true" if i >= 100 else "false"
        f.write(f'  - {{ id: m{i:05d}, name: "Monitor {i}", type: tcp, host: 127.0.0.1, port: {closed}, interval: 30s,'
                f' timeout: 1s, failure_threshold: 1, component: c{i % 50}, tags: [t{i % 10}, env{i % 3}], paused: {paused} }}\n')
PY

echo "== building and starting Lookout with $monitors monitors (SQLite in $work)"
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
jar="$here/target/lookout.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package) >&2
fi
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m -jar "$jar" serve --config "$work/lookout.yaml" \
  > "$work/lookout.log" 2>&1 &
lookout_pid=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$lookout_pid" 2>/dev/null || { cat "$work/lookout.log" >&2; exit 1; }
  sleep 0.5
done

measure() { # PATH AUTH...
  local path=$1; shift
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$@" "http://127.0.0.1:$port$path"; done # warm-up (JIT, caches)
  for _ in $(seq 1 "$rounds"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$@" "http://127.0.0.1:$port$path"
  done | sort -n | awk -v path="$path" '{ t[NR] = $1 } END { printf "%-12s p50 %6.1f ms   max %6.1f ms", path, t[int((NR + 1) / 2)] * 1000, t[NR] * 1000 }'
  curl -s -o "$work/page" "$@" "http://127.0.0.1:$port$path"
  printf "   %8d bytes   %7d gzipped\n" "$(wc -c < "$work/page")" "$(gzip -c "$work/page" | wc -c)"
}
echo "== $rounds requests each, time to the last byte over loopback"
measure /console -H "Authorization: Bearer $token" -H "Accept: text/html"
measure / -H "Accept: text/html"
