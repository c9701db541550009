#!/usr/bin/env bash
# scripts/with-stack.sh CMD [ARGS...]: installs what is needed, builds the
# extension, starts the private local mail stack in tests/.stack, runs CMD with
# STACKDIR and SMTP_SO in its environment, and stops the stack afterwards.
# The shared set-up of the demo and the benchmark.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/install-deps.sh
bash scripts/build.sh
export STACKDIR=$root/tests/.stack SMTP_SO=$root/modules/smtp.so
trap 'tests/servers/mailstack.sh stop "$STACKDIR"' EXIT
tests/servers/mailstack.sh start "$STACKDIR"
"$@"
