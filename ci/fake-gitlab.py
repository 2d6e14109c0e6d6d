"""A loopback fake of the GitLab REST endpoints docs/gitlab-ci.yml calls, for ci/test-gitlab.

    python3 ci/fake-gitlab.py PORTFILE
serves on 127.0.0.1 (a free port, written to PORTFILE) until killed, under /api/v4:
  GET  /user                                          the token's user
  GET  /projects/P/merge_requests/IID/notes           sort, order_by, per_page (at most 100),
                                                      page; system notes included, as GitLab
  POST /projects/P/merge_requests/IID/notes           {"body"}
  PUT  /projects/P/merge_requests/IID/notes/ID        {"body"}: only its author may
  GET  /projects/P/repository/commits/SHA/merge_requests
and, for the test:
  PUT  /_merged/SHA          [{"iid"}]: merged now
  POST /_note/IID            {"body", "token"?, "system"?}: a note written now
  GET  /projects/P/issues                            state, labels, author_id, per_page, page
  POST /projects/P/issues                            {"title", "description", "labels"}
  PUT  /projects/P/issues/IID                        {"description", "state_event"}
  POST /projects/P/issues/IID/notes                  {"body"}
  POST /_issue               {"title", "description", "token", "labels"}: an issue of someone's
  GET  /_state               every note and issue
Every /api/v4 call needs a PRIVATE-TOKEN header naming a known token (TOKENS), as GitLab's
do. Time is a fake clock starting at 2026-12-01T10:00:00.000Z, one minute on each write.
"""
import datetime
import re

from fake_http import JsonHandler, serve

TOKENS = {
    "glpat-bot-token": {"id": 50, "username": "project_1_bot"},
    "glpat-contributor": {"id": 77, "username": "mallory"},
    "glpat-maintainer": {"id": 12, "username": "maria"},
}
notes = {}  # id -> note, with "mr"
issues = {}  # iid -> issue
issue_notes = []  # (iid, body, author)
merged = {}  # sha -> [merge requests]
next_id = [500]
clock = [datetime.datetime(2026, 12, 1, 10, 0, 0, tzinfo=datetime.timezone.utc)]
calls = []  # (method, path) of every /api/v4 call, for the test's checks


def tick():
    clock[0] += datetime.timedelta(minutes=1)
    return clock[0].strftime("%Y-%m-%dT%H:%M:%S.000Z")


def add_note(mr, body, author, system=False):
    next_id[0] += 1
    now = tick()
    notes[next_id[0]] = {
        "id": next_id[0],
        "mr": mr,
        "body": body,
        "author": author,
        "system": system,
        "created_at": now,
        "updated_at": now,
    }
    return notes[next_id[0]]


def add_issue(title, description, author, labels):
    iid = len(issues) + 1
    now = tick()
    issues[iid] = {
        "iid": iid,
        "title": title,
        "description": description,
        "state": "opened",
        "labels": [l for l in labels.split(",") if l],
        "author": author,
        "created_at": now,
        "updated_at": now,
    }
    return issues[iid]


class Handler(JsonHandler):
    def route(self, method):
        path, params = self.split()
        if path == "/_state":
            return self.answer(200, {"notes": sorted(notes.values(), key=lambda n: n["id"]), "calls": calls,
                                     "issues": sorted(issues.values(), key=lambda i: i["iid"]),
                                     "issue_notes": issue_notes})
        if path == "/_issue" and method == "POST":
            issue = self.body()
            return self.answer(201, add_issue(issue["title"], issue["description"], TOKENS[issue["token"]], issue.get("labels", "")))
        m = re.fullmatch(r"/_merged/([0-9a-f]+)", path)
        if m and method == "PUT":
            mrs = self.body()
            for mr in mrs:
                mr.setdefault("state", "merged")
                mr.setdefault("merged_at", tick())
            merged[m.group(1)] = mrs
            return self.answer(200, {})
        m = re.fullmatch(r"/_note/(\d+)", path)
        if m and method == "POST":
            note = self.body()
            author = TOKENS[note.get("token", "glpat-maintainer")]
            return self.answer(201, add_note(int(m.group(1)), note["body"], author, note.get("system", False)))
        if not path.startswith("/api/v4/"):
            return self.answer(404, {"message": "404 Not Found"})
        calls.append([method, path])
        user = TOKENS.get(self.headers.get("PRIVATE-TOKEN", ""))
        if user is None:
            return self.answer(401, {"message": "401 Unauthorized"})
        path = path[len("/api/v4"):]
        if path == "/user" and method == "GET":
            return self.answer(200, user)
        m = re.fullmatch(r"/projects/[^/]+/merge_requests/(\d+)/notes", path)
        if m:
            mr = int(m.group(1))
            if method == "GET":
                page, per = int(params.get("page", 1)), min(int(params.get("per_page", 20)), 100)
                mine = sorted((n for n in notes.values() if n["mr"] == mr), key=lambda n: n["id"])
                if params.get("sort", "desc") == "desc":
                    mine.reverse()
                return self.answer(200, mine[(page - 1) * per : page * per])
            if method == "POST":
                return self.answer(201, add_note(mr, self.body()["body"], user))
        m = re.fullmatch(r"/projects/[^/]+/merge_requests/(\d+)/notes/(\d+)", path)
        if m and method == "PUT" and int(m.group(2)) in notes:
            note = notes[int(m.group(2))]
            if note["author"]["id"] != user["id"]:
                return self.answer(403, {"message": "403 Forbidden"})
            note["body"] = self.body()["body"]
            note["updated_at"] = tick()
            return self.answer(200, note)
        if re.fullmatch(r"/projects/[^/]+/issues", path):
            if method == "GET":
                page, per = int(params.get("page", 1)), min(int(params.get("per_page", 20)), 100)
                chosen = [
                    i for i in sorted(issues.values(), key=lambda i: -i["iid"])
                    if i["state"] == params.get("state", i["state"])
                    and (not params.get("labels") or params["labels"] in i["labels"])
                    and (not params.get("author_id") or str(i["author"]["id"]) == params["author_id"])
                ]
                return self.answer(200, chosen[(page - 1) * per : page * per])
            if method == "POST":
                body = self.body()
                return self.answer(201, add_issue(body["title"], body.get("description", ""), user, body.get("labels", "")))
        m = re.fullmatch(r"/projects/[^/]+/issues/(\d+)", path)
        if m and method == "PUT" and int(m.group(1)) in issues:
            issue = issues[int(m.group(1))]
            change = self.body()
            if "description" in change:
                issue["description"] = change["description"]
            if change.get("state_event") == "close":
                issue["state"] = "closed"
            issue["updated_at"] = tick()
            return self.answer(200, issue)
        m = re.fullmatch(r"/projects/[^/]+/issues/(\d+)/notes", path)
        if m and method == "POST":
            issue_notes.append([int(m.group(1)), self.body()["body"], user["username"]])
            return self.answer(201, {"id": len(issue_notes)})
        m = re.fullmatch(r"/projects/[^/]+/repository/commits/([0-9a-f]+)/merge_requests", path)
        if m and method == "GET":
            return self.answer(200, merged.get(m.group(1), []))
        return self.answer(404, {"message": "404 Not Found"})


serve(Handler)
