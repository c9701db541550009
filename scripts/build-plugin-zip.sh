#!/usr/bin/env bash
# Builds dist/php-smtp.zip: the WordPress plugin as WordPress's uploader
# (Plugins > Add New > Upload Plugin) takes it, one top-level folder php-smtp/.
# Whatever wp-plugin/ holds goes in (tracked and new files; git-ignored ones
# not), except what only developers use, by rule:
#   dotfiles and dot-folders, tests/ and test/ folders, node_modules/, *.md
#   (a site reads readme.txt), shell scripts, package managers' and linters'
#   files (composer.*, package*.json, phpunit*, phpcs*, phpstan*, *.dist),
#   logs, editor and patch leftovers (*~, *.swp, *.orig, *.rej).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dev_file() {
    local f=$1 base=${1##*/}
    case "/$f/" in */.*/*|*/tests/*|*/test/*|*/node_modules/*) return 0 ;; esac
    case "$base" in
        *.md|*.sh|*.log|*~|*.swp|*.orig|*.rej|*.dist) return 0 ;;
        composer.json|composer.lock|package.json|package-lock.json|phpunit*|phpcs*|phpstan*|Makefile) return 0 ;;
    esac
    return 1
}
list_files() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        (cd wp-plugin && git ls-files --cached --others --exclude-standard .)
    else
        (cd wp-plugin && find . -type f | sed 's|^\./||')
    fi
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/php-smtp"
n=0
while IFS= read -r f; do
    [ -f "wp-plugin/$f" ] || continue
    dev_file "$f" && continue
    mkdir -p "$work/php-smtp/$(dirname "$f")"
    cp -p "wp-plugin/$f" "$work/php-smtp/$f"
    n=$((n + 1))
done < <(list_files)
[ -f "$work/php-smtp/php-smtp.php" ] || { echo "build-plugin-zip: wp-plugin/php-smtp.php is missing" >&2; exit 1; }
mkdir -p dist
rm -f dist/php-smtp.zip
# -X: no extra file attributes (uid/gid); sorted names: the same tree gives the same listing
(cd "$work" && find php-smtp -type f | LC_ALL=C sort | zip -q -X -@ "$root/dist/php-smtp.zip")
echo "dist/php-smtp.zip: $n files"
