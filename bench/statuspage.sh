#!/usr/bin/env bash
# Status page benchmark: wrk against Lookout's / and /api/v2/summary.json, then, in the same run,
# the same wrk against nginx serving the static export of the same site (`lookout export`).
# The site has 50 components in 5 groups (one TCP monitor each, checking the nginx port) and 20
# incidents in its history (3 still open) plus 2 maintenances. Prints req/s, p50/p99 and the
# ratio Lookout / nginx per path, and checks that both served the same bytes; prints the page's
# size for the 50 components (uncompressed and gzipped).
#
# Usage: bench/statuspage.sh [DURATION_SECONDS] [CONNECTIONS]
# Needs: wrk, nginx, curl, python3 (Debian packages), a JDK >= 21. Everything runs on loopback,
# bounded in time, and stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-20}
connections=${2:-64}
threads=2
token=bench-admin-token-0123456789abcdef

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk curl python3)" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "missing nginx (apt-get install nginx)" >&2; exit 1; }

work=$(mktemp -d /tmp/lookout-bench-statuspage.XXXXXX)
chmod 755 "$work" # nginx workers run as another user and must reach the exported site
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
mkdir -p "$work/data" "$work/nginx" "$work/site"

python3 - "$work" "$lookout_port" "$nginx_port" "$token" <<'PY'
import sys
work, port, nginx_port, token = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
with open(f"{work}/lookout.yaml", "w") as f:
    f.write(f'server: {{ listen: "127.0.0.1:{port}", node_name: bench, admin_token: "{token}" }}\n')
    f.write(f'storage: {{ url: "sqlite:{work}/data/lookout.db" }}\ncomponents:\n')
    for i in range(50):
        f.write(f'  - {{ id: c{i}, name: "Service {i}", group: "Group {i // 10}", description: "Component number {i}" }}\n')
    f.write("monitors:\n")
    for i in range(50):
        f.write(f"  - {{ id: m{i}, type: tcp, host: 127.0.0.1, port: {nginx_port}, interval: 30s, component: c{i} }}\n")
PY

cat > "$work/nginx.conf" <<EOF_NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/site;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
EOF_NGINX

echo "== building and starting Lookout (SQLite in $work)"
. "$here/.mvn/find-jdk.sh"
lookout_select_jdk
jar="$here/target/lookout.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
  (cd "$here" && ./mvnw -q -B -DskipTests -DskipDist package) >&2
fi
"$NGINX" -c "$work/nginx.conf" -p "$work/nginx" 2>/dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xss512k -Xmx512m -jar "$jar" serve --config "$work/lookout.yaml" \
  > "$work/lookout.log" 2>&1 &
lookout_pid=$!
base="http://127.0.0.1:$lookout_port"
for _ in $(seq 1 240); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$lookout_pid" 2>/dev/null || { cat "$work/lookout.log"; exit 1; }
  sleep 0.5
done

echo "== 20 incidents (17 resolved, 3 open) and 2 maintenances"
api() { curl -fsS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$3" "$base$2"; }
for i in $(seq 1 20); do
  c1=$(( (i * 7) % 50 )); c2=$(( (i * 13) % 50 ))
  id=$(api POST /api/v1/incidents "{\"name\": \"Incident $i: elevated errors\", \"status\": \"investigating\", \"impact\": \"major\",
    \"body\": \"We are investigating **elevated error rates** on service $c1 and $c2.\",
    \"components\": {\"c$c1\": \"partial_outage\", \"c$c2\": \"degraded_performance\"}}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  api POST "/api/v1/incidents/$id/updates" '{"status": "identified", "body": "A bad deploy; rolling back."}' >/dev/null
  if [ "$i" -le 17 ]; then
    api POST "/api/v1/incidents/$id/resolve" '{"body": "Rolled back; error rates are normal."}' >/dev/null
  fi
done
api POST /api/v1/maintenances '{"name": "Database upgrade", "body": "Writes pause for a few minutes.",
  "scheduled_for": "2030-01-10T02:00:00Z", "scheduled_until": "2030-01-10T03:00:00Z", "components": ["c1", "c2"]}' >/dev/null
api POST /api/v1/maintenances '{"name": "Network maintenance", "body": "Short interruptions possible.",
  "scheduled_for": "2030-02-10T02:00:00Z", "scheduled_until": "2030-02-10T04:00:00Z", "components": ["c3"]}' >/dev/null
