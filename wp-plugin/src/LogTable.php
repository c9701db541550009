<?php
/*
 * LogTable: the Log screen as a WP_List_Table: views by status, search,
 * filters by status, connection and dates, sortable columns, paging with
 * the "Number of items per page" screen option, bulk delete and bulk
 * resend (behind Guard: capability and nonce), CSV export of the filtered
 * rows and a single message as .eml. Loaded only on that screen.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

require_once ABSPATH . 'wp-admin/includes/class-wp-list-table.php';

final class LogTable extends \WP_List_Table
{
    public const PER_PAGE = 'php_smtp_log_per_page';
    private const RESEND_MAX = 50;
    private array $filters = [];

    public function __construct()
    {
        parent::__construct(['singular' => 'php_smtp_message', 'plural' => 'php_smtp_messages', 'ajax' => false]);
    }

    /* load-settings_page_php-smtp: the screen option, then a bulk action (before any output, so it can redirect). */
    public static function on_load(): void
    {
        if (Admin::tab() !== 'log' || isset($_GET['id'])) return;
        add_screen_option('per_page', ['label' => __('Messages per page', 'php-smtp'), 'default' => 20, 'option' => self::PER_PAGE]);
        $action = self::bulk_action();
        if ($action === '') {
            if (!empty($_GET['_wp_http_referer'])) {   /* a filter submitted: a clean address, as core's list screens do */
                wp_safe_redirect(remove_query_arg(['_wp_http_referer', '_wpnonce', 'action', 'action2', 'filter_action'], wp_unslash($_SERVER['REQUEST_URI'])));
                exit;
            }
            return;
        }
        Guard::check('log_bulk');
        $ids = array_map('absint', (array)($_GET['ids'] ?? []));
        if ($action === 'delete') {
            $n = LogQuery::delete($ids);
            $flash = ['success', sprintf(/* translators: %d: how many log entries */ _n('%d entry deleted.', '%d entries deleted.', $n, 'php-smtp'), $n)];
        } else {
            [$sent, $failed] = self::resend($ids);
            $flash = [$failed ? 'warning' : 'success', sprintf(/* translators: 1: how many were sent, 2: how many failed */ __('Resent: %1$d sent, %2$d not sent (see their new log entries).', 'php-smtp'), $sent, $failed)];
        }
        set_transient('php_smtp_flash_' . get_current_user_id(), $flash, 60);
        $keep = array_intersect_key(wp_unslash($_GET), array_flip(['s', 'status', 'connection', 'from', 'to', 'orderby', 'order', 'paged']));
        Guard::redirect('log', array_map('sanitize_text_field', $keep));
    }

    private static function bulk_action(): string
    {
        if (isset($_GET['filter_action'])) return '';
        foreach (['action', 'action2'] as $k) {
            $a = sanitize_key((string)($_GET[$k] ?? ''));
            if (in_array($a, ['delete', 'resend'], true)) return $a;
        }
        return '';
    }

    /* Each message again as it was logged (recipients from the log, never from the request), as a new row. */
    private static function resend(array $ids): array
    {
        $sent = $failed = 0;
        foreach (array_slice(array_filter($ids), 0, self::RESEND_MAX) as $id) {
            $row = Log::get($id);
            $stored = $row ? Log::unpack((string)$row['mail']) : null;
            if (!isset($stored['message'])) {
                $failed++;
                continue;
            }
            Mailer::deliver($stored['message'], $stored['wp'] ?? [], 0) === true ? $sent++ : $failed++;
        }
        return [$sent, $failed];
    }

    public static function render(): void
    {
        $table = new self();
        $table->prepare_items();
        $table->views();
        echo '<form method="get" id="php-smtp-log-form">';
        echo '<input type="hidden" name="page" value="php-smtp"><input type="hidden" name="tab" value="log">';
        Guard::field('log_bulk');
        $table->search_box(__('Search the log', 'php-smtp'), 'php-smtp-log');
        echo '<div id="php-smtp-log">';
        $table->display();
        echo '</div></form>';
    }

    public function get_columns()
    {
        return ['cb' => '<input type="checkbox">', 'created_at' => __('Time', 'php-smtp'), 'to_addr' => __('To', 'php-smtp'), 'subject' => __('Subject', 'php-smtp'),
                'status' => __('Status', 'php-smtp'), 'connection' => __('Connection', 'php-smtp'), 'server_reply' => __('Server reply', 'php-smtp'),
                'attempts' => __('Attempts', 'php-smtp')];
    }

    protected function get_sortable_columns()
    {
        $out = [];
        foreach (LogQuery::SORTABLE as $c) $out[$c] = [$c, $c === 'created_at'];
        return $out;
    }

    protected function get_bulk_actions()
    {
        return ['resend' => __('Resend to the same recipients', 'php-smtp'), 'delete' => __('Delete', 'php-smtp')];
    }

    protected function get_views()
    {
        $counts = LogQuery::status_counts();
        $current = $this->filters['status'] ?? '';
        $base = admin_url('options-general.php?page=php-smtp&tab=log');
        $views = ['' => [__('All', 'php-smtp'), array_sum($counts)]];
        foreach (['sent', 'failed', 'queued', 'unknown'] as $st) {
            if (!empty($counts[$st])) $views[$st] = [LogTab::status_label($st), $counts[$st]];
        }
        $out = [];
        foreach ($views as $st => [$label, $n]) {
            $out[$st === '' ? 'all' : $st] = sprintf('<a href="%s"%s>%s <span class="count">(%d)</span></a>', esc_url($st === '' ? $base : add_query_arg('status', $st, $base)),
                                                   $current === $st ? ' class="current" aria-current="page"' : '', esc_html($label), $n);
        }
        return $out;
    }

    public function prepare_items()
    {
        $this->filters = LogQuery::filters($_GET);
        $per_page = $this->get_items_per_page(self::PER_PAGE, 20);
        $total = LogQuery::count($this->filters);
        $page = $this->get_pagenum();
        $this->items = LogQuery::rows($this->filters, $per_page, ($page - 1) * $per_page);
        $this->set_pagination_args(['total_items' => $total, 'per_page' => $per_page, 'total_pages' => (int)ceil($total / $per_page)]);
        $this->_column_headers = [$this->get_columns(), [], $this->get_sortable_columns(), 'created_at'];
    }

    /* WP_List_Table's own nonce is replaced by Guard's (php_smtp_log_bulk), written once above the table. */
    protected function display_tablenav($which)
    {
        echo '<div class="tablenav ' . esc_attr($which) . '">';
        if ($this->has_items()) {
            echo '<div class="alignleft actions bulkactions">';
            $this->bulk_actions($which);
            echo '</div>';
        }
        $this->extra_tablenav($which);
        $this->pagination($which);
        echo '<br class="clear"></div>';
    }

    protected function extra_tablenav($which)
    {
        if ($which !== 'top') return;
        $f = $this->filters;
        echo '<div class="alignleft actions php-smtp-filters">';
        echo '<label class="screen-reader-text" for="php-smtp-filter-status">' . esc_html__('Status', 'php-smtp') . '</label><select name="status" id="php-smtp-filter-status"><option value="">' . esc_html__('Every status', 'php-smtp') . '</option>';
        foreach (['sent', 'failed', 'queued', 'unknown'] as $st) {
            printf('<option value="%s"%s>%s</option>', esc_attr($st), selected($f['status'], $st, false), esc_html(LogTab::status_label($st)));
        }
        echo '</select><label class="screen-reader-text" for="php-smtp-filter-connection">' . esc_html__('Connection', 'php-smtp') . '</label><select name="connection" id="php-smtp-filter-connection"><option value="">' . esc_html__('Every connection', 'php-smtp') . '</option>';
        foreach (['primary' => __('Primary', 'php-smtp'), 'fallback' => __('Fallback', 'php-smtp')] as $c => $label) {
            printf('<option value="%s"%s>%s</option>', esc_attr($c), selected($f['connection'], $c, false), esc_html($label));
        }
        echo '</select>';
        printf('<label for="php-smtp-filter-from">%s</label> <input type="date" name="from" id="php-smtp-filter-from" value="%s"> ', esc_html__('From', 'php-smtp'), esc_attr($f['from']));
        printf('<label for="php-smtp-filter-to">%s</label> <input type="date" name="to" id="php-smtp-filter-to" value="%s"> ', esc_html__('to', 'php-smtp'), esc_attr($f['to']));
        submit_button(__('Filter', 'php-smtp'), '', 'filter_action', false, ['id' => 'php-smtp-log-filter']);
        $export = wp_nonce_url(add_query_arg(array_filter(['action' => 'php_smtp_export', 's' => $f['s'], 'status' => $f['status'], 'connection' => $f['connection'],
                                                           'from' => $f['from'], 'to' => $f['to'], 'orderby' => $f['orderby'], 'order' => strtolower($f['order'])]), admin_url('admin-post.php')), 'php_smtp_export');
        printf(' <a class="button" id="php-smtp-log-export" href="%s">%s</a>', esc_url($export), esc_html__('Export these rows as CSV', 'php-smtp'));
        echo '</div>';
    }

    protected function column_cb($item)
    {
        return sprintf('<input type="checkbox" name="ids[]" value="%d" id="php-smtp-cb-%d"><label class="screen-reader-text" for="php-smtp-cb-%2$d">%s</label>',
                       (int)$item['id'], (int)$item['id'], esc_html__('Select this entry', 'php-smtp'));
    }

    protected function column_created_at($item)
    {
        $view = admin_url('options-general.php?page=php-smtp&tab=log&id=' . (int)$item['id']);
        $actions = ['view' => sprintf('<a href="%s">%s</a>', esc_url($view), esc_html__('View', 'php-smtp')),
                    'eml' => sprintf('<a class="php-smtp-eml" href="%s">%s</a>', esc_url(self::eml_url((int)$item['id'])), esc_html__('Download .eml', 'php-smtp'))];
        return sprintf('<a href="%s">%s</a>', esc_url($view), esc_html(get_date_from_gmt($item['created_at']))) . $this->row_actions($actions);
    }

    protected function column_status($item)
    {
        return sprintf('<span class="php-smtp-status php-smtp-status-%s">%s</span>', esc_attr($item['status']), esc_html(LogTab::status_label($item['status'])));
    }

    /* "primary" and what it sent with: "Gmail API", "SMTP smtp.example.com:587" */
    protected function column_connection($item)
    {
        $with = (string)($item['transport'] ?? '');
        return esc_html((string)$item['connection']) . ($with !== '' ? '<br><span class="php-smtp-transport">' . esc_html($with) . '</span>' : '');
    }

    protected function column_default($item, $column_name)
    {
        return esc_html((string)($item[$column_name] ?? ''));
    }

    public function no_items()
    {
        esc_html_e('Nothing here.', 'php-smtp');
    }

    protected function get_primary_column_name()
    {
        return 'created_at';
    }

    public static function eml_url(int $id): string
    {
        return wp_nonce_url(add_query_arg(['action' => 'php_smtp_eml', 'id' => $id], admin_url('admin-post.php')), 'php_smtp_eml');
    }
}
