--TEST--
Certificates: unknown CA refused without cafile, accepted with it; wrong host name refused; verify_peer=false only when asked
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$base = ['host' => 'localhost', 'port' => (int)stack('SMTPS_PORT'), 'security' => 'tls', 'timeout' => 5,
         'username' => stack('USER'), 'password' => stack('PASS')];
$m = msg(['subject' => 'cert test']);
expect_failure(fn() => smtp_send($m, $base));
$r = smtp_send($m, $base + ['cafile' => stack('CA')]);
echo "with cafile: ", substr($r['response'], 0, 3), "\n";
expect_failure(fn() => smtp_send($m, ['host' => '127.0.0.1', 'cafile' => stack('CA')] + $base));
$r = smtp_send($m, ['host' => '127.0.0.1', 'verify_peer' => false] + $base);
echo "verify_peer off: ", substr($r['response'], 0, 3), "\n";
expect_failure(fn() => smtp_send($m, ['cafile' => '/nonexistent/ca.pem'] + $base));
// STARTTLS on 587 also verifies
expect_failure(fn() => smtp_send($m, ['port' => (int)stack('SUBMISSION_PORT'), 'security' => 'starttls'] + $base));
?>
--EXPECTF--
Smtp\Exception: TLS certificate of localhost:%d rejected: %s (set 'cafile' to the CA that signed it, or fix the server's certificate)
code=0 enhanced=NULL temporary=false unknown=false
in time
with cafile: 250
Smtp\Exception: TLS certificate of 127.0.0.1:%d rejected: %s
code=0 enhanced=NULL temporary=false unknown=false
in time
verify_peer off: 250
Smtp\Exception: Could not load the CA certificates from /nonexistent/ca.pem: %s
code=0 enhanced=NULL temporary=false unknown=false
in time
Smtp\Exception: STARTTLS: TLS certificate of localhost:%d rejected: %s
code=0 enhanced=NULL temporary=false unknown=false
in time
