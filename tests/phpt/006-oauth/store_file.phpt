--TEST--
Token store file: mode 0600, standard AES-256-GCM/HKDF, no secret in its bytes, fresh nonce per write
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$store->accessToken('gmail');
printf("mode %o\n", fileperms($path) & 0777);
printf("lock file mode %o\n", fileperms("$path.lock") & 0777);

$doc = decrypt_store($path);
$tokens = $doc['accounts']['gmail']['tokens'];
$secrets = [$tokens['access_token'], $tokens['refresh_token'], stack('OAUTH_CLIENT_SECRET'), TEST_STORE_KEY];
echo "access token ", strlen($tokens['access_token']) > 20 ? "stored" : "missing", "\n";
echo "refresh token ", str_starts_with($tokens['refresh_token'], '1//') ? "stored" : "missing", "\n";

$bytes = file_get_contents($path);
$leaks = 0;
foreach ($secrets as $s) {
    foreach ([$s, base64_encode($s), bin2hex($s), rawurlencode($s), substr($s, 5, 12)] as $form) {
        $leaks += substr_count($bytes, $form);
    }
}
echo "secret forms found in the file: $leaks\n";
echo "client id in the file: ", str_contains($bytes, 'php-smtp-tests') ? "yes" : "no", "\n";
echo "magic: ", bin2hex(substr($bytes, 0, 8)), "\n";

/* every write uses a fresh salt and nonce */
$before = $bytes;
$store->setClient('second', test_client());
$after = file_get_contents($path);
echo "salt changed: ", substr($before, 8, 16) !== substr($after, 8, 16) ? "yes" : "no", "\n";
echo "nonce changed: ", substr($before, 40, 12) !== substr($after, 40, 12) ? "yes" : "no", "\n";
print_r($store->accounts());

/* nothing else left in the directory: no temporary files */
$names = array_map('basename', glob(dirname($path) . '/*'));
sort($names);
print_r($names);

/* a key that is too short is refused before anything is read */
try {
    new Smtp\TokenStore($path, 'short');
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
try {
    new Smtp\TokenStore($path, '');
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
mode 600
lock file mode 600
access token stored
refresh token stored
secret forms found in the file: 0
client id in the file: no
magic: 50534d5450545301
salt changed: yes
nonce changed: yes
Array
(
    [0] => gmail
    [1] => second
)
Array
(
    [0] => tokens.store
    [1] => tokens.store.lock
)
ValueError: Smtp\TokenStore::__construct(): Argument #2 ($key) must be at least 16 bytes of secret material (e.g. bin2hex(random_bytes(32)))
ValueError: Smtp\TokenStore::__construct(): Argument #2 ($key) is empty and neither smtp.token_key nor PHP_SMTP_TOKEN_KEY is set
