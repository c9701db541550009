<?php
/* (g) the HTTPS API transports against tests/servers/apiserver.py (local, HTTP/1.1 over TLS):
 * per API, ms per 2 KB message (kept Smtp\Client connection, and one smtp_send() each) beside
 * the curl command posting the same prepared body (a process and a TLS handshake each), and a
 * 20 MB attachment: wall time and peak RSS of a fresh process beside curl streaming the same
 * body from a file (-T). The server is the same Python process for both, so the figures
 * compare clients, not providers. */
putenv('SMTP_TEST_ENV=' . $argv[1] . '/env');
require __DIR__ . '/../tests/phpt/api.inc';
$n = (int)($argv[2] ?? 100);
$base = api_server();
$token = api_token();
$out = null;
foreach (glob(sys_get_temp_dir() . '/php-smtp-api-' . getmypid() . '-*') as $d) $out = $d;
$so = realpath(__DIR__ . '/../modules/smtp.so');
$big = sys_get_temp_dir() . '/bench-20mb.bin';
if (!is_file($big) || filesize($big) !== 20 << 20) {
    $h = fopen($big, 'wb');
    for ($i = 0; $i < 20; $i++) fwrite($h, random_bytes(1 << 20));
    fclose($h);
}
$small = ['from' => 'alice@example.test', 'to' => 'bob@example.test', 'subject' => 'bench',
          'text' => str_repeat("A two kilobyte message body, line after line.\n", 44)];
function transport(string $api, string $base, string $token): array
{
    return api_transport($api, $base, in_array($api, ['gmail', 'graph'], true) ? ['oauth' => $token, 'timeout' => 60] : ['timeout' => 60]);
}
function timed(string $cmd): array
{
    $o = shell_exec('/usr/bin/time -f "%e %M" ' . $cmd . ' 2>&1 >/dev/null');
    [$s, $kb] = explode(' ', trim((string)array_slice(explode("\n", trim((string)$o)), -1)[0]));
    return [(float)$s, (int)$kb];
}
function curl_cmd(string $api, string $base, string $dir, string $upload): string
{
    $h = json_decode(file_get_contents("$dir/$api.headers"), true);
    $url = ['gmail' => '/upload/gmail/v1/users/me/messages/send?uploadType=media', 'graph' => '/v1.0/me/sendMail',
            'mailgun' => '/v3/mg.example.test/messages.mime', 'ses' => '/v2/email/outbound-emails', 'sendgrid' => '/v3/mail/send',
            'postmark' => '/email', 'mandrill' => '/api/1.0/messages/send-raw.json'][$api];
    $args = '';
    foreach ($h as $k => $v) {
        if (in_array(strtolower($k), ['content-length', 'host', 'user-agent', 'expect'], true)) continue;
        $args .= ' -H ' . escapeshellarg("$k: $v");
    }
    $data = $upload === 'stream' ? '-T ' . escapeshellarg("$dir/$api.body") : '--data-binary @' . escapeshellarg("$dir/$api.body");
    return 'curl -s -f -o /dev/null --http1.1 --cacert ' . escapeshellarg(stack('CA')) . " -X POST $args $data " . escapeshellarg($base . $url);
}
[$t0, $r0] = timed(sprintf('php -n -r %s', escapeshellarg('exit(0);')));
printf("%-9s %14s %14s %14s | %16s %16s %14s\n", '(g) API', 'kept ms/msg', 'one-shot ms', 'curl ms/msg', '20 MB php-smtp s', '20 MB curl -T s', 'RSS growth MB');
foreach (API_NAMES as $api) {
    api_control($base, ['keep' => 0]);
    $t = transport($api, $base, $token);
    $c = new Smtp\Client($t);
    $c->send($small);
    $s = microtime(true);
    for ($i = 0; $i < $n; $i++) $c->send($small);
    $kept = (microtime(true) - $s) * 1000 / $n;
    $c->close();
    $s = microtime(true);
    for ($i = 0; $i < $n / 5; $i++) smtp_send($small, $t);
    $one = (microtime(true) - $s) * 1000 / ($n / 5);
    api_control($base, ['keep' => 0, 'save' => 1]);
    smtp_send($small, $t);
    $cmd = curl_cmd($api, $base, $out, 'data');
    $s = microtime(true);
    for ($i = 0; $i < $n / 5; $i++) exec($cmd, $o, $rc);
    $curl = (microtime(true) - $s) * 1000 / ($n / 5);
    if ($rc !== 0) $curl = -1;
    if ($api === 'graph') {
        printf("%-9s %14.2f %14.2f %14.2f | %16s %16s %14s\n", $api, $kept, $one, $curl, 'over 4 MB limit', '-', '-');
        continue;
    }
    $code = sprintf('smtp_send(%s, %s);', var_export($small + ['attachments' => [['path' => $big]]], true), var_export($t, true));
    /* alternating runs, the median of three (the machine is shared) */
    $ours = $theirs = [];
    for ($k = 0; $k < 3; $k++) {
        $ours[] = timed(sprintf('php -n -d extension=%s -r %s', escapeshellarg($so), escapeshellarg($code)));
        $theirs[] = timed(curl_cmd($api, $base, $out, 'stream'));
    }
    sort($ours);
    sort($theirs);
    [$tb, $rb] = $ours[1];
    [$tc] = $theirs[1];
    printf("%-9s %14.2f %14.2f %14.2f | %16.2f %16.2f %14d\n", $api, $kept, $one, $curl, $tb, $tc, ($rb - $r0) >> 10);
}
