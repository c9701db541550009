--TEST--
4xx on one RCPT, 250 on another: sent to the accepted one, the refusal reported per recipient
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('rcpt_mixed');
$r = smtp_send(msg(['to' => ['ok@example.test', 'busy@example.test']]), fault_transport($port));
print_r($r['accepted']);
print_r($r['rejected']);
echo $r['response'], "\n";
?>
--EXPECT--
Array
(
    [0] => ok@example.test
)
Array
(
    [busy@example.test] => 450 4.2.1 Mailbox busy, try later
)
250 2.0.0 queued
