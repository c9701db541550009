<?php
/* Removes the plugin's options, log table and token store when it is deleted:
 * on a network, from every site, and the network's own option. */
defined('WP_UNINSTALL_PLUGIN') || exit;

require_once __DIR__ . '/src/PrivateDir.php';
require_once __DIR__ . '/src/Network.php';
require_once __DIR__ . '/src/Spool.php';
require_once __DIR__ . '/src/Secrets.php';
require_once __DIR__ . '/src/Settings.php';
require_once __DIR__ . '/src/OAuth.php';

function php_smtp_uninstall_site(): void
{
    global $wpdb;
    if (!PhpSmtp\Network::borrowing() && PhpSmtp\PrivateDir::available()) {   /* a borrowing site has no store of its own */
        if (extension_loaded('smtp')) {
            try {
                PhpSmtp\OAuth::store()->forget(PhpSmtp\OAuth::ACCOUNT);   /* revokes the grant at the provider */
            } catch (Throwable $e) {
                /* nothing stored, or the provider is unreachable: the file goes anyway */
            }
        }
        /* the store, its lock, and copies set aside as damaged or unreadable: with or without the extension */
        foreach (array_merge([PhpSmtp\OAuth::store_path()], glob(PhpSmtp\OAuth::store_path() . '.*') ?: []) as $file) {
            @unlink($file);
        }
    }
    PhpSmtp\Spool::release_all();   /* the outbox's copies of attachments */
    $wpdb->query('DROP TABLE IF EXISTS ' . $wpdb->prefix . 'php_smtp_log');
    delete_option('php_smtp_settings');
    delete_option('php_smtp_secrets');
    delete_option('php_smtp_db_version');
    delete_option('php_smtp_reauth_warned');
    foreach (['php_smtp_alerts', 'php_smtp_alert_state', 'php_smtp_alert_history'] as $o) delete_option($o);   /* Alerts */
    wp_clear_scheduled_hook('php_smtp_outbox');
}

if (is_multisite()) {
    /* not $blog_id: that is WordPress's global for the current site, and this file may run in global scope */
    foreach (get_sites(['fields' => 'ids', 'number' => 0]) as $php_smtp_site) {
        switch_to_blog($php_smtp_site);
        php_smtp_uninstall_site();
        restore_current_blog();
    }
    delete_site_option(PhpSmtp\Network::OPTION);
} else {
    php_smtp_uninstall_site();
}
delete_metadata('user', 0, 'php_smtp_failed_seen', '', true);   /* user meta is shared by the network */
if (PhpSmtp\PrivateDir::available()) {
    $php_smtp_dir = PhpSmtp\PrivateDir::path();
    @rmdir("$php_smtp_dir/outbox");   /* only when empty: nothing of anyone else's goes */
    $php_smtp_deny = ['.htaccess', 'index.php', 'web.config'];
    if (!array_diff(array_diff(scandir($php_smtp_dir) ?: [], ['.', '..']), $php_smtp_deny)) {   /* only its deny files are left */
        foreach ($php_smtp_deny as $php_smtp_file) @unlink("$php_smtp_dir/$php_smtp_file");
        @rmdir($php_smtp_dir);
    }
}
delete_site_option('php_smtp_document_root');
