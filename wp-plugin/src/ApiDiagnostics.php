<?php
/*
 * ApiDiagnostics: Diagnostics for a primary connection that sends with an
 * HTTPS API: the credentials it needs (keys named when missing; for the Gmail
 * API and Microsoft Graph the OAuth grant's state), DNS of the API's host, TCP
 * to its port (443, or PHP_SMTP_API_ENDPOINT's), and the TLS handshake with
 * the certificate checked against the CA bundle setting (or the system's).
 * Nothing is sent: no HTTP request is made, the connection is closed after
 * the handshake. Ends with a summary.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class ApiDiagnostics
{
    private const TIMEOUT = 5;

    /* The APIs' own hosts (DESIGN.md, "HTTPS API transports"); SES and Mailgun's EU region below. */
    private const HOSTS = ['gmail' => 'gmail.googleapis.com', 'graph' => 'graph.microsoft.com', 'mailgun' => 'api.mailgun.net',
                           'sendgrid' => 'api.sendgrid.com', 'postmark' => 'api.postmarkapp.com', 'mandrill' => 'mandrillapp.com'];

    /* [host, port] the API is reached at: PHP_SMTP_API_ENDPOINT's, or the provider's. */
    public static function endpoint(string $api, array $s): array
    {
        $endpoint = (string)($s['api_endpoint'] ?? '');
        if ($endpoint !== '') {
            $u = wp_parse_url($endpoint);
            return [trim((string)($u['host'] ?? ''), '[]'), (int)($u['port'] ?? 443)];
        }
        if ($api === 'ses') return ['email.' . $s['ses_region'] . '.amazonaws.com', 443];
        if ($api === 'mailgun' && $s['mailgun_region'] === 'eu') return ['api.eu.mailgun.net', 443];
        return [self::HOSTS[$api] ?? '', 443];
    }

    /* Rows [step, ok, detail] as Diagnostics::run() returns them, the summary last. */
    public static function run(string $api, array $s): array
    {
        $name = Transports::describe(['api' => $api]);
        [$host, $port] = self::endpoint($api, $s);
        $rows = [[__('Sends with', 'php-smtp'), null, sprintf(/* translators: 1: an API, e.g. Gmail API, 2: host:port */ __('%1$s over HTTPS (%2$s); these checks send nothing', 'php-smtp'), $name, "$host:$port")]];
        $credentials = self::credentials($api, $s);
        $rows = array_merge($rows, $credentials);
        $network = self::network($host, $port, $s);
        $rows = array_merge($rows, $network);
        $problems = array_filter(array_merge($network, $credentials), fn($r) => $r[1] === false);
        if (!$problems) {
            $rows[] = [__('Summary', 'php-smtp'), true, sprintf(/* translators: 1: an API, e.g. Gmail API, 2: a port number */ __('%1$s can be reached: DNS, port %2$d, TLS and the certificate are fine, and its credentials are in place. The provider checks them when a message is sent: the Test email tab sends a real one.', 'php-smtp'), $name, $port)];
            return $rows;
        }
        $first = reset($problems);
        $rows[] = [__('Summary', 'php-smtp'), false, self::advice($first, $host, $port, $s) .
                   (count($problems) > 1 ? ' ' . sprintf(/* translators: %s: more problems */ __('Also: %s', 'php-smtp'), implode(' ', array_map(fn($r) => rtrim($r[2], '.') . '.', array_slice($problems, 1)))) : '')];
        return $rows;
    }

    /* The keys the API needs (named when missing), or the OAuth grant. */
    private static function credentials(string $api, array $s): array
    {
        if ($api === 'gmail' || $api === 'graph') return [self::grant($api, $s)];
        $label = __('API key', 'php-smtp');
        $missing = [];
        if ($api === 'mailgun') {
            if ((string)$s['mailgun_api_key'] === '') $missing[] = __('the Mailgun API key', 'php-smtp');
            if ((string)$s['mailgun_domain'] === '') $missing[] = __('the Mailgun sending domain', 'php-smtp');
            $set = sprintf(/* translators: 1: a domain, 2: US or EU */ __('set, for the sending domain %1$s (region %2$s)', 'php-smtp'), $s['mailgun_domain'], strtoupper((string)$s['mailgun_region']));
        } elseif ($api === 'ses') {
            $label = __('AWS access key', 'php-smtp');
            if ((string)$s['ses_access_key_id'] === '') $missing[] = __('the AWS access key ID', 'php-smtp');
            if ((string)$s['ses_secret_access_key'] === '') $missing[] = __('the AWS secret access key', 'php-smtp');
            $set = sprintf(/* translators: %s: an AWS region */ __('set, for the region %s', 'php-smtp'), $s['ses_region']);
        } else {
            if ((string)($s[$api . '_api_key'] ?? '') === '') $missing[] = sprintf(/* translators: %s: an API, e.g. SendGrid API */ __('the %s key', 'php-smtp'), Transports::describe(['api' => $api]));
            $set = __('set', 'php-smtp');
        }
        if (!$missing) return [[$label, true, $set]];
        return [[$label, false, sprintf(/* translators: %s: the missing keys */ __('missing: %s. Enter what is missing under "HTTPS API keys" on the Connection tab, or define it in wp-config.php.', 'php-smtp'), implode(__(' and ', 'php-smtp'), $missing))]];
    }

    /* The site's OAuth grant, as the Gmail API or Graph would use it (TokenStore status; no token is fetched). */
    private static function grant(string $api, array $s): array
    {
        $label = __('OAuth grant', 'php-smtp');
        try {
            Transports::build('primary', $s);   /* the OAuth provider must match the API */
        } catch (\ValueError $e) {
            return [$label, false, $e->getMessage()];
        }
        $who = $api === 'gmail' ? 'Google' : 'Microsoft';
        if ((string)$s['oauth_client_id'] === '') {
            return [$label, false, sprintf(/* translators: %s: Google or Microsoft */ __('no OAuth client: enter the client ID and secret on the Connection tab, then click "Grant permission with %s".', 'php-smtp'), $who)];
        }
        $st = OAuth::status();
        if (!$st) {
            return [$label, false, sprintf(/* translators: %s: Google or Microsoft */ __('no grant yet: click "Grant permission with %s" on the Connection tab.', 'php-smtp'), $who)];
        }
        if ($st['needs_reauthorization'] || !$st['authorized']) {
            return [$label, false, sprintf(/* translators: 1: the provider's error, 2: Google or Microsoft */ __('refused (%1$s): click "Grant permission with %2$s" on the Connection tab again.', 'php-smtp'), (string)($st['last_error'] ?? ''), $who)];
        }
        if (OAuth::grant_mismatch($st)) {
            return [$label, false, sprintf(/* translators: 1: the grant's provider, 2: its scope, 3: the provider needed */ __('the stored grant is for %1$s (%2$s), but this connection needs %3$s: click "Grant permission" on the Connection tab again (for Microsoft Graph the app registration needs the delegated permission Mail.Send).', 'php-smtp'),
                                            (string)$st['provider'], (string)($st['scope'] ?? ''), OAuth::provider($s))];
        }
        $when = fn($t) => $t ? wp_date(get_option('date_format') . ' ' . get_option('time_format'), (int)$t) : '—';
        return [$label, true, sprintf(/* translators: 1: a mailbox, 2: a scope, 3: a date */ __('granted for %1$s (scope %2$s) on %3$s', 'php-smtp'),
                                      $s['oauth_account'] ?: $s['username'], (string)($st['scope'] ?? ''), $when($st['authorized_at'] ?? 0))];
    }

    /* DNS, TCP and TLS rows; each stops the ones after it when it fails. */
    private static function network(string $host, int $port, array $s): array
    {
        $rows = [];
        $ips = $host !== '' ? (gethostbynamel($host) ?: []) : [];
        if (!$ips) return [[__('DNS', 'php-smtp'), false, sprintf(/* translators: %s: host name */ __('%s does not resolve.', 'php-smtp'), $host)]];
        $rows[] = [__('DNS', 'php-smtp'), true, sprintf(/* translators: 1: host name, 2: its IP addresses */ __('%1$s resolves to %2$s', 'php-smtp'), $host, implode(', ', $ips))];
        $cafile = (string)$s['cafile'];
        $ssl = ['verify_peer' => true, 'verify_peer_name' => true, 'peer_name' => $host, 'SNI_enabled' => true, 'capture_peer_cert' => true, 'allow_self_signed' => false];
        if ($cafile !== '') $ssl['cafile'] = $cafile;
        $r = PortProbe::run($ips[0], [$port], self::TIMEOUT, stream_context_create(['ssl' => $ssl]))[$port];
        $rows[] = [sprintf(/* translators: %d: a port number */ __('TCP port %d', 'php-smtp'), $port), $r['state'] === 'open', self::tcp_text($r)];
        $rows[] = [__('CA bundle', 'php-smtp'), null, $cafile ?: (openssl_get_cert_locations()['default_cert_file'] ?? '')];
        if ($r['state'] !== 'open') return $rows;
        $rows[] = self::tls($r['stream'], $host, $port);
        fclose($r['stream']);
        return $rows;
    }

    private static function tcp_text(array $r): string
    {
        if ($r['state'] === 'silent') return __('no answer at all: a firewall drops the connection (outgoing HTTPS blocked, or a proxy is required)', 'php-smtp');
        return Diagnostics::tcp_text($r);
    }

    /* The TLS handshake on the connected stream, its certificate checked (the context set in network()). */
    private static function tls($fp, string $host, int $port): array
    {
        $label = __('TLS and certificate', 'php-smtp');
        stream_set_timeout($fp, self::TIMEOUT);
        $errors = [];
        set_error_handler(static function (int $no, string $text) use (&$errors) {
            $errors[] = $text;
            return true;
        });
        try {
            $ok = stream_socket_enable_crypto($fp, true, STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT | STREAM_CRYPTO_METHOD_TLSv1_3_CLIENT);
        } finally {
            restore_error_handler();
        }
        if ($ok !== true) {
            return [$label, false, sprintf(/* translators: 1: host:port, 2: OpenSSL's words */ __('the TLS handshake with %1$s failed: %2$s', 'php-smtp'), "$host:$port", self::openssl_words($errors))];
        }
        $meta = stream_get_meta_data($fp)['crypto'] ?? [];
        $tls = trim(($meta['protocol'] ?? '') . ' ' . ($meta['cipher_name'] ?? ''));
        $cert = stream_context_get_options($fp)['ssl']['peer_certificate'] ?? null;
        $c = $cert ? openssl_x509_parse($cert) : false;
        if (!$c) return [$label, true, $tls];
        return [$label, true, Diagnostics::certificate_text($tls, self::dn($c['subject'] ?? []), self::dn($c['issuer'] ?? []), (int)($c['validTo_time_t'] ?? 0))];
    }

    /* "CN=localhost, O=…" from openssl_x509_parse()'s array. */
    private static function dn(array $name): string
    {
        $parts = [];
        foreach ($name as $k => $v) $parts[] = $k . '=' . (is_array($v) ? implode('+', $v) : $v);
        return implode(', ', $parts);
    }

    /* PHP's warnings from the handshake, down to OpenSSL's reason ("certificate verify failed"). */
    private static function openssl_words(array $errors): string
    {
        $words = [];
        foreach ($errors as $e) {
            $e = preg_replace('/^stream_socket_enable_crypto\(\): /', '', $e);
            $e = preg_replace('/SSL operation failed with code \d+\. OpenSSL Error messages:\s*/', '', $e);
            $e = preg_replace('/error:[0-9A-Fa-f]+:[^:]*:[^:]*:/', '', $e);
            if ($e !== '' && $e !== 'Failed to enable crypto') $words[] = trim($e);
        }
        return $words ? implode('; ', array_unique($words)) : __('the server closed the connection or did not answer in time', 'php-smtp');
    }

    /* What to do about the first problem. */
    private static function advice(array $row, string $host, int $port, array $s): string
    {
        [$step, , $detail] = $row;
        $detail = rtrim($detail, '. ');
        if ($step === __('DNS', 'php-smtp')) {
            return sprintf(/* translators: %s: host name */ __('%s does not resolve: check that this server can resolve names (its DNS resolver).', 'php-smtp'), $host);
        }
        if ($step === __('TLS and certificate', 'php-smtp')) {
            return sprintf(/* translators: %s: the error */ __('TLS failed: %s. A public API\'s certificate is trusted by every current CA bundle: if it is rejected, the CA bundle is missing or out of date, or a proxy or firewall intercepts HTTPS; set the CA bundle on the Connection tab to one that trusts it.', 'php-smtp'), $detail);
        }
        if ($step === sprintf(/* translators: %d: a port number */ __('TCP port %d', 'php-smtp'), $port)) {
            return sprintf(/* translators: 1: host name, 2: a port number, 3: what happened */ __('This server cannot connect to %1$s on port %2$d (%3$s): outgoing HTTPS is blocked or needs a proxy. Ask the host to allow it.', 'php-smtp'), $host, $port, $detail);
        }
        return sprintf(/* translators: 1: the step, e.g. API key, 2: the problem */ __('%1$s: %2$s', 'php-smtp'), $step, $detail) . '.';
    }
}
