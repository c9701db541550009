--TEST--
Import from WP Mail SMTP, Post SMTP and FluentSMTP as they store their options (secrets decoded or decrypted as each plugin does): the imported SMTP login authenticates on the real submission server and switches the transport back to SMTP; each plugin's Gmail API, Microsoft 365 (Graph), Mailgun, Amazon SES, SendGrid, Postmark and Mandrill mailer becomes that API transport with its keys sealed (none in plain text in the database), shown masked in the preview, and a message goes through it to the local API server (the OAuth ones after granting permission again); mailers php-smtp does not speak are named with the reason; an undecryptable secret is said, not guessed
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
require __DIR__ . '/../import-seed.php';
require_once __DIR__ . '/../../phpt/api.inc';
require_once ABSPATH . 'wp-admin/includes/admin.php';
global $wpdb;
$base = api_server();
/* wp-config.php's: the APIs' endpoint (the local server), the OAuth endpoints and a store of this test's own */
define('PHP_SMTP_API_ENDPOINT', $base);
define('PHP_SMTP_OAUTH_AUTH_ENDPOINT', oauth_url('/authorize'));
define('PHP_SMTP_OAUTH_TOKEN_ENDPOINT', oauth_url('/token'));
define('PHP_SMTP_OAUTH_REVOKE_ENDPOINT', oauth_url('/revoke'));
define('PHP_SMTP_OAUTH_CA_FILE', stack('CA'));
define('PHP_SMTP_TOKEN_STORE', temp_store_path('wp-import'));
$kept_settings = get_option('php_smtp_settings');
$kept_secrets = get_option('php_smtp_secrets');
wp_set_current_user(1);

/* A site with only its CA bundle set (and $extra), no secret stored. */
function fresh_site(array $extra = []): void
{
    delete_option('php_smtp_secrets');
    use_settings($extra + ['cafile' => stack('CA'), 'timeout' => 10]);
    PhpSmtp\Mailer::close();
}

/* The import, as the button does it: "redirect tab=…" and the flash. */
function import_now(string $plugin): string
{
    $_POST = ['source' => $plugin];
    add_filter('wp_redirect', function ($to) { throw new RuntimeException('redirect ' . preg_replace('/^.*tab=/', 'tab=', $to)); });
    try { PhpSmtp\Import::import(); $out = 'no redirect'; } catch (RuntimeException $e) { $out = $e->getMessage(); }
    remove_all_filters('wp_redirect');
    return $out . "\n" . get_transient('php_smtp_flash_1')[1];
}

/* The import tab's section of $plugin. */
function preview(string $plugin): string
{
    ob_start();
    PhpSmtp\Import::render();
    $html = ob_get_clean();
    return preg_match('/<h2 id="php-smtp-import-' . $plugin . '">.*?(?=<h2 |$)/s', $html, $m) ? $m[0] : '';
}

/* The option rows that hold $secret as it is or base64-encoded. */
function rows_with(string $secret): array
{
    global $wpdb;
    $rows = [];
    foreach ([$secret, base64_encode($secret)] as $s) {
        $rows = array_merge($rows, $wpdb->get_col($wpdb->prepare("SELECT option_name FROM $wpdb->options WHERE option_value LIKE %s", '%' . $wpdb->esc_like($s) . '%')));
    }
    return array_unique($rows);
}

/* The site's consent, as "Grant permission" and the provider's redirect would make it, with the imported client. */
function grant(): array
{
    $store = PhpSmtp\OAuth::store();
    $store->setClient(PhpSmtp\OAuth::ACCOUNT, PhpSmtp\OAuth::client());
    $code = consent($store, PhpSmtp\OAuth::ACCOUNT, PhpSmtp\OAuth::redirect_uri());
    $store->exchangeCode(PhpSmtp\OAuth::ACCOUNT, $code, PhpSmtp\OAuth::redirect_uri());
    return $store->status(PhpSmtp\OAuth::ACCOUNT);
}

$creds = ['host' => 'localhost', 'port' => (int)stack('SUBMISSION_PORT'), 'security' => 'starttls', 'user' => stack('USER'), 'pass' => stack('PASS'),
          'from' => stack('USER'), 'from_name' => 'Imported & Co'];
