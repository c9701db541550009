<?php
/*
 * SiteHealth: Tools > Site Health. Tests: the extension and its version, the
 * connection's last probe (Diagnostics or the wizard), the OAuth grant's
 * status and expiry, the outbox's backlog and its oldest message, WP-Cron
 * actually running the outbox. A php-smtp section in the Info tab (no
 * secret: no password, client secret, token or webhook URL).
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class SiteHealth
{
    private const PROBE = 'php_smtp_last_probe';
    private const CRON_RUN = 'php_smtp_cron_last_run';
    /* the outbox's event runs every minute: this much later means cron is not running */
    private const CRON_LATE = 10 * MINUTE_IN_SECONDS;

    public static function hooks(): void
    {
        add_filter('site_status_tests', [self::class, 'tests']);
        add_filter('debug_information', [self::class, 'info']);
        add_action(Outbox::HOOK, static fn() => update_option(self::CRON_RUN, time(), false), 1);
    }

    /* Diagnostics' summary row [step, ok, detail], kept for the Site Health test. */
    public static function remember_probe(array $rows): void
    {
        $last = end($rows);
        if (!$last) return;
        update_option(self::PROBE, ['time' => time(), 'ok' => (bool)$last[1], 'summary' => (string)$last[2], 'host' => Transports::name('primary', Settings::all())], false);
    }

    public static function tests(array $tests): array
    {
        foreach (['extension', 'probe', 'oauth', 'outbox', 'cron'] as $t) {
            $tests['direct']["php_smtp_$t"] = ['label' => 'php-smtp', 'test' => [self::class, "test_$t"]];
        }
        return $tests;
    }

    private static function result(string $test, string $status, string $label, string $description, string $action_url = '', string $action = ''): array
    {
        return ['label' => $label, 'status' => $status, 'badge' => ['label' => __('Email', 'php-smtp'), 'color' => $status === 'good' ? 'blue' : ($status === 'critical' ? 'red' : 'orange')],
                'description' => '<p>' . esc_html($description) . '</p>', 'test' => "php_smtp_$test",
                'actions' => $action_url !== '' ? sprintf('<p><a href="%s">%s</a></p>', esc_url($action_url), esc_html($action)) : ''];
    }

    private static function page(string $tab = 'settings'): string
    {
        return admin_url('options-general.php?page=php-smtp&tab=' . $tab);
    }

    public static function test_extension(): array
    {
        if (!extension_loaded('smtp')) {
            return self::result('extension', 'critical', __('The smtp PHP extension is not loaded', 'php-smtp'),
                __('php-smtp sends mail through the smtp extension; without it WordPress uses its built-in mailer. Install it and add extension=smtp to php.ini.', 'php-smtp'));
        }
        return self::result('extension', 'good', sprintf(/* translators: %s: a version number */ __('The smtp PHP extension %s is loaded', 'php-smtp'), (string)phpversion('smtp')),
            __('Mail from WordPress goes through the smtp extension.', 'php-smtp'));
    }

    public static function test_probe(): array
    {
        $connection = Transports::name('primary', Settings::all());
        if ($connection === '') {
            return self::result('probe', 'recommended', __('No SMTP connection is set up', 'php-smtp'),
                __('WordPress sends with its built-in mailer until a connection is set up.', 'php-smtp'), self::page('wizard'), __('Open the setup wizard', 'php-smtp'));
        }
        $p = get_option(self::PROBE);
        if (!is_array($p) || ($p['host'] ?? '') !== $connection) {
            return self::result('probe', 'recommended', __('The SMTP connection has not been checked yet', 'php-smtp'),
                __('Diagnostics connects, starts TLS, checks the certificate and logs in exactly as a send would, without sending anything.', 'php-smtp'),
                self::page('diagnostics'), __('Run diagnostics', 'php-smtp'));
        }
        $when = human_time_diff((int)$p['time']);
        if (!$p['ok']) {
            return self::result('probe', 'critical', sprintf(/* translators: %s: how long ago, e.g. "5 mins" */ __('The last check of the SMTP connection failed (%s ago)', 'php-smtp'), $when),
                (string)$p['summary'], self::page('diagnostics'), __('Run diagnostics again', 'php-smtp'));
        }
        return self::result('probe', 'good', sprintf(/* translators: %s: how long ago, e.g. "5 mins" */ __('The SMTP connection worked when last checked (%s ago)', 'php-smtp'), $when),
            (string)$p['summary'], self::page('diagnostics'), __('Run diagnostics', 'php-smtp'));
    }

    public static function test_oauth(): array
    {
        if (!Transports::uses_oauth(Settings::all())) {
            return self::result('oauth', 'good', __('No OAuth grant is needed', 'php-smtp'), __('The connection does not log in with OAuth 2.0.', 'php-smtp'));
        }
        $st = OAuth::status();
        $date = fn($t) => wp_date(get_option('date_format') . ' ' . get_option('time_format'), (int)$t);
        if (!$st || !$st['authorized']) {
            return self::result('oauth', 'critical', __('The OAuth grant has not been given', 'php-smtp'),
                $st['last_error'] ?? __('Mail cannot be sent over OAuth until permission is granted.', 'php-smtp'), self::page(), __('Grant permission', 'php-smtp'));
        }
        if ($st['needs_reauthorization']) {
            return self::result('oauth', 'critical', __('The OAuth grant was refused: mail is not being sent', 'php-smtp'), (string)$st['last_error'], self::page(), __('Grant permission again', 'php-smtp'));
        }
        if ($st['refresh_token_expires_at']) {
            $soon = (int)$st['refresh_token_expires_at'] - time() < 7 * DAY_IN_SECONDS;
            return self::result('oauth', $soon ? 'recommended' : 'good', sprintf(/* translators: %s: a date and time */ __('The OAuth grant expires on %s', 'php-smtp'), $date($st['refresh_token_expires_at'])),
                __('Mail stops when it expires unless permission is granted again (a Google Cloud app in "Testing" status ends grants after 7 days: publish it "In production").', 'php-smtp'),
                self::page(), __('Grant permission again', 'php-smtp'));
        }
        return self::result('oauth', 'good', __('The OAuth grant is in place', 'php-smtp'), sprintf(/* translators: %s: a date and time */ __('Permission was given on %s; the provider announces no expiry.', 'php-smtp'), $date($st['authorized_at'])));
    }

    public static function test_outbox(): array
    {
        global $wpdb;
        $t = Log::table();
        $n = (int)$wpdb->get_var("SELECT COUNT(*) FROM $t WHERE status = 'queued'");
        if ($n === 0) {
            return self::result('outbox', 'good', __('The outbox is empty', 'php-smtp'), __('No message is waiting to be retried.', 'php-smtp'));
        }
        $oldest = (string)$wpdb->get_var("SELECT MIN(created_at) FROM $t WHERE status = 'queued'");
        $age = time() - (int)strtotime($oldest . ' UTC');
        return self::result('outbox', $age > HOUR_IN_SECONDS ? 'critical' : 'recommended',
            sprintf(/* translators: 1: how many messages, 2: how long ago, e.g. "2 hours" */ _n('%1$d message waits in the outbox, the oldest for %2$s', '%1$d messages wait in the outbox, the oldest for %2$s', $n, 'php-smtp'), $n, human_time_diff(time() - $age)),
            __('They failed with a temporary error and are retried by WP-Cron with growing pauses.', 'php-smtp'), self::page('outbox'), __('Open the outbox', 'php-smtp'));
    }

    public static function test_cron(): array
    {
        $next = wp_next_scheduled(Outbox::HOOK);
        $last = (int)get_option(self::CRON_RUN, 0);
        $disabled = defined('DISABLE_WP_CRON') && DISABLE_WP_CRON;
        $late = $next && time() - (int)$next > self::CRON_LATE;
        if (!$next || $late || ($disabled && time() - $last > self::CRON_LATE)) {
            $why = $last ? sprintf(/* translators: %s: how long ago */ __('The outbox last ran %s ago.', 'php-smtp'), human_time_diff($last)) : __('The outbox has never run.', 'php-smtp');
            return self::result('cron', 'critical', __('WP-Cron is not running the php-smtp outbox', 'php-smtp'),
                $why . ' ' . ($disabled ? __('DISABLE_WP_CRON is set: a system cron must call wp-cron.php every minute, or queued mail and background sending never leave.', 'php-smtp')
                                        : __('Scheduled events are not running: check that this site can reach itself over HTTP, or set up a system cron that calls wp-cron.php.', 'php-smtp')));
        }
        return self::result('cron', 'good', __('WP-Cron runs the php-smtp outbox', 'php-smtp'),
            $last ? sprintf(/* translators: %s: how long ago */ __('The outbox last ran %s ago.', 'php-smtp'), human_time_diff($last)) : __('The outbox is scheduled every minute.', 'php-smtp'));
    }

    /* The Info tab's section, copied into support requests: nothing secret. */
    public static function info(array $info): array
    {
        $s = Settings::all();
        $yes = fn($b) => $b ? __('yes', 'php-smtp') : __('no', 'php-smtp');
        $st = Transports::uses_oauth($s) ? OAuth::status() : null;
        $a = Alerts::settings();
        $counts = LogQuery::status_counts();
        $fields = [
            'extension' => [__('smtp extension', 'php-smtp'), extension_loaded('smtp') ? (string)phpversion('smtp') : __('not loaded', 'php-smtp')],
            'plugin' => [__('Plugin version', 'php-smtp'), PHP_SMTP_PLUGIN_VERSION],
            'provider' => [__('Provider preset', 'php-smtp'), (string)$s['provider']],
            'host' => [__('SMTP host', 'php-smtp'), $s['host'] === '' ? __('not set', 'php-smtp') : $s['host'] . ':' . (int)$s['port']],
            'transport' => [__('Sends with', 'php-smtp'), Transports::name('primary', $s) ?: __('WordPress\'s built-in mailer', 'php-smtp')],
            'security' => [__('Security', 'php-smtp'), (string)$s['security']],
            'auth' => [__('Authentication', 'php-smtp'), (string)$s['auth']],
            'username' => [__('User name', 'php-smtp'), (string)($s['auth'] === 'xoauth2' ? ($s['oauth_account'] ?: $s['username']) : $s['username']), true],
            'from' => [__('From', 'php-smtp'), (string)$s['from'], true],
            'force_from' => [__('From forced', 'php-smtp'), $yes(!empty($s['force_from']))],
            'password' => [__('Password stored', 'php-smtp'), $yes((string)$s['password'] !== '')],
            'fallback' => [__('Fallback connection', 'php-smtp'), Transports::name('fallback', $s) ?: __('none', 'php-smtp')],
            'background' => [__('Background sending', 'php-smtp'), $yes(!empty($s['background']))],
            'oauth' => [__('OAuth grant', 'php-smtp'), $st ? ($st['needs_reauthorization'] ? __('refused: needs a new consent', 'php-smtp') : ($st['authorized'] ? __('authorized', 'php-smtp') : __('not authorized', 'php-smtp'))) : __('not used', 'php-smtp')],
            'oauth_expires' => [__('OAuth grant expires', 'php-smtp'), $st && $st['refresh_token_expires_at'] ? gmdate('c', (int)$st['refresh_token_expires_at']) : '—'],
            'locked' => [__('Set in wp-config.php', 'php-smtp'), implode(', ', array_keys(array_filter(Settings::CONSTANTS, 'defined'))) ?: __('nothing', 'php-smtp')],
            'log' => [__('Log entries', 'php-smtp'), $counts ? implode(', ', array_map(fn($k, $v) => "$k: $v", array_keys($counts), $counts)) : '0'],
            'retention' => [__('Log retention', 'php-smtp'), sprintf(/* translators: 1: days, 2: rows (0: no limit) */ __('%1$d days, %2$d rows at most', 'php-smtp'), (int)$s['log_days'], (int)($s['log_rows'] ?? 0))],
            'alerts' => [__('Alerts', 'php-smtp'), sprintf(/* translators: 1: yes/no, 2: the webhook's kind (Slack, Discord, Teams, JSON) or "none" */ __('email: %1$s, webhook: %2$s', 'php-smtp'),
                        $yes(Alerts::addresses((string)$a['emails']) !== []), (string)$a['webhook'] === '' ? __('none', 'php-smtp') : Alerts::service((string)$a['webhook']))],
            'cron' => [__('Outbox last ran', 'php-smtp'), ($t = (int)get_option(self::CRON_RUN, 0)) ? gmdate('c', $t) : __('never', 'php-smtp')],
        ];
        $out = [];
        foreach ($fields as $k => $f) {
            $out[$k] = ['label' => $f[0], 'value' => $f[1]] + (!empty($f[2]) ? ['private' => true] : []);
        }
        $info['php-smtp'] = ['label' => 'php-smtp', 'description' => __('How WordPress sends mail with php-smtp. No password, key, token or webhook address is shown here.', 'php-smtp'), 'fields' => $out];
        return $info;
    }
}
