<?php
/*
 * Log: one row per message in a custom table: what was sent, to whom, the
 * outcome in the server's words and the redacted transcript. The outbox
 * keeps its queue in the same rows (status "queued"). Every query is prepared.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Log
{
    public const DB_VERSION = '2';   /* 2: the transport column */

    /* The database's words when the last add() failed. */
    public static string $last_error = '';

    public static function table(): string
    {
        global $wpdb;
        return $wpdb->prefix . 'php_smtp_log';
    }

    public static function install(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $t = self::table();
        dbDelta("CREATE TABLE $t (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  created_at datetime NOT NULL,
  updated_at datetime NOT NULL,
  status varchar(16) NOT NULL,
  to_addr text NOT NULL,
  subject text NOT NULL,
  message_id varchar(255) NOT NULL DEFAULT '',
  server_reply text NOT NULL,
  transcript longtext NOT NULL,
  mail longtext NOT NULL,
  attempts int(11) NOT NULL DEFAULT 0,
  next_attempt_at datetime NULL,
  lease_until datetime NULL,
  lease_owner varchar(64) NOT NULL DEFAULT '',
  connection varchar(16) NOT NULL DEFAULT '',
  transport varchar(191) NOT NULL DEFAULT '',
  PRIMARY KEY  (id),
  KEY status_next (status, next_attempt_at),
  KEY created_at (created_at)
) " . $wpdb->get_charset_collate() . ';');
        update_option('php_smtp_db_version', self::DB_VERSION, false);
    }

    public static function maybe_upgrade(): void
    {
        if (get_option('php_smtp_db_version') !== self::DB_VERSION) {
            self::install();
        }
    }

    public static function now(): string
    {
        return gmdate('Y-m-d H:i:s');
    }

    /*
     * $message: the resolved message (smtp_send()'s array) the outbox retries and
     * the log resends as it is; $wp: the wp_mail() arguments, for the payload of
     * an action fired later (wp_mail_failed from WP-Cron).
     */
    public static function add(array $message, array $wp, string $status, array $fields = []): int
    {
        global $wpdb;
        $wpdb->insert(self::table(), $fields + [
            'created_at' => self::now(), 'updated_at' => self::now(), 'status' => $status,
            'to_addr' => implode(', ', self::recipients($message)), 'subject' => (string)($message['subject'] ?? $wp['subject'] ?? ''), 'message_id' => '',
            'server_reply' => '', 'transcript' => '', 'mail' => self::pack($message, $wp), 'attempts' => 0,
        ]);
        if (!$wpdb->insert_id) {
            /* the mail still goes; the administrator learns why it is missing from the log */
            self::$last_error = $wpdb->last_error ?: 'insert failed';
            error_log('php-smtp: the log table ' . self::table() . ' could not be written: ' . self::$last_error);
            return 0;
        }
        return (int)$wpdb->insert_id;
    }

    /* Every recipient's address (To, Cc, Bcc). */
    public static function recipients(array $message): array
    {
        $out = [];
        foreach (['to', 'cc', 'bcc'] as $k) {
            foreach ($message[$k] ?? [] as $a) $out[] = is_array($a) ? $a['email'] : (string)$a;
        }
        return $out;
    }

    /* The message and the call's arguments, byte for byte. */
    public static function pack(array $message, array $wp): string
    {
        return base64_encode(serialize(['message' => $message, 'wp' => $wp]));
    }

    /* ['message' => …, 'wp' => …]; a row from before 0.2 holds wp_mail()'s arguments alone ('wp' only). */
    public static function unpack(string $stored): ?array
    {
        $mail = @unserialize((string)base64_decode($stored, true), ['allowed_classes' => false]);
        if (!is_array($mail)) return null;
        return isset($mail['message']) && is_array($mail['message']) ? $mail : ['wp' => $mail];
    }

    /*
     * With "keep message bodies" off, a message that is done with (sent, failed
     * for good, outcome unknown) keeps only its envelope and headers in the log:
     * no text, HTML or attachment bytes (it can then not be resent).
     */
    public static function drop_bodies(int $id): void
    {
        if ($id <= 0 || Settings::get('log_bodies')) return;
        $stored = self::unpack((string)(self::get($id)['mail'] ?? ''));
        if (!isset($stored['message']) || !empty($stored['bodies_removed'])) return;
        $m = array_diff_key($stored['message'], ['text' => 1, 'html' => 1, 'raw' => 1]);
        foreach ($m['attachments'] ?? [] as $i => $a) {
            $m['attachments'][$i] = ['name' => $a['name'] ?? basename((string)($a['path'] ?? ''))];
        }
        $wp = array_diff_key($stored['wp'] ?? [], ['message' => 1, 'attachments' => 1]);
        self::update($id, ['mail' => base64_encode(serialize(['message' => $m, 'wp' => $wp, 'bodies_removed' => true]))]);
    }

    public static function update(int $id, array $fields): void
    {
        global $wpdb;
        $wpdb->update(self::table(), $fields + ['updated_at' => self::now()], ['id' => $id]);
    }

    public static function get(int $id): ?array
    {
        global $wpdb;
        $row = $wpdb->get_row($wpdb->prepare('SELECT * FROM ' . self::table() . ' WHERE id = %d', $id), ARRAY_A);
        return $row ?: null;
    }

    /* Search over recipient and subject, optional status filter, newest first. */
    public static function query(string $search, string $status, int $page, int $per_page): array
    {
        global $wpdb;
        $where = '1=1';
        $args = [];
        if ($search !== '') {
            $like = '%' . $wpdb->esc_like($search) . '%';
            $where .= ' AND (to_addr LIKE %s OR subject LIKE %s OR server_reply LIKE %s)';
            array_push($args, $like, $like, $like);
        }
        if ($status !== '') {
            $where .= ' AND status = %s';
            $args[] = $status;
        }
        $t = self::table();
        $count_sql = "SELECT COUNT(*) FROM $t WHERE $where";
        $total = (int)$wpdb->get_var($args ? $wpdb->prepare($count_sql, $args) : $count_sql);
        $list_args = array_merge($args, [$per_page, max(0, ($page - 1) * $per_page)]);
        $rows = $wpdb->get_results($wpdb->prepare("SELECT id, created_at, status, to_addr, subject, server_reply, attempts
            FROM $t WHERE $where ORDER BY id DESC LIMIT %d OFFSET %d", $list_args), ARRAY_A);
        return [$rows ?: [], $total];
    }

    /* [how many failed after $since (UTC), the last one's server reply] */
    public static function failed_since(string $since): array
    {
        global $wpdb;
        $t = self::table();
        $count = (int)$wpdb->get_var($wpdb->prepare("SELECT COUNT(*) FROM $t WHERE status = 'failed' AND updated_at > %s", $since));
        $last = $count ? (string)$wpdb->get_var($wpdb->prepare("SELECT server_reply FROM $t WHERE status = 'failed' AND updated_at > %s ORDER BY updated_at DESC, id DESC LIMIT 1", $since)) : '';
        return [$count, $last];
    }

    public static function count_status(string $status): int
    {
        global $wpdb;
        return (int)$wpdb->get_var($wpdb->prepare('SELECT COUNT(*) FROM ' . self::table() . ' WHERE status = %s', $status));
    }

    /* Retention: rows older than the configured days go (never queued ones). */
    public static function prune(int $days): void
    {
        global $wpdb;
        if ($days <= 0) return;
        $before = gmdate('Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS);
        $ids = $wpdb->get_col($wpdb->prepare('SELECT id FROM ' . self::table() . " WHERE created_at < %s AND status <> 'queued'", $before));
        foreach ($ids as $id) {
            Spool::release((int)$id);
        }
        $wpdb->query($wpdb->prepare('DELETE FROM ' . self::table() . " WHERE created_at < %s AND status <> 'queued'", $before));
    }
}
