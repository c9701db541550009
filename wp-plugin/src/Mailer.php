<?php
/*
 * Mailer: the pre_wp_mail filter. Maps the message, sends it through the
 * extension (primary connection, then the fallback), logs the outcome with the
 * transcript, and fires wp_mail_succeeded / wp_mail_failed as core does. A
 * temporary failure goes to the outbox; a message whose outcome is unknown
 * (connection lost after the final dot) is marked so, never resent blindly.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Mailer
{
    /* The transport array for the primary ("primary") or fallback connection; null when not configured. */
    public static function transport(string $which = 'primary', ?array $s = null): ?array
    {
        $s = $s ?? Settings::all();
        $p = $which === 'fallback' ? 'fallback_' : '';
        $host = (string)($s[$p . 'host'] ?? '');
        if ($host === '') return null;
        $t = ['host' => $host, 'port' => (int)($s[$p . 'port'] ?: 587), 'security' => $s[$p . 'security'] ?: 'starttls',
              'timeout' => max(1, (int)$s['timeout']), 'transcript' => true];
        if ($which === 'primary' && $s['auth'] === 'xoauth2') {
            $t['auth'] = 'xoauth2';
            $t['username'] = $s['oauth_account'] ?: $s['username'];
            $t['oauth'] = ['store' => OAuth::store(), 'account' => OAuth::ACCOUNT];
        } else {
            if (($s[$p . 'username'] ?? '') !== '') {
                $t['username'] = $s[$p . 'username'];
                $t['password'] = (string)$s[$p . 'password'];
            }
            if ($which === 'primary' && in_array($s['auth'], ['plain', 'login', 'none'], true)) {
                $t['auth'] = $s['auth'];
            }
        }
        $cafile = $s['cafile'] ?? '';
        if ($cafile !== '') $t['cafile'] = $cafile;
        return $t;
    }

    public static function pre_wp_mail($return, array $atts)
    {
        if ($return !== null || !self::transport()) {
            return $return;   /* another plugin decided, or nothing is configured: core's mailer */
        }
        if (Settings::get('background') && !wp_doing_cron()) {
            /* the page does not wait for the SMTP server: WP-Cron sends it, within the minute */
            $id = Log::add($atts, 'queued', ['next_attempt_at' => Log::now()]);
            if ($id > 0) {
                $copy = self::kept_copy($id, $atts);
                if ($copy) Log::update($id, $copy);
                if (!defined('DISABLE_WP_CRON') || !DISABLE_WP_CRON) {
                    spawn_cron();
                }
                return true;
            }
            /* it cannot be queued (Log::add said why in the error log): send it now */
        }
        return self::deliver($atts, 0);
    }

    /*
     * Sends (or re-sends, for $log_id) one wp_mail() call. true when sent or queued
     * for retry, false on a permanent failure.
     */
    public static function deliver(array $atts, int $log_id, bool $from_outbox = false): bool
    {
        $settings = Settings::all();
        $id = $log_id ?: Log::add($atts, 'sending');
        try {
            $message = MailMapper::map($atts, $settings);
        } catch (\Throwable $e) {
            return self::failed($id, $atts, $e->getMessage(), [], false, 0);
        }
        $last = null;
        foreach (['primary', 'fallback'] as $which) {
            $transport = self::transport($which, $settings);
            if (!$transport) continue;
            try {
                $r = smtp_send($message, $transport);
                Log::update($id, ['status' => 'sent', 'message_id' => $r['message_id'], 'server_reply' => $r['response'],
                                  'transcript' => implode("\n", $r['transcript'] ?? []), 'connection' => $which,
                                  'attempts' => self::attempts($id) + 1, 'next_attempt_at' => null, 'lease_until' => null]);
                Spool::release($id);   /* delivered: the outbox's copies of its attachments go */
                do_action('wp_mail_succeeded', $atts);
                return true;
            } catch (\Smtp\Exception $e) {
                $last = $e;
                if ($e->isOutcomeUnknown()) {
                    /* maybe delivered: trying the fallback could send it twice */
                    Log::update($id, self::kept_copy($id, $atts) + ['status' => 'unknown', 'server_reply' => $e->getMessage(),
                                      'transcript' => implode("\n", $e->getTranscript()), 'connection' => $which,
                                      'attempts' => self::attempts($id) + 1, 'lease_until' => null]);
                    return true;
                }
            } catch (\ValueError | \TypeError $e) {
                return self::failed($id, $atts, $e->getMessage(), [], false, 0);
            }
        }
        $transcript = $last ? $last->getTranscript() : [];
        return self::failed($id, $atts, $last ? $last->getMessage() : 'no connection configured', $transcript,
                            $last && $last->isTemporary(), $last ? $last->getSmtpCode() : 0);
    }

    private static function attempts(int $id): int
    {
        $row = Log::get($id);
        return $row ? (int)$row['attempts'] : 0;
    }

    /* The log row's copy of the message, with its attachments copied into the Spool (retry, resend). */
    private static function kept_copy(int $id, array $atts): array
    {
        $kept = Spool::keep($id, $atts);
        return $kept === $atts ? [] : ['mail' => Log::pack($kept)];
    }

    private static function failed(int $id, array $atts, string $why, array $transcript, bool $temporary, int $code): bool
    {
        if ($id <= 0 && $temporary) {
            /* without its log row the outbox cannot keep it: say so instead of pretending */
            $why .= ' ' . sprintf(/* translators: %s: the database's error */ __('(not kept for a retry: the php-smtp log could not be written: %s)', 'php-smtp'), Log::$last_error);
            $temporary = false;
        }
        $attempts = self::attempts($id) + 1;
        $fields = self::kept_copy($id, $atts) + ['server_reply' => $why, 'transcript' => implode("\n", $transcript), 'attempts' => $attempts, 'lease_until' => null];
        if ($temporary && $attempts < Outbox::MAX_ATTEMPTS) {
            Log::update($id, $fields + ['status' => 'queued', 'next_attempt_at' => Outbox::next_attempt($attempts)]);
            return true;   /* kept, and retried by WP-Cron: never lost */
        }
        Log::update($id, $fields + ['status' => 'failed', 'next_attempt_at' => null]);
        do_action('wp_mail_failed', new \WP_Error('wp_mail_failed', $why, $atts + ['smtp_code' => $code, 'log_id' => $id]));
        return false;
    }
}
