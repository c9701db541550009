<?php
/* Removes the plugin's options, log table and token store when it is deleted. */
defined('WP_UNINSTALL_PLUGIN') || exit;

global $wpdb;
require_once __DIR__ . '/src/Settings.php';
require_once __DIR__ . '/src/OAuth.php';
if (extension_loaded('smtp')) {
    try {
        PhpSmtp\OAuth::store()->forget(PhpSmtp\OAuth::ACCOUNT);   /* revokes the grant at the provider */
    } catch (Throwable $e) {
        /* nothing stored, or the provider is unreachable: the file goes anyway */
    }
    @unlink(PhpSmtp\OAuth::store_path());
    @unlink(PhpSmtp\OAuth::store_path() . '.lock');
}
$wpdb->query('DROP TABLE IF EXISTS ' . $wpdb->prefix . 'php_smtp_log');
delete_option('php_smtp_settings');
delete_option('php_smtp_db_version');
delete_option('php_smtp_reauth_warned');
wp_clear_scheduled_hook('php_smtp_outbox');
