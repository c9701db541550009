#!/usr/bin/env bash
# The demo: installs what is needed, builds the extension, starts a private
# local mail stack (Postfix on loopback), sends one message with smtp_send()
# over STARTTLS + AUTH and prints the SMTP transcript and the message as it
# was delivered. Then it brings up a local WordPress with the plugin sending
# through that relay, and prints its admin URL and login. No credentials and
# no network needed. `bash scripts/demo.sh stop` stops everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export STACKDIR=$root/tests/.stack SMTP_SO=$root/modules/smtp.so
wpdir=$root/tests/.wp
if [ "${1:-}" = "stop" ]; then
    tests/wp/wordpress.sh stop "$wpdir"
    tests/servers/mailstack.sh stop "$STACKDIR"
    exit 0
fi
bash scripts/install-deps.sh
bash scripts/build.sh
tests/servers/mailstack.sh start "$STACKDIR"
php -d extension="$SMTP_SO" scripts/demo.php "$STACKDIR"

echo
echo "== WordPress with the php-smtp plugin"
tests/wp/wordpress.sh start "$wpdir" >/dev/null
. "$wpdir/env"
. "$STACKDIR/env"
WP_DIR=$WP_DIR php -d extension="$SMTP_SO" tests/wp/wp-helper.php settings \
    "{\"provider\":\"other\",\"host\":\"localhost\",\"port\":$SMTP_TEST_RELAY_PORT,\"security\":\"none\",\"auth\":\"none\",\"from\":\"wordpress@example.test\",\"from_name\":\"php-smtp demo\"}" >/dev/null
cat <<TXT
Admin:    $WP_URL/wp-admin/options-general.php?page=php-smtp
Login:    $WP_ADMIN_USER / $WP_ADMIN_PASS
Mail sent by the site goes through the local relay (localhost:$SMTP_TEST_RELAY_PORT) into
          $SMTP_TEST_MAILDIR/inbox/new/ (send to any address @example.test)
Stop:     bash scripts/demo.sh stop
TXT
