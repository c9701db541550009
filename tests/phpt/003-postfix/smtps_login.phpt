--TEST--
465 implicit TLS with AUTH LOGIN; wrong password gives 535 with the server's words
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$r = smtp_send(msg(['subject' => 'smtps login']), smtps_transport(['auth' => 'login', 'transcript' => true]));
[$m] = delivered($r['message_id']);
echo $m['headers']['subject'][0], "\n";
echo str_contains(implode("\n", $m['headers']['received']), 'Authenticated sender') ? "authenticated\n" : "not authenticated\n";
echo count(preg_grep('/^C: <redacted>$/', $r['transcript'])), " redacted LOGIN lines\n";
$e = expect_failure(fn() => smtp_send(msg(), smtps_transport(['password' => 'wrong-password-xyz'])));
var_dump(str_contains(implode("\n", $e->getTranscript()), 'wrong-password-xyz'));
?>
--EXPECTF--
smtps login
authenticated
2 redacted LOGIN lines
Smtp\Exception: AUTH PLAIN rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s
code=535 enhanced='5.7.8' temporary=false unknown=false
in time
bool(false)
