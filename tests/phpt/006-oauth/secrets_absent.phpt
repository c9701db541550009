--TEST--
No token, client secret, store key or password (nor their base64 forms) in transcripts, exceptions, traces, var_dump or php --ri
--EXTENSIONS--
smtp
--INI--
smtp.token_key=ini-token-key-abcdefghijklmnop-0123
smtp.password=ini-password-should-stay-hidden
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$tokens = stored_tokens($path);
$secrets = ['access token' => $tokens['access_token'], 'refresh token' => $tokens['refresh_token'],
            'client secret' => stack('OAUTH_CLIENT_SECRET'), 'store key' => TEST_STORE_KEY,
            'ini key' => 'ini-token-key-abcdefghijklmnop-0123', 'ini password' => 'ini-password-should-stay-hidden'];

$seen = [];
$collect = function (string $where, string $text) use (&$seen) { $seen[$where] = ($seen[$where] ?? '') . $text; };

/* sending, with and without failure */
$r = smtp_send(msg(), oauth_transport($store, 'gmail', ['transcript' => true]));
$collect('transcript', implode("\n", $r['transcript']));
oauth_control(['expire_access' => 1], true);
$r = smtp_send(msg(), oauth_transport($store, 'gmail', ['transcript' => true]));
$collect('transcript after refresh', implode("\n", $r['transcript']));
oauth_control(['revoke_all' => 1], true);
foreach ([fn() => smtp_send(msg(), oauth_transport($store)), fn() => $store->accessToken('gmail'),
          fn() => smtp_send(msg(), oauth_transport($store, 'gmail', ['oauth' => $tokens['access_token']])),
          fn() => $store->exchangeCode('gmail', 'bad-code-' . $tokens['refresh_token'], TEST_REDIRECT)] as $i => $fn) {
    try { $fn(); } catch (Throwable $e) {
        $collect("exception $i", $e->getMessage() . $e->getTraceAsString() . print_r($e->getTrace(), true) .
                 implode("\n", $e instanceof Smtp\Exception ? $e->getTranscript() : []));
    }
}
/* a refresh error body that echoes what it got must not leak it either */
ob_start();
var_dump($store, new Smtp\Client(oauth_transport($store)));
print_r($store);
var_export($store);
$collect('var_dump', ob_get_clean());
$collect('status', print_r($store->status('gmail'), true));
$collect('php --ri', shell_exec(PHP_BINARY . ' -n -d extension=' . escapeshellarg(ini_get('extension_dir') . '/smtp.so') .
    ' -d smtp.token_key=ini-token-key-abcdefghijklmnop-0123 -d smtp.password=ini-password-should-stay-hidden --ri smtp'));
ob_start();
phpinfo(INFO_MODULES);
$collect('phpinfo', ob_get_clean());
/* the key from php.ini works without being passed */
$fromIni = new Smtp\TokenStore(temp_store_path(), '');
$fromIni->setClient('x', test_client());
echo "store opened with the php.ini key: ", $fromIni->accounts() === ['x'] ? "yes" : "no", "\n";

foreach ($seen as $where => $text) {
    $found = [];
    foreach ($secrets as $name => $s) {
        foreach (['' => $s, ' (base64)' => base64_encode($s), ' (url-encoded)' => rawurlencode($s)] as $form => $v) {
            if (str_contains($text, $v)) $found[] = $name . $form;
        }
    }
    /* XOAUTH2's payload is base64 of user, token and separators */
    if (str_contains($text, base64_encode("user=" . stack('USER') . "\x01auth=Bearer "))) $found[] = 'XOAUTH2 payload';
    printf("%-24s %s\n", $where, $found ? 'LEAKS ' . implode(', ', $found) : 'clean');
}
echo "smtp.token_key shown as: ", preg_match('/smtp\.token_key => (\S+)/', $seen['php --ri'], $m) ? $m[1] : '?', "\n";

$rm = fn($c, $m, $i) => count((new ReflectionMethod($c, $m))->getParameters()[$i]->getAttributes('SensitiveParameter'));
echo "SensitiveParameter: key ", $rm('Smtp\TokenStore', '__construct', 1), ", client ", $rm('Smtp\TokenStore', 'setClient', 1),
     ", code ", $rm('Smtp\TokenStore', 'exchangeCode', 1), "\n";
try { serialize($store); } catch (Exception $e) { echo $e->getMessage(), "\n"; }
try { clone $store; } catch (Error $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
store opened with the php.ini key: yes
transcript               clean
transcript after refresh clean
exception 0              clean
exception 1              clean
exception 2              clean
exception 3              clean
var_dump                 clean
status                   clean
php --ri                 clean
phpinfo                  clean
smtp.token_key shown as: ********
SensitiveParameter: key 1, client 1, code 1
Serialization of 'Smtp\TokenStore' is not allowed
Trying to clone an uncloneable object of class Smtp\TokenStore
