<?php
/*
 * Admin: Settings > php-smtp. Tabs for the connection (Settings API), the
 * OAuth wizard, the test email, the log, the outbox and diagnostics. Every
 * value shown is escaped; every action goes through Guard.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Admin
{
    private const TABS = ['settings', 'test', 'log', 'outbox', 'diagnostics'];

    public static function hooks(): void
    {
        add_action('admin_menu', static function () {
            $hook = add_options_page(__('php-smtp', 'php-smtp'), __('php-smtp', 'php-smtp'), 'manage_options', 'php-smtp', [self::class, 'page']);
            add_action("load-$hook", [self::class, 'on_load']);
        });
        add_action('admin_init', static function () {
            register_setting('php_smtp', Settings::OPTION, ['sanitize_callback' => [Settings::class, 'sanitize'], 'default' => Settings::defaults()]);
        });
        Guard::action('test', [self::class, 'send_test']);
        Guard::action('grant', [self::class, 'grant'], true);
        Guard::action('forget', [self::class, 'forget'], true);
        Guard::action('resend', [self::class, 'resend']);
        Guard::action('outbox', [self::class, 'run_outbox']);
        Guard::action('preset', [self::class, 'apply_preset'], true);
    }

    /* Before the page's notices: the failure list being opened, the OAuth callback. */
    public static function on_load(): void
    {
        if (Guard::can() && self::tab() === 'log' && sanitize_key($_GET['status'] ?? '') === 'failed') {
            Notices::failures_seen();   /* the notice about them has done its job */
        }
        /* The OAuth callback lands on the page itself: its state is the nonce. */
        if (!Guard::can() || Network::borrowing() || ($_GET['oauth'] ?? '') !== 'callback') return;
        $error = OAuth::complete(wp_unslash($_GET));
        set_transient('php_smtp_flash_' . get_current_user_id(), $error === null
            ? ['success', __('Permission granted: the tokens are stored and mail will be sent with OAuth.', 'php-smtp')]
            : ['error', $error], 60);
        Guard::redirect('settings');
    }

    private static function tab(): string
    {
        $tab = sanitize_key($_GET['tab'] ?? 'settings');
        return in_array($tab, self::TABS, true) ? $tab : 'settings';
    }

    public static function page(): void
    {
        if (!Guard::can()) {
            wp_die(esc_html__('Sorry, you are not allowed to manage mail settings.', 'php-smtp'), 403);
        }
        $tab = self::tab();
        echo '<div class="wrap php-smtp"><h1>' . esc_html__('php-smtp', 'php-smtp') . '</h1>';
        $flash = get_transient('php_smtp_flash_' . get_current_user_id());
        if ($flash) {
            delete_transient('php_smtp_flash_' . get_current_user_id());
            printf('<div id="php-smtp-flash" class="notice notice-%s"><p>%s</p></div>', esc_attr($flash[0]), esc_html($flash[1]));
        }
        if (!extension_loaded('smtp')) {
            echo '<p>' . esc_html__('The smtp extension is not loaded: nothing here works until it is.', 'php-smtp') . '</p></div>';
            return;
        }
        echo '<nav class="nav-tab-wrapper">';
        $labels = ['settings' => __('Connection', 'php-smtp'), 'test' => __('Test email', 'php-smtp'), 'log' => __('Log', 'php-smtp'),
                   'outbox' => __('Outbox', 'php-smtp'), 'diagnostics' => __('Diagnostics', 'php-smtp')];
        foreach ($labels as $t => $label) {
            printf('<a id="php-smtp-tab-%1$s" class="nav-tab%2$s" href="%3$s">%4$s</a>', esc_attr($t), $t === $tab ? ' nav-tab-active' : '',
                   esc_url(admin_url('options-general.php?page=php-smtp&tab=' . $t)), esc_html($label));
        }
        echo '</nav>';
        call_user_func([self::class, 'tab_' . $tab]);
        echo '</div>';
    }

    /* ---- connection and OAuth wizard -------------------------------------------- */

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
            echo ' <em>' . esc_html__('stored; leave empty to keep it', 'php-smtp') . '</em>';
        }
    }

    private static function select(string $field, array $options): void
    {
        $current = (string)Settings::get($field);
        printf('<select id="php-smtp-%s" name="%s[%s]"%s>', esc_attr($field), esc_attr(Settings::OPTION), esc_attr($field),
               Settings::locked($field) ? ' disabled' : '');
        foreach ($options as $value => $label) {
            printf('<option value="%s"%s>%s</option>', esc_attr($value), selected($current, (string)$value, false), esc_html($label));
        }
        echo '</select>';
    }

    private static function row(string $label, callable $field): void
    {
        echo '<tr><th scope="row">' . esc_html($label) . '</th><td>';
        $field();
        echo '</td></tr>';
    }

    private static function tab_settings(): void
    {
        if (Network::borrowing()) {
            self::borrowed_connection();
            return;
        }
        $s = Settings::all();
        echo '<h2>' . esc_html__('1. Choose your provider', 'php-smtp') . '</h2>';
        echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '">';
        Guard::field('preset');
        echo '<input type="hidden" name="action" value="php_smtp_preset"><select id="php-smtp-preset" name="preset">';
        foreach (Settings::PROVIDERS as $key => $p) {
            printf('<option value="%s"%s>%s</option>', esc_attr($key), selected($s['provider'], $key, false), esc_html($p['label']));
        }
        echo '</select> ';
        submit_button(__('Use these settings', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-preset-submit']);
        echo '</form>';

        echo '<h2>' . esc_html__('2. Connection', 'php-smtp') . '</h2><form method="post" action="options.php" id="php-smtp-settings">';
        settings_fields('php_smtp');
        echo '<table class="form-table" role="presentation">';
        self::row(__('SMTP host', 'php-smtp'), fn() => self::input('host'));
        self::row(__('Port', 'php-smtp'), fn() => self::input('port', 'number'));
        self::row(__('Security', 'php-smtp'), fn() => self::select('security', ['starttls' => 'STARTTLS', 'tls' => __('TLS (implicit, port 465)', 'php-smtp'), 'none' => __('None (local relay only)', 'php-smtp')]));
        self::row(__('Authentication', 'php-smtp'), fn() => self::select('auth', ['auto' => __('Password (automatic)', 'php-smtp'), 'plain' => 'PLAIN', 'login' => 'LOGIN', 'xoauth2' => __('OAuth 2.0 (XOAUTH2)', 'php-smtp'), 'none' => __('None', 'php-smtp')]));
        self::row(__('Username', 'php-smtp'), fn() => self::input('username'));
        self::row(__('Password, app password or API key', 'php-smtp'), fn() => self::input('password', 'password'));
        self::row(__('From address', 'php-smtp'), fn() => self::input('from', 'email'));
        self::row(__('From name', 'php-smtp'), fn() => self::input('from_name'));
        self::row(__('Force this From address', 'php-smtp'), function () use ($s) {
            printf('<input type="checkbox" id="php-smtp-force_from" name="%s[force_from]" value="1"%s>', esc_attr(Settings::OPTION), checked($s['force_from'], 1, false));
        });
        self::row(__('Send in the background', 'php-smtp'), function () use ($s) {
            printf('<label><input type="checkbox" id="php-smtp-background" name="%s[background]" value="1"%s> %s</label>', esc_attr(Settings::OPTION),
                   checked($s['background'], 1, false), esc_html__('Pages do not wait for the SMTP server; WP-Cron sends within a minute.', 'php-smtp'));
        });
        self::row(__('CA bundle (optional)', 'php-smtp'), fn() => self::input('cafile'));
        self::row(__('Keep the log for (days)', 'php-smtp'), fn() => self::input('log_days', 'number'));
        echo '</table><h3>' . esc_html__('OAuth 2.0 client (Gmail / Google Workspace, Microsoft 365)', 'php-smtp') . '</h3><table class="form-table" role="presentation">';
        self::row(__('Provider', 'php-smtp'), fn() => self::select('oauth_provider', ['google' => 'Google', 'microsoft' => 'Microsoft']));
        self::row(__('Client ID', 'php-smtp'), fn() => self::input('oauth_client_id'));
        self::row(__('Client secret', 'php-smtp'), fn() => self::input('oauth_client_secret', 'password'));
        self::row(__('Sending mailbox (the account you grant)', 'php-smtp'), fn() => self::input('oauth_account', 'email'));
        echo '</table><h3>' . esc_html__('Fallback connection (optional)', 'php-smtp') . '</h3><table class="form-table" role="presentation">';
        self::row(__('Host', 'php-smtp'), fn() => self::input('fallback_host'));
        self::row(__('Port', 'php-smtp'), fn() => self::input('fallback_port', 'number'));
        self::row(__('Security', 'php-smtp'), fn() => self::select('fallback_security', ['starttls' => 'STARTTLS', 'tls' => 'TLS', 'none' => __('None', 'php-smtp')]));
        self::row(__('Username', 'php-smtp'), fn() => self::input('fallback_username'));
        self::row(__('Password', 'php-smtp'), fn() => self::input('fallback_password', 'password'));
        echo '</table>';
        submit_button(__('Save settings', 'php-smtp'), 'primary', 'submit', true, ['id' => 'php-smtp-save']);
        echo '</form>';
        if ($s['auth'] === 'xoauth2') {
            self::oauth_wizard($s);
        }
    }

    /* A site of a network that sends with the main site's connection: shown, not editable. */
    private static function borrowed_connection(): void
    {
        $s = Settings::all();
        echo '<p id="php-smtp-borrowed">' . esc_html__('The network administrator set every site to send through the main site\'s connection. This site keeps its own log and outbox; the connection is changed on the main site.', 'php-smtp') . '</p>';
        if ((string)$s['host'] === '') {
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
        foreach ([__('SMTP host', 'php-smtp') => $s['host'] . ':' . $s['port'], __('Security', 'php-smtp') => $s['security'],
                  __('Authentication', 'php-smtp') => $s['auth'], __('From', 'php-smtp') => trim($s['from_name'] . ' <' . ($s['from'] ?: MailMapper::default_from()) . '>')] as $k => $v) {
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
        echo "<script>document.querySelectorAll('.php-smtp-copy').forEach(function(b){b.addEventListener('click',function(){var i=document.getElementById(b.dataset.target);i.select();navigator.clipboard&&navigator.clipboard.writeText(i.value);});});</script>";
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
        echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '" style="display:inline">';
        Guard::field('grant');
        echo '<input type="hidden" name="action" value="php_smtp_grant">';
        $attrs = ['id' => 'php-smtp-grant'];
        if ($s['oauth_client_id'] === '') $attrs['disabled'] = 'disabled';
        submit_button($label, 'primary', 'submit', false, $attrs);
        echo '</form> ';
        if ($st) {
            echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '" style="display:inline">';
            Guard::field('forget');
            echo '<input type="hidden" name="action" value="php_smtp_forget">';
            submit_button(__('Revoke and forget', 'php-smtp'), 'delete', 'submit', false, ['id' => 'php-smtp-forget']);
            echo '</form>';
        }
    }

    public static function apply_preset(): void
    {
        $key = sanitize_key(wp_unslash($_POST['preset'] ?? ''));
        if (!isset(Settings::PROVIDERS[$key])) Guard::redirect('settings');
        $p = Settings::PROVIDERS[$key];
        $s = Settings::stored();
        $s['provider'] = $key;
        foreach (['host', 'port', 'security', 'auth', 'username', 'oauth_provider'] as $f) {
            if (array_key_exists($f, $p)) $s[$f] = $p[$f];
        }
        update_option(Settings::OPTION, $s);
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

    /* ---- test email --------------------------------------------------------------- */

    private static function tab_test(): void
    {
        $result = get_transient('php_smtp_test_' . get_current_user_id());
        delete_transient('php_smtp_test_' . get_current_user_id());
        echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '">';
        Guard::field('test');
        echo '<input type="hidden" name="action" value="php_smtp_test"><table class="form-table" role="presentation">';
        self::row(__('Send to', 'php-smtp'), function () {
            printf('<input type="email" id="php-smtp-test-to" name="to" class="regular-text" value="%s" required>', esc_attr(wp_get_current_user()->user_email));
        });
        echo '</table>';
        submit_button(__('Send test email', 'php-smtp'), 'primary', 'submit', true, ['id' => 'php-smtp-test-send']);
        echo '</form>';
        if ($result) {
            $row = Log::get((int)$result);
            if ($row) {
                printf('<div id="php-smtp-test-result" class="notice notice-%s"><p><strong>%s</strong> %s</p></div>',
                       $row['status'] === 'sent' ? 'success' : 'error', esc_html(self::status_label($row['status'])), esc_html($row['server_reply']));
                echo '<h3>' . esc_html__('SMTP transcript', 'php-smtp') . '</h3><pre id="php-smtp-test-transcript">' . esc_html($row['transcript']) . '</pre>';
            }
        }
    }

    public static function send_test(): void
    {
        $to = sanitize_email(wp_unslash($_POST['to'] ?? ''));
        if ($to === '') Guard::redirect('test');
        $atts = ['to' => $to, 'subject' => sprintf(/* translators: %s: the site's title */ __('php-smtp test from %s', 'php-smtp'), wp_specialchars_decode(get_bloginfo('name'), ENT_QUOTES)),
                 'message' => __("This is a test email sent by php-smtp.\n\nIf you can read it, WordPress can send mail.", 'php-smtp'),
                 'headers' => [], 'attachments' => []];
        $id = Log::add($atts, 'sending');
        Mailer::deliver($atts, $id);
        set_transient('php_smtp_test_' . get_current_user_id(), $id, 300);
        Guard::redirect('test');
    }

    /* ---- log and outbox ------------------------------------------------------------ */

    private static function status_label(string $status): string
    {
        $labels = ['sent' => __('Sent', 'php-smtp'), 'failed' => __('Failed', 'php-smtp'), 'queued' => __('Queued for retry', 'php-smtp'),
                   'unknown' => __('Outcome unknown (connection lost after the message was sent)', 'php-smtp'), 'sending' => __('Sending', 'php-smtp')];
        return $labels[$status] ?? $status;
    }

    private static function tab_log(): void
    {
        $view = isset($_GET['id']) ? Log::get(absint($_GET['id'])) : null;
        if ($view) {
            self::log_entry($view);
            return;
        }
        $search = sanitize_text_field(wp_unslash($_GET['s'] ?? ''));
        $status = sanitize_key($_GET['status'] ?? '');
        $page = max(1, absint($_GET['paged'] ?? 1));
        [$rows, $total] = Log::query($search, $status, $page, 20);
        echo '<form method="get"><input type="hidden" name="page" value="php-smtp"><input type="hidden" name="tab" value="log">';
        printf('<input type="search" name="s" id="php-smtp-log-search" value="%s"> ', esc_attr($search));
        echo '<select name="status"><option value="">' . esc_html__('All', 'php-smtp') . '</option>';
        foreach (['sent', 'failed', 'queued', 'unknown'] as $st) {
            printf('<option value="%s"%s>%s</option>', esc_attr($st), selected($status, $st, false), esc_html(self::status_label($st)));
        }
        echo '</select> ';
        submit_button(__('Filter', 'php-smtp'), 'secondary', '', false);
        echo '</form>';
        self::table($rows);
        $pages = (int)ceil($total / 20);
        if ($pages > 1) {
            echo '<p class="php-smtp-pages">' . paginate_links(['base' => add_query_arg('paged', '%#%'), 'format' => '', 'current' => $page, 'total' => $pages]) . '</p>';
        }
    }

    private static function table(array $rows): void
    {
        echo '<table class="widefat striped" id="php-smtp-log"><thead><tr><th>' . esc_html__('Time', 'php-smtp') . '</th><th>' . esc_html__('To', 'php-smtp') .
             '</th><th>' . esc_html__('Subject', 'php-smtp') . '</th><th>' . esc_html__('Status', 'php-smtp') . '</th><th>' . esc_html__('Server reply', 'php-smtp') .
             '</th><th>' . esc_html__('Attempts', 'php-smtp') . '</th></tr></thead><tbody>';
        foreach ($rows as $r) {
            printf('<tr class="php-smtp-status-%s"><td><a href="%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td></tr>',
                   esc_attr($r['status']), esc_url(admin_url('options-general.php?page=php-smtp&tab=log&id=' . (int)$r['id'])),
                   esc_html(get_date_from_gmt($r['created_at'])), esc_html($r['to_addr']), esc_html($r['subject']),
                   esc_html(self::status_label($r['status'])), esc_html($r['server_reply']), (int)$r['attempts']);
        }
        if (!$rows) echo '<tr><td colspan="6">' . esc_html__('Nothing here.', 'php-smtp') . '</td></tr>';
        echo '</tbody></table>';
    }

    private static function log_entry(array $row): void
    {
        echo '<h2>' . esc_html($row['subject']) . '</h2><table class="widefat striped" id="php-smtp-entry"><tbody>';
        foreach ([__('To', 'php-smtp') => $row['to_addr'], __('Status', 'php-smtp') => self::status_label($row['status']),
                  __('Message-ID', 'php-smtp') => $row['message_id'], __('Server reply', 'php-smtp') => $row['server_reply'],
                  __('Attempts', 'php-smtp') => $row['attempts'], __('Connection', 'php-smtp') => $row['connection']] as $k => $v) {
            printf('<tr><th>%s</th><td>%s</td></tr>', esc_html($k), esc_html((string)$v));
        }
        echo '</tbody></table><h3>' . esc_html__('SMTP transcript', 'php-smtp') . '</h3><pre id="php-smtp-transcript">' . esc_html($row['transcript']) . '</pre>';
        echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '">';
        Guard::field('resend');
        printf('<input type="hidden" name="action" value="php_smtp_resend"><input type="hidden" name="id" value="%d">', (int)$row['id']);
        submit_button(__('Resend to the same recipients', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-resend']);
        echo '</form>';
    }

    /* Resend takes the message from the log, never a recipient from the request. */
    public static function resend(): void
    {
        $row = Log::get(absint($_POST['id'] ?? 0));
        $atts = $row ? Log::unpack((string)$row['mail']) : null;
        if (is_array($atts)) {
            $id = Log::add($atts, 'sending');
            Mailer::deliver($atts, $id);
            Guard::redirect('log', ['id' => $id]);
        }
        Guard::redirect('log');
    }

    private static function tab_outbox(): void
    {
        [$rows] = Log::query('', 'queued', 1, 100);
        echo '<p>' . esc_html__('Messages that failed with a temporary error are retried every minute by WP-Cron, with growing pauses.', 'php-smtp') . '</p>';
        self::table($rows);
        echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '">';
        Guard::field('outbox');
        echo '<input type="hidden" name="action" value="php_smtp_outbox">';
        submit_button(__('Retry now', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-outbox-run']);
        echo '</form>';
    }

    public static function run_outbox(): void
    {
        Outbox::run(true);
        Guard::redirect('outbox');
    }

    private static function tab_diagnostics(): void
    {
        if (empty($_GET['run'])) {
            printf('<p><a class="button button-primary" id="php-smtp-diagnose" href="%s">%s</a></p>',
                   esc_url(wp_nonce_url(admin_url('options-general.php?page=php-smtp&tab=diagnostics&run=1'), 'php_smtp_diagnose')),
                   esc_html__('Run diagnostics', 'php-smtp'));
            return;
        }
        Guard::check('diagnose');
        echo '<table class="widefat striped" id="php-smtp-diagnostics"><tbody>';
        foreach (Diagnostics::run() as [$step, $ok, $detail]) {
            [$class, $word] = $ok === null ? ['info', __('Info', 'php-smtp')] : ($ok ? ['yes', __('OK', 'php-smtp')] : ['no', __('Problem', 'php-smtp')]);
            printf('<tr class="php-smtp-diag-%1$s"><th><span class="dashicons dashicons-%1$s" aria-hidden="true"></span> %2$s: %3$s</th><td>%4$s</td></tr>',
                   esc_attr($class), esc_html($word), esc_html($step), esc_html((string)$detail));
        }
        echo '</tbody></table>';
    }
}
