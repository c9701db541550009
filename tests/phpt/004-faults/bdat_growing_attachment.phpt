--TEST--
PIPELINING + CHUNKING: an attachment that grows between the size check and the send; LAST is decided at the real end of the stream and the final reply is the one reported
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
/* The greeting comes 1.5 s after the connect; the file grows 0.5 s after smtp_send()
 * measured the message (before connecting): measured < 1 MiB, sent > 1 MiB. */
[$port] = fault_server('chunking', ['1.5']);
$file = tempnam(sys_get_temp_dir(), 'grow');
file_put_contents($file, random_bytes(700000));
$grow = proc_open(['sh', '-c', 'sleep 0.5; head -c 150000 /dev/urandom >> "$0"', $file], [], $pipes);
$c = new Smtp\Client(fault_transport($port, ['transcript' => true, 'timeout' => 5]));
$r = $c->send(msg(['attachments' => [['path' => $file, 'name' => 'grows.bin']]]));
proc_close($grow);
echo $r['response'], "\n";
$bdat = array_values(preg_grep('/^C: BDAT/', $r['transcript']));
echo count($bdat), " chunks: ", preg_replace('/\d+/', 'N', implode(', ', $bdat)), "\n";
echo $bdat[0] === 'C: BDAT 1048576' ? "first chunk is 1 MiB\n" : "first: $bdat[0]\n";
$r2 = $c->send(msg());
echo $r2['response'], "\n";
unlink($file);
?>
--EXPECTF--
250 2.0.0 queued as LAST1 (%d bytes in the last chunk)
2 chunks: C: BDAT N, C: BDAT N LAST
first chunk is 1 MiB
250 2.0.0 queued as LAST0 (%d bytes in the last chunk)
