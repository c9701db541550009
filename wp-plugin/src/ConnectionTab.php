<?php
/*
 * ConnectionTab: Settings > php-smtp > Connection. The provider presets, the
 * connection fields (Settings API; secrets write-only, wp-config constants
 * locked), the OAuth wizard (Google Cloud Console steps, origin and redirect
 * URI, grant, status, revoke), and what a site borrowing the network's
 * connection sees instead.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class ConnectionTab
{
    private static function input(string $field, string $type = 'text', array $attrs = []): void
    {
        $s = Settings::all();
        $locked = Settings::locked($field);
        $secret = in_array($field, Settings::SECRETS, true);
        $value = $secret ? '' : (string)($s[$field] ?? '');   /* secrets are write-only */
        printf('<input type="%s" id="php-smtp-%s" name="%s[%s]" value="%s" class="regular-text"%s%s>',
               esc_attr($type), esc_attr($field), esc_attr(Settings::OPTION), esc_attr($field), esc_attr($value),
               $locked ? ' disabled' : '', $secret ? ' autocomplete="new-password"' : '');
        if ($locked) {
            echo ' <em>' . esc_html(sprintf(/* translators: %s: the constant's name */ __('set by %s in wp-config.php', 'php-smtp'), Settings::CONSTANTS[$field])) . '</em>';
        } elseif ($secret && (string)($s[$field] ?? '') !== '') {
            echo ' <em>' . esc_html__('stored (encrypted); leave empty to keep it', 'php-smtp') . '</em>';
            printf(' <label><input type="checkbox" id="php-smtp-clear_%1$s" name="%2$s[clear_%1$s]" value="1"> %3$s</label>',
                   esc_attr($field), esc_attr(Settings::OPTION), esc_html__('remove the stored one', 'php-smtp'));
        }
    }

    /* $current: the option shown chosen, when it is not the stored value as it is */
    private static function select(string $field, array $options, ?string $current = null): void
    {
        $current ??= (string)Settings::get($field);
        printf('<select id="php-smtp-%s" name="%s[%s]"%s>', esc_attr($field), esc_attr(Settings::OPTION), esc_attr($field),
               Settings::locked($field) ? ' disabled' : '');
        foreach ($options as $value => $label) {
            printf('<option value="%s"%s>%s</option>', esc_attr($value), selected($current, (string)$value, false), esc_html($label));
        }
        echo '</select>';
    }

    public static function render(): void
    {
        if (Network::borrowing()) {
            self::borrowed_connection();
            return;
        }
        $s = Settings::all();
        if (Transports::kind('primary', $s) === null) {
            printf('<div class="php-smtp-guess" id="php-smtp-start-wizard"><p>%s <a class="button button-primary" href="%s">%s</a></p></div>',
                   esc_html__('New here? The setup wizard finds your provider from your address and checks each step.', 'php-smtp'),
                   esc_url(admin_url('options-general.php?page=php-smtp&tab=wizard')), esc_html__('Start the setup wizard', 'php-smtp'));
        }
        echo '<h2>' . esc_html__('1. Choose your provider', 'php-smtp') . '</h2>';
        Guard::form_open('preset');
        echo '<select id="php-smtp-preset" name="preset">';
        foreach ([__('SMTP', 'php-smtp') => Presets::all(), __('HTTPS API (works where SMTP ports are blocked)', 'php-smtp') => Presets::apis()] as $group => $presets) {
            printf('<optgroup label="%s">', esc_attr($group));
            foreach ($presets as $key => $p) {
                printf('<option value="%s"%s>%s</option>', esc_attr($key), selected($s['provider'], $key, false), esc_html($p['label']));
            }
            echo '</optgroup>';
        }
        echo '</select> ';
        submit_button(__('Use these settings', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-preset-submit']);
        echo '</form>';
        $preset = Presets::get((string)$s['provider']);
        if ($preset) {
            printf('<p class="description" id="php-smtp-preset-help">%s %s</p>', esc_html($preset['user']), esc_html($preset['key']));
        }

        echo '<h2>' . esc_html__('2. Connection', 'php-smtp') . '</h2><form method="post" action="options.php" id="php-smtp-settings">';
        settings_fields('php_smtp');
        echo '<table class="form-table" role="presentation">';
        Admin::row(__('Send with', 'php-smtp'), fn() => self::select('transport', Transports::labels()));
        Admin::row(__('SMTP host', 'php-smtp'), fn() => self::input('host'));
        Admin::row(__('Port', 'php-smtp'), fn() => self::input('port', 'number'));
        Admin::row(__('Security', 'php-smtp'), fn() => self::select('security', ['starttls' => 'STARTTLS', 'tls' => __('TLS (implicit, port 465)', 'php-smtp'), 'none' => __('None (local relay only)', 'php-smtp')]));
        Admin::row(__('Authentication', 'php-smtp'), fn() => self::select('auth', ['auto' => __('Password (automatic)', 'php-smtp'), 'plain' => 'PLAIN', 'login' => 'LOGIN', 'xoauth2' => __('OAuth 2.0 (XOAUTH2)', 'php-smtp'), 'none' => __('None', 'php-smtp')]));
        Admin::row(__('Username', 'php-smtp'), fn() => self::input('username'));
        Admin::row(__('Password, app password or API key', 'php-smtp'), fn() => self::input('password', 'password'));
        Admin::row(__('From address', 'php-smtp'), fn() => self::input('from', 'email'));
        Admin::row(__('From name', 'php-smtp'), fn() => self::input('from_name'));
        Admin::row(__('Force this From address', 'php-smtp'), function () use ($s) {
            printf('<input type="checkbox" id="php-smtp-force_from" name="%s[force_from]" value="1"%s>', esc_attr(Settings::OPTION), checked($s['force_from'], 1, false));
        });
        Admin::row(__('Send in the background', 'php-smtp'), function () use ($s) {
            printf('<label><input type="checkbox" id="php-smtp-background" name="%s[background]" value="1"%s> %s</label>', esc_attr(Settings::OPTION),
                   checked($s['background'], 1, false), esc_html__('Pages do not wait for the SMTP server; WP-Cron sends within a minute.', 'php-smtp'));
        });
        if (!is_multisite() || Guard::can_network()) {   /* a file path: on a network, the network administrator's */
            Admin::row(__('CA bundle (optional)', 'php-smtp'), fn() => self::input('cafile'));
        }
        Admin::row(__('Keep the log for (days)', 'php-smtp'), fn() => self::input('log_days', 'number'));
        Admin::row(__('Keep at most this many log entries (0: no limit)', 'php-smtp'), fn() => self::input('log_rows', 'number'));
        Admin::row(__('Keep message bodies in the log', 'php-smtp'), function () use ($s) {
            printf('<label><input type="checkbox" id="php-smtp-log_bodies" name="%s[log_bodies]" value="1"%s> %s</label>', esc_attr(Settings::OPTION),
                   checked($s['log_bodies'], 1, false), esc_html__('Off: once a message is sent or has failed, the log keeps only its recipients, subject and headers (it cannot be resent).', 'php-smtp'));
        });
        echo '</table>';
        self::api_fields();
        echo '<h3>' . esc_html__('OAuth 2.0 client (Gmail / Google Workspace, Microsoft 365)', 'php-smtp') . '</h3><table class="form-table" role="presentation">';
        Admin::row(__('Provider', 'php-smtp'), fn() => self::select('oauth_provider', ['google' => 'Google', 'microsoft' => 'Microsoft']));
        Admin::row(__('Client ID', 'php-smtp'), fn() => self::input('oauth_client_id'));
        Admin::row(__('Client secret', 'php-smtp'), fn() => self::input('oauth_client_secret', 'password'));
        Admin::row(__('Sending mailbox (the account you grant)', 'php-smtp'), fn() => self::input('oauth_account', 'email'));
        echo '</table><h3>' . esc_html__('Fallback connection (optional)', 'php-smtp') . '</h3><table class="form-table" role="presentation">';
        /* what the fallback sends with now: a site set up before 0.3 stored no choice, only a host */
        Admin::row(__('Fallback sends with', 'php-smtp'), fn() => self::select('fallback_transport', ['none' => __('No fallback', 'php-smtp'), 'smtp' => __('SMTP (the fields below)', 'php-smtp')] + array_diff_key(Transports::labels(), ['smtp' => 1]),
                                                                               (string)$s['fallback_transport'] !== '' ? (string)$s['fallback_transport'] : (Transports::kind('fallback', $s) ?? 'none')));
        Admin::row(__('Host', 'php-smtp'), fn() => self::input('fallback_host'));
        Admin::row(__('Port', 'php-smtp'), fn() => self::input('fallback_port', 'number'));
        Admin::row(__('Security', 'php-smtp'), fn() => self::select('fallback_security', ['starttls' => 'STARTTLS', 'tls' => 'TLS', 'none' => __('None', 'php-smtp')]));
        Admin::row(__('Username', 'php-smtp'), fn() => self::input('fallback_username'));
        Admin::row(__('Password', 'php-smtp'), fn() => self::input('fallback_password', 'password'));
        echo '</table>';
        submit_button(__('Save settings', 'php-smtp'), 'primary', 'submit', true, ['id' => 'php-smtp-save']);
        echo '</form>';
        if (Transports::uses_oauth($s)) {
            self::oauth_wizard($s);
        }
    }

    /*
     * The HTTPS APIs' keys (each API's own rows, marked for the script that shows
     * only the chosen ones; without it all are shown). Gmail and Graph need none:
     * they use the OAuth grant below.
     */
    private static function api_fields(): void
    {
        echo '<h3 id="php-smtp-api-keys">' . esc_html__('HTTPS API keys', 'php-smtp') . '</h3><p class="description">' .
             esc_html__('Only for a connection that sends with Mailgun, Amazon SES, SendGrid, Postmark or Mandrill over HTTPS. The Gmail API and Microsoft Graph use the OAuth grant below.', 'php-smtp') .
             '</p><table class="form-table" role="presentation">';
        $rows = [
            'mailgun' => [[__('Mailgun API key', 'php-smtp'), 'mailgun_api_key', 'password'], [__('Mailgun sending domain', 'php-smtp'), 'mailgun_domain', 'text'],
                          [__('Mailgun region', 'php-smtp'), 'mailgun_region', ['us' => __('US (api.mailgun.net)', 'php-smtp'), 'eu' => __('EU (api.eu.mailgun.net)', 'php-smtp')]]],
            'ses' => [[__('Amazon SES region', 'php-smtp'), 'ses_region', array_combine(Presets::SES_REGIONS, Presets::SES_REGIONS)],
                      [__('AWS access key ID', 'php-smtp'), 'ses_access_key_id', 'text'], [__('AWS secret access key', 'php-smtp'), 'ses_secret_access_key', 'password']],
            'sendgrid' => [[__('SendGrid API key', 'php-smtp'), 'sendgrid_api_key', 'password']],
            'postmark' => [[__('Postmark Server API token', 'php-smtp'), 'postmark_api_key', 'password']],
            'mandrill' => [[__('Mandrill API key', 'php-smtp'), 'mandrill_api_key', 'password']],
        ];
        foreach ($rows as $api => $fields) {
            foreach ($fields as [$label, $field, $type]) {
                printf('<tr class="php-smtp-api-row" data-php-smtp-api="%s"><th scope="row"><label for="php-smtp-%s">%s</label></th><td>', esc_attr($api), esc_attr($field), esc_html($label));
                is_array($type) ? self::select($field, $type) : self::input($field, $type);
                echo '</td></tr>';
            }
        }
        echo '</table>';
    }

    /* A site of a network that sends with the main site's connection: shown, not editable. */
    private static function borrowed_connection(): void
    {
        $s = Settings::all();
        echo '<p id="php-smtp-borrowed">' . esc_html__('The network administrator set every site to send through the main site\'s connection. This site keeps its own log and outbox; the connection is changed on the main site.', 'php-smtp') . '</p>';
        if (Transports::kind('primary', $s) === null) {
            echo '<p id="php-smtp-connection">' . esc_html__('The main site has no connection set up yet, so mail leaves through WordPress\'s built-in mailer.', 'php-smtp') . '</p>';
        } else {
            self::connection_summary($s);
        }
        if (Guard::can_network()) {
            printf('<p><a class="button" href="%s">%s</a></p>', esc_url(Network::main_settings_url()), esc_html__('Open the main site\'s settings', 'php-smtp'));
        }
    }

    private static function connection_summary(array $s): void
    {
        echo '<table class="widefat striped" id="php-smtp-connection"><tbody>';
        $t = Transports::kind('primary', $s) === 'smtp' ? [__('SMTP host', 'php-smtp') => $s['host'] . ':' . $s['port'], __('Security', 'php-smtp') => $s['security'],
                  __('Authentication', 'php-smtp') => $s['auth']] : [__('Sends with', 'php-smtp') => Transports::labels()[$s['transport']] ?? $s['transport']];
        foreach ($t + [__('From', 'php-smtp') => trim($s['from_name'] . ' <' . ($s['from'] ?: Mailer::default_from()) . '>')] as $k => $v) {
            printf('<tr><th>%s</th><td>%s</td></tr>', esc_html($k), esc_html((string)$v));
        }
        echo '</tbody></table>';
    }

    private static function oauth_wizard(array $s): void
    {
        echo '<h2 id="php-smtp-oauth">' . esc_html__('3. Grant permission', 'php-smtp') . '</h2>';
        if ($s['oauth_provider'] === 'google') {
            echo '<ol class="php-smtp-steps">';
            foreach ([__('In Google Cloud Console, create a project (or pick one).', 'php-smtp'),
                      __('APIs & Services > Library: enable the Gmail API.', 'php-smtp'),
                      __('OAuth consent screen: choose "External" (or "Internal" for Workspace), fill in the app name and your email, add the scope https://mail.google.com/.', 'php-smtp'),
                      __('Credentials > Create credentials > OAuth client ID > Web application; paste the two values below.', 'php-smtp'),
                      __('Publish the app ("In production"). An app left in "Testing" status gets refresh tokens that stop working after 7 days, and mail stops with them.', 'php-smtp'),
                      __('Copy the client ID and secret into the fields above, save, then click "Grant permission with Google".', 'php-smtp')] as $step) {
                echo '<li>' . esc_html($step) . '</li>';
            }
            echo '</ol>';
        }
        echo '<table class="form-table" role="presentation">';
        foreach (['origin' => [__('Authorized JavaScript origin', 'php-smtp'), OAuth::origin()],
                  'redirect' => [__('Authorized redirect URI', 'php-smtp'), OAuth::redirect_uri()]] as $id => [$label, $value]) {
            printf('<tr><th scope="row">%s</th><td><input type="text" readonly class="large-text code" id="php-smtp-%s" value="%s"> <button type="button" class="button php-smtp-copy" data-target="php-smtp-%s">%s</button></td></tr>',
                   esc_html($label), esc_attr($id), esc_attr($value), esc_attr($id), esc_html__('Copy', 'php-smtp'));
        }
        echo '</table>';
        $st = OAuth::status();
        if ($st) {
            $when = fn($t) => $t ? wp_date(get_option('date_format') . ' ' . get_option('time_format'), (int)$t) : '—';
            echo '<table class="widefat striped" id="php-smtp-oauth-status"><tbody>';
            foreach ([__('Authorized', 'php-smtp') => $st['authorized'] ? __('yes', 'php-smtp') : __('no', 'php-smtp'),
                      __('Mailbox', 'php-smtp') => $s['oauth_account'] ?: $s['username'],
                      __('Consent given', 'php-smtp') => $when($st['authorized_at']),
                      __('Access token expires', 'php-smtp') => $when($st['expires_at']),
                      __('Grant expires', 'php-smtp') => $st['refresh_token_expires_at'] ? $when($st['refresh_token_expires_at']) : __('not announced by the provider', 'php-smtp'),
                      __('Last refresh', 'php-smtp') => $when($st['last_refresh']),
                      __('Needs a new consent', 'php-smtp') => $st['needs_reauthorization'] ? __('YES', 'php-smtp') : __('no', 'php-smtp'),
                      __('Last error', 'php-smtp') => $st['last_error'] ?? '—'] as $k => $v) {
                printf('<tr><th>%s</th><td>%s</td></tr>', esc_html($k), esc_html((string)$v));
            }
            echo '</tbody></table>';
        }
        $label = $s['oauth_provider'] === 'google' ? __('Grant permission with Google', 'php-smtp') : __('Grant permission with Microsoft', 'php-smtp');
        Guard::form_open('grant', true);
        $attrs = ['id' => 'php-smtp-grant'];
        if ($s['oauth_client_id'] === '') $attrs['disabled'] = 'disabled';
        submit_button($label, 'primary', 'submit', false, $attrs);
        echo '</form> ';
        if ($st) {
            Guard::form_open('forget', true);
            submit_button(__('Revoke and forget', 'php-smtp'), 'delete', 'submit', false, ['id' => 'php-smtp-forget']);
            echo '</form>';
        }
    }

    public static function apply_preset(): void
    {
        $key = sanitize_key(wp_unslash($_POST['preset'] ?? ''));
        if (!Presets::get($key)) Guard::redirect('settings');
        /* the preset's own fields over the stored option as it is: nothing stored is sanitized again */
        Settings::stored();   /* moves secrets still in the option to Secrets first */
        $stored = get_option(Settings::OPTION, []);
        Settings::write(array_merge(is_array($stored) ? $stored : [], Presets::fields($key), ['provider' => $key]));
        Guard::redirect('settings');
    }

    public static function grant(): void
    {
        try {
            $url = OAuth::begin();
        } catch (\Throwable $e) {
            set_transient('php_smtp_flash_' . get_current_user_id(), ['error', $e->getMessage()], 60);
            Guard::redirect('settings');
        }
        wp_redirect($url);   /* the provider's host: wp_safe_redirect would refuse it */
        exit;
    }

    public static function forget(): void
    {
        try {
            OAuth::store()->forget(OAuth::ACCOUNT);
            $flash = ['success', __('The grant was revoked and the tokens removed.', 'php-smtp')];
        } catch (\Throwable $e) {
            $flash = ['error', $e->getMessage()];
        }
        set_transient('php_smtp_flash_' . get_current_user_id(), $flash, 60);
        Guard::redirect('settings');
    }
}
