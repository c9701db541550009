<?php
/*
 * AlertsTab: Settings > php-smtp > Alerts: where alerts go (addresses, a
 * webhook URL kept write-only and encrypted: Slack's and Discord's carry
 * their secret in the path, Teams' in the query), which events, the pause between two alerts of a kind, "Send a
 * test alert", and the history of what went out or failed.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class AlertsTab
{
    public static function render(): void
    {
        $s = Alerts::settings();
        $name = Alerts::OPTION;
        echo '<p>' . esc_html__('Alerts tell you when mail is in trouble, by email and by a webhook (Slack, Discord, Microsoft Teams, or any URL that takes JSON).', 'php-smtp') . '</p>';
        echo '<form method="post" action="options.php" id="php-smtp-alerts-form">';
        settings_fields('php_smtp_alerts');
        echo '<table class="form-table" role="presentation">';
        Admin::row(__('Email the alerts to', 'php-smtp'), function () use ($s, $name) {
            printf('<input type="text" id="php-smtp-alert-emails" name="%s[emails]" value="%s" class="regular-text"%s>', esc_attr($name), esc_attr((string)$s['emails']),
                   Alerts::locked('emails') ? ' disabled' : '');
            self::lock_note('emails', __('Addresses separated by commas.', 'php-smtp'));
        });
        Admin::row(__('Webhook URL', 'php-smtp'), function () use ($s, $name) {
            $locked = Alerts::locked('webhook');
            /* write-only: the URL is the credential, so it never comes back to the browser */
            printf('<input type="url" id="php-smtp-alert-webhook" name="%s[webhook]" value="" class="large-text code" autocomplete="off" placeholder="https://hooks.slack.com/services/…"%s>',
                   esc_attr($name), $locked ? ' disabled' : '');
            $stored = (string)$s['webhook'];
            if ($stored !== '' && !$locked) {
                $services = ['slack' => 'Slack', 'discord' => 'Discord', 'teams' => 'Microsoft Teams', 'json' => __('JSON POST', 'php-smtp')];
                echo ' <em>' . esc_html__('stored (encrypted); leave empty to keep it', 'php-smtp') . '</em>';
                printf(' <label><input type="checkbox" id="php-smtp-clear_webhook" name="%s[clear_webhook]" value="1"> %s</label>', esc_attr($name), esc_html__('remove the stored one', 'php-smtp'));
                echo '<p class="description" id="php-smtp-alert-webhook-stored">' . esc_html(sprintf(/* translators: 1: the kind of webhook, 2: its host */ __('The stored webhook: %1$s to %2$s.', 'php-smtp'),
                     $services[Alerts::service($stored)], (string)wp_parse_url($stored, PHP_URL_HOST))) . '</p>';
            } elseif (!$locked && Alerts::unreadable()) {
                echo '<p class="description" id="php-smtp-alert-webhook-unreadable"><strong>' . esc_html__('The stored webhook URL cannot be decrypted (the secret keys in wp-config.php changed?): enter it again.', 'php-smtp') . '</strong></p>';
            }
            self::lock_note('webhook', __('Slack, Discord and Teams URLs get their own message format; any other URL receives a JSON object with event, site and message.', 'php-smtp'));
        });
        Admin::row(__('Alert when', 'php-smtp'), function () use ($s, $name) {
            $labels = ['failed' => __('a message fails for good', 'php-smtp'), 'fallback' => __('the fallback connection had to be used', 'php-smtp'),
                       'reauthorize' => __('the OAuth grant needs a new permission or will expire soon', 'php-smtp')];
            foreach ($labels as $kind => $label) {
                printf('<label><input type="checkbox" id="php-smtp-alert-on-%1$s" name="%2$s[on_%1$s]" value="1"%3$s> %4$s</label><br>',
                       esc_attr($kind), esc_attr($name), checked($s["on_$kind"], 1, false), esc_html($label));
            }
        });
        Admin::row(__('At most one alert of a kind every (minutes)', 'php-smtp'), function () use ($s, $name) {
            printf('<input type="number" min="1" max="1440" id="php-smtp-alert-interval" name="%s[interval]" value="%d" class="small-text"> ', esc_attr($name), (int)$s['interval']);
            echo '<span class="description">' . esc_html__('What happens in between is sent as one digest when the pause is over.', 'php-smtp') . '</span>';
        });
        Admin::row(__('Warn this many days before an OAuth grant expires', 'php-smtp'), function () use ($s, $name) {
            printf('<input type="number" min="1" max="60" id="php-smtp-alert-expiry" name="%s[expiry_days]" value="%d" class="small-text">', esc_attr($name), (int)$s['expiry_days']);
        });
        echo '</table>';
        submit_button(__('Save alert settings', 'php-smtp'), 'primary', 'submit', true, ['id' => 'php-smtp-alerts-save']);
        echo '</form>';

        Guard::form_open('alert_test');
        $attrs = ['id' => 'php-smtp-alert-test'];
        if (!Alerts::configured()) $attrs['disabled'] = 'disabled';
        submit_button(__('Send a test alert', 'php-smtp'), 'secondary', 'submit', false, $attrs);
        echo '</form>';
        self::history();
    }

    private static function lock_note(string $field, string $help): void
    {
        if (Alerts::locked($field)) {
            echo ' <em>' . esc_html(sprintf(/* translators: %s: the constant's name */ __('set by %s in wp-config.php', 'php-smtp'), Alerts::CONSTANTS[$field])) . '</em>';
        }
        echo '<p class="description">' . esc_html($help) . '</p>';
    }

    private static function history(): void
    {
        echo '<h2>' . esc_html__('Recent alerts', 'php-smtp') . '</h2>';
        $rows = Alerts::history();
        echo '<table class="widefat striped php-smtp-alerts-history" id="php-smtp-alert-history"><thead><tr><th>' . esc_html__('Time', 'php-smtp') . '</th><th>' .
             esc_html__('Event', 'php-smtp') . '</th><th>' . esc_html__('Channel', 'php-smtp') . '</th><th>' . esc_html__('Outcome', 'php-smtp') . '</th></tr></thead><tbody>';
        $channels = ['email' => __('Email', 'php-smtp'), 'webhook' => __('Webhook', 'php-smtp'), 'held' => __('Held back for the digest', 'php-smtp')];
        foreach ($rows as $r) {
            printf('<tr class="php-smtp-alert-%s"><td>%s</td><td>%s</td><td>%s</td><td>%s %s</td></tr>', $r['ok'] ? 'ok' : 'failed',
                   esc_html(wp_date(get_option('date_format') . ' ' . get_option('time_format'), (int)$r['time'])), esc_html((string)$r['kind']),
                   esc_html($channels[$r['channel']] ?? (string)$r['channel']), $r['ok'] ? esc_html__('OK', 'php-smtp') : esc_html__('Failed:', 'php-smtp'), esc_html((string)$r['detail']));
        }
        if (!$rows) echo '<tr><td colspan="4">' . esc_html__('No alert has been sent yet.', 'php-smtp') . '</td></tr>';
        echo '</tbody></table>';
    }
}
