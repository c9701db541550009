<?php
/*
 * Admin: Settings > php-smtp: the menu entry, the admin-post handlers (each
 * behind Guard), and the page with its tabs (ConnectionTab, TestEmailTab,
 * LogTab, DiagnosticsTab). Every value shown is escaped.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Admin
{
    /* tab => what renders it */
    private const TABS = [
        'wizard' => [Wizard::class, 'render'],
        'settings' => [ConnectionTab::class, 'render'], 'test' => [TestEmailTab::class, 'render'],
        'log' => [LogTab::class, 'render_log'], 'outbox' => [LogTab::class, 'render_outbox'],
        'diagnostics' => [DiagnosticsTab::class, 'render'], 'alerts' => [AlertsTab::class, 'render'],
        'import' => [Import::class, 'render'],
    ];

    public static function hooks(): void
    {
        add_action('admin_menu', static function () {
            $hook = add_options_page(__('php-smtp', 'php-smtp'), __('php-smtp', 'php-smtp'), 'manage_options', 'php-smtp', [self::class, 'page']);
            add_action("load-$hook", [self::class, 'on_load']);
        });
        add_action('admin_init', static function () {
            register_setting('php_smtp', Settings::OPTION, ['sanitize_callback' => [Settings::class, 'sanitize'], 'default' => Settings::defaults()]);
        });
        add_action('admin_post', [OAuth::class, 'callback']);   /* admin-post.php without an action: the OAuth redirect URI */
        Guard::action('test', [TestEmailTab::class, 'send_test']);
        Guard::action('grant', [ConnectionTab::class, 'grant'], true);
        Guard::action('forget', [ConnectionTab::class, 'forget'], true);
        Guard::action('preset', [ConnectionTab::class, 'apply_preset'], true);
        Guard::action('resend', [LogTab::class, 'resend']);
        Guard::action('outbox', [LogTab::class, 'run_outbox']);
        Guard::action('use_api', [ApiOffer::class, 'apply'], true);   /* Diagnostics' offer when the SMTP ports are blocked */
    }

    /* Before the page's notices: the failure list being opened, the OAuth callback. */
    public static function on_load(): void
    {
        if (Guard::can() && self::tab() === 'log' && sanitize_key($_GET['status'] ?? '') === 'failed' &&
            wp_verify_nonce(sanitize_key($_GET['_wpnonce'] ?? ''), 'php_smtp_failures_seen')) {
            Notices::failures_seen();   /* the notice's own link: the notice has done its job */
        }
        /* the redirect URI of versions before 0.2, still registered at some providers */
        if (($_GET['oauth'] ?? '') === 'callback') OAuth::callback();
    }

    public static function tab(): string
    {
        $tab = sanitize_key($_GET['tab'] ?? 'settings');
        return isset(self::TABS[$tab]) ? $tab : 'settings';
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
        $labels = ['wizard' => __('Setup wizard', 'php-smtp'), 'settings' => __('Connection', 'php-smtp'), 'test' => __('Test email', 'php-smtp'), 'log' => __('Log', 'php-smtp'),
                   'outbox' => __('Outbox', 'php-smtp'), 'diagnostics' => __('Diagnostics', 'php-smtp'), 'alerts' => __('Alerts', 'php-smtp'), 'import' => __('Import', 'php-smtp')];
        foreach ($labels as $t => $label) {
            printf('<a id="php-smtp-tab-%1$s" class="nav-tab%2$s" href="%3$s">%4$s</a>', esc_attr($t), $t === $tab ? ' nav-tab-active' : '',
                   esc_url(admin_url('options-general.php?page=php-smtp&tab=' . $t)), esc_html($label));
        }
        echo '</nav>';
        call_user_func(self::TABS[$tab]);
        echo '</div>';
    }

    public static function row(string $label, callable $field): void
    {
        echo '<tr><th scope="row">' . esc_html($label) . '</th><td>';
        $field();
        echo '</td></tr>';
    }
}
