#!/usr/bin/env python3
"""An HTTP target whose every path flips between up and down on each request, for the benchmarks
that need real state changes (bench/console-events.sh): the first GET of a path answers 500,
the next 200, then 500 again, and so on. A monitor with failure_threshold 1 (success_threshold 1
is the default) pointed at its own path therefore changes state on every check: 500 monitors
checked every 30 s make 1,000 state changes a minute, spread as the scheduler spreads the checks.

Counting per request (not by the clock) makes every check a change whatever the scheduler's
jitter. Binds 127.0.0.1 only; the caller stops it (kill).

  python3 bench/flip-target.py PORT
"""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
requests = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        with lock:
            n = requests.get(self.path, 0)
            requests[self.path] = n + 1
        status = 500 if n % 2 == 0 else 200
        body = b"down\n" if status == 500 else b"up\n"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
