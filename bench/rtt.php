<?php
/* (d) kept-connection sending over a link with 10 ms round-trip time (5 ms each
 * way, bench/delay_relay.py): round trips per message = time per message / RTT.
 *   php -d extension=modules/smtp.so bench/rtt.php STACKDIR */
require '/usr/share/php/libphp-phpmailer/autoload.php';
$env = parse_ini_file($argv[1] . '/env', false, INI_SCANNER_RAW);
$rtt = 0.010;
$n = (int)($argv[2] ?? 30);
function relay(int $target): int {
    static $procs = [];
    $p = proc_open(['python3', __DIR__ . '/delay_relay.py', (string)$target, '5'], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
    $procs[] = $p;
    return (int)fgets($pipes[1]);
}
$body = str_repeat("The quick brown fox jumps over the lazy dog. 0123456789\n", 36);
$msg = ['from' => 'alice@example.test', 'to' => 'bob@example.test', 'subject' => 'rtt', 'text' => $body];
printf("%-42s %12s %12s\n", "(d) kept connection over a 10 ms RTT link", "php-smtp", "PHPMailer");
foreach (['smtp-sink (PIPELINING)' => (int)$env['SMTP_TEST_SINK_PORT'], 'Postfix (PIPELINING + CHUNKING)' => (int)$env['SMTP_TEST_RELAY_PORT']] as $label => $port) {
    $c = new Smtp\Client(['host' => '127.0.0.1', 'port' => relay($port), 'security' => 'none']);
    $c->send($msg);   // connection set-up is not counted
    $t = microtime(true);
    for ($i = 0; $i < $n; $i++) $c->send($msg);
    $ours = (microtime(true) - $t) / $n / $rtt;
    $c->close();
    $m = new PHPMailer\PHPMailer\PHPMailer(true);
    $m->isSMTP(); $m->Host = '127.0.0.1'; $m->Port = relay($port); $m->SMTPKeepAlive = true; $m->SMTPAutoTLS = false;
    $m->setFrom('alice@example.test'); $m->addAddress('bob@example.test'); $m->Subject = 'rtt'; $m->Body = $body;
    $m->send();
    $t = microtime(true);
    for ($i = 0; $i < $n; $i++) $m->send();
    $pm = (microtime(true) - $t) / $n / $rtt;
    $m->smtpClose();
    printf("%-42s %12.2f %12.2f   (round trips per message at 10 ms RTT)\n", "(d) $label", $ours, $pm);
}
