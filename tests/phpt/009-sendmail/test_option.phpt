--TEST--
php-smtp-sendmail --test ADDRESS: sends a short test message and prints the redacted transcript; a failure prints where it stopped; --version, --help
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind(); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
$conf = sm_config(['spool' => sm_dir() . '/spool']);
[$rc, $out, $err] = sm_run(['-C', $conf, '--test', 'bob@example.test']);
echo "exit $rc, stderr '$err'\n";
foreach (['*: connecting to localhost:', 'C: STARTTLS', '*: TLS established (TLSv1.', 'C: AUTH PLAIN <redacted>', 'S: 235 ', 'C: RCPT TO:<bob@example.test>', 'sent: 250 2.0.0 Ok'] as $want) {
    echo str_contains($out, $want) ? "has '$want'\n" : "MISSING '$want'\n";
}
echo "password shown: ", str_contains($out, stack('PASS')) || str_contains($out, base64_encode("\0" . stack('USER') . "\0" . stack('PASS'))) ? "yes" : "no", "\n";
[$m] = delivered_by_subject('php-smtp-sendmail test message');
echo "delivered to ", $m['headers']['x-original-to'][0], ": ", trim(body_of($m)) === 'This is a test message from php-smtp-sendmail on ' . gethostname() . '.' ? "the test text" : body_of($m), "\n";

echo "-- a failure is never spooled by --test, and shows where it stopped\n";
[$rc, $out] = sm_run(['-C', sm_config(['password' => 'wrong-password', 'spool' => sm_dir() . '/spool']), '--test', 'bob@example.test']);
echo "exit $rc; ", str_contains($out, 'S: 535 5.7.8') ? "535 in the transcript" : $out, "; last line: ", preg_replace('/localhost:\d+/', 'localhost:PORT', substr(trim($out), strrpos(trim($out), "\n") + 1)), "; spooled: ", count(glob(sm_dir() . '/spool/*')), "\n";
[$rc, $out] = sm_run(['--version']);
echo "--version: exit $rc ", preg_match('/^php-smtp-sendmail \d+\.\d+\.\d+ \(OpenSSL /', $out) ? "ok" : $out, "\n";
[$rc, $out] = sm_run(['--help']);
echo "--help: exit $rc ", str_starts_with($out, 'usage: php-smtp-sendmail') ? "ok" : $out, "\n";
?>
--EXPECT--
exit 0, stderr ''
has '*: connecting to localhost:'
has 'C: STARTTLS'
has '*: TLS established (TLSv1.'
has 'C: AUTH PLAIN <redacted>'
has 'S: 235 '
has 'C: RCPT TO:<bob@example.test>'
has 'sent: 250 2.0.0 Ok'
password shown: no
delivered to bob@example.test: the test text
-- a failure is never spooled by --test, and shows where it stopped
exit 77; 535 in the transcript; last line: failed: AUTH PLAIN rejected by localhost:PORT: 535 5.7.8 Error: authentication failed: (reason unavailable); spooled: 0
--version: exit 0 ok
--help: exit 0 ok
