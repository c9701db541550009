<?php
/*
 * Assets: the plugin's stylesheet and script, enqueued on its own pages and
 * on the dashboard (the widget) only. No inline scripts anywhere.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Assets
{
    public static function hooks(): void
    {
        add_action('admin_enqueue_scripts', [self::class, 'enqueue']);
    }

    public static function enqueue(string $hook): void
    {
        if (!in_array($hook, ['settings_page_php-smtp', 'index.php'], true)) return;
        $base = plugins_url('assets/', PHP_SMTP_PLUGIN_FILE);
        wp_enqueue_style('php-smtp-admin', $base . 'admin.css', [], PHP_SMTP_PLUGIN_VERSION);
        if ($hook === 'settings_page_php-smtp') {
            wp_enqueue_script('php-smtp-admin', $base . 'admin.js', [], PHP_SMTP_PLUGIN_VERSION, true);
        }
    }
}
