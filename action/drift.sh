#!/usr/bin/env bash
# The action's drift mode, sourced by run.sh (`command: drift`), for a scheduled workflow:
# every chosen account is planned, and each drifted account (of this manifest) has one
# GitHub issue, found again by a hidden marker and written only by the action's identity:
# opened with the plan when drift appears, updated while it lasts, closed with a comment
# when the account is back in sync. An account that cannot be planned is its own state,
# `unchecked`, said in its issue and never taken for "in sync".
#
# With the test-targets input, each subscription also gets a test notification, and an
# account whose targets do not answer has drifted too (its issue lists them).
#
# Outputs: drifted (the accounts' names, comma-separated), drift-count, unchecked.
# Exit: 0 all in sync, 2 drift, 1 an account could not be checked (so the run goes red).

# shellcheck disable=SC2154 # manifest, work, json, md, extra and max_comment are run.sh's

drift_label=copper-hooks-drift

# 12 hex digits of a name's SHA-256, as the plan's own marker holds: nothing to read.
digest() { printf '%s' "$1" | sha256sum | cut -c 1-12; }

drift_marker() { # account name
    printf '<!-- copper-hooks drift manifest=%s account=%s -->' "$(digest "$manifest")" "$(digest "$1")"
}

# The open drift issue (JSON {number, body}) whose body starts with marker $1, written by
# the trusted author; all pages. A user's own issue, whatever its title, is never touched.
find_issue() {
    find_trusted "/repos/$GITHUB_REPOSITORY/issues?state=open&labels=$drift_label&" "$1" '{number, body}'
}

# The issue body for account $1 in state $2 (drifted, unchecked), from the file $3 (the
# plan's Markdown, or the error), cut at a line to fit an issue.
drift_body() {
    local name=$1 state=$2 from=$3 shown
    shown=$(printf '%s' "$name" | md_escape)
    drift_marker "$name"
    printf '\n'
    if [ "$state" = drifted ]; then
        printf '### copper-hooks: %s has drifted from %s\n\n' "$shown" "$(printf '%s' "$manifest" | md_escape)"
        printf 'The account no longer matches the manifest: Copper never retries a delivery, so every event a missing or changed subscription misses is lost. Review the plan below, then apply it (merge a pull request, or run the workflow by hand with its checksum) or change the manifest.\n\n'
        # The plan's own hidden marker is left out: this issue has its own.
        tail -n +2 "$from" | LC_ALL=C awk -v max="$max_comment" '{ n += length($0) + 1; if (n > max) { print "\n_The plan was cut to fit an issue; the whole plan is in the job summary._"; exit } print }'
    else
        printf '### copper-hooks: %s could not be checked\n\n' "$shown"
        printf 'This is not "in sync": the account could not be planned, so drift cannot be ruled out.\n\n'
        # What a server said, escaped: no markup or mention of its own reaches the issue.
        md_escape <"$from" | head -c 4000
        printf '\n'
    fi
    if [ -s "$work/targets-$(digest "$name")" ]; then
        printf '\n#### Targets that did not take a test notification\n\nA subscription whose target does not answer loses every event as surely as a missing one.\n\n'
        md_escape <"$work/targets-$(digest "$name")" | sed 's/^/- /'
    fi
    printf '\n_Checked by run %s of %s._\n' "${GITHUB_RUN_ID:-?}" "${GITHUB_WORKFLOW:-the workflow}"
}

