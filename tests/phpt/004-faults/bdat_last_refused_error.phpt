--TEST--
PIPELINING + CHUNKING: a raw LF message just under 1 MiB frames into two chunks; the server accepts the first and refuses LAST: the send fails with the server's words
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('bdat_last_refused');
$head = "From: alice@example.test\nTo: bob@example.test\nSubject: near one MiB\n\n";
$line = str_repeat('0123456789', 6) . "\n";
$raw = $head . str_repeat($line, intdiv(1048576 - 2000 - strlen($head), strlen($line)));
printf("raw %d bytes (< 1 MiB: %s), framed > 1 MiB: %s\n", strlen($raw), var_export(strlen($raw) < 1048576, true),
       var_export(strlen(str_replace("\n", "\r\n", $raw)) > 1048576, true));
$e = expect_failure(fn() => smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => $raw],
                                      fault_transport($port)));
/* the commands in order, then the replies in order (when a reply is read between
 * two commands depends on timing) */
echo implode("\n", preg_grep('/^C: BDAT/', $e->getTranscript())), "\n";
echo implode("\n", preg_grep('/^S: (250 2\.0\.0 chunk|554)/', $e->getTranscript())), "\n";
?>
--EXPECTF--
raw %d bytes (< 1 MiB: true), framed > 1 MiB: true
Smtp\Exception: BDAT LAST rejected by 127.0.0.1:%d: 554 5.7.1 Message refused: content rejected
code=554 enhanced='5.7.1' temporary=false unknown=false
in time
C: BDAT 1048576
C: BDAT %d LAST
S: 250 2.0.0 chunk 0 ok, 1048576 bytes
S: 554 5.7.1 Message refused: content rejected
