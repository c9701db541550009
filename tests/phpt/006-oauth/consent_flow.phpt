--TEST--
Consent: authorization URL with PKCE S256, code exchange, status; reused code, wrong redirect URI, missing verifier leave the store unchanged
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control(['refresh_expires_in' => 604799]);
$path = temp_store_path();
$store = new Smtp\TokenStore($path, TEST_STORE_KEY);
$store->setClient('gmail', test_client());

$url = $store->authorizationUrl('gmail', TEST_REDIRECT, 'csrf-state-123');
echo "endpoint: ", str_starts_with($url, oauth_url('/authorize?')) ? "ok" : $url, "\n";
parse_str(parse_url($url, PHP_URL_QUERY), $q);
$verifier = decrypt_store($path)['accounts']['gmail']['pending']['code_verifier'];
$expected = rtrim(strtr(base64_encode(hash('sha256', $verifier, true)), '+/', '-_'), '=');
foreach (['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'access_type', 'prompt', 'code_challenge_method'] as $k) {
    echo "$k=", $q[$k] ?? '(missing)', "\n";
}
echo "verifier length: ", strlen($verifier), "\n";
echo "code_challenge is S256(verifier): ", $q['code_challenge'] === $expected ? "yes" : "no", "\n";
echo "verifier not in URL: ", str_contains($url, $verifier) ? "no" : "yes", "\n";

/* a second consent replaces the verifier */
$code = consent($store, 'gmail', TEST_REDIRECT);
$t0 = time();
$st = $store->exchangeCode('gmail', $code, TEST_REDIRECT);
echo "authorized: ", var_export($st['authorized'], true), "\n";
echo "authorized_at is now: ", $st['authorized_at'] >= $t0 && $st['authorized_at'] <= time() ? "yes" : "no", "\n";
echo "expires_at in ~1h: ", abs($st['expires_at'] - $t0 - 3600) <= 2 ? "yes" : "no", "\n";
echo "refresh_token_expires_at from refresh_token_expires_in: ", abs($st['refresh_token_expires_at'] - $t0 - 604799) <= 2 ? "yes" : "no", "\n";
echo "pending verifier removed: ", isset(decrypt_store($path)['accounts']['gmail']['pending']) ? "no" : "yes", "\n";
$stats = oauth_stats();

function unchanged(string $path, array $before): string
{
    return decrypt_store($path) == $before ? "store unchanged" : "STORE CHANGED";
}

echo "-- the same code again (after a new authorizationUrl)\n";
$store->authorizationUrl('gmail', TEST_REDIRECT, 'state-2');
$before = decrypt_store($path);
try { $store->exchangeCode('gmail', $code, TEST_REDIRECT); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\n"; }
echo unchanged($path, $before), "\n";

echo "-- wrong redirect URI\n";
$stats = oauth_stats();
try { $store->exchangeCode('gmail', 'any', 'https://evil.example/cb'); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\n"; }
echo unchanged($path, $before), ", requests sent: ", oauth_stats()['token'] - $stats['token'], "\n";

echo "-- code verifier that does not match the challenge\n";
$code2 = consent($store, 'gmail', TEST_REDIRECT);
$doc = decrypt_store($path);
$doc['accounts']['gmail']['pending']['code_verifier'] = str_repeat('A', 43);
encrypt_store($path, $doc);
try { $store->exchangeCode('gmail', $code2, TEST_REDIRECT); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\n"; }
echo unchanged($path, $doc), "\n";

echo "-- no consent in progress\n";
$fresh = new Smtp\TokenStore(temp_store_path(), TEST_STORE_KEY);
$fresh->setClient('gmail', test_client());
try { $fresh->exchangeCode('gmail', 'whatever', TEST_REDIRECT); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\n"; }

echo "-- unknown account, no client\n";
try { $store->authorizationUrl('nobody', TEST_REDIRECT, 's'); } catch (Smtp\Exception $e) { echo str_replace($path, 'STORE', $e->getMessage()), "\n"; }

echo "-- bad arguments\n";
foreach ([
    fn() => $store->authorizationUrl('gmail', 'not a url', 's'),
    fn() => $store->authorizationUrl('gmail', TEST_REDIRECT, "a\r\nb"),
    fn() => $store->authorizationUrl('bad name!', TEST_REDIRECT, 's'),
    fn() => $store->setClient('gmail', ['client_id' => 'x', 'token_endpoint' => 'http://plain.example/token']),
    fn() => $store->setClient('gmail', ['client_id' => 'x', 'colour' => 'blue']),
    fn() => $store->setClient('gmail', ['client_secret' => 'x']),
    fn() => $store->setClient('gmail', ['client_id' => 'x', 'provider' => 'yahoo']),
    fn() => $store->setClient('gmail', ['client_id' => 'x', 'timeout' => 'soon']),
] as $fn) {
    try { $fn(); echo "no exception\n"; } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
echo "still authorized: ", var_export($store->status('gmail')['authorized'], true), "\n";
?>
--EXPECTF--
endpoint: ok
response_type=code
client_id=php-smtp-tests.apps.example.test
redirect_uri=http://localhost/wp-admin/options-general.php?page=php-smtp&oauth=callback
scope=https://mail.google.com/
state=csrf-state-123
access_type=offline
prompt=consent
code_challenge_method=S256
verifier length: 43
code_challenge is S256(verifier): yes
verifier not in URL: yes
authorized: true
authorized_at is now: yes
expires_at in ~1h: yes
refresh_token_expires_at from refresh_token_expires_in: yes
pending verifier removed: yes
-- the same code again (after a new authorizationUrl)
OAuth code exchange for account 'gmail': the token endpoint https://localhost:%d/token answered invalid_grant (HTTP 400, Bad Request)
store unchanged
-- wrong redirect URI
OAuth code exchange for account 'gmail': the redirect URI differs from the one given to authorizationUrl() (http://localhost/wp-admin/options-general.php?page=php-smtp&oauth=callback); the provider would refuse it
store unchanged, requests sent: 0
-- code verifier that does not match the challenge
OAuth code exchange for account 'gmail': the token endpoint https://localhost:%d/token answered invalid_grant (HTTP 400, Invalid code verifier.)
store unchanged
-- no consent in progress
OAuth code exchange for account 'gmail': no consent is in progress, so there is no PKCE code_verifier (call authorizationUrl() first; each consent can be exchanged once)
-- unknown account, no client
account 'nobody' is not in the token store STORE (setClient() adds it)
-- bad arguments
ValueError: Smtp\TokenStore::authorizationUrl(): Argument #2 ($redirectUri) must be an absolute http:// or https:// URL without spaces or fragment
ValueError: Smtp\TokenStore::authorizationUrl(): Argument #3 ($state) must not contain control characters (CR, LF, NUL, ...)
ValueError: Smtp\TokenStore::authorizationUrl(): Argument #1 ($account) must be 1 to 128 characters of letters, digits and ._@+-
ValueError: Smtp\TokenStore::setClient(): Argument #2 ($client) token_endpoint must be an https:// URL
ValueError: Smtp\TokenStore::setClient(): Argument #2 ($client) contains unknown key "colour"
ValueError: Smtp\TokenStore::setClient(): Argument #2 ($client) ["client_id"] is required
ValueError: Smtp\TokenStore::setClient(): Argument #2 ($client) provider must be "google", "microsoft" or "microsoft-graph"
TypeError: Smtp\TokenStore::setClient(): Argument #2 ($client) ["timeout"] must be of type int|float, string given
still authorized: true
