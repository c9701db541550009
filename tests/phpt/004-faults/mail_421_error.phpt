--TEST--
421 to MAIL FROM (pipelined; the server then closes): the server's words and code, temporary, not "connection lost"
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('mail_421');
expect_failure(fn() => smtp_send(msg(['to' => ['a@example.test', 'b@example.test']]), fault_transport($port)));
?>
--EXPECTF--
Smtp\Exception: MAIL FROM rejected by 127.0.0.1:%d: 421 4.7.0 fault.example Error: too many connections from 127.0.0.1
code=421 enhanced='4.7.0' temporary=true unknown=false
in time
