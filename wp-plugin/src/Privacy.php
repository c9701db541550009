<?php
/*
 * Privacy: the log holds recipients, subjects and (unless the "keep bodies"
 * setting is off) messages, and the alert history the recipients and subjects
 * of failed messages, so WordPress's privacy tools (Tools > Export / Erase
 * Personal Data) find and remove a person's entries by email address.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Privacy
{
    private const CHUNK = 500;

    public static function hooks(): void
    {
        add_filter('wp_privacy_personal_data_exporters', static function ($e) {
            $e['php-smtp'] = ['exporter_friendly_name' => __('php-smtp mail log', 'php-smtp'), 'callback' => [self::class, 'export']];
            return $e;
        });
        add_filter('wp_privacy_personal_data_erasers', static function ($e) {
            $e['php-smtp'] = ['eraser_friendly_name' => __('php-smtp mail log', 'php-smtp'), 'callback' => [self::class, 'erase']];
            return $e;
        });
    }

    /*
     * Every log row that names $email as a recipient, the sender or Reply-To
     * (the log is bounded by its retention, so it is read in chunks, not paged).
     */
    private static function rows(string $email): \Generator
    {
        global $wpdb;
        if (!is_email($email)) return;
        $last = 0;
        do {
            $rows = $wpdb->get_results($wpdb->prepare('SELECT * FROM ' . Log::table() . ' WHERE id > %d ORDER BY id LIMIT %d', $last, self::CHUNK), ARRAY_A) ?: [];
            foreach ($rows as $row) {
                $last = (int)$row['id'];
                if (self::mentions($row, $email)) yield $row;
            }
        } while (count($rows) === self::CHUNK);
    }

    public static function export(string $email, int $page = 1): array
    {
        $items = [];
        foreach (self::rows($email) as $row) {
            $data = [];
            foreach (['created_at' => __('Date (UTC)', 'php-smtp'), 'status' => __('Status', 'php-smtp'), 'to_addr' => __('To', 'php-smtp'),
                      'subject' => __('Subject', 'php-smtp'), 'server_reply' => __('Server reply', 'php-smtp')] as $k => $name) {
                $data[] = ['name' => $name, 'value' => (string)$row[$k]];
            }
            $stored = Log::unpack((string)$row['mail']);
            $m = $stored['message'] ?? [];
            $body = (string)($m['text'] ?? $m['html'] ?? $m['raw'] ?? '');
            if ($body !== '') $data[] = ['name' => __('Message', 'php-smtp'), 'value' => $body];
            $items[] = ['group_id' => 'php-smtp-log', 'group_label' => __('Mail log', 'php-smtp'), 'item_id' => 'php-smtp-log-' . $row['id'], 'data' => $data];
        }
        foreach (is_email($email) ? Alerts::history_of($email) : [] as $i => $r) {
            $items[] = ['group_id' => 'php-smtp-alerts', 'group_label' => __('Alert history', 'php-smtp'), 'item_id' => 'php-smtp-alert-' . (int)$r['time'] . '-' . $i, 'data' => [
                ['name' => __('Date (UTC)', 'php-smtp'), 'value' => gmdate('Y-m-d H:i:s', (int)$r['time'])],
                ['name' => __('Event', 'php-smtp'), 'value' => (string)$r['kind']],
                ['name' => __('Channel', 'php-smtp'), 'value' => (string)$r['channel']],
                ['name' => __('Outcome', 'php-smtp'), 'value' => (string)$r['detail']]]];
        }
        return ['data' => $items, 'done' => true];
    }

    public static function erase(string $email, int $page = 1): array
    {
        global $wpdb;
        $removed = false;
        $retained = false;
        $messages = [];
        foreach (self::rows($email) as $row) {
            if ($row['status'] === 'queued' && (string)$row['lease_until'] !== '' && strtotime($row['lease_until'] . ' UTC') > time()) {
                $retained = true;   /* being sent right now by WP-Cron */
                $messages[] = sprintf(/* translators: %d: a log entry's number */ __('Log entry %d is being sent right now; erase again in a few minutes.', 'php-smtp'), $row['id']);
                continue;
            }
            Spool::release((int)$row['id']);
            $wpdb->delete(Log::table(), ['id' => (int)$row['id']]);
            $removed = true;
        }
        if (is_email($email) && Alerts::forget($email) > 0) $removed = true;
        return ['items_removed' => $removed, 'items_retained' => $retained, 'messages' => $messages, 'done' => true];
    }

    /* The address is a recipient, the sender or Reply-To of the row's message. */
    private static function mentions(array $row, string $email): bool
    {
        foreach (explode(',', (string)$row['to_addr']) as $a) {
            if (strcasecmp(trim($a), $email) === 0) return true;
        }
        $m = Log::unpack((string)$row['mail'])['message'] ?? [];
        foreach (['from', 'reply_to', 'sender'] as $k) {
            foreach (isset($m[$k]['email']) ? [$m[$k]] : (array)($m[$k] ?? []) as $a) {
                if (strcasecmp(is_array($a) ? (string)($a['email'] ?? '') : (string)$a, $email) === 0) return true;
            }
        }
        return false;
    }
}
