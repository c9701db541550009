--TEST--
Smtp\Client: the server drops the idle connection with 421; the next send reconnects once and succeeds
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('idle_drop');
$c = new Smtp\Client(fault_transport($port, ['transcript' => true]));
echo $c->send(msg())['response'], "\n";
usleep(700000);
$r = $c->send(msg());
echo $r['response'], "\n";
echo implode("\n", preg_grep('/reconnect|connecting/', $r['transcript'])), "\n";
?>
--EXPECTF--
250 2.0.0 queued as FIRST
250 2.0.0 queued as SECOND
*: the server closed the idle connection; reconnecting
*: connecting to 127.0.0.1:%d (none)
