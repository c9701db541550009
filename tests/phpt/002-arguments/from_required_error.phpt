--TEST--
"from" is required even when "envelope_from" is given: a ValueError naming "from", nothing sent (was a NULL From and a segfault)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_auth')   /* a plain server that accepts everything */;
$cases = [
    'envelope_from only' => ['envelope_from' => 'a@example.test', 'to' => 'b@example.test', 'text' => 'hi'],
    'empty envelope_from' => ['envelope_from' => '', 'to' => 'b@example.test', 'text' => 'hi'],
    'raw with envelope_from' => ['envelope_from' => 'a@example.test', 'to' => 'b@example.test',
                                 'raw' => "From: a@example.test\r\nSubject: x\r\n\r\nbody\r\n"],
];
foreach ($cases as $label => $m) {
    try {
        smtp_send($m, fault_transport($port, ['transcript' => true]));
        echo "$label: SENT\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
/* nothing reached the server: a message with "from" is the first it sees */
$r = smtp_send(msg(['envelope_from' => 'bounce@example.test']), fault_transport($port, ['transcript' => true]));
echo implode("\n", array_values(array_filter($r['transcript'], fn($l) => str_starts_with($l, 'C: MAIL')))), "\n";
?>
--EXPECTF--
envelope_from only: ValueError: smtp_send(): Argument #1 ($message) must have a "from" address ("envelope_from" sets only the envelope sender)
empty envelope_from: ValueError: smtp_send(): Argument #1 ($message) must have a "from" address ("envelope_from" sets only the envelope sender)
raw with envelope_from: ValueError: smtp_send(): Argument #1 ($message) must have a "from" address ("envelope_from" sets only the envelope sender)
C: MAIL FROM:<bounce@example.test> SIZE=%d
