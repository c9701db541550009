--TEST--
XOAUTH2 and OAUTHBEARER with tokens from the store through Postfix + Dovecot's oauth2 passdb; a refused token is refreshed once and retried
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');

echo "-- XOAUTH2 from the store\n";
$r = smtp_send(msg(['subject' => 'oauth xoauth2']), oauth_transport($store, 'gmail', ['transcript' => true]));
[$m] = delivered($r['message_id']);
echo $m['headers']['subject'][0], "\n";
echo str_contains(implode("\n", $m['headers']['received']), 'Authenticated sender: alice@example.test') ? "authenticated as alice\n" : "not authenticated\n";
echo implode("\n", preg_grep('/AUTH|^S: 235/', $r['transcript'])), "\n";

echo "-- OAUTHBEARER (RFC 7628)\n";
$r = smtp_send(msg(['subject' => 'oauth bearer']), oauth_transport($store, 'gmail', ['auth' => 'oauthbearer', 'transcript' => true]));
[$m] = delivered($r['message_id']);
echo $m['headers']['subject'][0], "\n";
echo implode("\n", preg_grep('/^C: AUTH/', $r['transcript'])), "\n";

echo "-- the server no longer accepts the access token: refresh once, retry, delivered\n";
oauth_control(['expire_access' => 1], true);
$before = oauth_stats()['token_refresh_token'];
$r = smtp_send(msg(['subject' => 'after refresh']), oauth_transport($store, 'gmail', ['transcript' => true]));
[$m] = delivered($r['message_id']);
echo $m['headers']['subject'][0], "\n";
echo "refresh requests: ", oauth_stats()['token_refresh_token'] - $before, "\n";
echo implode("\n", preg_grep('/^S: 535|^\*: the server refused|^S: 235/', $r['transcript'])), "\n";

echo "-- Smtp\\Client keeps one authenticated connection\n";
$c = new Smtp\Client(oauth_transport($store, 'gmail'));
$ids = [$c->send(msg(['subject' => 'client 1']))['message_id'], $c->send(msg(['subject' => 'client 2']))['message_id']];
foreach ($ids as $id) echo delivered($id)[0]['headers']['subject'][0], "\n";
$c->close();

echo "-- the grant is revoked: the refresh fails, the error says to authorize again and quotes the server\n";
oauth_control(['revoke_all' => 1], true);
$e = expect_failure(fn() => smtp_send(msg(), oauth_transport($store, 'gmail')));
echo "needs_reauthorization: ", var_export($store->status('gmail')['needs_reauthorization'], true), "\n";

echo "-- an access token given directly, refused: the decoded reason\n";
$e = expect_failure(fn() => smtp_send(msg(), oauth_transport($store, 'gmail', ['oauth' => 'ya29.revoked-or-unknown'])));
?>
--EXPECTF--
-- XOAUTH2 from the store
oauth xoauth2
authenticated as alice
S: 250-AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER
C: AUTH XOAUTH2 <redacted>
S: 235 2.7.0 Authentication successful
-- OAUTHBEARER (RFC 7628)
oauth bearer
C: AUTH OAUTHBEARER <redacted>
-- the server no longer accepts the access token: refresh once, retry, delivered
after refresh
refresh requests: 1
S: 535 5.7.8 Error: authentication failed: %s
*: the server refused the access token; refreshing it and trying once more
S: 235 2.7.0 Authentication successful
-- Smtp\Client keeps one authenticated connection
client 1
client 2
-- the grant is revoked: the refresh fails, the error says to authorize again and quotes the server
Smtp\Exception: OAuth account 'gmail' must be authorized again: the provider refused its refresh token on %s UTC (invalid_grant: HTTP 400, Token has been expired or revoked.). No mail can be sent with it until a new consent (authorizationUrl() and exchangeCode(), or "Grant permission" in the WordPress wizard). (after: AUTH XOAUTH2 rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s (token refused: status 401, schemes bearer, scope mail))
code=0 enhanced=NULL temporary=false unknown=false
in time
needs_reauthorization: true
-- an access token given directly, refused: the decoded reason
Smtp\Exception: AUTH XOAUTH2 rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s (token refused: status 401, schemes bearer, scope mail)
code=535 enhanced='5.7.8' temporary=false unknown=false
in time
