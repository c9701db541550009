--TEST--
api transports over HTTP/2: behind a server that offers h2 by ALPN (nghttpx in front of the local API server), every API speaks HTTP/2, a kept Smtp\Client sends its messages over one connection, a 1 MB attachment streams through intact, and a refusal keeps its words
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();
$token = api_token();
$apiport = (int)parse_url($base, PHP_URL_PORT);

/* nghttpx (Debian's nghttp2-proxy): TLS with h2 and http/1.1 by ALPN in front, the API server behind. */
$probe = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($probe, false), ':'), 1);
fclose($probe);
$tls = stack('DIR') . '/tls';
$dir = sys_get_temp_dir() . '/php-smtp-h2-' . getmypid();
@mkdir($dir, 0700);
$proxy = proc_open(['nghttpx', '--conf=/dev/null', "--frontend=127.0.0.1,$port", "--backend=127.0.0.1,$apiport;;tls;sni=localhost", '--cacert=' . stack('CA'),
                    '--workers=1', '--no-ocsp', "--accesslog-file=$dir/access", "--errorlog-file=$dir/error",
                    '--accesslog-format=$alpn $remote_port $request $status', "$tls/server.key", "$tls/server.pem"],
                   [0 => ['pipe', 'r'], 1 => ['file', "$dir/out", 'a'], 2 => ['file', "$dir/out", 'a']], $pipes);
register_shutdown_function(function () use ($proxy, $dir) {
    proc_terminate($proxy);
    proc_close($proxy);
    array_map('unlink', glob("$dir/*"));
    @rmdir($dir);
});
/* a loaded machine (valgrind beside) can take seconds to start it */
for ($i = 0; $i < 300 && proc_get_status($proxy)['running'] && !($fp = @fsockopen('127.0.0.1', $port, $errno, $errstr, 1)); $i++) usleep(100000);
if (empty($fp)) die("nghttpx did not start on 127.0.0.1:$port: " . @file_get_contents("$dir/out") . @file_get_contents("$dir/error"));
fclose($fp);
$h2 = "https://localhost:$port";

/* The proxy's access log since the last call: one [alpn, client port, request, status] per request. */
function requests(string $file): array
{
    static $seen = 0;
    clearstatcache();
    for ($i = 0; $i < 40 && count(file($file) ?: []) <= $seen; $i++) usleep(50000);   /* it writes after the reply */
    $lines = array_slice(file($file, FILE_IGNORE_NEW_LINES) ?: [], $seen);
    $seen += count($lines);
    return array_map(fn($l) => explode(' ', $l, 4), $lines);
}

$att = random_bytes(1024 * 1024);
foreach (API_NAMES as $api) {
    $c = new Smtp\Client(api_transport($api, $h2, ['transcript' => true] + (in_array($api, ['gmail', 'graph'], true) ? ['oauth' => $token] : [])));
    $subjects = [];
    for ($i = 1; $i <= 3; $i++) {
        $r = $c->send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'subject' => "over h2 $api $i", 'text' => "message $i\n",
                       'attachments' => $i === 2 ? [['data' => $att, 'name' => 'one-mb.bin']] : []]);
        $got = parse_mail(api_last($base, $api)['file']);
        $subjects[] = $got['headers']['subject'][0] ?? '?';
        if ($i === 2) {
            $bin = array_values(array_filter($got['parts'], fn($p) => $p['filename'] === 'one-mb.bin'));
            $intact = $bin && $bin[0]['sha256'] === hash('sha256', $att);
        }
    }
    $c->close();
    $seen = requests("$dir/access");
    $status_line = array_values(preg_grep('/^S: HTTP/', $r['transcript']))[0] ?? '';
    printf("%-8s %s | protocols: %s | connections: %d | arrived: %s | 1 MB attachment intact: %s | transcript: %s\n", $api, $r['response'] === '' ? '?' : strtok($r['response'], ' '),
           implode(',', array_unique(array_column($seen, 0))), count(array_unique(array_column($seen, 1))),
           $subjects === ["over h2 $api 1", "over h2 $api 2", "over h2 $api 3"] ? 'all three' : json_encode($subjects), $intact ? 'yes' : 'NO', $status_line);
}

echo "-- a refusal over HTTP/2 keeps the API's words and its classification\n";
api_control($base, ['fail' => 429, 'retry_after' => 30]);
try {
    smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'subject' => 'refused', 'text' => 'x'], api_transport('postmark', $h2));
    echo "sent?!\n";
} catch (Smtp\Exception $e) {
    echo $e->getMessage(), " | HTTP ", $e->getHttpStatus(), " | temporary: ", var_export($e->isTemporary(), true), " | Retry-After: ", $e->getRetryAfter(), "\n";
}
echo "protocol: ", requests("$dir/access")[0][0] ?? '?', "\n";
?>
--EXPECTF--
gmail    HTTP | protocols: h2 | connections: 1 | arrived: all three | 1 MB attachment intact: yes | transcript: S: HTTP/2 200
graph    HTTP | protocols: h2 | connections: 1 | arrived: all three | 1 MB attachment intact: yes | transcript: S: HTTP/2 202
mailgun  HTTP | protocols: h2 | connections: 1 | arrived: all three | 1 MB attachment intact: yes | transcript: S: HTTP/2 200
ses      HTTP | protocols: h2 | connections: 1 | arrived: all three | 1 MB attachment intact: yes | transcript: S: HTTP/2 200
sendgrid HTTP | protocols: h2 | connections: 1 | arrived: all three | 1 MB attachment intact: yes | transcript: S: HTTP/2 202
postmark HTTP | protocols: h2 | connections: 1 | arrived: all three | 1 MB attachment intact: yes | transcript: S: HTTP/2 200
mandrill HTTP | protocols: h2 | connections: 1 | arrived: all three | 1 MB attachment intact: yes | transcript: S: HTTP/2 200
-- a refusal over HTTP/2 keeps the API's words and its classification
Postmark refused the message (HTTP 429): ErrorCode 429: Rate limit exceeded (Retry-After: 30 s) | HTTP 429 | temporary: true | Retry-After: 30
protocol: h2
