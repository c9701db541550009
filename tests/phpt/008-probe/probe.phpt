--TEST--
smtp_probe(): how far a connection gets (connect, greeting, TLS and certificate, AUTH) and what it saw, without sending anything; problems are reported with the stage, not thrown
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
function show(array $r): void
{
    echo $r['ok'] ? 'ok' : 'NOT ok', " at {$r['stage']}", $r['error'] !== null ? ": {$r['error']}" : '',
         $r['smtp_code'] ? " [{$r['smtp_code']}]" : '', $r['temporary'] ? ' (temporary)' : '', "\n";
}

echo "-- submission: STARTTLS, certificate, AUTH\n";
$r = smtp_probe(submission_transport());
show($r);
echo "tls: ", preg_match('/^TLSv1\.[23] \S+$/', $r['tls']) ? 'TLSv1.2+ with a cipher' : $r['tls'], "\n";
echo "certificate: {$r['certificate']['subject']} issued by {$r['certificate']['issuer']}, ",
     $r['certificate']['not_after'] > time() + 86400 * 365 ? 'valid for years' : 'expiring', ", verified: ", var_export($r['certificate']['verified'], true), "\n";
echo "authenticated: ", var_export($r['authenticated'], true), "; AUTH offered: ", implode(' ', $r['capabilities']['auth']),
     "; pipelining: ", var_export($r['capabilities']['pipelining'], true), ", chunking: ", var_export($r['capabilities']['chunking'], true),
     ", size: {$r['capabilities']['size']}\n";
$t = implode("\n", $r['transcript']);
echo "nothing sent: ", !str_contains($t, 'MAIL FROM') && !str_contains($t, 'RCPT') && !str_contains($t, 'DATA') ? 'yes' : 'NO', "; ended with QUIT: ",
     str_contains($t, 'C: QUIT') ? 'yes' : 'no', "; password in the transcript: ",
     str_contains($t, stack('PASS')) || str_contains($t, base64_encode("\0" . stack('USER') . "\0" . stack('PASS'))) ? 'YES' : 'no', "\n";

echo "-- the wrong password: stops at auth with the server's words\n";
$r = smtp_probe(submission_transport(['password' => 'not-the-password']));
show($r);
echo "TLS was fine: ", $r['tls'] !== null ? 'yes' : 'no', "\n";

echo "-- a CA the client does not know\n";
$noca = submission_transport();
unset($noca['cafile']);
show(smtp_probe($noca));

echo "-- an expired certificate\n";
[$port] = fault_server('tls', [stack('DIR') . '/tls/expired.pem', stack('DIR') . '/tls/expired.key']);
show(smtp_probe(['host' => 'localhost', 'port' => $port, 'security' => 'tls', 'cafile' => stack('CA'), 'timeout' => 5]));

echo "-- STARTTLS missing where it is required\n";
[$port] = fault_server('no_starttls');
show(smtp_probe(['host' => '127.0.0.1', 'port' => $port, 'security' => 'starttls', 'timeout' => 5]));

echo "-- the server turns us away at the greeting\n";
[$port] = fault_server('greeting_421');
show(smtp_probe(fault_transport($port)));

echo "-- nothing listens; the name does not resolve\n";
show(smtp_probe(['host' => '127.0.0.1', 'port' => 1, 'security' => 'none', 'timeout' => 3]));
show(smtp_probe(['host' => 'no-such-host.invalid', 'port' => 25, 'timeout' => 3]));

echo "-- bad arguments are still thrown, before any connection\n";
try { smtp_probe(['port' => 'many']); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { smtp_probe(['hots' => 'x']); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
?>
--EXPECTF--
-- submission: STARTTLS, certificate, AUTH
ok at done
tls: TLSv1.2+ with a cipher
certificate: CN=localhost issued by CN=php-smtp test CA, valid for years, verified: true
authenticated: true; AUTH offered: PLAIN LOGIN XOAUTH2 OAUTHBEARER; pipelining: true, chunking: true, size: 52428800
nothing sent: yes; ended with QUIT: yes; password in the transcript: no
-- the wrong password: stops at auth with the server's words
NOT ok at auth: AUTH PLAIN rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s [535]
TLS was fine: yes
-- a CA the client does not know
NOT ok at tls: STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate)
-- an expired certificate
NOT ok at tls: TLS certificate of localhost:%d rejected: certificate has expired%s
-- STARTTLS missing where it is required
NOT ok at tls: %sSTARTTLS%s
-- the server turns us away at the greeting
NOT ok at greeting: Greeting rejected by 127.0.0.1:%d: 421 4.3.2 Service not available, closing transmission channel [421] (temporary)
-- nothing listens; the name does not resolve
NOT ok at connect: Connection to 127.0.0.1:1 refused (127.0.0.1: Connection refused): no SMTP server is listening on that port (temporary)
NOT ok at connect: Could not resolve no-such-host.invalid: %s (check the host name and this server's DNS)%A
-- bad arguments are still thrown, before any connection
%s: smtp_probe(): Argument #1 ($transport) %s
%s: smtp_probe(): Argument #1 ($transport) %s
