--TEST--
HTTPS API transports through wp_mail(): each of the seven APIs delivers the same message as SMTP (subject, addresses, parts, attachment bytes), Bcc as the contract says, the log names the transport; failures classified (retry with Retry-After, permanent, outcome unknown); SMTP primary with API fallback and the reverse; keys from the form sealed, from wp-config.php constants locked; no key or token in the log, the options or wp_mail_failed
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
require_once __DIR__ . '/../../phpt/api.inc';
global $wpdb;
$base = api_server();
/* wp-config.php's: the APIs' endpoint (a local server), the OAuth endpoints and a store of this test's own */
define('PHP_SMTP_API_ENDPOINT', $base);
define('PHP_SMTP_OAUTH_AUTH_ENDPOINT', oauth_url('/authorize'));
define('PHP_SMTP_OAUTH_TOKEN_ENDPOINT', oauth_url('/token'));
define('PHP_SMTP_OAUTH_REVOKE_ENDPOINT', oauth_url('/revoke'));
define('PHP_SMTP_OAUTH_CA_FILE', stack('CA'));
define('PHP_SMTP_TOKEN_STORE', temp_store_path('wp-api'));
$kept_settings = get_option('php_smtp_settings');
$kept_secrets = get_option('php_smtp_secrets');

$failed = [];
add_action('wp_mail_failed', function ($e) use (&$failed) { $failed[] = $e; });
$fired = [];
add_action('php_smtp_fallback_used', function ($id, $why) use (&$fired) { $fired[] = $why; }, 10, 2);

$pdf = tempnam(sys_get_temp_dir(), 'att');
file_put_contents($pdf, random_bytes(120000));
$csv = sys_get_temp_dir() . '/report-' . getmypid() . '.csv';
file_put_contents($csv, "a,b\n1,2\n");
$headers = ['From: Zoë Ålander <alice@example.test>', 'Cc: dave@example.test', 'Bcc: secret-bcc@example.test',
            'Reply-To: replies@example.test', 'X-Campaign: spring-2026'];
$send = fn(string $subject) => wp_mail(['bob@example.test', 'Carol Jones <carol@example.test>'], $subject,
                                      "Line one\n.leading dot\nnaïve café\n", $headers, [$pdf, $csv]);

/* What a recipient sees, minus what the transport itself adds. */
function view(array $p): array
{
    $h = fn($n) => $p['headers'][$n][0] ?? null;
    $parts = array_map(fn($x) => [$x['type'], $x['filename'], $x['sha256']], array_filter($p['parts'], fn($x) => $x['filename'] !== null));
    $texts = [];
    foreach ($p['parts'] as $x) if ($x['filename'] === null) $texts[$x['type']] = rtrim(str_replace("\r\n", "\n", $x['text']));
    sort($parts);
    return ['subject' => preg_replace('/ via \w+$/', '', (string)$h('subject')), 'from' => $h('from'), 'to' => $h('to'), 'cc' => $h('cc'),
            'reply-to' => $h('reply-to'), 'x-campaign' => $h('x-campaign'), 'parts' => $parts, 'texts' => $texts];
}

function api_settings(string $api, array $extra = []): array
{
    $keys = ['mailgun' => ['mailgun_api_key' => API_KEYS['mailgun'], 'mailgun_domain' => 'mg.example.test'],
             'ses' => ['ses_region' => 'eu-west-1', 'ses_access_key_id' => API_AWS['access_key_id'], 'ses_secret_access_key' => API_AWS['secret_access_key']],
             'sendgrid' => ['sendgrid_api_key' => API_KEYS['sendgrid']], 'postmark' => ['postmark_api_key' => API_KEYS['postmark']],
             'mandrill' => ['mandrill_api_key' => API_KEYS['mandrill']],
             'gmail' => ['oauth_provider' => 'google'], 'graph' => ['oauth_provider' => 'microsoft']];
    return $extra + ['transport' => $api] + $keys[$api] + ['from' => 'site@example.test', 'cafile' => stack('CA'), 'timeout' => 10,
            'oauth_client_id' => stack('OAUTH_CLIENT_ID'), 'oauth_client_secret' => stack('OAUTH_CLIENT_SECRET'), 'oauth_account' => stack('USER')];
}

