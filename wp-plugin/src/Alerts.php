<?php
/*
 * Alerts: tells people outside wp-admin that mail is in trouble: a message
 * failed for good, the fallback connection had to be used, the OAuth grant
 * was refused or will expire. By email (chosen addresses) and by webhook
 * (Slack, Discord and Microsoft Teams get their own payload shape, any other
 * URL a JSON object with event, site and message). One alert per kind per N
 * minutes; what is held back goes out as a digest when the pause is over.
 * No secret ever reaches a payload; an alert's own failure is recorded in the
 * alert history and never raises another alert. The webhook URL is a secret
 * (Slack's and Discord's carry it in the path, Teams' in the query): stored
 * sealed (Secrets), write-only in the form, and nothing of it past the host
 * is ever shown, logged or quoted, even when the endpoint's reply quotes it.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Alerts
{
    public const OPTION = 'php_smtp_alerts';
    private const STATE = 'php_smtp_alert_state';
    private const HISTORY = 'php_smtp_alert_history';
    private const HISTORY_MAX = 30;
    private const SAMPLES = 5;
    public const HEADER = 'X-PHP-SMTP-Alert';
    public const KINDS = ['failed', 'fallback', 'reauthorize'];

    /* field => wp-config constant */
    public const CONSTANTS = ['emails' => 'PHP_SMTP_ALERT_EMAIL', 'webhook' => 'PHP_SMTP_ALERT_WEBHOOK'];

    /* true while an alert is being sent: its own failure must not raise another */
    private static bool $sending = false;
    private static string $alert_error = '';

    public static function hooks(): void
    {
        add_action('wp_mail_failed', [self::class, 'on_mail_failed']);
        add_action('php_smtp_fallback_used', [self::class, 'on_fallback'], 10, 2);
        add_action(Outbox::HOOK, [self::class, 'cron']);
        add_action('admin_init', static function () {
            register_setting('php_smtp_alerts', self::OPTION, ['sanitize_callback' => [self::class, 'sanitize'], 'default' => self::defaults()]);
        });
        Guard::action('alert_test', [self::class, 'send_test']);
    }

    public static function defaults(): array
    {
        return ['emails' => '', 'webhook' => '', 'on_failed' => 1, 'on_fallback' => 1, 'on_reauthorize' => 1, 'interval' => 15, 'expiry_days' => 3];
    }

    /* The effective settings: the webhook URL in plain text, wp-config constants on top. */
    public static function settings(): array
    {
        $s = self::stored();
        $s['webhook'] = Secrets::open_value((string)$s['webhook']);
        foreach (self::CONSTANTS as $field => $constant) {
            if (defined($constant)) $s[$field] = (string)constant($constant);
        }
        return $s;
    }

    /* The option as stored, the webhook URL sealed; a plain one (from an older version, or update_option()) is sealed on first read. */
    private static function stored(): array
    {
        $v = get_option(self::OPTION, []);
        $v = (is_array($v) ? $v : []) + self::defaults();
        $hook = (string)$v['webhook'];
        if ($hook !== '' && !Secrets::sealed($hook)) {
            $v['webhook'] = Secrets::seal_value($hook);
            self::write($v);
        }
        return $v;
    }

    /* Writes the option as it is, without the form's sanitize callback. */
    private static function write(array $v): void
    {
        $hook = 'sanitize_option_' . self::OPTION;
        $had = remove_filter($hook, [self::class, 'sanitize']);
        update_option(self::OPTION, $v);
        if ($had) add_filter($hook, [self::class, 'sanitize']);
    }

    /* A webhook URL is stored but cannot be decrypted (the secret keys in wp-config.php changed). */
    public static function unreadable(): bool
    {
        $hook = (string)self::stored()['webhook'];
        return $hook !== '' && Secrets::open_value($hook) === '';
    }

    public static function locked(string $field): bool
    {
        return isset(self::CONSTANTS[$field]) && defined(self::CONSTANTS[$field]);
    }

    /*
     * Settings API: only the fields the Alerts form shows; the webhook URL is
     * write-only, sealed, kept when left empty, removed with its box. A sealed
     * value that opens is this callback's own output: WordPress runs it twice
     * when the option is new (update_option(), then add_option()).
     */
    public static function sanitize($input): array
    {
        $out = self::stored();
        $input = is_array($input) ? wp_unslash($input) : [];
        if (isset($input['emails'])) {
            $bad = [];
            $out['emails'] = implode(', ', self::addresses((string)$input['emails'], $bad));
            if ($bad && function_exists('add_settings_error')) {
                add_settings_error(self::OPTION, 'emails', sprintf(/* translators: %s: the rejected addresses */ __('Not email addresses, left out: %s', 'php-smtp'), implode(', ', $bad)));
            }
        }
        if (isset($input['webhook']) && is_string($input['webhook']) && trim($input['webhook']) !== '') {
            $url = trim($input['webhook']);
            if (Secrets::sealed($url) && Secrets::open_value($url) !== '') {
                $out['webhook'] = $url;
            } elseif (self::valid_url($url)) {
                $out['webhook'] = Secrets::seal_value(esc_url_raw($url, ['http', 'https']));
            } elseif (function_exists('add_settings_error')) {
                add_settings_error(self::OPTION, 'webhook', __('The webhook must be an http:// or https:// URL; the previous one is kept.', 'php-smtp'));
            }
        }
        if (!empty($input['clear_webhook'])) $out['webhook'] = '';
        foreach (self::KINDS as $kind) {
            $out["on_$kind"] = empty($input["on_$kind"]) ? 0 : 1;
        }
        if (isset($input['interval'])) $out['interval'] = max(1, min(1440, (int)$input['interval']));
        if (isset($input['expiry_days'])) $out['expiry_days'] = max(1, min(60, (int)$input['expiry_days']));
        return $out;
    }

    private static function valid_url(string $url): bool
    {
        $p = wp_parse_url($url);
        return is_array($p) && in_array(strtolower($p['scheme'] ?? ''), ['http', 'https'], true) && ($p['host'] ?? '') !== '';
    }

    /* Comma-separated addresses: the valid ones; the others in $bad. */
    public static function addresses(string $list, array &$bad = []): array
    {
        $good = [];
        foreach (preg_split('/[,;\s]+/', $list, -1, PREG_SPLIT_NO_EMPTY) as $a) {
            is_email($a) ? $good[] = $a : $bad[] = $a;
        }
        return array_values(array_unique($good));
    }

    /* ---- events ------------------------------------------------------------------ */

    public static function on_mail_failed($error): void
    {
        if (!$error instanceof \WP_Error) return;
        $data = (array)$error->get_error_data();
        $why = $error->get_error_message();
        if (self::$sending) {   /* the alert being sent failed: email() records it */
            self::$alert_error = $why;
            return;
        }
        if (self::is_alert($data['headers'] ?? [])) {   /* a queued alert failed later: recorded, never alerted about */
            self::record('email', 'alert', false, $why);
            return;
        }
        $to = is_array($data['to'] ?? '') ? implode(', ', $data['to']) : (string)($data['to'] ?? '');
        self::notify('failed', sprintf(/* translators: 1: recipients, 2: the subject, 3: the server's words */ __('A message to %1$s ("%2$s") could not be sent: %3$s', 'php-smtp'),
                                       $to, (string)($data['subject'] ?? ''), $why), isset($data['log_id']) ? (int)$data['log_id'] : 0);
    }

    /* The primary connection failed and the fallback delivered: $why is the primary's error. */
    public static function on_fallback(int $log_id, string $why): void
    {
        $row = $log_id ? Log::get($log_id) : null;
        if ($row && self::is_alert(Log::unpack((string)$row['mail'])['wp']['headers'] ?? [])) return;
        $about = $row ? sprintf(/* translators: 1: recipients, 2: the subject */ __('to %1$s ("%2$s")', 'php-smtp'), $row['to_addr'], $row['subject']) : '';
        self::notify('fallback', trim(sprintf(/* translators: 1: which message, 2: the primary connection's error */ __('The primary connection failed and the fallback connection delivered a message %1$s. The primary said: %2$s', 'php-smtp'), $about, $why)), $log_id);
    }

    /* Each minute with the outbox: OAuth's state, and digests of held-back alerts. */
    public static function cron(): void
    {
        self::check_oauth();
        $state = self::state();
        $interval = self::interval();
        foreach ($state['held'] as $kind => $held) {
            if (time() - (int)($state['last'][$kind] ?? 0) >= $interval) {
                self::dispatch($kind, self::digest($kind, $held), (int)$held['count'], $held['samples']);
                $state = self::state();
                unset($state['held'][$kind]);
                $state['last'][$kind] = time();
                update_option(self::STATE, $state, false);
            }
        }
    }

    private static function check_oauth(): void
    {
        if (!extension_loaded('smtp') || !Transports::uses_oauth(Settings::all()) || Network::borrowing()) return;
        $st = OAuth::status();
        if (!$st) return;
        $state = self::state();
        $s = self::settings();
        if ($st['needs_reauthorization']) {
            $key = 'refused:' . (int)$st['authorized_at'] . ':' . (string)$st['last_error'];
            $text = sprintf(/* translators: 1: the provider's error, 2: the settings page's URL */ __('The OAuth grant was refused (%1$s), so mail cannot be sent through the primary connection until permission is granted again at %2$s', 'php-smtp'),
                            (string)$st['last_error'], admin_url('options-general.php?page=php-smtp'));
        } elseif ($st['refresh_token_expires_at'] && (int)$st['refresh_token_expires_at'] - time() < (int)$s['expiry_days'] * DAY_IN_SECONDS) {
            $key = 'expires:' . (int)$st['refresh_token_expires_at'];
            $text = sprintf(/* translators: 1: a date and time, 2: the settings page's URL */ __('The OAuth grant expires on %1$s (a Google Cloud app in "Testing" status ends grants after 7 days): mail stops then unless permission is granted again at %2$s, or the app is published "In production".', 'php-smtp'),
                            wp_date(get_option('date_format') . ' ' . get_option('time_format'), (int)$st['refresh_token_expires_at']), admin_url('options-general.php?page=php-smtp'));
        } else {
            return;
        }
        if (($state['oauth'] ?? '') === $key) return;   /* once per refusal, once per announced expiry */
        $state['oauth'] = $key;
        update_option(self::STATE, $state, false);
        self::notify('reauthorize', $text);
    }

    /* One alert of $kind now, or held back for the digest when one went out less than N minutes ago. */
    public static function notify(string $kind, string $text, int $log_id = 0): void
    {
        $s = self::settings();
        if (empty($s["on_$kind"]) || !self::configured()) return;
        $text = self::scrub($text);
        $state = self::state();
        if (time() - (int)($state['last'][$kind] ?? 0) < self::interval()) {
            $held = $state['held'][$kind] ?? ['count' => 0, 'first' => time(), 'samples' => []];
            $held['count']++;
            if (count($held['samples']) < self::SAMPLES) $held['samples'][] = $text;
            $state['held'][$kind] = $held;
            update_option(self::STATE, $state, false);
            self::record('held', $kind, true, $text);
            return;
        }
        $state['last'][$kind] = time();
        update_option(self::STATE, $state, false);
        self::dispatch($kind, $text, 1, [$text], $log_id);
    }

    private static function digest(string $kind, array $held): string
    {
        $names = ['failed' => __('messages failed for good', 'php-smtp'), 'fallback' => __('messages needed the fallback connection', 'php-smtp'),
                  'reauthorize' => __('OAuth warnings', 'php-smtp')];
        return sprintf(/* translators: 1: how many, 2: what happened (e.g. "messages failed for good"), 3: minutes, 4: the first of them */
            _n('%1$d more alert held back (%2$s) in the last %3$d minutes. The first: %4$s', '%1$d more alerts held back (%2$s) in the last %3$d minutes. The first: %4$s', (int)$held['count'], 'php-smtp'),
            (int)$held['count'], $names[$kind] ?? $kind, (int)ceil((time() - (int)$held['first']) / 60), (string)($held['samples'][0] ?? ''));
    }

    public static function send_test(): void
    {
        $sent = self::dispatch('test', __('This is a test alert from php-smtp: alerts reach you here.', 'php-smtp'), 1, []);
        set_transient('php_smtp_flash_' . get_current_user_id(), $sent
            ? ['success', __('Test alert sent; its outcome is in the history below.', 'php-smtp')]
            : ['error', __('The test alert could not be delivered everywhere; the history below says why.', 'php-smtp')], 60);
        Guard::redirect('alerts');
    }

    /* ---- delivery ---------------------------------------------------------------- */

    public static function configured(): bool
    {
        $s = self::settings();
        return self::addresses((string)$s['emails']) !== [] || (string)$s['webhook'] !== '';
    }

    /* Sends to every channel; true when every one took it. */
    private static function dispatch(string $kind, string $text, int $count, array $details, int $log_id = 0): bool
    {
        $s = self::settings();
        $text = self::scrub($text);
        $details = array_map([self::class, 'scrub'], $details);
        $ok = true;
        $emails = self::addresses((string)$s['emails']);
        if ($emails) $ok = self::email($kind, $text, $emails) && $ok;
        if ((string)$s['webhook'] !== '') $ok = self::webhook((string)$s['webhook'], $kind, $text, $count, $details, $log_id) && $ok;
        return $ok;
    }

    private static function email(string $kind, string $text, array $to): bool
    {
        $site = wp_specialchars_decode(get_bloginfo('name'), ENT_QUOTES);
        $subjects = [
            /* translators: %s: the site's title */
            'failed' => __('[%s] A message could not be sent', 'php-smtp'),
            /* translators: %s: the site's title */
            'fallback' => __('[%s] Mail left through the fallback connection', 'php-smtp'),
            /* translators: %s: the site's title */
            'reauthorize' => __('[%s] Mail needs a new OAuth permission', 'php-smtp'),
            /* translators: %s: the site's title */
            'test' => __('[%s] php-smtp test alert', 'php-smtp'),
        ];
        $subject = sprintf($subjects[$kind] ?? $subjects['test'], $site);
        $body = $text . "\n\n" . sprintf(/* translators: %s: the log's URL */ __('The log: %s', 'php-smtp'), admin_url('options-general.php?page=php-smtp&tab=log'));
        self::$sending = true;
        self::$alert_error = '';
        try {
            $ok = wp_mail($to, $subject, $body, [self::HEADER . ': ' . $kind]);
        } finally {
            self::$sending = false;
        }
        self::record('email', $kind, (bool)$ok, $ok ? implode(', ', $to) : (self::$alert_error ?: __('wp_mail() returned false', 'php-smtp')));
        if (!$ok) error_log('php-smtp: alert email failed: ' . self::scrub(self::$alert_error));
        return (bool)$ok;
    }

    private static function webhook(string $url, string $kind, string $text, int $count, array $details, int $log_id): bool
    {
        $body = wp_json_encode(self::payload($url, $kind, $text, $count, $details, $log_id));
        $r = wp_remote_post($url, ['timeout' => 10, 'redirection' => 0, 'headers' => ['Content-Type' => 'application/json; charset=utf-8'],
                                   'body' => $body, 'user-agent' => 'php-smtp/' . PHP_SMTP_PLUGIN_VERSION . '; ' . home_url()]);
        $code = is_wp_error($r) ? 0 : (int)wp_remote_retrieve_response_code($r);
        $ok = $code >= 200 && $code < 300;
        $detail = self::outcome($url, $r);
        self::record('webhook', $kind, $ok, $detail);
        if (!$ok) error_log('php-smtp: alert webhook failed: ' . $detail);
        return $ok;
    }

    /*
     * What the history and the error log say of a webhook's answer: the host,
     * never the path or query (Slack's and Discord's carry the secret there,
     * Teams' its signature). An error page or a proxy may quote the request's
     * path back, so the reply's words are quoted with every piece of the URL
     * cut out; of a redirect only the host it points to.
     */
    private static function outcome(string $url, $r): string
    {
        $host = (string)wp_parse_url($url, PHP_URL_HOST);
        if (is_wp_error($r)) {
            return sprintf(/* translators: 1: a host name, 2: the error */ __('%1$s: %2$s', 'php-smtp'), $host, self::redact_url($r->get_error_message(), $url));
        }
        $code = (int)wp_remote_retrieve_response_code($r);
        if ($code >= 200 && $code < 300) return "$host: HTTP $code";
        if ($code >= 300 && $code < 400) {
            $to = self::origin((string)wp_remote_retrieve_header($r, 'location')) ?: $host;
            return sprintf(/* translators: 1: a host name, 2: an HTTP status code, 3: where the redirect points (scheme and host only) */
                __('%1$s: HTTP %2$d, a redirect to %3$s; redirects are not followed: enter the address it leads to', 'php-smtp'), $host, $code, $to);
        }
        $html = str_replace('>', '> ', (string)wp_remote_retrieve_body($r));   /* "<h1>Error</h1><p>…" reads "Error …" */
        $words = html_entity_decode(wp_strip_all_tags($html), ENT_QUOTES | ENT_HTML5, 'UTF-8');
        $words = trim((string)preg_replace('/\s+/', ' ', self::redact_url($words, $url)));
        return trim("$host: HTTP $code " . mb_substr($words, 0, 200));
    }

    /* scheme://host[:port] of a URL, '' for a relative one */
    private static function origin(string $url): string
    {
        $p = wp_parse_url($url);
        if (!is_array($p) || empty($p['host'])) return '';
        return strtolower($p['scheme'] ?? 'https') . '://' . $p['host'] . (isset($p['port']) ? ':' . (int)$p['port'] : '');
    }

    /*
     * Every piece of a webhook URL after its host and port: the whole, the
     * path and query, and each path segment, query name and value of four
     * characters or more, as sent, percent-decoded and with JSON's escaped
     * slashes; longest first. $tokens_only: only what looks like a credential
     * (holds a slash, or 8 characters with a digit, or 16), for texts that
     * merely might quote one (an alert's subject may say "services" or "2024").
     */
    public static function url_secrets(string $url, bool $tokens_only = false): array
    {
        if ($url === '') return [];
        $p = wp_parse_url($url);
        $p = is_array($p) ? $p : [];
        $path = (string)($p['path'] ?? '');
        $query = (string)($p['query'] ?? '');
        $rest = [$url, $path . ($query === '' ? '' : "?$query"), $path, $query, (string)($p['fragment'] ?? ''), (string)($p['user'] ?? ''), (string)($p['pass'] ?? '')];
        foreach ([$path, $query, (string)($p['fragment'] ?? '')] as $piece) {
            $rest = array_merge($rest, preg_split('~[/?&=;#]+~', $piece), preg_split('~[/?&=;#]+~', rawurldecode($piece)));
        }
        $out = [];
        foreach ($rest as $x) {
            foreach ([$x, rawurldecode($x), urldecode($x)] as $v) {
                if (strlen($v) < 4 || $v === '/') continue;
                if ($tokens_only && !str_contains($v, '/') && strlen($v) < 16 && (strlen($v) < 8 || !preg_match('/\d/', $v))) continue;
                $out[] = $v;
                $out[] = str_replace('/', '\\/', $v);
            }
        }
        foreach (['user', 'pass'] as $k) {   /* user:password@ is a credential however short (three characters, so "a" stays a word) */
            if (strlen(rawurldecode((string)($p[$k] ?? ''))) >= 3) $out[] = rawurldecode((string)$p[$k]);
        }
        $out = array_values(array_unique($out));
        usort($out, fn($a, $b) => strlen($b) <=> strlen($a));
        return $out;
    }

    /*
     * A text with every URL in it cut to scheme://host[:port]/<redacted> and
     * every piece of $url cut out, in any case: a word-like piece ("hook",
     * "services") only as a whole word, so "webhook" stays readable; any other
     * wherever it appears.
     */
    public static function redact_url(string $text, string $url): string
    {
        /* https://host/… and https:\/\/host\/… (JSON); user:password@ goes too */
        $any_url = '~\b(https?):(?:\\\\?/){2}(?:[^@/\\\\\s"\'<>]*@)?([^/\\\\\s"\'<>?#]+)[^\s"\'<>]*~i';
        $text = (string)preg_replace_callback($any_url, fn($m) => strtolower($m[1]) . '://' . $m[2] . '/<redacted>', $text);
        $alternatives = array_map(fn($p) => preg_match('/^[a-z_-]{1,15}$/i', $p) ? '(?<![\w-])' . preg_quote($p, '~') . '(?![\w-])' : preg_quote($p, '~'), self::url_secrets($url));
        return $alternatives ? (string)preg_replace('~' . implode('|', $alternatives) . '~i', '<redacted>', $text) : $text;
    }

    /* Which service a webhook URL belongs to, by its host. */
    public static function service(string $url): string
    {
        $host = strtolower((string)wp_parse_url($url, PHP_URL_HOST));
        if ($host === 'hooks.slack.com') return 'slack';
        if (in_array($host, ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com'], true)) return 'discord';
        foreach (['.webhook.office.com', '.logic.azure.com', '.powerplatform.com', '.powerautomate.com'] as $suffix) {
            if (str_ends_with($host, $suffix)) return 'teams';
        }
        return $host === 'outlook.office.com' ? 'teams' : 'json';
    }

    public static function payload(string $url, string $kind, string $text, int $count = 1, array $details = [], int $log_id = 0): array
    {
        $site = home_url();
        $name = wp_specialchars_decode(get_bloginfo('name'), ENT_QUOTES);
        switch (self::service($url)) {
        case 'slack':   /* https://api.slack.com/messaging/webhooks: text with &, <, > escaped */
            $esc = fn($t) => str_replace(['&', '<', '>'], ['&amp;', '&lt;', '&gt;'], $t);
            return ['text' => '*' . $esc($name) . '* (' . $esc($site) . '): ' . $esc($text)];
        case 'discord':   /* https://discord.com/developers/docs/resources/webhook: no pings from a subject line */
            return ['username' => 'php-smtp', 'content' => mb_substr($name . ' (' . $site . '): ' . $text, 0, 2000), 'allowed_mentions' => ['parse' => []]];
        case 'teams':   /* Teams Workflows and incoming webhooks: one Adaptive Card */
            return ['type' => 'message', 'attachments' => [['contentType' => 'application/vnd.microsoft.card.adaptive', 'contentUrl' => null, 'content' => [
                '$schema' => 'http://adaptivecards.io/schemas/adaptive-card.json', 'type' => 'AdaptiveCard', 'version' => '1.4',
                'body' => [['type' => 'TextBlock', 'weight' => 'Bolder', 'text' => $name . ': php-smtp', 'wrap' => true],
                           ['type' => 'TextBlock', 'text' => $text, 'wrap' => true]],
                'actions' => [['type' => 'Action.OpenUrl', 'title' => __('Open the log', 'php-smtp'), 'url' => admin_url('options-general.php?page=php-smtp&tab=log')]]]]]];
        }
        $p = ['event' => $kind, 'site' => $site, 'message' => $text, 'count' => $count, 'time' => gmdate('c'), 'source' => 'php-smtp'];
        if ($details) $p['details'] = array_values($details);
        if ($log_id) $p['log_id'] = $log_id;
        return $p;
    }

    /* Every secret the plugin knows is cut out of a text before it leaves. */
    public static function scrub(string $text): string
    {
        $secrets = [];
        $s = Settings::all();
        foreach (array_merge(Settings::SECRETS, ['oauth_client_secret']) as $f) {
            if (strlen((string)($s[$f] ?? '')) >= 4) $secrets[] = (string)$s[$f];
        }
        $secrets = array_merge($secrets, self::url_secrets((string)self::settings()['webhook'], true));
        usort($secrets, fn($a, $b) => strlen($b) <=> strlen($a));
        $text = $secrets ? str_replace($secrets, '<redacted>', $text) : $text;
        /* bearer tokens a server might echo */
        return (string)preg_replace('/\b(ya29\.|EwB|eyJ)[A-Za-z0-9._\-]{16,}/', '<redacted>', $text);
    }

    private static function is_alert($headers): bool
    {
        $headers = is_array($headers) ? implode("\n", $headers) : (string)$headers;
        return stripos($headers, self::HEADER . ':') !== false;
    }

    /* ---- state and history --------------------------------------------------------- */

    private static function interval(): int
    {
        return max(1, (int)self::settings()['interval']) * MINUTE_IN_SECONDS;
    }

    private static function state(): array
    {
        wp_cache_delete(self::STATE, 'options');   /* another request may have changed it */
        $v = get_option(self::STATE, []);
        return (is_array($v) ? $v : []) + ['last' => [], 'held' => []];
    }

    private static function record(string $channel, string $kind, bool $ok, string $detail): void
    {
        $h = get_option(self::HISTORY, []);
        $h = is_array($h) ? $h : [];
        array_unshift($h, ['time' => time(), 'channel' => $channel, 'kind' => $kind, 'ok' => $ok, 'detail' => self::scrub($detail)]);
        update_option(self::HISTORY, array_slice($h, 0, self::HISTORY_MAX), false);
    }

    public static function history(): array
    {
        $h = get_option(self::HISTORY, []);
        return is_array($h) ? $h : [];
    }

    /* ---- privacy: an alert's text names the failed message's recipients ------------- */

    private static function names(string $text, string $email): bool
    {
        return (bool)preg_match('/(?<![\w.+-])' . preg_quote($email, '/') . '(?![\w-]|\.\w)/i', $text);
    }

    /* The history entries that name $email (Tools > Export Personal Data). */
    public static function history_of(string $email): array
    {
        return array_values(array_filter(self::history(), fn($r) => self::names((string)($r['detail'] ?? ''), $email)));
    }

    /* Removes what names $email from the history and from the texts held back for a digest; how many went. */
    public static function forget(string $email): int
    {
        $h = self::history();
        $keep = array_values(array_filter($h, fn($r) => !self::names((string)($r['detail'] ?? ''), $email)));
        $gone = count($h) - count($keep);
        if ($gone) update_option(self::HISTORY, $keep, false);
        $state = self::state();
        foreach ($state['held'] as $kind => $held) {
            $samples = array_values(array_filter((array)($held['samples'] ?? []), fn($t) => !self::names((string)$t, $email)));
            $gone += count((array)($held['samples'] ?? [])) - count($samples);
            $state['held'][$kind]['samples'] = $samples;
        }
        update_option(self::STATE, $state, false);
        return $gone;
    }
}
