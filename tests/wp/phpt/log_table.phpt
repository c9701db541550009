--TEST--
Log screen: filters by status, connection and date, whitelisted sorting, paging; retention by rows keeps the newest and every queued one; CSV cells never start a formula; a message's .eml matches the copy that arrived
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
global $wpdb;
$t = PhpSmtp\Log::table();
$wpdb->query("DELETE FROM $t");
$add = function (string $subject, string $status, string $connection, string $created) use ($wpdb, $t) {
    $id = PhpSmtp\Log::add(['to' => [['email' => 'a@example.test']], 'subject' => $subject, 'text' => 'x'], [], $status, ['connection' => $connection]);
    $wpdb->update($t, ['created_at' => $created], ['id' => $id]);
};
$add('old sent', 'sent', 'primary', '2026-01-10 12:00:00');
$add('fallback sent', 'sent', 'fallback', '2026-02-10 12:00:00');
$add('failed one', 'failed', 'primary', '2026-02-11 12:00:00');
$add('queued one', 'queued', 'primary', '2026-01-01 12:00:00');
$add('zeta', 'sent', 'primary', '2026-03-01 12:00:00');
$q = fn(array $g) => array_column(PhpSmtp\LogQuery::rows(PhpSmtp\LogQuery::filters($g), 20, 0), 'subject');
echo "newest first: ", implode(', ', $q([])), "\n";
echo "status=sent: ", implode(', ', $q(['status' => 'sent'])), "\n";
echo "connection=fallback: ", implode(', ', $q(['connection' => 'fallback'])), "\n";
echo "February: ", implode(', ', $q(['from' => '2026-02-01', 'to' => '2026-02-28'])), "\n";
echo "by subject asc: ", implode(', ', $q(['orderby' => 'subject', 'order' => 'asc'])), "\n";
echo "orderby outside the whitelist: ", implode(', ', $q(['orderby' => 'mail; DROP TABLE x', 'status' => "sent' OR '1'='1"])), "\n";
echo "count failed: ", PhpSmtp\LogQuery::count(PhpSmtp\LogQuery::filters(['status' => 'failed'])), "\n";
echo "page 2 of 2 per page: ", implode(', ', array_column(PhpSmtp\LogQuery::rows(PhpSmtp\LogQuery::filters([]), 2, 2), 'subject')), "\n";

echo "-- retention by rows: 2\n";
use_settings(relay_settings(['log_rows' => 2]));
PhpSmtp\LogQuery::retention();
echo "left: ", implode(', ', $q([])), "\n";
use_settings(relay_settings());

echo "-- CSV cells\n";
foreach (['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', "\tx", 'plain', ''] as $v) echo json_encode(PhpSmtp\LogExport::cell($v)), " ";
echo "\n";

echo "-- .eml of a delivered message\n";
$wpdb->query("DELETE FROM $t");
wp_mail(['bob@example.test', 'Carol <carol@example.test>'], 'Eml check ünïcode', "Line one\nLine two ünïcode", ['Cc: dave@example.test', 'Bcc: hidden@example.test', 'X-Order: 42']);
$row = last_log();
[$copy] = delivered($row['message_id']);
$eml = PhpSmtp\LogExport::render(PhpSmtp\Log::unpack($row['mail'])['message'], $row);
$f = tempnam(sys_get_temp_dir(), 'eml');
file_put_contents($f, $eml);
$mine = parse_mail($f);
unlink($f);
foreach (['from', 'to', 'cc', 'subject', 'message-id', 'x-order'] as $h) {
    echo "$h: ", ($mine['headers'][$h] ?? ['-']) === ($copy['headers'][$h] ?? ['?']) ? 'same' : 'DIFFERS: ' . json_encode([$mine['headers'][$h] ?? null, $copy['headers'][$h] ?? null]), "\n";
}
echo "bcc in the file: ", isset($mine['headers']['bcc']) || str_contains($eml, 'hidden@example.test') ? 'YES' : 'no', "\n";
$text = fn($p) => trim(str_replace("\r\n", "\n", $p['parts'][0]['text'] ?? ''));
echo "body: ", $text($mine) === $text($copy) && $text($mine) !== '' ? 'same' : 'DIFFERS', "\n";
?>
--EXPECT--
newest first: zeta, failed one, fallback sent, old sent, queued one
status=sent: zeta, fallback sent, old sent
connection=fallback: fallback sent
February: failed one, fallback sent
by subject asc: failed one, fallback sent, old sent, queued one, zeta
orderby outside the whitelist: zeta, failed one, fallback sent, old sent, queued one
count failed: 1
page 2 of 2 per page: fallback sent, old sent
-- retention by rows: 2
left: zeta, failed one, queued one
-- CSV cells
"'=HYPERLINK(\"http:\/\/x\")" "'+1" "'-2" "'@SUM(A1)" "'\tx" "plain" "" 
-- .eml of a delivered message
from: same
to: same
cc: same
subject: same
message-id: same
x-order: same
bcc in the file: no
body: same
