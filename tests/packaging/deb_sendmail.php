<?php
/* The installed /usr/bin/php-smtp-sendmail (the Debian package) with a
 * configuration for the test Postfix's relay port: a message with -t, checked
 * as delivered and parsed; Bcc gone from the message, its recipient reached. */
require __DIR__ . '/../phpt/helper.inc';
$bin = '/usr/bin/php-smtp-sendmail';
$conf = tempnam(sys_get_temp_dir(), 'smconf');
chmod($conf, 0600);
file_put_contents($conf, "host = localhost\nport = " . stack('RELAY_PORT') . "\nsecurity = none\nauth = none\nfrom = deb-sendmail@example.test\n");
$token = bin2hex(random_bytes(6));
$id = "<deb-$token@example.test>";
$message = "From: Package <deb-sendmail@example.test>\nTo: bob@example.test\nBcc: carol@example.test\n"
    . "Subject: php-smtp-sendmail from the package $token\nMessage-ID: $id\n\nSent by $bin.\n.leading dot kept\n";
$p = proc_open([$bin, '-C', $conf, '-t', '-i'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
fwrite($pipes[0], $message);
fclose($pipes[0]);
$out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
$rc = proc_close($p);
unlink($conf);
if ($rc !== 0) {
    fwrite(STDERR, "$bin exited $rc: $out\n");
    exit(1);
}
$copies = delivered($id, 2);
$m = $copies[0];
$ok = $m['headers']['subject'][0] === "php-smtp-sendmail from the package $token"
    && $m['headers']['to'][0] === 'bob@example.test'
    && !isset($m['headers']['bcc'])
    && ($m['parts'][0]['text'] ?? '') === "Sent by $bin.\n.leading dot kept\n";
if (!$ok) {
    fwrite(STDERR, "delivered message differs: " . json_encode([$m['headers'], $m['parts'][0] ?? null]) . "\n");
    exit(1);
}
echo "delivered to 2 recipients: $id\n";
