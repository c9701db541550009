#!/usr/bin/env bash
# bench/run.sh [N]: on the local mail stack, the side-by-side table (bench.php),
# the 20 MB attachment comparison (big.php) and round trips over a 10 ms link (rtt.php).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_N=${1:-300}
exec bash scripts/with-stack.sh bash -c '
    php -d extension="$SMTP_SO" bench/bench.php "$STACKDIR" "$BENCH_N"
    php -d extension="$SMTP_SO" bench/big.php "$STACKDIR"
    php -d extension="$SMTP_SO" bench/rtt.php "$STACKDIR"'
