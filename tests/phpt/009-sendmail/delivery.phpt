--TEST--
php-smtp-sendmail -t over STARTTLS + AUTH PLAIN and over implicit TLS: TLS and the login in Received, Bcc delivered but not shown, recipients as arguments, -f/-r as Return-Path, -F
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind(); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';

foreach (['submission', 'smtps'] as $base) {
    echo "-- $base, -t\n";
    $conf = sm_config([], $base);
    $id = sm_id($base);
    $msg = "From: Alice <alice@example.test>\nTo: Bob <bob@example.test>\nCc: carol@example.test\n"
         . "Bcc: dave@example.test\nSubject: $base -t\nMessage-ID: $id\n\nbody\n";
    [$rc, $out, $err] = sm_run(['-C', $conf, '-t'], $msg);
    echo "exit $rc, stdout '$out', stderr '$err'\n";
    $copies = delivered($id, 3);
    $rcpts = array_map(fn($m) => $m['headers']['x-original-to'][0], $copies);
    sort($rcpts);
    echo implode(' ', $rcpts), "\n";
    foreach ($copies as $m) {
        $received = implode(' ', $m['headers']['received']);
        if (!preg_match('/using TLSv1\.[23]/', $received) || !str_contains($received, '(Authenticated sender: alice@example.test)')) {
            echo "no TLS or login in: $received\n";
        }
        if (isset($m['headers']['bcc']) || str_contains($m['raw'], 'dave@example.test' . "\n\n")) echo "Bcc shown\n";
    }
    echo "Bcc header in no copy: ", count(array_filter($copies, fn($m) => str_contains(substr($m['raw'], 0, strpos($m['raw'], "\n\n")), "\nBcc:"))) === 0 ? "yes" : "no", "\n";
    echo "headers: ", implode(',', own_headers($copies[0])), "\n";
    echo "Return-Path: ", $copies[0]['headers']['return-path'][0], "\n";
}

echo "-- recipients as arguments (no -t): only they get it, To stays as written\n";
$conf = sm_config();
$id = sm_id('args');
[$rc] = sm_run(['-C', $conf, 'erin@example.test', 'frank@example.test, grace@example.test'],
               "To: nobody@example.test\nSubject: args\nMessage-ID: $id\n\nhello\n");
$copies = delivered($id, 3);
$rcpts = array_map(fn($m) => $m['headers']['x-original-to'][0], $copies);
sort($rcpts);
echo "exit $rc: ", implode(' ', $rcpts), "; To: ", $copies[0]['headers']['to'][0], "\n";

echo "-- -t with arguments: both, each once\n";
$id = sm_id('both');
[$rc] = sm_run(['-C', $conf, '-t', 'bob@example.test', 'heidi@example.test'],
               "To: bob@example.test\nSubject: both\nMessage-ID: $id\n\nhello\n");
$copies = delivered($id, 2);
usleep(500000);
echo "exit $rc: ", count(delivered($id, 2, 1.0)), " copies\n";

foreach (['-f', '-r'] as $opt) {
    echo "-- $opt as Return-Path, -F names an added From\n";
    $id = sm_id('rp');
    [$rc] = sm_run(['-C', $conf, $opt, 'bounces@example.test', '-F', 'Jürgen Müller', '-t'],
                   "To: bob@example.test\nSubject: rp\nMessage-ID: $id\n\nhello\n");
    [$m] = delivered($id);
    echo "exit $rc, Return-Path ", $m['headers']['return-path'][0], ", From ", $m['headers']['from'][0], "\n";
}
echo "-- -fADDR attached, grouped -ti\n";
$id = sm_id('att');
[$rc] = sm_run(['-C', $conf, '-fatt@example.test', '-ti'], "To: bob@example.test\nSubject: att\nMessage-ID: $id\n\nx\n");
[$m] = delivered($id);
echo "exit $rc, Return-Path ", $m['headers']['return-path'][0], "\n";
echo "log lines: ", count(file(sm_dir() . '/log')), "\n";
?>
--EXPECT--
-- submission, -t
exit 0, stdout '', stderr ''
bob@example.test carol@example.test dave@example.test
Bcc header in no copy: yes
headers: from,to,cc,subject,message-id,date
Return-Path: <alice@example.test>
-- smtps, -t
exit 0, stdout '', stderr ''
bob@example.test carol@example.test dave@example.test
Bcc header in no copy: yes
headers: from,to,cc,subject,message-id,date
Return-Path: <alice@example.test>
-- recipients as arguments (no -t): only they get it, To stays as written
exit 0: erin@example.test frank@example.test grace@example.test; To: nobody@example.test
-- -t with arguments: both, each once
exit 0: 2 copies
-- -f as Return-Path, -F names an added From
exit 0, Return-Path <bounces@example.test>, From Jürgen Müller <bounces@example.test>
-- -r as Return-Path, -F names an added From
exit 0, Return-Path <bounces@example.test>, From Jürgen Müller <bounces@example.test>
-- -fADDR attached, grouped -ti
exit 0, Return-Path <att@example.test>
log lines: 7
