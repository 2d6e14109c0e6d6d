#!/usr/bin/env bash
# The action's run step: validate, plan (with the sticky pull-request comment), apply (of
# the reviewed plan only) or drift (one issue per drifted account; action/drift.sh). Inputs come as INPUT_* variables (action.yml), the runner's as
# GITHUB_*; outputs go to $GITHUB_OUTPUT, the plan to $GITHUB_STEP_SUMMARY.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=action/lib.sh
. "$here/lib.sh"
# shellcheck source=action/drift.sh
. "$here/drift.sh"

command=${INPUT_COMMAND:?the command input is empty: validate, plan, apply or drift}
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

# The comment's body: the plan, cut at a line to fit a comment when it is long (the cut
# said, and the checksum always on a line of its own after it, where the apply reads it),
# then the history line of the checksums shown so far ($1).
comment_body() {
    local history=$1 sum
    sum=$(jq -r .checksum "$json")
    if [ "$(wc -c <"$md")" -gt "$max_comment" ]; then
        LC_ALL=C awk -v max="$max_comment" '{ n += length($0) + 1; if (n > max) exit; print }' "$md"
        printf '\n_The plan was cut to fit a comment; the whole plan is in the job summary._\n\n'
        # shellcheck disable=SC2016 # the backticks are Markdown's
        printf 'Checksum: `%s`\n' "$sum"
    else
        cat "$md"
    fi
    printf '\n%s\n' "$history"
}

comment() {
    local pr fork found id sum history entries old_body body updated
    pr=$(event_field .pull_request.number)
    [ -n "$pr" ] || return 0
    fork=$(event_field '.pull_request.head.repo.fork')
    if [ "$fork" = true ] || [ -z "${GITHUB_TOKEN:-}" ]; then
        echo "::notice::A pull request from a fork has a read-only token and no secrets: the plan is in the job summary, not in a comment."
        return 0
    fi
    found=$(find_comment "$pr" "$(head -n 1 "$md")") || { echo "::warning::could not read the comments of #$pr"; return 0; }
    sum=$(jq -r .checksum "$json")
    # Each checksum shown is kept with the time GitHub first showed it, so the apply can
    # tell which plan was on the pull request when it was last approved.
    entries=""
    if [ -n "$found" ]; then
        entries=$(history_of "$found" | tail -n 19 | awk '{ printf "%s@%s ", $1, $2 }')
    fi
    case " $entries" in
        *" $sum@"*) ;;
        *) entries="$entries$sum@pending " ;;
    esac
    history="<!-- copper-hooks checksums: ${entries% } -->"
    comment_body "$history" >"$work/comment.md"
    if [ -n "$found" ]; then
        id=$(jq -r .id <<<"$found")
        old_body=$(jq -r .body <<<"$found")
        if [ "$old_body" = "$(cat "$work/comment.md")" ]; then
            echo "The plan comment on #$pr is up to date."
            return 0
        fi
        jq -Rs '{body: .}' <"$work/comment.md" >"$work/request.json"
        body=$(api PATCH "/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$work/request.json") || return 0
        echo "Updated the plan comment on #$pr."
    else
        jq -Rs '{body: .}' <"$work/comment.md" >"$work/request.json"
        body=$(api POST "/repos/$GITHUB_REPOSITORY/issues/$pr/comments" "$work/request.json") || return 0
        id=$(jq -r .id <<<"$body")
        echo "Commented the plan on #$pr."
    fi
    # The new checksum's time is GitHub's own, read back from the write that showed it.
    if grep -q "@pending" <<<"$history"; then
        updated=$(jq -r '.updated_at // empty' <<<"$body")
        [[ "$updated" =~ ^[0-9T:-]+Z$ ]] || return 0
        sed -i "s/@pending/@$updated/" "$work/comment.md"
        jq -Rs '{body: .}' <"$work/comment.md" >"$work/request.json"
        api PATCH "/repos/$GITHUB_REPOSITORY/issues/comments/$id" "$work/request.json" >/dev/null || true
    fi
}

# The checksum of the plan that was shown on the pull request the pushed commit came from
# when it was last approved (or, with no approval standing, when it was merged): a plan
# refreshed after the last approval (a closed and reopened pull request, a re-run job) was
# not reviewed, and is not applied.
reviewed_checksum() {
    local marker merged pr merged_at found at basis chosen latest
    # The marker names this manifest and account; a plan run prints it (one list call).
    copper-hooks -q -o markdown plan "${extra[@]}" "$manifest" >"$work/now.md" || return 1
    marker=$(head -n 1 "$work/now.md")
    merged=$(api GET "/repos/$GITHUB_REPOSITORY/commits/${GITHUB_SHA:?}/pulls" \
        | jq -c 'map(select(.merged_at != null)) | .[0] // empty') || return 1
    [ -n "$merged" ] || { echo "no merged pull request holds commit $GITHUB_SHA" >&2; return 1; }
    pr=$(jq -r .number <<<"$merged")
    merged_at=$(jq -r .merged_at <<<"$merged")
    found=$(find_comment "$pr" "$marker") || return 1
    [ -n "$found" ] || { echo "pull request #$pr shows no plan of $manifest for this account by $(comment_author)" >&2; return 1; }
    at=$(last_approval "$pr") || return 1
    basis="its last approval"
    [ -n "$at" ] || { at=$merged_at; basis="its merge (no approval stands)"; }
    history_of "$found" >"$work/history"
    chosen=$(awk -v at="$at" '$2 <= at { sum = $1 } END { print sum }' "$work/history")
    latest=$(tail -n 1 "$work/history" | cut -d ' ' -f 1)
    if [ -z "$chosen" ]; then
        echo "the plan on #$pr was shown after $basis ($at): approve the pull request again, or run this workflow by hand with the checksum of a plan you reviewed" >&2
        return 1
    fi
    if [ "$chosen" != "$latest" ]; then
        echo "::warning::the plan on #$pr was refreshed to $latest after $basis ($at); only the plan shown then, $chosen, is applied, and it is refused if the account changed since" >&2
    fi
    echo "$chosen"
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
            # The warnings found on the way (untrusted comments, a plan refreshed after
            # approval) are the job's own lines; the rest is why nothing was found.
            grep '^::' "$work/why" 2>/dev/null || true
        fi
        if [ -z "$sum" ]; then
            why=$(grep -v '^::' "$work/why" 2>/dev/null | tr '\n\r' '  ')
            # What servers said is escaped for where it goes: the Markdown summary, and a
            # workflow command (whose data may not end the line or hold an escape).
            # shellcheck disable=SC2016 # the backticks are Markdown's
            printf '### copper-hooks: nothing applied\n\nNo reviewed plan was found (%s). Review a plan on a pull request, or run the workflow by hand with the `checksum` of a reviewed plan.\n' \
                "$(printf '%s' "${why:-no checksum}" | md_escape)" | summary
            echo "::error::no reviewed plan to apply: $(printf '%s' "${why:-no checksum}" | sed 's/%/%25/g'); nothing was applied"
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
    drift)
        drift
        ;;
    *)
        echo "::error::command must be validate, plan, apply or drift, not $command"
        finish 64
        ;;
esac
