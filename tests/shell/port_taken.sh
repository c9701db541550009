#!/usr/bin/env bash
# tests/shell/port_taken.sh: when a port of the stack is already taken (a second
# checkout's suite, a system Postfix), mailstack.sh refuses to start and names the
# port and the process holding it, instead of Postfix's generic startup failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export SMTP_TEST_PORT_OFFSET=$(( ${SMTP_TEST_PORT_OFFSET:-0} + 250 ))
port=$((25871 + SMTP_TEST_PORT_OFFSET))   # the submission port of that stack
tmp=$(mktemp -d)
python3 -c 'import socket,sys,time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()
print("ready", flush=True); time.sleep(60)' "$port" >"$tmp/holder.out" &
holder=$!
trap 'kill $holder 2>/dev/null; "$root/tests/servers/mailstack.sh" stop "$tmp/stack" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do grep -q ready "$tmp/holder.out" && break; sleep 0.1; done
out=$("$root/tests/servers/mailstack.sh" start "$tmp/stack" 2>&1); rc=$?
want="mailstack: port $port is already in use by \"python3\",pid=$holder"
if [ $rc -ne 0 ] && grep -qF "$want" <<<"$out"; then
    echo "port taken: refused, naming port $port and pid $holder"
    exit 0
fi
echo "FAIL: want exit 1 and '$want', got exit $rc:"; echo "$out"; exit 1