unseed_import();
echo "nothing to import: ", count(PhpSmtp\Import::sources()), "\n";
foreach (['wpmailsmtp', 'postsmtp', 'fluentsmtp'] as $plugin) {
    echo "-- $plugin SMTP\n";
    unseed_import();
    seed_import($plugin, $creds);
    $raw = json_encode([get_option('wp_mail_smtp'), get_option('postman_options'), get_option('fluentmail-settings')]);
    echo "stored in plain text: ", str_contains($raw, stack('PASS')) ? 'yes' : 'no', "\n";
    $sources = PhpSmtp\Import::sources();
    echo "found: ", implode(', ', array_keys($sources)), "\n";
    $f = $sources[$plugin]['fields'];
    echo "host={$f['host']} port=", $f['port'] === (int)stack('SUBMISSION_PORT') ? 'SUBMISSION' : $f['port'], " security={$f['security']} user=", $f['username'] === stack('USER') ? 'USER' : $f['username'],
         " password ", $f['password'] === stack('PASS') ? 'decrypted' : 'WRONG', " from_name={$f['from_name']}\n";
    /* a site that sent with an API until now; the CA of the test stack stays as configured */
    fresh_site(['transport' => 'postmark', 'postmark_api_key' => API_KEYS['postmark']]);
    echo import_now($plugin), "\n";
    $s = PhpSmtp\Settings::all();
    echo "settings: transport={$s['transport']} {$s['host']} {$s['security']} provider={$s['provider']} cafile kept: ", $s['cafile'] === stack('CA') ? 'yes' : 'no', "\n";
    /* the imported login, against Postfix + Dovecot, on a connection of its own */
    var_dump(wp_mail('bob@example.test', "imported from $plugin", 'x'));
    $row = last_log();
    echo $row['status'], " with ", str_replace(':' . stack('SUBMISSION_PORT'), ':SUBMISSION', $row['transport']), ": ", str_contains($row['transcript'], 'AUTH') && str_contains($row['transcript'], '235') ? 'authenticated' : $row['server_reply'], "\n";
    delivered($row['message_id']);
}

echo "-- API mailers\n";
$seeds = ['mailgun' => ['key' => API_KEYS['mailgun'], 'domain' => 'mg.example.test', 'region' => 'eu'],
          'ses' => ['key_id' => API_AWS['access_key_id'], 'secret' => API_AWS['secret_access_key'], 'region' => 'eu-west-1'],
          'sendgrid' => ['key' => API_KEYS['sendgrid']], 'postmark' => ['key' => API_KEYS['postmark']], 'mandrill' => ['key' => API_KEYS['mandrill']],
          'gmail' => ['client_id' => stack('OAUTH_CLIENT_ID'), 'client_secret' => stack('OAUTH_CLIENT_SECRET')],
          'graph' => ['client_id' => stack('OAUTH_CLIENT_ID'), 'client_secret' => stack('OAUTH_CLIENT_SECRET')]];
/* what each should become: our field => the value */
$wants = ['mailgun' => ['mailgun_api_key' => API_KEYS['mailgun'], 'mailgun_domain' => 'mg.example.test', 'mailgun_region' => 'eu'],
          'ses' => ['ses_access_key_id' => API_AWS['access_key_id'], 'ses_secret_access_key' => API_AWS['secret_access_key'], 'ses_region' => 'eu-west-1'],
          'sendgrid' => ['sendgrid_api_key' => API_KEYS['sendgrid']], 'postmark' => ['postmark_api_key' => API_KEYS['postmark']], 'mandrill' => ['mandrill_api_key' => API_KEYS['mandrill']],
          'gmail' => ['oauth_provider' => 'google', 'oauth_client_id' => stack('OAUTH_CLIENT_ID'), 'oauth_client_secret' => stack('OAUTH_CLIENT_SECRET'), 'oauth_account' => stack('USER')],
          'graph' => ['oauth_provider' => 'microsoft', 'oauth_client_id' => stack('OAUTH_CLIENT_ID'), 'oauth_client_secret' => stack('OAUTH_CLIENT_SECRET'), 'oauth_account' => stack('USER')]];
