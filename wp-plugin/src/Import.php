<?php
/*
 * Import: reads the settings WP Mail SMTP, Post SMTP and FluentSMTP keep in
 * the database (options wp_mail_smtp, postman_options, fluentmail-settings;
 * their passwords decrypted the way each plugin does), shows what would be
 * imported, and imports SMTP host, port, security, user, password, From and
 * the Gmail / Microsoft OAuth client. An OAuth grant cannot be carried over:
 * the administrator grants permission again.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Import
{
    public const SOURCES = ['wpmailsmtp' => 'WP Mail SMTP', 'postsmtp' => 'Post SMTP', 'fluentsmtp' => 'FluentSMTP'];
    private const FIELDS = ['host', 'port', 'security', 'auth', 'username', 'password', 'from', 'from_name', 'force_from', 'oauth_provider', 'oauth_client_id',
                            'oauth_client_secret', 'oauth_account', 'fallback_host', 'fallback_port', 'fallback_security', 'fallback_username', 'fallback_password'];

    public static function hooks(): void
    {
        Guard::action('import', [self::class, 'import'], true);
    }

    /* source => ['fields' => [our field => value], 'notes' => [sentence…]] for each plugin whose settings are in the database. */
    public static function sources(): array
    {
        $out = [];
        foreach (array_keys(self::SOURCES) as $key) {
            $found = self::$key();
            if ($found && array_filter($found['fields'], fn($v) => $v !== '' && $v !== null)) $out[$key] = $found;
        }
        return $out;
    }

    /* "ssl" is TLS from the first byte (465), "tls" is STARTTLS, in all three plugins. */
    private static function security(string $enc, bool $autotls = false): string
    {
        return ['ssl' => 'tls', 'tls' => 'starttls'][strtolower($enc)] ?? ($autotls ? 'starttls' : 'none');
    }

    /* WP Mail SMTP: option wp_mail_smtp, smtp.pass sealed with sodium's secretbox under the key in wp_mail_smtp_mail_key. */
    private static function wpmailsmtp(): ?array
    {
        $o = get_option('wp_mail_smtp');
        if (!is_array($o)) return null;
        $mail = (array)($o['mail'] ?? []);
        $smtp = (array)($o['smtp'] ?? []);
        $mailer = (string)($mail['mailer'] ?? 'mail');
        $f = ['from' => (string)($mail['from_email'] ?? ''), 'from_name' => (string)($mail['from_name'] ?? ''), 'force_from' => empty($mail['from_email_force']) ? 0 : 1];
        $notes = [];
        if (in_array($mailer, ['gmail', 'outlook'], true)) {
            $client = (array)($o[$mailer] ?? []);
            $f += self::oauth($mailer === 'gmail' ? 'google' : 'microsoft', (string)($client['client_id'] ?? ''), (string)($client['client_secret'] ?? ''), $f['from']);
        } else {
            $f += ['host' => (string)($smtp['host'] ?? ''), 'port' => (int)($smtp['port'] ?? 0),
                   'security' => self::security((string)($smtp['encryption'] ?? 'none'), !empty($smtp['autotls'])), 'auth' => !empty($smtp['auth']) ? 'auto' : 'none'];
            if (!empty($smtp['auth'])) {
                $f['username'] = (string)($smtp['user'] ?? '');
                $pass = self::wpmailsmtp_decrypt((string)($smtp['pass'] ?? ''));
                $pass === null ? $notes[] = self::unreadable() : $f['password'] = $pass;
            }
            if ($mailer !== 'smtp') $notes[] = sprintf(/* translators: %s: a mailer's name in the other plugin */ __('It sends with "%s", not SMTP: only the SMTP fields it still holds are shown.', 'php-smtp'), $mailer);
        }
        return ['fields' => $f, 'notes' => $notes];
    }

    /* WP Mail SMTP's Crypto::decrypt(): base64(nonce . secretbox); a value that does not open is a password stored before encryption. */
    private static function wpmailsmtp_decrypt(string $stored): ?string
    {
        if ($stored === '') return '';
        $raw = base64_decode($stored, true);
        $key = base64_decode((string)get_option('wp_mail_smtp_mail_key'), true);
        if ($raw === false || !$key || strlen($key) !== SODIUM_CRYPTO_SECRETBOX_KEYBYTES
            || strlen($raw) < SODIUM_CRYPTO_SECRETBOX_NONCEBYTES + SODIUM_CRYPTO_SECRETBOX_MACBYTES) {
            return $stored;
        }
        $plain = sodium_crypto_secretbox_open(substr($raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES), substr($raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES), $key);
        return $plain === false ? $stored : $plain;
    }

    /* Post SMTP: option postman_options; passwords base64-encoded; a fallback SMTP server of its own. */
    private static function postsmtp(): ?array
    {
        $o = get_option('postman_options');
        if (!is_array($o)) return null;
        $f = ['from' => (string)($o['sender_email'] ?? ''), 'from_name' => (string)($o['sender_name'] ?? ''),
              'force_from' => empty($o['prevent_sender_email_override']) ? 0 : 1];
        $notes = [];
        $transport = (string)($o['transport_type'] ?? 'smtp');
        $auth = (string)($o['auth_type'] ?? 'none');
        if ($transport === 'gmail_api' || $auth === 'oauth2') {
            $f += self::oauth('google', (string)($o['oauth_client_id'] ?? ''), (string)($o['oauth_client_secret'] ?? ''), $f['from']);
        } else {
            $f += ['host' => (string)($o['hostname'] ?? ''), 'port' => (int)($o['port'] ?? 0), 'security' => self::security((string)($o['enc_type'] ?? 'none')),
                   'auth' => ['plain' => 'plain', 'login' => 'login', 'none' => 'none'][$auth] ?? 'auto'];
            if ($auth !== 'none') {
                $f['username'] = (string)($o['basic_auth_username'] ?? '');
                $f['password'] = (string)base64_decode((string)($o['basic_auth_password'] ?? ''));
            }
            if ($transport !== 'smtp') $notes[] = sprintf(/* translators: %s: a mailer's name in the other plugin */ __('It sends with "%s", not SMTP: only the SMTP fields it still holds are shown.', 'php-smtp'), $transport);
        }
        if (($o['fallback_smtp_enabled'] ?? '') === 'yes' && (string)($o['fallback_smtp_hostname'] ?? '') !== '') {
            $f += ['fallback_host' => (string)$o['fallback_smtp_hostname'], 'fallback_port' => (int)($o['fallback_smtp_port'] ?? 587),
                   'fallback_security' => self::security((string)($o['fallback_smtp_security'] ?? 'none'))];
            if (($o['fallback_smtp_use_auth'] ?? '') === 'yes') {
                $f['fallback_username'] = (string)($o['fallback_smtp_username'] ?? '');
                $f['fallback_password'] = (string)base64_decode((string)($o['fallback_smtp_password'] ?? ''));
            }
        }
        return ['fields' => $f, 'notes' => $notes];
    }

    /* FluentSMTP: option fluentmail-settings, the default connection's provider_settings; secrets AES-256-CTR under LOGGED_IN_KEY / LOGGED_IN_SALT. */
    private static function fluentsmtp(): ?array
    {
        $o = get_option('fluentmail-settings');
        if (!is_array($o) || empty($o['connections']) || !is_array($o['connections'])) return null;
        $key = (string)($o['misc']['default_connection'] ?? '');
        $c = $o['connections'][$key]['provider_settings'] ?? reset($o['connections'])['provider_settings'] ?? null;
        if (!is_array($c)) return null;
        $encrypted = !empty($o['use_encrypt']) && ($c['disable_encryption'] ?? '') !== 'yes';
        $secret = function (string $v) use ($encrypted): ?string {
            return $encrypted && $v !== '' ? self::fluentsmtp_decrypt($v) : $v;
        };
        $f = ['from' => (string)($c['sender_email'] ?? ''), 'from_name' => wp_specialchars_decode((string)($c['sender_name'] ?? ''), ENT_QUOTES),
              'force_from' => ($c['force_from_email'] ?? 'yes') === 'yes' ? 1 : 0];
        $notes = [];
        $provider = (string)($c['provider'] ?? '');
        if (in_array($provider, ['gmail', 'outlook'], true)) {
            $cs = $secret((string)($c['client_secret'] ?? ''));
            if ($cs === null) { $notes[] = self::unreadable(); $cs = ''; }
            $f += self::oauth($provider === 'gmail' ? 'google' : 'microsoft', (string)($c['client_id'] ?? ''), $cs, $f['from']);
        } elseif ($provider === 'smtp') {
            $f += ['host' => (string)($c['host'] ?? ''), 'port' => (int)($c['port'] ?? 0),
                   'security' => self::security((string)($c['encryption'] ?? 'none'), ($c['auto_tls'] ?? 'no') === 'yes'), 'auth' => ($c['auth'] ?? 'no') === 'yes' ? 'auto' : 'none'];
            if ($f['auth'] === 'auto') {
                $f['username'] = (string)($c['username'] ?? '');
                $pass = ($c['key_store'] ?? 'db') === 'wp_config' ? (defined('FLUENTMAIL_SMTP_PASSWORD') ? (string)constant('FLUENTMAIL_SMTP_PASSWORD') : '') : $secret((string)($c['password'] ?? ''));
                $pass === null ? $notes[] = self::unreadable() : $f['password'] = $pass;
            }
        } else {
            $notes[] = sprintf(/* translators: %s: a mailer's name in the other plugin */ __('It sends with "%s", not SMTP: only the From address can be imported.', 'php-smtp'), $provider);
        }
        return ['fields' => $f, 'notes' => $notes];
    }

    /* fluentMailEncryptDecrypt($v, 'd'): base64(iv . base64(aes-256-ctr(value . salt))); null when it does not open. */
    private static function fluentsmtp_decrypt(string $stored): ?string
    {
        $salt = defined('FLUENTMAIL_ENCRYPT_SALT') ? (string)constant('FLUENTMAIL_ENCRYPT_SALT') : (defined('LOGGED_IN_SALT') && LOGGED_IN_SALT !== '' ? LOGGED_IN_SALT : 'this-is-a-fallback-salt-but-not-secure');
        $key = defined('FLUENTMAIL_ENCRYPT_KEY') ? (string)constant('FLUENTMAIL_ENCRYPT_KEY') : (defined('LOGGED_IN_KEY') && LOGGED_IN_KEY !== '' ? LOGGED_IN_KEY : 'this-is-a-fallback-key-but-not-secure');
        $raw = base64_decode($stored, true);
        if ($raw === false || strlen($raw) <= 16) return null;
        $plain = openssl_decrypt(substr($raw, 16), 'aes-256-ctr', $key, 0, substr($raw, 0, 16));
        if ($plain === false || $salt === '' || !str_ends_with($plain, $salt)) return null;
        return substr($plain, 0, -strlen($salt));
    }

    private static function oauth(string $provider, string $id, string $secret, string $mailbox): array
    {
        $host = $provider === 'google' ? 'smtp.gmail.com' : 'smtp.office365.com';
        return ['host' => $host, 'port' => 587, 'security' => 'starttls', 'auth' => 'xoauth2', 'oauth_provider' => $provider,
                'oauth_client_id' => $id, 'oauth_client_secret' => $secret, 'oauth_account' => $mailbox];
    }

    private static function unreadable(): string
    {
        return __('Its password could not be read (it was encrypted with keys this site no longer has): enter it on the Connection tab after importing.', 'php-smtp');
    }

    /* The values, typed and checked as the settings form would. */
    private static function clean(array $f): array
    {
        $out = [];
        foreach (array_intersect_key($f, array_flip(self::FIELDS)) as $k => $v) {
            if (in_array($k, ['port', 'fallback_port'], true)) $v = max(1, min(65535, (int)$v ?: 587));
            elseif (in_array($k, ['security', 'fallback_security'], true)) $v = in_array($v, ['starttls', 'tls', 'none'], true) ? $v : 'starttls';
            elseif ($k === 'force_from') $v = $v ? 1 : 0;
            elseif (in_array($k, ['from', 'oauth_account'], true)) $v = (string)sanitize_email((string)$v);
            elseif (!in_array($k, Settings::SECRETS, true)) $v = sanitize_text_field((string)$v);
            $out[$k] = $v;
        }
        return $out;
    }

    /* Which preset a host belongs to (for the Connection tab's help line). */
    private static function preset_for(array $f): string
    {
        if (($f['auth'] ?? '') === 'xoauth2') return ($f['oauth_provider'] ?? '') === 'microsoft' ? 'microsoft' : 'gmail_oauth';
        foreach (Presets::all() as $key => $p) {
            if ($p['host'] !== '' && strcasecmp($p['host'], (string)($f['host'] ?? '')) === 0 && $p['auth'] !== 'xoauth2') return $key;
        }
        return 'other';
    }

    public static function import(): void
    {
        $source = sanitize_key((string)($_POST['source'] ?? ''));
        $found = self::sources()[$source] ?? null;
        if (!$found) {
            set_transient('php_smtp_flash_' . get_current_user_id(), ['error', __('Nothing to import from that plugin.', 'php-smtp')], 60);
            Guard::redirect('import');
        }
        $f = self::clean($found['fields']);
        $f['provider'] = self::preset_for($f);
        Settings::merge($f);
        $text = sprintf(/* translators: %s: the other plugin's name */ __('Imported the settings of %s. Send a test email to check them.', 'php-smtp'), self::SOURCES[$source]);
        if (($f['auth'] ?? '') === 'xoauth2') {
            $text .= ' ' . __('The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.', 'php-smtp');
        }
        set_transient('php_smtp_flash_' . get_current_user_id(), ['success', $text], 60);
        Guard::redirect(($f['auth'] ?? '') === 'xoauth2' ? 'settings' : 'test');
    }

    public static function render(): void
    {
        $sources = self::sources();
        echo '<p>' . esc_html__('php-smtp can take over the settings of WP Mail SMTP, Post SMTP and FluentSMTP: SMTP host, port, security, user name, password, From, and the Gmail or Microsoft OAuth client. The other plugin is left as it is; deactivate it once mail works.', 'php-smtp') . '</p>';
        if (!$sources) {
            echo '<p id="php-smtp-import-none"><em>' . esc_html__('None of these plugins\' settings are in this site\'s database.', 'php-smtp') . '</em></p>';
            return;
        }
        $labels = ['host' => __('SMTP host', 'php-smtp'), 'port' => __('Port', 'php-smtp'), 'security' => __('Security', 'php-smtp'), 'auth' => __('Authentication', 'php-smtp'),
                   'username' => __('Username', 'php-smtp'), 'password' => __('Password', 'php-smtp'), 'from' => __('From address', 'php-smtp'), 'from_name' => __('From name', 'php-smtp'),
                   'force_from' => __('Force this From address', 'php-smtp'), 'oauth_provider' => __('OAuth provider', 'php-smtp'), 'oauth_client_id' => __('Client ID', 'php-smtp'),
                   'oauth_client_secret' => __('Client secret', 'php-smtp'), 'oauth_account' => __('Sending mailbox', 'php-smtp'), 'fallback_host' => __('Fallback host', 'php-smtp'),
                   'fallback_port' => __('Fallback port', 'php-smtp'), 'fallback_security' => __('Fallback security', 'php-smtp'), 'fallback_username' => __('Fallback username', 'php-smtp'),
                   'fallback_password' => __('Fallback password', 'php-smtp')];
        $current = Settings::all();
        foreach ($sources as $key => $found) {
            $f = self::clean($found['fields']);
            printf('<h2 id="php-smtp-import-%s">%s</h2>', esc_attr($key), esc_html(self::SOURCES[$key]));
            echo '<table class="widefat striped php-smtp-import-table"><thead><tr><th>' . esc_html__('Setting', 'php-smtp') . '</th><th>' . esc_html__('Will be imported', 'php-smtp') .
                 '</th><th>' . esc_html__('Now', 'php-smtp') . '</th></tr></thead><tbody>';
            foreach ($f as $field => $value) {
                $secret = in_array($field, Settings::SECRETS, true);
                $show = fn($v) => $secret ? ((string)$v === '' ? '—' : sprintf(/* translators: %d: how many characters */ _n('a secret of %d character', 'a secret of %d characters', strlen((string)$v), 'php-smtp'), strlen((string)$v)))
                                          : ($field === 'force_from' ? ($v ? __('yes', 'php-smtp') : __('no', 'php-smtp')) : (string)$v);
                printf('<tr data-field="%s"><th>%s</th><td>%s</td><td>%s</td></tr>', esc_attr($field), esc_html($labels[$field] ?? $field), esc_html($show($value)), esc_html($show($current[$field] ?? '')));
            }
            echo '</tbody></table>';
            foreach ($found['notes'] as $n) echo '<p class="description">' . esc_html($n) . '</p>';
            if (($f['auth'] ?? '') === 'xoauth2') {
                echo '<p class="php-smtp-import-grant"><strong>' . esc_html__('The OAuth grant itself is not imported: after importing, click "Grant permission" on the Connection tab.', 'php-smtp') . '</strong></p>';
            }
            Guard::form_open('import');
            printf('<input type="hidden" name="source" value="%s">', esc_attr($key));
            submit_button(sprintf(/* translators: %s: the other plugin's name */ __('Import from %s', 'php-smtp'), self::SOURCES[$key]), 'primary', 'submit', true, ['id' => "php-smtp-import-$key-submit"]);
            echo '</form>';
        }
    }
}
