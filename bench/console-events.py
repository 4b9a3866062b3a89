#!/usr/bin/env python3
"""One window of bench/console-events.sh: CLIENTS open dashboards (server-sent events from
GET /console/events, as a browser's EventSource asks for them) held for WINDOW seconds against a
running Lookout node, and what the node stored meanwhile.

Every client connects and waits for its `hello`; the window starts when all have it. Each `state`
event is stamped on arrival (the moment the chunk that completes it is read) and keyed by monitor
and `at` (the check's start, to the millisecond: what state_events stores). After the window and
GRACE more seconds the clients close, and the changes the node stored with `at` in the window
(state_events, read from its SQLite file) are the expected set: every client must have each once.

Prints one line: changes stored, events received, the delay from the decision (the check's end,
`at` + `latency` of the event) to arrival (p50/p99/max over all client-events in the window),
events lost (expected, never received), duplicated (received twice) and unexpected (not stored),
streams the server dropped, and the Lookout JVM's CPU over the window (utime + stime from /proc).

  python3 bench/console-events.py PORT TOKEN LOOKOUT_PID DATABASE CLIENTS WINDOW [GRACE] [LABEL]
"""
import asyncio
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timezone

port, token, pid, database = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
clients, window = int(sys.argv[5]), float(sys.argv[6])
grace = float(sys.argv[7]) if len(sys.argv) > 7 else 10.0
label = sys.argv[8] if len(sys.argv) > 8 else f"{clients} clients"
TICK = os.sysconf("SC_CLK_TCK")
REQUEST = (f"GET /console/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
           f"Accept-Encoding: gzip, deflate, br\r\nCache-Control: no-cache\r\nAuthorization: Bearer {token}\r\n"
           "Connection: keep-alive\r\n\r\n").encode()


def instant(text):
    """An ISO instant as Java writes it (Z, 0 to 9 fraction digits): (epoch seconds as a float, epoch ms)."""
    main, _, fraction = text.rstrip("Z").partition(".")
    whole = int(datetime.strptime(main, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp())
    fraction = fraction or "0"
    return whole + int(fraction) / 10 ** len(fraction), whole * 1000 + int((fraction + "00")[:3])


def cpu_ticks():
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def machine_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:9]]
    return v[0] + v[1] + v[2] + v[5] + v[6] + v[7], sum(v)


class Client:
    def __init__(self):
        self.received = []  # (arrival, data) of each state event
        self.hello = asyncio.Event()
        self.dropped = False
        self.error = None

    def message(self, text, arrival):
        kind, data = "message", ""
        for line in text.split("\n"):
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
        if kind == "hello":
            self.hello.set()
        elif kind == "dropped":
            self.dropped = True
        elif kind == "state":
            self.received.append((arrival, data))  # parsed after the window: no client work delays another's stamp

    def events(self):
        """(arrival, (monitor, at in ms), decided) of each state event, decided being the check's end."""
        for arrival, data in self.received:
            event = json.loads(data)
            started, at_ms = instant(event["at"])
            latency = float(event["latency"].split()[0]) / 1000 if event.get("latency") else 0.0  # "1.2 ms"
            yield arrival, (event["id"], at_ms), started + latency

    async def run(self):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(REQUEST)
            status = (await reader.readline()).decode()
            headers = {}
            while (line := (await reader.readline()).decode().strip()):
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if " 200 " not in status or "content-encoding" in headers:
                raise RuntimeError(f"{status.strip()} {headers}")
            chunked = headers.get("transfer-encoding", "").lower() == "chunked"
            buffer = ""
            while True:
                if chunked:
                    # Jetty sends a chunk's closing CRLF with the next chunk: waiting for it (as
                    # readexactly(size + 2) would) delays every event until the next one, so read the
                    # data as it comes, as a browser does, and skip that CRLF before the next size
                    line = await reader.readline()
                    if line.strip() == b"":
                        line = await reader.readline()
                    size = int(line.split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        break
                    data = await reader.readexactly(size)
                else:
                    data = await reader.read(65536)
                    if not data:
                        break
                arrival = time.time()
                buffer += data.decode()
                while "\n\n" in buffer:
                    text, buffer = buffer.split("\n\n", 1)
                    self.message(text, arrival)
        except asyncio.CancelledError:
            pass
        except (OSError, RuntimeError, ValueError, asyncio.IncompleteReadError) as e:
            self.error = repr(e)
            self.hello.set()


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))] if sorted_values else float("nan")


async def main():
    dashboards = [Client() for _ in range(clients)]
    tasks = [asyncio.create_task(d.run()) for d in dashboards]
    await asyncio.wait_for(asyncio.gather(*(d.hello.wait() for d in dashboards)), 60)
    failed = [d.error for d in dashboards if d.error]
    if failed:
        raise SystemExit(f"{len(failed)} clients could not open the stream: {failed[0]}")
    busy0, total0 = machine_busy()
    t0, c0 = time.time(), cpu_ticks()
    await asyncio.sleep(window)
    t1, c1 = time.time(), cpu_ticks()
    busy1, total1 = machine_busy()
    await asyncio.sleep(grace)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    stored = set(db.execute("SELECT monitor_id, at FROM state_events WHERE at >= ? AND at < ?",
                            (int(t0 * 1000), int(t1 * 1000))).fetchall())
    db.close()
    in_window = lambda key: int(t0 * 1000) <= key[1] < int(t1 * 1000)
    delays, lost, duplicated, unexpected, worst_lost, received = [], 0, 0, 0, 0, 0
    for d in dashboards:
        seen = {}
        for arrival, key, decided in d.events():
            if in_window(key):
                seen[key] = seen.get(key, 0) + 1
                delays.append((arrival - decided) * 1000)
                received += 1
        missing = len(stored - seen.keys())
        lost += missing
        worst_lost = max(worst_lost, missing)
        duplicated += sum(n - 1 for n in seen.values())
        unexpected += len(seen.keys() - stored)
    delays.sort()
    cpu_ms = (c1 - c0) * 1000 / TICK
    span = t1 - t0
    print(f"{label:<22} {len(stored):>6,} changes stored ({len(stored) * 60 / span:,.0f}/min), {received:>7,} client-events;"
          + (f" delay p50 {percentile(delays, 0.5):.1f} ms, p99 {percentile(delays, 0.99):.1f} ms, max {delays[-1]:.1f} ms;"
             f" lost {lost} (worst client {worst_lost}), duplicated {duplicated}, unexpected {unexpected},"
             f" dropped {sum(d.dropped for d in dashboards)};" if clients and stored else "")
          # the whole node's CPU: the fan-out's is the difference to the window without dashboards
          + f" JVM CPU {cpu_ms / span / 10:.1f} % of a core ({cpu_ms:,.0f} ms);"
          f" machine {100 * (busy1 - busy0) / max(1, total1 - total0) * os.cpu_count():.0f} % busy of {os.cpu_count() * 100} %",
          flush=True)


asyncio.run(main())
