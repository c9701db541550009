#!/usr/bin/env bash
# scripts/make-pot.sh [OUT]: the plugin's translation template, from its PHP sources
# (GNU xgettext with WordPress's gettext functions). Default OUT:
# wp-plugin/languages/php-smtp.pot. tests/wp/phpt/i18n.phpt checks it is current.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/wp-plugin/languages/php-smtp.pot}
mkdir -p "$(dirname "$out")"
cd "$root/wp-plugin"
xgettext --language=PHP --from-code=UTF-8 --add-comments=translators: --sort-by-file \
    --keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e --keyword=esc_attr__ \
    --keyword=esc_attr_e --keyword=_n:1,2 --keyword=_x:1,2c --keyword=_nx:1,2,4c \
    --package-name=php-smtp --package-version=0.1.0 --msgid-bugs-address=https://github.com/php-smtp/php-smtp/issues \
    --copyright-holder="the php-smtp authors" -o "$out" php-smtp.php src/*.php uninstall.php
# the creation date only makes the file differ between runs
sed -i '/^"POT-Creation-Date:/d' "$out"
