<?php
/*
 * Import: reads the settings WP Mail SMTP, Post SMTP and FluentSMTP keep in
 * the database (options wp_mail_smtp, postman_options, fluentmail-settings;
 * their secrets decoded or decrypted the way each plugin does), shows what
 * would be imported, and imports the connection: SMTP (host, port, security,
 * user, password), the Gmail API or Microsoft Graph (the OAuth client), or
 * the Mailgun, Amazon SES, SendGrid, Postmark or Mandrill API (its keys),
 * and From, and a fallback connection (Post SMTP's, FluentSMTP's). An OAuth
 * grant cannot be carried over: the administrator grants permission again.
 * A mailer php-smtp does not speak is named, with why.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Import
{
    public const SOURCES = ['wpmailsmtp' => 'WP Mail SMTP', 'postsmtp' => 'Post SMTP', 'fluentsmtp' => 'FluentSMTP'];
    private const FIELDS = ['transport', 'host', 'port', 'security', 'auth', 'username', 'password', 'from', 'from_name', 'force_from', 'oauth_provider', 'oauth_client_id',
                            'oauth_client_secret', 'oauth_account', 'mailgun_api_key', 'mailgun_domain', 'mailgun_region', 'ses_region', 'ses_access_key_id',
                            'ses_secret_access_key', 'sendgrid_api_key', 'postmark_api_key', 'mandrill_api_key',
                            'fallback_transport', 'fallback_host', 'fallback_port', 'fallback_security', 'fallback_username', 'fallback_password'];

    /* The other plugins' API mailers php-smtp has no transport for (their slugs, Post SMTP's without "_api"), by name. */
    private const UNSPOKEN = ['sendinblue' => 'Brevo (Sendinblue)', 'sparkpost' => 'SparkPost', 'smtpcom' => 'SMTP.com', 'sendlayer' => 'SendLayer',
                              'mailjet' => 'Mailjet', 'mailersend' => 'MailerSend', 'resend' => 'Resend', 'zoho' => 'Zoho Mail', 'zohomail' => 'Zoho Mail',
                              'elasticemail' => 'Elastic Email', 'elasticmail' => 'Elastic Email', 'smtp2go' => 'SMTP2GO', 'pepipostapi' => 'Pepipost',
                              'pepipost' => 'Pepipost', 'sendpulse' => 'SendPulse', 'cloudflare' => 'Cloudflare Email', 'tosend' => 'ToSend'];

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
            if ($found && ($found['notes'] || array_filter($found['fields'], fn($v) => $v !== '' && $v !== null))) $out[$key] = $found;
        }
        return $out;
    }

    /* "ssl" is TLS from the first byte (465), "tls" is STARTTLS, in all three plugins. */
    private static function security(string $enc, bool $autotls = false): string
    {
        return ['ssl' => 'tls', 'tls' => 'starttls'][strtolower($enc)] ?? ($autotls ? 'starttls' : 'none');
    }

    /*
     * WP Mail SMTP: option wp_mail_smtp, mail.mailer and a sub-array per mailer
     * (src/Options.php); only smtp.pass is encrypted (Helpers/Crypto.php), API
     * keys are stored as typed. With WPMS_ON its WPMS_GROUP_KEY constants win.
     */
    private static function wpmailsmtp(): ?array
    {
        $o = get_option('wp_mail_smtp');
        if (!is_array($o)) return null;
        $get = function (string $group, string $key) use ($o): string {
            $c = $group === 'mail' ? 'WPMS_MAILER' : 'WPMS_' . strtoupper("{$group}_{$key}");
            if (defined('WPMS_ON') && constant('WPMS_ON') === true && defined($c)) return trim((string)constant($c));
            return trim((string)($o[$group][$key] ?? ''));
        };
        $mail = (array)($o['mail'] ?? []);
        $mailer = $get('mail', 'mailer') ?: 'mail';
        $f = ['from' => (string)($mail['from_email'] ?? ''), 'from_name' => (string)($mail['from_name'] ?? ''), 'force_from' => empty($mail['from_email_force']) ? 0 : 1];
        $notes = [];
        switch ($mailer) {
        case 'gmail': case 'outlook':
            $f += self::oauth_api($mailer === 'gmail' ? 'gmail' : 'graph', $get($mailer, 'client_id'), $get($mailer, 'client_secret'), $f['from'], $notes);
            break;
        case 'mailgun':
            $f += self::mailgun($get('mailgun', 'api_key'), $get('mailgun', 'domain'), $get('mailgun', 'region'));
            break;
        case 'amazonses':   /* client_id / client_secret are the IAM access key ID and secret */
            $f += self::ses($get('amazonses', 'client_id'), $get('amazonses', 'client_secret'), $get('amazonses', 'region'), $notes);
            break;
        case 'sendgrid': case 'mandrill':
            $f += self::key($mailer, $get($mailer, 'api_key'));
            break;
        case 'postmark':
            $f += self::key('postmark', $get('postmark', 'server_api_token'));
            self::postmark_stream($get('postmark', 'message_stream'), $notes);
            break;
        case 'smtp': case 'pepipost':   /* Pepipost's SMTP mailer keeps its own host and a password it does not encrypt */
            $f += self::wpmailsmtp_smtp((array)($o[$mailer] ?? []), $mailer === 'smtp', $notes);
            break;
        default:
            $smtp = (array)($o['smtp'] ?? []);
            $left = (string)($smtp['host'] ?? '') !== '';   /* an SMTP server set up before */
            if ($left) $f += self::wpmailsmtp_smtp($smtp, true, $notes);
            array_unshift($notes, self::unspoken($mailer, $left));
        }
        return ['fields' => $f, 'notes' => $notes];
    }

    private static function wpmailsmtp_smtp(array $smtp, bool $encrypted, array &$notes): array
    {
        $f = ['transport' => 'smtp', 'host' => (string)($smtp['host'] ?? ''), 'port' => (int)($smtp['port'] ?? 0),
              'security' => self::security((string)($smtp['encryption'] ?? 'none'), !empty($smtp['autotls'])), 'auth' => !empty($smtp['auth']) ? 'auto' : 'none'];
        if (!empty($smtp['auth'])) {
            $f['username'] = (string)($smtp['user'] ?? '');
            $pass = $encrypted ? self::wpmailsmtp_decrypt((string)($smtp['pass'] ?? '')) : (string)($smtp['pass'] ?? '');
            $pass === null ? $notes[] = self::unreadable() : $f['password'] = $pass;
        }
        return $f;
    }

    /* WP Mail SMTP's Crypto::decrypt(): base64(nonce . secretbox) under WPMS_CRYPTO_KEY or the key in wp_mail_smtp_mail_key; a value that does not open is a password stored before encryption. */
    private static function wpmailsmtp_decrypt(string $stored): ?string
    {
        if ($stored === '') return '';
        $raw = base64_decode($stored, true);
        $key = defined('WPMS_CRYPTO_KEY') ? (string)constant('WPMS_CRYPTO_KEY') : base64_decode((string)get_option('wp_mail_smtp_mail_key'), true);
        if ($raw === false || !$key || strlen($key) !== SODIUM_CRYPTO_SECRETBOX_KEYBYTES
            || strlen($raw) < SODIUM_CRYPTO_SECRETBOX_NONCEBYTES + SODIUM_CRYPTO_SECRETBOX_MACBYTES) {
            return $stored;
        }
        $plain = sodium_crypto_secretbox_open(substr($raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES), substr($raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES), $key);
        return $plain === false ? $stored : $plain;
    }

    /*
     * Post SMTP: option postman_options, transport_type (Postman/Postman-Mail/*Transport.php
     * SLUG); every password and API key base64-encoded (PostmanInputSanitizer::sanitizePassword),
     * also the Pro extensions' SES and Office 365 keys (Wizard/NewWizard.php); POST_SMTP_API_KEY
     * overrides every API key; a fallback SMTP server of its own.
     */
    private static function postsmtp(): ?array
    {
        $o = get_option('postman_options');
        if (!is_array($o)) return null;
        $b64 = fn(string $k): string => trim((string)base64_decode((string)($o[$k] ?? '')));
        $api_key = fn(string $k): string => defined('POST_SMTP_API_KEY') ? trim((string)constant('POST_SMTP_API_KEY')) : $b64($k);
        $f = ['from' => (string)($o['sender_email'] ?? ''), 'from_name' => (string)($o['sender_name'] ?? ''),
              'force_from' => empty($o['prevent_sender_email_override']) ? 0 : 1];
        $notes = [];
        $transport = (string)($o['transport_type'] ?? 'smtp') ?: 'smtp';
        $auth = (string)($o['auth_type'] ?? 'none');
        switch ($transport) {
        case 'gmail_api':
            $f += self::oauth_api('gmail', trim((string)($o['oauth_client_id'] ?? '')), trim((string)($o['oauth_client_secret'] ?? '')), $f['from'], $notes);
            break;
        case 'office365_api':
            $f += self::oauth_api('graph', $b64('office365_app_id'), $b64('office365_app_password'), $f['from'], $notes);
            break;
        case 'mailgun_api':   /* mailgun_region is a checkbox: present means the EU */
            $f += self::mailgun($api_key('mailgun_api_key'), trim((string)($o['mailgun_domain_name'] ?? '')), empty($o['mailgun_region']) ? 'us' : 'eu');
            break;
        case 'aws_ses_api':
            $f += self::ses($b64('ses_access_key_id'), $b64('ses_secret_access_key'), (string)($o['ses_region'] ?? ''), $notes);
            break;
        case 'sendgrid_api': case 'postmark_api': case 'mandrill_api':
            $api = substr($transport, 0, -4);
            $f += self::key($api, $api_key("{$api}_api_key"));
            if ($api === 'sendgrid' && ($o['sendgrid_region'] ?? '') === 'EU') {
                $notes[] = __('It sends to SendGrid\'s EU region (api.eu.sendgrid.com); php-smtp sends to api.sendgrid.com, which refuses the key of an EU subuser: if sending fails, create a global key.', 'php-smtp');
            }
            break;
        case 'smtp':   /* OAuth 2.0 over SMTP: Google for a *gmail.com host, else Microsoft Live or Yahoo (PostmanAuthenticationManagerFactory) */
            $host = (string)($o['hostname'] ?? '');
            if ($auth === 'oauth2' && $host !== '' && !str_ends_with($host, 'gmail.com')) {
                $notes[] = sprintf(/* translators: %s: an SMTP host name */ __('It signs in to %s with an OAuth 2.0 grant from Microsoft Live or Yahoo, which php-smtp does not offer: only the From address and name are imported.', 'php-smtp'), $host);
                break;
            }
            if ($auth === 'oauth2') {
                $f += self::oauth('google', trim((string)($o['oauth_client_id'] ?? '')), trim((string)($o['oauth_client_secret'] ?? '')), $f['from']);
                break;
            }
            /* fall through: the SMTP fields */
        default:
            $left = (string)($o['hostname'] ?? '') !== '';
            if ($transport !== 'smtp') $notes[] = self::unspoken(preg_replace('/_api$/', '', $transport), $left);
            if ($transport !== 'smtp' && !$left) break;
            $f += ['transport' => 'smtp', 'host' => (string)($o['hostname'] ?? ''), 'port' => (int)($o['port'] ?? 0), 'security' => self::security((string)($o['enc_type'] ?? 'none')),
                   'auth' => ['plain' => 'plain', 'login' => 'login', 'none' => 'none'][$auth] ?? 'auto'];
            if ($auth !== 'none') {
                $f['username'] = (string)($o['basic_auth_username'] ?? '');
                $f['password'] = (string)base64_decode((string)($o['basic_auth_password'] ?? ''));
            }
        }
        if (($o['fallback_smtp_enabled'] ?? '') === 'yes' && (string)($o['fallback_smtp_hostname'] ?? '') !== '') {
            $f += ['fallback_transport' => 'smtp', 'fallback_host' => (string)$o['fallback_smtp_hostname'], 'fallback_port' => (int)($o['fallback_smtp_port'] ?? 587),
                   'fallback_security' => self::security((string)($o['fallback_smtp_security'] ?? 'none'))];
            if (($o['fallback_smtp_use_auth'] ?? '') === 'yes') {
                $f['fallback_username'] = (string)($o['fallback_smtp_username'] ?? '');
                $f['fallback_password'] = (string)base64_decode((string)($o['fallback_smtp_password'] ?? ''));
            }
        }
        return ['fields' => $f, 'notes' => $notes];
    }

    /*
     * FluentSMTP: option fluentmail-settings, the default connection's provider_settings
     * (app/Services/Mailer/Providers/config.php), and misc.fallback_connection, used when the
     * default one fails (SchedulerHandler), as php-smtp's fallback connection.
     */
    private static function fluentsmtp(): ?array
    {
        $o = get_option('fluentmail-settings');
        if (!is_array($o) || empty($o['connections']) || !is_array($o['connections'])) return null;
        $key = (string)($o['misc']['default_connection'] ?? '');
        $c = $o['connections'][$key]['provider_settings'] ?? reset($o['connections'])['provider_settings'] ?? null;
        if (!is_array($c)) return null;
        $notes = [];
        $f = ['from' => (string)($c['sender_email'] ?? ''), 'from_name' => wp_specialchars_decode((string)($c['sender_name'] ?? ''), ENT_QUOTES),
              'force_from' => ($c['force_from_email'] ?? 'yes') === 'yes' ? 1 : 0] + self::fluentsmtp_connection($o, $c, $notes);
        $fb = (string)($o['misc']['fallback_connection'] ?? '');
        $fc = $fb !== '' && $fb !== $key ? ($o['connections'][$fb]['provider_settings'] ?? null) : null;
        if (is_array($fc)) $f += self::fluentsmtp_fallback($f, self::fluentsmtp_connection($o, $fc, $notes, true), (string)($o['connections'][$fb]['title'] ?? $fb), $notes);
        return ['fields' => $f, 'notes' => $notes];
    }

    /*
     * One FluentSMTP connection's fields (without From): each provider's one secret AES-256-CTR
     * under LOGGED_IN_KEY / LOGGED_IN_SALT (fluentMailGetSettings' providerKeyMaps); with key_store
     * "wp_config" the keys are FLUENTMAIL_* constants (each provider's Handler).
     */
    private static function fluentsmtp_connection(array $o, array $c, array &$notes, bool $fallback = false): array
    {
        $provider = (string)($c['provider'] ?? '');
        $encrypted = !empty($o['use_encrypt']) && ($c['disable_encryption'] ?? '') !== 'yes';
        $in_config = ($c['key_store'] ?? 'db') === 'wp_config';
        $unreadable = false;
        /* a field: from wp-config.php when the connection says so, else the option (its secret decrypted) */
        $get = function (string $field, string $constant = '', bool $secret = false) use ($c, $encrypted, $in_config, &$unreadable): string {
            if ($in_config && $constant !== '') return defined($constant) ? trim((string)constant($constant)) : '';
            $v = (string)($c[$field] ?? '');
            if ($secret && $encrypted && $v !== '') {
                $v = self::fluentsmtp_decrypt($v);
                if ($v === null) { $unreadable = true; return ''; }
            }
            return trim($v);
        };
        $f = [];
        switch ($provider) {
        case 'gmail': case 'outlook':
            $p = strtoupper($provider);
            $f = self::oauth_api($provider === 'gmail' ? 'gmail' : 'graph', $get('client_id', "FLUENTMAIL_{$p}_CLIENT_ID"), $get('client_secret', "FLUENTMAIL_{$p}_CLIENT_SECRET", true),
                                 (string)($c['sender_email'] ?? ''), $notes);
            $tenant = strtolower(trim((string)($c['tenant_id'] ?? '')));
            if ($provider === 'outlook' && !in_array($tenant, ['', 'common', 'organizations', 'consumers'], true)) {
                $notes[] = sprintf(/* translators: %s: a Microsoft Entra tenant ID or domain */ __('Its app registration is for the tenant %s; php-smtp signs in through Microsoft\'s "common" endpoint, so the app must allow accounts in any organizational directory (or set PHP_SMTP_OAUTH_AUTH_ENDPOINT and PHP_SMTP_OAUTH_TOKEN_ENDPOINT to the tenant\'s in wp-config.php).', 'php-smtp'), $tenant);
            }
            break;
        case 'mailgun':
            $f = self::mailgun($get('api_key', 'FLUENTMAIL_MAILGUN_API_KEY', true), $get('domain_name', 'FLUENTMAIL_MAILGUN_DOMAIN'), (string)($c['region'] ?? 'us'));
            break;
        case 'ses':
            $f = self::ses($get('access_key', 'FLUENTMAIL_AWS_ACCESS_KEY_ID'), $get('secret_key', 'FLUENTMAIL_AWS_SECRET_ACCESS_KEY', true), (string)($c['region'] ?? ''), $notes);
            break;
        case 'sendgrid': case 'postmark':
            $f = self::key($provider, $get('api_key', 'FLUENTMAIL_' . strtoupper($provider) . '_API_KEY', true));
            if ($provider === 'postmark') self::postmark_stream((string)($c['message_stream'] ?? ''), $notes);
            break;
        case 'smtp':
            $f = ['transport' => 'smtp', 'host' => (string)($c['host'] ?? ''), 'port' => (int)($c['port'] ?? 0),
                  'security' => self::security((string)($c['encryption'] ?? 'none'), ($c['auto_tls'] ?? 'no') === 'yes'), 'auth' => ($c['auth'] ?? 'no') === 'yes' ? 'auto' : 'none'];
            if ($f['auth'] === 'auto') {
                $f['username'] = $in_config ? (defined('FLUENTMAIL_SMTP_USERNAME') ? (string)constant('FLUENTMAIL_SMTP_USERNAME') : '') : (string)($c['username'] ?? '');
                $pass = $get('password', 'FLUENTMAIL_SMTP_PASSWORD', true);
                if (!$unreadable) $f['password'] = $pass;
            }
            break;
        default:
            $notes[] = $fallback ? sprintf(/* translators: %s: a mail provider's name, e.g. SparkPost */ __('Its fallback connection sends with %s, which php-smtp does not speak: the fallback is not imported.', 'php-smtp'), self::UNSPOKEN[$provider] ?? $provider)
                                 : self::unspoken($provider);
        }
        if ($unreadable) {
            $notes[] = self::unreadable();
            $f = array_filter($f, fn($v, $k) => !in_array($k, Settings::SECRETS, true) || $v !== '', ARRAY_FILTER_USE_BOTH);
        }
        return $f;
    }

    /*
     * A fallback connection as php-smtp's: SMTP into the fallback_* fields; an API as the
     * fallback transport, its keys beside the primary's. php-smtp keeps one set of keys per
     * API and one OAuth client: a fallback that needs other values than the primary is said, not imported.
     */
    private static function fluentsmtp_fallback(array $primary, array $fb, string $title, array &$notes): array
    {
        if (!isset($fb['transport'])) return [];
        if ($fb['transport'] === 'smtp') {
            $out = ['fallback_transport' => 'smtp'];
            foreach (['host', 'port', 'security', 'username', 'password'] as $k) if (isset($fb[$k])) $out["fallback_$k"] = $fb[$k];
            return $out;
        }
        $shared = array_diff_key($fb, ['transport' => 1]);
        foreach ($shared as $k => $v) {
            if (isset($primary[$k]) && $primary[$k] !== $v) {
                $notes[] = sprintf(/* translators: %s: the name of a connection in the other plugin */ __('Its fallback connection "%s" needs other keys or another OAuth client than the default one for the same service; php-smtp keeps one of each: the fallback is not imported.', 'php-smtp'), $title);
                return [];
            }
        }
        return ['fallback_transport' => $fb['transport']] + $shared;
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

    /* Gmail or Microsoft over SMTP with XOAUTH2 (Post SMTP's SMTP mailer with OAuth 2.0). */
    private static function oauth(string $provider, string $id, string $secret, string $mailbox): array
    {
        $host = $provider === 'google' ? 'smtp.gmail.com' : 'smtp.office365.com';
        return ['transport' => 'smtp', 'host' => $host, 'port' => 587, 'security' => 'starttls', 'auth' => 'xoauth2', 'oauth_provider' => $provider,
                'oauth_client_id' => $id, 'oauth_client_secret' => $secret, 'oauth_account' => $mailbox];
    }

    /* The Gmail API or Microsoft Graph with the other plugin's OAuth client (none with WP Mail SMTP's one-click setup). */
    private static function oauth_api(string $api, string $id, string $secret, string $mailbox, array &$notes): array
    {
        if ($id === '') {
            $notes[] = __('It has no OAuth client of its own (a one-click setup through the other plugin\'s app): create one as the Connection tab explains, then grant permission.', 'php-smtp');
        }
        return ['transport' => $api, 'oauth_provider' => $api === 'gmail' ? 'google' : 'microsoft', 'oauth_client_id' => $id, 'oauth_client_secret' => $secret, 'oauth_account' => $mailbox];
    }

    private static function mailgun(string $key, string $domain, string $region): array
    {
        return ['transport' => 'mailgun', 'mailgun_api_key' => $key, 'mailgun_domain' => $domain, 'mailgun_region' => strtolower(trim($region)) === 'eu' ? 'eu' : 'us'];
    }

    /* An SES region php-smtp does not offer is left for the administrator to choose, and said. */
    private static function ses(string $id, string $secret, string $region, array &$notes): array
    {
        $f = ['transport' => 'ses', 'ses_access_key_id' => $id, 'ses_secret_access_key' => $secret];
        $region = strtolower(trim($region));
        if (in_array($region, Presets::SES_REGIONS, true)) {
            $f['ses_region'] = $region;
        } else {
            $notes[] = sprintf(/* translators: %s: an AWS region as the other plugin stores it */ __('Its SES region "%s" is not one php-smtp offers: choose the region on the Connection tab after importing.', 'php-smtp'), $region);
        }
        return $f;
    }

    /* SendGrid, Postmark, Mandrill: one key. */
    private static function key(string $api, string $key): array
    {
        return ['transport' => $api, "{$api}_api_key" => $key];
    }

    /* php-smtp sends through Postmark's default transactional stream. */
    private static function postmark_stream(string $stream, array &$notes): void
    {
        if ($stream !== '' && $stream !== 'outbound') {
            $notes[] = sprintf(/* translators: %s: a Postmark message stream ID */ __('It sends through the Postmark message stream "%s"; php-smtp sends through the default transactional stream "outbound".', 'php-smtp'), $stream);
        }
    }

    /*
     * Why a mailer is not imported: PHP's mail(), or an API php-smtp has no transport
     * for; $left: the SMTP fields it still holds from before are shown instead.
     */
    private static function unspoken(string $mailer, bool $left = false): string
    {
        $mail = in_array($mailer, ['mail', 'default', ''], true);
        if ($left) {
            return $mail ? __('It sends with PHP\'s mail() function, not SMTP: only the SMTP fields it still holds from before are shown; check them before importing.', 'php-smtp')
                         : sprintf(/* translators: %s: a mail provider's name, e.g. SparkPost */ __('It sends with the %s API, which php-smtp does not speak: that mailer and its key cannot be imported; only the SMTP fields it still holds from before are shown; check them before importing.', 'php-smtp'), self::UNSPOKEN[$mailer] ?? $mailer);
        }
        if ($mail) return __('It sends with PHP\'s mail() function: there is no connection to import, only the From address and name.', 'php-smtp');
        return sprintf(/* translators: %s: a mail provider's name, e.g. SparkPost */ __('It sends with the %s API, which php-smtp does not speak: that mailer and its key cannot be imported, only the From address and name. Set up the provider\'s SMTP relay or another connection on the Connection tab.', 'php-smtp'),
                       self::UNSPOKEN[$mailer] ?? $mailer);
    }

    private static function unreadable(): string
    {
        return __('Its password or key could not be read (it was encrypted with keys this site no longer has): enter it on the Connection tab after importing.', 'php-smtp');
    }

    /* The values, typed and checked as the settings form would. */
    private static function clean(array $f): array
    {
        $out = [];
        foreach (array_intersect_key(array_flip(self::FIELDS), $f) as $k => $_) {   /* in FIELDS' order: what it sends with first */
            $v = $f[$k];
            if (in_array($k, ['port', 'fallback_port'], true)) $v = max(1, min(65535, (int)$v ?: 587));
            elseif (in_array($k, ['security', 'fallback_security'], true)) $v = in_array($v, ['starttls', 'tls', 'none'], true) ? $v : 'starttls';
            elseif ($k === 'transport' || $k === 'fallback_transport') $v = in_array($v, array_merge(['smtp'], Transports::APIS), true) ? $v : 'smtp';
            elseif ($k === 'mailgun_region') $v = $v === 'eu' ? 'eu' : 'us';
            elseif ($k === 'force_from') $v = $v ? 1 : 0;
            elseif (in_array($k, ['from', 'oauth_account'], true)) $v = (string)sanitize_email((string)$v);
            elseif (!in_array($k, Settings::SECRETS, true)) $v = sanitize_text_field((string)$v);
            $out[$k] = $v;
        }
        return $out;
    }

    /* Which preset the import belongs to (for the Connection tab's help line). */
    private static function preset_for(array $f): string
    {
        $transport = $f['transport'] ?? 'smtp';
        if ($transport !== 'smtp') {
            foreach (Presets::apis() as $key => $p) if ($p['transport'] === $transport) return $key;
        }
        if (($f['auth'] ?? '') === 'xoauth2') return ($f['oauth_provider'] ?? '') === 'microsoft' ? 'microsoft' : 'gmail_oauth';
        foreach (Presets::all() as $key => $p) {
            if ($p['host'] !== '' && strcasecmp($p['host'], (string)($f['host'] ?? '')) === 0 && $p['auth'] !== 'xoauth2') return $key;
        }
        return 'other';
    }

    /* True when the imported connection sends with an OAuth grant (which is never imported). */
    private static function needs_grant(array $f): bool
    {
        $transport = $f['transport'] ?? 'smtp';
        return (bool)array_intersect([$transport, $f['fallback_transport'] ?? ''], ['gmail', 'graph']) || ($transport === 'smtp' && ($f['auth'] ?? '') === 'xoauth2');
    }

    public static function import(): void
    {
        $source = sanitize_key((string)($_POST['source'] ?? ''));
        $found = self::sources()[$source] ?? null;
        $f = $found ? self::clean($found['fields']) : [];
        if (!array_filter($f, fn($v) => $v !== '' && $v !== null)) {
            set_transient('php_smtp_flash_' . get_current_user_id(), ['error', __('Nothing to import from that plugin.', 'php-smtp')], 60);
            Guard::redirect('import');
        }
        if (isset($f['transport'])) $f['provider'] = self::preset_for($f);
        Settings::merge($f);
        $text = sprintf(/* translators: %s: the other plugin's name */ __('Imported the settings of %s. Send a test email to check them.', 'php-smtp'), self::SOURCES[$source]);
        if (self::needs_grant($f)) {
            $text .= ' ' . __('The OAuth grant itself cannot be imported: open the Connection tab and click "Grant permission" to give it again.', 'php-smtp');
        }
        set_transient('php_smtp_flash_' . get_current_user_id(), ['success', $text], 60);
        Guard::redirect(self::needs_grant($f) ? 'settings' : 'test');
    }

    private static function labels(): array
    {
        return ['transport' => __('Sends with', 'php-smtp'), 'host' => __('SMTP host', 'php-smtp'), 'port' => __('Port', 'php-smtp'), 'security' => __('Security', 'php-smtp'),
                'auth' => __('Authentication', 'php-smtp'), 'username' => __('Username', 'php-smtp'), 'password' => __('Password', 'php-smtp'), 'from' => __('From address', 'php-smtp'),
                'from_name' => __('From name', 'php-smtp'), 'force_from' => __('Force this From address', 'php-smtp'), 'oauth_provider' => __('OAuth provider', 'php-smtp'),
                'oauth_client_id' => __('Client ID', 'php-smtp'), 'oauth_client_secret' => __('Client secret', 'php-smtp'), 'oauth_account' => __('Sending mailbox', 'php-smtp'),
                'mailgun_api_key' => __('Mailgun API key', 'php-smtp'), 'mailgun_domain' => __('Mailgun domain', 'php-smtp'), 'mailgun_region' => __('Mailgun region', 'php-smtp'),
                'ses_region' => __('SES region', 'php-smtp'), 'ses_access_key_id' => __('AWS access key ID', 'php-smtp'), 'ses_secret_access_key' => __('AWS secret access key', 'php-smtp'),
                'sendgrid_api_key' => __('SendGrid API key', 'php-smtp'), 'postmark_api_key' => __('Postmark server token', 'php-smtp'), 'mandrill_api_key' => __('Mandrill API key', 'php-smtp'),
                'fallback_transport' => __('Fallback sends with', 'php-smtp'), 'fallback_host' => __('Fallback host', 'php-smtp'), 'fallback_port' => __('Fallback port', 'php-smtp'),
                'fallback_security' => __('Fallback security', 'php-smtp'), 'fallback_username' => __('Fallback username', 'php-smtp'), 'fallback_password' => __('Fallback password', 'php-smtp')];
    }

    /* A value as the preview shows it: a secret by its length only. */
    private static function shown(string $field, $v): string
    {
        if (in_array($field, Settings::SECRETS, true)) {
            return (string)$v === '' ? '—' : sprintf(/* translators: %d: how many characters */ _n('a secret of %d character', 'a secret of %d characters', strlen((string)$v), 'php-smtp'), strlen((string)$v));
        }
        if ($field === 'force_from') return $v ? __('yes', 'php-smtp') : __('no', 'php-smtp');
        if ($field === 'transport' || $field === 'fallback_transport') return Transports::labels()[$v] ?? (string)$v;
        return (string)$v;
    }

    public static function render(): void
    {
        $sources = self::sources();
        echo '<p>' . esc_html__('php-smtp can take over the settings of WP Mail SMTP, Post SMTP and FluentSMTP: the SMTP server and login, the Gmail API or Microsoft 365 (Graph) OAuth client, the Mailgun, Amazon SES, SendGrid, Postmark or Mandrill API keys, and From. The other plugin is left as it is; deactivate it once mail works.', 'php-smtp') . '</p>';
        if (!$sources) {
            echo '<p id="php-smtp-import-none"><em>' . esc_html__('None of these plugins\' settings are in this site\'s database.', 'php-smtp') . '</em></p>';
            return;
        }
        $labels = self::labels();
        $current = Settings::all();
        foreach ($sources as $key => $found) {
            $f = self::clean($found['fields']);
            printf('<h2 id="php-smtp-import-%s">%s</h2>', esc_attr($key), esc_html(self::SOURCES[$key]));
            echo '<table class="widefat striped php-smtp-import-table"><thead><tr><th>' . esc_html__('Setting', 'php-smtp') . '</th><th>' . esc_html__('Will be imported', 'php-smtp') .
                 '</th><th>' . esc_html__('Now', 'php-smtp') . '</th></tr></thead><tbody>';
            foreach ($f as $field => $value) {
                printf('<tr data-field="%s"><th>%s</th><td>%s</td><td>%s</td></tr>', esc_attr($field), esc_html($labels[$field] ?? $field),
                       esc_html(self::shown($field, $value)), esc_html(self::shown($field, $current[$field] ?? '')));
            }
            echo '</tbody></table>';
            foreach ($found['notes'] as $n) echo '<p class="description php-smtp-import-note">' . esc_html($n) . '</p>';
            if (self::needs_grant($f)) {
                echo '<p class="php-smtp-import-grant"><strong>' . esc_html__('The OAuth grant itself is not imported: after importing, click "Grant permission" on the Connection tab.', 'php-smtp') . '</strong></p>';
            }
            if (!array_filter($f, fn($v) => $v !== '' && $v !== null)) continue;
            Guard::form_open('import');
            printf('<input type="hidden" name="source" value="%s">', esc_attr($key));
            submit_button(sprintf(/* translators: %s: the other plugin's name */ __('Import from %s', 'php-smtp'), self::SOURCES[$key]), 'primary', 'submit', true, ['id' => "php-smtp-import-$key-submit"]);
            echo '</form>';
        }
    }
}
