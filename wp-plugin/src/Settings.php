<?php
/*
 * Settings: one option array, overridden field by field by wp-config.php
 * constants (which then lock the field). Secrets are write-only: never sent
 * back to the browser; an empty secret field keeps the stored value.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Settings
{
    public const OPTION = 'php_smtp_settings';

    /* field => wp-config constant */
    public const CONSTANTS = [
        'host' => 'PHP_SMTP_HOST', 'port' => 'PHP_SMTP_PORT', 'security' => 'PHP_SMTP_SECURITY',
        'auth' => 'PHP_SMTP_AUTH', 'username' => 'PHP_SMTP_USERNAME', 'password' => 'PHP_SMTP_PASSWORD',
        'from' => 'PHP_SMTP_FROM', 'from_name' => 'PHP_SMTP_FROM_NAME', 'cafile' => 'PHP_SMTP_CAFILE',
        'oauth_provider' => 'PHP_SMTP_OAUTH_PROVIDER', 'oauth_client_id' => 'PHP_SMTP_OAUTH_CLIENT_ID',
        'oauth_client_secret' => 'PHP_SMTP_OAUTH_CLIENT_SECRET', 'token_store' => 'PHP_SMTP_TOKEN_STORE',
        'oauth_auth_endpoint' => 'PHP_SMTP_OAUTH_AUTH_ENDPOINT', 'oauth_token_endpoint' => 'PHP_SMTP_OAUTH_TOKEN_ENDPOINT',
        'oauth_revoke_endpoint' => 'PHP_SMTP_OAUTH_REVOKE_ENDPOINT', 'oauth_ca_file' => 'PHP_SMTP_OAUTH_CA_FILE',
        /* the HTTPS API transports (Transports) */
        'transport' => 'PHP_SMTP_TRANSPORT', 'fallback_transport' => 'PHP_SMTP_FALLBACK_TRANSPORT',
        'mailgun_api_key' => 'PHP_SMTP_MAILGUN_API_KEY', 'mailgun_domain' => 'PHP_SMTP_MAILGUN_DOMAIN', 'mailgun_region' => 'PHP_SMTP_MAILGUN_REGION',
        'ses_region' => 'PHP_SMTP_SES_REGION', 'ses_access_key_id' => 'PHP_SMTP_SES_ACCESS_KEY_ID', 'ses_secret_access_key' => 'PHP_SMTP_SES_SECRET_ACCESS_KEY',
        'sendgrid_api_key' => 'PHP_SMTP_SENDGRID_API_KEY', 'postmark_api_key' => 'PHP_SMTP_POSTMARK_API_KEY', 'mandrill_api_key' => 'PHP_SMTP_MANDRILL_API_KEY',
        'api_endpoint' => 'PHP_SMTP_API_ENDPOINT',
    ];

    public const SECRETS = ['password', 'oauth_client_secret', 'fallback_password',
                            'mailgun_api_key', 'ses_secret_access_key', 'sendgrid_api_key', 'postmark_api_key', 'mandrill_api_key'];

    /* Files and endpoints: from wp-config.php only, never from the form or the database. */
    public const CONSTANT_ONLY = ['token_store', 'oauth_auth_endpoint', 'oauth_token_endpoint', 'oauth_revoke_endpoint', 'oauth_ca_file', 'api_endpoint'];

    public static function defaults(): array
    {
        return [
            'provider' => 'other', 'host' => '', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
            'username' => '', 'password' => '', 'from' => '', 'from_name' => '', 'force_from' => 0, 'cafile' => '',
            'oauth_provider' => 'google', 'oauth_client_id' => '', 'oauth_client_secret' => '', 'oauth_account' => '',
            'token_store' => '', 'oauth_auth_endpoint' => '', 'oauth_token_endpoint' => '', 'oauth_revoke_endpoint' => '',
            'oauth_ca_file' => '', 'fallback_host' => '', 'fallback_port' => 587, 'fallback_security' => 'starttls',
            'fallback_username' => '', 'fallback_password' => '', 'log_days' => 30, 'log_rows' => 0, 'timeout' => 15, 'background' => 0, 'log_bodies' => 1,
            'transport' => 'smtp', 'fallback_transport' => '', 'mailgun_api_key' => '', 'mailgun_domain' => '', 'mailgun_region' => 'us',
            'ses_region' => 'us-east-1', 'ses_access_key_id' => '', 'ses_secret_access_key' => '', 'sendgrid_api_key' => '',
            'postmark_api_key' => '', 'mandrill_api_key' => '', 'api_endpoint' => '',
        ];
    }

    /* The stored settings of this site (or of the main site it borrows from), secrets decrypted. */
    public static function stored(): array
    {
        $site = Network::borrowing() ? get_main_site_id() : get_current_blog_id();
        $v = $site === get_current_blog_id() ? get_option(self::OPTION, []) : get_blog_option($site, self::OPTION, []);
        $v = is_array($v) ? $v : [];
        if ($site === get_current_blog_id() && array_intersect_key($v, array_flip(self::SECRETS))) {
            $v = self::migrate($v);
        }
        return array_merge(self::defaults(), $v, Secrets::read($site));
    }

    /* Secrets written in the option itself (before 0.2, or by update_option()): moved to Secrets, encrypted. */
    private static function migrate(array $v): array
    {
        Secrets::write(array_intersect_key($v, array_flip(self::SECRETS)));
        $v = array_diff_key($v, array_flip(self::SECRETS));
        self::write($v);
        return $v;
    }

    /* Writes the option as it is, without the form's sanitize callback (values that are already clean). */
    public static function write(array $v): void
    {
        $hook = 'sanitize_option_' . self::OPTION;
        $had = remove_filter($hook, [self::class, 'sanitize']);
        update_option(self::OPTION, array_diff_key($v, array_flip(self::SECRETS)));
        if ($had) add_filter($hook, [self::class, 'sanitize']);
    }

    /* Sets some fields (already clean, e.g. from the wizard or an import): secrets to Secrets, the rest over the option. */
    public static function merge(array $fields): void
    {
        self::stored();   /* moves secrets still in the option to Secrets first */
        $own = get_option(self::OPTION, []);
        self::write(array_merge(is_array($own) ? $own : [], array_diff_key($fields, array_flip(self::SECRETS))));
        $secrets = array_intersect_key($fields, array_flip(self::SECRETS));
        if ($secrets) Secrets::write($secrets);
    }

    /* The effective settings: stored values with wp-config constants on top. */
    public static function all(): array
    {
        $s = array_merge(self::stored(), array_fill_keys(self::CONSTANT_ONLY, ''));
        foreach (self::CONSTANTS as $field => $constant) {
            if (defined($constant)) {
                $s[$field] = constant($constant);
            }
        }
        return $s;
    }

    public static function get(string $field)
    {
        return self::all()[$field] ?? null;
    }

    public static function locked(string $field): bool
    {
        return isset(self::CONSTANTS[$field]) && defined(self::CONSTANTS[$field]);
    }

    /*
     * Settings API sanitize callback: only the fields the form shows, typed and
     * trimmed (options.php has unslashed them already); secrets go to Secrets,
     * kept when left empty, removed with their "clear" box. On a network only a
     * super administrator may name a CA bundle file.
     */
    public static function sanitize($input): array
    {
        $own = get_option(self::OPTION, []);
        $own = is_array($own) ? array_diff_key($own, array_flip(self::SECRETS)) : [];
        if (Network::borrowing()) {   /* the main site's connection is changed on the main site only */
            if (function_exists('add_settings_error')) {
                add_settings_error(self::OPTION, 'network', __('Every site of this network sends through the main site\'s connection; change it on the main site.', 'php-smtp'));
            }
            return $own;
        }
        $input = is_array($input) ? $input : [];
        $out = $own;
        $text = ['host', 'username', 'from_name', 'oauth_client_id', 'oauth_account', 'fallback_host', 'fallback_username',
                 'mailgun_domain', 'ses_access_key_id'];
        if (!is_multisite() || current_user_can('manage_network_options')) $text[] = 'cafile';
        foreach ($text as $f) {
            if (isset($input[$f]) && is_scalar($input[$f])) $out[$f] = sanitize_text_field((string)$input[$f]);
        }
        foreach (['port', 'fallback_port', 'log_days', 'timeout'] as $f) {
            if (isset($input[$f]) && is_scalar($input[$f])) $out[$f] = max(0, min(65535, (int)$input[$f]));
        }
        if (isset($input['log_rows']) && is_scalar($input['log_rows'])) $out['log_rows'] = max(0, min(10000000, (int)$input['log_rows']));
        if (isset($input['from']) && is_string($input['from'])) {
            $from = sanitize_email($input['from']);
            if ($input['from'] !== '' && $from === '') {
                if (function_exists('add_settings_error')) {   /* outside wp-admin there is no settings screen to tell */
                    add_settings_error(self::OPTION, 'from', __('The From address is not a valid email address.', 'php-smtp'));
                }
            } else {
                $out['from'] = $from;
            }
        }
        foreach (['security' => ['starttls', 'tls', 'none'], 'fallback_security' => ['starttls', 'tls', 'none'],
                  'auth' => ['auto', 'plain', 'login', 'xoauth2', 'none'], 'oauth_provider' => ['google', 'microsoft'],
                  'provider' => Presets::keys(), 'transport' => array_merge(['smtp'], Transports::APIS),
                  'fallback_transport' => array_merge(['none', 'smtp'], Transports::APIS), 'mailgun_region' => ['us', 'eu'],
                  'ses_region' => Presets::SES_REGIONS] as $f => $allowed) {
            if (isset($input[$f]) && in_array($input[$f], $allowed, true)) $out[$f] = $input[$f];
        }
        foreach (['force_from', 'background', 'log_bodies'] as $f) {
            if (array_key_exists($f, self::defaults())) $out[$f] = empty($input[$f]) ? 0 : 1;
        }
        $secrets = [];
        foreach (self::SECRETS as $f) {
            if (isset($input[$f]) && is_string($input[$f]) && $input[$f] !== '') $secrets[$f] = $input[$f];   /* empty keeps the stored secret */
            if (!empty($input["clear_$f"])) $secrets[$f] = '';
        }
        if ($secrets) Secrets::write($secrets);
        return $out;
    }
}
