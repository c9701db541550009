--TEST--
php-smtp-sendmail spool: relay down → exit 0 and a durable entry (0700 directory); -bp lists it; -q while down keeps it with a 1-minute backoff; relay up → two concurrent -q deliver each message exactly once; a permanent refusal leaves .failed with the server's words
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind(); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
$stack = __DIR__ . '/../../servers/mailstack.sh';
$spool = sm_dir() . '/spool';
$conf = sm_config(['spool' => $spool]);
$relay = sm_config(['spool' => sm_dir() . '/spool-relay'], 'relay');
$tag = bin2hex(random_bytes(4));
function env_of(string $file): array
{
    $e = [];
    foreach (file($file, FILE_IGNORE_NEW_LINES) as $line) {
        [$k, $v] = explode(' ', $line, 2) + [1 => ''];
        $e[$k][] = $v;
    }
    return $e;
}
function log_count(string $word): int
{
    return substr_count((string)@file_get_contents(sm_dir() . '/log'), "status=$word");
}
try {
    exec("$stack postfix-stop " . escapeshellarg(stack('DIR')), $o, $rc);
    echo "postfix stopped: ", $rc === 0 ? "yes" : "no", "\n";
    for ($i = 1; $i <= 4; $i++) {
        [$rc, $out, $err] = sm_run(['-C', $conf, '-t'], "To: bob@example.test\nSubject: spooled $tag $i\n\nmessage $i\n");
        echo "send $i: exit $rc, ", preg_match('/refused.*; spooled as \S+ in /', $err) ? "stderr says spooled" : "stderr: $err", "\n";
    }
    [$rc, , $err] = sm_run(['-C', $relay, '-t'], "To: nobody@elsewhere.invalid\nSubject: refused $tag\n\nno\n");
    echo "send 5 (a recipient the relay refuses): exit $rc\n";
    echo "its entry: ", count(glob(sm_dir() . '/spool-relay/*.env')), "\n";
    printf("spool mode %o\n", fileperms($spool) & 0777);
    $envs = glob("$spool/*.env");
    echo count($envs), " entries, ", count(glob("$spool/*.msg")), " messages, ", count(glob("$spool/tmp-*")), " temporary files\n";
    printf("entry modes %o %o\n", fileperms($envs[0]) & 0777, fileperms(str_replace('.env', '.msg', $envs[0])) & 0777);
    $e = env_of($envs[0]);
    echo "envelope: from ", $e['from'][0], " rcpt ", implode(',', $e['rcpt']), " attempts ", $e['attempts'][0], " due now: ", $e['next'][0] <= time() ? "yes" : "no", "\n";

    [$rc, $out] = sm_run(['-C', $conf, '-bp']);
    echo "-bp: exit $rc, ", substr_count($out, '  to <bob@example.test>'), " to bob, ", str_contains($out, '4 message(s) in the spool.') ? "4 listed" : $out, "\n";

    echo "-- -q while the relay is still down\n";
    [$rc] = sm_run(['-C', $conf, '-q']);
    $e = env_of($envs[0]);
    $all = array_map(fn($f) => env_of($f)['attempts'][0], glob("$spool/*.env"));
    echo "exit $rc, ", count($all), " entries, attempts ", implode(',', $all), "; the first's next in ", $e['next'][0] - time() >= 55 && $e['next'][0] - time() <= 60 ? "60 s" : $e['next'][0] - time(), "; error: ", str_contains($e['error'][0], 'refused') ? "connection refused" : $e['error'][0], "\n";
    $deferred = log_count('deferred');
    sm_run(['-C', $conf, '-q']);
    echo "a second -q at once tries nothing (not due): ", log_count('deferred') === $deferred ? "yes" : "no", "\n";
} finally {
    exec("$stack postfix-start " . escapeshellarg(stack('DIR')), $o, $rc);
    echo "postfix started: ", $rc === 0 ? "yes" : "no", "\n";
}

echo "-- relay up, the backoff over (as time passing would): two -q at once\n";
foreach (glob("$spool/*.env") as $f) {
    file_put_contents($f, preg_replace('/^next \d+$/m', 'next ' . (time() - 1), file_get_contents($f)));
}
/* what an interrupted command leaves: swept by -q once an hour old, not before */
foreach (['tmp-old' => 7200, 'tmp-fresh' => 0, 'orphan.msg' => 7200] as $name => $age) {
    touch("$spool/$name", time() - $age);
}
$procs = [];
foreach ([1, 2] as $n) {
    $procs[] = proc_open([sendmail_bin(), '-C', $conf, '-q'], [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', sm_dir() . "/q$n.err", 'w']], $p);
}
foreach ($procs as $n => $p) echo "-q ", $n + 1, ": exit ", proc_close($p), "\n";
for ($i = 1; $i <= 4; $i++) {
    delivered_by_subject("spooled $tag $i");
}
$copies = 0;
for ($i = 1; $i <= 4; $i++) $copies += count_by_subject("spooled $tag $i", $i === 1 ? 1.5 : 0);
echo "copies of the four messages: $copies\n";
echo "sent lines in the log: ", log_count('sent'), "\n";
echo "left: ", implode(' ', array_map('basename', glob("$spool/*"))), "\n";
echo "-- the relay refuses the other message for good\n";
[$rc] = sm_run(['-C', $relay, '-q']);
$spool = sm_dir() . '/spool-relay';
echo "exit $rc, left: ", count(glob("$spool/*.env")), " entries, ", count(glob("$spool/*.msg")), " messages, ", count(glob("$spool/*.failed")), " failed\n";
$failed = glob("$spool/*.failed");
$text = $failed ? file_get_contents($failed[0]) : '';
echo "failed: ", preg_match('/^reason RCPT TO rejected by localhost:\d+ for every recipient: <nobody@elsewhere.invalid>: 554 5\.7\.1 <nobody@elsewhere.invalid>: Relay access denied$/m', $text) ? "the server's words" : $text, "\n";
[$rc, $out] = sm_run(['-C', $relay, '-bp']);
echo "-bp: ", str_contains($out, '1 message(s) failed for good') && str_contains($out, '0 message(s) in the spool.') ? "empty, one failed" : $out, "\n";
?>
--EXPECT--
postfix stopped: yes
send 1: exit 0, stderr says spooled
send 2: exit 0, stderr says spooled
send 3: exit 0, stderr says spooled
send 4: exit 0, stderr says spooled
send 5 (a recipient the relay refuses): exit 0
its entry: 1
spool mode 700
4 entries, 4 messages, 0 temporary files
entry modes 600 600
envelope: from alice@example.test rcpt bob@example.test attempts 0 due now: yes
-bp: exit 0, 4 to bob, 4 listed
-- -q while the relay is still down
exit 0, 4 entries, attempts 1,1,1,1; the first's next in 60 s; error: connection refused
a second -q at once tries nothing (not due): yes
postfix started: yes
-- relay up, the backoff over (as time passing would): two -q at once
-q 1: exit 0
-q 2: exit 0
copies of the four messages: 4
sent lines in the log: 4
left: tmp-fresh
-- the relay refuses the other message for good
exit 0, left: 0 entries, 1 messages, 1 failed
failed: the server's words
-bp: empty, one failed
