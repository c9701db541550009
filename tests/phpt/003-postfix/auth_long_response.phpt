--TEST--
AUTH: an initial response that would make the command line longer than 512 octets goes after a 334 instead (RFC 4954 4); a short one stays on the AUTH line
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
foreach (['short' => stack('PASS'), 'long (600)' => str_repeat('p', 600)] as $label => $password) {
    echo "-- $label\n";
    try {
        $r = smtp_send(msg(), submission_transport(['password' => $password, 'transcript' => true]));
        $t = $r['transcript'];
        echo "sent\n";
    } catch (Smtp\Exception $e) {
        $t = $e->getTranscript();
        echo 'Smtp\Exception: ', $e->getSmtpCode(), "\n";
    }
    echo implode("\n", array_map(fn($l) => substr($l, 0, 60), preg_grep('/^C: AUTH|^C: <redacted>|^S: (334|235|535)/', $t))), "\n";
}
?>
--EXPECTF--
-- short
sent
C: AUTH PLAIN <redacted>
S: 235 2.7.0 Authentication successful
-- long (600)
Smtp\Exception: 535
C: AUTH PLAIN
S: 334 
C: <redacted>
S: 535 5.7.8 Error: authentication failed: %s
