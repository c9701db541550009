<?php
/*
 * Transports: what each connection (primary, fallback) sends with: SMTP, or
 * one of the extension's HTTPS APIs (for hosts that block ports 25, 465 and
 * 587). Turns the settings into the extension's transport array and names
 * the transport for the log. The Gmail API and Microsoft Graph use the site's
 * one OAuth grant (OAuth::ACCOUNT); the other APIs their keys from the
 * settings or wp-config.php.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Transports
{
    public const APIS = ['gmail', 'graph', 'mailgun', 'ses', 'sendgrid', 'postmark', 'mandrill'];

    /* The settings field of each API's key ("" for the OAuth ones). */
    private const KEY_FIELD = ['mailgun' => 'mailgun_api_key', 'sendgrid' => 'sendgrid_api_key', 'postmark' => 'postmark_api_key',
                               'mandrill' => 'mandrill_api_key', 'ses' => 'ses_secret_access_key'];

    /* transport => what the choice says */
    public static function labels(): array
    {
        return [
            'smtp' => __('SMTP', 'php-smtp'),
            'gmail' => __('Gmail API (HTTPS — works where SMTP ports are blocked)', 'php-smtp'),
            'graph' => __('Microsoft 365 via Graph (HTTPS)', 'php-smtp'),
            'mailgun' => __('Mailgun API (HTTPS)', 'php-smtp'),
            'ses' => __('Amazon SES API (HTTPS)', 'php-smtp'),
            'sendgrid' => __('SendGrid API (HTTPS)', 'php-smtp'),
            'postmark' => __('Postmark API (HTTPS)', 'php-smtp'),
            'mandrill' => __('Mandrill API (HTTPS)', 'php-smtp'),
        ];
    }

    /* The short name in the log: "SMTP host:port" or "Gmail API". */
    public static function describe(array $transport): string
    {
        $names = ['gmail' => 'Gmail API', 'graph' => 'Microsoft Graph', 'mailgun' => 'Mailgun API', 'ses' => 'Amazon SES API',
                  'sendgrid' => 'SendGrid API', 'postmark' => 'Postmark API', 'mandrill' => 'Mandrill API'];
        if (isset($transport['api'])) return $names[$transport['api']] ?? (string)$transport['api'];
        return 'SMTP ' . ($transport['host'] ?? '') . ':' . ($transport['port'] ?? '');
    }

    /*
     * What connection $which sends with: "smtp", an API's name (a value that is
     * neither reaches the extension, which refuses it by name), or null when that
     * connection is not set up (primary: no SMTP host; fallback: none chosen).
     */
    public static function kind(string $which, array $s): ?string
    {
        $p = $which === 'fallback' ? 'fallback_' : '';
        $kind = (string)($s[$p . 'transport'] ?? '');
        if ($kind === 'none') return null;
        if ($kind === '' || $kind === 'smtp') {   /* before 0.3 a fallback existed when it had a host */
            return (string)($s[$p . 'host'] ?? '') !== '' ? 'smtp' : null;
        }
        return $kind;
    }

    /* What connection $which sends with, by name ("SMTP host:port", "Gmail API"); "" when not set up. */
    public static function name(string $which, array $s): string
    {
        $kind = self::kind($which, $s);
        if ($kind === null) return '';
        $p = $which === 'fallback' ? 'fallback_' : '';
        return self::describe($kind === 'smtp' ? ['host' => $s[$p . 'host'], 'port' => (int)($s[$p . 'port'] ?: 587)] : ['api' => $kind]);
    }

    /* True when some connection needs the OAuth grant (SMTP with XOAUTH2, the Gmail API, Graph). */
    public static function uses_oauth(array $s): bool
    {
        if (self::kind('primary', $s) === 'smtp' && ($s['auth'] ?? '') === 'xoauth2') return true;
        return (bool)array_intersect([self::kind('primary', $s), self::kind('fallback', $s)], ['gmail', 'graph']);
    }

    /* The extension's transport array for connection $which; null when it is not set up. */
    public static function build(string $which, array $s): ?array
    {
        $kind = self::kind($which, $s);
        if ($kind === null) return null;
        $t = $kind === 'smtp' ? self::smtp($which, $s) : self::api($kind, $s);
        $t['timeout'] = max(1, (int)$s['timeout']);
        $t['transcript'] = true;
        $cafile = (string)($s['cafile'] ?? '');
        if ($cafile !== '') $t['cafile'] = $cafile;
        return $t;
    }

    private static function smtp(string $which, array $s): array
    {
        $p = $which === 'fallback' ? 'fallback_' : '';
        $t = ['host' => (string)$s[$p . 'host'], 'port' => (int)($s[$p . 'port'] ?: 587), 'security' => $s[$p . 'security'] ?: 'starttls'];
        if ($which === 'primary' && $s['auth'] === 'xoauth2') {
            return $t + ['auth' => 'xoauth2', 'username' => $s['oauth_account'] ?: $s['username'],
                         'oauth' => self::grant((string)$s['oauth_provider'] ?: 'google')];
        }
        if (($s[$p . 'username'] ?? '') !== '') {
            $t['username'] = $s[$p . 'username'];
            $t['password'] = (string)$s[$p . 'password'];
        }
        if ($which === 'primary' && in_array($s['auth'], ['plain', 'login', 'none'], true)) $t['auth'] = $s['auth'];
        return $t;
    }

    /*
     * The site's grant for a connection that needs a grant of TokenStore provider
     * $needs. One made for another provider or scope (the settings changed since the
     * consent) is refused before any request: its token would go to a provider that
     * did not issue it (Google's to Microsoft), or fail there for its scope.
     */
    private static function grant(string $needs): array
    {
        $store = OAuth::store();
        try {
            $st = in_array(OAuth::ACCOUNT, $store->accounts(), true) ? $store->status(OAuth::ACCOUNT) : [];
        } catch (\Smtp\Exception $e) {
            $st = [];   /* unreadable: the send names it */
        }
        if (!empty($st['provider']) && $st['provider'] !== $needs) {
            /* the words Diagnostics uses for it (ApiDiagnostics::grant) */
            throw new \ValueError(sprintf(/* translators: 1: the grant's provider, 2: its scope, 3: the provider needed */ __('the stored grant is for %1$s (%2$s), but this connection needs %3$s: click "Grant permission" on the Connection tab again (for Microsoft Graph the app registration needs the delegated permission Mail.Send).', 'php-smtp'),
                                           (string)$st['provider'], (string)($st['scope'] ?? ''), $needs));
        }
        return ['store' => $store, 'account' => OAuth::ACCOUNT];
    }

    /* Missing keys are left out: the extension names what is missing (a ValueError, nothing sent). */
    private static function api(string $api, array $s): array
    {
        $t = ['api' => $api];
        if ($api === 'gmail' || $api === 'graph') {
            $want = $api === 'gmail' ? 'google' : 'microsoft';
            if (($s['oauth_provider'] ?? '') !== $want) {
                throw new \ValueError(sprintf(/* translators: 1: Gmail API or Microsoft Graph, 2: Google or Microsoft */ __('%1$s sends with a %2$s grant: set the OAuth provider to %2$s and grant permission.', 'php-smtp'),
                                              self::describe($t), $want === 'google' ? 'Google' : 'Microsoft'));
            }
            $t['oauth'] = self::grant($api === 'gmail' ? 'google' : 'microsoft-graph');
        } elseif ($api === 'ses') {
            $t['region'] = (string)$s['ses_region'];
            if ((string)$s['ses_access_key_id'] !== '') $t['access_key_id'] = (string)$s['ses_access_key_id'];
        } elseif ($api === 'mailgun') {
            if ((string)$s['mailgun_domain'] !== '') $t['domain'] = (string)$s['mailgun_domain'];
            if ($s['mailgun_region'] === 'eu') $t['region'] = 'eu';
        }
        $field = self::KEY_FIELD[$api] ?? '';
        if ($field !== '' && (string)$s[$field] !== '') $t[$api === 'ses' ? 'secret_access_key' : 'api_key'] = (string)$s[$field];
        if ((string)($s['api_endpoint'] ?? '') !== '') $t['endpoint'] = (string)$s['api_endpoint'];   /* wp-config.php only: a test server, a proxy */
        return $t;
    }
}
