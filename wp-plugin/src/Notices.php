<?php
/*
 * Notices: what an administrator must know on every admin page: the extension
 * is missing, OAuth needs a new consent (and an email about it through any
 * path that still works), the refresh token's known expiry, queued mail.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Notices
{
    private const SEEN_META = 'php_smtp_failed_seen';

    public static function hooks(): void
    {
        add_action('admin_notices', [self::class, 'show']);
        add_action('network_admin_notices', [self::class, 'show']);
        add_action(Outbox::HOOK, [self::class, 'warn_by_email']);
    }

    public static function show(): void
    {
        if (!Guard::can()) return;
        if (!extension_loaded('smtp')) {
            self::notice('warning', __('php-smtp: the smtp PHP extension is not loaded, so WordPress is still sending mail with its built-in mailer. Install it (phpize && ./configure && make install, then extension=smtp in php.ini) and reload PHP.', 'php-smtp'));
            return;
        }
        if (!PrivateDir::available()) self::notice('error', PrivateDir::problem());
        $st = Transports::uses_oauth(Settings::all()) ? OAuth::status() : null;
        if ($st && $st['needs_reauthorization']) {
            self::notice('error', sprintf(/* translators: %s: the provider's error, e.g. invalid_grant */ __('php-smtp: mail is NOT being sent: the OAuth grant was refused (%s). Open Settings > php-smtp and click "Grant permission" again.', 'php-smtp'), (string)$st['last_error']));
        } elseif ($st && OAuth::grant_mismatch($st)) {
            self::notice('error', sprintf(/* translators: 1: the grant's provider, 2: its scope, 3: the provider the settings need */ __('php-smtp: mail is NOT being sent: the stored grant is for %1$s (%2$s), but the connection now needs %3$s. Open Settings > php-smtp and click "Grant permission" again.', 'php-smtp'),
                (string)$st['provider'], (string)($st['scope'] ?? ''), OAuth::provider(Settings::all())));
        } elseif ($st && $st['refresh_token_expires_at']) {
            self::notice('warning', sprintf(/* translators: %s: a date and time */ __('php-smtp: the OAuth grant expires on %s; mail stops then unless you grant permission again (or publish the Google Cloud app to "In production").', 'php-smtp'),
                wp_date(get_option('date_format') . ' ' . get_option('time_format'), (int)$st['refresh_token_expires_at'])));
        }
        $queued = Log::count_status('queued');
        if ($queued > 0) {
            self::notice('warning', sprintf(/* translators: %d: how many messages */ _n('php-smtp: %d message is waiting in the outbox to be retried.', 'php-smtp: %d messages are waiting in the outbox to be retried.', $queued, 'php-smtp'), $queued));
        }
        self::failed_since_seen();
    }

    /* Messages that failed for good since this administrator last looked at the failures. */
    private static function failed_since_seen(): void
    {
        $seen = (string)get_user_meta(get_current_user_id(), self::SEEN_META, true);
        $since = $seen !== '' ? $seen : gmdate('Y-m-d H:i:s', time() - 7 * DAY_IN_SECONDS);
        [$count, $last] = Log::failed_since($since);
        if ($count === 0) return;
        $url = wp_nonce_url(admin_url('options-general.php?page=php-smtp&tab=log&status=failed'), 'php_smtp_failures_seen');
        printf('<div class="notice notice-error php-smtp-notice php-smtp-failed"><p>%s <a href="%s">%s</a></p></div>',
               esc_html(sprintf(/* translators: 1: how many messages, 2: the server's reply to the last one */ _n('php-smtp: %1$d message could not be sent (%2$s).', 'php-smtp: %1$d messages could not be sent (the last: %2$s).', $count, 'php-smtp'), $count, $last)),
               esc_url($url), esc_html__('See the failures in the log', 'php-smtp'));
    }

    /* The log's failure list was seen: the notice starts counting again from now. */
    public static function failures_seen(): void
    {
        update_user_meta(get_current_user_id(), self::SEEN_META, gmdate('Y-m-d H:i:s'));
    }

    private static function notice(string $type, string $text): void
    {
        printf('<div class="notice notice-%s php-smtp-notice"><p>%s</p></div>', esc_attr($type), esc_html($text));
    }

    /* Once per refusal: an email to the admin through the fallback connection (or core's mailer). */
    public static function warn_by_email(): void
    {
        /* with a shared connection, the main site tells its administrator, once */
        if (!extension_loaded('smtp') || !Transports::uses_oauth(Settings::all()) || Network::borrowing()) return;
        $st = OAuth::status();
        if (!$st || !$st['needs_reauthorization']) {
            delete_option('php_smtp_reauth_warned');
            return;
        }
        if (get_option('php_smtp_reauth_warned')) return;
        update_option('php_smtp_reauth_warned', time(), false);
        $subject = sprintf(/* translators: %s: the site's title */ __('[%s] Mail is not being sent: authorize php-smtp again', 'php-smtp'), wp_specialchars_decode(get_bloginfo('name'), ENT_QUOTES));
        $body = sprintf(/* translators: 1: the provider's error, 2: the settings page's URL */ __("The OAuth grant php-smtp uses was refused: %1\$s\n\nOpen %2\$s and click \"Grant permission\".", 'php-smtp'),
                        (string)$st['last_error'], admin_url('options-general.php?page=php-smtp'));
        try {
            $fallback = Mailer::transport('fallback');   /* throws for a fallback set up wrong */
            if ($fallback) {
                smtp_send(['from' => Settings::get('from') ?: Mailer::default_from(), 'to' => get_option('admin_email'),
                           'subject' => $subject, 'text' => $body], $fallback);
                return;
            }
        } catch (\Throwable $e) {
            /* fall through to core's mailer */
        }
        Mailer::$bypass = true;   /* core's own mailer: the connection is what is broken */
        wp_mail(get_option('admin_email'), $subject, $body);
        Mailer::$bypass = false;
    }
}
