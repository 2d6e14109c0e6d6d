"""A loopback fake of the few GitHub REST endpoints the action calls, for ci/test-action.

    python3 ci/fake-github.py PORTFILE
serves on 127.0.0.1 (a free port, written to PORTFILE) until killed:
  GET   /user                              the token's user; 403 for the workflow's token, as
                                           GitHub answers an installation token
  GET   /repos/O/R/issues/N/comments       list (per_page, page), each with user.login,
                                           created_at and updated_at
  POST  /repos/O/R/issues/N/comments       create {"body"}
  GET   /repos/O/R/issues/comments/ID      one
  PATCH /repos/O/R/issues/comments/ID      update {"body"}: only its author may, as on GitHub
  GET   /repos/O/R/pulls/N/reviews         list (per_page, page)
  GET   /repos/O/R/commits/SHA/pulls       the pull requests of a commit (set by PUT /_merged/SHA)
  PUT   /_merged/SHA                       [{"number", "merged_at"?}]; merged_at defaults to now
  POST  /_review/N                         {"state", "login"?}: a review submitted now
  POST  /_clock                            {"minutes"}: moves the clock on
  GET   /repos/O/R/issues                  list (state, labels, per_page, page), newest first
  POST  /repos/O/R/issues                  create {"title", "body", "labels"}
  PATCH /repos/O/R/issues/N                update {"title", "body", "state", "state_reason"}
  GET   /_state                            every comment, for the test's checks
  GET   /_issues                           every issue, for the test's checks
  *     /hostile-copper/...                400 whose message is markup, as a hostile API would
Every /repos call needs an Authorization header, as GitHub's do. Who a token is: TOKENS.

Time is a fake clock, starting at 2026-12-01T10:00:00Z and moving one minute on every write,
so the order of comments, reviews and merges is exact without sleeping.
"""
import datetime
import re

from fake_http import JsonHandler, serve

# The workflow's GITHUB_TOKEN writes as github-actions[bot] and cannot read /user; the
# others are people's own tokens.
TOKENS = {
    "fake-token": ("github-actions[bot]", False),
    "contributor-token": ("mallory", True),
    "maintainer-token": ("maria", True),
}
comments = {}  # id -> {"id", "issue", "body", "user", "created_at", "updated_at"}
issues = {}  # number -> {"number", "title", "body", "state", "labels", "user", ...}
next_issue = [100]
reviews = {}  # pull request -> [{"id", "state", "submitted_at", "user"}]
merged = {}  # sha -> [pull requests]
next_id = [1000]
clock = [datetime.datetime(2026, 12, 1, 10, 0, 0, tzinfo=datetime.timezone.utc)]


def tick(minutes=1):
    clock[0] += datetime.timedelta(minutes=minutes)
    return clock[0].strftime("%Y-%m-%dT%H:%M:%SZ")


class Handler(JsonHandler):
    def route(self, method):
        path, params = self.split()
        if path == "/_state":
            return self.answer(200, sorted(comments.values(), key=lambda c: c["id"]))
        if path == "/_issues":
            return self.answer(200, sorted(issues.values(), key=lambda i: i["number"]))
        if path == "/_clock" and method == "POST":
            return self.answer(200, {"now": tick(self.body().get("minutes", 1))})
        m = re.fullmatch(r"/_merged/([0-9a-f]+)", path)
        if m and method == "PUT":
            pulls = self.body()
            for pull in pulls:
                pull.setdefault("merged_at", tick())
            merged[m.group(1)] = pulls
            return self.answer(200, {})
        m = re.fullmatch(r"/_review/(\d+)", path)
        if m and method == "POST":
            review = self.body()
            next_id[0] += 1
            entry = {
                "id": next_id[0],
                "state": review.get("state", "APPROVED"),
                "submitted_at": tick(),
                "user": {"login": review.get("login", "maria")},
            }
            reviews.setdefault(int(m.group(1)), []).append(entry)
            return self.answer(200, entry)
        if path.startswith("/hostile-copper/"):
            # A server whose error text is markup: it must reach no summary as markup.
            return self.answer(400, {"success": False, "status": 400,
                                     "message": "<img src=https://evil.example/x.png> [click](https://evil.example) @everyone"})
        if not path.startswith("/repos/") and path != "/user":
            return self.answer(404, {"message": "Not Found"})
        auth = self.headers.get("Authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else ""
        if not token:
            return self.answer(401, {"message": "Requires authentication"})
        login, person = TOKENS.get(token, (token, True))
        if path == "/user":
            if not person:
                return self.answer(403, {"message": "Resource not accessible by integration"})
            return self.answer(200, {"login": login})
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues", path)
        if m and method == "GET":
            page, per = int(params.get("page", 1)), int(params.get("per_page", 30))
            state, label = params.get("state", "open"), params.get("labels")
            chosen = [
                i for i in sorted(issues.values(), key=lambda i: -i["number"])
                if (state == "all" or i["state"] == state)
                and (label is None or label in [l["name"] for l in i["labels"]])
            ]
            return self.answer(200, chosen[(page - 1) * per : page * per])
        if m and method == "POST":
            body = self.body()
            next_issue[0] += 1
            now = tick()
            issues[next_issue[0]] = {
                "number": next_issue[0],
                "title": body["title"],
                "body": body.get("body", ""),
                "state": "open",
                "labels": [{"name": l} for l in body.get("labels", [])],
                "user": {"login": login},
                "created_at": now,
                "updated_at": now,
            }
            return self.answer(201, issues[next_issue[0]])
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/(\d+)", path)
        if m and method == "PATCH" and int(m.group(1)) in issues:
            issue = issues[int(m.group(1))]
            change = self.body()
            for field in ("title", "body", "state", "state_reason"):
                if field in change:
                    issue[field] = change[field]
            issue["updated_at"] = tick()
            return self.answer(200, issue)
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/(\d+)/comments", path)
        if m:
            issue = int(m.group(1))
            if method == "GET":
                page, per = int(params.get("page", 1)), int(params.get("per_page", 30))
                mine = sorted((c for c in comments.values() if c["issue"] == issue), key=lambda c: c["id"])
                return self.answer(200, mine[(page - 1) * per : page * per])
            if method == "POST":
                next_id[0] += 1
                now = tick()
                comments[next_id[0]] = {
                    "id": next_id[0],
                    "issue": issue,
                    "body": self.body()["body"],
                    "user": {"login": login},
                    "created_at": now,
                    "updated_at": now,
                }
                return self.answer(201, comments[next_id[0]])
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/issues/comments/(\d+)", path)
        if m and int(m.group(1)) in comments:
            comment = comments[int(m.group(1))]
            if method == "PATCH":
                if comment["user"]["login"] != login:
                    return self.answer(403, {"message": "Must have admin rights to Repository."})
                comment["body"] = self.body()["body"]
                comment["updated_at"] = tick()
            return self.answer(200, comment)
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/pulls/(\d+)/reviews", path)
        if m and method == "GET":
            page, per = int(params.get("page", 1)), int(params.get("per_page", 30))
            return self.answer(200, reviews.get(int(m.group(1)), [])[(page - 1) * per : page * per])
        m = re.fullmatch(r"/repos/[^/]+/[^/]+/commits/([0-9a-f]+)/pulls", path)
        if m and method == "GET":
            return self.answer(200, merged.get(m.group(1), []))
        return self.answer(404, {"message": "Not Found"})


serve(Handler)
