"""A loopback fake of the few GitHub REST endpoints the action calls, for ci/test-action.

    python3 ci/fake-github.py PORTFILE
serves on 127.0.0.1 (a free port, written to PORTFILE) until killed:
  GET   /repos/O/R/issues/N/comments       list (per_page, page)
  POST  /repos/O/R/issues/N/comments       create {"body"}
  GET   /repos/O/R/issues/comments/ID      one
  PATCH /repos/O/R/issues/comments/ID      update {"body"}
  GET   /repos/O/R/commits/SHA/pulls       the pull requests of a commit (set by PUT /_merged/SHA)
  GET   /_state                            every comment, for the test's checks
Every /repos call needs an Authorization header, as GitHub's do.
"""
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

comments = {}  # id -> {"id", "issue", "body"}
merged = {}  # sha -> [pull requests]
next_id = [1000]


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def route(self, method):
        path, _, query = self.path.partition("?")
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        if path == "/_state":
            return self.answer(200, sorted(comments.values(), key=lambda c: c["id"]))
        m = re.fullmatch(r"/_merged/([0-9a-f]+)", path)
        if m and method == "PUT":
            merged[m.group(1)] = self.body()
            return self.answer(200, {})
        if not path.startswith("/repos/"):
            return self.answer(404, {"message": "Not Found"})
        if not self.headers.get("Authorization", "").startswith("Bearer ") or self.headers.get("Authorization") == "Bearer ":
            return self.answer(401, {"message": "Requires authentication"})
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/(\d+)/comments", path)
        if m:
            issue = int(m.group(1))
            if method == "GET":
                page, per = int(params.get("page", 1)), int(params.get("per_page", 30))
                mine = sorted((c for c in comments.values() if c["issue"] == issue), key=lambda c: c["id"])
                return self.answer(200, mine[(page - 1) * per : page * per])
            if method == "POST":
                next_id[0] += 1
                comments[next_id[0]] = {"id": next_id[0], "issue": issue, "body": self.body()["body"]}
                return self.answer(201, comments[next_id[0]])
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/comments/(\d+)", path)
        if m and int(m.group(1)) in comments:
            comment = comments[int(m.group(1))]
            if method == "PATCH":
                comment["body"] = self.body()["body"]
            return self.answer(200, comment)
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/commits/([0-9a-f]+)/pulls", path)
        if m and method == "GET":
            return self.answer(200, merged.get(m.group(1), []))
        return self.answer(404, {"message": "Not Found"})

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PATCH(self):
        self.route("PATCH")

    def do_PUT(self):
        self.route("PUT")


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
