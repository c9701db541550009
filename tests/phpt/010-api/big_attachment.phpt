--TEST--
api transports: a 20 MB attachment by path arrives byte-identical over every API with under 8 MB of peak RSS growth (streamed from disk, encoded while sent); Graph above its 4 MB request limit is a clear Smtp\Exception, nothing sent
--EXTENSIONS--
smtp
--SKIPIF--
<?php if (getenv("USE_ZEND_ALLOC") === "0") die("skip peak RSS is not meaningful under valgrind (measured in the plain pass)"); ?>
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
$token = api_token();
function kb(string $field): int
{
    return (int)preg_replace('/\D/', '', array_values(preg_grep("/^$field:/", file('/proc/self/status')))[0]);
}
function big_file(int $mb): string
{
    $file = tempnam(sys_get_temp_dir(), 'big');
    $h = fopen($file, 'wb');
    for ($i = 0; $i < $mb; $i++) fwrite($h, random_bytes(1024 * 1024));
    fclose($h);
    return $file;
}
$file = big_file(20);
$sha = hash_file('sha256', $file);
foreach (API_NAMES as $api) {
    if ($api === 'graph') continue;
    $t = api_transport($api, $base, ($api === 'gmail' ? ['oauth' => $token] : []) + ['timeout' => 60]);
    file_put_contents('/proc/self/clear_refs', '5');   /* resets VmHWM to the current RSS */
    $rss0 = kb('VmRSS');
    $r = smtp_send(msg(['subject' => "20 MB over $api", 'attachments' => [['path' => $file, 'name' => 'big.bin']]]), $t);
    $growth = kb('VmHWM') - $rss0;
    $p = parse_mail(api_last($base, $api)['file']);
    $att = array_values(array_filter($p['parts'], fn($x) => $x['filename'] === 'big.bin'))[0];
    printf("%-8s %s, peak RSS growth under 8 MB: %s\n", $api, $att['size'] === 20971520 && $att['sha256'] === $sha ? 'intact' : 'DAMAGED',
           $growth < 8192 ? 'yes' : "no ($growth kB)");
}
echo "-- graph\n";
$small = big_file(2);
$r = smtp_send(msg(['attachments' => [['path' => $small, 'name' => 'two.bin']]]), api_transport('graph', $base, ['oauth' => $token]));
echo "2 MB attachment: ", $r['response'] !== '' ? 'sent' : '?', "\n";
api_control($base);
try {
    smtp_send(msg(['attachments' => [['path' => $file, 'name' => 'big.bin']]]), api_transport('graph', $base, ['oauth' => $token]));
} catch (Smtp\Exception $e) {
    printf("%s\ntemporary=%s http=%d requests=%d\n", $e->getMessage(), var_export($e->isTemporary(), true), $e->getHttpStatus(),
           api_stats($base)['requests']);
}
unlink($file);
unlink($small);
?>
--EXPECT--
gmail    intact, peak RSS growth under 8 MB: yes
mailgun  intact, peak RSS growth under 8 MB: yes
ses      intact, peak RSS growth under 8 MB: yes
sendgrid intact, peak RSS growth under 8 MB: yes
postmark intact, peak RSS growth under 8 MB: yes
mandrill intact, peak RSS growth under 8 MB: yes
-- graph
2 MB attachment: sent
Microsoft Graph cannot take this message: it is 36.5 MB as sent (base64), above Graph's limit of 4 MB per sendMail request; nothing was sent. Send it over SMTP (smtp.office365.com) or with smaller attachments
temporary=false http=0 requests=0
