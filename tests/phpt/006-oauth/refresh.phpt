--TEST--
Refresh: only when expiring; rotation stored; a reply without refresh token keeps the old one; refresh_token_expires_in recorded
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$first = stored_tokens($path);

echo "-- a valid token is served from the store\n";
$s0 = oauth_stats();
$t = $store->accessToken('gmail');
echo "same token: ", $t === $first['access_token'] ? "yes" : "no", ", refresh requests: ", oauth_stats()['token_refresh_token'] - $s0['token_refresh_token'], "\n";

echo "-- an expired token is refreshed, without rotation the refresh token is kept\n";
age_access_token($path);
$t1 = $store->accessToken('gmail');
$now = stored_tokens($path);
echo "new access token: ", $t1 !== $first['access_token'] && $t1 === $now['access_token'] ? "yes" : "no", "\n";
echo "refresh token kept: ", $now['refresh_token'] === $first['refresh_token'] ? "yes" : "no", "\n";
echo "refresh requests: ", oauth_stats()['token_refresh_token'], "\n";
$st = $store->status('gmail');
echo "last_refresh set: ", abs($st['last_refresh'] - time()) <= 2 ? "yes" : "no", "\n";

echo "-- rotation: the new refresh token is stored, the old one is dead at the server\n";
oauth_control(['rotate' => 1, 'refresh_expires_in' => 86400], true);
$st = $store->refresh('gmail');
$rotated = stored_tokens($path);
echo "refresh token replaced: ", $rotated['refresh_token'] !== $first['refresh_token'] ? "yes" : "no", "\n";
echo "refresh_token_expires_at: ", abs($st['refresh_token_expires_at'] - time() - 86400) <= 2 ? "in 1 day" : var_export($st['refresh_token_expires_at'], true), "\n";
oauth_control(['rotate' => 0], true);
$st = $store->refresh('gmail');
echo "works with the rotated token: ", $st['authorized'] ? "yes" : "no", "\n";
echo "refresh requests: ", oauth_stats()['token_refresh_token'], "\n";

echo "-- the refresh token survives a process that only reads\n";
$other = new Smtp\TokenStore($path, TEST_STORE_KEY);
echo "other process sees the same token: ", $other->accessToken('gmail') === stored_tokens($path)['access_token'] ? "yes" : "no", "\n";
?>
--EXPECT--
-- a valid token is served from the store
same token: yes, refresh requests: 0
-- an expired token is refreshed, without rotation the refresh token is kept
new access token: yes
refresh token kept: yes
refresh requests: 1
last_refresh set: yes
-- rotation: the new refresh token is stored, the old one is dead at the server
refresh token replaced: yes
refresh_token_expires_at: in 1 day
works with the rotated token: yes
refresh requests: 3
-- the refresh token survives a process that only reads
other process sees the same token: yes
