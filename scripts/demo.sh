#!/usr/bin/env bash
# The demo: installs what is needed, builds the extension, starts a private
# local mail stack (Postfix on loopback), sends one message with smtp_send()
# over STARTTLS + AUTH, and prints the SMTP transcript and the message as it
# was delivered. No credentials and no network needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
bash scripts/build.sh
stackdir=$root/tests/.stack
trap 'tests/servers/mailstack.sh stop "$stackdir"' EXIT
tests/servers/mailstack.sh start "$stackdir"
php -d extension="$root/modules/smtp.so" "$root/scripts/demo.php" "$stackdir"
