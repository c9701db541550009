--TEST--
Diagnostics: DNS, ports (a port that does not answer is called blocked by the cloud host), greeting, TLS and certificate, AUTH, and a summary saying what to do; nothing is sent
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
global $wpdb;
function diagnose(array $settings): void
{
    use_settings($settings);
    foreach (PhpSmtp\Diagnostics::run() as [$step, $ok, $detail]) {
        if (preg_match('/^TCP port (25|465|587)$/', $step) && $ok === null) continue;   /* the machine's other ports: not ours to assert */
        echo '  ', $ok === null ? 'info' : ($ok ? 'OK' : 'PROBLEM'), " | $step | $detail\n";
    }
}
$logged = (int)$wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table());

echo "-- the plain relay: no TLS, no AUTH\n";
diagnose(relay_settings());

echo "-- submission with the wrong password: TLS and the certificate fine, the login refused\n";
$submission = ['host' => 'localhost', 'port' => (int)stack('SUBMISSION_PORT'), 'security' => 'starttls', 'auth' => 'auto',
               'username' => stack('USER'), 'password' => 'wrong-password', 'cafile' => stack('CA'), 'from' => stack('USER'), 'timeout' => 5];
diagnose($submission);

echo "-- a CA this site does not know\n";
diagnose(['cafile' => ''] + $submission);

echo "-- a port that never answers (its queue is full, so connection attempts are dropped)\n";
$srv = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN,
                            stream_context_create(['socket' => ['backlog' => 0]]));
$bh = (int)substr(strrchr(stream_socket_get_name($srv, false), ':'), 1);
$filler = stream_socket_client("tcp://127.0.0.1:$bh", $errno, $errstr, 2);
diagnose(relay_settings(['host' => '127.0.0.1', 'port' => $bh, 'timeout' => 2]));

echo "-- nothing listens\n";
diagnose(relay_settings(['host' => '127.0.0.1', 'port' => 1]));

echo "-- the name does not resolve\n";
diagnose(relay_settings(['host' => 'no-such-host.invalid']));

echo "nothing was sent or logged: ", (int)$wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table()) === $logged ? 'yes' : 'NO', "\n";
?>
--EXPECTF--
-- the plain relay: no TLS, no AUTH
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s
  OK | SMTP greeting and EHLO | the server offers: PIPELINING, CHUNKING, 8BITMIME, SMTPUTF8, STARTTLS, SIZE 50 MB
  info | TLS and certificate | not used (security: none); only right for a relay on this machine or network
  info | Authentication | not used (no user name configured)
  OK | Summary | Everything a send needs works: connection, TLS and authentication. The Test email tab sends a real message.
-- submission with the wrong password: TLS and the certificate fine, the login refused
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s/tls/ca.pem
  OK | SMTP greeting and EHLO | the server offers: PIPELINING, CHUNKING, 8BITMIME, SMTPUTF8, SIZE 50 MB, AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER
  OK | TLS and certificate | TLSv1.%d %s; certificate CN=localhost issued by CN=php-smtp test CA, valid until %s, checked against the CA bundle
  PROBLEM | Authentication | AUTH PLAIN rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s
  PROBLEM | Summary | The server refused the login: AUTH PLAIN rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s. Check the user name and password. Gmail needs an app password (or OAuth), SendGrid the user name "apikey" with an API key, Mandrill an API key as the password.
-- a CA this site does not know
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | /%s
  OK | SMTP greeting and EHLO | the server offers: PIPELINING, CHUNKING, 8BITMIME, SMTPUTF8, STARTTLS, SIZE 50 MB
  PROBLEM | TLS and certificate | STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate)
  PROBLEM | Summary | TLS failed: STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate). If the server uses a private CA, set the CA bundle to that CA; an expired certificate or one for another name must be fixed on the server; "Security" must match the port (465: TLS, 587: STARTTLS).
-- a port that never answers (its queue is full, so connection attempts are dropped)
  OK | DNS | 127.0.0.1 resolves to 127.0.0.1
  PROBLEM | TCP port %d | no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port
  info | CA bundle | %s
  PROBLEM | Summary | Port %d does not answer at all: it is probably blocked by your cloud host or a firewall. Ask the host to open outgoing SMTP, or use another port (587 with STARTTLS, 465 with TLS) if one answers above.
-- nothing listens
  OK | DNS | 127.0.0.1 resolves to 127.0.0.1
  PROBLEM | TCP port 1 | refused: Connection refused
  info | CA bundle | %s
  PROBLEM | Summary | Nothing accepts connections on 127.0.0.1:1: check the port (587 for STARTTLS, 465 for TLS) and that the server is running.
-- the name does not resolve
  PROBLEM | DNS | no-such-host.invalid does not resolve.
  PROBLEM | Summary | The SMTP host name does not resolve: check its spelling, and that this server can resolve names (its DNS resolver).
nothing was sent or logged: yes
