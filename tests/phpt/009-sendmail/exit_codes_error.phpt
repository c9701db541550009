--TEST--
php-smtp-sendmail exit codes (sysexits.h), each from a real cause, with the reason on stderr and nothing sent
--SKIPIF--
<?php require __DIR__ . '/../sendmail.inc'; skip_under_valgrind(); ?>
--FILE--
<?php
require __DIR__ . '/../sendmail.inc';
$subject = 'exit codes ' . bin2hex(random_bytes(4));
function free_port(): int
{
    $s = stream_socket_server('tcp://127.0.0.1:0');
    $port = (int)substr(strrchr(stream_socket_get_name($s, false), ':'), 1);
    fclose($s);
    return $port;
}
function show(string $label, array $args, ?string $stdin = null): void
{
    global $subject;
    $stdin ??= "To: bob@example.test\nSubject: $subject\n\nbody\n";
    [$rc, $out, $err] = sm_run($args, $stdin);
    $err = str_replace([sm_dir(), stack('DIR')], ['DIR', 'STACK'], $err);
    $err = preg_replace('/localhost:\d+/', 'localhost:PORT', $err);
    echo rtrim("$label: $rc $out" . trim($err)), "\n";
}
$ok = sm_config();
show('64 -bs', ['-C', $ok, '-bs']);
show('64 unknown option', ['-C', $ok, '-X', 'bob@example.test']);
show('64 -f without its argument', ['-C', $ok, '-t', '-f']);
show('64 no recipient', ['-C', $ok]);
show('65 bad recipient', ['-C', $ok, 'bob@']);
show('65 bad -t address', ['-C', $ok, '-t'], "To: \"unterminated <bob@example.test>\nSubject: x\n\nb\n");
show('65 bad sender', ['-C', $ok, '-f', 'not an address', 'bob@example.test']);
/* a line break would start a header of the --test message, or read as a group ("x\ny: carol@...") */
show('64 a line break in --test', ['-C', $ok, '--test', "bob@example.test\nBcc: carol@example.test"]);
show('64 a line break in a recipient', ['-C', $ok, "bob@example.test\r\nx: carol@example.test"]);
show('67 every recipient refused', ['-C', sm_config([], 'relay'), '-t'], "To: x@elsewhere.invalid\nSubject: x\n\nb\n");
show('0 one of two refused', ['-C', sm_config([], 'relay'), '-t'], "To: x@elsewhere.invalid, bob@example.test\nSubject: x\n\nb\n");
show('69 STARTTLS not offered', ['-C', sm_config(['port' => stack('SINK_PORT')]), '-t']);
show('69 certificate not trusted, never spooled', ['-C', sm_config(['cafile' => stack('DIR') . '/tls/selfsigned.pem', 'spool' => sm_dir() . '/spool69']), '-t']);
echo "spooled: ", count(glob(sm_dir() . '/spool69/*')), "\n";
show('75 nothing listening', ['-C', sm_config(['port' => free_port()]), '-t']);
show('77 wrong password', ['-C', sm_config(['password' => 'wrong-password']), '-t']);
show('78 no config', ['-C', sm_dir() . '/missing.conf', '-t']);
show('78 password in a group-readable config', ['-C', sm_config([], 'submission', 0640, 'readable.conf'), '-t']);
$pw = sm_dir() . '/password';
file_put_contents($pw, stack('PASS') . "\n");
chmod($pw, 0644);
show('78 world-readable password_file', ['-C', sm_config(['password' => null, 'password_file' => $pw], 'submission', 0644, 'pwfile.conf'), '-t']);
chmod($pw, 0600);
show('0 the same with the password_file 0600 and the config 0644', ['-C', sm_config(['password' => null, 'password_file' => $pw], 'submission', 0644), '-t']);
show('78 unknown key', ['-C', sm_config(['hots' => 'x']), '-t']);
show('78 bad security', ['-C', sm_config(['security' => 'ssl']), '-t']);
mkdir(sm_dir() . '/open', 0755);
chmod(sm_dir() . '/open', 0755);
show('78 spool open to others', ['-C', sm_config(['spool' => sm_dir() . '/open']), '-t']);
echo "-- nothing was sent for any failure above\n";
echo "copies of the standard message delivered: ", count_by_subject($subject), " (the password_file run)\n";
echo "log lines: ", count(file(sm_dir() . '/log')), " (one per message that reached a server or failed there)\n";
?>
--EXPECTF--
64 -bs: 64 php-smtp-sendmail: -bs is not supported (no SMTP on standard input: give the message itself) (php-smtp-sendmail --help shows the usage)
64 unknown option: 64 php-smtp-sendmail: unknown option '-X' in '-X' (php-smtp-sendmail --help shows the usage)
64 -f without its argument: 64 php-smtp-sendmail: -f needs an envelope sender address (php-smtp-sendmail --help shows the usage)
64 no recipient: 64 php-smtp-sendmail: no recipients: give them as arguments, or use -t to read To, Cc and Bcc
65 bad recipient: 65 php-smtp-sendmail: bad recipient address 'bob@': has an empty domain
65 bad -t address: 65 php-smtp-sendmail: the To field cannot be read: a quoted string is not closed
65 bad sender: 65 php-smtp-sendmail: bad envelope sender 'not an address': has no '@'
64 a line break in --test: 64 php-smtp-sendmail: argument 4 holds a line break (CR or LF) (php-smtp-sendmail --help shows the usage)
64 a line break in a recipient: 64 php-smtp-sendmail: argument 3 holds a line break (CR or LF) (php-smtp-sendmail --help shows the usage)
67 every recipient refused: 67 php-smtp-sendmail: recipient <x@elsewhere.invalid> refused: 554 5.7.1 <x@elsewhere.invalid>: Relay access denied
php-smtp-sendmail: RCPT TO rejected by localhost:PORT for every recipient: <x@elsewhere.invalid>: 554 5.7.1 <x@elsewhere.invalid>: Relay access denied
0 one of two refused: 0 php-smtp-sendmail: recipient <x@elsewhere.invalid> refused: 554 5.7.1 <x@elsewhere.invalid>: Relay access denied
69 STARTTLS not offered: 69 php-smtp-sendmail: STARTTLS: localhost:PORT does not offer STARTTLS; refusing to continue without encryption (use security 'tls' for implicit TLS, usually port 465)
69 certificate not trusted, never spooled: 69 php-smtp-sendmail: STARTTLS: TLS certificate of localhost:PORT rejected: unable to get local issuer certificate (set 'cafile' to the CA that signed it, or fix the server's certificate)
spooled: 0
75 nothing listening: 75 php-smtp-sendmail: Connection to localhost:PORT refused (127.0.0.1: Connection refused): no SMTP server is listening on that port
77 wrong password: 77 php-smtp-sendmail: AUTH PLAIN rejected by localhost:PORT: 535 5.7.8 Error: authentication failed: (reason unavailable)
78 no config: 78 php-smtp-sendmail: cannot open DIR/missing.conf: No such file or directory
78 password in a group-readable config: 78 php-smtp-sendmail: DIR/readable.conf holds a password and is readable by group or others (mode 0640); chmod 600 DIR/readable.conf or move the password to a password_file
78 world-readable password_file: 78 php-smtp-sendmail: DIR/password (password_file) is readable by group or others (mode 0644); chmod 600 DIR/password
0 the same with the password_file 0600 and the config 0644: 0
78 unknown key: 78 php-smtp-sendmail: DIR/conf-%s: line 2: unknown key 'hots'
78 bad security: 78 php-smtp-sendmail: DIR/conf-%s: line 2: security must be starttls, tls or none, not 'ssl'
78 spool open to others: 78 php-smtp-sendmail: the spool directory DIR/open may be entered by group or others (mode 0755); chmod 700 DIR/open
-- nothing was sent for any failure above
copies of the standard message delivered: 1 (the password_file run)
log lines: 7 (one per message that reached a server or failed there)
