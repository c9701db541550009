<?php
/*
 * Side by side, in one run, on the same local servers: PHPMailer (what WordPress
 * ships; Debian's libphp-phpmailer), the curl command line (libcurl's SMTP
 * client) and this extension. Prints a table and ratios. Not a test: numbers
 * are measurements of this machine, this run.
 *   php -d extension=modules/smtp.so bench/bench.php STACKDIR [N]
 */
require '/usr/share/php/libphp-phpmailer/autoload.php';
use PHPMailer\PHPMailer\PHPMailer;

$env = parse_ini_file($argv[1] . '/env', false, INI_SCANNER_RAW);
$n = (int)($argv[2] ?? 300);
$body = str_repeat("The quick brown fox jumps over the lazy dog. 0123456789\n", 36); // ~2 KB
$msg = ['from' => 'alice@example.test', 'to' => 'bob@example.test', 'subject' => 'bench', 'text' => $body];
$sink = ['host' => '127.0.0.1', 'port' => (int)$env['SMTP_TEST_SINK_PORT'], 'security' => 'none'];
$tlsRelay = ['host' => 'localhost', 'port' => (int)$env['SMTP_TEST_RELAY_PORT'], 'security' => 'starttls', 'cafile' => $env['SMTP_TEST_CA']];
$submission = ['host' => 'localhost', 'port' => (int)$env['SMTP_TEST_SUBMISSION_PORT'], 'security' => 'starttls',
               'cafile' => $env['SMTP_TEST_CA'], 'username' => $env['SMTP_TEST_USER'], 'password' => $env['SMTP_TEST_PASS']];

function cpu(): float { $r = getrusage(); return $r['ru_utime.tv_sec'] + $r['ru_utime.tv_usec'] / 1e6 + $r['ru_stime.tv_sec'] + $r['ru_stime.tv_usec'] / 1e6; }

function phpmailer(array $t, bool $keep): PHPMailer {
    $m = new PHPMailer(true);
    $m->isSMTP();
    $m->Host = $t['host'];
    $m->Port = $t['port'];
    $m->SMTPKeepAlive = $keep;
    $m->SMTPAutoTLS = false;
    $m->SMTPSecure = $t['security'] === 'starttls' ? PHPMailer::ENCRYPTION_STARTTLS : '';
    if (isset($t['cafile'])) $m->SMTPOptions = ['ssl' => ['cafile' => $t['cafile'], 'verify_peer' => true]];
    if (isset($t['username'])) { $m->SMTPAuth = true; $m->Username = $t['username']; $m->Password = $t['password']; }
    return $m;
}

function pm_send(PHPMailer $m, string $body): void {
    $m->clearAllRecipients();
    $m->setFrom('alice@example.test');
    $m->addAddress('bob@example.test');
    $m->Subject = 'bench';
    $m->Body = $body;
    $m->send();
}

/* Returns [seconds, cpu seconds] for $count runs of $fn. */
function measure(int $count, callable $fn): array {
    $t = microtime(true); $c = cpu();
    for ($i = 0; $i < $count; $i++) $fn($i);
    return [microtime(true) - $t, cpu() - $c];
}

function curl_batch(array $t, int $count, string $file): float {
    $url = sprintf('smtp://%s:%d', $t['host'], $t['port']);
    $args = ['curl', '-s'];
    for ($i = 0; $i < $count; $i++) {
        if ($i) $args[] = '--next';
        array_push($args, '--url', $url, '--mail-from', 'alice@example.test', '--mail-rcpt', 'bob@example.test', '-T', $file);
        if ($t['security'] === 'starttls') array_push($args, '--ssl-reqd', '--cacert', $t['cafile']);
        if (isset($t['username'])) array_push($args, '--user', $t['username'] . ':' . $t['password']);
    }
    $t0 = microtime(true);
    $p = proc_open($args, [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    $rc = proc_close($p);
    if ($rc !== 0) fwrite(STDERR, "curl exited $rc\n");
    return microtime(true) - $t0;
}

$eml = tempnam(sys_get_temp_dir(), 'eml');
file_put_contents($eml, "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: bench\r\n\r\n" . str_replace("\n", "\r\n", $body));
$rows = [];

// (a) kept connection, plain, smtp-sink
$c = new Smtp\Client($sink);
[$ours, $oursCpu] = measure($n, fn() => $c->send($msg));
$c->close();
$pm = phpmailer($sink, true);
$pmN = max(20, intdiv($n, 10));
[$pmt, $pmCpu] = measure($pmN, fn() => pm_send($pm, $body));
$pm->smtpClose();
$cu = curl_batch($sink, $n, $eml);
$rows[] = ['(a) kept connection, plain (msgs/s)', $n / $ours, $pmN / $pmt, $n / $cu];
$rows[] = ['(f) client CPU per message (ms)', 1000 * $oursCpu / $n, 1000 * $pmCpu / $pmN, null];

// (b) kept connection over STARTTLS (Postfix relay port)
$c = new Smtp\Client($tlsRelay);
[$ours] = measure($n, fn() => $c->send($msg));
$c->close();
$pm = phpmailer($tlsRelay, true);
[$pmt] = measure($pmN, fn() => pm_send($pm, $body));
$pm->smtpClose();
$cu = curl_batch($tlsRelay, $n, $eml);
$rows[] = ['(b) kept connection, STARTTLS (msgs/s)', $n / $ours, $pmN / $pmt, $n / $cu];

// (c) one-shot: a connection, STARTTLS and AUTH per message
$k = 40;
[$ours] = measure($k, fn() => smtp_send($msg, $submission));
[$pmt] = measure($k, fn() => pm_send(phpmailer($submission, false), $body));
$cuT = 0;
for ($i = 0; $i < $k; $i++) $cuT += curl_batch($submission, 1, $eml);
$rows[] = ['(c) one-shot STARTTLS+AUTH (ms/msg)', 1000 * $ours / $k, 1000 * $pmt / $k, 1000 * $cuT / $k];

unlink($eml);
printf("%-42s %12s %12s %12s   %s\n", 'measure', 'php-smtp', 'PHPMailer', 'curl', 'php-smtp vs PHPMailer / curl');
foreach ($rows as [$label, $a, $b, $cval]) {
    $lowerBetter = !str_contains($label, 'msgs/s');
    $r1 = $lowerBetter ? $b / $a : $a / $b;
    $r2 = $cval === null ? '' : sprintf('%.2fx', $lowerBetter ? $cval / $a : $a / $cval);
    printf("%-42s %12.2f %12.2f %12s   %.2fx / %s\n", $label, $a, $b, $cval === null ? '-' : sprintf('%.2f', $cval), $r1, $r2);
}
echo "(ratios: how many times better php-smtp is; >1 means faster / cheaper)\n";
