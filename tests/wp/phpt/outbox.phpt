--TEST--
Outbox: a temporary failure is queued with backoff, a lost connection after the final dot is "unknown" (never resent), a permanent one fails; leases keep two runs apart; queued attachments survive their originals; a log that cannot be written is said, not hidden
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/wp.inc';
global $wpdb;
$wpdb->query('DELETE FROM ' . PhpSmtp\Log::table());

echo "-- 421 at the greeting: queued, retried in about a minute\n";
[$port] = fault_server('greeting_421');
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $port]));
var_dump(wp_mail('bob@example.test', 'temporary', 'x'));
$row = last_log();
echo "{$row['status']} attempts={$row['attempts']} next in ", strtotime($row['next_attempt_at'] . ' UTC') - time() >= 50 ? "~60 s" : "?", ": {$row['server_reply']}\n";
echo "Message-ID of the attempt logged: ", preg_match('/^<[0-9a-f]{32}@/', $row['message_id']) ? 'yes' : "NO ({$row['message_id']})", "\n";

echo "-- a second failure waits longer\n";
$wpdb->query("UPDATE " . PhpSmtp\Log::table() . " SET next_attempt_at = UTC_TIMESTAMP() WHERE id = {$row['id']}");
PhpSmtp\Outbox::run();
$row = PhpSmtp\Log::get((int)$row['id']);
echo "{$row['status']} attempts={$row['attempts']} next in ", round((strtotime($row['next_attempt_at'] . ' UTC') - time()) / 60), " min\n";

echo "-- a lease held by another run is respected\n";
$wpdb->query("UPDATE " . PhpSmtp\Log::table() . " SET next_attempt_at = UTC_TIMESTAMP(), lease_until = UTC_TIMESTAMP() + INTERVAL 5 MINUTE, lease_owner = 'other' WHERE id = {$row['id']}");
echo "sent by this run: ", PhpSmtp\Outbox::run(), ", attempts still ", PhpSmtp\Log::get((int)$row['id'])['attempts'], "\n";

echo "-- the relay is back: sent once\n";
use_settings(relay_settings());
$wpdb->query("UPDATE " . PhpSmtp\Log::table() . " SET lease_until = NULL WHERE id = {$row['id']}");
echo "sent: ", PhpSmtp\Outbox::run(), "; again: ", PhpSmtp\Outbox::run(), "\n";
$row = PhpSmtp\Log::get((int)$row['id']);
echo "{$row['status']} attempts={$row['attempts']}\n";
delivered($row['message_id']);
echo "delivered\n";

echo "-- connection lost after the final dot: outcome unknown, not queued, not failed\n";
$received = sys_get_temp_dir() . '/php-smtp-outbox-' . getmypid() . '.eml';
[$port] = fault_server('drop_after_dot', [$received]);
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $port]));
$failed = 0;
add_action('wp_mail_failed', function () use (&$failed) { $failed++; });
var_dump(wp_mail('bob@example.test', 'maybe delivered', 'x'));
$row = last_log();
echo "{$row['status']}, wp_mail_failed fired: $failed, queued: ", PhpSmtp\Log::count_status('queued'), "\n";
$got = parse_mail($received)['headers']['message-id'][0] ?? 'NONE';
unlink($received);
echo "Message-ID in the log: ", $row['message_id'] !== '' && $row['message_id'] === $got ? 'the one the server received' : "NO ({$row['message_id']} vs $got)", "\n";
wp_set_current_user(1);
require_once ABSPATH . 'wp-admin/includes/template.php';   /* submit_button() */
require_once WP_PLUGIN_DIR . '/php-smtp/src/LogTable.php';   /* loaded on admin pages only */
$_GET['id'] = $row['id'];
ob_start();
PhpSmtp\LogTab::render_log();
$page = ob_get_clean();
unset($_GET['id']);
preg_match('~<tr><th>Message-ID</th><td>([^<]*)</td></tr>~', $page, $shown);
echo "the log entry page shows it: ", html_entity_decode($shown[1] ?? '') === $got ? 'yes' : 'NO', "\n";

echo "-- a permanent refusal: failed at once, with the reason\n";
[$port] = fault_server('all_5xx');
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $port]));
var_dump(wp_mail('bob@example.test', 'refused', 'x'));
$row = last_log();
echo "{$row['status']} attempts={$row['attempts']}: {$row['server_reply']}\n";
echo "Message-ID logged: ", preg_match('/^<[0-9a-f]{32}@/', $row['message_id']) ? 'yes' : "NO ({$row['message_id']})", "\n";

