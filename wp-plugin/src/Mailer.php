<?php
/*
 * Mailer: sends the message core's wp_mail() prepared (PhpSmtp\PHPMailer
 * hands it over fully resolved) through the extension: primary connection,
 * then the fallback, each an Smtp\Client kept for the whole request so an
 * order's three mails share one connection. Logs the outcome with the
 * transcript. A temporary failure goes to the outbox; a message whose outcome
 * is unknown (connection lost after the final dot) is marked so, never resent
 * blindly. What wp_mail() returns for each outcome is in readme.txt.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Mailer
{
    /* true: the next sends go through core's own PHPMailer (the fallback warning). */
    public static bool $bypass = false;
    /* true: send now even when background sending is on (the test email). */
    public static bool $now = false;
    /* The last send's outcome, for the caller and the wp_mail_failed payload. */
    public static array $failure = [];
    public static string $last_message_id = '';
    public static int $last_log_id = 0;
    /* the arguments of the wp_mail() call being sent (after the wp_mail filter) */
    private static array $call = [];
    /** @var array<string, \Smtp\Client> */
    private static array $clients = [];

    public static function hooks(): void
    {
        /* the wp_mail filter runs before core looks at $phpmailer: ours is in place for every call */
        add_filter('wp_mail', [self::class, 'take_call'], PHP_INT_MAX);
        add_filter('wp_mail_from', [self::class, 'from'], 1);
        add_filter('wp_mail_from_name', [self::class, 'from_name'], 1);
        add_action('wp_mail_failed', [self::class, 'add_failure_data'], PHP_INT_MIN);
        add_action('shutdown', [self::class, 'close']);
    }

    public static function take_call($atts)
    {
        if (self::configured() && !self::$bypass) {
            PHPMailer::install();
            self::$call = is_array($atts) ? $atts : [];
        }
        return $atts;
    }

    /* The settings' From replaces core's default (wordpress@host), or every From when forced. */
    public static function from($email)
    {
        $s = Settings::all();
        return $s['from'] !== '' && (!empty($s['force_from']) || $email === self::default_from()) ? $s['from'] : $email;
    }

    public static function from_name($name)
    {
        $s = Settings::all();
        return $s['from_name'] !== '' && (!empty($s['force_from']) || $name === 'WordPress') ? $s['from_name'] : $name;
    }

    /* Core's default: wordpress@ + the site's host name without "www." */
    public static function default_from(): string
    {
        $host = strtolower((string)wp_parse_url(network_home_url(), PHP_URL_HOST));
        if (str_starts_with($host, 'www.')) $host = substr($host, 4);
        return 'wordpress@' . $host;
    }

    /* core's WP_Error data keys, plus what the server said and the log row */
    public static function add_failure_data($error): void
    {
        if (!self::$failure || !($error instanceof \WP_Error)) return;
        $data = $error->get_error_data('wp_mail_failed');
        $error->add_data((is_array($data) ? $data : []) + self::$failure, 'wp_mail_failed');
        self::$failure = [];
    }

    /*
     * True when the primary connection is set up (SMTP with a host, or an API): the
     * plugin sends. Never throws: a connection set up wrong is named by deliver().
     */
    public static function configured(): bool
    {
        return Transports::kind('primary', Settings::all()) !== null;
    }

    /*
     * The transport array for the primary ("primary") or fallback connection (SMTP or an
     * HTTPS API); null when not configured. Throws ValueError for one set up wrong.
     */
    public static function transport(string $which = 'primary', ?array $s = null): ?array
    {
        return Transports::build($which, $s ?? Settings::all());
    }

    /*
     * One message from wp_mail(): true when sent, queued for a retry, handed to
     * background sending or of unknown outcome; else the reason it failed.
     */
    public static function send(array $message, array $skipped)
    {
        $wp = self::$call;
        self::$call = [];
        $note = $skipped ? ['server_reply' => 'core skipped: ' . implode('; ', $skipped)] : [];
        if (Settings::get('background') && !wp_doing_cron() && !self::$now) {
            /* the page does not wait for the SMTP server: WP-Cron sends it, within the minute */
            $id = Log::add($message, $wp, 'queued', $note + ['next_attempt_at' => Log::now()]);
            if ($id > 0) {
                self::$last_log_id = $id;
                self::keep_copy($id, $message, $wp);
                if (!defined('DISABLE_WP_CRON') || !DISABLE_WP_CRON) spawn_cron();
                return true;
            }
            /* it cannot be queued (Log::add said why in the error log): send it now */
        }
        return self::deliver($message, $wp, 0, $note['server_reply'] ?? '');
    }

    /*
     * Sends (or re-sends, for $log_id) one resolved message: true when sent,
     * queued for a retry or of unknown outcome; else the reason it failed for good.
     */
    public static function deliver(array $message, array $wp, int $log_id, string $note = '')
    {
        $settings = Settings::all();
        $id = $log_id;   /* a fresh message gets its log row with its outcome: one write, not two */
        $attempts = $log_id ? self::attempts($id) + 1 : 1;
        self::$failure = [];
        $tried = [];   /* connection => [transport's name, its error, the Smtp\Exception or null] */
        foreach (['primary', 'fallback'] as $which) {
            $transport = null;
            try {
                $transport = self::transport($which, $settings);
                if (!$transport) continue;
                [$m, $api_note] = self::for_transport($message, $transport);
                $r = self::client($which, $transport)->send($m);
                if (isset($message['raw']) && preg_match('/^Message-ID:[ \t]*(<[^>\r\n]+>)/mi', $message['raw'], $x)) {
                    $r['message_id'] = $x[1];   /* a raw message carries its own */
                }
                $notes = array_filter([$note, $api_note]);
                $reply = $r['response'] . self::refused($r['rejected'] ?? []) . ($notes ? ' (' . implode('; ', $notes) . ')' : '');
                self::record($id, $message, $wp, ['status' => 'sent', 'message_id' => $r['message_id'], 'server_reply' => $reply,
                                  'transcript' => implode("\n", $r['transcript'] ?? []), 'connection' => $which, 'transport' => Transports::describe($transport),
                                  'attempts' => $attempts, 'next_attempt_at' => null, 'lease_until' => null]);
                if ($log_id) Spool::release($id);   /* delivered: the outbox's copies of its attachments go */
                Log::drop_bodies($id);
                self::$last_message_id = $r['message_id'];
                if ($log_id) do_action('php_smtp_sent', $id, $r);   /* a retry from the outbox went through */
                if ($which === 'fallback') do_action('php_smtp_fallback_used', $id, $tried['primary'][1] ?? '');   /* Alerts */
                return true;
            } catch (\Smtp\Exception $e) {
                $tried[$which] = [Transports::describe($transport), $e->getMessage(), $e];
                if ($e->isOutcomeUnknown()) {
                    /* maybe delivered: trying the fallback could send it twice */
                    self::record($id, $message, $wp, ['status' => 'unknown', 'message_id' => (string)$e->getMessageId(), 'server_reply' => $e->getMessage(),
                                      'transcript' => implode("\n", $e->getTranscript()), 'connection' => $which,
                                      'transport' => Transports::describe($transport), 'attempts' => $attempts, 'lease_until' => null]);
                    self::keep_copy($id, $message, $wp);
                    Log::drop_bodies($id);
                    return true;
                }
            } catch (\ValueError | \TypeError | \RuntimeException $e) {
                /* bad input (the fallback refuses it too, sending nothing), a connection set up
                 * wrong (the fallback may be right), or no private folder for the token store */
                $tried[$which] = [$transport ? Transports::describe($transport) : Transports::name($which, $settings), $e->getMessage(), null];
            }
        }
        if (!$tried) {
            return self::failed($id, $attempts, $message, $wp, 'no connection configured', ['deferred' => $log_id > 0]);
        }
        [$name, $why, $e] = $tried[array_key_last($tried)];
        if (count($tried) === 2 && $tried['primary'][1] !== $why) {
            $why .= ' ' . sprintf(/* translators: 1: the primary connection's transport, 2: its error */ __('(the primary connection, %1$s, failed first: %2$s)', 'php-smtp'), $tried['primary'][0], $tried['primary'][1]);
        }
        /* worth a retry when either connection may work later (a server down, a 4xx, a 429) */
        $temporary = (bool)array_filter($tried, fn($t) => $t[2] && $t[2]->isTemporary());
        $e = $e ?? ($tried['primary'][2] ?? null);
        return self::failed($id, $attempts, $message, $wp, $why, [
            'transcript' => $e ? $e->getTranscript() : [], 'message_id' => $e ? (string)$e->getMessageId() : '', 'temporary' => $temporary, 'deferred' => $log_id > 0, 'transport' => $name,
            'smtp_code' => $e ? $e->getSmtpCode() : 0, 'http_status' => $e ? $e->getHttpStatus() : 0,
            'retry_after' => max(array_map(fn($t) => $t[2] ? (int)$t[2]->getRetryAfter() : 0, $tried)),
        ]);
    }

    /*
     * The message as transport $t takes it, and a note for the log. The HTTPS APIs
     * set the envelope sender (Return-Path) themselves: a Sender set by a plugin
     * cannot travel, and the log says so instead of failing the message.
     */
    private static function for_transport(array $message, array $t): array
    {
        if (!isset($t['api']) || !isset($message['envelope_from'])) return [$message, ''];
        $sender = (string)$message['envelope_from'];
        unset($message['envelope_from']);
        return [$message, sprintf(/* translators: 1: an address, 2: the API */ __('envelope sender %1$s not used: %2$s sets its own', 'php-smtp'), $sender, Transports::describe($t))];
    }

    /* Writes the outcome into row $id, or adds the row (setting $id) for a message sent the first time. */
    private static function record(int &$id, array $message, array $wp, array $fields): void
    {
        if ($id > 0) {
            Log::update($id, $fields);
        } else {
            $id = Log::add($message, $wp, $fields['status'], $fields);
        }
        self::$last_log_id = $id;
    }

    /* One connection per configuration for the whole request. */
    private static function client(string $which, array $transport): \Smtp\Client
    {
        $oauth = $transport['oauth'] ?? null;
        $key = $which . ':' . hash('sha256', serialize(array_diff_key($transport, ['oauth' => 1])) . ($oauth ? OAuth::store_path() : ''));
        return self::$clients[$key] ??= new \Smtp\Client($transport);
    }

    public static function close(): void
    {
        foreach (self::$clients as $c) {
            try {
                $c->close();
            } catch (\Throwable $e) {
                /* QUIT is a courtesy: the message went already */
            }
        }
        self::$clients = [];
    }

    /* "; refused: a@b (550 …)" for recipients the server refused while accepting others */
    private static function refused(array $rejected): string
    {
        if (!$rejected) return '';
        $who = [];
        foreach ($rejected as $addr => $why) $who[] = "$addr ($why)";
        return '; refused by the server: ' . implode(', ', $who);
    }

    private static function attempts(int $id): int
    {
        $row = Log::get($id);
        return $row ? (int)$row['attempts'] : 0;
    }

    /* The log row keeps the message with its attachments copied into the Spool (retry, resend). */
    private static function keep_copy(int $id, array $message, array $wp): void
    {
        $kept = Spool::keep($id, $message);
        if ($kept !== $message) Log::update($id, ['mail' => Log::pack($kept, $wp)]);
    }

    /*
     * $how: transcript, message_id (of the last try, '' when none was built), temporary
     * (worth a retry), deferred (from the outbox), transport (its name for the log),
     * smtp_code, http_status, retry_after (seconds).
     */
    private static function failed(int $id, int $attempts, array $message, array $wp, string $why, array $how)
    {
        $how += ['transcript' => [], 'temporary' => false, 'deferred' => false, 'transport' => '', 'smtp_code' => 0, 'http_status' => 0, 'retry_after' => 0];
        $fields = ['server_reply' => $why, 'transcript' => implode("\n", $how['transcript']), 'attempts' => $attempts, 'lease_until' => null, 'transport' => $how['transport']];
        if (!empty($how['message_id'])) $fields['message_id'] = $how['message_id'];   /* to search the server's logs for */
        if ($how['temporary'] && $attempts < Outbox::MAX_ATTEMPTS) {
            self::record($id, $message, $wp, $fields + ['status' => 'queued', 'next_attempt_at' => Outbox::next_attempt($attempts, $how['retry_after'])]);
            if ($id > 0) {
                self::keep_copy($id, $message, $wp);
                return true;   /* kept, and retried by WP-Cron: never lost */
            }
            /* without its log row the outbox cannot keep it: say so instead of pretending */
            $why = $fields['server_reply'] .= ' ' . sprintf(/* translators: %s: the database's error */ __('(not kept for a retry: the php-smtp log could not be written: %s)', 'php-smtp'), Log::$last_error);
        }
        self::record($id, $message, $wp, $fields + ['status' => 'failed', 'next_attempt_at' => null]);
        Log::drop_bodies($id);
        self::$failure = ['smtp_code' => $how['smtp_code'], 'http_status' => $how['http_status'], 'smtp_response' => $why, 'log_id' => $id];
        if ($how['deferred']) {
            /* from the outbox (WP-Cron), long after wp_mail() returned: core's action, fired here */
            $to = $wp['to'] ?? [];
            do_action('wp_mail_failed', new \WP_Error('wp_mail_failed', $why, ['to' => is_array($to) ? $to : explode(',', (string)$to)] + $wp));
        }
        return $why;
    }
}
