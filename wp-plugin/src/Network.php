<?php
/*
 * Network: on a multisite network, the network administrator chooses whether
 * each site sets up its own mail (the default) or every site sends through the
 * main site's connection (one set of credentials, one OAuth grant for all).
 * In the shared mode a site keeps its own log and outbox; only the connection
 * and the token store are the main site's, and only the main site may change
 * them. wp-config.php constants serve every site in either mode.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Network
{
    public const OPTION = 'php_smtp_network';   /* network (site) option: 'site' or 'main' */
    public const MODES = ['site', 'main'];

    public static function shared(): bool
    {
        return is_multisite() && get_site_option(self::OPTION, 'site') === 'main';
    }

    /* This site sends with the main site's connection and may not change it. */
    public static function borrowing(): bool
    {
        return self::shared() && !is_main_site();
    }

    public static function hooks(): void
    {
        add_action('network_admin_menu', static function () {
            add_submenu_page('settings.php', __('php-smtp', 'php-smtp'), __('php-smtp', 'php-smtp'), 'manage_network_options', 'php-smtp-network', [self::class, 'page']);
        });
        /* network admin forms post to edit.php?action=…; the Settings API does not reach there */
        add_action('network_admin_edit_php_smtp_network', [self::class, 'save']);
    }

    public static function page(): void
    {
        if (!Guard::can_network()) {
            wp_die(esc_html__('Sorry, you are not allowed to manage mail settings.', 'php-smtp'), 403);
        }
        $mode = self::shared() ? 'main' : 'site';
        echo '<div class="wrap php-smtp"><h1>' . esc_html__('php-smtp for the network', 'php-smtp') . '</h1>';
        if (!empty($_GET['updated'])) {
            echo '<div id="php-smtp-flash" class="notice notice-success"><p>' . esc_html__('Saved.', 'php-smtp') . '</p></div>';
        }
        echo '<form method="post" action="' . esc_url(network_admin_url('edit.php?action=php_smtp_network')) . '">';
        Guard::field('network');
        echo '<fieldset id="php-smtp-network-mode">';
        foreach (['site' => __('Each site sets up its own mail connection (Settings > php-smtp on each site).', 'php-smtp'),
                  'main' => __('Every site sends through the main site\'s connection; only the main site\'s settings page can change it. Each site keeps its own log and outbox.', 'php-smtp')] as $value => $label) {
            printf('<p><label><input type="radio" name="mode" id="php-smtp-network-%1$s" value="%1$s"%2$s> %3$s</label></p>',
                   esc_attr($value), checked($mode, $value, false), esc_html($label));
        }
        echo '</fieldset>';
        submit_button(__('Save', 'php-smtp'), 'primary', 'submit', true, ['id' => 'php-smtp-network-save']);
        echo '</form><p>';
        printf(/* translators: %s: a link to the main site's settings page */ esc_html__('The main site\'s connection: %s', 'php-smtp'),
               '<a id="php-smtp-main-settings" href="' . esc_url(get_admin_url(get_main_site_id(), 'options-general.php?page=php-smtp')) . '">' .
               esc_html__('Settings > php-smtp on the main site', 'php-smtp') . '</a>');
        echo '</p><p>' . esc_html__('Constants in wp-config.php (PHP_SMTP_HOST, PHP_SMTP_PASSWORD, …) serve every site in either mode and lock those fields.', 'php-smtp') . '</p></div>';
    }

    public static function save(): void
    {
        Guard::check_network('network');
        $mode = sanitize_key(wp_unslash($_POST['mode'] ?? ''));
        if (in_array($mode, self::MODES, true)) {
            update_site_option(self::OPTION, $mode);
        }
        wp_safe_redirect(add_query_arg(['page' => 'php-smtp-network', 'updated' => 1], network_admin_url('settings.php')));
        exit;
    }

    /* The main site's settings page, where the shared connection is set up. */
    public static function main_settings_url(): string
    {
        return get_admin_url(get_main_site_id(), 'options-general.php?page=php-smtp');
    }
}