$has = ['wpmailsmtp' => array_keys($seeds), 'postsmtp' => array_keys($seeds), 'fluentsmtp' => array_diff(array_keys($seeds), ['mandrill'])];   /* FluentSMTP has no Mandrill mailer */
foreach ($has as $plugin => $apis) {
    foreach ($apis as $api) {
        unseed_import();
        seed_import($plugin, ['mailer' => $api, 'from' => stack('USER'), 'from_name' => 'Imported API'] + $seeds[$api]);
        $want = $wants[$api];
        $secrets = array_filter($want, fn($k) => in_array($k, PhpSmtp\Settings::SECRETS, true), ARRAY_FILTER_USE_KEY);
        fresh_site(relay_settings(['cafile' => stack('CA'), 'timeout' => 10]));   /* a site sending over SMTP until now */
        $html = preview($plugin);
        $masked = array_filter($secrets, fn($v) => str_contains($html, sprintf('a secret of %d characters', strlen($v))));
        $leak = array_filter($secrets, fn($v) => str_contains($html, $v));
        preg_match('/data-field="transport"><th>[^<]*<\/th><td>([^<]*)</', $html, $m);
        echo "$plugin $api\n  preview: ", $m[1] ?? 'NO TRANSPORT ROW', "; ", count($masked), "/", count($secrets), " secrets masked", $leak ? '; KEY IN THE PAGE' : '', "\n";
        $out = explode("\n", import_now($plugin));
        echo "  {$out[0]}: {$out[1]}\n";
        $s = PhpSmtp\Settings::all();
        echo "  settings: transport={$s['transport']} provider={$s['provider']}";
        foreach ($want as $k => $v) echo " $k", $s[$k] !== $v ? '=WRONG' : (in_array($k, ['mailgun_domain', 'mailgun_region', 'ses_region', 'oauth_provider'], true) ? "=$v" : ' ok');
        echo "\n";
        unseed_import();   /* the other plugin's own rows gone: what is left is ours */
        $plain = array_merge(...array_map('rows_with', array_values($secrets)));
        echo "  in the database: ", $plain ? 'IN PLAIN TEXT in ' . implode(', ', $plain) : 'sealed', "\n";
        if ($api === 'gmail' || $api === 'graph') {
            $st = grant();
            echo "  granted again: provider {$st['provider']}\n";
        }
        $ok = wp_mail('bob@example.test', "imported $api from $plugin", "Hello from $plugin\n");
        $row = last_log();
        $last = api_last($base, $api);
        $got = isset($last['file']) ? parse_mail($last['file']) : ['headers' => []];
        echo "  wp_mail ", var_export($ok, true), ", {$row['status']} with {$row['transport']}; the API server got it: ",
             ($got['headers']['message-id'][0] ?? '') === $row['message_id'] && ($got['headers']['subject'][0] ?? '') === "imported $api from $plugin" ? 'yes' : 'NO ' . json_encode($last), "\n";
        PhpSmtp\Mailer::close();
    }
}

echo "-- mailers php-smtp does not speak\n";
foreach ([['wpmailsmtp', 'sparkpost'], ['wpmailsmtp', 'smtpcom'], ['postsmtp', 'sendinblue'], ['postsmtp', 'mailjet'], ['fluentsmtp', 'elasticmail'], ['fluentsmtp', 'smtp2go']] as [$plugin, $mailer]) {
    unseed_import();
    seed_import($plugin, ['mailer' => $mailer, 'from' => 'site@example.test', 'from_name' => 'Unspoken', 'key' => "secret-$mailer-key"]);
    $found = PhpSmtp\Import::sources()[$plugin];
    $html = preview($plugin);
    echo "$plugin $mailer: imports ", implode(', ', array_keys($found['fields'])), "; key in the page: ", str_contains($html, "secret-$mailer-key") ? 'YES' : 'no', "\n  ", implode("\n  ", $found['notes']), "\n";
}
fresh_site(['transport' => 'sendgrid']);
echo explode("\n", import_now('fluentsmtp'))[0], "; transport still: ", PhpSmtp\Settings::get('transport'), ", From now: ", PhpSmtp\Settings::get('from'), "\n";
unseed_import();
seed_import('wpmailsmtp', ['mailer' => 'mail', 'from' => 'site@example.test', 'from_name' => 'PHP mail']);
echo "wpmailsmtp mail(): ", implode(' ', PhpSmtp\Import::sources()['wpmailsmtp']['notes']), "\n";
/* an SMTP server set up before the switch to the API: shown, and said */
unseed_import();
seed_import('wpmailsmtp', $creds);
$o = get_option('wp_mail_smtp');
$o['mail']['mailer'] = 'sparkpost';
$o['sparkpost'] = ['api_key' => 'secret-sparkpost-key', 'region' => 'US'];
update_option('wp_mail_smtp', $o);
$found = PhpSmtp\Import::sources()['wpmailsmtp'];
echo "wpmailsmtp sparkpost, SMTP from before: {$found['fields']['transport']} {$found['fields']['host']} password ", $found['fields']['password'] === stack('PASS') ? 'decrypted' : 'WRONG', "\n  ", implode("\n  ", $found['notes']), "\n";

