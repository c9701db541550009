--TEST--
php-smtp-sendmail XOAUTH2 from a TokenStore authorized through the extension: delivered; an expired token refreshed once (also for PHP and three commands at once); a token the server refuses refreshed once; PHP reads the store afterwards; invalid_grant exits 77; no secret in the log, stdout or stderr
--EXTENSIONS--
smtp
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind(); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$key = sm_dir() . '/token.key';
file_put_contents($key, TEST_STORE_KEY . "\n");
chmod($key, 0600);
$conf = sm_config(['auth' => 'xoauth2', 'password' => null, 'token_store' => $path, 'token_key_file' => $key,
                   'oauth_account' => 'gmail', 'username' => stack('USER')], 'submission', 0644);
$outputs = '';
function send(string $conf, string $label, array $extra = []): ?array
{
    global $outputs;
    $subject = "xoauth2 $label " . bin2hex(random_bytes(4));
    [$rc, $out, $err] = sm_run(array_merge(['-C', $conf, '-v', '-t'], $extra), "To: bob@example.test\nSubject: $subject\n\nx\n");
    $outputs .= $out . $err;
    echo "$label: exit $rc", $rc ? ' ' . trim(preg_replace('/^[SC*]: .*\n/m', '', $err)) : '', "\n";
    return $rc === 0 ? delivered_by_subject($subject)[0] : null;
}
$refreshes = fn() => oauth_stats()['token_refresh_token'];

$r0 = $refreshes();
$m = send($conf, 'valid token');
echo "  XOAUTH2 in the transcript: ", str_contains($outputs, 'C: AUTH XOAUTH2 <redacted>') ? "yes" : "no",
     "; login in Received: ", str_contains(implode(' ', $m['headers']['received']), 'Authenticated sender: alice@example.test') ? "yes" : "no",
     "; refreshes: ", $refreshes() - $r0, "\n";

age_access_token($path);
$old = stored_tokens($path)['access_token'];
send($conf, 'expired in the store');
echo "  refreshes: ", $refreshes() - $r0, "; stored token replaced: ", stored_tokens($path)['access_token'] !== $old ? "yes" : "no", "\n";

oauth_control(['expire_access' => 1], true);
send($conf, 'refused by the server');
echo "  refreshes: ", $refreshes() - $r0, "; transcript says so: ", str_contains($outputs, 'refreshing it and trying once more') ? "yes" : "no", "\n";

echo "-- PHP reads the store the command wrote\n";
$php = new Smtp\TokenStore($path, TEST_STORE_KEY);
$st = $php->status('gmail');
echo "authorized: ", var_export($st['authorized'], true), "; PHP's token is the stored one: ", $php->accessToken('gmail') === stored_tokens($path)['access_token'] ? "yes" : "no", "; refreshes: ", $refreshes() - $r0, "\n";

echo "-- three commands and PHP at once with an expired token: one refresh\n";
age_access_token($path);
oauth_control(['delay' => 0.5], true);
$r1 = $refreshes();
$procs = [];
$subject = 'xoauth2 race ' . bin2hex(random_bytes(4));
for ($i = 0; $i < 3; $i++) {
    $procs[] = proc_open([sendmail_bin(), '-C', $conf, 'bob@example.test'], [0 => ['pipe', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $p);
    fwrite($p[0], "Subject: $subject\n\nrace $i\n");
    fclose($p[0]);
}
$phpToken = $php->accessToken('gmail');
$codes = array_map('proc_close', $procs);
echo "exits: ", implode(',', $codes), "; refreshes: ", $refreshes() - $r1, "; copies: ", count(delivered_by_subject($subject, 3)), "\n";
oauth_control(['delay' => 0], true);

echo "-- secrets\n";
$doc = decrypt_store($path)['accounts']['gmail'];
$secrets = ['access token' => $doc['tokens']['access_token'], 'refresh token' => $doc['tokens']['refresh_token'],
            'client secret' => stack('OAUTH_CLIENT_SECRET'), 'store key' => TEST_STORE_KEY, 'old access token' => $old];
$log = file_get_contents(sm_dir() . '/log');
foreach ($secrets as $name => $secret) {
    if (str_contains($outputs, $secret) || str_contains($log, $secret) || str_contains($outputs . $log, base64_encode("user=" . stack('USER') . "\1auth=Bearer $secret\1\1"))) {
        echo "LEAK: $name\n";
    }
}
echo "log lines: ", count(file(sm_dir() . '/log')), "\n";

echo "-- failures\n";
chmod($key, 0640);
send($conf, 'group-readable key file');
chmod($key, 0600);
$wrong = sm_dir() . '/wrong.key';
file_put_contents($wrong, "a-wrong-key-of-enough-length-000\n");
chmod($wrong, 0600);
send((sm_config(['auth' => 'xoauth2', 'password' => null, 'token_store' => $path, 'token_key_file' => $wrong, 'oauth_account' => 'gmail', 'username' => stack('USER')])), 'wrong key');
oauth_control(['revoke_all' => 1], true);
age_access_token($path);
send($conf, 'grant revoked');
echo "store still readable by PHP: ", is_array($php->status('gmail')) ? "yes" : "no", "; needs_reauthorization: ", var_export($php->status('gmail')['needs_reauthorization'], true), "\n";
?>
--EXPECTF--
valid token: exit 0
  XOAUTH2 in the transcript: yes; login in Received: yes; refreshes: 0
expired in the store: exit 0
  refreshes: 1; stored token replaced: yes
refused by the server: exit 0
  refreshes: 2; transcript says so: yes
-- PHP reads the store the command wrote
authorized: true; PHP's token is the stored one: yes; refreshes: 2
-- three commands and PHP at once with an expired token: one refresh
exits: 0,0,0; refreshes: 1; copies: 3
-- secrets
log lines: 6
-- failures
group-readable key file: exit 78 php-smtp-sendmail: %s/token.key (token_key_file) is readable by group or others (mode 0640); chmod 600 %s/token.key
wrong key: exit 78 php-smtp-sendmail: token store %s/tokens.store: the key does not match the one it was written with (was the key changed?); the file was left untouched
grant revoked: exit 77 php-smtp-sendmail: OAuth account 'gmail' must be authorized again: the provider refused its refresh token on %s (invalid_grant: HTTP 400, Token has been expired or revoked.). %s
store still readable by PHP: yes; needs_reauthorization: true
