--TEST--
587 with STARTTLS before AUTH PLAIN: the message arrives, Received proves TLS and login, transcript redacted
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$r = smtp_send(msg(['subject' => 'submission test']), submission_transport(['transcript' => true]));
echo $r['response'] !== '' && str_starts_with($r['response'], '250 ') ? "250\n" : "response: {$r['response']}\n";
var_dump($r['accepted'], $r['rejected']);
[$m] = delivered($r['message_id']);
echo $m['headers']['subject'][0], "\n";
$received = implode("\n", $m['headers']['received']);
echo preg_match('/using TLSv1\.[23]/', $received) ? "TLS in Received\n" : "no TLS: $received\n";
echo str_contains($received, 'Authenticated sender: alice@example.test') ? "login in Received\n" : "no login: $received\n";
$t = implode("\n", $r['transcript']);
echo str_contains($t, 'AUTH PLAIN <redacted>') ? "redacted\n" : "NOT REDACTED\n";
var_dump(str_contains($t, stack('PASS')), str_contains($t, base64_encode("\0" . stack('USER') . "\0" . stack('PASS'))));
echo strpos($t, 'STARTTLS') < strpos($t, 'AUTH PLAIN') ? "STARTTLS before AUTH\n" : "order wrong\n";
?>
--EXPECT--
250
array(1) {
  [0]=>
  string(16) "bob@example.test"
}
array(0) {
}
submission test
TLS in Received
login in Received
redacted
bool(false)
bool(false)
STARTTLS before AUTH
