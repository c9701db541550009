--TEST--
Diagnostics: DNS, ports (probed at once; one that does not answer is called blocked by the cloud host), greeting, TLS and certificate, AUTH, a summary saying what to do; no SMTP port reachable: the provider's HTTPS API offered and switched to; an API connection: keys, grant, DNS, TCP, TLS; nothing is sent
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
require_once __DIR__ . '/../../phpt/api.inc';
global $wpdb;

/* The test's own loopback addresses (127.K.x.y, from the stack's port offset: parallel runs do not meet). */
function loopback(int $k): string
{
    $n = ((((int)stack('RELAY_PORT') - 25251) % 64516) + 64516) % 64516;
    return "127.$k." . intdiv($n, 254) . '.' . ($n % 254 + 1);
}

/* A port that never answers, as behind a cloud firewall: a listen queue of 0, filled by one connection, drops further SYNs. */
function blackhole(string $ip, int $port = 0): array
{
    $srv = @stream_socket_server("tcp://$ip:$port", $errno, $errstr, STREAM_SERVER_BIND | STREAM_SERVER_LISTEN, stream_context_create(['socket' => ['backlog' => 0]]));
    if (!$srv) {
        throw new RuntimeException("cannot listen on $ip:$port: $errstr" . ($port > 0 && $port < 1024 ? ' (ports below 1024 need root; CI runs as root)' : ''));
    }
    $port = (int)substr(strrchr(stream_socket_get_name($srv, false), ':'), 1);
    $filler = stream_socket_client("tcp://$ip:$port", $errno, $errstr, 2);
    return [$srv, $filler, $port];
}

function diagnose(array $settings, bool $machine_ports_hidden = true): array
{
    use_settings($settings);
    $rows = PhpSmtp\Diagnostics::run();
    foreach ($rows as [$step, $ok, $detail]) {
        /* localhost's own 25/465/587: the machine's, not ours to assert */
        if ($machine_ports_hidden && preg_match('/^TCP port (25|465|587)$/', $step) && $ok === null) continue;
        echo '  ', $ok === null ? 'info' : ($ok ? 'OK' : 'PROBLEM'), " | $step | $detail\n";
    }
    return $rows;
}
$logged = (int)$wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table());

/* The OAuth grant of these cases: the stack's authorization server, a store of the test's own */
define('PHP_SMTP_OAUTH_AUTH_ENDPOINT', oauth_url('/authorize'));
define('PHP_SMTP_OAUTH_TOKEN_ENDPOINT', oauth_url('/token'));
define('PHP_SMTP_OAUTH_REVOKE_ENDPOINT', oauth_url('/revoke'));
define('PHP_SMTP_OAUTH_CA_FILE', stack('CA'));
define('PHP_SMTP_TOKEN_STORE', temp_store_path('diagnostics'));
register_shutdown_function(fn() => @unlink(PHP_SMTP_TOKEN_STORE));
$api = api_server();
define('PHP_SMTP_API_ENDPOINT', $api);
function grant(): void
{
    $store = PhpSmtp\OAuth::store();
    $store->setClient(PhpSmtp\OAuth::ACCOUNT, PhpSmtp\OAuth::client());
    $store->exchangeCode(PhpSmtp\OAuth::ACCOUNT, consent($store, PhpSmtp\OAuth::ACCOUNT, TEST_REDIRECT), TEST_REDIRECT);
}
$oauth = ['oauth_client_id' => stack('OAUTH_CLIENT_ID'), 'oauth_client_secret' => stack('OAUTH_CLIENT_SECRET'), 'oauth_account' => stack('USER')];

echo "-- the plain relay: no TLS, no AUTH\n";
diagnose(relay_settings());

echo "-- submission with the wrong password: TLS and the certificate fine, the login refused\n";
$submission = ['host' => 'localhost', 'port' => (int)stack('SUBMISSION_PORT'), 'security' => 'starttls', 'auth' => 'auto',
               'username' => stack('USER'), 'password' => 'wrong-password', 'cafile' => stack('CA'), 'from' => stack('USER'), 'timeout' => 5];
diagnose($submission);

echo "-- a CA this site does not know\n";
diagnose(['cafile' => ''] + $submission);

