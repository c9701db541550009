<?php
/*
 * LogQuery: the log's rows as the Log screen filters them (status,
 * connection, dates, search), sorted by a whitelisted column; the same
 * filters drive the CSV export. Also the log's retention by number of rows
 * (retention by days is Log::prune). Every query is prepared.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class LogQuery
{
    public const STATUSES = ['sent', 'failed', 'queued', 'unknown', 'sending'];
    public const CONNECTIONS = ['primary', 'fallback'];
    public const SORTABLE = ['created_at', 'status', 'to_addr', 'subject', 'connection', 'attempts'];

    public static function hooks(): void
    {
        add_action(Outbox::HOOK, [self::class, 'retention']);
    }

    /* The filters from a request (GET of the Log screen, or the export link), each checked. */
    public static function filters(array $q): array
    {
        $date = fn($v) => preg_match('/^\d{4}-\d{2}-\d{2}$/', (string)$v) ? (string)$v : '';
        $status = sanitize_key((string)($q['status'] ?? ''));
        $connection = sanitize_key((string)($q['connection'] ?? ''));
        $orderby = sanitize_key((string)($q['orderby'] ?? ''));
        return [
            's' => sanitize_text_field(wp_unslash((string)($q['s'] ?? ''))),
            'status' => in_array($status, self::STATUSES, true) ? $status : '',
            'connection' => in_array($connection, self::CONNECTIONS, true) ? $connection : '',
            'from' => $date($q['from'] ?? ''), 'to' => $date($q['to'] ?? ''),
            'orderby' => in_array($orderby, self::SORTABLE, true) ? $orderby : 'created_at',
            'order' => strtolower((string)($q['order'] ?? '')) === 'asc' ? 'ASC' : 'DESC',
        ];
    }

    /* [WHERE clause, its arguments]; dates are the site's days, the table keeps UTC. */
    private static function where(array $f): array
    {
        global $wpdb;
        $where = '1=1';
        $args = [];
        if ($f['s'] !== '') {
            $like = '%' . $wpdb->esc_like($f['s']) . '%';
            $where .= ' AND (to_addr LIKE %s OR subject LIKE %s OR server_reply LIKE %s)';
            array_push($args, $like, $like, $like);
        }
        foreach (['status', 'connection'] as $col) {
            if ($f[$col] !== '') {
                $where .= " AND $col = %s";
                $args[] = $f[$col];
            }
        }
        if ($f['from'] !== '') {
            $where .= ' AND created_at >= %s';
            $args[] = get_gmt_from_date($f['from'] . ' 00:00:00');
        }
        if ($f['to'] !== '') {
            $where .= ' AND created_at <= %s';
            $args[] = get_gmt_from_date($f['to'] . ' 23:59:59');
        }
        return [$where, $args];
    }

    public static function count(array $f): int
    {
        global $wpdb;
        [$where, $args] = self::where($f);
        $sql = 'SELECT COUNT(*) FROM ' . Log::table() . " WHERE $where";
        return (int)$wpdb->get_var($args ? $wpdb->prepare($sql, $args) : $sql);
    }

    /* One page of rows, without the bulky columns. */
    public static function rows(array $f, int $per_page, int $offset): array
    {
        global $wpdb;
        [$where, $args] = self::where($f);
        /* orderby and order come from the whitelist above; id breaks ties */
        $sql = 'SELECT id, created_at, updated_at, status, to_addr, subject, message_id, server_reply, attempts, connection, transport FROM ' . Log::table() .
               " WHERE $where ORDER BY {$f['orderby']} {$f['order']}, id {$f['order']} LIMIT %d OFFSET %d";
        return $wpdb->get_results($wpdb->prepare($sql, array_merge($args, [$per_page, $offset])), ARRAY_A) ?: [];
    }

    /* How many rows each status has, for the screen's views. */
    public static function status_counts(): array
    {
        global $wpdb;
        $out = [];
        foreach ($wpdb->get_results('SELECT status, COUNT(*) AS n FROM ' . Log::table() . ' GROUP BY status', ARRAY_A) ?: [] as $r) {
            $out[$r['status']] = (int)$r['n'];
        }
        return $out;
    }

    /* Deletes rows (and the outbox's copies of their attachments). Returns how many went. */
    public static function delete(array $ids): int
    {
        global $wpdb;
        $ids = array_values(array_filter(array_map('absint', $ids)));
        if (!$ids) return 0;
        foreach ($ids as $id) Spool::release($id);
        $in = implode(',', array_fill(0, count($ids), '%d'));
        return (int)$wpdb->query($wpdb->prepare('DELETE FROM ' . Log::table() . " WHERE id IN ($in)", $ids));
    }

    /* Retention by number of rows: the newest N stay (queued ones are never dropped). */
    public static function retention(): void
    {
        global $wpdb;
        $max = (int)Settings::get('log_rows');
        if ($max <= 0) return;
        $t = Log::table();
        $edge = $wpdb->get_var($wpdb->prepare("SELECT id FROM $t WHERE status <> 'queued' ORDER BY id DESC LIMIT 1 OFFSET %d", $max));
        if ($edge === null) return;
        $ids = $wpdb->get_col($wpdb->prepare("SELECT id FROM $t WHERE id <= %d AND status <> 'queued'", (int)$edge));
        foreach ($ids as $id) Spool::release((int)$id);
        $wpdb->query($wpdb->prepare("DELETE FROM $t WHERE id <= %d AND status <> 'queued'", (int)$edge));
    }
}
