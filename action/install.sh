#!/usr/bin/env bash
# The action's install step: the requested release, checked against a trust anchor outside
# the server it is fetched from (the `sha256` input, or GitHub's own release page), and put
# in a fresh folder of this job's own, which goes on PATH for the steps after.
#
# The runner's tool cache keeps the verified archive so later jobs skip the download, but
# what it holds is checked again every time before it is used: on a shared or self-hosted
# runner another job may have written there. Nothing is run from a folder this job did not
# make, and nothing falls back to a fixed folder under /tmp.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${INPUT_VERSION:-latest}
base=${INPUT_BASE_URL:?the base-url input is empty}
pin=${INPUT_SHA256:-}
github=https://github.com/copper-hooks/copper-hooks/releases
temp=${RUNNER_TEMP:?RUNNER_TEMP is not set: run this as a GitHub Actions step}
if [ "${base%/}" != "$github" ] && [ -z "$pin" ]; then
    # A mirror that serves its own archive can serve a SHA256SUMS that matches it.
    echo "::error::base-url is not GitHub's releases of copper-hooks, so its own SHA256SUMS proves nothing: give the sha256 input too (the archive's line in the release's SHA256SUMS on GitHub). Nothing was installed."
    exit 1
fi
args=()
if [ "$version" != latest ]; then
    args+=(--version "$version")
    if [ -n "${RUNNER_TOOL_CACHE:-}" ]; then
        args+=(--keep "$RUNNER_TOOL_CACHE/copper-hooks/${version#v}/$(uname -m)")
    fi
fi
[ -z "$pin" ] || args+=(--sha256 "$pin")
dir=$(mktemp -d "$temp/copper-hooks-bin.XXXXXX")
sh "$here/../install.sh" "${args[@]}" --dir "$dir" --base-url "$base"
echo "$dir" >> "${GITHUB_PATH:?GITHUB_PATH is not set: run this as a GitHub Actions step}"
"$dir/copper-hooks" --version
