<?php
/* (e) one message with a 20 MB attachment: wall time and peak RSS of a fresh
 * process for each client, to smtp-sink. */
$env = parse_ini_file($argv[1] . '/env', false, INI_SCANNER_RAW);
$file = sys_get_temp_dir() . '/bench-20mb.bin';
if (!is_file($file) || filesize($file) !== 20 << 20) {
    $h = fopen($file, 'wb');
    for ($i = 0; $i < 20; $i++) fwrite($h, random_bytes(1 << 20));
    fclose($h);
}
$port = (int)$env['SMTP_TEST_SINK_PORT'];
$ext = ini_get('extension_dir');
$so = realpath(__DIR__ . '/../modules/smtp.so');
$ours = sprintf('php -d extension=%s -r %s', escapeshellarg($so), escapeshellarg(
    "smtp_send(['from'=>'a@example.test','to'=>'b@example.test','subject'=>'big','text'=>'x','attachments'=>[['path'=>'$file']]],['host'=>'127.0.0.1','port'=>$port,'security'=>'none','timeout'=>60]);"));
$pm = sprintf('php -r %s', escapeshellarg(
    "require '/usr/share/php/libphp-phpmailer/autoload.php'; \$m=new PHPMailer\\PHPMailer\\PHPMailer(true); \$m->isSMTP(); \$m->Host='127.0.0.1'; \$m->Port=$port; \$m->SMTPAutoTLS=false; \$m->Timeout=60; \$m->setFrom('a@example.test'); \$m->addAddress('b@example.test'); \$m->Subject='big'; \$m->Body='x'; \$m->addAttachment('$file'); \$m->send();"));
$eml = sys_get_temp_dir() . '/bench-20mb.eml';
file_put_contents($eml, "From: a@example.test\r\nTo: b@example.test\r\nSubject: big\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" . chunk_split(base64_encode(file_get_contents($file))));
$curl = "curl -s --url smtp://127.0.0.1:$port --mail-from a@example.test --mail-rcpt b@example.test -T $eml";
$base = sprintf('php -r %s', escapeshellarg('exit(0);'));
function run(string $cmd): array {
    $out = shell_exec('/usr/bin/time -f "%e %M" ' . $cmd . ' 2>&1 >/dev/null');
    $last = trim((string)array_slice(explode("\n", trim((string)$out)), -1)[0]);
    [$s, $kb] = explode(' ', $last);
    return [(float)$s, (int)$kb];
}
[$t0, $r0] = run($base);
[$to, $ro] = run($ours);
[$tp, $rp] = run($pm);
[$tc, $rc] = run($curl);
printf("%-42s %12s %12s %12s\n", '(e) 20 MB attachment', 'php-smtp', 'PHPMailer', 'curl');
printf("%-42s %12.2f %12.2f %12.2f\n", 'time (s)', $to, $tp, $tc);
printf("%-42s %12d %12d %12d\n", 'peak RSS (MB)', $ro >> 10, $rp >> 10, $rc >> 10);
printf("%-42s %12d %12d %12s\n", 'peak RSS growth over bare php (MB)', ($ro - $r0) >> 10, ($rp - $r0) >> 10, '-');
unlink($eml);
