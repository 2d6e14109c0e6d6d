#!/usr/bin/env bash
# Shared by the action's scripts: GitHub's REST API through $GITHUB_API_URL (so GitHub
# Enterprise Server works as github.com does), step outputs, the job summary, and which
# comments are trusted.

# api METHOD PATH [JSON-BODY-FILE]: prints the answer's body; fails on any status but 2xx.
# The token goes to curl on its standard input (a config line), never on its command line,
# where any user of the runner could read it with `ps`.
api() {
    local method=$1 path=$2 body=${3:-}
    local args=(-sS -K - -X "$method" -H "Accept: application/vnd.github+json"
        -H "X-GitHub-Api-Version: 2022-11-28" -w '\n%{http_code}')
    if [ -n "$body" ]; then
        args+=(-H "Content-Type: application/json" --data-binary "@$body")
    fi
    local answer status token=${GITHUB_TOKEN:-}
    token=${token//\\/\\\\}
    token=${token//\"/\\\"}
    answer=$(printf 'header = "Authorization: Bearer %s"\n' "$token" \
        | curl "${args[@]}" "${GITHUB_API_URL:-https://api.github.com}$path") || return 1
    status=${answer##*$'\n'}
    answer=${answer%$'\n'*}
    if [ "${status:0:1}" != 2 ]; then
        echo "::warning::GitHub answered $status to $method $path" >&2
        return 1
    fi
    printf '%s' "$answer"
}

output() { echo "$1=$2" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }

summary() { cat >> "${GITHUB_STEP_SUMMARY:-/dev/null}"; }

# Text from elsewhere (a server's error, a path) made inert for Markdown: no HTML, links,
# images, emphasis, mentions or references survive.
md_escape() {
    sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
        -e 's/[][`*_{}()#+!|~@:\\]/\\&/g'
}

# The login whose comments are trusted: the comment-author input, else the token's own user,
# else github-actions[bot], which is who the workflow's GITHUB_TOKEN writes as (GitHub
# answers GET /user with 403 for that token).
author=""
comment_author() {
    if [ -z "$author" ]; then
        author=${INPUT_COMMENT_AUTHOR:-}
        [ -n "$author" ] || author=$(api GET /user 2>/dev/null | jq -r '.login // empty') || author=""
        [ -n "$author" ] || author="github-actions[bot]"
    fi
    printf '%s' "$author"
}

# The first item of a paged list (PATH, ending in ? or &, to which per_page and page are
# added) whose body starts with marker $2 and whose author is the trusted one, as JSON with
# the fields $3 (a jq object, e.g. {id, body}); nothing when there is none. Items by anyone
# else that carry the marker are named in a warning and never used: a contributor could
# have copied the marker to put a checksum or a plan of their choosing under it.
find_trusted() {
    local path=$1 marker=$2 fields=$3 page=1 found me items
    me=$(comment_author)
    while :; do
        items=$(api GET "${path}per_page=100&page=$page") || return 1
        jq -r --arg m "$marker" --arg me "$me" \
            '.[] | select((.body // "") | startswith($m)) | select(.user.login != $me)
             | "::warning::ignored \(if .number then "issue #\(.number)" else "comment \(.id)" end) by \(.user.login | gsub("[^A-Za-z0-9._\\[\\]-]"; "?")): it carries the marker, but only those by \($me) are trusted"' \
            <<<"$items" >&2
        found=$(jq -c --arg m "$marker" --arg me "$me" \
            "map(select((.body // \"\") | startswith(\$m)) | select(.user.login == \$me) | select(.pull_request | not)) | .[0] // empty | $fields" <<<"$items")
        if [ -n "$found" ]; then
            echo "$found"
            return 0
        fi
        [ "$(jq length <<<"$items")" -lt 100 ] && return 0
        page=$((page + 1))
    done
}

# The plan comment on issue $1 whose first line is $2 ({id, body, updated_at}).
find_comment() {
    find_trusted "/repos/$GITHUB_REPOSITORY/issues/$1/comments?" "$2" '{id, body, updated_at}'
}

# The time of the last approval of pull request $1 still standing (dismissed ones are not),
# as GitHub's ISO 8601 UTC time; nothing when none stands. All pages.
last_approval() {
    local pr=$1 page=1 reviews latest="" t
    while :; do
        reviews=$(api GET "/repos/$GITHUB_REPOSITORY/pulls/$pr/reviews?per_page=100&page=$page") || return 1
        t=$(jq -r 'map(select(.state == "APPROVED") | .submitted_at) | max // empty' <<<"$reviews")
        if [ -n "$t" ] && { [ -z "$latest" ] || [[ "$t" > "$latest" ]]; }; then latest=$t; fi
        [ "$(jq length <<<"$reviews")" -lt 100 ] && break
        page=$((page + 1))
    done
    printf '%s' "$latest"
}

# A plan comment's history: the line `<!-- copper-hooks checksums: SUM@TIME ... -->` the
# plan job keeps as the comment's last line, one entry for each plan it has shown, the time
# being GitHub's of the write that first showed it (`pending` until the job has read it
# back). Prints `SUM TIME` lines, oldest first; a `pending` time is read as the comment's
# last update, which is later than (so never mistaken for before) the real one.
history_of() { # comment JSON
    local comment=$1 updated line
    updated=$(jq -r .updated_at <<<"$comment")
    line=$(jq -r .body <<<"$comment" | grep '^<!-- copper-hooks checksums: .* -->$' | tail -n 1)
    if [ -z "$line" ]; then
        # A comment from before the history was kept: its one checksum, as of its update.
        # shellcheck disable=SC2016 # the backticks are Markdown's
        jq -r .body <<<"$comment" | sed -n 's/^Checksum: `\([0-9a-f]\{16\}\)`$/\1/p' | tail -n 1 \
            | sed "s/\$/ $updated/"
        return 0
    fi
    line=${line#<!-- copper-hooks checksums: }
    line=${line% -->}
    local entry
    for entry in $line; do
        case "$entry" in
            [0-9a-f]*@pending) echo "${entry%@*} $updated" ;;
            [0-9a-f]*@[0-9]*Z) echo "${entry%@*} ${entry#*@}" ;;
        esac
    done | grep -E '^[0-9a-f]{16} [0-9TZ:-]+$' || true
}
