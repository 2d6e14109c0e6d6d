"""An app behind `listen --forward-to`, for ci/test-standard-webhooks: it verifies every
forward with the Standard Webhooks specification's own Python library (PyPI
`standardwebhooks`), and checks that a changed body, id or timestamp fails, writing one JSON
line per forward to RESULTS.

    python3 ci/swh-app.py PORTFILE RESULTS SECRET
"""
import hashlib
import json
import sys

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from fake_http import JsonHandler, serve

results_path, secret = sys.argv[2], sys.argv[3]
hook = Webhook(secret)


def verifies(body, headers):
    try:
        hook.verify(body, headers)
        return True
    except WebhookVerificationError:
        return False


class Handler(JsonHandler):
    def route(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        headers = {k.lower(): v for k, v in self.headers.items()}
        sw = {k: headers.get(k, "") for k in ("webhook-id", "webhook-timestamp", "webhook-signature")}
        ts = int(sw["webhook-timestamp"] or 0)
        result = {
            "id": sw["webhook-id"],
            "body": hashlib.sha256(body).hexdigest(),
            "content_type": headers.get("content-type"),
            "verified": verifies(body, sw),
            "changed_body_fails": not verifies(body + b" ", sw),
            "changed_id_fails": not verifies(body, {**sw, "webhook-id": sw["webhook-id"] + "x"}),
            "changed_timestamp_fails": not verifies(body, {**sw, "webhook-timestamp": str(ts - 1)}),
        }
        with open(results_path, "a") as f:
            f.write(json.dumps(result) + "\n")
        return self.answer(200, {})


serve(Handler)
