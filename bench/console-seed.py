"""Seeds the history of bench/console.sh into a Lookout SQLite database whose schema exists (the
node ran once and stopped). Written straight into the tables, in the shapes the store writes:

* rollups: every monitor an hourly row for the last 7 days and a daily row for 30 days; the first
  200 monitors hourly rows for the whole 30 days (the monitor page's 30-day percentiles merge
  720 of them). 120 results an hour (one every 30 s), one failed, latencies in a latency sketch
  (the store's format, see LatencySketch.toBytes).
* check_results: the last 24 hours of the 100 checked monitors (2,880 each).
* state_events: 6 changes per monitor over 30 days; m00000 flaps: 3,000 changes in the week.
* pings and ping_log: the heartbeat monitors h0..h9, one ping a minute for 7 days.
* alert_episodes and notifications: 20,000 resolved episodes over 30 days, two notifications each
  over the 5 channels, 200 dead letters.
* incidents: 1,000 resolved with 4 updates each; 300 completed maintenances, over the year before
  yesterday. None open and none updated in the last day: the subscribers' catch-up (one day) would
  fan them out to all 20,000 at start (78,000 notices), and the run would measure that.
* subscribers 20,000; users 30; api_keys 50; audit_log 100,000 entries.

Usage: python3 console-seed.py DATABASE MONITOR_IDS_FILE
"""
import json
import math
import random
import sqlite3
import sys
import time

database, ids_file = sys.argv[1], sys.argv[2]
monitors = [line.strip() for line in open(ids_file) if line.strip()]
checked = [m for m in monitors if m.startswith("m")][:100]
heartbeats = [m for m in monitors if m.startswith("h")]
rng = random.Random(15)
now = int(time.time() * 1000)
HOUR, DAY = 3_600_000, 86_400_000
this_hour = now - now % HOUR
today = now - now % DAY
GAMMA = 1.01 / 0.99


def varint(value):
    out = bytearray()
    while value & ~0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return out


def sketch(latencies):
    buckets = {}
    for ms in latencies:
        i = math.ceil(math.log(ms) / math.log(GAMMA))
        buckets[i] = buckets.get(i, 0) + 1
    out = bytearray([1]) + varint(0) + varint(len(buckets))
    previous = 0
    for i in sorted(buckets):
        delta = i - previous
        out += varint(((delta << 1) ^ (delta >> 31)) & 0xFFFFFFFF)
        out += varint(buckets[i])
        previous = i
    return bytes(out)


def hour_row(monitor, start, n=120):
    latencies = hours[rng.randrange(len(hours))]
    lat = latencies[: n - 1]
    return (monitor, "h", start, n, n - 1, 0, 1, len(lat), min(lat), sum(lat), max(lat), sketch_of[id(latencies)])


hours = [[rng.lognormvariate(math.log(40), 0.5) for _ in range(119)] for _ in range(32)]
sketch_of = {id(h): sketch(h) for h in hours}
day_latencies = [x for h in hours[:24] for x in h]
day_sketch = sketch(day_latencies)

db = sqlite3.connect(database)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
started = time.time()
rollup_sql = "INSERT OR REPLACE INTO rollups VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
for k, monitor in enumerate(monitors):
    span = 30 * 24 if k < 200 else 7 * 24
    db.executemany(rollup_sql, (hour_row(monitor, this_hour - h * HOUR) for h in range(1, span + 1)))
    db.executemany(rollup_sql, ((monitor, "d", today - d * DAY, 2880, 2856, 0, 24, len(day_latencies),
                                 min(day_latencies), sum(day_latencies), max(day_latencies), day_sketch)
                                for d in range(1, 31)))
db.commit()

result_sql = """INSERT INTO check_results (monitor_id, node, started_at, outcome, message, dns_us, connect_us, tls_us,
                first_byte_us, total_us, conditions) VALUES (?, 'bench', ?, 'OK', '', 0, ?, 0, 0, ?, '[]')"""
for monitor in checked:
    db.executemany(result_sql, ((monitor, now - i * 30_000, 300, int(rng.lognormvariate(math.log(40_000), 0.5)))
                                for i in range(1, 2881)))

event_sql = "INSERT INTO state_events (monitor_id, node, at, from_state, to_state, cause) VALUES (?, 'bench', ?, ?, ?, NULL)"
for monitor in monitors:
    db.executemany(event_sql, ((monitor, now - 30 * DAY + i * 5 * DAY, "UP" if i % 2 else "DOWN", "DOWN" if i % 2 else "UP")
                               for i in range(6)))
db.executemany(event_sql, ((monitors[0], now - 7 * DAY + i * 200_000, "UP" if i % 2 else "DOWN", "DOWN" if i % 2 else "UP")
                           for i in range(3000)))

ping_sql = """INSERT INTO pings (monitor_id, node, received_at, kind, exit_code, run_id, duration_ms, body, body_truncated,
              remote_addr, user_agent, method, message) VALUES (?, 'bench', ?, 'success', 0, NULL, NULL, ?, 0,
              '10.0.0.7', 'curl/8.5.0', 'POST', NULL)"""