/* a host of our own: 587 answers, 25 and 465 are refused, the configured port never answers */
$a = loopback(2);
$open587 = @stream_socket_server("tcp://$a:587", $errno, $errstr) ?: throw new RuntimeException("cannot listen on $a:587: $errstr (ports below 1024 need root; CI runs as root)");
echo "-- a port that never answers (its queue is full, so connection attempts are dropped); 587 answers\n";
[$srv, $filler, $bh] = blackhole($a);
$t = microtime(true);
diagnose(relay_settings(['host' => $a, 'port' => $bh, 'timeout' => 2]), false);
printf("one timeout for the four ports: %s\n", ($d = microtime(true) - $t) > 4.5 && $d < 8 ? 'yes' : "NO ($d s)");

echo "-- nothing listens on the configured port; 587 answers\n";
diagnose(relay_settings(['host' => $a, 'port' => 1]), false);

echo "-- the name does not resolve\n";
diagnose(relay_settings(['host' => 'no-such-host.invalid']));

echo "-- the host drops every SMTP port (25, 465, 587), Gmail with OAuth: one timeout, the host blocks SMTP, the Gmail API offered\n";
$b = loopback(4);
$holes = array_map(fn($p) => blackhole($b, $p), [25, 465, 587]);
$t = microtime(true);
diagnose(relay_settings(['provider' => 'gmail_oauth', 'host' => $b, 'port' => 587, 'security' => 'starttls', 'auth' => 'xoauth2', 'oauth_provider' => 'google'] + $oauth), false);
printf("one timeout for the three ports: %s\n", ($d = microtime(true) - $t) > 4.5 && $d < 8 ? 'yes' : "NO ($d s)");
echo "offer: ", json_encode(PhpSmtp\Diagnostics::offer()), "\n";

echo "-- every SMTP port refused: the API offered for each provider (or none)\n";
$c = loopback(5);
foreach (['gmail_oauth', 'gmail_app', 'microsoft', 'mailgun', 'mailgun_eu', 'ses_eu-west-1', 'sendgrid', 'postmark', 'mandrill',
          'zoho', 'fastmail', 'icloud', 'yahoo', 'protonmail', 'brevo', 'outlook', 'other'] as $provider) {
    use_settings(relay_settings(['provider' => $provider, 'host' => $c, 'port' => 587, 'password' => $provider === 'sendgrid' ? 'SG.key' : '']));
    $rows = PhpSmtp\Diagnostics::run();
    $summary = end($rows);
    $o = PhpSmtp\Diagnostics::offer();
    printf("%s: %s | %s | %s\n", $provider, $o['preset'] ?? 'none', $summary[1] === false && str_contains($summary[2], "None of the SMTP ports of $c (587, 25, 465) can be reached") ? 'blocked' : 'NOT SAID', $o['text']);
}
echo "a server typed in by hand: ", PhpSmtp\ApiOffer::offer(['provider' => 'other', 'host' => 'SMTP.SendGrid.net', 'auth' => 'auto'] + PhpSmtp\Settings::defaults())['preset'], "\n";

echo "-- one click: what is switched, kept, copied and still needed\n";
function switch_to(array $settings, string $preset): void
{
    use_settings($settings);
    [$type, $text] = PhpSmtp\ApiOffer::switch_to($preset);
    $s = PhpSmtp\Settings::all();
    echo "$preset: $type | $text\n    now: transport {$s['transport']}, provider {$s['provider']}, host {$s['host']}\n";
}
$blocked = relay_settings(['host' => $c, 'port' => 587]);
switch_to(['provider' => 'sendgrid', 'username' => 'apikey', 'password' => 'SG.the-smtp-password-is-the-key'] + $blocked, 'sendgrid_api');
echo "    the key: ", PhpSmtp\Settings::get('sendgrid_api_key') === 'SG.the-smtp-password-is-the-key' ? 'copied' : 'NOT copied',
     ", in the option in clear: ", str_contains(serialize(get_option('php_smtp_settings')) . serialize(get_option('php_smtp_secrets')), 'SG.the-smtp') ? 'YES' : 'no', "\n";
