<?php
/*
 * Diagnostics: why mail does not leave. DNS of the host, TCP to the configured
 * port and 25/465/587 all at once (cloud hosts often block them; PortProbe),
 * then the extension's smtp_probe(): greeting, TLS handshake and certificate
 * against the CA bundle, and authentication, exactly as a send would do them
 * but without sending anything. Ends with a summary: what is wrong and what
 * to do; when no SMTP port can be reached at all, the provider's HTTPS API
 * (ApiOffer). A connection that sends with an API: ApiDiagnostics.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Diagnostics
{
    private const PORT_TIMEOUT = 5;

    /* The probe's redacted SMTP conversation from the last run(), for the page. */
    private static array $transcript = [];

    public static function transcript(): array
    {
        return self::$transcript;
    }

    /* What the summary offers when the SMTP ports are all unreachable (ApiOffer::offer()), from the last run(); null otherwise. */
    private static ?array $offer = null;

    public static function offer(): ?array
    {
        return self::$offer;
    }

    /* Returns a list of [step, ok (bool|null for info), detail]; the last row is the summary. */
    public static function run(): array
    {
        $s = Settings::all();
        self::$transcript = [];
        self::$offer = null;
        $kind = Transports::kind('primary', $s);
        if ($kind === null) {
            return [[__('Summary', 'php-smtp'), false, __('No SMTP host is configured: choose a provider on the Connection tab.', 'php-smtp')]];
        }
        if ($kind !== 'smtp') return ApiDiagnostics::run($kind, $s);
        $host = (string)$s['host'];
        $rows = [];
        $ips = gethostbynamel($host) ?: [];
        if (!$ips) {
            $rows[] = [__('DNS', 'php-smtp'), false, sprintf(/* translators: %s: host name */ __('%s does not resolve.', 'php-smtp'), $host)];
            $rows[] = [__('Summary', 'php-smtp'), false, __('The SMTP host name does not resolve: check its spelling, and that this server can resolve names (its DNS resolver).', 'php-smtp')];
            return $rows;
        }
        $rows[] = [__('DNS', 'php-smtp'), true, sprintf(/* translators: 1: host name, 2: its IP addresses */ __('%1$s resolves to %2$s', 'php-smtp'), $host, implode(', ', $ips))];

        $port = (int)$s['port'] ?: 587;
        /* all at once: a host that drops every SYN costs one timeout */
        $ports = PortProbe::run($ips[0], [$port, 25, 465, 587], self::PORT_TIMEOUT);
        foreach ($ports as $p => $r) {
            /* only the configured port decides; the others are information */
            $rows[] = [sprintf(/* translators: %d: a port number */ __('TCP port %d', 'php-smtp'), $p), $r['state'] === 'open' ? true : ($p === $port ? false : null), self::tcp_text($r)];
        }
        $rows[] = [__('CA bundle', 'php-smtp'), null, $s['cafile'] ?: (openssl_get_cert_locations()['default_cert_file'] ?? '')];
        if (!array_filter($ports, fn($r) => $r['state'] === 'open')) {
            self::$offer = ApiOffer::offer($s);
            $rows[] = [__('Summary', 'php-smtp'), false, self::all_blocked_text($host, $ports) . ' ' . self::$offer['text']];
            return $rows;
        }
        if ($ports[$port]['state'] !== 'open') {
            $rows[] = [__('Summary', 'php-smtp'), false, $ports[$port]['state'] === 'silent'
                ? sprintf(/* translators: %d: a port number */ __('Port %d does not answer at all: it is probably blocked by your cloud host or a firewall. Ask the host to open outgoing SMTP, or use another port (587 with STARTTLS, 465 with TLS) if one answers above.', 'php-smtp'), $port)
                : sprintf(/* translators: 1: host name, 2: a port number */ __('Nothing accepts connections on %1$s:%2$d: check the port (587 for STARTTLS, 465 for TLS) and that the server is running.', 'php-smtp'), $host, $port)];
            return $rows;
        }
        try {
            $probe = smtp_probe(Mailer::transport('primary', $s));
        } catch (\Throwable $e) {   /* settings the extension refuses (ValueError) */
            $rows[] = [__('Summary', 'php-smtp'), false, $e->getMessage()];
            return $rows;
        }
        self::$transcript = $probe['transcript'];
        return array_merge($rows, self::probe_rows($probe, $s));
    }

    /* A PortProbe result in words. */
    public static function tcp_text(array $r): string
    {
        if ($r['state'] === 'open') {
            return sprintf(/* translators: %d: milliseconds */ __('connected in %d ms', 'php-smtp'), $r['ms']);
        }
        if ($r['state'] === 'silent') {
            return __('no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port', 'php-smtp');
        }
        return sprintf(/* translators: %s: the system's error text */ __('refused: %s', 'php-smtp'), $r['error']);
    }

    /* No SMTP port of the server can be reached: the host blocks outgoing SMTP (or the server is not there). */
    private static function all_blocked_text(string $host, array $ports): string
    {
        $list = implode(', ', array_keys($ports));
        if (!array_filter($ports, fn($r) => $r['state'] !== 'silent')) {
            return sprintf(/* translators: 1: host name, 2: port numbers */ __('None of the SMTP ports of %1$s (%2$s) answers from this server: your host blocks outgoing SMTP, as many cloud hosts do (often for new accounts). Ask them to open port 587, or send over HTTPS instead.', 'php-smtp'), $host, $list);
        }
        return sprintf(/* translators: 1: host name, 2: port numbers */ __('None of the SMTP ports of %1$s (%2$s) can be reached from this server (no answer, or refused): your host most likely blocks outgoing SMTP, as many cloud hosts do (often for new accounts), unless %1$s is not a mail server (check the name). Ask them to open port 587, or send over HTTPS instead.', 'php-smtp'), $host, $list);
    }

    private static function probe_rows(array $p, array $s): array
    {
        $rows = [];
        $answered = (bool)preg_grep('/^S: /', $p['transcript']);   /* the server said something */
        if (in_array($p['stage'], ['greeting', 'ehlo'], true)) {
            $rows[] = [__('SMTP greeting and EHLO', 'php-smtp'), false, (string)$p['error']];
        } elseif ($answered) {
            $rows[] = [__('SMTP greeting and EHLO', 'php-smtp'), true,
                       sprintf(/* translators: %s: the server's extensions */ __('the server offers: %s', 'php-smtp'), self::caps_text($p['capabilities']))];
        }
        if ($p['security'] === 'none') {
            $rows[] = [__('TLS and certificate', 'php-smtp'), null, __('not used (security: none); only right for a relay on this machine or network', 'php-smtp')];
        } elseif ($p['stage'] === 'tls') {
            $rows[] = [__('TLS and certificate', 'php-smtp'), false, (string)$p['error']];
        } elseif ($p['tls'] !== null) {
            $rows[] = [__('TLS and certificate', 'php-smtp'), true, self::cert_text($p)];
        }
        if ($p['stage'] === 'auth') {
            $rows[] = [__('Authentication', 'php-smtp'), false, (string)$p['error']];
        } elseif ($p['ok']) {
            $rows[] = [__('Authentication', 'php-smtp'), $p['authenticated'] ? true : null, $p['authenticated']
                ? sprintf(/* translators: %s: user name or mailbox */ __('accepted for %s', 'php-smtp'), $s['auth'] === 'xoauth2' ? ($s['oauth_account'] ?: $s['username']) : $s['username'])
                : __('not used (no user name configured)', 'php-smtp')];
        }
        $rows[] = [__('Summary', 'php-smtp'), $p['ok'], self::advice($p, $s)];
        return $rows;
    }

    private static function caps_text(array $caps): string
    {
        $parts = [];
        foreach (['pipelining' => 'PIPELINING', 'chunking' => 'CHUNKING', '8bitmime' => '8BITMIME', 'smtputf8' => 'SMTPUTF8', 'starttls' => 'STARTTLS'] as $k => $label) {
            if (!empty($caps[$k])) $parts[] = $label;
        }
        if ($caps['size'] > 0) $parts[] = 'SIZE ' . size_format($caps['size']);
        if ($caps['auth']) $parts[] = 'AUTH ' . implode(' ', $caps['auth']);
        return $parts ? implode(', ', $parts) : __('no extensions', 'php-smtp');
    }

    private static function cert_text(array $p): string
    {
        $c = $p['certificate'];
        if (!$c) return (string)$p['tls'];
        return self::certificate_text((string)$p['tls'], (string)$c['subject'], (string)$c['issuer'], (int)$c['not_after']);
    }

    /* "TLSv1.3 …; certificate CN=… issued by CN=…, valid until …, checked against the CA bundle" (ApiDiagnostics too). */
    public static function certificate_text(string $tls, string $subject, string $issuer, int $not_after): string
    {
        $until = wp_date(get_option('date_format'), $not_after);
        $text = sprintf(/* translators: 1: TLS version and cipher, 2: certificate subject, 3: its issuer, 4: a date */ __('%1$s; certificate %2$s issued by %3$s, valid until %4$s, checked against the CA bundle', 'php-smtp'),
                        $tls, $subject, $issuer, $until);
        if ($not_after - time() < 30 * DAY_IN_SECONDS) {
            $text .= ' ' . __('(it expires within 30 days: the server\'s operator must renew it)', 'php-smtp');
        }
        return $text;
    }

    /* What is wrong and what to do, by the stage where the probe stopped. */
    private static function advice(array $p, array $s): string
    {
        $error = rtrim((string)$p['error'], '. ');   /* it is followed by more sentences */
        switch ($p['stage']) {
        case 'done':
            return __('Everything a send needs works: connection, TLS and authentication. The Test email tab sends a real message.', 'php-smtp');
        case 'connect':
            return sprintf(/* translators: %s: the error */ __('The connection failed: %s', 'php-smtp'), $error);
        case 'greeting':
        case 'ehlo':
            return sprintf(/* translators: %s: the server's reply */ __('The server answered but turned the connection away (%s). It may be limiting connections from this host, or this port does not speak SMTP.', 'php-smtp'), $error);
        case 'tls':
            return sprintf(/* translators: %s: the error */ __('TLS failed: %s. If the server uses a private CA, set the CA bundle to that CA; an expired certificate or one for another name must be fixed on the server; "Security" must match the port (465: TLS, 587: STARTTLS).', 'php-smtp'), $error);
        case 'auth':
            if ($s['auth'] === 'xoauth2') {
                return sprintf(/* translators: %s: the error */ __('The OAuth login failed: %s. Open the Connection tab and click "Grant permission" again.', 'php-smtp'), $error);
            }
            return sprintf(/* translators: %s: the server's reply */ __('The server refused the login: %s. Check the user name and password. Gmail needs an app password (or OAuth), SendGrid the user name "apikey" with an API key, Mandrill an API key as the password.', 'php-smtp'), $error);
        }
        return $error;
    }
}
