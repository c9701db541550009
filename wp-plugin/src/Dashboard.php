<?php
/*
 * Dashboard: a widget with what was sent, failed and is queued in the last
 * 7 and 30 days, a small server-rendered SVG chart of the last 30 days
 * (sent and failed per day), and links to the failures and the log.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Dashboard
{
    private const DAYS = 30;

    public static function hooks(): void
    {
        add_action('wp_dashboard_setup', static function () {
            if (Guard::can()) {
                wp_add_dashboard_widget('php_smtp_dashboard', __('Email (php-smtp)', 'php-smtp'), [self::class, 'render']);
            }
        });
    }

    /* [site-local day Y-m-d => [status => count]] for the last DAYS days. */
    public static function per_day(): array
    {
        global $wpdb;
        $offset = (int)round((float)get_option('gmt_offset') * HOUR_IN_SECONDS);
        $since = gmdate('Y-m-d H:i:s', time() - self::DAYS * DAY_IN_SECONDS);
        $rows = $wpdb->get_results($wpdb->prepare('SELECT DATE(DATE_ADD(created_at, INTERVAL %d SECOND)) AS day, status, COUNT(*) AS n FROM ' . Log::table() .
                                                  ' WHERE created_at >= %s GROUP BY day, status', $offset, $since), ARRAY_A) ?: [];
        $out = [];
        foreach ($rows as $r) $out[$r['day']][$r['status']] = (int)$r['n'];
        return $out;
    }

    /* Sent, failed and (still) queued messages written in the last $days days. */
    public static function totals(array $per_day, int $days): array
    {
        $t = ['sent' => 0, 'failed' => 0, 'queued' => 0];
        $first = wp_date('Y-m-d', time() - ($days - 1) * DAY_IN_SECONDS);
        foreach ($per_day as $day => $counts) {
            if ($day < $first) continue;
            foreach ($t as $k => $_) $t[$k] += $counts[$k] ?? 0;
        }
        return $t;
    }

    public static function render(): void
    {
        $per_day = self::per_day();
        $log = admin_url('options-general.php?page=php-smtp&tab=log');
        echo '<table class="php-smtp-stats" id="php-smtp-stats"><thead><tr><th></th><th>' . esc_html__('Sent', 'php-smtp') . '</th><th>' . esc_html__('Failed', 'php-smtp') .
             '</th><th>' . esc_html__('Queued', 'php-smtp') . '</th></tr></thead><tbody>';
        foreach ([7 => __('Last 7 days', 'php-smtp'), 30 => __('Last 30 days', 'php-smtp')] as $days => $label) {
            $t = self::totals($per_day, $days);
            printf('<tr class="php-smtp-stats-%d"><td>%s</td><td class="sent">%d</td><td class="failed%s">%d</td><td class="queued">%d</td></tr>', $days, esc_html($label),
                   $t['sent'], $t['failed'] ? ' php-smtp-failed-count' : '', $t['failed'], $t['queued']);
        }
        echo '</tbody></table>';
        echo self::chart($per_day);   // built from integers and escaped labels below
        echo '<p class="php-smtp-legend"><span class="sent"></span>' . esc_html__('sent', 'php-smtp') . '<span class="failed"></span>' . esc_html__('failed', 'php-smtp') . '</p>';
        $failed = self::totals($per_day, self::DAYS)['failed'];
        echo '<p>';
        if ($failed) {
            printf('<a id="php-smtp-dashboard-failures" href="%s">%s</a> | ', esc_url(add_query_arg('status', 'failed', $log)),
                   esc_html(sprintf(/* translators: %d: how many messages */ _n('See the %d failure', 'See the %d failures', $failed, 'php-smtp'), $failed)));
        }
        printf('<a href="%s">%s</a></p>', esc_url($log), esc_html__('Open the log', 'php-smtp'));
    }

    /* Stacked bars, one a day, oldest on the left; each bar has a <title> for its numbers. */
    public static function chart(array $per_day): string
    {
        $w = 300;
        $h = 80;
        $bar = $w / self::DAYS;
        $max = 1;
        $days = [];
        for ($i = self::DAYS - 1; $i >= 0; $i--) {
            $d = wp_date('Y-m-d', time() - $i * DAY_IN_SECONDS);
            $days[$d] = [(int)($per_day[$d]['sent'] ?? 0), (int)($per_day[$d]['failed'] ?? 0)];
            $max = max($max, array_sum($days[$d]));
        }
        $svg = sprintf('<svg id="php-smtp-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-labelledby="php-smtp-chart-title"><title id="php-smtp-chart-title">%s</title>',
                       $w, $h + 12, esc_html__('Messages sent and failed per day, last 30 days', 'php-smtp'));
        $x = 0.0;
        foreach ($days as $d => [$sent, $failed]) {
            $hs = $h * $sent / $max;
            $hf = $h * $failed / $max;
            $title = esc_html(sprintf(/* translators: 1: a date, 2: how many sent, 3: how many failed */ __('%1$s: %2$d sent, %3$d failed', 'php-smtp'), wp_date(get_option('date_format'), strtotime($d . ' 12:00')), $sent, $failed));
            $svg .= sprintf('<g class="php-smtp-day" data-day="%s"><title>%s</title>', esc_attr($d), $title);
            if ($sent) $svg .= sprintf('<rect class="php-smtp-chart-sent" x="%.2f" y="%.2f" width="%.2f" height="%.2f"/>', $x + 0.5, $h - $hs, $bar - 1, $hs);
            if ($failed) $svg .= sprintf('<rect class="php-smtp-chart-failed" x="%.2f" y="%.2f" width="%.2f" height="%.2f"/>', $x + 0.5, $h - $hs - $hf, $bar - 1, $hf);
            $svg .= '</g>';
            $x += $bar;
        }
        $svg .= sprintf('<line x1="0" y1="%1$d" x2="%2$d" y2="%1$d" stroke="#c3c4c7"/>', $h, $w);
        $svg .= sprintf('<text x="0" y="%d" font-size="9" fill="#646970">%s</text><text x="%d" y="%d" font-size="9" fill="#646970" text-anchor="end">%s</text>',
                        $h + 11, esc_html(wp_date('M j', time() - (self::DAYS - 1) * DAY_IN_SECONDS)), $w, $h + 11, esc_html__('today', 'php-smtp'));
        return $svg . '</svg>';
    }
}
