--TEST--
php-smtp-sendmail under valgrind's memcheck: a -t send with Bcc, spooling when the relay is unreachable, -q delivering it, -bp, a configuration error and XOAUTH2 with a refresh: no invalid access, no leak
--EXTENSIONS--
smtp
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind();
if (!is_executable('/usr/bin/valgrind')) die('skip valgrind is not installed'); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
require __DIR__ . '/../oauth.inc';
function vg(string $label, array $args, string $stdin = ''): void
{
    $log = sm_dir() . '/vg-' . preg_replace('/\W+/', '-', $label) . '.log';
    [$rc, $out, $err] = sm_run(array_merge(['-q', '--leak-check=full', '--show-leak-kinds=definite,indirect,possible',
        '--errors-for-leak-kinds=definite,indirect,possible', '--error-exitcode=99', "--log-file=$log", sendmail_bin()], $args),
        $stdin, [], '/usr/bin/valgrind');
    $report = trim((string)file_get_contents($log));
    echo "$label: exit $rc", $report === '' ? ", memcheck clean" : "\n$report", "\n";
}
$spool = sm_dir() . '/spool';
$tag = bin2hex(random_bytes(4));
$ok = sm_config(['spool' => $spool, 'timeout' => 30]);
$s = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
fclose($s);
$down = sm_config(['spool' => $spool, 'port' => $port]);
vg('send -t', ['-C', $ok, '-t', '-v'], "To: bob@example.test\nBcc: carol@example.test\nSubject: vg $tag\n\n.\nbody\n");
vg('spooled', ['-C', $down, '-t'], "To: bob@example.test\nSubject: vg spooled $tag\n\nlater\n");
vg('-bp', ['-C', $ok, '-bp']);
vg('-q', ['-C', $ok, '-q']);
vg('78', ['-C', sm_dir() . '/missing', '-t']);
oauth_control();
$store = authorized_store('gmail', ['timeout' => 30]);   /* a refresh under valgrind on a loaded machine takes seconds */
$path = store_path($store);
age_access_token($path);
$key = sm_dir() . '/key';
file_put_contents($key, TEST_STORE_KEY);
chmod($key, 0600);
$oauth = sm_config(['auth' => 'xoauth2', 'password' => null, 'token_store' => $path, 'token_key_file' => $key,
                    'oauth_account' => 'gmail', 'timeout' => 30]);
vg('xoauth2 with a refresh', ['-C', $oauth, 'bob@example.test'], "Subject: vg oauth $tag\n\nx\n");
echo "delivered: ", count(delivered_by_subject("vg $tag", 2)), " + ", count(delivered_by_subject("vg spooled $tag")), " + ",
     count(delivered_by_subject("vg oauth $tag")), "; refreshes: ", oauth_stats()['token_refresh_token'], "\n";
?>
--EXPECT--
send -t: exit 0, memcheck clean
spooled: exit 0, memcheck clean
-bp: exit 0, memcheck clean
-q: exit 0, memcheck clean
78: exit 78, memcheck clean
xoauth2 with a refresh: exit 0, memcheck clean
delivered: 2 + 1 + 1; refreshes: 1
