#!/usr/bin/env python3
"""A webhook receiver for the benchmarks: records every POST as one JSON line and answers 200.

Each line: {"at": epoch ms on arrival, "path", "delivery": X-Lookout-Delivery, "event":
X-Lookout-Event, "kind": the body's kind, "node": the body's node, "alerts": [{"monitor_id",
"kind", "episode"}]}. Lines are written and flushed one by one, so the file can be read while
it runs. Binds 127.0.0.1 only; the caller bounds its lifetime (bench/failover.sh runs it under
`timeout`).

  python3 bench/webhook-recorder.py PORT OUT.jsonl
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
out = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        record = {"at": int(time.time() * 1000), "path": self.path,
                  "delivery": self.headers.get("X-Lookout-Delivery"), "event": self.headers.get("X-Lookout-Event")}
        try:
            message = json.loads(body)
            record["kind"] = message.get("kind")
            record["node"] = message.get("node")
            record["alerts"] = [{"monitor_id": a.get("monitor_id"), "kind": a.get("kind"), "episode": a.get("episode")}
                                for a in message.get("alerts") or []]
        except ValueError:
            record["kind"] = "unreadable"
            record["alerts"] = []
        with lock:
            out.write(json.dumps(record) + "\n")
            out.flush()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True


def main():
    global out
    port, path = int(sys.argv[1]), sys.argv[2]
    out = open(path, "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main()
