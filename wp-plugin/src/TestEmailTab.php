<?php
/*
 * TestEmailTab: sends a test message through the configured connection and
 * shows the outcome, what sent it (SMTP or an HTTPS API) and the redacted
 * SMTP or HTTP transcript.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class TestEmailTab
{
    public static function render(): void
    {
        $result = get_transient('php_smtp_test_' . get_current_user_id());
        delete_transient('php_smtp_test_' . get_current_user_id());
        Guard::form_open('test');
        echo '<table class="form-table" role="presentation">';
        Admin::row(__('Send to', 'php-smtp'), function () {
            printf('<input type="email" id="php-smtp-test-to" name="to" class="regular-text" value="%s" required>', esc_attr(wp_get_current_user()->user_email));
        });
        echo '</table>';
        submit_button(__('Send test email', 'php-smtp'), 'primary', 'submit', true, ['id' => 'php-smtp-test-send']);
        echo '</form>';
        if ($result) {
            $row = Log::get((int)$result);
            if ($row) {
                printf('<div id="php-smtp-test-result" class="notice notice-%s"><p><strong>%s</strong> %s</p></div>',
                       $row['status'] === 'sent' ? 'success' : 'error', esc_html(LogTab::status_label($row['status'])), esc_html($row['server_reply']));
                if ((string)$row['transport'] !== '' && (string)$row['connection'] !== '') {   /* a failed or queued one went through neither; its reply names what was tried */
                    printf('<p id="php-smtp-test-transport">%s</p>', esc_html(sprintf(/* translators: 1: "SMTP host:port" or an API's name, 2: primary or fallback */ __('Sent with: %1$s (%2$s connection)', 'php-smtp'),
                           $row['transport'], $row['connection'] === 'fallback' ? __('fallback', 'php-smtp') : __('primary', 'php-smtp'))));
                }
                echo '<h3>' . esc_html__('Transcript (secrets redacted)', 'php-smtp') . '</h3><pre id="php-smtp-test-transcript">' . esc_html($row['transcript']) . '</pre>';
            }
        }
    }

    public static function send_test(): void
    {
        $to = sanitize_email(wp_unslash($_POST['to'] ?? ''));
        if ($to === '') Guard::redirect('test');
        /* through wp_mail() as every other message, sent now even with background sending on */
        Mailer::$now = true;
        Mailer::$last_log_id = 0;
        wp_mail($to, sprintf(/* translators: %s: the site's title */ __('php-smtp test from %s', 'php-smtp'), wp_specialchars_decode(get_bloginfo('name'), ENT_QUOTES)),
                __("This is a test email sent by php-smtp.\n\nIf you can read it, WordPress can send mail.", 'php-smtp'));
        Mailer::$now = false;
        set_transient('php_smtp_test_' . get_current_user_id(), Mailer::$last_log_id, 300);
        Guard::redirect('test');
    }
}
