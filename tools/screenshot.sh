#!/usr/bin/env bash
# Regenerates docs/images/status-page.png, the screenshot in the README: Lookout serving a small
# site (Website up, API degraded with an open incident, Database checked on the local PostgreSQL
# port, an upcoming maintenance), photographed by headless Chromium 1200 px wide and reduced to a
# 64-colour PNG by pngquant. Everything runs on loopback and stops by itself.
#
# Usage: tools/screenshot.sh [OUTPUT.png]   (KEEP_LOG=FILE keeps Lookout's log)
# Needs: chromium, curl, python3, pngquant (Debian packages), a JDK >= 21.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/docs/images/status-page.png}
token=screenshot-admin-token-0123456789abcdef
CHROMIUM=$(command -v chromium || echo /usr/bin/chromium)
for tool in "$CHROMIUM" curl python3 pngquant; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install chromium curl python3 pngquant)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/lookout-screenshot.XXXXXX)
lookout_pid=""
site_pid=""
cleanup() {
  [ -n "$lookout_pid" ] && kill "$lookout_pid" 2>/dev/null && wait "$lookout_pid" 2>/dev/null || true
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null && wait "$site_pid" 2>/dev/null || true
  [ -n "${KEEP_LOG:-}" ] && cp "$work/lookout.log" "$KEEP_LOG"; rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
base="http://127.0.0.1:$port"
# The monitored "site": up before Lookout starts, so that no first check fails.
site_port=$(free_port)
mkdir -p "$work/site" && echo ok > "$work/site/index.html"
python3 -m http.server "$site_port" --bind 127.0.0.1 --directory "$work/site" > /dev/null 2>&1 &
site_pid=$!
for _ in $(seq 1 40); do curl -fsS "http://127.0.0.1:$site_port/" >/dev/null 2>&1 && break; sleep 0.25; done

cat > "$work/lookout.yaml" <<EOF
server: { listen: "127.0.0.1:$port", node_name: screenshot, admin_token: "$token", public_url: "$base" }
storage: { url: "sqlite:$work/lookout.db" }
pages:
  - { id: main, title: "Example Inc. status", description: "Our shop, its API and what they run on" }
components:
  - { id: website, name: Website, group: Public, description: "www.example.com" }
  - { id: api, name: API, group: Public, description: "api.example.com" }
  - { id: database, name: Database, group: Internal }
monitors:
  - { id: home, name: Homepage, type: http, url: "http://127.0.0.1:$site_port/", interval: 5s, component: website, failure_threshold: 1 }
  - id: api-latency
    name: API latency
    type: http
    url: "http://127.0.0.1:$site_port/"
    interval: 5s
    component: api
    failure_threshold: 1
    conditions: [ "status == 200", "latency < 1ms [degraded]" ]
  - { id: db-port, name: PostgreSQL port, type: tcp, host: 127.0.0.1, port: 5432, interval: 5s, component: database, failure_threshold: 1 }
EOF

. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
jar="$here/target/lookout.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  (cd "$here" && ./mvnw -q -B -DskipTests package) >&2
fi
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" serve --config "$work/lookout.yaml" > "$work/lookout.log" 2>&1 &
lookout_pid=$!
for _ in $(seq 1 240); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$lookout_pid" 2>/dev/null || { cat "$work/lookout.log"; exit 1; }
  sleep 0.5
done

api() { curl -fsS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$3" "$base$2" >/dev/null; }
api POST /api/v1/incidents '{"name": "Slow API responses", "status": "identified", "impact": "minor",
  "body": "Requests to the API take longer than usual. A database index is being rebuilt.",
  "components": {"api": "degraded_performance"}}'
api POST /api/v1/maintenances '{"name": "Database upgrade", "body": "Writes pause for a few minutes.",
  "scheduled_for": "2030-01-10T02:00:00Z", "scheduled_until": "2030-01-10T03:00:00Z", "components": ["database"]}'

# Wait until every component shows its checks' verdict (the first check may have run before the
# server listened; the snapshot lives 5 s).
for _ in $(seq 1 60); do
  page=$(curl -fsS "$base/")
  if ! grep -Eq 'class="(status|banner) (no_data|major_outage|partial_outage)' <<<"$page" \
    && grep -q 'class="status degraded_performance"' <<<"$page"; then
    break
  fi
  sleep 1
done

"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$work/profile" --force-device-scale-factor=1 \
  --window-size=1200,1250 --screenshot="$work/page.png" "$base/" 2>/dev/null
mkdir -p "$(dirname "$out")"
pngquant --force --strip --speed 1 --output "$out" 64 "$work/page.png"
echo "$out: $(wc -c < "$out") bytes, $(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$out")"
