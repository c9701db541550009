--TEST--
bin/php-smtp-oauth: prints the consent URL, takes the pasted redirect URL, stores the tokens, sends a test message; status; refuses a foreign state
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$path = temp_store_path();
$cli = __DIR__ . '/../../../bin/php-smtp-oauth';
$php = [PHP_BINARY, '-n', '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so'];
$env = ['PHP_SMTP_TOKEN_KEY' => TEST_STORE_KEY, 'PHP_SMTP_OAUTH_CLIENT_SECRET' => stack('OAUTH_CLIENT_SECRET'), 'PATH' => getenv('PATH')];
$common = ['--store', $path, '--account', stack('USER'), '--client-id', stack('OAUTH_CLIENT_ID'),
           '--auth-endpoint', oauth_url('/authorize'), '--token-endpoint', oauth_url('/token'),
           '--revoke-endpoint', oauth_url('/revoke'), '--ca-file', stack('CA'), '--redirect-uri', 'http://localhost/cb'];

function run_cli(array $cmd, array $env, callable $answer): array
{
    $p = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
    $out = '';
    while (($line = fgets($pipes[1])) !== false) {
        $out .= $line;
        if (str_starts_with($line, '3. Paste')) {
            preg_match('#^(https://\S+)$#m', $out, $m);
            fwrite($pipes[0], $answer($m[1]) . "\n");
            fclose($pipes[0]);
        }
    }
    $err = stream_get_contents($pipes[2]);
    return [proc_close($p), $out, $err];
}

/* the browser: follow the consent URL, return where the provider redirected */
$browser = function (string $url): string {
    [$headers] = oauth_get(substr($url, strlen(stack('OAUTH_URL'))));
    foreach ($headers as $h) if (stripos($h, 'Location:') === 0) return trim(substr($h, 9));
    return '';
};

echo "-- authorize, pasting the redirect URL, and send a test\n";
[$rc, $out, $err] = run_cli(array_merge($php, [$cli, 'authorize'], $common, [
    '--send-test', 'bob@example.test', '--host', 'localhost', '--port', stack('SUBMISSION_PORT'), '--smtp-cafile', stack('CA')]),
    $env, $browser);
echo "exit $rc\n", preg_replace(['#https://\S+#', '#\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC#', '#queued as \w+#', '#^(\s*).*tokens.store\.#m'],
                                ['URL', 'TIME', 'queued as ID', '$1Authorized. Tokens are stored in STORE.'], $out), $err;
echo "secret or key on the screen: ", str_contains($out . $err, stack('OAUTH_CLIENT_SECRET')) || str_contains($out . $err, TEST_STORE_KEY) ? "yes" : "no", "\n";
for ($i = 0, $found = []; $i < 150 && !$found; $i++, usleep(100000)) {
    $found = array_filter(glob(stack('MAILDIR') . '/inbox/new/*'), fn($f) => str_contains(file_get_contents($f), 'php-smtp OAuth test'));
}
echo "test message delivered: ", $found ? "yes" : "no", "\n";

echo "-- status\n";
[$rc, $out] = run_cli(array_merge($php, [$cli, 'status', '--store', $path, '--account', stack('USER')]), $env, fn() => '');
echo "exit $rc, ", preg_match('/^authorized:\s+yes$/m', $out) ? "authorized" : "not authorized", "\n";

echo "-- a pasted URL from another consent (wrong state) is refused\n";
[$rc, $out, $err] = run_cli(array_merge($php, [$cli, 'authorize'], $common), $env,
    fn($url) => 'http://localhost/cb?code=4/abc&state=someone-elses-state');
echo "exit $rc\n$err";

echo "-- the user denies consent\n";
oauth_control(['deny' => 1]);
[$rc, $out, $err] = run_cli(array_merge($php, [$cli, 'authorize'], $common), $env, $browser);
echo "exit $rc\n$err";

echo "-- no key in the environment\n";
[$rc, $out, $err] = run_cli(array_merge($php, [$cli, 'status', '--store', $path, '--account', 'x']), ['PATH' => getenv('PATH')], fn() => '');
echo "exit $rc\n$err";
?>
--EXPECTF--
-- authorize, pasting the redirect URL, and send a test
exit 0
1. Open this URL in a browser, signed in as the account that will send mail:

URL

2. Approve. The browser then goes to http://localhost/cb (the page may fail to load: that is fine).
3. Paste the whole address from the browser's address bar (or just the code) and press Enter:

Authorized. Tokens are stored in STORE.
authorized:               yes
provider:                 google (SMTP smtp.gmail.com:587)
consent given:            TIME
access token expires:     TIME
refresh token expires:    not announced
last refresh:             unknown
needs reauthorization:    no
last error:               none

Note: if the Google Cloud app is in "Testing" status, Google ends this grant after 7 days.
Publish it (OAuth consent screen > Publish app, "In production") to keep mail flowing.
test message sent to bob@example.test: 250 2.0.0 Ok: %d bytes queued as ID
secret or key on the screen: no
test message delivered: yes
-- status
exit 0, authorized
-- a pasted URL from another consent (wrong state) is refused
exit 1
php-smtp-oauth: the state in the pasted URL does not match this run: it belongs to another consent (or was tampered with)
-- the user denies consent
exit 1
php-smtp-oauth: the provider refused the consent: access_denied
-- no key in the environment
exit 2
php-smtp-oauth: Smtp\TokenStore::__construct(): Argument #2 ($key) is empty and neither smtp.token_key nor PHP_SMTP_TOKEN_KEY is set
