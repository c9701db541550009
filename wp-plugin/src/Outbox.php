<?php
/*
 * Outbox: messages that failed with a temporary error, retried by WP-Cron with
 * backoff. Each item is leased (a conditional UPDATE) before it is sent, so two
 * cron runs never send the same message.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Outbox
{
    public const HOOK = 'php_smtp_outbox';
    public const MAX_ATTEMPTS = 8;
    private const BACKOFF_MINUTES = [1, 5, 15, 30, 60, 120, 240, 480];
    private const LEASE_SECONDS = 300;

    public static function hooks(): void
    {
        add_filter('cron_schedules', static function ($s) {
            $s['php_smtp_minute'] = ['interval' => 60, 'display' => __('Every minute (php-smtp outbox)', 'php-smtp')];
            return $s;
        });
        add_action(self::HOOK, [self::class, 'run']);
        if (!wp_next_scheduled(self::HOOK)) {
            self::schedule();
        }
    }

    public static function schedule(): void
    {
        if (!wp_next_scheduled(self::HOOK)) {
            wp_schedule_event(time() + 60, 'php_smtp_minute', self::HOOK);
        }
    }

    public static function unschedule(): void
    {
        wp_clear_scheduled_hook(self::HOOK);
    }

    /* After $attempts tries; never sooner than the server's Retry-After (seconds, an API's 429 or 503). */
    public static function next_attempt(int $attempts, ?int $retry_after = null): string
    {
        $minutes = self::BACKOFF_MINUTES[min($attempts, count(self::BACKOFF_MINUTES)) - 1];
        return gmdate('Y-m-d H:i:s', time() + max($minutes * 60, min((int)$retry_after, 86400)));
    }

    /* Takes the lease on one due item; true when this run owns it. */
    public static function lease(int $id, string $owner): bool
    {
        global $wpdb;
        $now = Log::now();
        $rows = $wpdb->query($wpdb->prepare('UPDATE ' . Log::table() . " SET lease_until = %s, lease_owner = %s
            WHERE id = %d AND status = 'queued' AND (lease_until IS NULL OR lease_until < %s)",
            gmdate('Y-m-d H:i:s', time() + self::LEASE_SECONDS), $owner, $id, $now));
        return $rows === 1;
    }

    /* Sends every due item this run can lease. Returns how many it sent. */
    public static function run(bool $ignore_schedule = false): int
    {
        global $wpdb;
        if (!extension_loaded('smtp')) return 0;
        Log::prune((int)Settings::get('log_days'));
        $owner = wp_generate_uuid4();
        $sql = 'SELECT id FROM ' . Log::table() . " WHERE status = 'queued'" .
               ($ignore_schedule ? '' : ' AND next_attempt_at <= %s') . ' ORDER BY id LIMIT 50';
        $ids = $wpdb->get_col($ignore_schedule ? $sql : $wpdb->prepare($sql, Log::now()));
        $sent = 0;
        foreach ($ids as $id) {
            $id = (int)$id;
            if (!self::lease($id, $owner)) continue;
            $row = Log::get($id);
            $stored = Log::unpack((string)$row['mail']);
            if (!isset($stored['message'])) {
                self::legacy($id, $stored['wp'] ?? null);
                continue;
            }
            /* the message as it was resolved when wp_mail() was called: no filter runs again here */
            if (Mailer::deliver($stored['message'], $stored['wp'], $id) === true && (Log::get($id)['status'] ?? '') === 'sent') $sent++;
        }
        return $sent;
    }

    /* A row queued before 0.2 kept wp_mail()'s arguments only: wp_mail() sends them once more (a new row). */
    private static function legacy(int $id, ?array $atts): void
    {
        if (!$atts) {
            Log::update($id, ['status' => 'failed', 'server_reply' => 'the stored message could not be read']);
            return;
        }
        Log::update($id, ['status' => 'failed', 'next_attempt_at' => null, 'server_reply' => 'queued by an older version of php-smtp: handed to wp_mail() again']);
        wp_mail($atts['to'] ?? '', $atts['subject'] ?? '', $atts['message'] ?? '', $atts['headers'] ?? '', $atts['attachments'] ?? []);
    }
}
