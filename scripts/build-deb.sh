#!/usr/bin/env bash
# Builds the Debian packages from this checkout (Debian 12): dist/php8.2-smtp_*.deb,
# then runs lintian on them (exit 1 on any error-level tag).
# The source package is built too (so lintian checks debian/ itself), and not kept.
# The build runs in a copy of the tracked files, so the checkout gets no build
# output and dpkg-buildpackage's files do not land beside it.
# Needs: debhelper dh-php dpkg-dev lintian php8.2-dev libssl-dev libcurl4-openssl-dev
# libjson-c-dev pkg-config (scripts/install-deps.sh installs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(dpkg-parsechangelog -S Version)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/php-smtp-$version
mkdir -p "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    # tracked and new (not ignored) files, as they are in the working tree now
    git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
        [ -e "$f" ] && printf '%s\0' "$f"
    done | cpio -0pdm --quiet "$src"
else
    tar -C "$root" --exclude=./dist -cf - . | tar -C "$src" -xf -
fi
(cd "$src" && dpkg-buildpackage -us -uc --no-sign >"$work/build.log" 2>&1) || {
    tail -40 "$work/build.log" >&2
    echo "build-deb: dpkg-buildpackage failed (last lines above)" >&2
    exit 1
}
mkdir -p dist
rm -f dist/*.deb
cp "$work"/*.deb dist/
ls -1 dist/*.deb
changes=$(ls "$work"/*.changes)
# error-level tags fail the build; warnings and info are printed
lintian --display-info --fail-on error "$changes"