switch_to(['provider' => 'mailgun_eu', 'username' => 'postmaster@mg.example.test', 'password' => 'smtp-password'] + $blocked, 'mailgun_api');
echo "    mailgun: region ", PhpSmtp\Settings::get('mailgun_region'), ", domain ", PhpSmtp\Settings::get('mailgun_domain'), ", key '", PhpSmtp\Settings::get('mailgun_api_key'), "'\n";
switch_to(['provider' => 'ses_eu-west-1', 'username' => 'AKIASMTPUSER', 'password' => 'smtp-password'] + $blocked, 'ses_api');
echo "    ses: region ", PhpSmtp\Settings::get('ses_region'), "\n";
switch_to(['provider' => 'gmail_app', 'username' => stack('USER'), 'password' => 'app-password'] + $blocked, 'gmail_api');
switch_to(['provider' => 'gmail_oauth'] + $blocked, 'mailgun_api');
oauth_control();
use_settings(['provider' => 'gmail_oauth', 'auth' => 'xoauth2', 'oauth_provider' => 'google'] + $oauth + $blocked);
grant();
switch_to(['provider' => 'gmail_oauth', 'auth' => 'xoauth2', 'oauth_provider' => 'google'] + $oauth + $blocked, 'gmail_api');
$gmail = PhpSmtp\Settings::stored();

echo "-- the Gmail API with the kept grant: every check passes, nothing is sent\n";
diagnose(['cafile' => stack('CA')] + $gmail);
echo "-- the Gmail API with a Microsoft client\n";
diagnose(['oauth_provider' => 'microsoft', 'cafile' => stack('CA')] + $gmail);

echo "-- Microsoft 365: the SMTP grant cannot send through Graph\n";
$m365 = ['provider' => 'microsoft', 'auth' => 'xoauth2', 'oauth_provider' => 'microsoft', 'cafile' => stack('CA')] + $oauth + $blocked;
use_settings($m365);
grant();
switch_to($m365, 'graph_api');
diagnose(PhpSmtp\Settings::stored());

echo "-- SendGrid: the key set, a CA that trusts the server, then the system's CA bundle\n";
$sendgrid = ['transport' => 'sendgrid', 'provider' => 'sendgrid_api', 'sendgrid_api_key' => API_KEYS['sendgrid'], 'cafile' => stack('CA')] + $blocked;
diagnose($sendgrid);
diagnose(['cafile' => ''] + $sendgrid);

echo "-- Mailgun without its key and domain\n";
diagnose(['transport' => 'mailgun', 'provider' => 'mailgun_api', 'cafile' => stack('CA')] + $blocked);

echo "-- an API endpoint where nothing listens\n";
foreach (PhpSmtp\ApiDiagnostics::run('postmark', ['api_endpoint' => 'https://127.0.0.1:1', 'postmark_api_key' => 'k'] + $sendgrid) as [$step, $ok, $detail]) {
    echo '  ', $ok === null ? 'info' : ($ok ? 'OK' : 'PROBLEM'), " | $step | $detail\n";
}

echo "-- the SMTP password from wp-config.php: not copied into the database, the constant to define named\n";
define('PHP_SMTP_PASSWORD', 'postmark-token-from-wp-config');
switch_to(['provider' => 'postmark', 'username' => 'x'] + $blocked, 'postmark_api');
echo "    the key stored: '", PhpSmtp\Settings::get('postmark_api_key'), "'\n";
echo "-- wp-config.php fixes the transport: no button, the constant named, nothing switched\n";
define('PHP_SMTP_TRANSPORT', 'smtp');
$o = PhpSmtp\ApiOffer::offer(['provider' => 'mandrill'] + $blocked + PhpSmtp\Settings::defaults());
echo "offer: ", $o['preset'], ", locked: ", var_export($o['locked'], true), " | ", $o['text'], "\n";
switch_to(['provider' => 'mandrill'] + $blocked, 'mandrill_api');

