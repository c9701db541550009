--TEST--
Delivered and parsed: UTF-8 subject and names, text+html, attachments byte-identical, inline image, Bcc absent, dot-stuffing
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$pdf = tempnam(sys_get_temp_dir(), 'att');
file_put_contents($pdf, random_bytes(100000));
$png = random_bytes(3000);
$subject = 'Grüße aus Köln — ünïcödé ✓ ' . str_repeat('long subject words ', 8);
$text = "Line one\n.leading dot\n..two dots\n.\nend with dot line above\nnaïve café\n";
$r = smtp_send([
    'from' => ['email' => 'alice@example.test', 'name' => 'Zoë Ålander'],
    'to' => ['bob@example.test', '"Carol \\"CJ\\" Jones" <carol@example.test>'],
    'cc' => 'dave@example.test',
    'bcc' => 'secret-bcc@example.test',
    'reply_to' => 'replies@example.test',
    'subject' => $subject,
    'text' => $text,
    'html' => '<p>Hello <img src="cid:logo@example"></p>',
    'headers' => ['X-Campaign' => 'spring-2026', 'X-Unicode' => 'naïve'],
    'attachments' => [
        ['path' => $pdf, 'name' => 'Résumé 2026 — final.pdf'],
        ['data' => $png, 'name' => 'logo.png', 'cid' => 'logo@example'],
        ['data' => "a,b\n1,2\n", 'name' => 'data.csv'],
    ],
], relay_transport());
$copies = delivered($r['message_id'], 4);
$m = $copies[0];
echo $m['headers']['subject'][0] === $subject ? "subject ok\n" : "subject: {$m['headers']['subject'][0]}\n";
echo $m['headers']['from'][0], "\n";
echo $m['headers']['to'][0], "\n";
echo $m['headers']['cc'][0], "\n";
echo $m['headers']['x-campaign'][0], ' ', $m['headers']['x-unicode'][0], "\n";
foreach ($copies as $c) {
    /* Postfix itself names the recipient in Delivered-To, X-Original-To and Received */
    $ours = preg_replace('/^(Delivered-To|X-Original-To):.*\n/mi', '', $c['raw']);
    $ours = preg_replace('/^\s+for <[^>]+>;.*\n/mi', '', $ours);
    if (isset($c['headers']['bcc']) || str_contains($ours, 'secret-bcc')) echo "BCC LEAKED\n";
}
echo implode(' ', $m['structure']), "\n";
foreach ($m['parts'] as $p) {
    printf("%s %s %s %s %d\n", $p['type'], $p['disposition'] ?? '-', $p['filename'] ?? '-', $p['cid'] ?? '-', $p['size']);
}
$byType = array_column($m['parts'], null, 'type');
var_dump($byType['text/plain']['text'] === str_replace("\n", "\n", $text));
var_dump($byType['application/pdf']['sha256'] === hash_file('sha256', $pdf));
var_dump($byType['image/png']['sha256'] === hash('sha256', $png));
echo max(array_map('strlen', explode("\n", $m['raw']))) <= 78 ? "lines folded\n" : "long line\n";
sort($r['accepted']);
echo implode(',', $r['accepted']), "\n";
unlink($pdf);
?>
--EXPECT--
subject ok
Zoë Ålander <alice@example.test>
bob@example.test, "Carol \"CJ\" Jones" <carol@example.test>
dave@example.test
spring-2026 naïve
multipart/mixed multipart/related multipart/alternative text/plain text/html image/png application/pdf text/csv
text/plain - - - 72
text/html - - - 41
image/png inline logo.png <logo@example> 3000
application/pdf attachment Résumé 2026 — final.pdf - 100000
text/csv attachment data.csv - 8
bool(true)
bool(true)
bool(true)
lines folded
bob@example.test,carol@example.test,dave@example.test,secret-bcc@example.test
