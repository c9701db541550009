<?php
/*
 * Guard: the one place where every plugin action is authorised: the
 * manage_options capability and a nonce for that action (manage_network_options
 * for the network admin's page; on a site that borrows the main site's
 * connection, nothing that changes the connection). The plugin registers
 * no REST routes, no admin-ajax handlers and no admin_post_nopriv_ handlers.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Guard
{
    public static function can(): bool
    {
        return current_user_can('manage_options');
    }

    /* The network admin's page: a super admin's capability. */
    public static function can_network(): bool
    {
        return current_user_can('manage_network_options');
    }

    /* Dies with 403 unless the user may manage options and the nonce is valid. */
    public static function check(string $action): void
    {
        if (!self::can()) {
            wp_die(esc_html__('Sorry, you are not allowed to manage mail settings.', 'php-smtp'), 403);
        }
        check_admin_referer('php_smtp_' . $action);
    }

    public static function check_network(string $action): void
    {
        if (!self::can_network()) {
            wp_die(esc_html__('Sorry, you are not allowed to manage mail settings.', 'php-smtp'), 403);
        }
        check_admin_referer('php_smtp_' . $action);
    }

    /* Changing the connection is refused on a site that sends with the main site's (Network). */
    public static function check_configure(string $action): void
    {
        self::check($action);
        if (Network::borrowing()) {
            wp_die(esc_html__('The network administrator set every site to send through the main site\'s connection; change it there.', 'php-smtp'), 403);
        }
    }

    public static function field(string $action): void
    {
        wp_nonce_field('php_smtp_' . $action);
    }

    /* Opens a form posting to admin-post.php for $action, its nonce included; the caller closes it. */
    public static function form_open(string $action, bool $inline = false): void
    {
        echo '<form method="post" action="' . esc_url(admin_url('admin-post.php')) . '"' . ($inline ? ' style="display:inline"' : '') . '>';
        self::field($action);
        echo '<input type="hidden" name="action" value="' . esc_attr('php_smtp_' . $action) . '">';
    }

    /* Registers an admin-post.php handler behind the guard; $configures: it changes the connection. */
    public static function action(string $action, callable $handler, bool $configures = false): void
    {
        add_action('admin_post_php_smtp_' . $action, static function () use ($action, $handler, $configures) {
            $configures ? self::check_configure($action) : self::check($action);
            $handler();
        });
    }

    public static function redirect(string $tab, array $args = []): void
    {
        wp_safe_redirect(add_query_arg($args + ['page' => 'php-smtp', 'tab' => $tab], admin_url('options-general.php')));
        exit;
    }
}
