--TEST--
SMTPUTF8: a UTF-8 address in reply_to or sender asks for SMTPUTF8 (delivered by Postfix, refused before MAIL by a server without it)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_auth');   /* EHLO without SMTPUTF8 */
$fields = [
    'reply_to' => ['reply_to' => ['José <josé@example.test>', 'ann@example.test'], 'subject' => 'utf8 reply-to'],
    'sender' => ['sender' => 'Zoë <zoë@example.test>', 'subject' => 'utf8 sender'],
];
foreach ($fields as $field => $extra) {
    echo "-- $field\n";
    $e = expect_failure(fn() => smtp_send(msg($extra), fault_transport($port, ['transcript' => true])));
    echo count(preg_grep('/^C: (MAIL|RCPT|BDAT|DATA)/', $e ? $e->getTranscript() : [])), " commands sent\n";
    $r = smtp_send(msg($extra), relay_transport(['transcript' => true]));
    echo implode("\n", preg_grep('/^C: MAIL/', $r['transcript'])), "\n";
    [$m] = delivered($r['message_id']);
    $h = $field === 'reply_to' ? 'reply-to' : 'sender';
    echo "$h: ", $m['headers'][$h][0], "\n";
}
?>
--EXPECTF--
-- reply_to
Smtp\Exception: SMTPUTF8: the message has non-ASCII addresses but 127.0.0.1:%d does not offer SMTPUTF8; nothing was sent
code=0 enhanced=NULL temporary=false unknown=false
in time
0 commands sent
C: MAIL FROM:<alice@example.test> SMTPUTF8 SIZE=%d
reply-to: José <josé@example.test>, ann@example.test
-- sender
Smtp\Exception: SMTPUTF8: the message has non-ASCII addresses but 127.0.0.1:%d does not offer SMTPUTF8; nothing was sent
code=0 enhanced=NULL temporary=false unknown=false
in time
0 commands sent
C: MAIL FROM:<alice@example.test> SMTPUTF8 SIZE=%d
sender: Zoë <zoë@example.test>