/* The site's consent, as "Grant permission" and the provider's redirect would make it. */
function grant(): array
{
    $store = PhpSmtp\OAuth::store();
    $store->setClient(PhpSmtp\OAuth::ACCOUNT, PhpSmtp\OAuth::client());
    $code = consent($store, PhpSmtp\OAuth::ACCOUNT, PhpSmtp\OAuth::redirect_uri());
    $store->exchangeCode(PhpSmtp\OAuth::ACCOUNT, $code, PhpSmtp\OAuth::redirect_uri());
    return $store->status(PhpSmtp\OAuth::ACCOUNT);
}

/* Every secret of this test: the APIs' keys, the OAuth client secret, the tokens of the grant. */
function secrets(): array
{
    $s = api_secrets();
    $s[] = stack('OAUTH_CLIENT_SECRET');
    if (is_file(PHP_SMTP_TOKEN_STORE)) {
        $tokens = decrypt_store(PHP_SMTP_TOKEN_STORE, PhpSmtp\OAuth::key())['accounts'][PhpSmtp\OAuth::ACCOUNT]['tokens'];
        foreach (['access_token', 'refresh_token'] as $k) if (!empty($tokens[$k])) $s[] = $tokens[$k];
    }
    return $s;
}

function leaks(array $texts): string
{
    $found = [];
    foreach (secrets() as $secret) {
        foreach ($texts as $where => $text) if (str_contains((string)$text, $secret)) $found[] = $where;
    }
    return $found ? 'LEAK in ' . implode(', ', array_unique($found)) : 'none';
}

echo "-- the reference: the same wp_mail() call over SMTP (the relay)\n";
use_settings(relay_settings());
var_dump($send('The quarterly report'));
$row = last_log();
[$ref] = delivered($row['message_id'], 4);
$reference = view($ref);
echo "over SMTP: {$row['transport']}, ", count($reference['parts']), " attachments\n";

echo "-- each API as the primary connection\n";
foreach (API_NAMES as $api) {
    use_settings(api_settings($api));
    if ($api === 'gmail' || $api === 'graph') {
        $st = grant();
        echo "  grant for $api: provider {$st['provider']}, scope {$st['scope']}\n";
    }
    $ok = $send("The quarterly report via $api");
    $row = last_log();
    $last = api_last($base, $api);
    $got = parse_mail($last['file']);
    $bcc_header = isset($got['headers']['bcc']);
    $bcc_envelope = in_array('secret-bcc@example.test', $last['envelope'] ?? [], true);
    printf("%-8s wp_mail %s | %s | %s | %s | same as SMTP: %s | Message-ID kept: %s | Bcc: %s | secrets: %s\n", $api, var_export($ok, true),
           $row['status'], $row['connection'], $row['transport'], view($got) === $reference ? 'yes' : 'NO ' . json_encode(array_diff_assoc(array_map('json_encode', view($got)), array_map('json_encode', $reference))),
           ($got['headers']['message-id'][0] ?? '') === $row['message_id'] ? 'yes' : "NO ({$row['message_id']})",
           $bcc_header ? 'in the uploaded header' : ($bcc_envelope ? 'envelope only' : 'MISSING'), leaks($row));
    echo "         reply: ", preg_replace('/^(HTTP \d+) \S.*$/', '$1 and the provider\'s id', $row['server_reply']), "\n";
}
PhpSmtp\Mailer::close();

echo "-- a Return-Path set by another plugin cannot travel over an API: sent, and the log says so\n";
use_settings(api_settings('sendgrid'));
$sender = fn($m) => $m->Sender = 'bounces@example.test';
add_action('phpmailer_init', $sender);
var_dump(wp_mail('bob@example.test', 'with a sender', 'x'));
remove_action('phpmailer_init', $sender);
echo last_log()['server_reply'], "\n";

