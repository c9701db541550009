<?php
/*
 * php-smtp-sendmail beside msmtp (Debian's), in one run, on the same local
 * submission server (new connection, STARTTLS, AUTH PLAIN for every message)
 * with the same 2 KB message: one-shot sends of the command itself, then PHP's
 * mail() with sendmail_path set to each. Runs alternate (ours, msmtp, ours, ...)
 * so a drifting machine moves both; medians and the ratio of medians are
 * printed. Not a test: numbers are measurements of this machine, this run.
 *   php bench/sendmail.php STACKDIR [N]
 */
$env = parse_ini_file($argv[1] . '/env', false, INI_SCANNER_RAW);
$n = (int)($argv[2] ?? 100);
$root = dirname(__DIR__);
$ours = "$root/php-smtp-sendmail";
if (!is_executable($ours) || !is_executable('/usr/bin/msmtp')) {
    fwrite(STDERR, "needs $ours (make sendmail) and /usr/bin/msmtp\n");
    exit(1);
}
$dir = sys_get_temp_dir() . '/php-smtp-sendmail-bench-' . getmypid();
mkdir($dir, 0700);
register_shutdown_function(fn() => exec('rm -rf ' . escapeshellarg($dir)));
file_put_contents("$dir/ours.conf", implode("\n", [
    'host = localhost', 'port = ' . $env['SMTP_TEST_SUBMISSION_PORT'], 'security = starttls', 'cafile = ' . $env['SMTP_TEST_CA'],
    'username = ' . $env['SMTP_TEST_USER'], 'password = ' . $env['SMTP_TEST_PASS'], 'from = alice@example.test', "log = $dir/ours.log", '']));
file_put_contents("$dir/msmtprc", implode("\n", [
    'account default', 'host localhost', 'port ' . $env['SMTP_TEST_SUBMISSION_PORT'], 'tls on', 'tls_starttls on',
    'tls_trust_file ' . $env['SMTP_TEST_CA'], 'auth plain', 'user ' . $env['SMTP_TEST_USER'], 'password ' . $env['SMTP_TEST_PASS'],
    'from alice@example.test', "logfile $dir/msmtp.log", '']));
chmod("$dir/ours.conf", 0600);
chmod("$dir/msmtprc", 0600);
$body = str_repeat("The quick brown fox jumps over the lazy dog. 0123456789\n", 36);   // ~2 KB
$message = "To: bob@example.test\nSubject: bench\n\n$body";
$tools = ['php-smtp-sendmail' => [$ours, '-C', "$dir/ours.conf"], 'msmtp' => ['/usr/bin/msmtp', '-C', "$dir/msmtprc"]];

function once(array $cmd, string $stdin): float
{
    $t = hrtime(true);
    $p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['pipe', 'w']], $pipes);
    fwrite($pipes[0], $stdin);
    fclose($pipes[0]);
    $err = stream_get_contents($pipes[2]);
    if (proc_close($p) !== 0) {
        throw new RuntimeException(implode(' ', $cmd) . " failed: $err");
    }
    return (hrtime(true) - $t) / 1e6;
}
function median(array $a): float
{
    sort($a);
    $c = count($a);
    return $c % 2 ? $a[intdiv($c, 2)] : ($a[$c / 2 - 1] + $a[$c / 2]) / 2;
}
function report(string $title, array $ms): void
{
    printf("%s\n", $title);
    foreach ($ms as $tool => $list) {
        printf("  %-18s median %6.1f ms  (min %6.1f, max %6.1f, %d runs)\n", $tool, median($list), min($list), max($list), count($list));
    }
    printf("  ratio msmtp / php-smtp-sendmail: %.2fx\n", median($ms['msmtp']) / median($ms['php-smtp-sendmail']));
}

echo "php-smtp-sendmail vs msmtp ", trim(explode("\n", shell_exec('/usr/bin/msmtp --version'))[0]), ", ", gmdate('Y-m-d H:i'), " UTC, ", (int)shell_exec('nproc'), " cores\n";
echo "one 2 KB message per run: new connection, STARTTLS, AUTH PLAIN, one recipient, to the test Postfix\n\n";

/* 1. the command itself */
$ms = ['php-smtp-sendmail' => [], 'msmtp' => []];
foreach ($tools as $tool => $cmd) once(array_merge($cmd, ['-t']), $message);   // warm-up
for ($i = 0; $i < $n; $i++) {
    foreach ($tools as $tool => $cmd) $ms[$tool][] = once(array_merge($cmd, ['-t']), $message);
}
report("1. one-shot send, the command from a pipe (ms per message)", $ms);

/* 2. PHP mail() with sendmail_path = each command; the loop runs inside one PHP per tool and batch */
$child = <<<'PHP'
$n = (int)$argv[1]; $body = str_repeat("The quick brown fox jumps over the lazy dog. 0123456789\n", 36); $out = [];
for ($i = 0; $i < $n; $i++) { $t = hrtime(true); if (!mail('bob@example.test', 'bench mail()', $body)) exit(1); $out[] = (hrtime(true) - $t) / 1e6; }
echo implode(' ', $out);
PHP;
$ms = ['php-smtp-sendmail' => [], 'msmtp' => []];
$batch = 10;
for ($done = 0; $done < $n; $done += $batch) {
    foreach ($tools as $tool => $cmd) {
        $path = implode(' ', array_map('escapeshellarg', $cmd)) . ' -t -i';
        $got = shell_exec(implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-n', '-d', "sendmail_path=$path", '-r', $child, (string)min($batch, $n - $done)])));
        if (!$got) throw new RuntimeException("mail() through $tool failed");
        $ms[$tool] = array_merge($ms[$tool], array_map('floatval', explode(' ', trim($got))));
    }
}
report("\n2. PHP mail() with sendmail_path set to the command (ms per mail() call)", $ms);
$ourLines = count(file("$dir/ours.log"));
echo "\nlog lines: php-smtp-sendmail $ourLines (", 2 * $n + 1, " messages)\n";
