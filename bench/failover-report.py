#!/usr/bin/env python3
"""The figures of bench/failover.sh, from what it exported into one directory:

  results.csv        monitor_id, node, started_at (epoch ms), outcome   -- check_results, by monitor and time
  results-ref.csv    the same for phase 0 (node-ref alone with MONITORS/3 monitors, a schema of its own)
  events.csv         monitor_id, node, at, from_state, to_state         -- state_events
  notifications.csv  id, episode_id, channel_id, kind, status, delivery_id, attempts, dedup_key
  received.jsonl     what the webhook receiver got (bench/webhook-recorder.py)
  kills.tsv          kill, node, k_ms, taken (yes/no), taken_ms, up_ms, balanced_ms (the last three after K)
  cpu.tsv            phase (ref, single, three), who (a node, postgresql, machine), w0 ms, w1 ms, CPU ticks over [w0, w1)
  threads.tsv        phase, node, kind of thread, CPU ticks over the same window

  python3 bench/failover-report.py DIR MONITORS INTERVAL_SECONDS FAILING CLK_TCK

Prints the report body; exits 1 when a correctness goal is missed (a monitor not taken over, a
duplicate, missing or false notification, a state change caused by a move, a monitor owned
twice). The CPU overhead goal (+10 %) is reported, not enforced: it depends on the machine.
Coordination overhead is the three nodes against phase 0 (one node alone with the same load per
JVM); the three nodes against phase 1 (one node alone with every monitor) is printed too, as what
a cluster costs in total.
"""
import bisect
import csv
import json
import math
import os
import sys
from collections import Counter, defaultdict

d = sys.argv[1]
MONITORS, INTERVAL, FAILING, HZ = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
failing = {"fail-%d" % k for k in range(1, FAILING + 1)}


def q(values, p):  # nearest rank, as the other benchmarks
    v = sorted(values)
    return v[max(0, math.ceil(p * len(v)) - 1)] if v else float("nan")


def dist(values, unit=1000.0, suffix="s", digits=2):
    if not values:
        return "n=0"
    f = "%%.%df %s" % (digits, suffix)
    return "n=%d  p50 %s  p99 %s  max %s  (min %s)" % (
        len(values), f % (q(values, .5) / unit), f % (q(values, .99) / unit), f % (max(values) / unit), f % (min(values) / unit))


