<?php
/*
 * LogTab: the log (search, status filter, paging, one entry with its
 * transcript, resend to the logged recipients only) and the outbox (queued
 * messages, "Retry now").
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class LogTab
{
    public static function status_label(string $status): string
    {
        $labels = ['sent' => __('Sent', 'php-smtp'), 'failed' => __('Failed', 'php-smtp'), 'queued' => __('Queued for retry', 'php-smtp'),
                   'unknown' => __('Outcome unknown (connection lost after the message was sent)', 'php-smtp'), 'sending' => __('Sending', 'php-smtp')];
        return $labels[$status] ?? $status;
    }

    public static function render_log(): void
    {
        $view = isset($_GET['id']) ? Log::get(absint($_GET['id'])) : null;
        if ($view) {
            self::log_entry($view);
            return;
        }
        LogTable::render();   /* WP_List_Table: filters, sorting, paging, bulk actions, export */
    }

    private static function table(array $rows): void
    {
        echo '<table class="widefat striped" id="php-smtp-log"><thead><tr><th>' . esc_html__('Time', 'php-smtp') . '</th><th>' . esc_html__('To', 'php-smtp') .
             '</th><th>' . esc_html__('Subject', 'php-smtp') . '</th><th>' . esc_html__('Status', 'php-smtp') . '</th><th>' . esc_html__('Server reply', 'php-smtp') .
             '</th><th>' . esc_html__('Attempts', 'php-smtp') . '</th></tr></thead><tbody>';
        foreach ($rows as $r) {
            printf('<tr class="php-smtp-status-%s"><td><a href="%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td></tr>',
                   esc_attr($r['status']), esc_url(admin_url('options-general.php?page=php-smtp&tab=log&id=' . (int)$r['id'])),
                   esc_html(get_date_from_gmt($r['created_at'])), esc_html($r['to_addr']), esc_html($r['subject']),
                   esc_html(self::status_label($r['status'])), esc_html($r['server_reply']), (int)$r['attempts']);
        }
        if (!$rows) echo '<tr><td colspan="6">' . esc_html__('Nothing here.', 'php-smtp') . '</td></tr>';
        echo '</tbody></table>';
    }

    private static function log_entry(array $row): void
    {
        echo '<h2>' . esc_html($row['subject']) . '</h2><table class="widefat striped" id="php-smtp-entry"><tbody>';
        foreach ([__('To', 'php-smtp') => $row['to_addr'], __('Status', 'php-smtp') => self::status_label($row['status']),
                  __('Message-ID', 'php-smtp') => $row['message_id'], __('Server reply', 'php-smtp') => $row['server_reply'],
                  __('Attempts', 'php-smtp') => $row['attempts'], __('Connection', 'php-smtp') => $row['connection'], ($row['connection'] !== '' ? __('Sent with', 'php-smtp') : __('Last tried with', 'php-smtp')) => $row['transport'] ?? ''] as $k => $v) {
            printf('<tr><th>%s</th><td>%s</td></tr>', esc_html($k), esc_html((string)$v));
        }
        echo '</tbody></table><h3>' . esc_html__('Transcript (secrets redacted)', 'php-smtp') . '</h3><pre id="php-smtp-transcript">' . esc_html($row['transcript']) . '</pre>';
        printf('<p><a class="button" id="php-smtp-eml" href="%s">%s</a></p>', esc_url(LogTable::eml_url((int)$row['id'])), esc_html__('Download .eml', 'php-smtp'));
        Guard::form_open('resend');
        printf('<input type="hidden" name="id" value="%d">', (int)$row['id']);
        submit_button(__('Resend to the same recipients', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-resend']);
        echo '</form>';
    }

    /* Resend takes the message from the log, never a recipient from the request. */
    public static function resend(): void
    {
        $row = Log::get(absint($_POST['id'] ?? 0));
        $stored = $row ? Log::unpack((string)$row['mail']) : null;
        if (isset($stored['message']) && empty($stored['bodies_removed'])) {
            Mailer::deliver($stored['message'], $stored['wp'], 0);   /* the same resolved message, as a new row */
            Guard::redirect('log', ['id' => Mailer::$last_log_id]);
        }
        Guard::redirect('log');
    }

    public static function render_outbox(): void
    {
        [$rows] = Log::query('', 'queued', 1, 100);
        echo '<p>' . esc_html__('Messages that failed with a temporary error are retried every minute by WP-Cron, with growing pauses.', 'php-smtp') . '</p>';
        self::table($rows);
        Guard::form_open('outbox');
        submit_button(__('Retry now', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-outbox-run']);
        echo '</form>';
    }

    public static function run_outbox(): void
    {
        Outbox::run(true);
        Guard::redirect('outbox');
    }
}