for monitor in heartbeats:
    times = [now - i * 60_000 for i in range(1, 7 * 24 * 60 + 1)]
    db.executemany(ping_sql, ((monitor, t, b"backup done: 1234 files") for t in times))
    db.executemany("INSERT INTO ping_log (monitor_id, received_at) VALUES (?, ?)", ((monitor, t) for t in times))

episode_sql = "INSERT INTO alert_episodes (id, monitor_id, started_at, down_at, state, resolved_at) VALUES (?, ?, ?, ?, 'UP', ?)"
note_sql = """INSERT INTO notifications (dedup_key, episode_id, channel_id, kind, body, created_at, due_at, status, attempts,
              last_attempt_at, last_error, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
body = json.dumps({"monitor": "m00001", "kind": "down", "message": "connection refused"})
for e in range(20_000):
    monitor = monitors[rng.randrange(len(monitors) - len(heartbeats))]
    start = now - 30 * DAY + e * (30 * DAY // 20_000)
    episode = f"{monitor}@{start}"
    db.execute(episode_sql, (episode, monitor, start, start, start + 600_000))
    channel = f"ch{e % 5}"
    dead = e % 100 == 0
    db.execute(note_sql, (f"{episode}/{channel}/down", episode, channel, "down", body, start, start,
                          "dead" if dead else "delivered", 5 if dead else 1, start + 1000,
                          "HTTP 502 from the webhook" if dead else None, None if dead else start + 300))
    db.execute(note_sql, (f"{episode}/{channel}/recovered", episode, channel, "recovered", body, start + 600_000,
                          start + 600_000, "delivered", 1, start + 601_000, None, start + 600_300))

incident_sql = """INSERT INTO incidents (kind, name, status, impact, components, created_at, updated_at, resolved_at,
                  started_at, scheduled_for, scheduled_until, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"""
update_sql = "INSERT INTO incident_updates (incident_id, status, body, created_at, components) VALUES (?, ?, ?, ?, '[]')"
text = "We are investigating **elevated error rates** on the API. Next update in 30 minutes."
for i in range(1000):
    created = now - 367 * DAY + i * (365 * DAY // 1000)  # the last two days before now empty: see below
    resolved = True  # an open one would send 20,000 subscriber notices on start (fan-out catch-up)
    cur = db.execute(incident_sql, ("incident", f"Elevated errors {i}", "resolved" if resolved else "investigating", "minor",
                                    "[]", created, created + HOUR, created + HOUR if resolved else None, None, None, None))
    for u, status in enumerate(["investigating", "identified", "monitoring", "resolved"] if resolved else ["investigating"]):
        db.execute(update_sql, (cur.lastrowid, status, text, created + u * 900_000))
for i in range(300):
    start = now - 367 * DAY + i * (365 * DAY // 300)
    done = True
    components = json.dumps([f"c{i % 50}"])
    cur = db.execute(incident_sql, ("maintenance", f"Database upgrade {i}", "completed" if done else "scheduled", "maintenance",
                                    components, start - DAY, start, start + HOUR if done else None, start if done else None,
                                    start if done else now + (i - 299) * DAY, (start if done else now + (i - 299) * DAY) + HOUR))
    db.execute(update_sql, (cur.lastrowid, "scheduled", "Planned upgrade of the primary database.", start - DAY))

db.executemany("""INSERT INTO subscribers (kind, address, components, created_at, confirmed_at, confirm_token_hash,
                  unsubscribe_token_hash) VALUES ('email', ?, '[]', ?, ?, ?, ?)""",
               ((f"person{i}@example.com", now - i * 60_000, now - i * 60_000 + 5_000, f"c{i:064x}", f"u{i:064x}")
                for i in range(20_000)))
db.executemany("INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
               ((f"user{i}", ("admin", "editor", "viewer")[i % 3], "$argon2id$v=19$m=19456,t=2,p=1$bench$bench", now - i * DAY)
                for i in range(30)))
db.executemany("""INSERT INTO api_keys (name, prefix, key_hash, role, created_by, created_at, expires_at, last_used_at)
                  VALUES (?, ?, ?, ?, 'user0', ?, NULL, ?)""",
               ((f"deploy key {i}", f"lk_{i:04d}", f"{i:064x}", ("admin", "editor", "viewer")[i % 3], now - i * DAY, now - i * HOUR)
                for i in range(50)))
db.executemany("""INSERT INTO audit_log (at, actor, address, action, object_type, object_id, before_json, after_json)
                  VALUES (?, ?, '10.0.0.7', ?, 'monitor', ?, '{"paused":false}', '{"paused":true}')""",
               ((now - i * 25_000, f"user{i % 30}", ("monitor.pause", "monitor.resume", "incident.update")[i % 3],
                 monitors[i % len(monitors)]) for i in range(100_000)))
db.commit()
db.close()  # no ANALYZE: Lookout never runs it, so the planner sees what it sees in production
print(f"seeded in {time.time() - started:.0f} s", file=sys.stderr)
