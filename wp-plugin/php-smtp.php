<?php
/**
 * Plugin Name:       php-smtp
 * Description:       Sends wp_mail() through the php-smtp extension: SMTP with STARTTLS/TLS, Gmail and Microsoft 365 OAuth 2.0, app passwords, SendGrid, Mandrill; a log with transcripts, an outbox that retries, diagnostics.
 * Version:           0.1.0
 * Requires at least: 5.7
 * Requires PHP:      8.2
 * Author:            php-smtp developers
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       php-smtp
 * Domain Path:       /languages
 */

defined('ABSPATH') || exit;

define('PHP_SMTP_PLUGIN_FILE', __FILE__);
define('PHP_SMTP_PLUGIN_VERSION', '0.1.0');

require_once __DIR__ . '/src/boot.php';
