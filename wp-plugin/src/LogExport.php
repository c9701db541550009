<?php
/*
 * LogExport: the Log screen's downloads, both behind Guard. The filtered
 * rows as CSV (RFC 4180; a cell that a spreadsheet would run as a formula is
 * prefixed with an apostrophe), and one logged message as an .eml file: the
 * message PHPMailer's raw path sent as it is, otherwise the logged message
 * written out by WordPress's own PHPMailer with the Message-ID and date it
 * was sent with (Bcc recipients are not in the file, as in the message).
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class LogExport
{
    public static function hooks(): void
    {
        Guard::action('export', [self::class, 'csv']);
        Guard::action('eml', [self::class, 'eml']);
    }

    public static function csv(): void
    {
        $f = LogQuery::filters($_GET);
        nocache_headers();
        header('Content-Type: text/csv; charset=utf-8');
        header('Content-Disposition: attachment; filename="php-smtp-log-' . gmdate('Ymd-His') . '.csv"');
        header('X-Content-Type-Options: nosniff');
        $out = fopen('php://output', 'w');
        fputcsv($out, ['id', 'time', 'status', 'connection', 'to', 'subject', 'message_id', 'server_reply', 'attempts', 'transport'], ',', '"', '');
        for ($offset = 0; ($rows = LogQuery::rows($f, 500, $offset)); $offset += 500) {
            foreach ($rows as $r) {
                fputcsv($out, array_map([self::class, 'cell'], [$r['id'], get_date_from_gmt($r['created_at'], 'c'), $r['status'], $r['connection'], $r['to_addr'],
                        $r['subject'], $r['message_id'], $r['server_reply'], $r['attempts'], $r['transport']]), ',', '"', '');
            }
        }
        fclose($out);
        exit;
    }

    /* OWASP's CSV injection advice: =, +, -, @, tab and CR start a formula; quote them out. */
    public static function cell($v): string
    {
        $v = (string)$v;
        return $v !== '' && strpbrk($v[0], "=+-@\t\r") !== false ? "'" . $v : $v;
    }

    public static function eml(): void
    {
        $row = Log::get(absint($_GET['id'] ?? 0));
        $stored = $row ? Log::unpack((string)$row['mail']) : null;
        if (!isset($stored['message'])) {
            wp_die(esc_html__('This log entry does not keep the message itself, so there is nothing to download.', 'php-smtp'), '', ['response' => 404]);
        }
        try {
            $eml = self::render($stored['message'], $row);
        } catch (\Throwable $e) {
            wp_die(esc_html(sprintf(/* translators: %s: the error */ __('The message could not be written out: %s', 'php-smtp'), $e->getMessage())), '', ['response' => 500]);
        }
        nocache_headers();
        header('Content-Type: message/rfc822');
        header('Content-Disposition: attachment; filename="php-smtp-' . (int)$row['id'] . '.eml"');
        header('X-Content-Type-Options: nosniff');
        echo $eml;
        exit;
    }

    /* The message as RFC 5322 text with CRLF line ends. */
    public static function render(array $m, array $row): string
    {
        if (isset($m['raw']) && is_string($m['raw'])) {
            return $m['raw'];
        }
        require_once ABSPATH . WPINC . '/PHPMailer/PHPMailer.php';
        require_once ABSPATH . WPINC . '/PHPMailer/Exception.php';
        $p = new \PHPMailer\PHPMailer\PHPMailer(true);
        $p->Mailer = 'smtp';   /* To and Subject in the header, no Bcc line */
        $p->CharSet = 'UTF-8';
        $p->XMailer = (string)($m['headers']['X-Mailer'] ?? ' ');   /* ' ': none, as sent */
        $p->setFrom((string)$m['from']['email'], (string)($m['from']['name'] ?? ''), false);
        $add = ['to' => 'addAddress', 'cc' => 'addCC', 'bcc' => 'addBCC', 'reply_to' => 'addReplyTo'];
        foreach ($add as $key => $method) {
            foreach ($m[$key] ?? [] as $a) {
                is_array($a) ? $p->$method((string)$a['email'], (string)($a['name'] ?? '')) : $p->$method((string)$a);
            }
        }
        if (isset($m['sender']['email'])) $p->Sender = (string)$m['sender']['email'];
        $p->Subject = (string)($m['subject'] ?? '');
        if (isset($m['html'])) {
            $p->isHTML(true);
            $p->Body = (string)$m['html'];
            $p->AltBody = (string)($m['text'] ?? '');
        } else {
            $p->Body = (string)($m['text'] ?? '');
        }
        $p->AllowEmpty = true;
        foreach ($m['headers'] ?? [] as $name => $value) {
            if (strcasecmp((string)$name, 'Message-ID') === 0 || strcasecmp((string)$name, 'X-Mailer') === 0) continue;
            $p->addCustomHeader((string)$name, (string)$value);
        }
        $id = (string)($row['message_id'] ?? '');
        if ($id !== '') $p->MessageID = str_starts_with($id, '<') ? $id : "<$id>";
        $p->MessageDate = gmdate('D, j M Y H:i:s', strtotime($row['created_at'] . ' UTC')) . ' +0000';
        foreach ($m['attachments'] ?? [] as $a) {
            $name = (string)($a['name'] ?? (isset($a['path']) ? basename((string)$a['path']) : 'attachment'));
            $type = (string)($a['type'] ?? '');
            $data = isset($a['data']) ? (string)$a['data'] : (is_readable((string)($a['path'] ?? '')) ? (string)file_get_contents((string)$a['path']) : null);
            if ($data === null) {
                $p->Body .= "\n\n[" . sprintf(/* translators: %s: a file name */ __('attachment %s: its file is no longer kept', 'php-smtp'), $name) . ']';
                continue;
            }
            isset($a['cid']) ? $p->addStringEmbeddedImage($data, (string)$a['cid'], $name, 'base64', $type) : $p->addStringAttachment($data, $name, 'base64', $type);
        }
        $p->preSend();
        return $p->getSentMIMEMessage();
    }
}
