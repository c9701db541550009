<?php
/*
 * Secrets: the SMTP passwords and the OAuth client secret, encrypted at rest
 * (sodium secretbox) in their own option, which is not autoloaded; single
 * values sealed the same way for other options (the alert webhook URL). The
 * key is derived from the site's secret keys in wp-config.php and the site's
 * id, so it is never in the database and differs from site to site of a
 * network.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Secrets
{
    public const OPTION = 'php_smtp_secrets';
    private const PREFIX = 'v1:';

    /** @var array<string, string> ciphertext => plain text, for this request */
    private static array $plain = [];

    /* field => plain text, for site $site */
    public static function read(int $site): array
    {
        $stored = $site === get_current_blog_id() ? get_option(self::OPTION, []) : get_blog_option($site, self::OPTION, []);
        $out = [];
        foreach (is_array($stored) ? $stored : [] as $field => $cipher) {
            $out[$field] = self::$plain[$cipher] ??= self::open((string)$cipher, $site);
        }
        return $out;
    }

    /* Replaces the given fields (plain text; '' removes one) for this site. */
    public static function write(array $fields): void
    {
        $site = get_current_blog_id();
        $stored = get_option(self::OPTION, []);
        $stored = is_array($stored) ? $stored : [];
        foreach ($fields as $field => $value) {
            if ((string)$value === '') {
                unset($stored[$field]);
            } else {
                $stored[$field] = self::seal((string)$value, $site);
            }
        }
        update_option(self::OPTION, $stored, false);   /* not autoloaded: read only when mail is sent */
    }

    /* One value sealed for this site, for an option of its own (the alert webhook URL); '' stays ''. */
    public static function seal_value(string $plain): string
    {
        return $plain === '' ? '' : self::seal($plain, get_current_blog_id());
    }

    /* What seal_value() sealed; '' when it cannot be read (the secret keys changed). */
    public static function open_value(string $cipher): string
    {
        return $cipher === '' ? '' : self::$plain[$cipher] ??= self::open($cipher, get_current_blog_id());
    }

    public static function sealed(string $value): bool
    {
        return str_starts_with($value, self::PREFIX);
    }

    public static function key(int $site): string
    {
        $material = '';
        foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT'] as $c) {
            $material .= defined($c) ? constant($c) : '';
        }
        if (strlen($material) < 32) $material .= wp_salt('auth');
        return hash_hmac('sha256', "php-smtp settings secrets, site $site", $material, true);
    }

    private static function seal(string $plain, int $site): string
    {
        $nonce = random_bytes(SODIUM_CRYPTO_SECRETBOX_NONCEBYTES);
        return self::PREFIX . base64_encode($nonce . sodium_crypto_secretbox($plain, $nonce, self::key($site)));
    }

    /* '' when it cannot be read (the secret keys in wp-config.php changed): the field must be entered again. */
    private static function open(string $cipher, int $site): string
    {
        $raw = str_starts_with($cipher, self::PREFIX) ? base64_decode(substr($cipher, strlen(self::PREFIX)), true) : false;
        if ($raw === false || strlen($raw) <= SODIUM_CRYPTO_SECRETBOX_NONCEBYTES) return '';
        $plain = sodium_crypto_secretbox_open(substr($raw, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES), substr($raw, 0, SODIUM_CRYPTO_SECRETBOX_NONCEBYTES), self::key($site));
        if ($plain === false) {
            error_log('php-smtp: a stored secret cannot be decrypted (the secret keys in wp-config.php changed?): enter it again');
            return '';
        }
        return $plain;
    }
}
