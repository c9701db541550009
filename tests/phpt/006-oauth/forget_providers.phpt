--TEST--
forget() revokes at the provider and removes the account; presets for google and microsoft; every endpoint overridable
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$store->setClient('other', test_client());
$token = $store->accessToken('gmail');

echo "-- forget revokes the grant at the provider\n";
$store->forget('gmail');
echo "revoke requests: ", oauth_stats()['revoke'], "\n";
print_r($store->accounts());
echo "gone from the file: ", isset(decrypt_store($path)['accounts']['gmail']) ? "no" : "yes", "\n";
$e = expect_failure(fn() => smtp_send(msg(), oauth_transport($store, 'other', ['oauth' => $token])));

echo "-- revocation fails: the account is still removed, and the caller is told\n";
$store2 = authorized_store('gmail', ['revoke_endpoint' => 'https://localhost:1/revoke']);
try { $store2->forget('gmail'); } catch (Smtp\Exception $e) { echo $e->getMessage(), "\n"; }
echo "accounts left: ", count($store2->accounts()), "\n";
try { $store2->forget('gmail'); } catch (Smtp\Exception $e) { echo preg_replace('/store \S+/', 'store STORE', $e->getMessage()), "\n"; }

echo "-- google preset\n";
$p = new Smtp\TokenStore(temp_store_path(), TEST_STORE_KEY);
$p->setClient('g', ['client_id' => 'id.apps.googleusercontent.com', 'client_secret' => 's']);
$url = $p->authorizationUrl('g', 'https://example.com/cb', 'st');
echo strtok($url, '?'), "\n";
parse_str(parse_url($url, PHP_URL_QUERY), $q);
echo $q['scope'], "\n";
$st = $p->status('g');
echo $st['provider'], " ", $st['smtp_host'], ":", $st['smtp_port'], " authorized=", var_export($st['authorized'], true), "\n";
$doc = decrypt_store(store_path($p))['accounts']['g']['client'];
echo $doc['token_endpoint'], "\n", $doc['revoke_endpoint'], "\n";

echo "-- microsoft preset\n";
$p->setClient('m', ['provider' => 'microsoft', 'client_id' => '00000000-aaaa-bbbb-cccc-000000000000', 'client_secret' => 's']);
$url = $p->authorizationUrl('m', 'https://example.com/cb', 'st');
echo strtok($url, '?'), "\n";
parse_str(parse_url($url, PHP_URL_QUERY), $q);
echo $q['scope'], "\n";
$st = $p->status('m');
echo $st['provider'], " ", $st['smtp_host'], ":", $st['smtp_port'], "\n";
$doc = decrypt_store(store_path($p))['accounts']['m']['client'];
echo $doc['token_endpoint'], "\n", var_export($doc['revoke_endpoint'] ?? null, true), "\n";

echo "-- a Microsoft account against the local server (endpoints overridden) sends mail\n";
oauth_control();
$ms = authorized_store('office', ['provider' => 'microsoft', 'scope' => 'https://outlook.office.com/SMTP.Send offline_access']);
$r = smtp_send(msg(['subject' => 'via microsoft preset']), oauth_transport($ms, 'office'));
echo delivered($r['message_id'])[0]['headers']['subject'][0], "\n";

echo "-- a new client id drops the old tokens\n";
$ms->setClient('office', test_client(['client_id' => 'another-client']));
$st = $ms->status('office');
echo "authorized=", var_export($st['authorized'], true), " client_id=", $st['client_id'], "\n";
?>
--EXPECTF--
-- forget revokes the grant at the provider
revoke requests: 1
Array
(
    [0] => other
)
gone from the file: yes
Smtp\Exception: AUTH XOAUTH2 rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s (token refused: status 401, schemes bearer, scope mail)
code=535 enhanced='5.7.8' temporary=false unknown=false
in time
-- revocation fails: the account is still removed, and the caller is told
account 'gmail' was removed from the token store, but revoking its grant failed (POST https://localhost:1/revoke: Failed to connect to localhost port 1 after %d ms: Couldn't connect to server); remove the app's access in the account's security settings
accounts left: 0
account 'gmail' is not in the token store STORE (setClient() adds it)
-- google preset
https://accounts.google.com/o/oauth2/v2/auth
https://mail.google.com/
google smtp.gmail.com:587 authorized=false
https://oauth2.googleapis.com/token
https://oauth2.googleapis.com/revoke
-- microsoft preset
https://login.microsoftonline.com/common/oauth2/v2.0/authorize
https://outlook.office.com/SMTP.Send offline_access
microsoft smtp.office365.com:587
https://login.microsoftonline.com/common/oauth2/v2.0/token
NULL
-- a Microsoft account against the local server (endpoints overridden) sends mail
via microsoft preset
-- a new client id drops the old tokens
authorized=false client_id=another-client
