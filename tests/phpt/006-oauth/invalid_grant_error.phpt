--TEST--
invalid_grant: needs_reauthorization, no further refresh until a new consent, and the 7-day "Testing" hint when it comes a week after consent
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);

echo "-- revoked two days after consent: no Testing hint\n";
$doc = decrypt_store($path);
$doc['accounts']['gmail']['authorized_at'] = time() - 2 * 86400;
encrypt_store($path, $doc);
age_access_token($path);
oauth_control(['revoke_all' => 1], true);
try { $store->accessToken('gmail'); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\ntemporary=", var_export($e->isTemporary(), true), "\n"; }
$st = $store->status('gmail');
echo "needs_reauthorization=", var_export($st['needs_reauthorization'], true), " authorized=", var_export($st['authorized'], true), "\n";
echo "last_error=", $st['last_error'], "\n";

echo "-- no further refresh is attempted\n";
$before = oauth_stats()['token_refresh_token'];
foreach ([fn() => $store->accessToken('gmail'), fn() => $store->refresh('gmail')] as $fn) {
    try { $fn(); } catch (Smtp\Exception $e) { echo substr($e->getMessage(), 0, 86), "...\n"; }
}
echo "refresh requests since: ", oauth_stats()['token_refresh_token'] - $before, "\n";

echo "-- a new consent clears it\n";
$store->exchangeCode('gmail', consent($store, 'gmail', TEST_REDIRECT), TEST_REDIRECT);
$st = $store->status('gmail');
echo "needs_reauthorization=", var_export($st['needs_reauthorization'], true), " last_error=", var_export($st['last_error'], true), "\n";

echo "-- invalid_grant seven days after consent: the app is probably in Testing\n";
$doc = decrypt_store($path);
$doc['accounts']['gmail']['authorized_at'] = time() - 7 * 86400 - 600;
encrypt_store($path, $doc);
age_access_token($path);
oauth_control(['revoke_all' => 1], true);
try { $store->accessToken('gmail'); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\n"; }

echo "-- the same for a Microsoft account gives no Google hint\n";
$ms = authorized_store('office', ['provider' => 'microsoft']);
$mpath = store_path($ms);
$doc = decrypt_store($mpath);
$doc['accounts']['office']['authorized_at'] = time() - 7 * 86400 - 600;
encrypt_store($mpath, $doc);
age_access_token($mpath, 'office');
oauth_control(['revoke_all' => 1], true);
try { $ms->accessToken('office'); } catch (Smtp\Exception $e) { echo str_contains($e->getMessage(), 'Testing') ? "hint given\n" : "no hint\n"; }
?>
--EXPECTF--
-- revoked two days after consent: no Testing hint
OAuth account 'gmail' must be authorized again: the provider refused its refresh token on %s UTC (invalid_grant: HTTP 400, Token has been expired or revoked.). No mail can be sent with it until a new consent (authorizationUrl() and exchangeCode(), or "Grant permission" in the WordPress wizard).
temporary=false
needs_reauthorization=true authorized=false
last_error=invalid_grant: HTTP 400, Token has been expired or revoked.
-- no further refresh is attempted
OAuth account 'gmail' must be authorized again: the provider refused its refresh token...
OAuth account 'gmail' must be authorized again: the provider refused its refresh token...
refresh requests since: 0
-- a new consent clears it
needs_reauthorization=false last_error=NULL
-- invalid_grant seven days after consent: the app is probably in Testing
OAuth account 'gmail' must be authorized again: the provider refused its refresh token on %s UTC (invalid_grant: HTTP 400, Token has been expired or revoked.). No mail can be sent with it until a new consent (authorizationUrl() and exchangeCode(), or "Grant permission" in the WordPress wizard). This came 7.0 days after the consent of %d-%d-%d %d:%d UTC: the Google Cloud app is probably in "Testing" status, whose refresh tokens expire after 7 days. Publish it (Google Cloud Console > OAuth consent screen > Publish app, status "In production"), then authorize again.
-- the same for a Microsoft account gives no Google hint
no hint
