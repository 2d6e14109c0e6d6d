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
#   --sha256 HEX   the archive's SHA-256, known from somewhere you trust (COPPER_HOOKS_SHA256):
#                  the download must match it, whatever the mirror's SHA256SUMS says. Needs
#                  --version. Without it, the SHA256SUMS beside the archive is trusted, which
#                  is only as good as the server it comes from.
#   --keep DIR     keep the verified archive in DIR, and use one found there only when it
#                  matches the expected checksum (checked every time; a mismatch is fetched anew)
set -eu

repo_url="https://github.com/copper-hooks/copper-hooks/releases"
version="${COPPER_HOOKS_VERSION:-}"
dir="${COPPER_HOOKS_INSTALL_DIR:-${HOME:-.}/.local/bin}"
base="${COPPER_HOOKS_BASE_URL:-$repo_url}"
target=""
pin="${COPPER_HOOKS_SHA256:-}"
keep=""

say() { printf 'install.sh: %s\n' "$*" >&2; }
fail() { say "error: $*"; exit 1; }

while [ $# -gt 0 ]; do
    case "$1" in
        --version) version="${2:?--version needs a value}"; shift 2 ;;
        --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
        --base-url) base="${2:?--base-url needs a value}"; shift 2 ;;
        --target) target="${2:?--target needs a value}"; shift 2 ;;
        --sha256) pin="${2:?--sha256 needs a value}"; shift 2 ;;
        --keep) keep="${2:?--keep needs a value}"; shift 2 ;;
        -h|--help) help=1; shift ;;
        *) fail "unknown option $1 (see --help)" ;;
    esac
done
if [ "${help:-}" = 1 ]; then
    # Run as `curl ... | sh -s -- --help`, this script is not a file that $0 names.
    cat <<'HELP'
install.sh: installs a copper-hooks release binary, checked against a SHA-256 before use.

  sh install.sh [--version V] [--dir DIR] [--base-url U] [--target T] [--sha256 HEX] [--keep DIR]

  --version V    a release such as 0.2.0 (COPPER_HOOKS_VERSION; default: the latest)
  --dir DIR      where the binary goes (COPPER_HOOKS_INSTALL_DIR; default: ~/.local/bin)
  --base-url U   where releases are (COPPER_HOOKS_BASE_URL; default: GitHub's releases),
                 laid out as GitHub's: U/download/vV/FILE, U/latest/download/FILE
  --target T     the build to fetch, e.g. x86_64-unknown-linux-musl (default: this machine's)
  --sha256 HEX   the archive's SHA-256 from a source you trust (COPPER_HOOKS_SHA256); needs
                 --version. Without it the SHA256SUMS beside the archive is trusted.
  --keep DIR     keep the verified archive in DIR; one found there is used only if it matches
HELP
    exit 0
fi
version="${version#v}"
pin=$(printf '%s' "$pin" | tr 'A-F' 'a-f')
if [ -n "$pin" ]; then
    case "$pin" in
        *[!0-9a-f]*) fail "--sha256 must be 64 hex digits" ;;
    esac
    [ "${#pin}" = 64 ] || fail "--sha256 must be 64 hex digits"
    [ -n "$version" ] || fail "--sha256 needs --version: a pinned checksum is of one release"
fi
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
fi

name="copper-hooks-$target-v$version"
archive="$name.tar.gz"
if [ -n "$pin" ]; then
    # The pin is the anchor: the mirror's own list of sums could lie along with its archive.
    expected=$pin
    trusted="the pinned --sha256"
else
    if [ ! -f "$tmp/SHA256SUMS" ]; then
        fetch "$where/SHA256SUMS" "$tmp/SHA256SUMS" || fail "cannot fetch $where/SHA256SUMS (is v$version released?)"
    fi
    expected=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1; exit }' "$tmp/SHA256SUMS")
    [ -n "$expected" ] || fail "SHA256SUMS lists no $archive: refusing to install what cannot be checked"
    trusted="SHA256SUMS"
fi

got=""
if [ -n "$keep" ] && [ -f "$keep/$archive" ] && [ ! -L "$keep/$archive" ]; then
    # A kept archive is checked like a download, every time: the folder may be shared.
    if [ "$(sha256 "$keep/$archive")" = "$expected" ]; then
        cp "$keep/$archive" "$tmp/$archive"
        got=kept
        say "using the kept $archive from $keep (checked against $trusted)"
    else
        say "the kept $keep/$archive does not match $trusted: fetching it again"
    fi
fi
if [ -z "$got" ]; then
    fetch "$where/$archive" "$tmp/$archive" || fail "cannot fetch $where/$archive"
    actual=$(sha256 "$tmp/$archive")
    if [ "$actual" != "$expected" ]; then
        fail "$archive does not match $trusted (expected $expected, got $actual): not installed"
    fi
    if [ -n "$keep" ]; then
        if ! { mkdir -p "$keep" && cp "$tmp/$archive" "$keep/.$archive.new" && mv -f "$keep/.$archive.new" "$keep/$archive"; }; then
            say "note: could not keep the archive in $keep"
        fi
    fi
fi

tar -xzf "$tmp/$archive" -C "$tmp"
[ -f "$tmp/$name/copper-hooks" ] || fail "$archive holds no $name/copper-hooks"
mkdir -p "$dir"
# Into place in one rename, so a running copy is never half-written.
cp "$tmp/$name/copper-hooks" "$dir/.copper-hooks.new"
chmod 755 "$dir/.copper-hooks.new"
mv -f "$dir/.copper-hooks.new" "$dir/copper-hooks"
say "installed copper-hooks $version ($target, checked against $trusted) to $dir/copper-hooks"
case ":${PATH:-}:" in
    *":$dir:"*) ;;
    *) say "note: $dir is not on PATH; add it, or run $dir/copper-hooks" ;;
esac
