<?php
/*
 * OAuth: the Gmail / Microsoft 365 consent for this site, kept in the
 * extension's Smtp\TokenStore. The store file lives outside the web root
 * where possible; its key is derived from the site's secret keys in
 * wp-config.php and never stored. The consent's `state` is bound to the
 * administrator's login session and single-use.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class OAuth
{
    public const ACCOUNT = 'site';
    private const STATE_TTL = 900;

    /*
     * admin-post.php with no query string: Microsoft accepts a redirect URI with a
     * query string only for work and school accounts, so personal Outlook.com
     * accounts need this one. WordPress fires "admin_post" for it (callback()).
     */
    public static function redirect_uri(): string
    {
        return admin_url('admin-post.php');
    }

    /* The provider sends the administrator back here with state and code (or error). */
    public static function callback(): void
    {
        if (!isset($_GET['state'])) return;   /* some other admin-post.php request without an action */
        if (!Guard::can() || Network::borrowing()) {
            wp_die(esc_html__('Sorry, you are not allowed to manage mail settings.', 'php-smtp'), 403);
        }
        $error = self::complete(wp_unslash($_GET));
        set_transient('php_smtp_flash_' . get_current_user_id(), $error === null
            ? ['success', __('Permission granted: the tokens are stored and mail will be sent with OAuth.', 'php-smtp')]
            : ['error', $error], 60);
        Guard::redirect(Wizard::after_grant_tab());   /* back to the wizard when the grant was its step */
    }

    /* The "Authorized JavaScript origin" Google asks for: scheme://host[:port]. */
    public static function origin(): string
    {
        $p = wp_parse_url(admin_url());
        return $p['scheme'] . '://' . $p['host'] . (isset($p['port']) ? ':' . $p['port'] : '');
    }

    /* Outside the web root where possible (PrivateDir), one file per site or per network. */
    public static function store_path(): string
    {
        $configured = (string)Settings::get('token_store');
        if ($configured !== '') return $configured;
        /* one store per site, or the main site's for the whole network (Network) */
        $site = substr(hash('sha256', Network::shared() ? get_home_url(get_main_site_id()) : home_url()), 0, 12);
        return PrivateDir::path() . "/tokens-$site.store";
    }

    /*
     * 32 bytes from the site's secret keys (wp-config.php), never in the database;
     * each site of a network its own (the salts are shared by the network), the
     * main site's when every site borrows its connection.
     */
    public static function key(): string
    {
        $site = Network::shared() ? get_main_site_id() : get_current_blog_id();
        $material = '';
        foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT'] as $c) {
            $material .= defined($c) ? constant($c) : '';
        }
        if (strlen($material) < 32) {
            $material .= wp_salt('auth');
        }
        return hash_hmac('sha256', is_multisite() && !is_main_site($site) ? "php-smtp token store, site $site" : 'php-smtp token store', $material);
    }

    public static function store(): \Smtp\TokenStore
    {
        return new \Smtp\TokenStore(self::store_path(), self::key());
    }

    public static function client(): array
    {
        $s = Settings::all();
        $c = ['provider' => self::provider($s), 'client_id' => (string)$s['oauth_client_id']];
        foreach (['client_secret' => 'oauth_client_secret', 'auth_endpoint' => 'oauth_auth_endpoint',
                  'token_endpoint' => 'oauth_token_endpoint', 'revoke_endpoint' => 'oauth_revoke_endpoint',
                  'ca_file' => 'oauth_ca_file'] as $key => $field) {
            if ((string)$s[$field] !== '') $c[$key] = (string)$s[$field];
        }
        return $c;
    }

    /*
     * The TokenStore's provider: Microsoft's SMTP grant (SMTP.Send) cannot send
     * through Graph (Mail.Send), so a site that sends through Graph grants for Graph.
     */
    public static function provider(array $s): string
    {
        $provider = (string)$s['oauth_provider'] ?: 'google';
        $graph = in_array('graph', [Transports::kind('primary', $s), Transports::kind('fallback', $s)], true);
        return $provider === 'microsoft' && $graph ? 'microsoft-graph' : $provider;
    }

    /* True when the grant stored was made for another provider or scope than the settings now need. */
    public static function grant_mismatch(?array $status = null): bool
    {
        $st = $status ?? self::status();
        return $st && !empty($st['provider']) && $st['provider'] !== self::provider(Settings::all());
    }

    private static function state_key(): string
    {
        return 'php_smtp_oauth_state_' . get_current_user_id() . '_' . substr(hash('sha256', wp_get_session_token()), 0, 16);
    }

    /* Registers the client and returns the consent URL with a fresh state. */
    public static function begin(): string
    {
        $store = self::store();
        try {
            $store->accounts();
        } catch (\Smtp\Exception $e) {
            /* Unreadable with this site's key (the secret keys in wp-config.php changed):
             * its tokens cannot be used again, so a new consent starts a new store.
             * The old file is kept beside it, renamed, not deleted. */
            $path = self::store_path();
            if (is_file($path)) {
                rename($path, $path . '.unreadable-' . gmdate('Ymd\THis\Z'));
            }
        }
        $store->setClient(self::ACCOUNT, self::client());
        $state = bin2hex(random_bytes(16));
        set_transient(self::state_key(), hash('sha256', $state), self::STATE_TTL);
        return $store->authorizationUrl(self::ACCOUNT, self::redirect_uri(), $state);
    }

    /* Checks the state (single-use) and exchanges the code. Returns an error text or null. */
    public static function complete(array $query): ?string
    {
        $expected = get_transient(self::state_key());
        $state = isset($query['state']) && is_string($query['state']) ? $query['state'] : '';
        if (!$expected || $state === '' || !hash_equals((string)$expected, hash('sha256', $state))) {
            /* a forged or stale response: the consent the administrator started stays pending */
            return __('The authorization response does not belong to this session (state mismatch). Start again with "Grant permission".', 'php-smtp');
        }
        delete_transient(self::state_key());   /* single use */
        if (isset($query['error'])) {
            return sprintf(/* translators: %s: the error code the provider sent */ __('The provider refused the consent: %s', 'php-smtp'), sanitize_text_field((string)$query['error']));
        }
        if (empty($query['code'])) {
            return __('The authorization response has no code.', 'php-smtp');
        }
        try {
            self::store()->exchangeCode(self::ACCOUNT, (string)$query['code'], self::redirect_uri());
        } catch (\Throwable $e) {
            return $e->getMessage();
        }
        return null;
    }

    /* status() or null when nothing is set up; never throws. */
    public static function status(): ?array
    {
        if (!extension_loaded('smtp') || (string)Settings::get('oauth_client_id') === '') return null;
        try {
            $store = self::store();
            return in_array(self::ACCOUNT, $store->accounts(), true) ? $store->status(self::ACCOUNT) : null;
        } catch (\Throwable $e) {
            return ['authorized' => false, 'needs_reauthorization' => false, 'last_error' => $e->getMessage(),
                    'authorized_at' => null, 'expires_at' => null, 'refresh_token_expires_at' => null, 'last_refresh' => null];
        }
    }
}
