<?php
/*
 * MailMapper: what wp_mail() accepts (wp-includes/pluggable.php) turned into
 * the extension's message array, honouring wp_mail_from, wp_mail_from_name,
 * wp_mail_content_type and wp_mail_charset as core does.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class MailMapper
{
    /* Splits "a@b, Name <c@d>" (commas inside quotes kept), as core's wp_mail does for headers. */
    public static function address_list($value): array
    {
        if (is_array($value)) {
            $out = [];
            foreach ($value as $v) $out = array_merge($out, self::address_list($v));
            return $out;
        }
        $parts = [];
        $buf = '';
        $quoted = false;
        foreach (str_split((string)$value) as $ch) {
            if ($ch === '"') $quoted = !$quoted;
            if ($ch === ',' && !$quoted) { $parts[] = $buf; $buf = ''; continue; }
            $buf .= $ch;
        }
        $parts[] = $buf;
        return array_values(array_filter(array_map('trim', $parts), 'strlen'));
    }

    /* Headers as a string or a list of "Name: value" lines → [lowercase name => [values]] and the raw names. */
    public static function parse_headers($headers): array
    {
        if (!is_array($headers)) {
            $headers = explode("\n", str_replace("\r\n", "\n", (string)$headers));
        }
        $parsed = [];
        foreach ($headers as $key => $line) {
            if (!is_int($key)) {   /* ['Name' => 'value'] as some plugins pass */
                $line = "$key: $line";
            }
            $line = trim((string)$line);
            if ($line === '' || strpos($line, ':') === false) continue;
            [$name, $value] = array_map('trim', explode(':', $line, 2));
            $parsed[] = [$name, $value];
        }
        return $parsed;
    }

    /* "text/html; charset=UTF-8; boundary=x" → [type, charset] */
    private static function content_type(string $value): array
    {
        $parts = array_map('trim', explode(';', $value));
        $type = strtolower(array_shift($parts));
        $charset = '';
        foreach ($parts as $p) {
            if (stripos($p, 'charset=') === 0) $charset = trim(substr($p, 8), '"\'');
        }
        return [$type, $charset];
    }

    /* Splits "Name <a@b>" into [email, name]. */
    public static function split_address(string $value): array
    {
        if (preg_match('/^(.*)<(.+)>\s*$/s', $value, $m)) {
            return [trim($m[2]), trim(trim($m[1]), '"')];
        }
        return [trim($value), ''];
    }

    public static function map(array $atts, array $settings): array
    {
        $to = self::address_list($atts['to'] ?? []);
        $message = ['to' => $to, 'subject' => (string)($atts['subject'] ?? '')];
        $content_type = 'text/plain';
        $charset = '';
        $from_email = '';
        $from_name = '';
        $extra = [];
        foreach (self::parse_headers($atts['headers'] ?? []) as [$name, $value]) {
            switch (strtolower($name)) {
            case 'from':
                [$from_email, $from_name] = self::split_address($value);
                break;
            case 'content-type':
                if (stripos($value, 'multipart') === 0) break;   /* core leaves multipart bodies to the caller; we build MIME ourselves */
                [$content_type, $charset] = self::content_type($value);
                break;
            case 'cc':
                $message['cc'] = array_merge($message['cc'] ?? [], self::address_list($value));
                break;
            case 'bcc':
                $message['bcc'] = array_merge($message['bcc'] ?? [], self::address_list($value));
                break;
            case 'reply-to':
                $message['reply_to'] = array_merge($message['reply_to'] ?? [], self::address_list($value));
                break;
            case 'mime-version': case 'content-transfer-encoding': case 'to': case 'subject': case 'date':
                break;   /* the extension writes these */
            default:
                $extra[$name] = $value;
            }
        }
        /* Core's defaults and filters, in core's order. */
        if ($from_email === '') {
            $from_email = $settings['from'] ?: self::default_from();
        } elseif (!empty($settings['force_from']) && $settings['from']) {
            $from_email = $settings['from'];
        }
        if ($from_name === '') {
            $from_name = $settings['from_name'] ?: 'WordPress';
        }
        $from_email = apply_filters('wp_mail_from', $from_email);
        $from_name = apply_filters('wp_mail_from_name', $from_name);
        $message['from'] = ['email' => $from_email, 'name' => $from_name];
        $content_type = apply_filters('wp_mail_content_type', $content_type);
        $charset = apply_filters('wp_mail_charset', $charset ?: get_bloginfo('charset'));
        $body = (string)($atts['message'] ?? '');
        if ($charset && strcasecmp($charset, 'UTF-8') !== 0) {
            $body = self::to_utf8($body, $charset);   /* the extension sends UTF-8 */
        }
        if (stripos($content_type, 'text/html') === 0) {
            $message['html'] = $body;
        } else {
            $message['text'] = $body;
        }
        if ($extra) {
            $message['headers'] = $extra;
        }
        foreach (self::attachments($atts) as $name => $path) {
            $a = ['path' => $path];
            if (is_string($name) && $name !== '') $a['name'] = $name;   /* WordPress 6.2+: custom file names as keys */
            $message['attachments'][] = $a;
        }
        return $message;
    }

    /* wp_mail()'s attachments (an array, or a string with one path per line): [name or index => path]. */
    public static function attachments(array $atts): array
    {
        $attachments = $atts['attachments'] ?? [];
        if (!is_array($attachments)) {
            $attachments = explode("\n", str_replace("\r\n", "\n", (string)$attachments));
        }
        $list = [];
        foreach ($attachments as $name => $path) {
            $path = trim((string)$path);
            if ($path !== '') $list[$name] = $path;
        }
        return $list;
    }

    private static function to_utf8(string $text, string $charset): string
    {
        if (function_exists('mb_convert_encoding')) {
            $converted = @mb_convert_encoding($text, 'UTF-8', $charset);
        } elseif (function_exists('iconv')) {
            $converted = @iconv($charset, 'UTF-8//IGNORE', $text);
        }
        if (!isset($converted) && in_array(strtoupper($charset), ['ISO-8859-1', 'LATIN1'], true)) {
            /* without mbstring or iconv: Latin-1 bytes are the first 256 code points */
            $converted = preg_replace_callback('/[\x80-\xFF]/', static function ($m) {
                $c = ord($m[0]);
                return chr(0xC0 | ($c >> 6)) . chr(0x80 | ($c & 0x3F));
            }, $text);
        }
        return isset($converted) && is_string($converted) ? $converted : $text;
    }

    /* Core's default: wordpress@ + the site's host name without "www." */
    public static function default_from(): string
    {
        $host = strtolower((string)wp_parse_url(network_home_url(), PHP_URL_HOST));
        if (str_starts_with($host, 'www.')) $host = substr($host, 4);
        return 'wordpress@' . $host;
    }
}