def rows(name, delimiter=","):
    with open(os.path.join(d, name), newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


# ---- inputs -----------------------------------------------------------------------------------------
results = defaultdict(list)  # monitor -> [(started_at, node, outcome)] in time order
for m, node, at, outcome in rows("results.csv"):
    results[m].append((int(at), node, outcome))
starts = {m: [r[0] for r in rs] for m, rs in results.items()}
kills = [dict(zip(["kill", "node", "k", "taken", "taken_ms", "up_ms", "balanced_ms"], r)) for r in rows("kills.tsv", "\t")[1:]]
for k in kills:
    k["k"] = int(k["k"])
cpu = [dict(zip(["phase", "who", "w0", "w1", "ticks"], r)) for r in rows("cpu.tsv", "\t")]
results_ref = defaultdict(list)  # phase 0, its own schema
if os.path.exists(os.path.join(d, "results-ref.csv")):
    for m, node, at, outcome in rows("results-ref.csv"):
        results_ref[m].append((int(at), node, outcome))
received = []
if os.path.exists(os.path.join(d, "received.jsonl")):
    with open(os.path.join(d, "received.jsonl")) as f:
        received = [json.loads(line) for line in f if line.strip()]
received_ref = [r for r in received if r["path"].startswith("/ref/")]  # phase 0's node: not part of the goals
received = [r for r in received if not r["path"].startswith("/ref/")]
events = rows("events.csv")
notifications = rows("notifications.csv")
problems = []

# ---- CPU per check ------------------------------------------------------------------------------------
print("-- CPU per check: utime+stime of the JVM over the window / results it wrote with started_at in the window --")


def written(phase, node, w0, w1):
    rs = results_ref if phase == "ref" else results
    return sum(1 for r in rs.values() for at, n, _ in r if n == node and w0 <= at < w1)


threads = rows("threads.tsv", "\t") if os.path.exists(os.path.join(d, "threads.tsv")) else []
LABELS = {"ref": "alone, a third", "single": "alone, all", "three": "three nodes"}
per_phase = {}  # phase -> (ms per check, PostgreSQL ms per check, JIT ms per check, checks)
for phase, label in LABELS.items():
    nodes = [c for c in cpu if c["phase"] == phase and c["who"].startswith("node-")]
    if not nodes:
        continue
    total_ms, total_n = 0.0, 0
    for c in nodes:
        w0, w1, ms = int(c["w0"]), int(c["w1"]), int(c["ticks"]) * 1000.0 / HZ
        n = written(phase, c["who"], w0, w1)
        total_ms, total_n = total_ms + ms, total_n + n
        print("%-16s %-8s %5.1f s  %7d results (%6.1f/s)  CPU %7.0f ms = %.4f ms per check" % (
            label, c["who"], (w1 - w0) / 1000, n, n * 1000.0 / (w1 - w0), ms, ms / n if n else float("nan")))
        label = ""
    secs = (int(nodes[0]["w1"]) - int(nodes[0]["w0"])) / 1000
    pg = [c for c in cpu if c["phase"] == phase and c["who"] == "postgresql"]
    machine = [c for c in cpu if c["phase"] == phase and c["who"] == "machine"]
    pg_ms = int(pg[0]["ticks"]) * 1000.0 / HZ if pg else 0
    machine_ms = int(machine[0]["ticks"]) * 1000.0 / HZ if machine else 0
    jit_ms = sum(int(t) for ph, _, thread, t in threads if ph == phase and "_Compiler" in thread) * 1000.0 / HZ
    per_n = (lambda x: x / total_n) if total_n else (lambda x: float("nan"))
    per_phase[phase] = (per_n(total_ms), per_n(pg_ms), per_n(jit_ms), total_n)
    if len(nodes) > 1:
        print("%-16s %-8s %5.1f s  %7d results (%6.1f/s)  CPU %7.0f ms = %.4f ms per check" % (
            "", "together", secs, total_n, total_n / secs, total_ms, per_phase[phase][0]))
    print("%-16s %-8s PostgreSQL backends of this database %.0f ms = %.4f ms per check; machine busy %.0f%% of one CPU (Lookout %.0f, these backends %.0f, other %.0f)" % (
        "", "", pg_ms, per_phase[phase][1], machine_ms / secs / 10, total_ms / secs / 10, pg_ms / secs / 10,
        (machine_ms - total_ms - pg_ms) / secs / 10))
    print("%-16s %-8s JIT compiler threads %.0f ms = %.4f ms per check, %.1f %% of the nodes' CPU" % (
        "", "", jit_ms, per_phase[phase][2], jit_ms / total_ms * 100 if total_ms else float("nan")))


def compare(title, b, a, what, goal=""):
    """Prints phase b against phase a: all of it, without the JIT compiler threads, with PostgreSQL."""
    (x, x_pg, x_jit, _), (y, y_pg, y_jit, _) = per_phase[b], per_phase[a]
    print("%-16s %s: %.4f vs %.4f ms per check = %+.1f %%%s" % (title, what, x, y, (x / y - 1) * 100, goal))
    print("%-16s without the JIT compiler threads: %.4f vs %.4f ms per check = %+.1f %%" % (
        "", x - x_jit, y - y_jit, ((x - x_jit) / (y - y_jit) - 1) * 100))
    print("%-16s with the PostgreSQL backends' CPU: %.4f vs %.4f ms per check = %+.1f %%" % (
        "", x + x_pg, y + y_pg, ((x + x_pg) / (y + y_pg) - 1) * 100))


if "ref" in per_phase and "three" in per_phase:
    compare("coordination", "three", "ref",
            "three nodes vs one node alone with a third (the same rate per JVM; only coordination differs)",
            "   [goal <= +10 %]")
if "single" in per_phase and "three" in per_phase:
    compare("three JVMs", "three", "single",
            "three nodes, a third each, vs one node alone with all (a cluster's total; each JVM's fixed costs paid thrice)")

# Where it goes: CPU by kind of thread, ms per check, in each window.
present = [ph for ph in LABELS if ph in per_phase]
if threads and "three" in per_phase and len(present) > 1:
    by = defaultdict(lambda: defaultdict(float))
    for phase, node, thread, t in threads:
        if phase in per_phase and per_phase[phase][3]:
            by[thread][phase] += int(t) * 1000.0 / HZ / per_phase[phase][3]
    base = "ref" if "ref" in per_phase else present[0]
    print("by thread        ms per check (threads of one kind summed over the nodes; exited threads not counted):")
    print("                 %-28s" % "thread" + "".join(" %14s" % LABELS[ph] for ph in present) + " %14s" % ("three - " + {"ref": "third", "single": "all"}[base]))
    for thread, v in sorted(by.items(), key=lambda kv: -max(kv[1].values()))[:12]:
        print("                 %-28s" % thread + "".join(" %14.4f" % v[ph] for ph in present) + " %+14.4f" % (v["three"] - v[base]))

# Reference, same run: how far apart one monitor's consecutive results are when nothing moves.
three_w = [c for c in cpu if c["phase"] == "three"]
steady = []
if three_w:
    w0, w1 = int(three_w[0]["w0"]), int(three_w[0]["w1"])
    for rs in results.values():
        for (a, na, _), (b, nb, _) in zip(rs, rs[1:]):
            if w0 <= a and b < w1 and na == nb:
                steady.append(b - a)

# ---- kills ----------------------------------------------------------------------------------------------
print("-- kill -9, round robin: gap = last result before K (by the killed node) -> first result after K (by another node) --")
print("  #  node    owned  detection  all taken  gap p50   gap max  back up  balanced")
gaps, takeovers, detections = [], [], []
kill_owned = []  # per kill: {monitor: (last before K, first after K or None)}
for i, k in enumerate(kills):
    K, node = k["k"], k["node"]
    owned = {}
    for m, rs in results.items():
        j = bisect.bisect_left(starts[m], K)  # results [0, j) started before K
        if j == 0 or rs[j - 1][1] != node:
            continue
        after = next((at for at, n, _ in rs[j:] if n != node), None)
        owned[m] = (rs[j - 1][0], after)
    kill_owned.append(owned)
    firsts = [a for _, a in owned.values() if a is not None]
    g = [a - last for last, a in owned.values() if a is not None]
    missing = [m for m, (_, a) in owned.items() if a is None]
    if missing or k["taken"] != "yes":
        problems.append("kill %s: %d monitors of %s never checked by another node" % (k["kill"], len(missing), node))
    gaps += g
    takeovers += [a - K for a in firsts]
    if firsts:
        detections.append(min(firsts) - K)
    print("%3s  %-7s %6d  %7.2f s  %7.2f s  %6.2f s  %6.2f s  %5.1f s  %6.1f s%s" % (
        k["kill"], node, len(owned), (min(firsts) - K) / 1000 if firsts else float("nan"),
        (max(firsts) - K) / 1000 if firsts else float("nan"), q(g, .5) / 1000, max(g) / 1000 if g else float("nan"),
        int(k["up_ms"]) / 1000, int(k["balanced_ms"]) / 1000, "" if not missing else "   %d NOT TAKEN OVER" % len(missing)))
print("gap, all kills   %s" % dist(gaps))
print("detection        %s   (per kill: K -> first result by another node)" % dist(detections))
print("takeover         %s   (per monitor: K -> its first result by another node)" % dist(takeovers))
print("reference        same run, three nodes, nothing moving: consecutive results of one monitor %s" % dist(steady))
print("                 by design: dead 5 s after its last beat (sent 0-1 s before K), taken at the next read (<= 1 s),")
print("                 checked within 1 s: takeover ~4-7 s after K; gap = takeover + age of the last check at K (0..%d s)" % INTERVAL)

# Moves: a change of node between consecutive results of a monitor. Between kill i and kill i+1 a
# monitor the killed node owned should move twice (away, and back when it returns), any other
# monitor not at all; before the first kill (node-b, then node-c joining) at most twice.
bounds = [k["k"] for k in kills]
excess, back_gaps, not_back = [], [], 0
phase2_start = min((int(c["w0"]) for c in cpu if c["phase"] == "three"), default=None)
for m, rs in results.items():
    moves = defaultdict(list)  # cycle (-1 = before the first kill) -> [(gap, from, to, at)]
    for (a, na, _), (b, nb, _) in zip(rs, rs[1:]):
        if na != nb:
            moves[bisect.bisect_right(bounds, b) - 1].append((b - a, na, nb, b))
    for cycle, mv in moves.items():
        # Before the first kill node-b joins, then node-c: a monitor may go a -> b -> c.
        allowed = 2 if cycle < 0 else (2 if m in kill_owned[cycle] else 0)
        if len(mv) > allowed:
            excess.append((m, cycle, mv))
    for cycle, owned in enumerate(kill_owned):
        if m not in owned:
            continue
        node = kills[cycle]["node"]
        back = [mv for mv in moves.get(cycle, []) if mv[2] == node]
        if back:
            back_gaps.append(back[0][0])
        else:
            not_back += 1
print("moves back       when the killed node returns: %s; monitors not back with it before the next kill: %d" % (dist(back_gaps), not_back))
print("owned twice      %d monitors moved more often than the kills explain   [goal 0]" % len(excess))
for m, cycle, mv in excess[:5]:
    print("                 %s after kill %d: %s" % (m, cycle + 1, ", ".join("%s->%s at %d (+%d ms)" % (f, t, at, g) for g, f, t, at in mv)))
if excess:
    problems.append("%d monitors moved more often than the kills explain" % len(excess))

# ---- notifications -----------------------------------------------------------------------------------------
print("-- notifications (route: every monitor, on down/degraded/recovered/flapping, to /hook; system channel /system) --")
hook = [r for r in received if r["path"] == "/hook"]
system = [r for r in received if r["path"] != "/hook"]
deliveries = Counter(r["delivery"] for r in received)
dup_ids = sum(c - 1 for c in deliveries.values() if c > 1)
per_monitor = defaultdict(Counter)
for r in hook:
    for a in r["alerts"]:
        per_monitor[a["monitor_id"]][a["kind"]] += 1
downs = {m: per_monitor[m]["down"] for m in failing}
dup_down = sum(max(0, c - 1) for c in downs.values())
missing_down = sorted(m for m, c in downs.items() if c == 0)
other_for_failing = {m: {k: c for k, c in per_monitor[m].items() if k != "down"} for m in failing}
other_for_failing = {m: ks for m, ks in other_for_failing.items() if ks}
false = {m: dict(ks) for m, ks in per_monitor.items() if m not in failing}
print("received         %d requests on /hook (%s), %d on /system (%s); %d from phase 0's node-ref on /ref/... (not counted)" % (
    len(hook), ", ".join("%s=%d" % kv for kv in sorted(Counter(a["kind"] for r in hook for a in r["alerts"]).items())) or "no alerts",
    len(system), ", ".join("%s=%d" % kv for kv in sorted(Counter(r.get("kind") for r in system).items())) or "none",
    len(received_ref)))
print("down alerts      %d of %d failing monitors alerted DOWN; missing: %d%s   [goal 0]" % (
    sum(1 for c in downs.values() if c), len(failing), len(missing_down), (" (" + ", ".join(missing_down) + ")") if missing_down else ""))
print("duplicates       %d   (a delivery id received twice: %d; a failing monitor's DOWN more than once: %d; other kinds for a failing monitor: %d)   [goal 0]" % (
    dup_ids + dup_down + len(other_for_failing), dup_ids, dup_down, len(other_for_failing)))
print("false alerts     %d   (notifications for monitors that were UP: %s)   [goal 0]" % (
    len(false), ", ".join("%s %s" % (m, ks) for m, ks in sorted(false.items())[:5]) or "none"))
if other_for_failing:
    print("                 other kinds for failing monitors: %s" % other_for_failing)
# Rows of the outbox against what arrived. A message that groups several rows carries an id derived
# from theirs (not any row's delivery_id), so rows are matched by episode and kind.
status = Counter((n[2], n[4]) for n in notifications)
arrived = {(a["episode"], (a["kind"] or "").lower()) for r in hook for a in r["alerts"]}
never_received = sorted(n[1] for n in notifications if n[2] == "hook" and n[4] == "delivered" and (n[1], n[3].lower()) not in arrived)
print("outbox           rows in notifications: %s; delivered but never received: %d; %d messages carried %d alerts" % (
    ", ".join("%s %s=%d" % (ch, st, c) for (ch, st), c in sorted(status.items())) or "none", len(never_received),
    len(hook), sum(len(r["alerts"]) for r in hook)))
if dup_ids + dup_down + len(other_for_failing) or missing_down or false or never_received:
    problems.append("notifications: %d duplicates, %d missing, %d false, %d delivered but not received" % (
        dup_ids + dup_down + len(other_for_failing), len(missing_down), len(false), len(never_received)))
for r in system[:5]:
    print("                 system message: kind=%s node=%s" % (r.get("kind"), r.get("node")))

# ---- state changes ------------------------------------------------------------------------------------------
by_monitor = defaultdict(list)
for m, node, at, f, t in events:
    by_monitor[m].append((int(at), node, f, t))
first = Counter()
extra = []
for m in results:
    evs = by_monitor.get(m, [])
    want = "DOWN" if m in failing else "UP"
    if evs and evs[0][2] == "UNKNOWN" and evs[0][3] == want:
        first["UNKNOWN->" + want] += 1
        evs = evs[1:]
    else:
        extra.append((m, "first verdict missing or not UNKNOWN->" + want))
    for at, node, f, t in evs:
        extra.append((m, "%s->%s at %d by %s" % (f, t, at, node)))
print("-- state changes (state_events) --")
print("first verdicts   %s of %d monitors; other state changes: %d   [goal 0: a move is not a state change]" % (
    ", ".join("%s %d" % kv for kv in sorted(first.items())), MONITORS, len(extra)))
for m, what in extra[:8]:
    print("                 %s: %s" % (m, what))
if extra:
    problems.append("%d state changes other than the first verdicts" % len(extra))

# ---- checks ----------------------------------------------------------------------------------------------
outcomes = Counter()
for m, rs in results.items():
    for _, _, o in rs:
        outcomes[("failing" if m in failing else "healthy", o)] += 1
print("-- checks --")
print("results          %d monitors with results of %d; %s" % (len(results), MONITORS,
      ", ".join("%s %s=%d" % (g, o, c) for (g, o), c in sorted(outcomes.items()))))
# A healthy monitor's failed check says the machine (or Lookout) could not keep up; say when it was.
bad = sorted((at, m, node, o) for m, rs in results.items() if m not in failing for at, node, o in rs if o != "OK")
for at, m, node, o in bad[:8]:
    before = [k for k in kills if k["k"] <= at]
    when = "K%s + %.1f s (%s killed)" % (before[-1]["kill"], (at - before[-1]["k"]) / 1000, before[-1]["node"]) if before else "before the kills"
    print("                 healthy %s %s by %s at %s" % (m, o, node, when))
if problems:
    print("NOT MET          " + "; ".join(problems))
sys.exit(1 if problems else 0)
