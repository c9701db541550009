#!/usr/bin/env bash
# mailstack.sh start|stop|postfix-stop|postfix-start DIR
#
# A private, loopback-only mail stack for the tests, in DIR, leaving the
# system's own Postfix and Dovecot untouched:
#   - a CA and a server certificate for "localhost" (generated here)
#   - Dovecot, auth only (no IMAP/POP), users in a passwd-file, SASL socket for Postfix
#   - Postfix with three listeners:
#       RELAY       plain relay for @example.test, no auth, STARTTLS offered
#       SUBMISSION  587-style: STARTTLS required before AUTH, AUTH required to send
#       SMTPS       465-style implicit TLS, AUTH required
#     delivering through virtual(8) to DIR/mail/inbox/ (one Maildir, a file per recipient)
#   - smtp-sink (PIPELINING, no CHUNKING/STARTTLS) for fast benchmarks
#   - authserver.py: an HTTPS OAuth 2.0 authorization server (Google-like); Dovecot's
#     oauth2 passdb checks XOAUTH2 / OAUTHBEARER tokens against its tokeninfo
# Writes DIR/env with the ports, paths and credentials for the tests.
set -euo pipefail

cmd=${1:?usage: mailstack.sh start|stop DIR}
# DIR as the caller names it; when it is a symlink (see place_state) the state is
# where it points.
name=$(realpath -ms "${2:?usage: mailstack.sh start|stop DIR}")
dir=$name
[ -L "$name" ] && dir=$(readlink -f "$name")

# Fixed loopback ports; SMTP_TEST_PORT_OFFSET moves them all (a second checkout
# running its suite beside the first uses e.g. 500).
off=${SMTP_TEST_PORT_OFFSET:-0}
RELAY_PORT=${RELAY_PORT:-$((25251 + off))}
SUBMISSION_PORT=${SUBMISSION_PORT:-$((25871 + off))}
SMTPS_PORT=${SMTPS_PORT:-$((24651 + off))}
SINK_PORT=${SINK_PORT:-$((25252 + off))}
OAUTH_PORT=${OAUTH_PORT:-$((24443 + off))}
OAUTH_CLIENT_ID=php-smtp-tests.apps.example.test
OAUTH_CLIENT_SECRET=GOCSPX-local-test-client-secret-42
TEST_USER=alice@example.test
TEST_PASS='correct-horse-battery-staple-7'

stop() {
    [ -d "$dir/postfix" ] && postfix -c "$dir/postfix" stop >/dev/null 2>&1 || true
    [ -f "$dir/dovecot.conf" ] && doveadm -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
    [ -f "$dir/sink.pid" ] && kill "$(cat "$dir/sink.pid")" 2>/dev/null || true
    [ -f "$dir/authserver.pid" ] && kill "$(cat "$dir/authserver.pid")" 2>/dev/null || true
    # wait for the ports to close
    for _ in $(seq 50); do
        ss -ltn 2>/dev/null | grep -qE ":($RELAY_PORT|$SUBMISSION_PORT|$SMTPS_PORT|$SINK_PORT|$OAUTH_PORT) " || break
        sleep 0.1
    done
}

