<?php
/*
 * PrivateDir: where the plugin keeps files no visitor may fetch (the token
 * store, the outbox's copies of attachments). Never inside the web server's
 * document root: PHP_SMTP_PRIVATE_DIR from wp-config.php, else a folder beside
 * the WordPress folder, else one beside the document root, whichever is
 * outside it and writable. When none is, the plugin refuses (a notice says
 * what to do) rather than put the files where a URL reaches them. Created
 * 0700, with deny files for Apache and IIS in case a server maps it anyway.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class PrivateDir
{
    public const CONSTANT = 'PHP_SMTP_PRIVATE_DIR';
    /* network option: the document root the web server reported, for WP-Cron and the command line */
    private const ROOT_OPTION = 'php_smtp_document_root';

    private static ?string $base = null;

    /* The folder (or a sub-folder, created); throws \RuntimeException when there is no safe place. */
    public static function path(string $sub = ''): string
    {
        self::$base ??= self::choose();
        if (self::$base === '') throw new \RuntimeException(self::problem());
        if ($sub === '') return self::$base;
        $dir = self::$base . "/$sub";
        if (!is_dir($dir)) {
            wp_mkdir_p($dir);
            @chmod($dir, 0700);
        }
        return $dir;
    }

    public static function available(): bool
    {
        self::$base ??= self::choose();
        return self::$base !== '';
    }

    public static function problem(): string
    {
        return sprintf(/* translators: %s: the constant's name */ __('php-smtp has no private folder outside the web server\'s document root, so it keeps no OAuth tokens and no copies of queued attachments. Create a folder the web server can write that no URL reaches and name it in wp-config.php: define(\'%s\', \'/path/to/folder\');', 'php-smtp'), self::CONSTANT);
    }

    /* For tests: choose again (the document root or the constant changed). */
    public static function reset(): void
    {
        self::$base = null;
    }

    private static function choose(): string
    {
        $root = self::document_root();
        $candidates = defined(self::CONSTANT) ? [(string)constant(self::CONSTANT)]
                    : [dirname(rtrim(ABSPATH, '/')) . '/php-smtp-private', $root !== '' ? dirname($root) . '/php-smtp-private' : ''];
        foreach (array_filter($candidates) as $dir) {
            $dir = rtrim($dir, '/');
            if ($root !== '' ? self::inside($dir, $root) : self::looks_public(dirname($dir))) continue;
            if ((is_dir($dir) || @wp_mkdir_p($dir)) && is_writable($dir)) {
                @chmod($dir, 0700);
                self::deny($dir);
                return $dir;
            }
        }
        return '';
    }

    /* The web server's document root (this request's, else the last one seen), '' when never seen. */
    private static function document_root(): string
    {
        $seen = PHP_SAPI !== 'cli' && !empty($_SERVER['DOCUMENT_ROOT']) ? (string)realpath((string)$_SERVER['DOCUMENT_ROOT']) : '';
        $known = (string)get_site_option(self::ROOT_OPTION, '');
        if ($seen !== '' && $seen !== $known) update_site_option(self::ROOT_OPTION, $seen);
        return $seen !== '' ? $seen : $known;
    }

    /* Without a known document root: a folder with a front controller or wp-config.php may be served (Bedrock's web/, a subfolder install's parent). */
    private static function looks_public(string $parent): bool
    {
        foreach (['index.php', 'index.html', 'wp-config.php'] as $f) {
            if (is_file("$parent/$f")) return true;
        }
        return false;
    }

    private static function inside(string $dir, string $root): bool
    {
        $probe = $dir;
        while (!file_exists($probe) && dirname($probe) !== $probe) $probe = dirname($probe);   /* the nearest existing ancestor */
        $real = (string)realpath($probe) . substr($dir, strlen($probe));
        return $real === $root || str_starts_with($real . '/', rtrim($root, '/') . '/');
    }

    private static function deny(string $dir): void
    {
        foreach (['.htaccess' => "Require all denied\nDeny from all\n", 'index.php' => "<?php // Silence.\n",
                  'web.config' => "<?xml version=\"1.0\"?>\n<configuration><system.webServer><authorization><deny users=\"*\" /></authorization></system.webServer></configuration>\n"] as $f => $text) {
            if (!is_file("$dir/$f")) @file_put_contents("$dir/$f", $text);
        }
    }
}
