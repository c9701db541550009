#!/bin/sh
# Regenerates smtp_arginfo.h from smtp.stub.php with PHP's own gen_stub.php.
# gen_stub.php wants nikic/PHP-Parser beside it; Debian's php-parser package
# provides it, so no download is needed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(php-config --extension-dir | sed 's|/[^/]*$||')/$(basename "$(php-config --extension-dir)")/build
[ -f "$build/gen_stub.php" ] || build=$(dirname "$(php-config --php-binary)")/../lib/php/build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$build/gen_stub.php" "$tmp/"
mkdir -p "$tmp/PHP-Parser-4.15.1"
ln -s /usr/share/php "$tmp/PHP-Parser-4.15.1/lib"
php "$tmp/gen_stub.php" -f "$here/smtp.stub.php"
