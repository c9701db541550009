--TEST--
Credentials do not outlive their use: after AUTH PLAIN, LOGIN and XOAUTH2 (token from the store) a process's memory holds no SASL payload, no joined PLAIN secret and no access token
--EXTENSIONS--
smtp
--SKIPIF--
<?php if (getenv("USE_ZEND_ALLOC") === "0") die("skip valgrind's own heap is scanned too (checked in the plain pass)"); ?>
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
/* The child sends, then waits; this process reads the child's memory through
 * /proc/PID/mem. Only this process ever builds the forms searched for, so a hit
 * is a copy the extension left behind (in freed or in live memory). */
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$token = stored_tokens($path)['access_token'];
$user = stack('USER');
$pass = stack('PASS');
/* the ends of the base64 payloads too: later commands overwrite the start of a reused buffer */
$needles = [
    'PLAIN payload' => base64_encode("\0$user\0$pass"),
    'PLAIN payload end' => substr(base64_encode("\0$user\0$pass"), -20),
    'PLAIN joined' => "$user\0$pass",
    'LOGIN password' => base64_encode($pass),
    'XOAUTH2 payload' => base64_encode("user=$user\1auth=Bearer $token\1\1"),
    'XOAUTH2 payload end' => substr(base64_encode("user=$user\1auth=Bearer $token\1\1"), -20),
    'access token' => $token,
];
$dir = dirname($path);
$child = "$dir/child.php";
file_put_contents($child, <<<'PHP'
<?php
[, $store_path, $key, $user, $submission, $smtps, $ca, $pass] = $argv;   /* user and password apart */
$base = ['host' => 'localhost', 'cafile' => $ca, 'timeout' => 10];
$m = ['from' => 'alice@example.test', 'to' => 'bob@example.test', 'subject' => 'wipe', 'text' => "x\n"];
smtp_send($m, $base + ['port' => (int)$submission, 'security' => 'starttls', 'username' => $user, 'password' => $pass]);
$c = new Smtp\Client($base + ['port' => (int)$smtps, 'security' => 'tls', 'auth' => 'login', 'username' => $user, 'password' => $pass]);
$c->send($m);
$c->send($m);
$c->close();
unset($c);
$s = new Smtp\TokenStore($store_path, $key);
smtp_send($m, $base + ['port' => (int)$submission, 'security' => 'starttls', 'auth' => 'xoauth2', 'username' => $user,
                       'oauth' => ['store' => $s, 'account' => 'gmail']]);
$s->status('gmail');
echo "ready\n";
fgets(STDIN);
PHP);
$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so', $child, $path, TEST_STORE_KEY,
        $user, stack('SUBMISSION_PORT'), stack('SMTPS_PORT'), stack('CA'), $pass];
$p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$ready = fgets($pipes[1]);
echo 'child: ', $ready === "ready\n" ? 'sent, waiting' : 'FAILED: ' . $ready . stream_get_contents($pipes[2]), "\n";
$pid = proc_get_status($p)['pid'];

$found = array_fill_keys(array_keys($needles), 0);
$scanned = 0;
$mem = fopen("/proc/$pid/mem", 'rb');
foreach (file("/proc/$pid/maps") as $line) {
    if (!preg_match('/^([0-9a-f]+)-([0-9a-f]+) rw/', $line, $r)) continue;
    [$from, $to] = [hexdec($r[1]), hexdec($r[2])];
    $tail = '';
    for ($at = $from; $at < $to; $at += $n) {
        $n = min(1 << 20, $to - $at);
        if (fseek($mem, $at) !== 0 || ($chunk = fread($mem, $n)) === false || $chunk === '') break;
        $scanned += strlen($chunk);
        $window = $tail . $chunk;
        foreach ($needles as $label => $needle) $found[$label] += substr_count($window, $needle);
        $tail = substr($window, -(max(array_map("strlen", $needles)) - 1));
    }
}
fclose($mem);
fwrite($pipes[0], "go\n");
proc_close($p);
echo 'scanned: ', $scanned > (1 << 20) ? 'the whole writable memory' : "only $scanned bytes", "\n";
foreach ($found as $label => $hits) echo "$label: ", $hits ? "FOUND $hits times" : 'absent', "\n";
unlink($child);
?>
--EXPECT--
child: sent, waiting
scanned: the whole writable memory
PLAIN payload: absent
PLAIN payload end: absent
PLAIN joined: absent
LOGIN password: absent
XOAUTH2 payload: absent
XOAUTH2 payload end: absent
access token: absent