sleep 6 # the snapshot's lifetime: the page shows them now

echo "== exporting the site for nginx"
"$JAVA_HOME/bin/java" -jar "$jar" export --url "$base" --out "$work/site" 2>&1 | tail -n 3
for path in / /api/v2/summary.json; do
  a=$(curl -fsS "$base$path" | sha256sum | cut -c1-16); b=$(curl -fsS "http://127.0.0.1:$nginx_port$path" | sha256sum | cut -c1-16)
  echo "   $path: lookout $a, nginx $b $([ "$a" = "$b" ] && echo '(same bytes)' || echo '(DIFFERENT: the page changed since the export)')"
done
page_bytes=$(curl -fsS "$base/" | wc -c)
page_gzip=$(curl -fsS -H 'Accept-Encoding: gzip' "$base/" | wc -c)
summary_bytes=$(curl -fsS "$base/api/v2/summary.json" | wc -c)
echo "   page size (50 components): $page_bytes bytes ($page_gzip gzipped), summary.json $summary_bytes bytes"

run() { # name url
  local out="$work/wrk-${1//\//_}.txt"
  timeout $((duration + 60)) wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$2" > "$out"
  python3 - "$1" "$out" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def pct(p):
    m = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)\b" % p, text)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(f"RESULT {name} rate={rate:.0f} p50={pct(50):.2f} p99={pct(99):.2f} non2xx={non2xx.group(1) if non2xx else 0}"
      f" errors={'none' if not errors else errors.group(1).replace(' ', '_')}")
PY
}
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== warm-up (5 s each, not counted)"
timeout 30 wrk -t"$threads" -c"$connections" -d5s "$base/" >/dev/null
timeout 30 wrk -t"$threads" -c"$connections" -d5s "$base/api/v2/summary.json" >/dev/null
echo "== wrk -t$threads -c$connections -d${duration}s (keep-alive, no Accept-Encoding: both send the same plain bytes)"
results=()
for path in / /api/v2/summary.json; do
  results+=("$(run "lookout$path" "$base$path")")
  echo "${results[-1]}"
  results+=("$(run "nginx$path" "http://127.0.0.1:$nginx_port$path")")
  echo "${results[-1]}"
done
python3 - "$page_bytes" "$page_gzip" "$summary_bytes" "${results[@]}" <<'PY'
import sys
sizes = {"/": (int(sys.argv[1]), int(sys.argv[2])), "/api/v2/summary.json": (int(sys.argv[3]), None)}
sys.argv[1:4] = []
rows = {}
for line in sys.argv[1:]:
    parts = line.split()
    rows[parts[1]] = {k: v for k, v in (kv.split("=") for kv in parts[2:])}
print(f"{'path':<22}{'size KB':>9}{'lookout req/s':>14}{'p50 / p99 ms':>22}{'nginx req/s':>14}{'p50 / p99 ms':>22}{'ratio':>8}")
ok = True
for path in ("/", "/api/v2/summary.json"):
    l, n = rows["lookout" + path], rows["nginx" + path]
    ratio = float(l["rate"]) / float(n["rate"])
    ok &= ratio >= 0.5 and l["non2xx"] == "0"
    print(f"{path:<22}{sizes[path][0] / 1000:>9.1f}{float(l['rate']):>14,.0f}{l['p50'] + ' / ' + l['p99']:>22}{float(n['rate']):>14,.0f}"
          f"{n['p50'] + ' / ' + n['p99']:>22}{ratio:>8.2f}")
print(f"RESULT page {sizes['/'][0]} bytes for 50 components ({sizes['/'][1]} gzipped; goal under 100 KB uncompressed)")
print("RESULT " + ("PASS: at least 0.5 x nginx on both paths" if ok else "BELOW the goal of 0.5 x nginx (or non-2xx answers)"))
PY
echo "== load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "WARN|ERROR" "$work/lookout.log" | head -5 || true
