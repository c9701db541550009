<?php
/*
 * PortProbe: TCP connections to several ports of one address at once:
 * non-blocking connects watched by one stream_select(), so a host whose
 * firewall drops the SYNs of every SMTP port costs one timeout, not one per
 * port. Nothing is written to a connection; each is closed (or handed back).
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class PortProbe
{
    /*
     * port => ['state' => 'open' | 'refused' | 'silent' (no answer within $timeout),
     *          'ms' => how long it took, 'error' => the system's words for a refusal,
     *          'stream' => the connected stream when a $context is given (for TLS on it), else absent].
     */
    public static function run(string $ip, array $ports, float $timeout, $context = null): array
    {
        $start = microtime(true);
        $keep = $context !== null;
        $out = [];
        $pending = [];
        $context ??= stream_context_create();
        $target = str_contains($ip, ':') ? "[$ip]" : $ip;
        foreach (array_unique($ports) as $port) {
            $fp = @stream_socket_client("tcp://$target:$port", $errno, $errstr, $timeout, STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT, $context);
            if ($fp === false) {   /* refused at once (or no route) */
                $out[$port] = ['state' => 'refused', 'ms' => self::ms($start), 'error' => $errstr !== '' ? $errstr : "error $errno"];
                continue;
            }
            $pending[$port] = $fp;
        }
        while ($pending) {
            $left = $timeout - (microtime(true) - $start);
            if ($left <= 0) break;
            $read = null;
            $write = $pending;
            $except = $pending;   /* some systems flag a failed connect here rather than as writable */
            $n = @stream_select($read, $write, $except, (int)$left, (int)(fmod($left, 1) * 1e6));
            if (!$n) break;   /* the time is up (0) or select failed (false): what is left did not answer */
            foreach ($write + $except as $port => $fp) {
                if (!isset($pending[$port])) continue;
                unset($pending[$port]);
                $out[$port] = self::finish($target, $port, $fp, self::ms($start), $keep, $context);
            }
        }
        foreach ($pending as $port => $fp) {
            fclose($fp);
            $out[$port] = ['state' => 'silent', 'ms' => self::ms($start), 'error' => ''];
        }
        $ordered = [];
        foreach (array_unique($ports) as $port) $ordered[$port] = $out[$port];
        return $ordered;
    }

    /* A connect that completed: connected when it has a peer, refused otherwise. */
    private static function finish(string $target, int $port, $fp, int $ms, bool $keep, $context): array
    {
        if (@stream_socket_get_name($fp, true) !== false) {
            if ($keep) {
                stream_set_blocking($fp, true);
                return ['state' => 'open', 'ms' => $ms, 'error' => '', 'stream' => $fp];
            }
            fclose($fp);
            return ['state' => 'open', 'ms' => $ms, 'error' => ''];
        }
        fclose($fp);
        /* the asynchronous connect does not say why: a refusal is immediate, so ask once more, blocking */
        $again = @stream_socket_client("tcp://$target:$port", $errno, $errstr, 1, STREAM_CLIENT_CONNECT, $context);
        if ($again) {   /* it answers now */
            if ($keep) return ['state' => 'open', 'ms' => $ms, 'error' => '', 'stream' => $again];
            fclose($again);
            return ['state' => 'open', 'ms' => $ms, 'error' => ''];
        }
        return ['state' => 'refused', 'ms' => $ms, 'error' => $errstr !== '' ? $errstr : "error $errno"];
    }

    private static function ms(float $start): int
    {
        return (int)((microtime(true) - $start) * 1000);
    }
}