echo "the API server got no request: ", api_stats($api)['requests'] === 0 ? 'yes' : 'NO', "\n";
echo "nothing was sent or logged: ", (int)$wpdb->get_var('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table()) === $logged ? 'yes' : 'NO', "\n";
?>
--EXPECTF--
-- the plain relay: no TLS, no AUTH
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s
  OK | SMTP greeting and EHLO | the server offers: PIPELINING, CHUNKING, 8BITMIME, SMTPUTF8, STARTTLS, SIZE 50 MB
  info | TLS and certificate | not used (security: none); only right for a relay on this machine or network
  info | Authentication | not used (no user name configured)
  OK | Summary | Everything a send needs works: connection, TLS and authentication. The Test email tab sends a real message.
-- submission with the wrong password: TLS and the certificate fine, the login refused
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s/tls/ca.pem
  OK | SMTP greeting and EHLO | the server offers: PIPELINING, CHUNKING, 8BITMIME, SMTPUTF8, SIZE 50 MB, AUTH PLAIN LOGIN XOAUTH2 OAUTHBEARER
  OK | TLS and certificate | TLSv1.%d %s; certificate CN=localhost issued by CN=php-smtp test CA, valid until %s, checked against the CA bundle
  PROBLEM | Authentication | AUTH PLAIN rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s
  PROBLEM | Summary | The server refused the login: AUTH PLAIN rejected by localhost:%d: 535 5.7.8 Error: authentication failed: %s. Check the user name and password. Gmail needs an app password (or OAuth), SendGrid the user name "apikey" with an API key, Mandrill an API key as the password.
-- a CA this site does not know
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s
  OK | SMTP greeting and EHLO | the server offers: PIPELINING, CHUNKING, 8BITMIME, SMTPUTF8, STARTTLS, SIZE 50 MB
  PROBLEM | TLS and certificate | STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate)
  PROBLEM | Summary | TLS failed: STARTTLS: TLS certificate of localhost:%d rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate). If the server uses a private CA, set the CA bundle to that CA; an expired certificate or one for another name must be fixed on the server; "Security" must match the port (465: TLS, 587: STARTTLS).
-- a port that never answers (its queue is full, so connection attempts are dropped); 587 answers
  OK | DNS | 127.2.%d.%d resolves to 127.2.%d.%d
  PROBLEM | TCP port %d | no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port
  info | TCP port 25 | refused: Connection refused
  info | TCP port 465 | refused: Connection refused
  OK | TCP port 587 | connected in %d ms
  info | CA bundle | %s
  PROBLEM | Summary | Port %d does not answer at all: it is probably blocked by your cloud host or a firewall. Ask the host to open outgoing SMTP, or use another port (587 with STARTTLS, 465 with TLS) if one answers above.
one timeout for the four ports: yes
-- nothing listens on the configured port; 587 answers
  OK | DNS | 127.2.%d.%d resolves to 127.2.%d.%d
  PROBLEM | TCP port 1 | refused: Connection refused
  info | TCP port 25 | refused: Connection refused
  info | TCP port 465 | refused: Connection refused
  OK | TCP port 587 | connected in %d ms
  info | CA bundle | %s
  PROBLEM | Summary | Nothing accepts connections on 127.2.%d.%d:1: check the port (587 for STARTTLS, 465 for TLS) and that the server is running.
-- the name does not resolve
  PROBLEM | DNS | no-such-host.invalid does not resolve.
  PROBLEM | Summary | The SMTP host name does not resolve: check its spelling, and that this server can resolve names (its DNS resolver).
-- the host drops every SMTP port (25, 465, 587), Gmail with OAuth: one timeout, the host blocks SMTP, the Gmail API offered
  OK | DNS | 127.4.%d.%d resolves to 127.4.%d.%d
  PROBLEM | TCP port 587 | no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port
  info | TCP port 25 | no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port
  info | TCP port 465 | no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port
  info | CA bundle | %s
  PROBLEM | Summary | None of the SMTP ports of 127.4.%d.%d (587, 25, 465) answers from this server: your host blocks outgoing SMTP, as many cloud hosts do (often for new accounts). Ask them to open port 587, or send over HTTPS instead. Your provider also sends over HTTPS (port 443, which hosts leave open): Gmail API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: a grant: click "Grant permission with Google" on the Connection tab.
