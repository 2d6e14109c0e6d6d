"""What ci/fake-github.py and ci/fake-gitlab.py share: a JSON-answering request handler whose
subclass routes each method through `route(method)`, and serving on a free loopback port
written to a file, so a test script can find it."""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class JsonHandler(BaseHTTPRequestHandler):
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

    def split(self):
        """The path, and the query's parameters."""
        path, _, query = self.path.partition("?")
        return path, dict(p.split("=", 1) for p in query.split("&") if "=" in p)

    def route(self, method):
        raise NotImplementedError

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def do_PATCH(self):
        self.route("PATCH")

    def do_PUT(self):
        self.route("PUT")


def serve(handler):
    """Serves on 127.0.0.1 at a free port, written to the file named by argv[1]."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()
