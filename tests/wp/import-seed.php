<?php
/* Stores SMTP settings the way WP Mail SMTP, Post SMTP and FluentSMTP do
 * (their option names, array shapes and password encodings, from their public
 * sources: WP-Mail-SMTP src/Options.php + src/Helpers/Crypto.php, Post-SMTP
 * Postman/PostmanOptions.php, fluent-smtp app/Functions/helpers.php and
 * app/Services/Mailer/Providers/config.php), for the import tests.
 * $c: host, port, security (none|starttls|tls), user, pass, from, from_name,
 * and for an OAuth set-up client_id, client_secret. */
function seed_import(string $plugin, array $c): void
{
    $enc = ['none' => 'none', 'starttls' => 'tls', 'tls' => 'ssl'][$c['security'] ?? 'starttls'];
    $oauth = isset($c['client_id']);
    switch ($plugin) {
    case 'wpmailsmtp':
        /* Crypto::get_secret_key(): a secretbox key, base64 in its own option; Crypto::encrypt(): base64(nonce . secretbox) */
        $key = sodium_crypto_secretbox_keygen();
        update_option('wp_mail_smtp_mail_key', base64_encode($key));
        $nonce = random_bytes(SODIUM_CRYPTO_SECRETBOX_NONCEBYTES);
        update_option('wp_mail_smtp', [
            'mail' => ['from_email' => $c['from'], 'from_name' => $c['from_name'], 'mailer' => $oauth ? 'gmail' : 'smtp', 'return_path' => false,
                       'from_email_force' => true, 'from_name_force' => false],
            'smtp' => ['autotls' => true, 'auth' => true, 'host' => $oauth ? '' : $c['host'], 'port' => $oauth ? 587 : $c['port'], 'encryption' => $enc,
                       'user' => $oauth ? '' : $c['user'], 'pass' => $oauth ? '' : base64_encode($nonce . sodium_crypto_secretbox($c['pass'], $nonce, $key))],
            'gmail' => ['one_click_setup_enabled' => false, 'client_id' => $c['client_id'] ?? '', 'client_secret' => $c['client_secret'] ?? ''],
        ]);
        break;
    case 'postsmtp':
        /* PostmanOptions: flat keys, basic_auth_password base64-encoded */
        update_option('postman_options', [
            'transport_type' => $oauth ? 'gmail_api' : 'smtp', 'hostname' => $oauth ? 'smtp.gmail.com' : $c['host'], 'port' => (string)($oauth ? 587 : $c['port']),
            'enc_type' => $enc, 'auth_type' => $oauth ? 'oauth2' : 'login', 'basic_auth_username' => $oauth ? '' : $c['user'],
            'basic_auth_password' => $oauth ? '' : base64_encode($c['pass']), 'sender_email' => $c['from'], 'sender_name' => $c['from_name'],
            'oauth_client_id' => $c['client_id'] ?? '', 'oauth_client_secret' => $c['client_secret'] ?? '', 'envelope_sender' => $c['from'],
        ]);
        break;
    case 'fluentsmtp':
        /* fluentMailEncryptDecrypt($v, 'e'): base64(iv . openssl_encrypt(value . LOGGED_IN_SALT, aes-256-ctr, LOGGED_IN_KEY)) */
        $encrypt = function (string $v): string {
            $iv = random_bytes(16);
            return base64_encode($iv . openssl_encrypt($v . LOGGED_IN_SALT, 'aes-256-ctr', LOGGED_IN_KEY, 0, $iv));
        };
        $key = md5($c['from']);
        $settings = $oauth
            ? ['sender_name' => $c['from_name'], 'sender_email' => $c['from'], 'force_from_name' => 'no', 'return_path' => 'yes', 'key_store' => 'db',
               'client_id' => $c['client_id'], 'client_secret' => $encrypt($c['client_secret']), 'auth_token' => '', 'access_token' => '', 'refresh_token' => '', 'provider' => 'gmail']
            : ['sender_name' => $c['from_name'], 'sender_email' => $c['from'], 'force_from_name' => 'no', 'force_from_email' => 'yes', 'return_path' => 'yes',
               'host' => $c['host'], 'port' => (string)$c['port'], 'auth' => 'yes', 'username' => $c['user'], 'password' => $encrypt($c['pass']),
               'auto_tls' => 'yes', 'encryption' => $enc, 'key_store' => 'db', 'provider' => 'smtp'];
        update_option('fluentmail-settings', [
            'mappings' => [$c['from'] => $key],
            'connections' => [$key => ['title' => $oauth ? 'Gmail or Google Workspace' : 'SMTP server', 'provider_settings' => $settings]],
            'misc' => ['log_emails' => 'yes', 'log_saved_interval_days' => '14', 'disable_fluentcrm_logs' => 'no', 'default_connection' => $key],
            'use_encrypt' => 'yes', 'test' => $encrypt('test'),
        ]);
        break;
    default:
        throw new InvalidArgumentException("unknown plugin $plugin");
    }
}

function unseed_import(): void
{
    foreach (['wp_mail_smtp', 'wp_mail_smtp_mail_key', 'postman_options', 'fluentmail-settings'] as $o) delete_option($o);
}
