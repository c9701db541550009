<?php
/* tests/wp/wp-helper.php COMMAND [ARGS]: what the browser test needs done on the
 * server side of the test WordPress (it has no WP-CLI offline).
 *   settings JSON      replace the plugin's settings with JSON (merged over defaults)
 *   mail TO SUBJECT    call wp_mail() as a page would
 *   cron               make queued mail due, then run WP-Cron's events (the outbox) as wp-cron.php would
 *   notices            the admin notices an administrator would see
 *   log-count STATUS [DAYS]  rows in the log with that status (written in the last DAYS days)
 *   option NAME JSON   store an option as a plugin would (JSON decoded to arrays; "null" deletes it)
 *   option-row NAME    the option's row in the database as it is stored (serialized), read with $wpdb
 *   option-get NAME    an option's stored value as JSON ("null" when absent), for putting it back with option
 *   seed-import PLUGIN JSON  store mail settings (SMTP or an API mailer) as WP Mail SMTP, Post SMTP or FluentSMTP do (import-seed.php); "none" removes them */
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require getenv('WP_DIR') . '/wp-load.php';
[$cmd, $a, $b] = array_pad(array_slice($argv, 1), 3, '');
switch ($cmd) {
case 'settings':
    update_option('php_smtp_settings', json_decode($a, true) + PhpSmtp\Settings::defaults());
    echo "ok\n";
    break;
case 'mail':
    var_export(wp_mail($a, $b, "Sent from a page of the test site.\n"));
    echo "\n";
    break;
case 'cron':
    /* time passes: whatever is queued is due now */
    global $wpdb;
    $wpdb->query("UPDATE " . PhpSmtp\Log::table() . " SET next_attempt_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE status = 'queued'");
    foreach (_get_cron_array() ?: [] as $ts => $hooks) {
        foreach ($hooks as $hook => $events) {
            foreach ($events as $e) {
                do_action_ref_array($hook, $e['args']);
            }
        }
    }
    echo "ran\n";
    break;
case 'notices':
    /* what an administrator sees at the top of an admin page */
    wp_set_current_user(1);
    do_action('admin_notices');
    break;
case 'log-count':
    global $wpdb;
    /* B: only rows written in the last B days */
    echo (int)$wpdb->get_var($wpdb->prepare('SELECT COUNT(*) FROM ' . PhpSmtp\Log::table() . ' WHERE status = %s AND created_at >= %s', $a,
                                            $b === '' ? '1970-01-01' : gmdate('Y-m-d H:i:s', time() - (int)$b * DAY_IN_SECONDS))), "\n";
    break;
case 'option':
    $value = json_decode($b, true);
    $value === null ? delete_option($a) : update_option($a, $value);
    echo "ok\n";
    break;
case 'option-row':
    global $wpdb;
    echo (string)$wpdb->get_var($wpdb->prepare("SELECT option_value FROM $wpdb->options WHERE option_name = %s", $a)), "\n";
    break;
case 'option-get':
    echo json_encode(get_option($a, null)), "\n";
    break;
case 'seed-import':
    require __DIR__ . '/import-seed.php';
    unseed_import();
    if ($a !== 'none') seed_import($a, json_decode($b, true));
    echo "ok\n";
    break;
default:
    fwrite(STDERR, "unknown command $cmd\n");
    exit(2);
}
