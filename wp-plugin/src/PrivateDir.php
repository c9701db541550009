<?php
/*
 * PrivateDir: where the plugin keeps files no visitor may fetch (the token
 * store, the outbox's copies of attachments): one level above the web root
 * when writable, else in wp-content behind deny files. Created 0700.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class PrivateDir
{
    private static string $base = '';

    public static function path(string $sub = ''): string
    {
        $base = self::$base !== '' ? self::$base : (self::$base = self::base());
        if ($sub === '') return $base;
        $dir = "$base/$sub";
        if (!is_dir($dir)) {
            wp_mkdir_p($dir);
            @chmod($dir, 0700);
        }
        return $dir;
    }

    /* Chosen once a request: every send with OAuth asks for it. */
    private static function base(): string
    {
        $outside = dirname(rtrim(ABSPATH, '/')) . '/php-smtp-private';
        if ((is_dir($outside) || @wp_mkdir_p($outside)) && is_writable($outside)) {
            @chmod($outside, 0700);
            $base = $outside;
        } else {
            $base = WP_CONTENT_DIR . '/php-smtp-private';
            if (!is_dir($base)) {
                wp_mkdir_p($base);
                @chmod($base, 0700);
                file_put_contents("$base/.htaccess", "Require all denied\nDeny from all\n");
                file_put_contents("$base/index.php", "<?php // Silence.\n");
            }
        }
        return $base;
    }
}
