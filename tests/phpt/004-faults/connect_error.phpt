--TEST--
Name that does not resolve, connection refused: distinguishable messages
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
expect_failure(fn() => smtp_send(msg(), ['host' => 'no-such-host.invalid', 'port' => 587, 'timeout' => 5]));
$s = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)explode(':', stream_socket_get_name($s, false))[1];
fclose($s);
expect_failure(fn() => smtp_send(msg(), ['host' => '127.0.0.1', 'port' => $port, 'security' => 'none']));
?>
--EXPECTF--
Smtp\Exception: Could not resolve no-such-host.invalid: %s (check the host name and this server's DNS)
code=0 enhanced=NULL temporary=%s unknown=false
in time
Smtp\Exception: Connection to 127.0.0.1:%d refused (127.0.0.1: Connection refused): no SMTP server is listening on that port
code=0 enhanced=NULL temporary=true unknown=false
in time
