--TEST--
raw passthrough: bare LF and CR normalised, dot lines stuffed, no "\n.\n" smuggling of a second message
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$id = '<raw-' . bin2hex(random_bytes(6)) . '@example.test>';
$raw = "From: alice@example.test\nTo: bob@example.test\nSubject: raw test\nMessage-ID: $id\n\n"
     . "first\n.\nMAIL FROM:<evil@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n.\r\n"
     . "bare cr\rhere\n..dots\nlast";
$r = smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'raw' => $raw], relay_transport());
var_dump($r['message_id'] === $id);   /* the raw message's own Message-ID */
[$m] = delivered($id);
echo $m['headers']['subject'][0], "\n";
$body = $m['parts'][0]['text'];
echo str_contains($body, "first\n.\nMAIL FROM") ? "dot line kept in body\n" : "body: $body\n";
echo str_contains($body, "bare cr\nhere\n..dots\nlast") ? "normalised\n" : "body: $body\n";
usleep(500000);
$smuggled = 0;
foreach (glob(stack('MAILDIR') . '/inbox/new/*') as $f) {
    $headers = explode("\n\n", file_get_contents($f), 2)[0];
    if (str_contains($headers, "Subject: smuggled")) $smuggled++;
}
echo "smuggled messages: $smuggled\n";
?>
--EXPECT--
bool(true)
raw test
dot line kept in body
normalised
smuggled messages: 0