echo "-- failures, in the API's words\n";
$cases = [
    ['sendgrid', ['fail' => 503], '503: temporary, queued for a retry'],
    ['postmark', ['fail' => 429, 'retry_after' => 7200], '429 with Retry-After 7200 s: queued no sooner'],
    ['postmark', ['fail' => 401], '401: permanent'],
    ['ses', ['fail' => 403], '403 (SES: bad signature): permanent'],
    ['mandrill', ['mandrill_error' => 'Invalid_Key', 'fail' => 500], 'Mandrill 500 Invalid_Key: permanent'],
    ['mailgun', ['mode' => 'drop_after_body'], 'connection lost after the body: outcome unknown, never resent'],
];
foreach ($cases as [$api, $control, $label]) {
    use_settings(api_settings($api));
    api_control($base, $control);
    $failed = [];
    $t0 = time();
    $ok = wp_mail('bob@example.test', "failing $api", 'x');
    $row = last_log();
    $wait = $row['next_attempt_at'] ? strtotime($row['next_attempt_at'] . ' UTC') - $t0 : null;
    $data = $failed ? $failed[0]->get_error_data() : [];
    echo "$label\n  wp_mail ", var_export($ok, true), ", status {$row['status']}, transport {$row['transport']}",
         $wait !== null ? ', next attempt in ' . ($wait >= 7200 ? 'at least 7200 s' : ($wait < 7200 ? 'under 7200 s' : '')) : '',
         $data ? ", wp_mail_failed: http_status {$data['http_status']}" : '', "\n  reply: {$row['server_reply']}\n  secrets: ", leaks($row + ['wp_mail_failed' => $failed ? $failed[0]->get_error_message() : '']), "\n";
    if ($row['status'] === 'unknown') {
        $received = parse_mail(api_last($base, $api)['file'])['headers']['message-id'][0] ?? 'NONE';
        echo "  Message-ID in the log: ", $row['message_id'] === $received ? 'the one the API received' : "NO ({$row['message_id']} vs $received)", "\n";
    }
    api_control($base);
    PhpSmtp\Mailer::close();
}

echo "-- a key missing: named, nothing sent\n";
use_settings(api_settings('mailgun', ['mailgun_api_key' => '']));
$before = api_stats($base)['requests'];
$failed = [];
var_dump(wp_mail('bob@example.test', 'no key', 'x'));
echo $failed[0]->get_error_message(), "\nrequests made: ", api_stats($base)['requests'] - $before, "\n";

echo "-- SMTP primary down, the SendGrid API as the fallback\n";
$closed = stream_socket_server('tcp://127.0.0.1:0');
$down = (int)substr(strrchr(stream_socket_get_name($closed, false), ':'), 1);
fclose($closed);
use_settings(api_settings('sendgrid', ['transport' => 'smtp', 'host' => '127.0.0.1', 'port' => $down, 'security' => 'none', 'auth' => 'none',
                                      'fallback_transport' => 'sendgrid']));
$fired = [];
var_dump(wp_mail('bob@example.test', 'smtp down, api fallback', 'x'));
$row = last_log();
echo "{$row['status']} | {$row['connection']} | {$row['transport']} | arrived: ", str_contains(file_get_contents(api_last($base, 'sendgrid')['file']), 'smtp down, api fallback') ? 'yes' : 'NO',
     " | fallback alert: ", $fired && str_contains($fired[0], "127.0.0.1:$down") ? 'with the primary\'s error' : 'NO', "\n";
PhpSmtp\Mailer::close();

wp_set_current_user(1);
set_transient('php_smtp_test_1', (int)$row['id'], 60);
require_once ABSPATH . 'wp-admin/includes/template.php';   /* submit_button(), settings_fields() */
ob_start();
PhpSmtp\TestEmailTab::render();
preg_match('/<div id="php-smtp-test-result"[^>]*><p><strong>([^<]*)<\/strong>.*?<p id="php-smtp-test-transport">([^<]*)</s', ob_get_clean(), $m);
echo "the Test email tab: ", $m ? "$m[1] | $m[2]" : 'NO result shown', "\n";

echo "-- the Postmark API down (503), SMTP as the fallback\n";
use_settings(api_settings('postmark', ['fallback_transport' => 'smtp', 'fallback_host' => 'localhost', 'fallback_port' => (int)stack('RELAY_PORT'), 'fallback_security' => 'none']));
api_control($base, ['fail' => 503]);
var_dump(wp_mail('bob@example.test', 'api down, smtp fallback', 'x'));
$row = last_log();
$arrived = delivered($row['message_id']);
echo "{$row['status']} | {$row['connection']} | {$row['transport']} | arrived over SMTP: ", $arrived[0]['headers']['subject'][0] ?? 'NO', "\n";
api_control($base);
PhpSmtp\Mailer::close();

