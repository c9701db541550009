--TEST--
PIPELINING + CHUNKING (Postfix): a raw LF message just under 1 MiB frames above it; every chunk's reply is read, the final one is reported, the next message on the kept connection is unaffected
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
/* 1 MiB - 2000 bytes with LF line ends: CRLF framing adds one byte a line (~17 KiB),
 * so the framed stream is larger than one 1 MiB BDAT chunk. */
$id = '<bdat-' . bin2hex(random_bytes(6)) . '@example.test>';
$head = "From: alice@example.test\nTo: bob@example.test\nSubject: near one MiB\nMessage-ID: $id\n\n";
$line = str_repeat('0123456789', 6) . "\n";
$body = str_repeat($line, intdiv(1048576 - 2000 - strlen($head), strlen($line)));
$raw = $head . $body;
printf("raw %s 1 MiB, framed %s 1 MiB\n", strlen($raw) < 1048576 ? '<' : '>=',
       strlen(str_replace("\n", "\r\n", $raw)) > 1048576 ? '>' : '<=');
$c = new Smtp\Client(relay_transport(['transcript' => true]));
$r = $c->send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => $raw]);
echo preg_replace('/queued as \w+/', 'queued as ID', $r['response']), "\n";
$framed = strlen(str_replace("\n", "\r\n", $raw));
$want = ['C: BDAT 1048576', 'C: BDAT ' . ($framed - 1048576) . ' LAST'];
$bdat = array_values(preg_grep('/^C: BDAT/', $r['transcript']));
echo $bdat === $want ? "chunks: 1048576 + the rest of the framed stream, LAST on the second\n" : "chunks: " . implode(', ', $bdat) . "\n";
$r2 = $c->send(msg(['subject' => 'after the big one']));
echo preg_replace('/queued as \w+/', 'queued as ID', $r2['response']), "\n";
$c->close();
preg_match('/Ok: (\d+) bytes/', $r['response'], $got);
echo "the server counted the whole framed stream: ", var_export((int)($got[1] ?? 0) === $framed, true), "\n";
[$m] = delivered($id);
echo $m['parts'][0]['text'] === $body ? "body arrived intact\n" : "body differs: " . strlen($m['parts'][0]['text']) . " bytes\n";
echo delivered($r2['message_id'])[0]['headers']['subject'][0], "\n";
?>
--EXPECTF--
raw < 1 MiB, framed > 1 MiB
250 2.0.0 Ok: %d bytes queued as ID
chunks: 1048576 + the rest of the framed stream, LAST on the second
250 2.0.0 Ok: %d bytes queued as ID
the server counted the whole framed stream: true
body arrived intact
after the big one
