#!/usr/bin/env bash
# Builds ./php-smtp-sendmail from ext/core and ext/sendmail (no phpize, no PHP
# headers); warnings are errors. Same as: make sendmail SENDMAIL_WERROR=-Werror
set -euo pipefail
cd "$(dirname "$0")/.."
make -s sendmail SENDMAIL_WERROR=-Werror -j"$(nproc)" "$@"
echo "built $(pwd)/php-smtp-sendmail"
