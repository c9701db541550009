--TEST--
SIZE: a message over the server's limit is refused before any data is sent; SMTPUTF8 addresses delivered
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$big = tempnam(sys_get_temp_dir(), 'sparse');
$h = fopen($big, 'r+'); ftruncate($h, 60 << 20); fclose($h);   // sparse: never read, the size decides
$e = expect_failure(fn() => smtp_send(msg(['attachments' => [['path' => $big]]]), relay_transport(['transcript' => true])));
echo count(preg_grep('/^C: (MAIL|BDAT|DATA)/', $e->getTranscript())), " commands sent\n";
unlink($big);
$r = smtp_send(msg(['to' => 'José Ñúñez <josé@example.test>', 'subject' => 'utf8 address']), relay_transport(['transcript' => true]));
echo implode("\n", preg_grep('/^C: (MAIL|RCPT)/', $r['transcript'])), "\n";
[$m] = delivered($r['message_id']);
echo $m['headers']['to'][0], "\n";
?>
--EXPECTF--
Smtp\Exception: SIZE: the message (%d bytes) is larger than localhost:%d accepts (52428800 bytes); nothing was sent
code=0 enhanced=NULL temporary=false unknown=false
in time
0 commands sent
C: MAIL FROM:<alice@example.test> SMTPUTF8 SIZE=%d
C: RCPT TO:<josé@example.test>
José Ñúñez <josé@example.test>
