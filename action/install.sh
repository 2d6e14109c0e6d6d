#!/usr/bin/env bash
# The action's install step: the requested release, checksum verified by install.sh, kept in
# the runner's tool cache so later jobs on the same runner skip the download; its folder is
# put on PATH for the steps after.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=${INPUT_VERSION:-latest}
cache=${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/copper-hooks
arch=$(uname -m)
if [ "$version" = latest ]; then
    # "latest" is looked up every time: it moves.
    dir="$cache/latest-$$/$arch"
    args=()
else
    dir="$cache/${version#v}/$arch"
    args=(--version "$version")
fi
if [ -x "$dir/copper-hooks" ]; then
    echo "copper-hooks $version from the tool cache ($dir)"
else
    sh "$here/../install.sh" "${args[@]}" --dir "$dir" --base-url "${INPUT_BASE_URL:?the base-url input is empty}"
fi
echo "$dir" >> "${GITHUB_PATH:?GITHUB_PATH is not set: run this as a GitHub Actions step}"
"$dir/copper-hooks" --version
