#!/usr/bin/env bash
# The action's run step: validate, plan (with the sticky pull-request comment) or apply (of
# the reviewed plan only). Inputs come as INPUT_* variables (action.yml), the runner's as
# GITHUB_*; outputs go to $GITHUB_OUTPUT, the plan to $GITHUB_STEP_SUMMARY.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=action/lib.sh
. "$here/lib.sh"

command=${INPUT_COMMAND:?the command input is empty: validate, plan or apply}
manifest=${INPUT_MANIFEST:-subscriptions.toml}
read -r -a extra <<<"${INPUT_ARGS:-}"
work=${RUNNER_TEMP:-$(mktemp -d)}/copper-hooks-$$
mkdir -p "$work"
md="$work/plan.md"
json="$work/plan.json"
# GitHub caps a comment at 65,536 characters; the plan is cut below it, saying so.
max_comment=60000

event_field() { jq -r "$1 // empty" "${GITHUB_EVENT_PATH:-/dev/null}" 2>/dev/null; }

finish() { output exitcode "$1"; exit "$1"; }

plan_code=1
plan() {
    copper-hooks plan --detailed-exitcode --markdown-file "$md" --json-file "$json" \
        "${extra[@]}" "$manifest"
    plan_code=$?
    output plan-markdown "$md"
    if [ -f "$json" ]; then
        output checksum "$(jq -r .checksum "$json")"
        output has-changes "$(jq -r 'if .in_sync then "false" else "true" end' "$json")"
        summary <"$md"
    fi
}

comment() {
    local pr fork id body
    pr=$(event_field .pull_request.number)
    [ -n "$pr" ] || return 0
    fork=$(event_field '.pull_request.head.repo.fork')
    if [ "$fork" = true ] || [ -z "${GITHUB_TOKEN:-}" ]; then
        echo "::notice::A pull request from a fork has a read-only token and no secrets: the plan is in the job summary, not in a comment."
        return 0
    fi
    body="$work/comment.md"
    if [ "$(wc -c <"$md")" -gt "$max_comment" ]; then
        { head -c "$max_comment" "$md"
          printf '\n\n_The plan was cut to fit a comment; the whole plan is in the job summary. '
          grep -m 1 '^Checksum: ' "$md"
          printf '_\n'; } >"$body"
    else
        cp "$md" "$body"
    fi
    jq -Rs '{body: .}' <"$body" >"$work/request.json"
    id=$(find_comment "$pr" "$(head -n 1 "$md")") || { echo "::warning::could not read the comments of #$pr"; return 0; }
    if [ -n "$id" ]; then
        api PATCH "/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$work/request.json" >/dev/null \
            && echo "Updated the plan comment on #$pr."
    else
        api POST "/repos/$GITHUB_REPOSITORY/issues/$pr/comments" "$work/request.json" >/dev/null \
            && echo "Commented the plan on #$pr."
    fi
}

# The checksum of the plan last shown on the pull request the pushed commit came from.
reviewed_checksum() {
    local marker pr id
    # The marker names this manifest and account; a plan run prints it (one list call).
    copper-hooks -q -o markdown plan "${extra[@]}" "$manifest" >"$work/now.md" || return 1
    marker=$(head -n 1 "$work/now.md")
    pr=$(api GET "/repos/$GITHUB_REPOSITORY/commits/${GITHUB_SHA:?}/pulls" \
        | jq -r 'map(select(.merged_at != null)) | .[0].number // empty') || return 1
    [ -n "$pr" ] || { echo "no merged pull request holds commit $GITHUB_SHA" >&2; return 1; }
    id=$(find_comment "$pr" "$marker") || return 1
    [ -n "$id" ] || { echo "pull request #$pr shows no plan of $manifest for this account" >&2; return 1; }
    # shellcheck disable=SC2016 # the backticks are Markdown's
    comment_body "$id" | sed -n 's/^Checksum: `\([0-9a-f]\{16\}\)`$/\1/p' | head -n 1
}

case "$command" in
    validate)
        copper-hooks validate "${extra[@]}" "$manifest"
        finish $?
        ;;
    plan)
        plan
        if [ -f "$md" ] && [ "${INPUT_COMMENT:-true}" = true ]; then
            comment
        fi
        # Changes pending is what a plan on a pull request is for: not a failure.
        [ "$plan_code" = 2 ] && { output exitcode 2; exit 0; }
        finish "$plan_code"
        ;;
    apply)
        sum=${INPUT_CHECKSUM:-}
        if [ -z "$sum" ]; then
            sum=$(reviewed_checksum 2>"$work/why") || sum=""
        fi
        if [ -z "$sum" ]; then
            why=$(cat "$work/why" 2>/dev/null)
            # shellcheck disable=SC2016 # the backticks are Markdown's
            printf '### copper-hooks: nothing applied\n\nNo reviewed plan was found (%s). Review a plan on a pull request, or run the workflow by hand with the `checksum` of a reviewed plan.\n' \
                "${why:-no checksum}" | summary
            echo "::error::no reviewed plan to apply: ${why:-no checksum}; nothing was applied"
            finish 3
        fi
        copper-hooks apply --yes --expect-checksum "$sum" "${extra[@]}" "$manifest"
        code=$?
        if [ "$code" = 3 ]; then
            # shellcheck disable=SC2016 # the backticks are Markdown's
            printf '### copper-hooks: nothing applied\n\nThe account or the manifest changed since the plan `%s` was reviewed, so it was not applied. Open a pull request to review the plan again, or run this workflow by hand with the checksum of a plan you reviewed.\n' \
                "$sum" | summary
        fi
        finish "$code"
        ;;
    *)
        echo "::error::command must be validate, plan or apply, not $command"
        finish 64
        ;;
esac
