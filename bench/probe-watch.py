#!/usr/bin/env python3
"""Watches a Lookout SQLite database for a probe's results (bench/probe.sh).

  probe-watch.py delay DB PROBE SECONDS
      Polls every 100 ms for SECONDS and prints, for each result stored meanwhile, its delay from
      the end of its check (started_at + total) to the poll that first saw it: p50, p99, max, n.
  probe-watch.py replay DB PROBE SINCE_MS TIMEOUT_S
      Waits until a result of the probe that started at or after SINCE_MS is stored (the probe
      pushes oldest first, so everything older is stored by then); prints the seconds waited, the
      first time any result arrived, and the results stored meanwhile (-1 on timeout).
  probe-watch.py count DB PROBE
      Prints results stored for the probe, the highest seq, and seqs missing below it.
"""
import sqlite3
import sys
import time


def connect(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    db.execute("PRAGMA query_only = 1")
    return db


def now_ms():
    return time.time() * 1000


def delay(path, probe, seconds):
    db = connect(path)
    last = db.execute("SELECT COALESCE(MAX(id), 0) FROM check_results").fetchone()[0]
    delays = []
    end = time.time() + seconds
    while time.time() < end:
        seen = now_ms()
        rows = db.execute("SELECT id, started_at, total_us FROM check_results WHERE id > ? AND node = ? ORDER BY id",
                          (last, probe)).fetchall()
        if rows:
            last = rows[-1][0]
            delays.extend(seen - (started + total / 1000) for _, started, total in rows)
        else:
            top = db.execute("SELECT COALESCE(MAX(id), 0) FROM check_results").fetchone()[0]
            last = max(last, top)
        time.sleep(0.1)
    delays.sort()
    if not delays:
        print("n=0")
        return
    q = lambda p: delays[min(len(delays) - 1, int(p * len(delays)))]
    print(f"n={len(delays)} p50={q(0.5):.0f} p99={q(0.99):.0f} max={delays[-1]:.0f}")


def replay(path, probe, since_ms, timeout):
    db = connect(path)
    start = time.time()
    before = db.execute("SELECT COUNT(*) FROM check_results WHERE node = ?", (probe,)).fetchone()[0]
    first = None
    while time.time() - start < timeout:
        count = db.execute("SELECT COUNT(*) FROM check_results WHERE node = ?", (probe,)).fetchone()[0]
        if first is None and count > before:
            first = time.time() - start
        newer = db.execute("SELECT 1 FROM check_results WHERE node = ? AND started_at >= ? LIMIT 1",
                           (probe, since_ms)).fetchone()
        if newer:
            print(f"waited={time.time() - start:.1f} first={first:.1f} stored={count - before}")
            return
        time.sleep(0.2)
    print(f"waited=-1 first={first if first is not None else -1} stored=-1")


def count(path, probe):
    db = connect(path)
    n, top, low = db.execute("SELECT COUNT(*), COALESCE(MAX(probe_seq), 0), COALESCE(MIN(probe_seq), 0) "
                             "FROM check_results WHERE node = ?", (probe,)).fetchone()
    distinct = db.execute("SELECT COUNT(DISTINCT probe_seq) FROM check_results WHERE node = ?", (probe,)).fetchone()[0]
    print(f"stored={n} distinct={distinct} first_seq={low} last_seq={top} missing={top - low + 1 - distinct if n else 0}")


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "delay":
        delay(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif what == "replay":
        replay(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]))
    elif what == "count":
        count(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown: {what}")