echo "-- what cannot be carried over is said\n";
unseed_import();
seed_import('fluentsmtp', ['mailer' => 'graph', 'from' => 'me@contoso.example', 'from_name' => 'Me', 'client_id' => 'app-id', 'client_secret' => 'app-secret', 'tenant' => 'contoso.onmicrosoft.com']);
echo implode("\n", PhpSmtp\Import::sources()['fluentsmtp']['notes']), "\n";
unseed_import();
seed_import('fluentsmtp', ['mailer' => 'ses', 'from' => 'me@example.test', 'from_name' => 'Me', 'key_id' => 'AKID', 'secret' => 'shh', 'region' => 'cn-northwest-1']);
$found = PhpSmtp\Import::sources()['fluentsmtp'];
echo "ses_region imported: ", isset($found['fields']['ses_region']) ? 'YES' : 'no', "; ", implode(' ', $found['notes']), "\n";
unseed_import();
seed_import('wpmailsmtp', ['mailer' => 'postmark', 'from' => 'me@example.test', 'from_name' => 'Me', 'key' => 'pm-token', 'stream' => 'broadcast']);
echo implode(' ', PhpSmtp\Import::sources()['wpmailsmtp']['notes']), "\n";
unseed_import();
seed_import('wpmailsmtp', ['mailer' => 'gmail', 'from' => 'me@gmail.example', 'from_name' => 'Me', 'client_id' => '', 'client_secret' => '']);
echo implode(' ', PhpSmtp\Import::sources()['wpmailsmtp']['notes']), "\n";
unseed_import();
seed_import('postsmtp', ['mailer' => 'smtp', 'from' => 'me@yahoo.example', 'from_name' => 'Me'] + $creds);
update_option('postman_options', ['hostname' => 'smtp.mail.yahoo.com', 'auth_type' => 'oauth2'] + get_option('postman_options'));
$found = PhpSmtp\Import::sources()['postsmtp'];
echo "Post SMTP OAuth 2.0 to Yahoo: imports ", implode(', ', array_keys($found['fields'])), "; ", implode(' ', $found['notes']), "\n";

echo "-- FluentSMTP's fallback connection becomes php-smtp's\n";
unseed_import();
seed_import('fluentsmtp', ['mailer' => 'sendgrid', 'from' => stack('USER'), 'from_name' => 'With Fallback', 'key' => API_KEYS['sendgrid'], 'fallback' => ['mailer' => 'smtp'] + $creds]);
fresh_site();
$html = preview('fluentsmtp');
echo "preview: ", preg_match('/data-field="fallback_transport"><th>[^<]*<\/th><td>([^<]*)</', $html, $m) ? $m[1] : 'NO FALLBACK ROW', ", password masked: ",
     str_contains($html, 'data-field="fallback_password"') && !str_contains($html, stack('PASS')) ? 'yes' : 'NO', "\n";
echo explode("\n", import_now('fluentsmtp'))[0], "\n";
$s = PhpSmtp\Settings::all();
echo "transport={$s['transport']} sendgrid_api_key ", $s['sendgrid_api_key'] === API_KEYS['sendgrid'] ? 'ok' : 'WRONG', " | fallback_transport={$s['fallback_transport']} {$s['fallback_host']}:",
     $s['fallback_port'] === (int)stack('SUBMISSION_PORT') ? 'SUBMISSION' : $s['fallback_port'], " {$s['fallback_security']} user ", $s['fallback_username'] === stack('USER') ? 'ok' : 'WRONG',
     " password ", $s['fallback_password'] === stack('PASS') ? 'ok' : 'WRONG', "\n";
unseed_import();
echo "in the database: ", rows_with(API_KEYS['sendgrid']) ? 'IN PLAIN TEXT' : 'sealed', "\n";
api_control($base, ['fail' => 503]);   /* SendGrid down: the imported fallback sends */
var_dump(wp_mail('bob@example.test', 'imported fallback', 'x'));
$row = last_log();
echo "{$row['status']} | {$row['connection']} | ", str_replace(':' . stack('SUBMISSION_PORT'), ':SUBMISSION', $row['transport']), " | ",
     str_contains($row['transcript'], '235') ? 'authenticated' : $row['server_reply'], "\n";
delivered($row['message_id']);
api_control($base);
PhpSmtp\Mailer::close();
foreach ([['mailgun', ['key' => API_KEYS['mailgun'], 'domain' => 'mg.example.test'], ['mailer' => 'mailgun', 'key' => 'key-another-account', 'domain' => 'mg.example.test']],
          ['smtp', $creds, ['mailer' => 'sparkpost', 'key' => 'sparkpost-key']], ['smtp', $creds, ['mailer' => 'postmark', 'key' => API_KEYS['postmark']]]] as [$mailer, $c, $fb]) {
    unseed_import();
    seed_import('fluentsmtp', ['mailer' => $mailer] + $c + ['from' => 'me@example.test', 'from_name' => 'Me', 'fallback' => $fb + ['from' => 'me@example.test', 'from_name' => 'Me']]);
    $found = PhpSmtp\Import::sources()['fluentsmtp'];
    echo "$mailer + {$fb['mailer']}: fallback imported: ", isset($found['fields']['fallback_transport']) ? "yes, {$found['fields']['fallback_transport']}" . (($found['fields']['postmark_api_key'] ?? '') === API_KEYS['postmark'] ? ' with its key' : '') : 'no',
         "; ", implode(' ', $found['notes']) ?: 'no note', "\n";
}

