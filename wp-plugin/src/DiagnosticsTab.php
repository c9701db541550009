<?php
/*
 * DiagnosticsTab: runs Diagnostics on request (nonce-checked) and shows each
 * step with what was seen and what to do; when no SMTP port can be reached,
 * the button that switches to the provider's HTTPS API (ApiOffer).
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class DiagnosticsTab
{
    public static function render(): void
    {
        if (empty($_GET['run'])) {
            printf('<p><a class="button button-primary" id="php-smtp-diagnose" href="%s">%s</a></p>',
                   esc_url(wp_nonce_url(admin_url('options-general.php?page=php-smtp&tab=diagnostics&run=1'), 'php_smtp_diagnose')),
                   esc_html__('Run diagnostics', 'php-smtp'));
            return;
        }
        Guard::check('diagnose');
        echo '<table class="widefat striped" id="php-smtp-diagnostics"><tbody>';
        $rows = Diagnostics::run();
        SiteHealth::remember_probe($rows);   /* for Tools > Site Health */
        foreach ($rows as [$step, $ok, $detail]) {
            [$class, $word] = $ok === null ? ['info', __('Info', 'php-smtp')] : ($ok ? ['yes', __('OK', 'php-smtp')] : ['no', __('Problem', 'php-smtp')]);
            printf('<tr class="php-smtp-diag-%1$s"><th><span class="dashicons dashicons-%1$s" aria-hidden="true"></span> %2$s: %3$s</th><td>%4$s</td></tr>',
                   esc_attr($class), esc_html($word), esc_html($step), esc_html((string)$detail));
        }
        echo '</tbody></table>';
        self::offer();
        $transcript = Diagnostics::transcript();
        if ($transcript) {
            echo '<details id="php-smtp-diagnostics-transcript"><summary>' . esc_html__('The SMTP conversation (secrets redacted)', 'php-smtp') . '</summary><pre>' .
                 esc_html(implode("\n", $transcript)) . '</pre></details>';
        }
    }

    /* The one-click switch to the provider's HTTPS API (its words are in the summary above). */
    private static function offer(): void
    {
        $offer = Diagnostics::offer();
        if (!$offer || $offer['preset'] === null || $offer['locked'] || Network::borrowing()) return;
        echo '<div id="php-smtp-api-offer" class="notice notice-info inline"><p>' .
             esc_html(sprintf(/* translators: %s: an API, e.g. Gmail API */ __('Switch the primary connection to %s (HTTPS, port 443). The SMTP settings are kept: you can switch back under "Send with" on the Connection tab.', 'php-smtp'), $offer['name'])) . '</p>';
        Guard::form_open('use_api');
        printf('<input type="hidden" name="preset" value="%s">', esc_attr($offer['preset']));
        submit_button(sprintf(/* translators: %s: an API, e.g. Gmail API */ __('Send with %s instead', 'php-smtp'), $offer['name']), 'primary', 'submit', false, ['id' => 'php-smtp-use-api']);
        echo '</form></div>';
    }
}
