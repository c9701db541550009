--TEST--
PIPELINING + CHUNKING: the first of several chunks refused: the send fails with that refusal, the replies to the chunks already pipelined are read, and the next send on the kept connection succeeds
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('bdat_chunk_refused');
$c = new Smtp\Client(fault_transport($port, ['transcript' => true]));
$raw = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: big\r\n\r\n"
     . str_repeat(str_repeat('x', 78) . "\r\n", 40000);
$e = expect_failure(fn() => $c->send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => $raw]));
$t = $e->getTranscript();
$sent = count(preg_grep('/^C: BDAT/', $t));
$answered = count(preg_grep('/^S: (552|554|250 2\.0\.0 queued)/', $t));
echo "every chunk sent was answered: ", var_export($sent >= 1 && $sent === $answered, true), "\n";
echo "no chunk after the refusal was read: ", var_export(!preg_grep('/^C: BDAT/', array_slice($t, array_search('S: 552 5.3.4 Message size exceeds fixed limit', $t))), true), "\n";
$r = $c->send(msg());
echo $r['response'], "\n";
echo count(preg_grep('/connecting to/', $r['transcript'])), " connect, ", count(preg_grep('/^C: RSET$/', $r['transcript'])), " RSET\n";
?>
--EXPECTF--
Smtp\Exception: BDAT rejected by 127.0.0.1:%d: 552 5.3.4 Message size exceeds fixed limit
code=552 enhanced='5.3.4' temporary=false unknown=false
in time
every chunk sent was answered: true
no chunk after the refusal was read: true
250 2.0.0 queued as SMALL
0 connect, 1 RSET