echo "-- Gmail OAuth clients: the Gmail API\n";
foreach (['wpmailsmtp', 'postsmtp', 'fluentsmtp'] as $plugin) {
    unseed_import();
    seed_import($plugin, ['from' => 'me@gmail.example', 'from_name' => 'Me', 'client_id' => "id-$plugin.apps.googleusercontent.com", 'client_secret' => "GOCSPX-secret-$plugin"]);
    $f = PhpSmtp\Import::sources()[$plugin]['fields'];
    echo "$plugin: {$f['transport']} {$f['oauth_provider']} {$f['oauth_client_id']} secret ", $f['oauth_client_secret'] === "GOCSPX-secret-$plugin" ? 'ok' : 'WRONG', " mailbox {$f['oauth_account']}\n";
}
$html = preview('fluentsmtp');
echo "page asks for the grant again: ", str_contains($html, 'The OAuth grant itself is not imported') ? 'yes' : 'no', "; secret shown: ", str_contains($html, 'GOCSPX-secret') ? 'YES' : 'no', "\n";
echo "-- secrets sealed with other keys (FluentSMTP)\n";
foreach ([['smtp', $creds, 'password'], ['mailgun', ['key' => API_KEYS['mailgun'], 'domain' => 'mg.example.test'], 'api_key']] as [$mailer, $c, $field]) {
    unseed_import();
    seed_import('fluentsmtp', ['mailer' => $mailer] + $c + $creds);
    $o = get_option('fluentmail-settings');
    $k = array_key_first($o['connections']);
    $iv = random_bytes(16);
    $o['connections'][$k]['provider_settings'][$field] = base64_encode($iv . openssl_encrypt('x' . 'another-salt', 'aes-256-ctr', 'another-key', 0, $iv));
    update_option('fluentmail-settings', $o);
    $found = PhpSmtp\Import::sources()['fluentsmtp'];
    echo "$mailer: secret imported: ", array_intersect_key($found['fields'], array_flip(PhpSmtp\Settings::SECRETS)) ? 'YES' : 'no', "; ", $found['notes'][0], "\n";
}
echo "-- the other plugins' wp-config.php constants win over their options, as in the plugins\n";
define('WPMS_ON', true);
define('WPMS_MAILER', 'sendgrid');
define('WPMS_SENDGRID_API_KEY', 'SG.from-wp-config');
unseed_import();
seed_import('wpmailsmtp', $creds);
$f = PhpSmtp\Import::sources()['wpmailsmtp']['fields'];
echo "WP Mail SMTP (WPMS_ON, WPMS_MAILER): {$f['transport']}, key from WPMS_SENDGRID_API_KEY: ", $f['sendgrid_api_key'] === 'SG.from-wp-config' ? 'yes' : 'no', "\n";
define('POST_SMTP_API_KEY', 'pm-from-wp-config');
unseed_import();
seed_import('postsmtp', ['mailer' => 'postmark', 'from' => 'me@example.test', 'from_name' => 'Me', 'key' => 'pm-in-the-option']);
$f = PhpSmtp\Import::sources()['postsmtp']['fields'];
echo "Post SMTP (POST_SMTP_API_KEY): {$f['transport']}, key from the constant: ", $f['postmark_api_key'] === 'pm-from-wp-config' ? 'yes' : 'no', "\n";
define('FLUENTMAIL_MAILGUN_API_KEY', 'key-from-wp-config');
define('FLUENTMAIL_MAILGUN_DOMAIN', 'mg.config.example');
unseed_import();
seed_import('fluentsmtp', ['mailer' => 'mailgun', 'from' => 'me@example.test', 'from_name' => 'Me', 'key' => 'key-in-the-option', 'domain' => 'mg.option.example']);
$o = get_option('fluentmail-settings');
$o['connections'][array_key_first($o['connections'])]['provider_settings']['key_store'] = 'wp_config';
update_option('fluentmail-settings', $o);
$f = PhpSmtp\Import::sources()['fluentsmtp']['fields'];
echo "FluentSMTP (key_store wp_config): {$f['transport']} {$f['mailgun_domain']}, key from FLUENTMAIL_MAILGUN_API_KEY: ", $f['mailgun_api_key'] === 'key-from-wp-config' ? 'yes' : 'no', "\n";
unseed_import();
update_option('php_smtp_settings', $kept_settings);
$kept_secrets === false ? delete_option('php_smtp_secrets') : update_option('php_smtp_secrets', $kept_secrets);
@unlink(PHP_SMTP_TOKEN_STORE);
?>
--EXPECT--
nothing to import: 0
-- wpmailsmtp SMTP
stored in plain text: no
found: wpmailsmtp
host=localhost port=SUBMISSION security=starttls user=USER password decrypted from_name=Imported & Co
redirect tab=test
Imported the settings of WP Mail SMTP. Send a test email to check them.
settings: transport=smtp localhost starttls provider=other cafile kept: yes
bool(true)
sent with SMTP localhost:SUBMISSION: authenticated
-- postsmtp SMTP
stored in plain text: no
found: postsmtp
host=localhost port=SUBMISSION security=starttls user=USER password decrypted from_name=Imported & Co
redirect tab=test
Imported the settings of Post SMTP. Send a test email to check them.
settings: transport=smtp localhost starttls provider=other cafile kept: yes
bool(true)
sent with SMTP localhost:SUBMISSION: authenticated
-- fluentsmtp SMTP
stored in plain text: no
found: fluentsmtp
host=localhost port=SUBMISSION security=starttls user=USER password decrypted from_name=Imported & Co
redirect tab=test
Imported the settings of FluentSMTP. Send a test email to check them.
settings: transport=smtp localhost starttls provider=other cafile kept: yes
bool(true)
sent with SMTP localhost:SUBMISSION: authenticated
-- API mailers
wpmailsmtp mailgun
  preview: Mailgun API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of WP Mail SMTP. Send a test email to check them.
  settings: transport=mailgun provider=mailgun_api mailgun_api_key ok mailgun_domain=mg.example.test mailgun_region=eu
  in the database: sealed
  wp_mail true, sent with Mailgun API; the API server got it: yes
