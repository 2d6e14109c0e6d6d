#!/usr/bin/env bash
# Shared by the action's scripts: GitHub's REST API through $GITHUB_API_URL (so GitHub
# Enterprise Server works as github.com does), step outputs and the job summary.

# api METHOD PATH [JSON-BODY-FILE]: prints the answer's body; fails on any status but 2xx.
api() {
    local method=$1 path=$2 body=${3:-}
    local args=(-sS -X "$method" -H "Accept: application/vnd.github+json"
        -H "X-GitHub-Api-Version: 2022-11-28" -H "Authorization: Bearer ${GITHUB_TOKEN:-}"
        -w '\n%{http_code}')
    if [ -n "$body" ]; then
        args+=(-H "Content-Type: application/json" --data-binary "@$body")
    fi
    local answer status
    answer=$(curl "${args[@]}" "${GITHUB_API_URL:-https://api.github.com}$path") || return 1
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

# The id of the comment on issue $1 whose first line is $2 (paging through all of them).
find_comment() {
    local issue=$1 marker=$2 page=1 found
    while :; do
        local comments
        comments=$(api GET "/repos/$GITHUB_REPOSITORY/issues/$issue/comments?per_page=100&page=$page") || return 1
        found=$(jq -r --arg m "$marker" 'map(select(.body | startswith($m))) | .[0].id // empty' <<<"$comments")
        if [ -n "$found" ]; then
            echo "$found"
            return 0
        fi
        [ "$(jq length <<<"$comments")" -lt 100 ] && return 0
        page=$((page + 1))
    done
}

# The body of comment $1.
comment_body() { api GET "/repos/$GITHUB_REPOSITORY/issues/comments/$1" | jq -r .body; }
