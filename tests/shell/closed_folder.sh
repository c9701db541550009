#!/usr/bin/env bash
# tests/shell/closed_folder.sh SMTP_SO: this checkout's stack scripts, copied in a folder closed
# to others (mktemp -d makes it 0700, as Debian makes root's home) starts its own
# mail stack and delivers a message through it over STARTTLS + AUTH. Before the
# stack placed its state where Postfix's and Dovecot's users can reach it, this
# failed with "open lock file …/master.lock: Permission denied".
# Its stack runs on the suite's ports moved by 250, beside the suite's own stack.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
so=${1:?usage: closed_folder.sh SMTP_SO}
closed=$(mktemp -d)
clone=$closed/php-smtp
export SMTP_TEST_PORT_OFFSET=$(( ${SMTP_TEST_PORT_OFFSET:-0} + 250 ))
trap '"$clone/tests/servers/mailstack.sh" stop "$clone/tests/.stack" >/dev/null 2>&1; rm -rf "$closed"' EXIT
[ "$(stat -c %a "$closed")" = 700 ] || { echo "FAIL: mktemp -d did not make a 0700 folder"; exit 1; }
# the scripts as a clone has them (copied, so the working tree's are tested)
mkdir -p "$clone/tests" && cp -a "$root/tests/servers" "$clone/tests/" || { echo "FAIL: copy"; exit 1; }
if ! "$clone/tests/servers/mailstack.sh" start "$clone/tests/.stack" >"$closed/start.log" 2>&1; then
    echo "FAIL: the stack does not start from a 0700 folder:"; cat "$closed/start.log"; exit 1
fi
. "$clone/tests/.stack/env"
subject="closed-folder-$$-$RANDOM"
php -n -d extension="$so" -r '
    [$port, $ca, $user, $pass, $subject] = array_slice($argv, 1);
    $r = smtp_send(["from" => $user, "to" => "bob@example.test", "subject" => $subject, "text" => "hello\n"],
        ["host" => "localhost", "port" => (int)$port, "security" => "starttls", "cafile" => $ca,
         "username" => $user, "password" => $pass, "timeout" => 10]);
    echo $r["response"], "\n";' "$SMTP_TEST_SUBMISSION_PORT" "$SMTP_TEST_CA" "$SMTP_TEST_USER" "$SMTP_TEST_PASS" "$subject" ||
    { echo "FAIL: smtp_send through the closed folder's stack"; exit 1; }
for _ in $(seq 100); do
    grep -lq "^Subject: $subject" "$SMTP_TEST_MAILDIR"/inbox/new/* 2>/dev/null && { echo "closed folder: delivered ($subject)"; exit 0; }
    sleep 0.1
done
echo "FAIL: the message did not arrive in $SMTP_TEST_MAILDIR/inbox/new"; exit 1
