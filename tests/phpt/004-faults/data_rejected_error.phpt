--TEST--
554 after the data: permanent, the server's words, enhanced status
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('reject_data');
expect_failure(fn() => smtp_send(msg(), fault_transport($port)));
?>
--EXPECTF--
Smtp\Exception: End of data rejected by 127.0.0.1:%d: 554 5.7.1 Message rejected as spam
code=554 enhanced='5.7.1' temporary=false unknown=false
in time
