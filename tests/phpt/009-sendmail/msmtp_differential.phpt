--TEST--
php-smtp-sendmail against msmtp (the reference): the same invocations through both deliver equivalent messages: recipients, Return-Path, the headers added, the header values, the body bytes
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind();
if (!is_executable('/usr/bin/msmtp')) die('skip msmtp is not installed (Debian package msmtp)'); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
$ours = sm_config();
$rc = sm_dir() . '/msmtprc';
file_put_contents($rc, implode("\n", [
    'account default', 'host localhost', 'port ' . stack('SUBMISSION_PORT'), 'tls on', 'tls_starttls on',
    'tls_trust_file ' . stack('CA'), 'auth plain', 'user ' . stack('USER'), 'password ' . stack('PASS'),
    'from ' . stack('USER'), 'logfile ' . sm_dir() . '/msmtp.log', '']));
chmod($rc, 0600);
$cases = [
    '-t, To/Cc/Bcc, nothing else' => [['-t'], "To: Bob <bob@example.test>\nCc: carol@example.test\nBcc: dave@example.test\nSubject: %s\n\nbody\n"],
    'arguments, From given' => [['erin@example.test', 'frank@example.test'], "From: Alice <alice@example.test>\nTo: someone@example.test\nSubject: %s\n\nargs\n"],
    /* an ASCII name: msmtp writes a non-ASCII -F name as raw 8-bit bytes, we as RFC 2047 words (delivery.phpt) */
    '-f and -F, -t' => [['-f', 'bounces@example.test', '-F', 'Juergen Mueller', '-t'], "To: bob@example.test\nSubject: %s\n\nff\n"],
    '-i, dots, mixed line ends, no final newline' => [['-i', '-t'], "To: bob@example.test\r\nSubject: %s\r\n\r\n.\n..\n.x\r\nline\r\n\nend"],
    '-oi -t, Bcc alone, 8-bit body' => [['-oi', '-t'], "Bcc: grace@example.test\nSubject: %s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGr\xc3\xbc\xc3\x9fe\n"],
    'folded header, given Date and Message-ID' => [['-t'], "Date: Mon, 2 Jan 2023 03:04:05 +0100\nMessage-ID: <%s-given@example.test>\nTo: bob@example.test,\n carol@example.test\nSubject: %s\n\tfolded\n\nx\n"],
];
function view(array $copies): array
{
    $rcpts = array_map(fn($m) => $m['headers']['x-original-to'][0], $copies);
    sort($rcpts);
    $m = $copies[0];
    $h = $m['headers'];
    $names = own_headers($m);
    sort($names);
    $values = [];
    foreach ($h as $k => $v) {
        if (!in_array($k, ['return-path', 'x-original-to', 'delivered-to', 'received', 'subject', 'message-id', 'date'], true)) {
            $values[$k] = $v;
        }
    }
    ksort($values);
    return ['recipients' => $rcpts, 'return-path' => $h['return-path'], 'header names' => $names,
            'header values' => $values, 'one Date' => count($h['date'] ?? []) === 1, 'one Message-ID' => count($h['message-id'] ?? []) === 1,
            'body' => body_of($m)];
}
foreach ($cases as $label => [$args, $template]) {
    $seen = [];
    foreach (['ours' => [sendmail_bin(), ['-C', $ours]], 'msmtp' => ['/usr/bin/msmtp', ['-C', $rc]]] as $who => [$bin, $cfg]) {
        $subject = "diff " . bin2hex(random_bytes(4));
        $msg = substr_count($template, '%s') === 2 ? sprintf($template, bin2hex(random_bytes(4)), $subject) : sprintf($template, $subject);
        [$code, , $err] = sm_run(array_merge($cfg, $args), $msg, [], $bin);
        $n = count(array_filter([str_contains($msg, 'Bcc: dave'), str_contains($msg, 'Cc: carol')])) + 1;
        $n = $label === 'arguments, From given' ? 2 : ($label === '-oi -t, Bcc alone, 8-bit body' ? 1 : ($label === 'folded header, given Date and Message-ID' ? 2 : $n));
        $seen[$who] = $code === 0 ? view(delivered_by_subject($subject, $n)) : ["exit $code: $err"];
    }
    $diff = [];
    foreach ($seen['msmtp'] as $k => $v) {
        if (($seen['ours'][$k] ?? null) !== $v) $diff[] = "$k: msmtp " . json_encode($v) . " ours " . json_encode($seen['ours'][$k] ?? null);
    }
    echo "$label: ", $diff ? "DIFFERENT\n  " . implode("\n  ", $diff) : "same (" . implode(' ', $seen['ours']['recipients']) . "; " . implode(',', $seen['ours']['header names']) . ")", "\n";
}
?>
--EXPECT--
-t, To/Cc/Bcc, nothing else: same (bob@example.test carol@example.test dave@example.test; cc,date,from,message-id,subject,to)
arguments, From given: same (erin@example.test frank@example.test; date,from,message-id,subject,to)
-f and -F, -t: same (bob@example.test; date,from,message-id,subject,to)
-i, dots, mixed line ends, no final newline: same (bob@example.test; date,from,message-id,subject,to)
-oi -t, Bcc alone, 8-bit body: same (grace@example.test; content-transfer-encoding,content-type,date,from,message-id,subject)
folded header, given Date and Message-ID: same (bob@example.test carol@example.test; date,from,message-id,subject,to)