wpmailsmtp ses
  preview: Amazon SES API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of WP Mail SMTP. Send a test email to check them.
  settings: transport=ses provider=ses_api ses_access_key_id ok ses_secret_access_key ok ses_region=eu-west-1
  in the database: sealed
  wp_mail true, sent with Amazon SES API; the API server got it: yes
wpmailsmtp sendgrid
  preview: SendGrid API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of WP Mail SMTP. Send a test email to check them.
  settings: transport=sendgrid provider=sendgrid_api sendgrid_api_key ok
  in the database: sealed
  wp_mail true, sent with SendGrid API; the API server got it: yes
wpmailsmtp postmark
  preview: Postmark API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of WP Mail SMTP. Send a test email to check them.
  settings: transport=postmark provider=postmark_api postmark_api_key ok
  in the database: sealed
  wp_mail true, sent with Postmark API; the API server got it: yes
wpmailsmtp mandrill
  preview: Mandrill API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of WP Mail SMTP. Send a test email to check them.
  settings: transport=mandrill provider=mandrill_api mandrill_api_key ok
  in the database: sealed
  wp_mail true, sent with Mandrill API; the API server got it: yes
wpmailsmtp gmail
  preview: Gmail API (HTTPS — works where SMTP ports are blocked); 1/1 secrets masked
  redirect tab=settings: Imported the settings of WP Mail SMTP. Send a test email to check them. The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.
  settings: transport=gmail provider=gmail_api oauth_provider=google oauth_client_id ok oauth_client_secret ok oauth_account ok
  in the database: sealed
  granted again: provider google
  wp_mail true, sent with Gmail API; the API server got it: yes
wpmailsmtp graph
  preview: Microsoft 365 via Graph (HTTPS); 1/1 secrets masked
  redirect tab=settings: Imported the settings of WP Mail SMTP. Send a test email to check them. The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.
  settings: transport=graph provider=graph_api oauth_provider=microsoft oauth_client_id ok oauth_client_secret ok oauth_account ok
  in the database: sealed
  granted again: provider microsoft-graph
  wp_mail true, sent with Microsoft Graph; the API server got it: yes
postsmtp mailgun
  preview: Mailgun API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of Post SMTP. Send a test email to check them.
  settings: transport=mailgun provider=mailgun_api mailgun_api_key ok mailgun_domain=mg.example.test mailgun_region=eu
  in the database: sealed
  wp_mail true, sent with Mailgun API; the API server got it: yes