echo "-- both down: the fallback's refused connection may pass, so it is queued, with both connections' errors in the words\n";
use_settings(api_settings('postmark', ['fallback_transport' => 'smtp', 'fallback_host' => '127.0.0.1', 'fallback_port' => $down, 'fallback_security' => 'none']));
api_control($base, ['fail' => 401]);
var_dump(wp_mail('bob@example.test', 'both down', 'x'));
$row = last_log();
echo "{$row['status']} | {$row['connection']} | {$row['transport']} | {$row['server_reply']}\n";
api_control($base);
PhpSmtp\Mailer::close();

echo "-- keys from the settings form are sealed; the endpoint cannot come from the form\n";
delete_option('php_smtp_secrets');
update_option('php_smtp_settings', PhpSmtp\Settings::defaults());
$clean = PhpSmtp\Settings::sanitize(['transport' => 'sendgrid', 'fallback_transport' => 'mailgun', 'sendgrid_api_key' => API_KEYS['sendgrid'],
                                     'mailgun_api_key' => API_KEYS['mailgun'], 'mailgun_domain' => 'mg.example.test', 'mailgun_region' => 'eu',
                                     'ses_region' => 'mars-north-1', 'api_endpoint' => 'https://attacker.example', 'from' => 'site@example.test', 'cafile' => stack('CA')]);
PhpSmtp\Settings::write($clean);
$options = $wpdb->get_col("SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE 'php\\_smtp%'");
$s = PhpSmtp\Settings::all();
echo "stored: transport {$clean['transport']}, fallback {$clean['fallback_transport']}, region {$clean['mailgun_region']}, an unknown SES region: ", ($clean['ses_region'] ?? '') === 'mars-north-1' ? 'TAKEN' : 'refused',
     ", api_endpoint in the option: ", ($clean['api_endpoint'] ?? '') !== '' ? 'YES' : 'no', "; the endpoint used: ", $s['api_endpoint'] === $base ? 'the constant' : $s['api_endpoint'],
     "\nkeys readable back: ", $s['sendgrid_api_key'] === API_KEYS['sendgrid'] && $s['mailgun_api_key'] === API_KEYS['mailgun'] ? 'yes' : 'NO', "; in the options table: ", leaks($options), "\n";
var_dump(wp_mail('bob@example.test', 'keys from the form', 'x'));
echo last_log()['transport'], "\n";
PhpSmtp\Mailer::close();

echo "-- wp-config.php constants choose the transport and its key, and lock the fields\n";
update_option('php_smtp_settings', PhpSmtp\Settings::defaults() + ['from' => 'site@example.test', 'cafile' => stack('CA')]);
delete_option('php_smtp_secrets');
define('PHP_SMTP_TRANSPORT', 'postmark');
define('PHP_SMTP_POSTMARK_API_KEY', API_KEYS['postmark']);
var_dump(wp_mail('bob@example.test', 'from the constants', 'x'));
echo last_log()['transport'], " | locked: ", implode(', ', array_filter(['transport', 'postmark_api_key', 'sendgrid_api_key'], [PhpSmtp\Settings::class, 'locked'])), "\n";
require_once ABSPATH . 'wp-admin/includes/plugin.php';
ob_start();
PhpSmtp\ConnectionTab::render();
$page = ob_get_clean();
echo "the Connection tab: ", preg_match('/<select id="php-smtp-transport"[^>]* disabled/', $page) ? 'the choice is locked' : 'NOT locked',
     ", ", str_contains($page, 'set by PHP_SMTP_POSTMARK_API_KEY in wp-config.php') ? 'the key says where it is set' : 'NO constant note', ", key in the page: ", leaks(['page' => $page]), "\n";

echo "-- nothing secret in the log, the options, the debug log\n";
$rows = $wpdb->get_results('SELECT * FROM ' . PhpSmtp\Log::table(), ARRAY_A);
$all = [];
foreach ($rows as $r) foreach ($r as $k => $v) $all["log.$k"] = ($all["log.$k"] ?? '') . $v;
$all['options'] = implode("\n", $wpdb->get_col("SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE 'php\\_smtp%'"));
$all['debug.log'] = (string)file_get_contents(WP_DEBUG_LOG);
echo leaks($all), "\n";

