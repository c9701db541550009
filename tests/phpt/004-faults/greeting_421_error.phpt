--TEST--
421 at greeting: temporary Smtp\Exception naming the stage
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('greeting_421');
expect_failure(fn() => smtp_send(msg(), fault_transport($port)));
?>
--EXPECTF--
Smtp\Exception: Greeting rejected by 127.0.0.1:%d: 421 4.3.2 Service not available, closing transmission channel
code=421 enhanced='4.3.2' temporary=true unknown=false
in time
