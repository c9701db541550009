--TEST--
Refresh failures: 5xx, 429, timeout, unreachable, non-JSON and truncated bodies are temporary and keep the refresh token
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$refresh = stored_tokens($path)['refresh_token'];

$cases = [
    '500' => ['fail_status' => 500, 'fail_count' => 1],
    '503' => ['fail_status' => 503, 'fail_count' => 1],
    '429' => ['fail_status' => 429, 'fail_count' => 1],
    'garbage' => ['body' => 'garbage'],
    'truncated' => ['body' => 'truncated'],
    'empty' => ['body' => 'empty'],
    'slow' => ['delay' => 3],
];
foreach ($cases as $name => $settings) {
    echo "-- $name\n";
    oauth_control($settings);
    $store->setClient('gmail', test_client(['timeout' => $name === 'slow' ? 1 : 5]));
    age_access_token($path);
    $t = microtime(true);
    $e = null;
    try { $store->accessToken('gmail'); } catch (Smtp\Exception $e) {}
    echo $e ? $e->getMessage() : "no exception", "\n";
    echo "temporary=", var_export($e?->isTemporary(), true), " fast=", microtime(true) - $t < 2.5 ? "yes" : "no", "\n";
    $st = $store->status('gmail');
    echo "refresh token kept: ", stored_tokens($path)['refresh_token'] === $refresh ? "yes" : "no",
         ", authorized: ", var_export($st['authorized'], true),
         ", last_error recorded: ", $st['last_error'] === $e?->getMessage() ? "yes" : "no", "\n";
    /* the endpoint's (truncated) token never reaches the exception or the status */
    echo "token quoted: ", str_contains(($e?->getMessage() ?? '') . serialize($st), 'ya29') ? "YES" : "no", "\n";
}

echo "-- unreachable endpoint\n";
$store->setClient('gmail', test_client(['token_endpoint' => 'https://localhost:1/token']));
age_access_token($path);
try { $store->accessToken('gmail'); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\ntemporary=", var_export($e->isTemporary(), true), "\n"; }

echo "-- certificate not trusted (no ca_file: system CAs)\n";
$store->setClient('gmail', array_diff_key(test_client(), ['ca_file' => 1]));
try { $store->accessToken('gmail'); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\n"; }

echo "-- recovered: the next refresh works and clears last_error\n";
oauth_control();
$store->setClient('gmail', test_client());
$t = $store->accessToken('gmail');
$st = $store->status('gmail');
echo "token: ", strlen($t) > 20 ? "yes" : "no", ", last_error: ", var_export($st['last_error'], true), "\n";
?>
--EXPECTF--
-- 500
OAuth token refresh for account 'gmail': the token endpoint https://localhost:%d/token answered HTTP 500, not a JSON object: <html><body>Server Error</body></html> (temporary: the refresh token is kept)
temporary=true fast=yes
refresh token kept: yes, authorized: true, last_error recorded: yes
token quoted: no
-- 503
OAuth token refresh for account 'gmail': the token endpoint https://localhost:%d/token answered HTTP 503, not a JSON object: <html><body>Server Error</body></html> (temporary: the refresh token is kept)
temporary=true fast=yes
refresh token kept: yes, authorized: true, last_error recorded: yes
token quoted: no
-- 429
OAuth token refresh for account 'gmail': the token endpoint https://localhost:%d/token answered rate_limit_exceeded (HTTP 429, Rate limit exceeded.) (temporary: the refresh token is kept)
temporary=true fast=yes
refresh token kept: yes, authorized: true, last_error recorded: yes
token quoted: no
-- garbage
OAuth token refresh for account 'gmail': the token endpoint https://localhost:%d/token answered HTTP 200, not a JSON object (truncated or not a token endpoint?): 27 bytes, an HTML or XML page (not shown: it may hold a token) (temporary: the refresh token is kept)
temporary=true fast=yes
refresh token kept: yes, authorized: true, last_error recorded: yes
token quoted: no
-- truncated
OAuth token refresh for account 'gmail': the token endpoint https://localhost:%d/token answered HTTP 200, not a JSON object (truncated or not a token endpoint?): 28 bytes, incomplete or invalid JSON (not shown: it may hold a token) (temporary: the refresh token is kept)
temporary=true fast=yes
refresh token kept: yes, authorized: true, last_error recorded: yes
token quoted: no
-- empty
OAuth token refresh for account 'gmail': the token endpoint https://localhost:%d/token answered HTTP 200 with an empty body (temporary: the refresh token is kept)
temporary=true fast=yes
refresh token kept: yes, authorized: true, last_error recorded: yes
token quoted: no
-- slow
OAuth token refresh for account 'gmail': no reply from the token endpoint: POST https://localhost:%d/token: Operation timed out after %d milliseconds with 0 bytes received
temporary=true fast=yes
refresh token kept: yes, authorized: true, last_error recorded: yes
token quoted: no
-- unreachable endpoint
OAuth token refresh for account 'gmail': no reply from the token endpoint: POST https://localhost:1/token: Failed to connect to localhost port 1 after %d ms: Couldn't connect to server
temporary=true
-- certificate not trusted (no ca_file: system CAs)
OAuth token refresh for account 'gmail': no reply from the token endpoint: POST https://localhost:%d/token: SSL certificate problem: unable to get local issuer certificate
-- recovered: the next refresh works and clears last_error
token: yes, last_error: NULL
