--TEST--
Connection dropped mid-DATA (temporary) and after the final dot (outcome unknown, never "sent" or "failed")
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('drop_mid_data');
expect_failure(fn() => smtp_send(msg(['text' => str_repeat("x\n", 2000000)]), fault_transport($port)));
[$port] = fault_server('drop_after_dot');
expect_failure(fn() => smtp_send(msg(), fault_transport($port)));
?>
--EXPECTF--
Smtp\Exception: Connection to 127.0.0.1:%d lost while sending: %s
code=0 enhanced=NULL temporary=true unknown=false
in time
Smtp\Exception: Outcome unknown: the whole message was sent to 127.0.0.1:%d but the connection was lost before the server's reply, so it may or may not have been accepted; do not resend blindly (End of data: Connection to 127.0.0.1:%d lost while waiting for the reply: closed by the server)
code=0 enhanced=NULL temporary=true unknown=true
in time
