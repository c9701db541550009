--TEST--
Security catalogue 3: certificate problems, STARTTLS stripping and injection, hostile replies: each refused with the exact reason, memory bounded
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$tls = stack('DIR') . '/tls';
function hwm(): int { return preg_match('/VmHWM:\s+(\d+)/', file_get_contents('/proc/self/status'), $m) ? (int)$m[1] : 0; }
function attempt(string $label, callable $fn): void
{
    try {
        $r = $fn();
        echo "$label: sent (", substr($r['response'], 0, 3), ")\n";
    } catch (Smtp\Exception $e) {
        echo "$label: ", $e->getMessage(), " [temporary=", var_export($e->isTemporary(), true), "]\n";
    }
}

echo "-- certificates (implicit TLS to a scripted server)\n";
$certs = [
    'valid (control)' => ['server.pem', 'server.key', 'localhost'],
    'expired'         => ['expired.pem', 'expired.key', 'localhost'],
    'wrong host name' => ['wrongname.pem', 'wrongname.key', 'localhost'],
    'self-signed'     => ['selfsigned.pem', 'selfsigned.key', 'localhost'],
    'IP, cert for a name' => ['server.pem', 'server.key', '127.0.0.1'],
];
foreach ($certs as $label => [$cert, $key, $host]) {
    [$port] = fault_server('tls', ["$tls/$cert", "$tls/$key"]);
    attempt($label, fn() => smtp_send(msg(), ['host' => $host, 'port' => $port, 'security' => 'tls',
                                             'cafile' => "$tls/ca.pem", 'timeout' => 3]));
}

echo "-- STARTTLS\n";
[$port] = fault_server('no_starttls');
attempt('stripped (no STARTTLS offered)', fn() => smtp_send(msg(), fault_transport($port, ['security' => 'starttls'])));
[$port] = fault_server('starttls_inject');
attempt('response injection after 220', fn() => smtp_send(msg(), fault_transport($port, ['security' => 'starttls', 'cafile' => stack('CA')])));

echo "-- hostile replies\n";
$before = hwm();
$replies = [
    'non-numeric code'        => 'abc hello\r\n',
    'code 999'                => '999 too big\r\n',
    'code 199'                => '199 too small\r\n',
    'code 260 (bad 2nd digit)'=> '260 odd\r\n',
    'no space after code'     => '220hello\r\n',
    'mixed multi-line codes'  => '220-a\r\n250 b\r\n',
    'NUL in the greeting'     => '220 a\x00b\r\n',
    'line of 5000 bytes'      => '220 ' . str_repeat('x', 5000) . '\r\n',
    'empty line'              => '\r\n',
    'bare 220, then silence'  => '220\r\n',
    '300 lines'               => str_repeat('220-x\r\n', 300) . '220 end\r\n',
    'escape sequence in text' => '554 \x1b[2Jcleared\r\n',
];
foreach ($replies as $label => $bytes) {
    [$port] = fault_server('greeting', [$bytes]);
    attempt($label, fn() => smtp_send(msg(), fault_transport($port)));
}
foreach (['huge_line' => '100 KB line', 'endless_multiline' => 'endless multi-line', 'nul_bytes' => 'NUL bytes mid-dialogue',
          'garbage' => 'binary garbage'] as $scenario => $label) {
    [$port] = fault_server($scenario);
    attempt($label, fn() => smtp_send(msg(), fault_transport($port)));
}
$growth = hwm() - $before;
/* under valgrind the process's peak is valgrind's own: measured in the plain pass only */
$measured = getenv('USE_ZEND_ALLOC') !== '0';
echo "peak memory growth under 16 MB: ", !$measured || $growth < 16384 ? "yes" : "no ({$growth} kB)", "\n";
?>
--EXPECTF--
-- certificates (implicit TLS to a scripted server)
valid (control): sent (250)
expired: TLS certificate of localhost:%d rejected: certificate has expired (the server's certificate is outside its validity period: its administrator must renew it (or this machine's clock is wrong)) [temporary=false]
wrong host name: TLS certificate of localhost:%d rejected: hostname mismatch (the certificate is for another name: connect with the host name it was issued for) [temporary=false]
self-signed: TLS certificate of localhost:%d rejected: self-signed certificate (set 'cafile' to the CA that signed it, or fix the server's certificate) [temporary=false]
IP, cert for a name: TLS certificate of 127.0.0.1:%d rejected: IP address mismatch (the certificate is for another name: connect with the host name it was issued for) [temporary=false]
-- STARTTLS
stripped (no STARTTLS offered): STARTTLS: 127.0.0.1:%d does not offer STARTTLS; refusing to continue without encryption (use security 'tls' for implicit TLS, usually port 465) [temporary=false]
response injection after 220: STARTTLS: 127.0.0.1:%d sent 22 unexpected bytes after "220" and before the TLS handshake (response injection); connection aborted [temporary=false]
-- hostile replies
non-numeric code: Greeting: malformed reply from 127.0.0.1:%d: reply line does not start with a three-digit code [temporary=true]
code 999: Greeting: malformed reply from 127.0.0.1:%d: reply code out of range [temporary=true]
code 199: Greeting: malformed reply from 127.0.0.1:%d: reply code out of range [temporary=true]
code 260 (bad 2nd digit): Greeting: malformed reply from 127.0.0.1:%d: reply code out of range [temporary=true]
no space after code: Greeting: malformed reply from 127.0.0.1:%d: reply code not followed by a space or a hyphen [temporary=true]
mixed multi-line codes: Greeting: malformed reply from 127.0.0.1:%d: lines of a multi-line reply carry different codes [temporary=true]
NUL in the greeting: Greeting: malformed reply from 127.0.0.1:%d: reply contains a NUL byte [temporary=true]
line of 5000 bytes: Greeting: malformed reply from 127.0.0.1:%d: reply line longer than 4096 bytes [temporary=true]
empty line: Greeting: malformed reply from 127.0.0.1:%d: reply line does not start with a three-digit code [temporary=true]
bare 220, then silence: EHLO: Timed out after 3 s waiting for a reply from 127.0.0.1:%d [temporary=true]
300 lines: Greeting: malformed reply from 127.0.0.1:%d: reply has too many lines [temporary=true]
escape sequence in text: Greeting rejected by 127.0.0.1:%d: 554 ?[2Jcleared [temporary=false]
100 KB line: Greeting: malformed reply from 127.0.0.1:%d: reply line longer than 4096 bytes [temporary=true]
endless multi-line: Greeting: malformed reply from 127.0.0.1:%d: reply has too many lines [temporary=true]
NUL bytes mid-dialogue: Greeting: malformed reply from 127.0.0.1:%d: reply contains a NUL byte [temporary=true]
binary garbage: Greeting: malformed reply from 127.0.0.1:%d: reply line does not start with a three-digit code [temporary=true]
peak memory growth under 16 MB: yes
