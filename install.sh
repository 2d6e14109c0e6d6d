#!/bin/sh
# Installs a copper-hooks release binary: downloads the archive for this machine, checks it
# against the release's SHA256SUMS (a mismatch is refused and nothing is installed), and puts
# the binary in a folder of your choosing.
#
#   curl -fsSL https://github.com/copper-hooks/copper-hooks/releases/latest/download/install.sh | sh
#   sh install.sh --version 0.2.0 --dir ~/.local/bin
#   COPPER_HOOKS_BASE_URL=https://mirror.example.com/copper-hooks sh install.sh
#
# Options (or environment):
#   --version V    a release such as 0.2.0 (COPPER_HOOKS_VERSION; default: the latest)
#   --dir DIR      where the binary goes (COPPER_HOOKS_INSTALL_DIR; default: ~/.local/bin)
#   --base-url U   where releases are (COPPER_HOOKS_BASE_URL; default: GitHub's releases of
#                  copper-hooks). The files are fetched from U/download/vV/ (U/latest/download/
#                  for the latest), as GitHub lays them out, so a mirror copies that layout.
#   --target T     the build to fetch, e.g. x86_64-unknown-linux-musl (default: this machine's)
set -eu

repo_url="https://github.com/copper-hooks/copper-hooks/releases"
version="${COPPER_HOOKS_VERSION:-}"
dir="${COPPER_HOOKS_INSTALL_DIR:-${HOME:-.}/.local/bin}"
base="${COPPER_HOOKS_BASE_URL:-$repo_url}"
target=""

say() { printf 'install.sh: %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --version) version="${2:?--version needs a value}"; shift 2 ;;
        --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
        --base-url) base="${2:?--base-url needs a value}"; shift 2 ;;
        --target) target="${2:?--target needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) fail "unknown option $1 (see --help)" ;;
    esac
done
version="${version#v}"
case "$version" in
    ""|[0-9]*.[0-9]*.[0-9]*) ;;
    *) fail "--version '$version' is not a release such as 0.2.0" ;;
esac

if [ -z "$target" ]; then
    os=$(uname -s)
    arch=$(uname -m)
    case "$arch" in
        x86_64|amd64) arch=x86_64 ;;
        aarch64|arm64) arch=aarch64 ;;
        *) fail "no release is built for $arch; build from source with cargo install" ;;
    esac
    case "$os" in
        Linux) target="$arch-unknown-linux-musl" ;;
        Darwin) target="$arch-apple-darwin" ;;
        *) fail "no release is built for $os; use the Windows zip or cargo install" ;;
    esac
fi

fetch() { # url file
    if command -v curl >/dev/null 2>&1; then
        curl --proto '=https,http' -fsSL --retry 3 -o "$2" "$1"
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$2" "$1"
    else
        fail "neither curl nor wget is installed"
    fi
}

sha256() { # file -> hex digest
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    else
        fail "neither sha256sum nor shasum is installed: the download cannot be checked"
    fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ -z "$version" ]; then
    where="$base/latest/download"
    fetch "$where/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot fetch $where/SHA256SUMS"
    # The latest release's archives name their version.
    version=$(sed -n "s/.*copper-hooks-$target-v\([0-9][0-9.]*\)\.tar\.gz$/\1/p" "$tmp/SHA256SUMS" | head -n 1)
    [ -n "$version" ] || fail "the latest release has no archive for $target"
else
    where="$base/download/v$version"
    fetch "$where/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot fetch $where/SHA256SUMS (is v$version released?)"
fi

name="copper-hooks-$target-v$version"
archive="$name.tar.gz"
fetch "$where/$archive" "$tmp/$archive" || fail "cannot fetch $where/$archive"

expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$tmp/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS lists no $archive: refusing to install what cannot be checked"
actual=$(sha256 "$tmp/$archive")
if [ "$actual" != "$expected" ]; then
    fail "$archive does not match SHA256SUMS (expected $expected, got $actual): not installed"
fi

tar -xzf "$tmp/$archive" -C "$tmp"
[ -f "$tmp/$name/copper-hooks" ] || fail "$archive holds no $name/copper-hooks"
mkdir -p "$dir"
# Into place in one rename, so a running copy is never half-written.
cp "$tmp/$name/copper-hooks" "$dir/.copper-hooks.new"
chmod 755 "$dir/.copper-hooks.new"
mv -f "$dir/.copper-hooks.new" "$dir/copper-hooks"
say "installed copper-hooks $version ($target, checksum verified) to $dir/copper-hooks"
case ":${PATH:-}:" in
    *":$dir:"*) ;;
    *) say "note: $dir is not on PATH; add it, or run $dir/copper-hooks" ;;
esac
