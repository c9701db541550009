--TEST--
No reply, and replies at one byte a second: timeout within the limit, temporary
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
foreach (['silent', 'slow'] as $s) {
    [$port] = fault_server($s);
    expect_failure(fn() => smtp_send(msg(), fault_transport($port, ['timeout' => 2])), 4.5);
}
?>
--EXPECTF--
Smtp\Exception: Greeting: Timed out after 2 s waiting for a reply from 127.0.0.1:%d
code=0 enhanced=NULL temporary=true unknown=false
in time
Smtp\Exception: Greeting: Timed out after 2 s waiting for a reply from 127.0.0.1:%d
code=0 enhanced=NULL temporary=true unknown=false
in time
