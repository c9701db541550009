<?php
/* Loads the plugin's classes and wires the hooks. */

defined('ABSPATH') || exit;

foreach (['PrivateDir', 'Network', 'Secrets', 'Settings', 'Transports', 'Privacy', 'Log', 'Mailer', 'Spool', 'Outbox', 'OAuth', 'Guard', 'PortProbe', 'Diagnostics', 'ApiDiagnostics', 'ApiOffer', 'Admin', 'ConnectionTab', 'TestEmailTab', 'LogTab', 'DiagnosticsTab', 'Notices',
          'Presets', 'Assets', 'Alerts', 'AlertsTab', 'LogQuery', 'LogExport', 'SiteHealth', 'Dashboard', 'Import', 'Wizard'] as $class) {
    require_once __DIR__ . "/$class.php";
}

register_activation_hook(PHP_SMTP_PLUGIN_FILE, ['PhpSmtp\\Log', 'install']);
register_activation_hook(PHP_SMTP_PLUGIN_FILE, ['PhpSmtp\\Outbox', 'schedule']);
register_deactivation_hook(PHP_SMTP_PLUGIN_FILE, ['PhpSmtp\\Outbox', 'unschedule']);

add_action('plugins_loaded', static function () {
    load_plugin_textdomain('php-smtp', false, dirname(plugin_basename(PHP_SMTP_PLUGIN_FILE)) . '/languages');
    PhpSmtp\Log::maybe_upgrade();
    if (extension_loaded('smtp')) {
        require_once __DIR__ . '/PHPMailer.php';   /* core's PHPMailer, its sending step the extension's */
        PhpSmtp\Mailer::hooks();
    }
    PhpSmtp\Outbox::hooks();
    PhpSmtp\Notices::hooks();
    PhpSmtp\Privacy::hooks();
    PhpSmtp\Alerts::hooks();
    PhpSmtp\LogQuery::hooks();
    PhpSmtp\SiteHealth::hooks();
    if (is_admin()) {
        PhpSmtp\Admin::hooks();
        PhpSmtp\Assets::hooks();
        PhpSmtp\LogExport::hooks();
        PhpSmtp\Dashboard::hooks();
        PhpSmtp\Import::hooks();
        PhpSmtp\Wizard::hooks();
        /* the Log screen (WP_List_Table, loaded there only) and its "per page" screen option */
        add_action('load-settings_page_php-smtp', static function () {
            require_once __DIR__ . '/LogTable.php';
            PhpSmtp\LogTable::on_load();
        });
        add_filter('set_screen_option_php_smtp_log_per_page', static fn($keep, $option, $value) => max(1, min(500, (int)$value)), 10, 3);
        if (is_multisite()) {
            PhpSmtp\Network::hooks();
        }
    }
});
