<?php
/*
 * Diagnostics: why mail does not leave. DNS of the host, TCP to 25/465/587
 * (cloud hosts often block them), then the extension's smtp_probe(): greeting,
 * TLS handshake and certificate against the CA bundle, and authentication,
 * exactly as a send would do them but without sending anything. Ends with a
 * summary: what is wrong and what to do.
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

    /* Returns a list of [step, ok (bool|null for info), detail]; the last row is the summary. */
    public static function run(): array
    {
        $s = Settings::all();
        $host = (string)$s['host'];
        self::$transcript = [];
        if ($host === '') {
            return [[__('Summary', 'php-smtp'), false, __('No SMTP host is configured: choose a provider on the Connection tab.', 'php-smtp')]];
        }
        $rows = [];
        $ips = gethostbynamel($host) ?: [];
        if (!$ips) {
            $rows[] = [__('DNS', 'php-smtp'), false, sprintf(/* translators: %s: host name */ __('%s does not resolve.', 'php-smtp'), $host)];
            $rows[] = [__('Summary', 'php-smtp'), false, __('The SMTP host name does not resolve: check its spelling, and that this server can resolve names (its DNS resolver).', 'php-smtp')];
            return $rows;
        }
        $rows[] = [__('DNS', 'php-smtp'), true, sprintf(/* translators: 1: host name, 2: its IP addresses */ __('%1$s resolves to %2$s', 'php-smtp'), $host, implode(', ', $ips))];

        $port = (int)$s['port'];
        $blocked_own = null;
        foreach (array_unique([$port, 25, 465, 587]) as $p) {
            [$ok, $detail, $blocked] = self::tcp($host, $p);
            /* only the configured port decides; the others are information */
            $rows[] = [sprintf(/* translators: %d: a port number */ __('TCP port %d', 'php-smtp'), $p), $ok ? true : ($p === $port ? false : null), $detail];
            if ($p === $port && !$ok) $blocked_own = $blocked ? 'blocked' : 'refused';
        }
        $rows[] = [__('CA bundle', 'php-smtp'), null, $s['cafile'] ?: (openssl_get_cert_locations()['default_cert_file'] ?? '')];
        if ($blocked_own !== null) {
            $rows[] = [__('Summary', 'php-smtp'), false, $blocked_own === 'blocked'
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

    /* [connected, detail, looked blocked (no answer at all)] */
    private static function tcp(string $host, int $port): array
    {
        $t = microtime(true);
        $fp = @stream_socket_client("tcp://$host:$port", $errno, $errstr, self::PORT_TIMEOUT);
        $ms = (int)((microtime(true) - $t) * 1000);
        if ($fp) {
            fclose($fp);
            return [true, sprintf(/* translators: %d: milliseconds */ __('connected in %d ms', 'php-smtp'), $ms), false];
        }
        if ($ms >= self::PORT_TIMEOUT * 900) {
            return [false, __('no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port', 'php-smtp'), true];
        }
        return [false, sprintf(/* translators: %s: the system's error text */ __('refused: %s', 'php-smtp'), $errstr), false];
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
        $until = wp_date(get_option('date_format'), (int)$c['not_after']);
        $text = sprintf(/* translators: 1: TLS version and cipher, 2: certificate subject, 3: its issuer, 4: a date */ __('%1$s; certificate %2$s issued by %3$s, valid until %4$s, checked against the CA bundle', 'php-smtp'),
                        $p['tls'], $c['subject'], $c['issuer'], $until);
        if ((int)$c['not_after'] - time() < 30 * DAY_IN_SECONDS) {
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