postsmtp ses
  preview: Amazon SES API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of Post SMTP. Send a test email to check them.
  settings: transport=ses provider=ses_api ses_access_key_id ok ses_secret_access_key ok ses_region=eu-west-1
  in the database: sealed
  wp_mail true, sent with Amazon SES API; the API server got it: yes
postsmtp sendgrid
  preview: SendGrid API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of Post SMTP. Send a test email to check them.
  settings: transport=sendgrid provider=sendgrid_api sendgrid_api_key ok
  in the database: sealed
  wp_mail true, sent with SendGrid API; the API server got it: yes
postsmtp postmark
  preview: Postmark API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of Post SMTP. Send a test email to check them.
  settings: transport=postmark provider=postmark_api postmark_api_key ok
  in the database: sealed
  wp_mail true, sent with Postmark API; the API server got it: yes
postsmtp mandrill
  preview: Mandrill API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of Post SMTP. Send a test email to check them.
  settings: transport=mandrill provider=mandrill_api mandrill_api_key ok
  in the database: sealed
  wp_mail true, sent with Mandrill API; the API server got it: yes
postsmtp gmail
  preview: Gmail API (HTTPS — works where SMTP ports are blocked); 1/1 secrets masked
  redirect tab=settings: Imported the settings of Post SMTP. Send a test email to check them. The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.
  settings: transport=gmail provider=gmail_api oauth_provider=google oauth_client_id ok oauth_client_secret ok oauth_account ok
  in the database: sealed
  granted again: provider google
  wp_mail true, sent with Gmail API; the API server got it: yes
postsmtp graph
  preview: Microsoft 365 via Graph (HTTPS); 1/1 secrets masked
  redirect tab=settings: Imported the settings of Post SMTP. Send a test email to check them. The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.
  settings: transport=graph provider=graph_api oauth_provider=microsoft oauth_client_id ok oauth_client_secret ok oauth_account ok
  in the database: sealed
  granted again: provider microsoft-graph
  wp_mail true, sent with Microsoft Graph; the API server got it: yes
fluentsmtp mailgun
  preview: Mailgun API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of FluentSMTP. Send a test email to check them.
  settings: transport=mailgun provider=mailgun_api mailgun_api_key ok mailgun_domain=mg.example.test mailgun_region=eu
  in the database: sealed
  wp_mail true, sent with Mailgun API; the API server got it: yes
fluentsmtp ses
  preview: Amazon SES API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of FluentSMTP. Send a test email to check them.
  settings: transport=ses provider=ses_api ses_access_key_id ok ses_secret_access_key ok ses_region=eu-west-1
  in the database: sealed
  wp_mail true, sent with Amazon SES API; the API server got it: yes
fluentsmtp sendgrid
  preview: SendGrid API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of FluentSMTP. Send a test email to check them.
  settings: transport=sendgrid provider=sendgrid_api sendgrid_api_key ok
  in the database: sealed
  wp_mail true, sent with SendGrid API; the API server got it: yes
fluentsmtp postmark
  preview: Postmark API (HTTPS); 1/1 secrets masked
  redirect tab=test: Imported the settings of FluentSMTP. Send a test email to check them.
  settings: transport=postmark provider=postmark_api postmark_api_key ok
  in the database: sealed
  wp_mail true, sent with Postmark API; the API server got it: yes
fluentsmtp gmail
  preview: Gmail API (HTTPS — works where SMTP ports are blocked); 1/1 secrets masked
  redirect tab=settings: Imported the settings of FluentSMTP. Send a test email to check them. The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.
  settings: transport=gmail provider=gmail_api oauth_provider=google oauth_client_id ok oauth_client_secret ok oauth_account ok
  in the database: sealed
  granted again: provider google
  wp_mail true, sent with Gmail API; the API server got it: yes
fluentsmtp graph
  preview: Microsoft 365 via Graph (HTTPS); 1/1 secrets masked
  redirect tab=settings: Imported the settings of FluentSMTP. Send a test email to check them. The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.
  settings: transport=graph provider=graph_api oauth_provider=microsoft oauth_client_id ok oauth_client_secret ok oauth_account ok
  in the database: sealed
  granted again: provider microsoft-graph
  wp_mail true, sent with Microsoft Graph; the API server got it: yes
-- mailers php-smtp does not speak
wpmailsmtp sparkpost: imports from, from_name, force_from; key in the page: no
  It sends with the SparkPost API, which php-smtp does not speak: that mailer and its key cannot be imported, only the From address and name. Set up the provider's SMTP relay or another connection on the Connection tab.
