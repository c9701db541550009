<?php
/*
 * PHPMailer: core's PHPMailer with its sending step replaced. WordPress's own
 * wp_mail() (wp-includes/pluggable.php) parses the arguments, applies every
 * filter, fills this object and fires phpmailer_init exactly as without the
 * plugin; send() then turns the object's final state into the extension's
 * message array and hands it to the Mailer. PHPMailer's MIME building is not
 * used, except for what the extension cannot express (a caller-built multipart
 * body, another content type, DKIM, iCal, bytes that are not text in the
 * charset): then PHPMailer's own header and body go through the extension's
 * "raw" path unchanged.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

require_once ABSPATH . WPINC . '/PHPMailer/PHPMailer.php';
require_once ABSPATH . WPINC . '/PHPMailer/SMTP.php';
require_once ABSPATH . WPINC . '/PHPMailer/Exception.php';

use PHPMailer\PHPMailer\Exception as MailerException;

class PHPMailer extends \PHPMailer\PHPMailer\PHPMailer
{
    /* Headers the extension writes itself from the message's keys. */
    private const OWNED = ['from', 'to', 'cc', 'bcc', 'reply-to', 'subject', 'date', 'mime-version', 'content-type', 'content-transfer-encoding', 'message-id', 'x-mailer'];

    /* What core skipped silently in this wp_mail() call (invalid addresses, missing files), for the log. */
    public array $skipped = [];

    /* Makes this the global $phpmailer wp_mail() uses (core keeps one that is already a PHPMailer). */
    public static function install(): void
    {
        global $phpmailer;
        if ($phpmailer instanceof self) return;
        $phpmailer = new self(true);
        /* what core sets when it creates its own (pluggable.php) */
        self::$validator = static fn($email) => (bool)is_email($email);
    }

    /* core calls this first in every wp_mail(): a fresh list of what it skips */
    public function clearAllRecipients()
    {
        $this->skipped = [];
        parent::clearAllRecipients();
    }

    protected function setError($msg)
    {
        $this->skipped[] = (string)$msg;
        parent::setError($msg);
    }

    /* Sends through the plugin; throws (as core's PHPMailer does) when the message is not sent. */
    public function send()
    {
        if (Mailer::$bypass || !Mailer::configured()) return parent::send();   /* core's own way */
        $skipped = $this->skipped;
        try {
            $message = $this->message();
        } catch (MailerException $e) {
            $this->setError($e->getMessage());
            throw $e;
        }
        $outcome = Mailer::send($message, $skipped);
        if ($outcome !== true) {
            $this->setError($outcome);
            throw new MailerException($outcome, Mailer::$failure['smtp_code'] ?? 0);
        }
        $this->lastMessageID = Mailer::$last_message_id;
        return true;
    }

    /* The object's final state as smtp_send()'s message array. */
    public function message(): array
    {
        $this->check();
        $utf8 = $this->utf8(...);
        $m = ['from' => ['email' => $this->From, 'name' => $utf8($this->FromName)]];
        foreach (['to' => $this->to, 'cc' => $this->cc, 'bcc' => $this->bcc, 'reply_to' => $this->ReplyTo] as $key => $list) {
            foreach ($list as [$email, $name]) {
                $m[$key][] = ['email' => $email, 'name' => $utf8($name)];
            }
        }
        if ($this->Sender !== '') $m['envelope_from'] = $this->Sender;
        if ($this->needs_raw()) {
            return $this->raw($m);
        }
        $m['subject'] = $utf8($this->secureHeader(trim($this->Subject)));
        if ($this->AltBody !== '') {   /* PHPMailer: an AltBody makes Body the HTML part, whatever ContentType says */
            $m['text'] = $utf8($this->AltBody);
            $m['html'] = $utf8($this->Body);
        } elseif (strtolower($this->ContentType) === 'text/html') {
            $m['html'] = $utf8($this->Body);
        } else {
            $m['text'] = $utf8($this->Body);
        }
        $headers = $this->headers($m);
        if ($headers) $m['headers'] = $headers;
        foreach ($this->attachment as $a) {
            $m['attachments'][] = self::attachment_of($a);
        }
        return $m;
    }

    /* preSend()'s checks: IDN recipients, at least one recipient, valid From and Sender. */
    private function check(): void
    {
        foreach (array_merge($this->RecipientsQueue, $this->ReplyToQueue) as $params) {
            $params[1] = $this->punyencodeAddress($params[1]);
            call_user_func_array([$this, 'addAnAddress'], $params);
        }
        $this->RecipientsQueue = $this->ReplyToQueue = [];
        if (count($this->to) + count($this->cc) + count($this->bcc) < 1) {
            throw new MailerException($this->lang('provide_address'), self::STOP_CRITICAL);
        }
        foreach (['From', 'Sender'] as $kind) {
            $this->{$kind} = $this->punyencodeAddress(trim($this->{$kind}));
            if ($this->{$kind} !== '' && !static::validateAddress($this->{$kind})) {
                throw new MailerException(sprintf('%s (%s): %s', $this->lang('invalid_address'), $kind, $this->{$kind}));
            }
        }
        if (!$this->AllowEmpty && empty($this->Body)) {
            throw new MailerException($this->lang('empty_message'), self::STOP_CRITICAL);
        }
    }

    /* What only PHPMailer's own MIME writer says as core would. */
    private function needs_raw(): bool
    {
        $type = strtolower($this->ContentType);
        if ($this->AltBody === '' && !in_array($type, ['text/plain', 'text/html'], true)) return true;   /* multipart/… with the caller's boundary, text/calendar… */
        if ($this->DKIM_domain !== '' || $this->Ical !== '') return true;
        if (!$this->charset_is_utf8()) return $this->utf8('a') === null;   /* a charset nothing here converts */
        foreach ([$this->Body, $this->AltBody, $this->Subject, $this->FromName] as $s) {
            if (!preg_match('//u', $s)) return true;   /* bytes labelled UTF-8 that are not: sent as they are */
        }
        return false;
    }

    /* The message as PHPMailer writes it (its header and body), sent as it is. */
    private function raw(array $m): array
    {
        $mailer = $this->Mailer;
        $this->Mailer = 'smtp';   /* To and Subject in the header, no Bcc line */
        try {
            if (!parent::preSend()) throw new MailerException($this->ErrorInfo);
        } finally {
            $this->Mailer = $mailer;
        }
        unset($m['reply_to']);
        $m['raw'] = $this->getSentMIMEMessage();
        return $m;
    }

    private function headers(array &$m): array
    {
        $h = [];
        foreach ($this->CustomHeader as [$name, $value]) {
            $lower = strtolower($name);
            if ($lower === 'sender') {   /* a Sender: header (core passes it on as a custom header) */
                [$email, $display] = self::split($value);
                $m['sender'] = ['email' => $email, 'name' => $this->utf8($display)];
            } elseif (in_array($lower, self::OWNED, true)) {
                $this->skipped[] = "header $name: set by the mailer";
            } else {
                $h[$name] = isset($h[$name]) ? $h[$name] . ', ' . $value : $value;
            }
        }
        if ($this->MessageID !== '' && preg_match('/^<[^<>@\s]+@[^<>@\s]+>$/', $this->MessageID)) {
            $h['Message-ID'] = $this->MessageID;
        }
        if (trim($this->XMailer) !== '') $h['X-Mailer'] = trim($this->XMailer);
        if ($this->Priority !== null) $h['X-Priority'] = (string)$this->Priority;
        if ($this->ConfirmReadingTo !== '') $h['Disposition-Notification-To'] = '<' . $this->ConfirmReadingTo . '>';
        return $h;
    }

    /* PHPMailer's attachment entry [path or bytes, file name, name, encoding, type, is string, disposition, cid]. */
    private static function attachment_of(array $a): array
    {
        $out = $a[5] ? ['data' => $a[0]] : ['path' => $a[0]];
        if ($a[2] !== '') $out['name'] = $a[2];
        if ($a[4] !== '') $out['type'] = $a[4];
        if ($a[6] === 'inline' && $a[7] !== '') $out['cid'] = $a[7];
        return $out;
    }

    private static function split(string $value): array
    {
        if (preg_match('/^(.*)<(.+)>\s*$/s', $value, $x)) return [trim($x[2]), trim(trim($x[1]), '"')];
        return [trim($value), ''];
    }

    private function charset_is_utf8(): bool
    {
        return in_array(strtolower($this->CharSet), ['utf-8', 'utf8'], true);
    }

    /*
     * The extension writes UTF-8: text in another charset is converted, so the
     * reader sees the same characters. null when no converter knows the charset.
     */
    private function utf8(string $s): ?string
    {
        if ($this->charset_is_utf8()) return $s;
        $from = $this->CharSet;
        if (function_exists('mb_convert_encoding') && in_array(strtolower($from), array_map('strtolower', mb_list_encodings()), true)) {
            return mb_convert_encoding($s, 'UTF-8', $from);
        }
        if (function_exists('iconv') && ($c = @iconv($from, 'UTF-8', $s)) !== false) return $c;
        if (in_array(strtolower($from), ['iso-8859-1', 'latin1'], true)) {   /* Latin-1 bytes are the first 256 code points */
            return preg_replace_callback('/[\x80-\xFF]/', static fn($x) => chr(0xC0 | (ord($x[0]) >> 6)) . chr(0x80 | (ord($x[0]) & 0x3F)), $s);
        }
        return null;
    }
}
