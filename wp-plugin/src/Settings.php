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
    ];

    public const SECRETS = ['password', 'oauth_client_secret', 'fallback_password'];

    public static function defaults(): array
    {
        return [
            'provider' => 'other', 'host' => '', 'port' => 587, 'security' => 'starttls', 'auth' => 'auto',
            'username' => '', 'password' => '', 'from' => '', 'from_name' => '', 'force_from' => 0, 'cafile' => '',
            'oauth_provider' => 'google', 'oauth_client_id' => '', 'oauth_client_secret' => '', 'oauth_account' => '',
            'token_store' => '', 'oauth_auth_endpoint' => '', 'oauth_token_endpoint' => '', 'oauth_revoke_endpoint' => '',
            'oauth_ca_file' => '', 'fallback_host' => '', 'fallback_port' => 587, 'fallback_security' => 'starttls',
            'fallback_username' => '', 'fallback_password' => '', 'log_days' => 30, 'log_rows' => 0, 'timeout' => 15, 'background' => 0,
        ];
    }

    public static function stored(): array
    {
        /* a site that sends with the main site's connection reads the main site's settings */
        $v = Network::borrowing() ? get_blog_option(get_main_site_id(), self::OPTION, []) : get_option(self::OPTION, []);
        return (is_array($v) ? $v : []) + self::defaults();
    }

    /* The effective settings: stored values with wp-config constants on top. */
    public static function all(): array
    {
        $s = self::stored();
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

    /* Settings API sanitize callback: typed, trimmed, secrets kept when left empty. */
    public static function sanitize($input): array
    {
        if (Network::borrowing()) {   /* the main site's connection is changed on the main site only */
            if (function_exists('add_settings_error')) {
                add_settings_error(self::OPTION, 'network', __('Every site of this network sends through the main site\'s connection; change it on the main site.', 'php-smtp'));
            }
            $own = get_option(self::OPTION, []);
            return is_array($own) ? $own : [];
        }
        $old = self::stored();
        $input = is_array($input) ? wp_unslash($input) : [];
        $out = $old;
        $text = ['host', 'username', 'from_name', 'oauth_client_id', 'oauth_account', 'fallback_host', 'fallback_username', 'cafile', 'token_store',
                 'oauth_auth_endpoint', 'oauth_token_endpoint', 'oauth_revoke_endpoint', 'oauth_ca_file'];
        foreach ($text as $f) {
            if (isset($input[$f])) $out[$f] = sanitize_text_field($input[$f]);
        }
        foreach (['port', 'fallback_port', 'log_days', 'timeout'] as $f) {
            if (isset($input[$f])) $out[$f] = max(0, min(65535, (int)$input[$f]));
        }
        if (isset($input['log_rows'])) $out['log_rows'] = max(0, min(10000000, (int)$input['log_rows']));
        if (isset($input['from'])) {
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
                  'provider' => Presets::keys()] as $f => $allowed) {
            if (isset($input[$f]) && in_array($input[$f], $allowed, true)) $out[$f] = $input[$f];
        }
        $out['force_from'] = empty($input['force_from']) ? 0 : 1;
        $out['background'] = empty($input['background']) ? 0 : 1;
        foreach (self::SECRETS as $f) {
            if (isset($input[$f]) && $input[$f] !== '') $out[$f] = (string)$input[$f];   /* empty keeps the stored secret */
            if (!empty($input["clear_$f"])) $out[$f] = '';
        }
        return $out;
    }
}