make_certs() {
    local d=$dir/tls
    mkdir -p "$d"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=php-smtp test CA" \
        -keyout "$d/ca.key" -out "$d/ca.pem" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$d/server.key" \
        -out "$d/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$d/ext.cnf"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
        -days 3650 -extfile "$d/ext.cnf" -out "$d/server.pem" 2>/dev/null
    # a self-signed certificate, and one for the wrong name, for the failure tests
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost" -keyout "$d/selfsigned.key" -out "$d/selfsigned.pem" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=wrong.example" -keyout "$d/wrongname.key" \
        -out "$d/wrongname.csr" 2>/dev/null
    printf 'subjectAltName=DNS:wrong.example\n' > "$d/ext2.cnf"
    openssl x509 -req -in "$d/wrongname.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
        -days 3650 -extfile "$d/ext2.cnf" -out "$d/wrongname.pem" 2>/dev/null
    # an expired one (valid in January 2020 only), signed by the test CA
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$d/expired.key" -out "$d/expired.csr" 2>/dev/null
    touch "$d/index.txt"
    echo 01 > "$d/serial"
    printf '[ca]\ndefault_ca=test\n[test]\ndatabase=%s/index.txt\nnew_certs_dir=%s\nserial=%s/serial\ndefault_md=sha256\npolicy=any\n[any]\ncommonName=supplied\n[server]\nsubjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' \
        "$d" "$d" "$d" > "$d/ca.cnf"
    openssl ca -batch -config "$d/ca.cnf" -cert "$d/ca.pem" -keyfile "$d/ca.key" -in "$d/expired.csr" \
        -out "$d/expired.pem" -startdate 20200101000000Z -enddate 20200201000000Z -extensions server >/dev/null 2>&1
    chmod 0644 "$d"/*.pem
    chmod 0600 "$d"/*.key
}

start_dovecot() {
    mkdir -p "$dir/dovecot-run" "$dir/dovecot-state"
    printf '%s:{PLAIN}%s\n' "$TEST_USER" "$TEST_PASS" > "$dir/users"
    printf 'bob@example.test:{PLAIN}bob-password\n' >> "$dir/users"
    chmod 0644 "$dir/users"
    cat > "$dir/dovecot.conf" <<CONF
base_dir = $dir/dovecot-run
state_dir = $dir/dovecot-state
instance_name = php-smtp-tests
log_path = $dir/dovecot.log
protocols =
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
# flat and short: Dovecot otherwise delays repeated failures up to 15 s
auth_failure_delay = 0
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u $dir/users
}
# Bearer tokens are checked at the local authorization server, every time (no
# auth cache), so a revoked token is refused at once.
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $dir/dovecot-oauth2.conf.ext
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}
service auth {
  unix_listener $dir/auth-postfix {
    mode = 0666
  }
}
# No brute-force penalty: the suite fails authentication on purpose many times
# from 127.0.0.1, and anvil would delay each later attempt by up to 15 s.
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
CONF
    cat > "$dir/dovecot-oauth2.conf.ext" <<CONF
introspection_mode = post
introspection_url = https://localhost:$OAUTH_PORT/tokeninfo
force_introspection = yes
username_attribute = email
active_attribute = active
active_value = true
tls_ca_cert_file = $dir/tls/ca.pem
CONF
    dovecot -c "$dir/dovecot.conf" </dev/null >/dev/null 2>&1
}

start_authserver() {
    python3 "$(dirname "$0")/authserver.py" "$OAUTH_PORT" "$dir/tls/server.pem" "$dir/tls/server.key" \
        "$OAUTH_CLIENT_ID" "$OAUTH_CLIENT_SECRET" </dev/null >/dev/null 2>"$dir/authserver.log" &
    echo $! > "$dir/authserver.pid"
}

start_postfix() {
    local pf=$dir/postfix
    mkdir -p "$pf" "$dir/queue" "$dir/data" "$dir/mail"
    chown nobody:nogroup "$dir/mail"
    chown postfix "$dir/data"
    cat > "$pf/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $dir/queue
data_directory = $dir/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.example.test
mydomain = example.test
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.2/32
maillog_file = $dir/maillog
maillog_file_prefixes = $dir
smtputf8_enable = yes
virtual_mailbox_domains = example.test, xn--mller-kva.example.test, müller.example.test
virtual_mailbox_base = $dir/mail
# every recipient shares one Maildir: tests find their message by Message-ID
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(getent group nogroup | cut -d: -f3)
virtual_mailbox_limit = 0
message_size_limit = 52428800
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_cert_file = $dir/tls/server.pem
smtpd_tls_key_file = $dir/tls/server.key
smtpd_tls_security_level = may
smtpd_tls_received_header = yes
smtpd_sasl_authenticated_header = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dir/auth-postfix
smtpd_tls_session_cache_database = btree:$dir/data/smtpd_scache
smtpd_tls_session_cache_timeout = 3600s
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_client_connection_rate_limit = 0
anvil_rate_time_unit = 60s
CONF
    cat > "$pf/master.cf" <<CONF
127.0.0.1:$RELAY_PORT inet n - n - - smtpd
127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
127.0.0.1:$SMTPS_PORT inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
local     unix  - n n - - local
virtual   unix  - n n - - virtual
lmtp      unix  - - n - - lmtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
CONF
    # postfix logs its own fatal errors to syslog only; a pseudo-terminal makes it say them
    script -qec "postfix -c $pf check" /dev/null || { echo "mailstack: postfix check failed" >&2; exit 1; }
    script -qec "postfix -c $pf start" /dev/null </dev/null >"$dir/postfix-start.log" 2>&1 || { cat "$dir/postfix-start.log" >&2; exit 1; }
}

start_sink() {
    mkdir -p "$dir/sink"
    smtp-sink -u nobody -c "127.0.0.1:$SINK_PORT" 512 >/dev/null 2>&1 &
    echo $! > "$dir/sink.pid"
}

# Refuses to start when one of the stack's ports is already taken, naming the
# port and the process that holds it (a second checkout's suite, a system Postfix).
check_ports_free() {
    local p holder busy=0
    for p in "$@"; do
        holder=$(ss -ltnpH "sport = :$p" 2>/dev/null | head -1)
        [ -n "$holder" ] || continue
        busy=1
        holder=$(echo "$holder" | sed -n 's/.*users:((\(.*\)))$/\1/p')
        echo "mailstack: port $p is already in use by ${holder:-another process}; stop it or set SMTP_TEST_PORT_OFFSET (e.g. 500) to move the test ports" >&2
    done
    return $busy
}

wait_port() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "mailstack: nothing listens on port $1" >&2
    return 1
}

# Postfix's master opens its lock, and Dovecot's auth and virtual(8) their files,
# as their own unprivileged users, who cannot pass through a folder closed to
# others: root's home (Debian makes it 0700) or any `mktemp -d` folder. Then the
# state goes to /var/tmp/php-smtp-stack-<hash of DIR> and DIR becomes a symlink to it.
place_state() {
    rm -rf "$dir"
    [ -L "$name" ] && rm -f "$name"
    mkdir -p "$(dirname "$name")"
    if runuser -u postfix -- test -x "$(dirname "$name")" 2>/dev/null &&
       runuser -u dovecot -- test -x "$(dirname "$name")" 2>/dev/null; then
        dir=$name
        mkdir -p "$dir"
    else
        dir=/var/tmp/php-smtp-stack-$(printf '%s' "$name" | sha256sum | cut -c1-16)
        rm -rf "$dir"
        mkdir -p "$dir"
        ln -s "$dir" "$name"
        echo "mailstack: $(dirname "$name") is closed to the postfix user; the stack's state is in $dir (linked from $name)"
    fi
    chmod 0755 "$dir"
}

case $cmd in
start)
    stop
    check_ports_free $RELAY_PORT $SUBMISSION_PORT $SMTPS_PORT $SINK_PORT $OAUTH_PORT || exit 1
    place_state
    make_certs
    start_dovecot
    start_postfix
    start_sink
    start_authserver
    for p in $RELAY_PORT $SUBMISSION_PORT $SMTPS_PORT $SINK_PORT $OAUTH_PORT; do wait_port "$p"; done
    cat > "$dir/env" <<ENV
SMTP_TEST_DIR=$dir
SMTP_TEST_RELAY_PORT=$RELAY_PORT
SMTP_TEST_SUBMISSION_PORT=$SUBMISSION_PORT
SMTP_TEST_SMTPS_PORT=$SMTPS_PORT
SMTP_TEST_SINK_PORT=$SINK_PORT
SMTP_TEST_CA=$dir/tls/ca.pem
SMTP_TEST_MAILDIR=$dir/mail
SMTP_TEST_USER=$TEST_USER
SMTP_TEST_PASS=$TEST_PASS
SMTP_TEST_OAUTH_PORT=$OAUTH_PORT
SMTP_TEST_OAUTH_URL=https://localhost:$OAUTH_PORT
SMTP_TEST_OAUTH_CLIENT_ID=$OAUTH_CLIENT_ID
SMTP_TEST_OAUTH_CLIENT_SECRET=$OAUTH_CLIENT_SECRET
ENV
    echo "mailstack: running in $dir (relay $RELAY_PORT, submission $SUBMISSION_PORT, smtps $SMTPS_PORT, sink $SINK_PORT)"
    ;;
stop)
    stop
    ;;
postfix-stop)
    # the relay goes down (all three Postfix listeners), the rest of the stack stays
    postfix -c "$dir/postfix" stop >/dev/null 2>&1
    for _ in $(seq 100); do
        ss -ltn 2>/dev/null | grep -qE ":($RELAY_PORT|$SUBMISSION_PORT|$SMTPS_PORT) " || exit 0
        sleep 0.1
    done
    echo "mailstack: postfix still listening" >&2
    exit 1
    ;;
postfix-start)
    script -qec "postfix -c $dir/postfix start" /dev/null </dev/null >"$dir/postfix-start.log" 2>&1 || { cat "$dir/postfix-start.log" >&2; exit 1; }
    for p in $RELAY_PORT $SUBMISSION_PORT $SMTPS_PORT; do wait_port "$p"; done
    ;;
*)
    echo "usage: mailstack.sh start|stop|postfix-stop|postfix-start DIR" >&2
    exit 2
    ;;
esac
