<?php
/*
 * ApiOffer: when Diagnostics finds every SMTP port of the server unreachable,
 * the HTTPS API of the chosen provider (Presets::api_for) in one click: the
 * primary connection switches to it, the SMTP settings stay (to switch back),
 * the OAuth grant stays (the Gmail API accepts the Gmail SMTP grant, scope
 * https://mail.google.com/), and where the SMTP password is the API key
 * (SendGrid, Postmark, Mandrill) it is copied. The page after the switch says
 * what was switched and what is still needed.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class ApiOffer
{
    /*
     * ['preset' => the API preset or null when the provider has none, 'name' =>
     * the API's name, 'text' => what the summary says about it, 'locked' => true
     * when wp-config.php fixes the transport (no button then)].
     */
    public static function offer(array $s): array
    {
        $api = self::api($s);
        if ($api === null) {
            $names = implode(', ', array_map(fn($a) => Transports::describe(['api' => $a]), Transports::APIS));
            return ['preset' => null, 'name' => '', 'locked' => false,
                    'text' => sprintf(/* translators: 1: a provider, e.g. Zoho Mail, 2: a list of APIs */ __('%1$s has no HTTPS API that php-smtp can send with. These providers have one: %2$s.', 'php-smtp'),
                                      self::provider_label($s), $names)];
        }
        $transport = Presets::apis()[$api['preset']]['transport'];
        $name = Transports::describe(['api' => $transport]);
        if (Settings::locked('transport')) {
            return ['preset' => $api['preset'], 'name' => $name, 'locked' => true,
                    'text' => sprintf(/* translators: 1: an API, e.g. Gmail API, 2: the value to set, e.g. gmail */ __('Your provider also sends over HTTPS (port 443, which hosts leave open): %1$s. wp-config.php sets PHP_SMTP_TRANSPORT: change it there to \'%2$s\'.', 'php-smtp'), $name, $transport)];
        }
        $needs = self::needs($transport, array_merge($s, self::fields($api, $s)));
        return ['preset' => $api['preset'], 'name' => $name, 'locked' => false,
                'text' => sprintf(/* translators: %s: an API, e.g. Gmail API */ __('Your provider also sends over HTTPS (port 443, which hosts leave open): %s. The button below switches to it and keeps the SMTP settings.', 'php-smtp'), $name) . ' ' .
                          ($needs ? sprintf(/* translators: %s: what is missing */ __('After the switch it still needs: %s', 'php-smtp'), implode(' ', $needs))
                                  : __('It needs nothing more: the credentials you have work with it.', 'php-smtp'))];
    }

    /* The admin-post handler behind the offer's button (Guard: nonce, capability, not borrowing). */
    public static function apply(): void
    {
        [$type, $text] = self::switch_to(sanitize_key(wp_unslash($_POST['preset'] ?? '')));
        set_transient('php_smtp_flash_' . get_current_user_id(), [$type, $text], 60);
        Guard::redirect($type === 'error' ? 'diagnostics' : 'settings');
    }

    /*
     * Switches the primary connection to the API preset $preset offered for the
     * current settings; returns the page's notice [type, text]: what was switched,
     * what was kept or copied, what is still needed.
     */
    public static function switch_to(string $preset): array
    {
        $s = Settings::all();
        $api = self::api($s);
        if ($api === null || Transports::kind('primary', $s) !== 'smtp' || $api['preset'] !== $preset) {
            return ['error', __('The connection changed since the diagnostics ran: nothing was switched. Run them again.', 'php-smtp')];
        }
        if (Settings::locked('transport')) {
            return ['error', __('wp-config.php sets PHP_SMTP_TRANSPORT: the connection is changed there.', 'php-smtp')];
        }
        $fields = self::fields($api, $s);
        Settings::merge($fields);
        $transport = (string)$fields['transport'];
        $done = [sprintf(/* translators: %s: an API, e.g. Gmail API */ __('The primary connection now sends with %s (HTTPS); the SMTP settings are kept (choose SMTP under "Send with" to go back).', 'php-smtp'),
                         Transports::describe(['api' => $transport]))];
        $done = array_merge($done, self::kept($transport, $api, $fields, $s));
        $needs = self::needs($transport, Settings::all());
        $done[] = $needs ? sprintf(/* translators: %s: what is missing */ __('Still needed: %s', 'php-smtp'), implode(' ', $needs))
                         : __('Nothing else is needed: send a test email from the Test email tab.', 'php-smtp');
        return [$needs ? 'warning' : 'success', implode(' ', $done)];
    }

    /* The API for the settings' provider: its preset, or the SMTP preset with the same host. */
    private static function api(array $s): ?array
    {
        $provider = (string)$s['provider'];
        if (isset(Presets::apis()[$provider])) return ['preset' => $provider, 'set' => [], 'copy' => []];
        $api = Presets::api_for($provider);
        if ($api !== null || !in_array($provider, ['', 'other'], true)) return $api;
        foreach (Presets::all() as $key => $p) {   /* a server typed in by hand that is a known provider's */
            if ($p['host'] !== '' && strcasecmp($p['host'], (string)$s['host']) === 0 && ($p['auth'] === 'xoauth2') === ($s['auth'] === 'xoauth2')) {
                return Presets::api_for($key);
            }
        }
        return null;
    }

    private static function provider_label(array $s): string
    {
        return (string)(Presets::get((string)$s['provider'])['label'] ?? $s['provider']);
    }

    /* The fields the switch writes. */
    private static function fields(array $api, array $s): array
    {
        $fields = Presets::fields($api['preset']) + $api['set'] + ['provider' => $api['preset']];
        foreach ($api['copy'] as $to => $from) {
            /* the same secret under the API's name; one from wp-config.php stays there */
            if ((string)$s[$to] === '' && (string)$s[$from] !== '' && !Settings::locked($from)) $fields[$to] = (string)$s[$from];
        }
        if ($fields['transport'] === 'mailgun' && (string)$s['mailgun_domain'] === '' && preg_match('/@([a-z0-9.-]+\.[a-z]{2,})$/i', (string)$s['username'], $m)) {
            $fields['mailgun_domain'] = strtolower($m[1]);   /* Mailgun's SMTP login is postmaster@ the sending domain */
        }
        return $fields;
    }

    /* What the switch took over. */
    private static function kept(string $transport, array $api, array $fields, array $before): array
    {
        $out = [];
        if (in_array($transport, ['gmail', 'graph'], true) && OAuth::status()) {
            $out[] = $transport === 'gmail'
                ? __('The Google OAuth grant is kept: the Gmail API accepts it as it is (scope https://mail.google.com/). The Gmail API must be enabled in the OAuth client\'s Google Cloud project (APIs & Services > Library > Gmail API); if it is not, the test email fails with Google\'s words saying so.', 'php-smtp')
                : __('The OAuth client is kept.', 'php-smtp');
        }
        foreach ($api['copy'] as $to => $from) {
            if (isset($fields[$to])) {
                $out[] = __('The SMTP password is the API key: it was copied to the API key (stored encrypted).', 'php-smtp');
            } elseif ((string)$before[$to] === '' && Settings::locked($from)) {
                $out[] = sprintf(/* translators: 1: a wp-config.php constant, 2: another */ __('wp-config.php holds the SMTP password: define %1$s there with the same value as %2$s.', 'php-smtp'),
                                 Settings::CONSTANTS[$to], Settings::CONSTANTS[$from]);
            }
        }
        if (isset($fields['mailgun_domain'])) {
            $out[] = sprintf(/* translators: %s: a domain */ __('The sending domain %s was taken from the SMTP login.', 'php-smtp'), $fields['mailgun_domain']);
        }
        return $out;
    }

    /* What $transport still lacks with settings $s, in sentences; [] when nothing. */
    public static function needs(string $transport, array $s): array
    {
        $where = fn() => (string)(self::api_preset($transport)['key'] ?? '');
        switch ($transport) {
        case 'gmail':
        case 'graph':
            return self::grant_needs($transport, $s);
        case 'mailgun':
            $missing = array_filter(['mailgun_api_key' => __('the Mailgun API key', 'php-smtp'), 'mailgun_domain' => __('the sending domain', 'php-smtp')],
                                    fn($f) => (string)$s[$f] === '', ARRAY_FILTER_USE_KEY);
            return $missing ? [sprintf(/* translators: 1: what is missing, 2: where the key comes from */ __('%1$s, under "HTTPS API keys" on the Connection tab (the SMTP password is not the API key). %2$s', 'php-smtp'), implode(__(' and ', 'php-smtp'), $missing), $where())] : [];
        case 'ses':
            return ((string)$s['ses_access_key_id'] === '' || (string)$s['ses_secret_access_key'] === '')
                ? [sprintf(/* translators: %s: where the key comes from */ __('an AWS access key ID and secret access key, under "HTTPS API keys" on the Connection tab (the SES SMTP user name and password do not work with the API). %s', 'php-smtp'), $where())] : [];
        default:
            $field = $transport . '_api_key';
            return isset($s[$field]) && (string)$s[$field] === ''
                ? [sprintf(/* translators: %s: where the key comes from */ __('the API key, under "HTTPS API keys" on the Connection tab. %s', 'php-smtp'), $where())] : [];
        }
    }

    private static function api_preset(string $transport): ?array
    {
        foreach (Presets::apis() as $p) {
            if ($p['transport'] === $transport) return $p;
        }
        return null;
    }

    /* The Gmail API and Graph: an OAuth client, and a grant the API accepts. */
    private static function grant_needs(string $transport, array $s): array
    {
        $st = OAuth::status();
        $granted = $st && $st['authorized'] && !$st['needs_reauthorization'];
        if ($transport === 'graph') {
            if ($granted && ($st['provider'] ?? '') === OAuth::provider($s)) return [];
            return [(string)$s['oauth_client_id'] === ''
                ? __('an app registration in Microsoft Entra admin center with the delegated Microsoft Graph permission Mail.Send (scope https://graph.microsoft.com/Mail.Send offline_access): enter its client ID and secret on the Connection tab, then click "Grant permission with Microsoft".', 'php-smtp')
                : __('a new grant for Microsoft Graph: add the delegated permission Mail.Send to the app registration in Microsoft Entra, then click "Grant permission with Microsoft" on the Connection tab (the SMTP grant, SMTP.Send, cannot send through Graph).', 'php-smtp')];
        }
        if ((string)$s['oauth_client_id'] === '') {
            return [__('an OAuth client (an app password does not work with the API): in Google Cloud Console enable the Gmail API, create an OAuth client ID (Web application) with the redirect URI shown on the Connection tab, enter its client ID and secret there, then click "Grant permission with Google".', 'php-smtp')];
        }
        if (!$granted || (!empty($st['provider']) && $st['provider'] !== OAuth::provider($s))) {
            return [__('a grant: click "Grant permission with Google" on the Connection tab.', 'php-smtp')];
        }
        return [];
    }
}