echo "-- background sending: the page returns at once, WP-Cron sends\n";
use_settings(relay_settings(['background' => 1]));
var_dump(wp_mail('bob@example.test', 'in the background', 'x'));
$row = last_log();
echo "{$row['status']} attempts={$row['attempts']}\n";
echo "sent by cron: ", PhpSmtp\Outbox::run(), "\n";
$row = PhpSmtp\Log::get((int)$row['id']);
delivered($row['message_id']);
echo "{$row['status']}, delivered\n";

echo "-- the fallback connection is tried before giving up\n";
[$port] = fault_server('greeting_421');
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $port, 'fallback_host' => 'localhost',
                             'fallback_port' => (int)stack('RELAY_PORT'), 'fallback_security' => 'none']));
var_dump(wp_mail('bob@example.test', 'via fallback', 'x'));
$row = last_log();
echo "{$row['status']} via {$row['connection']}\n";

echo "-- a queued message keeps its attachments when the sender deletes the originals (as form plugins do)\n";
[$port] = fault_server('greeting_421');
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $port]));
$upload = sys_get_temp_dir() . '/php-smtp-upload-' . getmypid();
mkdir($upload);
file_put_contents("$upload/invoice 42.pdf", $pdf = random_bytes(70000));
file_put_contents("$upload/notes.txt", "line one\n");
var_dump(wp_mail('bob@example.test', 'with attachments', 'see attached', '', ["$upload/invoice 42.pdf", 'Renamed.txt' => "$upload/notes.txt"]));
array_map('unlink', glob("$upload/*")); rmdir($upload);
$row = last_log();
$copies = PhpSmtp\Spool::dir((int)$row['id']);
echo "{$row['status']}; copies outside the web root: ", !str_starts_with($copies, ABSPATH) && is_dir($copies) ? 'yes' : 'no',
     ", private: ", decoct(fileperms(dirname($copies, 2)) & 0777), "\n";
use_settings(relay_settings());
$wpdb->query("UPDATE " . PhpSmtp\Log::table() . " SET next_attempt_at = UTC_TIMESTAMP() WHERE id = {$row['id']}");
echo "sent: ", PhpSmtp\Outbox::run(), "\n";
$row = PhpSmtp\Log::get((int)$row['id']);
[$m] = delivered($row['message_id']);
foreach ($m['parts'] as $part) {
    if ($part['disposition'] === 'attachment') echo "  {$part['filename']} {$part['size']} bytes", $part['sha256'] === hash('sha256', $pdf) ? ' (same bytes)' : '', "\n";
}
echo "copies removed after delivery: ", is_dir($copies) ? 'no' : 'yes', "\n";

echo "-- the log table cannot be written: a temporary failure is reported, not kept silently\n";
[$port] = fault_server('greeting_421');
use_settings(relay_settings(['host' => '127.0.0.1', 'port' => $port]));
$t = PhpSmtp\Log::table();
$wpdb->query("RENAME TABLE $t TO {$t}_away");
$errors = [];
add_action('wp_mail_failed', function ($e) use (&$errors) { $errors[] = $e->get_error_message(); });
$wpdb->suppress_errors(true);
var_dump(wp_mail('bob@example.test', 'no log', 'x'));
$wpdb->suppress_errors(false);
$wpdb->query("RENAME TABLE {$t}_away TO $t");
echo end($errors), "\n";
?>
--EXPECTF--
-- 421 at the greeting: queued, retried in about a minute
bool(true)
queued attempts=1 next in ~60 s: Greeting rejected by 127.0.0.1:%d: 421 %s
Message-ID of the attempt logged: yes
-- a second failure waits longer
queued attempts=2 next in 5 min
-- a lease held by another run is respected
sent by this run: 0, attempts still 2
-- the relay is back: sent once
sent: 1; again: 0
sent attempts=3
delivered
-- connection lost after the final dot: outcome unknown, not queued, not failed
bool(true)
unknown, wp_mail_failed fired: 0, queued: 0
Message-ID in the log: the one the server received
the log entry page shows it: yes
-- a permanent refusal: failed at once, with the reason
bool(false)
failed attempts=1: RCPT TO rejected by 127.0.0.1:%d for every recipient: %s
Message-ID logged: yes
-- background sending: the page returns at once, WP-Cron sends
bool(true)
queued attempts=0
sent by cron: 1
sent, delivered
-- the fallback connection is tried before giving up
bool(true)
sent via fallback
-- a queued message keeps its attachments when the sender deletes the originals (as form plugins do)
bool(true)
queued; copies outside the web root: yes, private: 700
sent: 1
  invoice 42.pdf 70000 bytes (same bytes)
  notes.txt 9 bytes
copies removed after delivery: yes
-- the log table cannot be written: a temporary failure is reported, not kept silently
bool(false)
Greeting rejected by 127.0.0.1:%d: 421 %s (not kept for a retry: the php-smtp log could not be written: Table '%s' doesn't exist)