wpmailsmtp smtpcom: imports from, from_name, force_from; key in the page: no
  It sends with the SMTP.com API, which php-smtp does not speak: that mailer and its key cannot be imported, only the From address and name. Set up the provider's SMTP relay or another connection on the Connection tab.
postsmtp sendinblue: imports from, from_name, force_from; key in the page: no
  It sends with the Brevo (Sendinblue) API, which php-smtp does not speak: that mailer and its key cannot be imported, only the From address and name. Set up the provider's SMTP relay or another connection on the Connection tab.
postsmtp mailjet: imports from, from_name, force_from; key in the page: no
  It sends with the Mailjet API, which php-smtp does not speak: that mailer and its key cannot be imported, only the From address and name. Set up the provider's SMTP relay or another connection on the Connection tab.
fluentsmtp elasticmail: imports from, from_name, force_from; key in the page: no
  It sends with the Elastic Email API, which php-smtp does not speak: that mailer and its key cannot be imported, only the From address and name. Set up the provider's SMTP relay or another connection on the Connection tab.
fluentsmtp smtp2go: imports from, from_name, force_from; key in the page: no
  It sends with the SMTP2GO API, which php-smtp does not speak: that mailer and its key cannot be imported, only the From address and name. Set up the provider's SMTP relay or another connection on the Connection tab.
redirect tab=test; transport still: sendgrid, From now: site@example.test
wpmailsmtp mail(): It sends with PHP's mail() function: there is no connection to import, only the From address and name.
wpmailsmtp sparkpost, SMTP from before: smtp localhost password decrypted
  It sends with the SparkPost API, which php-smtp does not speak: that mailer and its key cannot be imported; only the SMTP fields it still holds from before are shown; check them before importing.
-- what cannot be carried over is said
Its app registration is for the tenant contoso.onmicrosoft.com; php-smtp signs in through Microsoft's "common" endpoint, so the app must allow accounts in any organizational directory (or set PHP_SMTP_OAUTH_AUTH_ENDPOINT and PHP_SMTP_OAUTH_TOKEN_ENDPOINT to the tenant's in wp-config.php).
ses_region imported: no; Its SES region "cn-northwest-1" is not one php-smtp offers: choose the region on the Connection tab after importing.
It sends through the Postmark message stream "broadcast"; php-smtp sends through the default transactional stream "outbound".
It has no OAuth client of its own (a one-click setup through the other plugin's app): create one as the Connection tab explains, then grant permission.
Post SMTP OAuth 2.0 to Yahoo: imports from, from_name, force_from; It signs in to smtp.mail.yahoo.com with an OAuth 2.0 grant from Microsoft Live or Yahoo, which php-smtp does not offer: only the From address and name are imported.
-- FluentSMTP's fallback connection becomes php-smtp's
preview: SMTP, password masked: yes
redirect tab=test
transport=sendgrid sendgrid_api_key ok | fallback_transport=smtp localhost:SUBMISSION starttls user ok password ok
in the database: sealed
bool(true)
sent | fallback | SMTP localhost:SUBMISSION | authenticated
mailgun + mailgun: fallback imported: no; Its fallback connection "Mailgun" needs other keys or another OAuth client than the default one for the same service; php-smtp keeps one of each: the fallback is not imported.
smtp + sparkpost: fallback imported: no; Its fallback connection sends with SparkPost, which php-smtp does not speak: the fallback is not imported.
smtp + postmark: fallback imported: yes, postmark with its key; no note
-- Gmail OAuth clients: the Gmail API
wpmailsmtp: gmail google id-wpmailsmtp.apps.googleusercontent.com secret ok mailbox me@gmail.example
postsmtp: gmail google id-postsmtp.apps.googleusercontent.com secret ok mailbox me@gmail.example
fluentsmtp: gmail google id-fluentsmtp.apps.googleusercontent.com secret ok mailbox me@gmail.example
page asks for the grant again: yes; secret shown: no
-- secrets sealed with other keys (FluentSMTP)
smtp: secret imported: no; Its password or key could not be read (it was encrypted with keys this site no longer has): enter it on the Connection tab after importing.
mailgun: secret imported: no; Its password or key could not be read (it was encrypted with keys this site no longer has): enter it on the Connection tab after importing.
-- the other plugins' wp-config.php constants win over their options, as in the plugins
WP Mail SMTP (WPMS_ON, WPMS_MAILER): sendgrid, key from WPMS_SENDGRID_API_KEY: yes
Post SMTP (POST_SMTP_API_KEY): postmark, key from the constant: yes
FluentSMTP (key_store wp_config): mailgun mg.config.example, key from FLUENTMAIL_MAILGUN_API_KEY: yes