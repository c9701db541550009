--TEST--
php-smtp-sendmail: a 10 MB body (dot lines included) arrives byte for byte and the command's peak RSS is that of a 10 KB message (constant memory; /usr/bin/time -v)
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind();
if (!is_executable('/usr/bin/time')) die('skip /usr/bin/time is missing'); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
$conf = sm_config(['spool' => sm_dir() . '/spool']);
function body(int $bytes): string
{
    $line = str_repeat('0123456789abcdefghijklmnopqrstuvwxyz', 2) . "\n";
    $b = '';
    for ($i = 0; strlen($b) < $bytes; $i++) {
        $b .= ($i % 100 === 0 ? '.' : '') . $line;
    }
    return $b;
}
function peak_kb(string $err): int
{
    return preg_match('/Maximum resident set size \(kbytes\): (\d+)/', $err, $m) ? (int)$m[1] : -1;
}
$rss = [];
foreach (['small' => 10 * 1024, 'big' => 10 * 1024 * 1024] as $label => $size) {
    $body = body($size);
    $subject = "rss $label " . bin2hex(random_bytes(4));
    [$rc, , $err] = sm_run(['-v', sendmail_bin(), '-C', $conf, '-t'], "To: bob@example.test\nSubject: $subject\n\n$body", [], '/usr/bin/time');
    $rss[$label] = peak_kb(str_replace("\t", '', $err));
    [$m] = delivered_by_subject($subject, 1, 60);
    printf("%s: exit %d, %.1f MB body %s\n", $label, $rc, strlen($body) / 1048576, hash('sha256', body_of($m)) === hash('sha256', $body) ? "arrived intact" : "DIFFERS");
}
$growth = $rss['big'] - $rss['small'];
echo "peak RSS measured: ", $rss['small'] > 0 && $rss['big'] > 0 ? "yes" : "no", "\n";
echo "peak RSS growth for 10 MB more: ", $growth < 4096 ? "under 4 MB (the core keeps one 1 MB BDAT chunk and its write buffer)" : "$growth kB", "\n";
echo "spool left empty: ", count(glob(sm_dir() . '/spool/*')) === 0 ? "yes" : "no", "\n";
?>
--EXPECT--
small: exit 0, 0.0 MB body arrived intact
big: exit 0, 10.0 MB body arrived intact
peak RSS measured: yes
peak RSS growth for 10 MB more: under 4 MB (the core keeps one 1 MB BDAT chunk and its write buffer)
spool left empty: yes
