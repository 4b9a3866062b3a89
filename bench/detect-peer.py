#!/usr/bin/env python3
"""The other side of bench/detect.sh, in one process and on one clock: the HTTP targets the
monitors check, the switch that makes some of them fail at a recorded instant, and the webhook
receiver that timestamps every notification.

  GET  /t/N            200 "ok", or 500 once N is switched to failing (each 500 is timestamped)
  POST /control/fail   body "N,N,...": from now on these answer 500; returns the instant (epoch s)
  POST /hook           the webhook: arrival time, X-Lookout-Delivery and the alerts are recorded
  GET  /state          everything recorded, as JSON

Binds 127.0.0.1 only and stops by itself after LIFETIME seconds.

  python3 bench/detect-peer.py PORT LIFETIME_SECONDS
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
failing = set()
switched_at = None
failed_answers = {}  # N -> [epoch s of each 500 sent]
hooks = []           # {"at", "delivery", "event", "alerts": [{"monitor_id", "kind"}]}
ok_answers = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="text/plain"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    def do_GET(self):
        global ok_answers
        if self.path.startswith("/t/"):
            n = int(self.path[3:])
            with lock:
                fail = n in failing
            if fail:
                self.reply(500, "failing")
                with lock:
                    failed_answers.setdefault(n, []).append(time.time())
            else:
                self.reply(200, "ok")
                with lock:
                    ok_answers += 1
        elif self.path == "/state":
            with lock:
                state = {"switched_at": switched_at, "failing": sorted(failing), "ok_answers": ok_answers,
                         "failed_answers": failed_answers, "hooks": hooks}
                body = json.dumps(state)
            self.reply(200, body, "application/json")
        else:
            self.reply(404, "no such path")

    def do_POST(self):
        global switched_at
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/hook":
            at = time.time()
            try:
                message = json.loads(body)
                alerts = [{"monitor_id": a.get("monitor_id"), "kind": a.get("kind")} for a in message.get("alerts", [])]
            except ValueError:
                alerts = [{"monitor_id": None, "kind": "unreadable"}]
            with lock:
                hooks.append({"at": at, "delivery": self.headers.get("X-Lookout-Delivery"),
                              "event": self.headers.get("X-Lookout-Event"), "alerts": alerts})
            self.reply(200, "ok")
        elif self.path == "/control/fail":
            paths = {int(n) for n in body.decode().split(",") if n.strip()}
            with lock:
                failing.update(paths)
                switched_at = time.time()
                reply = repr(switched_at)
            self.reply(200, reply)
        else:
            self.reply(404, "no such path")


def main():
    port, lifetime = int(sys.argv[1]), float(sys.argv[2])
    ThreadingHTTPServer.request_queue_size = 256  # checks that fall due together connect together
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Timer(lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
