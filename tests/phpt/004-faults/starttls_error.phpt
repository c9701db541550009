--TEST--
STARTTLS not offered (stripping) refused; plaintext injected after "220 Ready to start TLS" aborts; no credentials in plaintext
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_starttls');
expect_failure(fn() => smtp_send(msg(), fault_transport($port, ['security' => 'starttls'])));
[$port] = fault_server('starttls_inject');
expect_failure(fn() => smtp_send(msg(), fault_transport($port, ['security' => 'starttls'])));
// plaintext AUTH is allowed to loopback only (a non-loopback peer is refused: see 005-tls)
[$port] = fault_server('no_starttls');
$r = smtp_send(msg(), fault_transport($port, ['username' => 'u@example.test', 'password' => 'pw-on-loopback', 'transcript' => true]));
echo implode("\n", preg_grep('/AUTH/', $r['transcript'])), "\n";
?>
--EXPECTF--
Smtp\Exception: STARTTLS: 127.0.0.1:%d does not offer STARTTLS; refusing to continue without encryption (use security 'tls' for implicit TLS, usually port 465)
code=0 enhanced=NULL temporary=false unknown=false
in time
Smtp\Exception: STARTTLS: 127.0.0.1:%d sent 22 unexpected bytes after "220" and before the TLS handshake (response injection); connection aborted
code=0 enhanced=NULL temporary=false unknown=false
in time
S: 250 AUTH PLAIN LOGIN
C: AUTH PLAIN <redacted>
