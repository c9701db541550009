#!/usr/bin/env bash
# The demo: installs what is needed, builds the extension, starts a private
# local mail stack (Postfix on loopback), sends one message with smtp_send()
# over STARTTLS + AUTH, and prints the SMTP transcript and the message as it
# was delivered. No credentials and no network needed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/with-stack.sh bash -c 'php -d extension="$SMTP_SO" scripts/demo.php "$STACKDIR"'
