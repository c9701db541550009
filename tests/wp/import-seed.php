<?php
/* Stores mail settings the way WP Mail SMTP, Post SMTP and FluentSMTP do
 * (their option names, array shapes, mailer slugs and secret encodings, from
 * their public sources: WP-Mail-SMTP src/Options.php ($map, set()) +
 * src/Helpers/Crypto.php; Post-SMTP Postman/PostmanOptions.php,
 * PostmanInputSanitizer.php (base64) and Wizard/NewWizard.php (the SES and
 * Office 365 fields); fluent-smtp app/Functions/helpers.php
 * (fluentMailSetSettings, fluentMailEncryptDecrypt) and
 * app/Services/Mailer/Providers/config.php), for the import tests.
 * $c: from, from_name, and
 *   mailer smtp (the default): host, port, security (none|starttls|tls), user, pass;
 *   mailer gmail (the default when client_id is given) or graph: client_id, client_secret;
 *   mailer mailgun: key, domain, region (us|eu); ses: key_id, secret, region;
 *   sendgrid, postmark, mandrill: key; any other (sparkpost, sendinblue...): key, as that plugin names it;
 *   FluentSMTP only: fallback, a second connection ($c's keys) as its fallback connection. */
function seed_import(string $plugin, array $c): void
{
    $enc = ['none' => 'none', 'starttls' => 'tls', 'tls' => 'ssl'][$c['security'] ?? 'starttls'];
    $mailer = $c['mailer'] ?? (isset($c['client_id']) ? 'gmail' : 'smtp');
    $smtp = $mailer === 'smtp';
    switch ($plugin) {
    case 'wpmailsmtp':
        /* Crypto::get_secret_key(): a secretbox key, base64 in its own option; Crypto::encrypt(): base64(nonce . secretbox),
         * for smtp.pass only: Options::set() keeps every API key and OAuth client secret as typed (sanitize_text_field) */
        $key = sodium_crypto_secretbox_keygen();
        update_option('wp_mail_smtp_mail_key', base64_encode($key));
        $nonce = random_bytes(SODIUM_CRYPTO_SECRETBOX_NONCEBYTES);
        $slug = ['graph' => 'outlook', 'ses' => 'amazonses'][$mailer] ?? $mailer;
        $o = [
            'mail' => ['from_email' => $c['from'], 'from_name' => $c['from_name'], 'mailer' => $slug, 'return_path' => false,
                       'from_email_force' => true, 'from_name_force' => false],
            'smtp' => ['autotls' => true, 'auth' => true, 'host' => $smtp ? $c['host'] : '', 'port' => $smtp ? $c['port'] : 587, 'encryption' => $enc,
                       'user' => $smtp ? $c['user'] : '', 'pass' => $smtp ? base64_encode($nonce . sodium_crypto_secretbox($c['pass'], $nonce, $key)) : ''],
        ];
        $o[$slug] = match ($mailer) {
            'smtp' => $o['smtp'],
            'gmail', 'graph' => ['one_click_setup_enabled' => false, 'client_id' => $c['client_id'], 'client_secret' => $c['client_secret']],
            'mailgun' => ['api_key' => $c['key'], 'domain' => $c['domain'], 'region' => strtoupper($c['region'] ?? 'us')],
            'ses' => ['client_id' => $c['key_id'], 'client_secret' => $c['secret'], 'region' => $c['region']],
            'sendgrid' => ['api_key' => $c['key'], 'domain' => ''],
            'postmark' => ['server_api_token' => $c['key'], 'message_stream' => $c['stream'] ?? ''],
            default => ['api_key' => $c['key']],
        };
        update_option('wp_mail_smtp', $o);
        break;
    case 'postsmtp':
        /* PostmanOptions: flat keys; passwords and API keys base64-encoded (sanitizePassword), the Pro SES and Office 365 keys too */
        $slug = ['smtp' => 'smtp', 'gmail' => 'gmail_api', 'graph' => 'office365_api', 'ses' => 'aws_ses_api'][$mailer] ?? "{$mailer}_api";
        $o = ['transport_type' => $slug, 'sender_email' => $c['from'], 'sender_name' => $c['from_name'], 'envelope_sender' => $c['from'],
              'enc_type' => $enc, 'auth_type' => $mailer === 'gmail' ? 'oauth2' : 'login'];
        $o += match ($mailer) {
            'smtp' => ['hostname' => $c['host'], 'port' => (string)$c['port'], 'basic_auth_username' => $c['user'], 'basic_auth_password' => base64_encode($c['pass'])],
            'gmail' => ['hostname' => 'smtp.gmail.com', 'port' => '587', 'oauth_client_id' => $c['client_id'], 'oauth_client_secret' => $c['client_secret']],
            'graph' => ['office365_app_id' => base64_encode($c['client_id']), 'office365_app_password' => base64_encode($c['client_secret'])],
            'mailgun' => ['mailgun_api_key' => base64_encode($c['key']), 'mailgun_domain_name' => $c['domain']] + (($c['region'] ?? 'us') === 'eu' ? ['mailgun_region' => 'on'] : []),
            'ses' => ['ses_access_key_id' => base64_encode($c['key_id']), 'ses_secret_access_key' => base64_encode($c['secret']), 'ses_region' => $c['region']],
            'sendgrid' => ['sendgrid_api_key' => base64_encode($c['key']), 'sendgrid_region' => 'Global'],
            default => ["{$mailer}_api_key" => base64_encode($c['key'])],
        };
        update_option('postman_options', $o);
        break;
    case 'fluentsmtp':
        /* fluentMailEncryptDecrypt($v, 'e'): base64(iv . openssl_encrypt(value . LOGGED_IN_SALT, aes-256-ctr, LOGGED_IN_KEY)),
         * for each provider's one secret (fluentMailSetSettings' providerKeyMaps); misc.fallback_connection another connection's key */
        $encrypt = function (string $v): string {
            $iv = random_bytes(16);
            return base64_encode($iv . openssl_encrypt($v . LOGGED_IN_SALT, 'aes-256-ctr', LOGGED_IN_KEY, 0, $iv));
        };
        $titles = ['smtp' => 'SMTP server', 'gmail' => 'Gmail or Google Workspace', 'outlook' => 'Outlook', 'mailgun' => 'Mailgun', 'ses' => 'Amazon SES',
                   'sendgrid' => 'SendGrid', 'postmark' => 'Postmark'];
        $connections = [];
        foreach (array_filter([$c, $c['fallback'] ?? null]) as $i => $conn) {
            $settings = fluentsmtp_settings($conn, $encrypt);
            $connections[md5($conn['from'] . $settings['provider'] . $i)] = ['title' => $titles[$settings['provider']] ?? ucfirst($settings['provider']), 'provider_settings' => $settings];
        }
        [$key, $fallback] = array_pad(array_keys($connections), 2, '');
        update_option('fluentmail-settings', [
            'mappings' => [$c['from'] => $key],
            'connections' => $connections,
            'misc' => ['log_emails' => 'yes', 'log_saved_interval_days' => '14', 'disable_fluentcrm_logs' => 'no', 'default_connection' => $key, 'fallback_connection' => $fallback],
            'use_encrypt' => 'yes', 'test' => $encrypt('test'),
        ]);
        break;
    default:
        throw new InvalidArgumentException("unknown plugin $plugin");
    }
}

