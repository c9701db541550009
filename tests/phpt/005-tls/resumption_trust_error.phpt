--TEST--
A resumed TLS session never skips a trust decision: a session verified against one CA file (or not verified at all) is not resumed under another setting
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$m = msg(['subject' => 'resumption and trust']);
$with_ca = submission_transport(['transcript' => true]);
$system_bundle = $with_ca;
unset($system_bundle['cafile']);

echo "-- verified against the test CA, twice: the second resumes\n";
smtp_send($m, $with_ca);
$r = smtp_send($m, $with_ca);
echo "resumed: ", preg_grep('/session resumed/', $r['transcript']) ? 'yes' : 'no', "\n";

echo "-- the same server with the system bundle, while a verified session is cached: a full handshake, and the test CA is unknown there\n";
/* against Postfix with TLS 1.3 a resumed connection leaves no new ticket: one more full handshake caches one */
$r = smtp_send($m, $with_ca);
echo "a session is cached: ", preg_grep('/session resumed/', $r['transcript']) ? 'no' : 'yes', "\n";
expect_failure(fn() => smtp_send($m, $system_bundle));

echo "-- unverified first, then verified with the system bundle: refused, not resumed\n";
smtp_send($m, ['verify_peer' => false] + $system_bundle);
expect_failure(fn() => smtp_send($m, $system_bundle));

echo "-- smtp_probe() shares the cache and the rule\n";
$p = smtp_probe($with_ca);
echo "with the CA: ", $p['ok'] ? 'ok' : $p['error'], "\n";
$p = smtp_probe($system_bundle);
echo "system bundle: {$p['stage']}: {$p['error']}\n";
?>
--EXPECTF--
-- verified against the test CA, twice: the second resumes
resumed: yes
-- the same server with the system bundle, while a verified session is cached: a full handshake, and the test CA is unknown there
a session is cached: yes
Smtp\Exception: STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate)
code=0 enhanced=NULL temporary=false unknown=false
in time
-- unverified first, then verified with the system bundle: refused, not resumed
Smtp\Exception: STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate)
code=0 enhanced=NULL temporary=false unknown=false
in time
-- smtp_probe() shares the cache and the rule
with the CA: ok
system bundle: tls: STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate)
