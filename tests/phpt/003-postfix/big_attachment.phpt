--TEST--
A 20 MB attachment by path arrives byte-identical and is never held whole in memory
--EXTENSIONS--
smtp
--SKIPIF--
<?php if (getenv("USE_ZEND_ALLOC") === "0") die("skip peak RSS is not meaningful under valgrind (measured in the plain pass)"); ?>
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$file = tempnam(sys_get_temp_dir(), 'big');
$h = fopen($file, 'wb');
for ($i = 0; $i < 20; $i++) fwrite($h, random_bytes(1024 * 1024));
fclose($h);
$before = memory_get_peak_usage();
$rss0 = (int)preg_replace('/\D/', '', preg_grep('/^VmHWM/', file('/proc/self/status'))[array_key_first(preg_grep('/^VmHWM/', file('/proc/self/status')))]);
$r = smtp_send(msg(['subject' => 'twenty megabytes', 'attachments' => [['path' => $file, 'name' => 'big.bin']]]),
               submission_transport(['timeout' => 60]));
$status = file('/proc/self/status');
$rss1 = (int)preg_replace('/\D/', '', array_values(preg_grep('/^VmHWM/', $status))[0]);
printf("peak RSS growth under 8 MB: %s\n", ($rss1 - $rss0) < 8192 ? 'yes' : 'no (' . ($rss1 - $rss0) . ' kB)');
[$m] = delivered($r['message_id'], 1, 60);
$att = array_values(array_filter($m['parts'], fn($p) => $p['filename'] === 'big.bin'))[0];
var_dump($att['size'], $att['sha256'] === hash_file('sha256', $file));
unlink($file);
?>
--EXPECT--
peak RSS growth under 8 MB: yes
int(20971520)
bool(true)
