#!/usr/bin/env bash
# bench/run.sh [N]: builds, starts the local mail stack, runs bench.php, then the
# 20 MB attachment comparison (time and peak RSS of separate processes).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
bash scripts/build.sh
stackdir=$root/tests/.stack
trap 'tests/servers/mailstack.sh stop "$stackdir"' EXIT
tests/servers/mailstack.sh start "$stackdir"
php -d extension="$root/modules/smtp.so" bench/bench.php "$stackdir" "${1:-300}"
php -d extension="$root/modules/smtp.so" bench/big.php "$stackdir"
php -d extension="$root/modules/smtp.so" bench/rtt.php "$stackdir"