# With the test-targets input: one test notification per subscription on each account
# (`test --live`); the targets that did not answer 2xx are written, a line each, to
# $work/targets-DIGEST for their account, and those accounts are drifted.
failing_targets() {
    copper-hooks -o json test --live "${extra[@]}" >"$work/live.json" 2>"$work/live.err"
    [ -s "$work/live.json" ] || return 0
    local name
    while IFS=$'\t' read -r name line; do
        printf '%s\n' "$line" >>"$work/targets-$(digest "$name")"
    done < <(jq -r --arg d "${INPUT_ACCOUNT:-default}" '.targets[]? | select(.verdict != "ok")
        | [(.account // $d), "\(.type).\(.event) \(.target) (id \(.subscription_id)): \(.problem // "no 2xx")"] | @tsv' "$work/live.json")
}

targets_fail() { [ -s "$work/targets-$(digest "$1")" ]; }

# Opens, updates or closes account $1's issue for state $2 (in-sync, drifted, unchecked).
drift_issue() {
    local name=$1 state=$2 from=${3:-} found number title
    found=$(find_issue "$(drift_marker "$name")") || { echo "::warning::could not read the issues of $GITHUB_REPOSITORY"; return 0; }
    number=""
    [ -z "$found" ] || number=$(jq -r .number <<<"$found")
    if [ "$state" = in-sync ]; then
        [ -n "$number" ] || return 0
        jq -n --arg b "$(drift_marker "$name")
Back in sync with \`$(printf '%s' "$manifest" | md_escape)\` (run ${GITHUB_RUN_ID:-?}): closing." \
            '{body: $b}' >"$work/request.json"
        api POST "/repos/$GITHUB_REPOSITORY/issues/$number/comments" "$work/request.json" >/dev/null || return 0
        jq -n '{state: "closed", state_reason: "completed"}' >"$work/request.json"
        api PATCH "/repos/$GITHUB_REPOSITORY/issues/$number" "$work/request.json" >/dev/null \
            && echo "$name: back in sync; closed #$number."
        return 0
    fi
    drift_body "$name" "$state" "$from" >"$work/issue.md"
    if [ -n "$number" ]; then
        if [ "$(jq -r .body <<<"$found")" = "$(cat "$work/issue.md")" ]; then
            echo "$name: $state; #$number is up to date."
            return 0
        fi
        jq -Rs '{body: .}' <"$work/issue.md" >"$work/request.json"
        api PATCH "/repos/$GITHUB_REPOSITORY/issues/$number" "$work/request.json" >/dev/null \
            && echo "$name: $state; updated #$number."
    else
        if [ "$state" = drifted ]; then title="copper-hooks: $name has drifted from $manifest"; else title="copper-hooks: $name could not be checked"; fi
        jq -Rs --arg t "$title" --arg l "$drift_label" '{title: $t, body: ., labels: [$l]}' <"$work/issue.md" >"$work/request.json"
        number=$(api POST "/repos/$GITHUB_REPOSITORY/issues" "$work/request.json" | jq -r .number) \
            && echo "$name: $state; opened #$number."
    fi
}

drift() {
    local code names state name drifted=() unchecked=() fleet
    copper-hooks plan --json-file "$json" --markdown-file "$md" "${extra[@]}" "$manifest" \
        >"$work/drift.out" 2>"$work/drift.err"
    code=$?
    cat "$work/drift.out"
    grep -v '^::' "$work/drift.err" >&2
    [ -f "$md" ] && summary <"$md"
    [ "${INPUT_TEST_TARGETS:-false}" != true ] || failing_targets
    fleet=false
    if [ -f "$json" ] && jq -e '.accounts' "$json" >/dev/null 2>&1; then fleet=true; fi
    if [ ! -f "$json" ]; then
        # Nothing was planned: the whole run is one unchecked account.
        name=${INPUT_ACCOUNT:-default}
        drift_issue "$name" unchecked "$work/drift.err"
        unchecked+=("$name")
    elif [ "$fleet" = false ]; then
        name=${INPUT_ACCOUNT:-default}
        if jq -e '.in_sync' "$json" >/dev/null && ! targets_fail "$name"; then
            drift_issue "$name" in-sync
        else
            drift_issue "$name" drifted "$md"
            drifted+=("$name")
        fi
    else
        # One issue per account of the fleet: each account's own plan, planned again alone
        # (the run's own --account choices left out, which would add accounts to it).
        local solo=() skip=false arg
        for arg in "${extra[@]}"; do
            if [ "$skip" = true ]; then skip=false; continue; fi
            case "$arg" in
                --account) skip=true ;;
                --account=*) ;;
                *) solo+=("$arg") ;;
            esac
        done
        while IFS=$'\t' read -r name state; do
            if [ "$state" = in-sync ] && targets_fail "$name"; then state=drifted; fi
            case "$state" in
                in-sync) drift_issue "$name" in-sync ;;
                drifted)
                    copper-hooks -q -o markdown plan "${solo[@]}" --account "$name" "$manifest" \
                        >"$work/account.md" 2>"$work/account.err"
                    drift_issue "$name" drifted "$work/account.md"
                    drifted+=("$name")
                    ;;
                *)
                    jq -r --arg n "$name" '(.accounts[] | select(.name == $n) | .error), (.skipped[] | select(.name == $n) | .reason) // empty' "$json" >"$work/account.err"
                    drift_issue "$name" unchecked "$work/account.err"
                    unchecked+=("$name")
                    ;;
            esac
        done < <(jq -r '(.accounts[] | [.name, (if .plan == null then "unchecked" elif (.plan.in_sync and (.plan.refusals | length) == 0) then "in-sync" else "drifted" end)]),
                        (.skipped[] | [.name, "unchecked"]) | @tsv' "$json")
    fi
    names=$(IFS=,; echo "${drifted[*]}")
    output drifted "$names"
    output drift-count "${#drifted[@]}"
    output unchecked "$(IFS=,; echo "${unchecked[*]}")"
    if [ "${#unchecked[@]}" -gt 0 ]; then
        echo "::error::could not check: $(IFS=,; echo "${unchecked[*]}")"
        finish 1
    fi
    if [ "${#drifted[@]}" -gt 0 ]; then
        echo "::warning::drift in: $names"
        finish 2
    fi
    [ "$code" = 0 ] || finish "$code"
    finish 0
}
