--TEST--
8-bit raw message to a server without 8BITMIME: refused before MAIL (RFC 6152), nothing sent; 7-bit raw and MIME-encoded UTF-8 still go
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_8bitmime');
$raw = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: 8bit\r\nContent-Type: text/plain; charset=UTF-8\r\n"
     . "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n";
$e = expect_failure(fn() => smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => $raw],
                                      fault_transport($port, ['transcript' => true])));
echo count(preg_grep('/^C: (MAIL|RCPT|DATA)/', $e->getTranscript())), " commands of a transaction sent\n";
$r = smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => str_replace('Grüße', 'Gruesse', $raw)],
               fault_transport($port));
echo $r['response'], "\n";
$r = smtp_send(msg(['text' => "Grüße\n", 'subject' => 'Grüße']), fault_transport($port));
echo $r['response'], "\n";
?>
--EXPECTF--
Smtp\Exception: 8BITMIME: the message has 8-bit content (bytes above 127) but 127.0.0.1:%d does not offer 8BITMIME (RFC 6152); nothing was sent
code=0 enhanced=NULL temporary=false unknown=false
in time
0 commands of a transaction sent
250 2.0.0 queued
250 2.0.0 queued