/* One FluentSMTP connection's provider_settings, as config.php's defaults for its provider. */
function fluentsmtp_settings(array $c, callable $encrypt): array
{
    $enc = ['none' => 'none', 'starttls' => 'tls', 'tls' => 'ssl'][$c['security'] ?? 'starttls'];
    $mailer = $c['mailer'] ?? (isset($c['client_id']) ? 'gmail' : 'smtp');
    $sender = ['sender_name' => $c['from_name'], 'sender_email' => $c['from'], 'force_from_name' => 'no'];
    return $sender + match ($mailer) {
        'smtp' => ['force_from_email' => 'yes', 'return_path' => 'yes', 'host' => $c['host'], 'port' => (string)$c['port'], 'auth' => 'yes', 'username' => $c['user'],
                   'password' => $encrypt($c['pass']), 'auto_tls' => 'yes', 'encryption' => $enc, 'key_store' => 'db'],
        'gmail', 'graph' => ['return_path' => 'yes', 'key_store' => 'db', 'client_id' => $c['client_id'], 'client_secret' => $encrypt($c['client_secret']),
                             'auth_token' => '', 'access_token' => '', 'refresh_token' => ''] + ($mailer === 'graph' ? ['tenant_id' => $c['tenant'] ?? 'common'] : []),
        'mailgun' => ['return_path' => 'yes', 'api_key' => $encrypt($c['key']), 'domain_name' => $c['domain'], 'key_store' => 'db', 'region' => $c['region'] ?? 'us'],
        'ses' => ['force_from_email' => 'yes', 'return_path' => 'yes', 'access_key' => $c['key_id'], 'secret_key' => $encrypt($c['secret']), 'region' => $c['region'], 'key_store' => 'db'],
        'postmark' => ['track_opens' => 'no', 'track_links' => 'no', 'api_key' => $encrypt($c['key']), 'message_stream' => $c['stream'] ?? 'outbound', 'key_store' => 'db'],
        default => ['api_key' => $encrypt($c['key']), 'key_store' => 'db'],
    } + ['provider' => ['graph' => 'outlook'][$mailer] ?? $mailer];
}

function unseed_import(): void
{
    foreach (['wp_mail_smtp', 'wp_mail_smtp_mail_key', 'postman_options', 'fluentmail-settings'] as $o) delete_option($o);
}
