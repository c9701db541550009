<?php
/*
 * Diagnostics: why mail does not leave. DNS of the host, TCP to 25/465/587
 * (cloud hosts often block them), TLS handshake and certificate against the CA
 * bundle, and authentication: each step with what was seen and what to do.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Diagnostics
{
    /* Returns a list of [step, ok (bool|null for info), detail]. */
    public static function run(): array
    {
        $s = Settings::all();
        $host = (string)$s['host'];
        $out = [];
        if ($host === '') {
            return [[__('Settings', 'php-smtp'), false, __('No SMTP host is configured.', 'php-smtp')]];
        }
        $ips = gethostbynamel($host) ?: [];
        $out[] = [__('DNS', 'php-smtp'), (bool)$ips, $ips ? sprintf(/* translators: 1: host name, 2: its IP addresses */ __('%1$s resolves to %2$s', 'php-smtp'), $host, implode(', ', $ips))
                                                          : sprintf(/* translators: %s: host name */ __('%s does not resolve: check the host name and the server\'s DNS.', 'php-smtp'), $host)];
        if (!$ips) return $out;
        $ports = array_unique([(int)$s['port'], 25, 465, 587]);
        foreach ($ports as $port) {
            $t = microtime(true);
            $fp = @stream_socket_client("tcp://$host:$port", $errno, $errstr, 5);
            $ms = (int)((microtime(true) - $t) * 1000);
            if ($fp) {
                fclose($fp);
                $out[] = /* translators: %d: a port number */ [sprintf(__('TCP port %d', 'php-smtp'), $port), true, sprintf(/* translators: %d: milliseconds */ __('connected in %d ms', 'php-smtp'), $ms)];
            } else {
                $blocked = $ms >= 4500 ? __('no answer at all: outgoing SMTP on this port is probably blocked by your cloud host or a firewall (many cloud hosts block port 25, some also 465 and 587): ask them to open it, or use another port', 'php-smtp')
                                       : sprintf(/* translators: %s: the system's error text */ __('refused: %s', 'php-smtp'), $errstr);
                $out[] = /* translators: %d: a port number */ [sprintf(__('TCP port %d', 'php-smtp'), $port), $port === (int)$s['port'] ? false : null, $blocked];
            }
        }
        $out[] = [__('CA bundle', 'php-smtp'), null, $s['cafile'] ?: (openssl_get_cert_locations()['default_cert_file'] ?? '')];
        $transport = Mailer::transport('primary', $s);
        try {
            $client = new \Smtp\Client($transport);   /* connects, TLS, EHLO, AUTH on the first send only */
            unset($client);
            $r = smtp_send(['from' => $s['from'] ?: MailMapper::default_from(), 'to' => $s['from'] ?: get_option('admin_email'),
                            'subject' => 'php-smtp diagnostics', 'text' => "Connection check from the diagnostics page.\n"], $transport);
            $out[] = [__('TLS, authentication and sending', 'php-smtp'), true, $r['response']];
        } catch (\Throwable $e) {
            $out[] = [__('TLS, authentication and sending', 'php-smtp'), false, $e->getMessage()];
        }
        return $out;
    }
}
