#!/usr/bin/env bash
# bench/run.sh [N]: on the local mail stack, the side-by-side table (bench.php),
# the 20 MB attachment comparison (big.php), round trips over a 10 ms link (rtt.php),
# the HTTPS API transports beside curl (api.php),
# wp_mail() in a real WordPress: the plugin against core's PHPMailer over SMTP (wp.php), and
# php-smtp-sendmail beside msmtp, alone and under PHP's mail() (sendmail.php).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_N=${1:-300}
bash scripts/build-sendmail.sh >/dev/null
exec bash scripts/with-stack.sh bash -c '
    php bench/sendmail.php "$STACKDIR" $(( BENCH_N / 3 ))
    php -d extension="$SMTP_SO" bench/bench.php "$STACKDIR" "$BENCH_N"
    php -d extension="$SMTP_SO" bench/big.php "$STACKDIR"
    php -d extension="$SMTP_SO" bench/rtt.php "$STACKDIR"
    php -n -d extension="$SMTP_SO" bench/api.php "$STACKDIR" $(( BENCH_N / 3 ))
    wpdir=$PWD/tests/.wp-bench
    trap "tests/wp/wordpress.sh stop $wpdir >/dev/null 2>&1" EXIT
    tests/wp/wordpress.sh start "$wpdir" $((28090 + ${SMTP_TEST_PORT_OFFSET:-0})) >/dev/null
    WP_DIR=$wpdir/wp php -d extension="$SMTP_SO" bench/wp.php "$STACKDIR" $(( BENCH_N / 3 ))'
