--TEST--
gmail and graph with a TokenStore: a 401 refreshes the token once and the request is sent once more; a refused refresh and a second 401 end there; the microsoft-graph preset; Smtp\Client keeps one HTTPS connection
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../api.inc';
$base = api_server();

echo "-- gmail: the access token dies early at the provider (the store still thinks it is valid)\n";
oauth_control();
$store = authorized_store('gmail');
$before = stored_tokens(store_path($store))['access_token'];
oauth_control(['expire_access' => 1], true);
api_control($base);
$r = smtp_send(msg(['subject' => 'after a refresh']), api_transport('gmail', $base, ['oauth' => ['store' => $store, 'account' => 'gmail'], 'transcript' => true]));
$stats = oauth_stats();
printf("sent: %s, requests to the API: %d, refreshes: %d, new token stored: %s\n", $r['response'] !== '' ? 'yes' : 'no',
       api_stats($base)['gmail'], $stats['token_refresh_token'], stored_tokens(store_path($store))['access_token'] !== $before ? 'yes' : 'no');
echo implode("\n", array_filter($r['transcript'], fn($l) => str_starts_with($l, '*') || str_starts_with($l, 'S: HTTP'))), "\n";
$p = parse_mail(api_last($base, 'gmail')['file']);
echo $p['headers']['subject'][0], "\n";

echo "-- graph: the microsoft-graph preset's scope, and the same refresh\n";
oauth_control();
$ms = authorized_store('m365', ['provider' => 'microsoft-graph']);
echo $ms->status('m365')['scope'], "\n";
oauth_control(['expire_access' => 1], true);
api_control($base);
$r = smtp_send(msg(['subject' => 'graph after a refresh']), api_transport('graph', $base, ['oauth' => ['store' => $ms, 'account' => 'm365']]));
printf("sent: %s, requests: %d, refreshes: %d\n", str_starts_with($r['response'], 'HTTP 202') ? 'yes' : 'no',
       api_stats($base)['graph'], oauth_stats()['token_refresh_token']);

echo "-- the refresh itself is refused (grant revoked): one request, the message says both\n";
oauth_control(['revoke_all' => 1], true);
oauth_control(['expire_access' => 1], true);
api_control($base);
$e = expect_failure(fn() => smtp_send(msg(), api_transport('graph', $base, ['oauth' => ['store' => $ms, 'account' => 'm365']])));
printf("http=%d requests=%d\n", $e->getHttpStatus(), api_stats($base)['graph']);

echo "-- a second 401 after the refresh: no third try\n";
oauth_control();
$store = authorized_store('gmail2');
api_control($base, ['fail' => 401, 'count' => 2]);
$e = expect_failure(fn() => smtp_send(msg(), api_transport('gmail', $base, ['oauth' => ['store' => $store, 'account' => 'gmail2']])));
printf("http=%d requests=%d refreshes=%d\n", $e->getHttpStatus(), api_stats($base)['gmail'], oauth_stats()['token_refresh_token']);

echo "-- a plain access token that the API refuses: 401, no refresh possible\n";
api_control($base);
$e = expect_failure(fn() => smtp_send(msg(), api_transport('gmail', $base, ['oauth' => 'ya29.not-a-real-token'])));
printf("http=%d\n", $e->getHttpStatus());

echo "-- Smtp\\Client: three messages over one kept connection, close() ends it\n";
api_control($base);
$c = new Smtp\Client(api_transport('postmark', $base));
$c0 = api_stats($base)['connections'];      /* each look at the stats is a connection of its own */
for ($i = 1; $i <= 3; $i++) $c->send(msg(['subject' => "kept $i"]));
$c1 = api_stats($base)['connections'];
$c->close();
$c->send(msg(['subject' => 'after close']));
$s = api_stats($base);
printf("requests=%d connections for three=%d after close=%d\n", $s['postmark'], $c1 - $c0 - 1, $s['connections'] - $c1 - 1);
$c = new Smtp\Client(api_transport('gmail', $base, ['oauth' => ['store' => $store, 'account' => 'gmail2']]));
$c->send(msg());
$c->send(msg());
echo "gmail client with a store: ", api_stats($base)['gmail'], " requests\n";
?>
--EXPECTF--
-- gmail: the access token dies early at the provider (the store still thinks it is valid)
sent: yes, requests to the API: 2, refreshes: 1, new token stored: yes
S: HTTP/1.1 401
*: the API refused the access token (HTTP 401); refreshing it and trying once more
S: HTTP/1.1 200
after a refresh
-- graph: the microsoft-graph preset's scope, and the same refresh
https://graph.microsoft.com/Mail.Send offline_access
sent: yes, requests: 2, refreshes: 1
-- the refresh itself is refused (grant revoked): one request, the message says both
Smtp\Exception: OAuth account 'm365' must be authorized again: %s (after: Microsoft Graph refused the message (HTTP 401): InvalidAuthenticationToken: Access token has expired or is not yet valid.)
code=0 enhanced=NULL temporary=false unknown=false
in time
http=0 requests=1
-- a second 401 after the refresh: no third try
Smtp\Exception: Gmail API refused the message (HTTP 401): UNAUTHENTICATED: Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.
code=0 enhanced=NULL temporary=false unknown=false
in time
http=401 requests=2 refreshes=1
-- a plain access token that the API refuses: 401, no refresh possible
Smtp\Exception: Gmail API refused the message (HTTP 401): UNAUTHENTICATED: Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.
code=0 enhanced=NULL temporary=false unknown=false
in time
http=401
-- Smtp\Client: three messages over one kept connection, close() ends it
requests=4 connections for three=1 after close=1
gmail client with a store: 2 requests
