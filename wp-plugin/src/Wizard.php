<?php
/*
 * Wizard: Settings > php-smtp > Setup wizard, four steps, each checked
 * before the next: 1. the provider, guessed from the From address's domain
 * (its MX hosts: Google, Microsoft, Proton, Zoho…) with one click to accept,
 * or chosen from the presets; 2. the credentials, tried with smtp_probe()
 * (or the OAuth client and the grant); 3. a test email that must be accepted
 * by the server; 4. done. Every handler is behind Guard; the Connection tab
 * stays for everything else.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Wizard
{
    private const STEPS = ['provider', 'credentials', 'test', 'done'];

    public static function hooks(): void
    {
        Guard::action('wizard_guess', [self::class, 'guess'], true);
        Guard::action('wizard_provider', [self::class, 'choose'], true);
        Guard::action('wizard_credentials', [self::class, 'credentials'], true);
        Guard::action('wizard_test', [self::class, 'test']);
    }

    /* The wizard's progress for this administrator (nothing secret in it). */
    private static function state(): array
    {
        $s = get_transient(self::key());
        return (is_array($s) ? $s : []) + ['step' => 'provider', 'from' => '', 'guess' => null, 'guessed_for' => '', 'error' => '', 'attempt' => [], 'test' => 0];
    }

    private static function key(): string
    {
        return 'php_smtp_wizard_' . get_current_user_id();
    }

    private static function save(array $state): void
    {
        set_transient(self::key(), $state, DAY_IN_SECONDS);
    }

    /* Back to the wizard's page with $state, or with an error that keeps the step. */
    private static function go(array $state, string $error = ''): void
    {
        $state['error'] = $error;
        self::save($state);
        Guard::redirect('wizard');
    }

    /* After the OAuth consent, back to the wizard when it was in progress. */
    public static function after_grant_tab(): string
    {
        return self::state()['step'] === 'credentials' ? 'wizard' : 'settings';
    }

    /* The wizard sets up SMTP: its SMTP presets only (an HTTPS API one is chosen on the Connection tab). */
    private static function preset(string $key): ?array
    {
        return Presets::all()[$key] ?? null;
    }

    /* ---- handlers ---------------------------------------------------------------- */

    public static function guess(): void
    {
        $state = self::state();
        $from = sanitize_email(wp_unslash((string)($_POST['from'] ?? '')));
        if ($from === '' || !is_email($from)) {
            self::go($state, __('Enter the address your site sends from, like wordpress@example.com.', 'php-smtp'));
        }
        $state['from'] = $from;
        $state['guess'] = Presets::guess($from);
        $state['guessed_for'] = $from;
        self::go($state);
    }

    public static function choose(): void
    {
        $state = self::state();
        $preset = sanitize_key(wp_unslash((string)($_POST['preset'] ?? '')));
        $p = self::preset($preset);
        if (!$p) self::go($state, __('Choose a provider from the list.', 'php-smtp'));
        if ($state['from'] === '') self::go($state, __('Enter the address your site sends from first.', 'php-smtp'));
        $fields = Presets::fields($preset) + ['provider' => $preset, 'from' => $state['from']];
        if ($p['user_is'] === 'email') $fields['username'] = $state['from'];
        if (in_array($p['user_is'], ['given', 'password'], true)) $fields['username'] = '';
        if ($p['auth'] === 'xoauth2') $fields['oauth_account'] = $state['from'];
        Settings::merge($fields);
        $state['step'] = 'credentials';
        $state['attempt'] = [];
        self::go($state);
    }

    public static function credentials(): void
    {
        $state = self::state();
        $s = Settings::stored();
        $p = self::preset((string)$s['provider']) ?? self::preset('other');
        $in = wp_unslash($_POST);
        if (!empty($in['back'])) {
            $state['step'] = 'provider';
            self::go($state);
        }
        if ($p['auth'] === 'xoauth2') {
            $fields = ['oauth_client_id' => sanitize_text_field((string)($in['oauth_client_id'] ?? ''))];
            if ((string)($in['oauth_client_secret'] ?? '') !== '') $fields['oauth_client_secret'] = (string)$in['oauth_client_secret'];
            if ($fields['oauth_client_id'] === '' || ((string)$s['oauth_client_secret'] === '' && !isset($fields['oauth_client_secret']))) {
                self::go($state, __('Paste both the client ID and the client secret.', 'php-smtp'));
            }
            Settings::merge($fields);
            if (!empty($in['next'])) {
                $st = OAuth::status();
                if (!$st || !$st['authorized']) self::go($state, __('Grant permission first: the button below opens the provider\'s consent page.', 'php-smtp'));
                $state['step'] = 'test';
            }
            self::go($state);
        }
        $fields = ['host' => sanitize_text_field((string)($in['host'] ?? $s['host'])), 'port' => (int)($in['port'] ?? $s['port']),
                   'security' => in_array($in['security'] ?? '', ['starttls', 'tls', 'none'], true) ? $in['security'] : $s['security'],
                   'username' => sanitize_text_field((string)($in['username'] ?? '')), 'transport' => 'smtp'];
        $password = (string)($in['password'] ?? '');
        if ($p['user_is'] === 'password') $fields['username'] = $password !== '' ? $password : (string)$s['username'];
        $state['attempt'] = $fields;   /* shown again if it does not work; the password never is */
        if ($fields['host'] === '' || $fields['port'] < 1 || $fields['port'] > 65535) {
            self::go($state, __('Enter the SMTP host and a port between 1 and 65535.', 'php-smtp'));
        }
        if ($fields['username'] !== '' && $password === '' && (string)$s['password'] === '') {
            self::go($state, __('Enter the password, app password or key for this user name.', 'php-smtp'));
        }
        $fields['auth'] = $fields['username'] === '' ? 'none' : 'auto';
        if ($password !== '') $fields['password'] = $password;
        $try = array_merge(Settings::all(), $fields);
        try {
            $probe = smtp_probe(Mailer::transport('primary', $try));
        } catch (\Throwable $e) {
            self::go($state, $e->getMessage());
        }
        SiteHealth::remember_probe([[__('Summary', 'php-smtp'), $probe['ok'], $probe['ok'] ? __('The setup wizard connected and logged in.', 'php-smtp') : (string)$probe['error']]]);
        if (!$probe['ok']) {
            self::go($state, sprintf(/* translators: 1: the stage that failed (connect, tls, auth…), 2: the error */ __('This did not work (%1$s): %2$s', 'php-smtp'), $probe['stage'], (string)$probe['error']));
        }
        Settings::merge($fields);
        $state['step'] = 'test';
        self::go($state);
    }

    public static function test(): void
    {
        $state = self::state();
        $to = sanitize_email(wp_unslash((string)($_POST['to'] ?? '')));
        if ($to === '') self::go($state, __('Enter the address the test email goes to.', 'php-smtp'));
        Mailer::$now = true;
        Mailer::$last_log_id = 0;
        wp_mail($to, sprintf(/* translators: %s: the site's title */ __('php-smtp test from %s', 'php-smtp'), wp_specialchars_decode(get_bloginfo('name'), ENT_QUOTES)),
                __("This is a test email sent by php-smtp.\n\nIf you can read it, WordPress can send mail.", 'php-smtp'));
        Mailer::$now = false;
        $row = Mailer::$last_log_id ? Log::get(Mailer::$last_log_id) : null;
        $state['test'] = (int)($row['id'] ?? 0);
        if (!$row || $row['status'] !== 'sent') {
            self::go($state, sprintf(/* translators: %s: the server's words */ __('The test email was not accepted: %s', 'php-smtp'), (string)($row['server_reply'] ?? __('it was not sent', 'php-smtp'))));
        }
        $state['step'] = 'done';
        self::go($state);
    }

    /* ---- the page ------------------------------------------------------------------ */

    public static function render(): void
    {
        if (Network::borrowing()) {
            echo '<p>' . esc_html__('This site sends through the main site\'s connection; the setup wizard runs on the main site.', 'php-smtp') . '</p>';
            return;
        }
        $state = self::state();
        if (isset($_GET['restart'])) {
            $state = ['step' => 'provider', 'test' => 0, 'attempt' => []] + $state;
            self::save($state);
        }
        if ($state['error'] !== '') {
            printf('<div class="notice notice-error inline" id="php-smtp-wizard-error"><p>%s</p></div>', esc_html($state['error']));
            $state['error'] = '';
            self::save($state);
        }
        $step = in_array($state['step'], self::STEPS, true) ? $state['step'] : 'provider';
        $labels = ['provider' => __('Provider', 'php-smtp'), 'credentials' => __('Credentials', 'php-smtp'), 'test' => __('Test email', 'php-smtp'), 'done' => __('Done', 'php-smtp')];
        echo '<div class="php-smtp-wizard" id="php-smtp-wizard" data-step="' . esc_attr($step) . '"><ol class="php-smtp-wizard-steps">';
        $reached = array_search($step, self::STEPS, true);
        foreach (self::STEPS as $i => $st) {
            printf('<li class="%s">%s</li>', $i < $reached ? 'done' : ($i === $reached ? 'current' : ''), esc_html($labels[$st]));
        }
        echo '</ol>';
        call_user_func([self::class, "step_$step"], $state);
        echo '</div>';
    }

    private static function step_provider(array $state): void
    {
        echo '<h2>' . esc_html__('Which address does your site send from?', 'php-smtp') . '</h2>';
        Guard::form_open('wizard_guess');
        printf('<p><input type="email" id="php-smtp-wizard-from" name="from" class="regular-text" value="%s" placeholder="wordpress@example.com" required> ',
               esc_attr($state['from'] ?: (string)Settings::get('from')));
        submit_button(__('Find my provider', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-wizard-guess']);
        echo '</p></form>';
        if ($state['from'] === '') return;
        $presets = Presets::all();
        $guess = $state['guess'];
        if ($guess && isset($presets[$guess])) {
            $accept = [$guess];
            if ($guess === 'gmail_app') $accept[] = 'gmail_oauth';
            if ($guess === 'microsoft' || $guess === 'outlook') $accept = [$guess];
            $domain = substr((string)strrchr($state['from'], '@'), 1);
            echo '<div class="php-smtp-guess" id="php-smtp-wizard-guessed"><p>' . esc_html(sprintf(/* translators: 1: a domain, 2: a provider */ __('The mail of %1$s is handled by %2$s.', 'php-smtp'), $domain, $presets[$guess]['label'])) . '</p><p>';
            foreach ($accept as $i => $key) {
                Guard::form_open('wizard_provider', true);
                printf('<input type="hidden" name="preset" value="%s">', esc_attr($key));
                submit_button(sprintf(/* translators: %s: a provider */ __('Use %s', 'php-smtp'), $presets[$key]['label']), $i === 0 ? 'primary' : 'secondary', 'submit', false, ['id' => "php-smtp-wizard-accept-$key"]);
                echo '</form> ';
            }
            echo '</p></div>';
        } else {
            echo '<p id="php-smtp-wizard-unknown">' . esc_html__('The provider could not be recognised from this domain: choose it below.', 'php-smtp') . '</p>';
        }
        echo '<h3>' . esc_html__('Or choose your provider', 'php-smtp') . '</h3>';
        Guard::form_open('wizard_provider');
        echo '<p><select name="preset" id="php-smtp-wizard-preset">';
        foreach ($presets as $key => $p) {
            printf('<option value="%s"%s>%s</option>', esc_attr($key), selected($guess ?? 'other', $key, false), esc_html($p['label']));
        }
        echo '</select> ';
        submit_button(__('Continue', 'php-smtp'), 'secondary', 'submit', false, ['id' => 'php-smtp-wizard-choose']);
        echo '</p></form>';
    }

    private static function step_credentials(array $state): void
    {
        $s = Settings::all();
        $p = self::preset((string)$s['provider']) ?? self::preset('other');
        echo '<h2>' . esc_html(sprintf(/* translators: %s: a provider */ __('Credentials for %s', 'php-smtp'), $p['label'])) . '</h2>';
        echo '<p class="description" id="php-smtp-wizard-help">' . esc_html($p['key']) . '</p>';
        Guard::form_open('wizard_credentials');
        echo '<table class="form-table" role="presentation">';
        if ($p['auth'] === 'xoauth2') {
            self::oauth_fields($s);
            echo '</table>';
            submit_button(__('Save the client', 'php-smtp'), 'secondary', 'save', false, ['id' => 'php-smtp-wizard-save-client']);
            echo ' ';
            submit_button(__('Next: test email', 'php-smtp'), 'primary', 'next', false, ['id' => 'php-smtp-wizard-next']);
            echo ' ';
            submit_button(__('Back', 'php-smtp'), 'link', 'back', false, ['id' => 'php-smtp-wizard-back', 'formnovalidate' => 'formnovalidate']);
            echo '</form>';
            if ((string)$s['oauth_client_id'] !== '') {
                Guard::form_open('grant');
                submit_button($s['oauth_provider'] === 'google' ? __('Grant permission with Google', 'php-smtp') : __('Grant permission with Microsoft', 'php-smtp'), 'primary', 'submit', true, ['id' => 'php-smtp-wizard-grant']);
                echo '</form>';
            }
            return;
        }
        $a = $state['attempt'] + $s;
        Admin::row(__('SMTP host', 'php-smtp'), fn() => printf('<input type="text" id="php-smtp-wizard-host" name="host" class="regular-text" value="%s" required>', esc_attr((string)$a['host'])));
        Admin::row(__('Port', 'php-smtp'), fn() => printf('<input type="number" id="php-smtp-wizard-port" name="port" class="small-text" min="1" max="65535" value="%d" required>', (int)$a['port']));
        Admin::row(__('Security', 'php-smtp'), function () use ($a) {
            echo '<select id="php-smtp-wizard-security" name="security">';
            foreach (['starttls' => 'STARTTLS', 'tls' => __('TLS (implicit, port 465)', 'php-smtp'), 'none' => __('None (local relay only)', 'php-smtp')] as $v => $l) {
                printf('<option value="%s"%s>%s</option>', esc_attr($v), selected((string)$a['security'], $v, false), esc_html($l));
            }
            echo '</select>';
        });
        if ($p['user_is'] !== 'password') {
            Admin::row(__('Username', 'php-smtp'), function () use ($a, $p) {
                printf('<input type="text" id="php-smtp-wizard-username" name="username" class="regular-text" value="%s" autocomplete="username">', esc_attr((string)$a['username']));
                echo '<p class="description" id="php-smtp-wizard-user-rule">' . esc_html($p['user']) . '</p>';
            });
        } else {
            echo '<tr data-php-smtp-user-is="password"><td colspan="2"><p class="description" id="php-smtp-wizard-user-rule">' . esc_html($p['user']) . '</p></td></tr>';
        }
        Admin::row(__('Password, app password or key', 'php-smtp'), function () use ($s) {
            echo '<input type="password" id="php-smtp-wizard-password" name="password" class="regular-text" value="" autocomplete="new-password">';
            if ((string)$s['password'] !== '') echo ' <em>' . esc_html__('stored; leave empty to keep it', 'php-smtp') . '</em>';
        });
        echo '</table><p>';
        submit_button(__('Check and continue', 'php-smtp'), 'primary', 'submit', false, ['id' => 'php-smtp-wizard-check']);
        echo ' ';
        submit_button(__('Back', 'php-smtp'), 'link', 'back', false, ['id' => 'php-smtp-wizard-back', 'formnovalidate' => 'formnovalidate']);
        echo '</p><p class="description">' . esc_html__('Nothing is sent yet: php-smtp connects, starts TLS, checks the certificate and logs in, then says goodbye.', 'php-smtp') . '</p></form>';
    }

    private static function oauth_fields(array $s): void
    {
        foreach (['origin' => [__('Authorized JavaScript origin', 'php-smtp'), OAuth::origin()], 'redirect' => [__('Authorized redirect URI', 'php-smtp'), OAuth::redirect_uri()]] as $id => [$label, $value]) {
            Admin::row($label, fn() => printf('<input type="text" readonly class="large-text code" id="php-smtp-wizard-%s" value="%s"> <button type="button" class="button php-smtp-copy" data-target="php-smtp-wizard-%s">%s</button>',
                                              esc_attr($id), esc_attr($value), esc_attr($id), esc_html__('Copy', 'php-smtp')));
        }
        Admin::row(__('Client ID', 'php-smtp'), fn() => printf('<input type="text" id="php-smtp-wizard-client-id" name="oauth_client_id" class="regular-text" value="%s">', esc_attr((string)$s['oauth_client_id'])));
        Admin::row(__('Client secret', 'php-smtp'), function () use ($s) {
            echo '<input type="password" id="php-smtp-wizard-client-secret" name="oauth_client_secret" class="regular-text" value="" autocomplete="new-password">';
            if ((string)$s['oauth_client_secret'] !== '') echo ' <em>' . esc_html__('stored; leave empty to keep it', 'php-smtp') . '</em>';
        });
        $st = OAuth::status();
        Admin::row(__('Permission', 'php-smtp'), fn() => print('<span id="php-smtp-wizard-grant-status">' . esc_html($st && $st['authorized'] ? __('granted', 'php-smtp') : __('not granted yet', 'php-smtp')) . '</span>'));
    }

    private static function step_test(array $state): void
    {
        echo '<h2>' . esc_html__('Send a test email', 'php-smtp') . '</h2>';
        Guard::form_open('wizard_test');
        printf('<p><input type="email" id="php-smtp-wizard-to" name="to" class="regular-text" value="%s" required> ', esc_attr(wp_get_current_user()->user_email));
        submit_button(__('Send test email', 'php-smtp'), 'primary', 'submit', false, ['id' => 'php-smtp-wizard-send']);
        echo '</p></form>';
        self::test_result($state);
    }

    private static function test_result(array $state): void
    {
        $row = $state['test'] ? Log::get((int)$state['test']) : null;
        if (!$row) return;
        echo '<h3>' . esc_html__('SMTP transcript', 'php-smtp') . '</h3><pre id="php-smtp-wizard-transcript">' . esc_html((string)$row['transcript']) . '</pre>';
    }

    private static function step_done(array $state): void
    {
        $row = $state['test'] ? Log::get((int)$state['test']) : null;
        echo '<h2 id="php-smtp-wizard-done">' . esc_html__('Done: WordPress sends mail through php-smtp.', 'php-smtp') . '</h2>';
        if ($row) {
            printf('<p id="php-smtp-wizard-result">%s</p>', esc_html(sprintf(/* translators: 1: recipient, 2: the server's reply */ __('The test email to %1$s was accepted: %2$s', 'php-smtp'), $row['to_addr'], $row['server_reply'])));
        }
        echo '<ul>';
        foreach (['alerts' => __('Get alerts when mail fails (email, Slack, Discord, Teams)', 'php-smtp'), 'settings' => __('Fine-tune the connection (fallback, background sending, log retention)', 'php-smtp'),
                  'log' => __('See every message in the log', 'php-smtp')] as $tab => $label) {
            printf('<li><a href="%s">%s</a></li>', esc_url(admin_url('options-general.php?page=php-smtp&tab=' . $tab)), esc_html($label));
        }
        echo '</ul>';
        printf('<p><a class="button" id="php-smtp-wizard-restart" href="%s">%s</a></p>', esc_url(admin_url('options-general.php?page=php-smtp&tab=wizard&restart=1')), esc_html__('Start the wizard again', 'php-smtp'));
    }
}