one timeout for the three ports: yes
offer: {"preset":"gmail_api","name":"Gmail API","locked":false,"text":"Your provider also sends over HTTPS (port 443, which hosts leave open): Gmail API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: a grant: click \"Grant permission with Google\" on the Connection tab."}
-- every SMTP port refused: the API offered for each provider (or none)
gmail_oauth: gmail_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Gmail API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: an OAuth client (an app password does not work with the API): in Google Cloud Console enable the Gmail API, create an OAuth client ID (Web application) with the redirect URI shown on the Connection tab, enter its client ID and secret there, then click "Grant permission with Google".
gmail_app: gmail_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Gmail API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: an OAuth client (an app password does not work with the API): in Google Cloud Console enable the Gmail API, create an OAuth client ID (Web application) with the redirect URI shown on the Connection tab, enter its client ID and secret there, then click "Grant permission with Google".
microsoft: graph_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Microsoft Graph. The button below switches to it and keeps the SMTP settings. After the switch it still needs: an app registration in Microsoft Entra admin center with the delegated Microsoft Graph permission Mail.Send (scope https://graph.microsoft.com/Mail.Send offline_access): enter its client ID and secret on the Connection tab, then click "Grant permission with Microsoft".
mailgun: mailgun_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Mailgun API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: the Mailgun API key and the sending domain, under "HTTPS API keys" on the Connection tab (the SMTP password is not the API key). A sending API key: Mailgun > Sending > Domain settings > Sending API keys (or an account API key from API Security).
mailgun_eu: mailgun_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Mailgun API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: the Mailgun API key and the sending domain, under "HTTPS API keys" on the Connection tab (the SMTP password is not the API key). A sending API key: Mailgun > Sending > Domain settings > Sending API keys (or an account API key from API Security).
ses_eu-west-1: ses_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Amazon SES API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: an AWS access key ID and secret access key, under "HTTPS API keys" on the Connection tab (the SES SMTP user name and password do not work with the API). An access key of an IAM user allowed ses:SendEmail (AWS console > IAM > Users > Security credentials > Create access key): the access key ID and the secret access key; not the SES SMTP password.
sendgrid: sendgrid_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): SendGrid API. The button below switches to it and keeps the SMTP settings. It needs nothing more: the credentials you have work with it.
postmark: postmark_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Postmark API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: the API key, under "HTTPS API keys" on the Connection tab. The Server API token: Postmark > Servers > your server > API Tokens (the same token works over SMTP).
mandrill: mandrill_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Mandrill API. The button below switches to it and keeps the SMTP settings. After the switch it still needs: the API key, under "HTTPS API keys" on the Connection tab. An API key: Mandrill > Settings > SMTP & API Info > New API Key (the same key works over SMTP).
zoho: none | blocked | Zoho Mail (zoho.com) has no HTTPS API that php-smtp can send with. These providers have one: Gmail API, Microsoft Graph, Mailgun API, Amazon SES API, SendGrid API, Postmark API, Mandrill API.
fastmail: none | blocked | Fastmail has no HTTPS API that php-smtp can send with. These providers have one: Gmail API, Microsoft Graph, Mailgun API, Amazon SES API, SendGrid API, Postmark API, Mandrill API.
icloud: none | blocked | iCloud Mail has no HTTPS API that php-smtp can send with. These providers have one: Gmail API, Microsoft Graph, Mailgun API, Amazon SES API, SendGrid API, Postmark API, Mandrill API.
yahoo: none | blocked | Yahoo Mail has no HTTPS API that php-smtp can send with. These providers have one: Gmail API, Microsoft Graph, Mailgun API, Amazon SES API, SendGrid API, Postmark API, Mandrill API.
protonmail: none | blocked | Proton Mail (SMTP token) has no HTTPS API that php-smtp can send with. These providers have one: Gmail API, Microsoft Graph, Mailgun API, Amazon SES API, SendGrid API, Postmark API, Mandrill API.
brevo: none | blocked | Brevo (Sendinblue) has no HTTPS API that php-smtp can send with. These providers have one: Gmail API, Microsoft Graph, Mailgun API, Amazon SES API, SendGrid API, Postmark API, Mandrill API.
outlook: graph_api | blocked | Your provider also sends over HTTPS (port 443, which hosts leave open): Microsoft Graph. The button below switches to it and keeps the SMTP settings. After the switch it still needs: an app registration in Microsoft Entra admin center with the delegated Microsoft Graph permission Mail.Send (scope https://graph.microsoft.com/Mail.Send offline_access): enter its client ID and secret on the Connection tab, then click "Grant permission with Microsoft".
other: none | blocked | Any other SMTP server has no HTTPS API that php-smtp can send with. These providers have one: Gmail API, Microsoft Graph, Mailgun API, Amazon SES API, SendGrid API, Postmark API, Mandrill API.
a server typed in by hand: sendgrid_api
-- one click: what is switched, kept, copied and still needed
sendgrid_api: success | The primary connection now sends with SendGrid API (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back). The SMTP password is the API key: it was copied to the API key (stored encrypted). Nothing else is needed: send a test email from the Test email tab.
    now: transport sendgrid, provider sendgrid_api, host 127.5.%d.%d
    the key: copied, in the option in clear: no
mailgun_api: warning | The primary connection now sends with Mailgun API (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back). The sending domain mg.example.test was taken from the SMTP login. Still needed: the Mailgun API key, under "HTTPS API keys" on the Connection tab (the SMTP password is not the API key). A sending API key: Mailgun > Sending > Domain settings > Sending API keys (or an account API key from API Security).
    now: transport mailgun, provider mailgun_api, host 127.5.%d.%d
    mailgun: region eu, domain mg.example.test, key ''
ses_api: warning | The primary connection now sends with Amazon SES API (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back). Still needed: an AWS access key ID and secret access key, under "HTTPS API keys" on the Connection tab (the SES SMTP user name and password do not work with the API). An access key of an IAM user allowed ses:SendEmail (AWS console > IAM > Users > Security credentials > Create access key): the access key ID and the secret access key; not the SES SMTP password.
    now: transport ses, provider ses_api, host 127.5.%d.%d
    ses: region eu-west-1
gmail_api: warning | The primary connection now sends with Gmail API (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back). Still needed: an OAuth client (an app password does not work with the API): in Google Cloud Console enable the Gmail API, create an OAuth client ID (Web application) with the redirect URI shown on the Connection tab, enter its client ID and secret there, then click "Grant permission with Google".
    now: transport gmail, provider gmail_api, host 127.5.%d.%d
mailgun_api: error | The connection changed since the diagnostics ran: nothing was switched. Run them again.
    now: transport smtp, provider gmail_oauth, host 127.5.%d.%d
gmail_api: success | The primary connection now sends with Gmail API (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back). The Google OAuth grant is kept: the Gmail API accepts it as it is (scope https://mail.google.com/). The Gmail API must be enabled in the OAuth client's Google Cloud project (APIs & Services > Library > Gmail API); if it is not, the test email fails with Google's words saying so. Nothing else is needed: send a test email from the Test email tab.
    now: transport gmail, provider gmail_api, host 127.5.%d.%d
-- the Gmail API with the kept grant: every check passes, nothing is sent
  info | Sends with | Gmail API over HTTPS (localhost:%d); these checks send nothing
  OK | OAuth grant | granted for alice@example.test (scope https://mail.google.com/) on %s
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s/tls/ca.pem
  OK | TLS and certificate | TLSv1.%d %s; certificate CN=localhost issued by CN=php-smtp test CA, valid until %s, checked against the CA bundle
  OK | Summary | Gmail API can be reached: DNS, port %d, TLS and the certificate are fine, and its credentials are in place. The provider checks them when a message is sent: the Test email tab sends a real one.
-- the Gmail API with a Microsoft client
  info | Sends with | Gmail API over HTTPS (localhost:%d); these checks send nothing
  PROBLEM | OAuth grant | Gmail API sends with a Google grant: set the OAuth provider to Google and grant permission.
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s/tls/ca.pem
  OK | TLS and certificate | TLSv1.%d %s; certificate CN=localhost issued by CN=php-smtp test CA, valid until %s, checked against the CA bundle
  PROBLEM | Summary | OAuth grant: Gmail API sends with a Google grant: set the OAuth provider to Google and grant permission.
-- Microsoft 365: the SMTP grant cannot send through Graph
graph_api: warning | The primary connection now sends with Microsoft Graph (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back). The OAuth client is kept. Still needed: a new grant for Microsoft Graph: add the delegated permission Mail.Send to the app registration in Microsoft Entra, then click "Grant permission with Microsoft" on the Connection tab (the SMTP grant, SMTP.Send, cannot send through Graph).
    now: transport graph, provider graph_api, host 127.5.%d.%d
  info | Sends with | Microsoft Graph over HTTPS (localhost:%d); these checks send nothing
  PROBLEM | OAuth grant | the stored grant is for microsoft (https://outlook.office.com/SMTP.Send offline_access), but this connection needs microsoft-graph: click "Grant permission" on the Connection tab again (for Microsoft Graph the app registration needs the delegated permission Mail.Send).
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s/tls/ca.pem
  OK | TLS and certificate | TLSv1.%d %s; certificate CN=localhost issued by CN=php-smtp test CA, valid until %s, checked against the CA bundle
  PROBLEM | Summary | OAuth grant: the stored grant is for microsoft (https://outlook.office.com/SMTP.Send offline_access), but this connection needs microsoft-graph: click "Grant permission" on the Connection tab again (for Microsoft Graph the app registration needs the delegated permission Mail.Send).
-- SendGrid: the key set, a CA that trusts the server, then the system's CA bundle
  info | Sends with | SendGrid API over HTTPS (localhost:%d); these checks send nothing
  OK | API key | set
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s/tls/ca.pem
  OK | TLS and certificate | TLSv1.%d %s; certificate CN=localhost issued by CN=php-smtp test CA, valid until %s, checked against the CA bundle
  OK | Summary | SendGrid API can be reached: DNS, port %d, TLS and the certificate are fine, and its credentials are in place. The provider checks them when a message is sent: the Test email tab sends a real one.
  info | Sends with | SendGrid API over HTTPS (localhost:%d); these checks send nothing
  OK | API key | set
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s
  PROBLEM | TLS and certificate | the TLS handshake with localhost:%d failed: certificate verify failed
  PROBLEM | Summary | TLS failed: the TLS handshake with localhost:%d failed: certificate verify failed. A public API's certificate is trusted by every current CA bundle: if it is rejected, the CA bundle is missing or out of date, or a proxy or firewall intercepts HTTPS; set the CA bundle on the Connection tab to one that trusts it.
-- Mailgun without its key and domain
  info | Sends with | Mailgun API over HTTPS (localhost:%d); these checks send nothing
  PROBLEM | API key | missing: the Mailgun API key and the Mailgun sending domain. Enter what is missing under "HTTPS API keys" on the Connection tab, or define it in wp-config.php.
  OK | DNS | localhost resolves to 127.0.0.1
  OK | TCP port %d | connected in %d ms
  info | CA bundle | %s/tls/ca.pem
  OK | TLS and certificate | TLSv1.%d %s; certificate CN=localhost issued by CN=php-smtp test CA, valid until %s, checked against the CA bundle
  PROBLEM | Summary | API key: missing: the Mailgun API key and the Mailgun sending domain. Enter what is missing under "HTTPS API keys" on the Connection tab, or define it in wp-config.php.
-- an API endpoint where nothing listens
  info | Sends with | Postmark API over HTTPS (127.0.0.1:1); these checks send nothing
  OK | API key | set
  OK | DNS | 127.0.0.1 resolves to 127.0.0.1
  PROBLEM | TCP port 1 | refused: Connection refused
  info | CA bundle | %s/tls/ca.pem
  PROBLEM | Summary | This server cannot connect to 127.0.0.1 on port 1 (refused: Connection refused): outgoing HTTPS is blocked or needs a proxy. Ask the host to allow it.
-- the SMTP password from wp-config.php: not copied into the database, the constant to define named
postmark_api: warning | The primary connection now sends with Postmark API (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back). wp-config.php holds the SMTP password: define PHP_SMTP_POSTMARK_API_KEY there with the same value as PHP_SMTP_PASSWORD. Still needed: the API key, under "HTTPS API keys" on the Connection tab. The Server API token: Postmark > Servers > your server > API Tokens (the same token works over SMTP).
    now: transport postmark, provider postmark_api, host 127.5.%d.%d
    the key stored: ''
-- wp-config.php fixes the transport: no button, the constant named, nothing switched
offer: mandrill_api, locked: true | Your provider also sends over HTTPS (port 443, which hosts leave open): Mandrill API. wp-config.php sets PHP_SMTP_TRANSPORT: change it there to 'mandrill'.
mandrill_api: error | wp-config.php sets PHP_SMTP_TRANSPORT: the connection is changed there.
    now: transport smtp, provider mandrill, host 127.5.%d.%d
the API server got no request: yes
nothing was sent or logged: yes