update_option('php_smtp_settings', $kept_settings);
$kept_secrets === false ? delete_option('php_smtp_secrets') : update_option('php_smtp_secrets', $kept_secrets);
?>
--EXPECTF--
-- the reference: the same wp_mail() call over SMTP (the relay)
bool(true)
over SMTP: SMTP localhost:%d, 2 attachments
-- each API as the primary connection
  grant for gmail: provider google, scope https://mail.google.com/
gmail    wp_mail true | sent | primary | Gmail API | same as SMTP: yes | Message-ID kept: yes | Bcc: in the uploaded header | secrets: none
         reply: HTTP 200 and the provider's id
  grant for graph: provider microsoft-graph, scope https://graph.microsoft.com/Mail.Send offline_access
graph    wp_mail true | sent | primary | Microsoft Graph | same as SMTP: yes | Message-ID kept: yes | Bcc: in the uploaded header | secrets: none
         reply: HTTP 202 and the provider's id
mailgun  wp_mail true | sent | primary | Mailgun API | same as SMTP: yes | Message-ID kept: yes | Bcc: envelope only | secrets: none
         reply: HTTP 200 and the provider's id
ses      wp_mail true | sent | primary | Amazon SES API | same as SMTP: yes | Message-ID kept: yes | Bcc: envelope only | secrets: none
         reply: HTTP 200 and the provider's id
sendgrid wp_mail true | sent | primary | SendGrid API | same as SMTP: yes | Message-ID kept: yes | Bcc: envelope only | secrets: none
         reply: HTTP 202 and the provider's id
postmark wp_mail true | sent | primary | Postmark API | same as SMTP: yes | Message-ID kept: yes | Bcc: envelope only | secrets: none
         reply: HTTP 200 and the provider's id
mandrill wp_mail true | sent | primary | Mandrill API | same as SMTP: yes | Message-ID kept: yes | Bcc: envelope only | secrets: none
         reply: HTTP 200 and the provider's id
-- a Return-Path set by another plugin cannot travel over an API: sent, and the log says so
bool(true)
HTTP 202%s(envelope sender bounces@example.test not used: SendGrid API sets its own)
-- failures, in the API's words
503: temporary, queued for a retry
  wp_mail true, status queued, transport SendGrid API, next attempt in under 7200 s
  reply: %s503%s
  secrets: none
429 with Retry-After 7200 s: queued no sooner
  wp_mail true, status queued, transport Postmark API, next attempt in at least 7200 s
  reply: %s429%s
  secrets: none
401: permanent
  wp_mail false, status failed, transport Postmark API, wp_mail_failed: http_status 401
  reply: %s401%s
  secrets: none
403 (SES: bad signature): permanent
  wp_mail false, status failed, transport Amazon SES API, wp_mail_failed: http_status 403
  reply: %s403%s
  secrets: none
Mandrill 500 Invalid_Key: permanent
  wp_mail false, status failed, transport Mandrill API, wp_mail_failed: http_status 500
  reply: %sInvalid_Key%s
  secrets: none
connection lost after the body: outcome unknown, never resent
  wp_mail true, status unknown, transport Mailgun API
  reply: %s
  secrets: none
  Message-ID in the log: the one the API received
-- a key missing: named, nothing sent
bool(false)
%sapi_key%s
requests made: 0
-- SMTP primary down, the SendGrid API as the fallback
bool(true)
sent | fallback | SendGrid API | arrived: yes | fallback alert: with the primary's error
the Test email tab: Sent | Sent with: SendGrid API (fallback connection)
-- the Postmark API down (503), SMTP as the fallback
bool(true)
sent | fallback | SMTP localhost:%d | arrived over SMTP: api down, smtp fallback
-- both down: the fallback's refused connection may pass, so it is queued, with both connections' errors in the words
bool(true)
queued |  | SMTP 127.0.0.1:%d | %s127.0.0.1:%d%s(the primary connection, Postmark API, failed first: %s401%s)
-- keys from the settings form are sealed; the endpoint cannot come from the form
stored: transport sendgrid, fallback mailgun, region eu, an unknown SES region: refused, api_endpoint in the option: no; the endpoint used: the constant
keys readable back: yes; in the options table: none
bool(true)
SendGrid API
-- wp-config.php constants choose the transport and its key, and lock the fields
bool(true)
Postmark API | locked: transport, postmark_api_key
the Connection tab: the choice is locked, the key says where it is set, key in the page: none
-- nothing secret in the log, the options, the debug log
none
