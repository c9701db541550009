--TEST--
Site Health: the five php-smtp tests say what is true (extension, last probe, OAuth, outbox backlog and its oldest, WP-Cron running); the Info section holds no secret; the dashboard widget's counts and chart
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
require_once ABSPATH . 'wp-admin/includes/admin.php';
global $wpdb;
$t = PhpSmtp\Log::table();
$wpdb->query("DELETE FROM $t");
delete_option('php_smtp_last_probe');
delete_option('php_smtp_cron_last_run');
$show = function (string $name) {
    $r = call_user_func([PhpSmtp\SiteHealth::class, "test_$name"]);
    echo "$name: {$r['status']}: {$r['label']}\n";
    return $r;
};
$tests = apply_filters('site_status_tests', ['direct' => [], 'async' => []]);
echo "registered: ", implode(', ', array_filter(array_keys($tests['direct']), fn($k) => str_starts_with($k, 'php_smtp_'))), "\n";
$show('extension');
use_settings(['host' => '']);
$show('probe');
use_settings(relay_settings(['username' => 'site', 'password' => 'pw-never-shown-1234', 'oauth_client_secret' => 'client-secret-never-shown']));
$show('probe');
PhpSmtp\SiteHealth::remember_probe([['DNS', true, 'ok'], ['Summary', false, 'The server refused the login: 535 no.']]);
$r = $show('probe');
echo "  ", strip_tags($r['description']), "\n";
PhpSmtp\SiteHealth::remember_probe([['Summary', true, 'Everything a send needs works.']]);
$show('probe');
$show('oauth');
$show('outbox');
$id = PhpSmtp\Log::add(['to' => [['email' => 'a@example.test']], 'subject' => 'waiting', 'text' => 'x'], [], 'queued');
$wpdb->update($t, ['created_at' => gmdate('Y-m-d H:i:s', time() - 3 * HOUR_IN_SECONDS)], ['id' => $id]);
PhpSmtp\Log::add(['to' => [['email' => 'a@example.test']], 'subject' => 'waiting too', 'text' => 'x'], [], 'queued');
$show('outbox');
echo "-- WP-Cron (DISABLE_WP_CRON is set in the test site)\n";
$show('cron');
do_action(PhpSmtp\Outbox::HOOK);   /* what wp-cron.php would run */
$show('cron');
update_option('php_smtp_cron_last_run', time() - HOUR_IN_SECONDS, false);
$r = $show('cron');
echo "  ", strip_tags($r['description']), "\n";

echo "-- the Info section\n";
update_option('php_smtp_alerts', ['emails' => 'ops@example.test', 'webhook' => 'https://hooks.slack.com/services/T0/B0/secret-slack-token'] + PhpSmtp\Alerts::defaults());
$info = apply_filters('debug_information', []);
$f = $info['php-smtp']['fields'];
echo "fields: ", count($f), "; host: {$f['host']['value']}; password stored: {$f['password']['value']}; alerts: {$f['alerts']['value']}; user name private: ", var_export($f['username']['private'] ?? false, true), "\n";
$all = json_encode($info['php-smtp']);
foreach (['pw-never-shown-1234', 'client-secret-never-shown', 'secret-slack-token', 'hooks.slack.com'] as $secret) {
    echo "$secret: ", str_contains($all, $secret) ? 'SHOWN' : 'not shown', "\n";
}
delete_option('php_smtp_alerts');

echo "-- the dashboard widget\n";
$wpdb->query("DELETE FROM $t");
$at = fn(int $days_ago) => gmdate('Y-m-d H:i:s', time() - $days_ago * DAY_IN_SECONDS);
foreach ([[0, 'sent'], [0, 'sent'], [1, 'failed'], [3, 'sent'], [10, 'sent'], [10, 'failed'], [20, 'sent'], [40, 'sent'], [0, 'queued']] as [$ago, $status]) {
    $id = PhpSmtp\Log::add(['to' => [['email' => 'a@example.test']], 'subject' => 's', 'text' => 'x'], [], $status);
    $wpdb->update($t, ['created_at' => $at($ago)], ['id' => $id]);
}
wp_set_current_user(1);
ob_start();
PhpSmtp\Dashboard::render();
$html = ob_get_clean();
foreach ([7, 30] as $d) {
    preg_match("#<tr class=\"php-smtp-stats-$d\"><td>[^<]*</td><td class=\"sent\">(\d+)</td><td class=\"failed[^\"]*\">(\d+)</td><td class=\"queued\">(\d+)</td>#", $html, $m);
    echo "$d days: sent $m[1], failed $m[2], queued $m[3]\n";
}
preg_match('#<svg.*</svg>#s', $html, $m);
/* an XML parser other than the code under test */
$p = proc_open(['python3', '-c', 'import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.read()); print("true")'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
fwrite($pipes[0], $m[0]);
fclose($pipes[0]);
$parsed = trim(stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]));
proc_close($p);
echo "SVG parses: ", $parsed, ", days: ", substr_count($m[0], 'class="php-smtp-day"'), ", bars: ", substr_count($m[0], '<rect'), "\n";
echo "link to the failures: ", preg_match('/id="php-smtp-dashboard-failures" href="[^"]*tab=log(&|&amp;|&#038;)status=failed"/', $html) ? 'yes' : 'no', "\n";
$wpdb->query("DELETE FROM $t");
?>
--EXPECTF--
registered: php_smtp_extension, php_smtp_probe, php_smtp_oauth, php_smtp_outbox, php_smtp_cron
extension: good: The smtp PHP extension %s is loaded
probe: recommended: No SMTP connection is set up
probe: recommended: The SMTP connection has not been checked yet
probe: critical: The last check of the SMTP connection failed (%s ago)
  The server refused the login: 535 no.
probe: good: The SMTP connection worked when last checked (%s ago)
oauth: good: No OAuth grant is needed
outbox: good: The outbox is empty
outbox: critical: 2 messages wait in the outbox, the oldest for 3 hours
-- WP-Cron (DISABLE_WP_CRON is set in the test site)
cron: critical: WP-Cron is not running the php-smtp outbox
cron: good: WP-Cron runs the php-smtp outbox
cron: critical: WP-Cron is not running the php-smtp outbox
  The outbox last ran 1 hour ago. DISABLE_WP_CRON is set: a system cron must call wp-cron.php every minute, or queued mail and background sending never leave.
-- the Info section
fields: 20; host: localhost:%d; password stored: yes; alerts: email: yes, webhook: slack; user name private: true
pw-never-shown-1234: not shown
client-secret-never-shown: not shown
secret-slack-token: not shown
hooks.slack.com: not shown
-- the dashboard widget
7 days: sent 3, failed 1, queued 1
30 days: sent 5, failed 2, queued 1
SVG parses: true, days: 30, bars: 6
link to the failures: yes
