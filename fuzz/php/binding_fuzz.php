<?php
/*
 * The binding fuzzer: random $message and $transport arrays (every key of the
 * contract, values of every type, nesting, references, CR/LF/NUL, invalid UTF-8,
 * huge strings, objects with __toString), and random Smtp\Client, smtp_probe()
 * and Smtp\TokenStore calls, run in child PHP processes against fuzz/php/sink.py.
 *
 *   php -d extension=smtp.so fuzz/php/binding_fuzz.php [--seed=N] [--cases=N] [--seconds=S] [--ext=PATH/smtp.so]
 *       [--batch=N] [--out=DIR] [--child-args="-d ..."] [--opcache=0] [--wrap="valgrind ..."]
 *                                                              run (prints the seed first)
 *   php ... binding_fuzz.php --replay=SEED:CASE                one case, in this process, verbosely
 *
 * Each case asserts: the child neither crashes nor exits early (exit status, signal);
 * the caller's values are the same before and after (a fingerprint that sees types,
 * values, references and object state; serialize() cannot take closures); only
 * ValueError, TypeError or Smtp\Exception is thrown, and no warning is raised; a
 * result says what was sent; and what the sink received passes its checks (it
 * parses with Python's email package; see sink.py), for every message reported as
 * sent. A case's inputs come from its seed alone: a failure is written to
 * DIR/failure-SEED-CASE.txt with the command that replays it.
 * Ends with "binding-fuzz: N cases in S s, M failed".
 */

final class ToStr
{
    public function __construct(public string $s) {}
    public function __toString(): string { return $this->s; }
}

/* ---- generation (deterministic from the case's seed) ----------------------------------- */

final class Gen
{
    public Random\Randomizer $r;
    public array $env;
    public array $keep = [];   /* referenced variables live as long as the case */
    public bool $clean = false; /* a case without mutations: most of its messages get sent */

    public function __construct(int $seed, array $env)
    {
        $this->r = new Random\Randomizer(new Random\Engine\Mt19937($seed));
        $this->env = $env;
    }

    public function int(int $lo, int $hi): int { return $this->r->getInt($lo, $hi); }
    public function chance(int $percent): bool { return $this->r->getInt(1, 100) <= $percent; }
    public function pick(array $a): mixed { return $a[array_rand_r($this->r, $a)]; }

    public function email(): string
    {
        return $this->pick([
            'bob@example.test', 'carol.x+tag@example.test', 'josé@example.test', 'user@müller.example.test',
            '"john doe"@example.test', 'a@[127.0.0.1]', 'x@xn--mller-kva.example.test', 'UPPER@EXAMPLE.TEST',
            str_repeat('l', 64) . '@example.test', 'zoë@example.test',
        ]);
    }

    public function badEmail(): string
    {
        return $this->pick([
            'no-at-sign', 'a@', '@b.test', "a@b.test\r\nRCPT TO:<evil@example.com>", "a\0@b.test", "a@b.test\n",
            'a..b@example.test', 'a b@example.test', "\xff@example.test", 'a@-x.test', 'Name <a@b.test', 'a@b.test, c@d.test',
            str_repeat('l', 65) . '@example.test', 'a@' . str_repeat('d', 300) . '.test', '<>', '', ' ',
        ]);
    }

    public function name(): string
    {
        return $this->pick(['Bob', 'Jörg Müller', 'Doe, John', '"Quoted"', 'Alice (boss)', '=?UTF-8?B?QWRtaW4=?=',
                            str_repeat('Long Name ', 20), "日本語の名前", 'a\\b', '<x@y>', '']);
    }

    public function address(): mixed
    {
        $e = $this->email();
        return match ($this->int(0, 3)) {
            0 => $e,
            1 => $this->name() . " <$e>",
            2 => ['email' => $e, 'name' => $this->name()],
            default => ['email' => $e],
        };
    }

    public function addressList(): mixed
    {
        if ($this->chance(40)) return $this->address();
        $l = [];
        for ($n = $this->int(1, 5); $n > 0; $n--) $l[] = $this->chance(90) ? $this->address() : $this->any(1);
        return $l;
    }

    public function text(): string
    {
        $pieces = [
            "hello\n", "line\r\n", "bare\rcr", ".\n", "..dots\n", "From the start\n", "Grüße\n", "日本語\n", "\t tab\n",
            str_repeat('x', 2000), str_repeat('word ', 300), "\n.\n", "=?UTF-8?B?eA==?=", "trailing space \n",
            "\xf0\x9f\x98\x80 emoji\n", str_repeat("y", 77) . "\n", "=3D=\n", " ", "\r\n\r\n",
        ];
        $s = '';
        for ($n = $this->int(0, 8); $n > 0; $n--) $s .= $this->pick($pieces);
        if ($this->chance(3)) $s .= str_repeat("big line of text\n", $this->int(1000, 20000));
        return $s;
    }

    /* One header line's worth of text: no CR or LF. */
    public function line(): string
    {
        return trim(str_replace(["\r\n", "\r", "\n"], ' ', $this->text()));
    }

    public function badString(): string
    {
        return $this->pick(["x\r\ny", "x\ny", "x\ry", "x\0y", "\xff\xfe", "\xc3", "\xed\xa0\x80", str_repeat("\x80", 10),
                            "\r\n.\r\nMAIL FROM:<x@y>\r\n", "Header: injected", '']);
    }

    public function bytes(): string
    {
        $n = $this->pick([0, 1, 3, 57, 58, 1000, 65536, 200000]);
        return $n ? $this->r->getBytes($n) : '';
    }

    public function string(): string
    {
        return match ($this->int(0, 6)) {
            0 => $this->text(),
            1 => $this->badString(),
            2 => $this->email(),
            3 => $this->badEmail(),
            4 => $this->bytes(),
            5 => $this->chance(10) ? str_repeat('A', $this->pick([999, 1000, 1 << 20])) : 'short',
            default => $this->name(),
        };
    }

    /* Any value: every type, nested, sometimes a reference or an object. */
    public function any(int $depth = 0): mixed
    {
        switch ($this->int(0, $depth > 2 ? 9 : 13)) {
            case 0: return null;
            case 1: return $this->chance(50);
            case 2: return $this->pick([0, 1, -1, 12345, PHP_INT_MAX, PHP_INT_MIN, 587, 65536]);
            case 3: return $this->pick([0.0, 1.5, -2.0, NAN, INF, 1e300]);
            case 4: case 5: case 6: return $this->string();
            case 7: return new ToStr($this->string());
            case 8: return $this->pick([new stdClass(), fn() => 1, new ArrayObject([1, 2]), new ToStr('a@b.test')]);
            case 9: return $this->address();
            case 10: case 11:
                $a = [];
                for ($n = $this->int(0, 4); $n > 0; $n--) {
                    $k = $this->chance(50) ? $this->int(0, 5) : $this->pick(['email', 'name', 'path', 'data', 'x', "k\r\n", '']);
                    $a[$k] = $this->any($depth + 1);
                }
                return $a;
            default:
                $a = [$this->any($depth + 1)];
                $this->keep[] = &$a[0];   /* $a[0] becomes a reference */
                return $a;
        }
    }

    public function headers(): mixed
    {
        $h = [];
        $names = ['X-Campaign', 'X-Count', 'List-Unsubscribe', 'Message-ID', 'In-Reply-To', 'X-' . str_repeat('n', 94),
                  'X-' . str_repeat('n', 95), 'Bad Name', 'Colon:', "X-A\r\nB", 'x-lower', 'From', 'Content-Type', 'X-Ü'];
        for ($n = $this->int(1, 4); $n > 0; $n--) {
            $name = $this->pick($names);
            $h[$name] = match ($this->int(0, 5)) {
                0 => $this->int(-5, 99999),
                1 => $this->any(1),
                2 => '<' . bin2hex($this->r->getBytes(8)) . '@example.test>',
                default => $this->chance(80) ? $this->line() : $this->string(),
            };
        }
        if ($this->chance(10)) $h[] = 'integer key';
        return $h;
    }

    public function attachment(): mixed
    {
        $files = $this->env['files'];
        $a = [];
        if ($this->chance(50)) {
            $a['path'] = $this->chance(80) ? $this->pick($files) : $this->string();
        } else {
            $a['data'] = $this->chance(90) ? $this->bytes() : $this->any(1);
        }
        if ($this->chance(70)) $a['name'] = $this->chance(80) ? $this->pick(['report.pdf', 'logo.png', 'Grüße.txt',
            "a\"b.txt", str_repeat('n', 300) . '.bin', 'noext', '日本.csv', "x\r\n.txt", '']) : $this->any(1);
        if ($this->chance(30)) $a['type'] = $this->chance(80) ? $this->pick(['image/png', 'text/plain', 'application/octet-stream',
            'bad', 'text/plain; charset=x', 'a/' . str_repeat('b', 300)]) : $this->any(1);
        if ($this->chance(25)) $a['cid'] = $this->chance(80) ? $this->pick(['logo', 'part1.abc@example.test', 'a b', '<x>', '']) : $this->any(1);
        if ($this->chance(5)) $a['colour'] = 'red';
        return $a;
    }

    public function raw(): string
    {
        $s = "X-PHP-Fuzz-Raw: yes\r\nFrom: a@example.test\r\nSubject: raw\r\n";
        if ($this->chance(50)) $s .= "Message-ID: <" . bin2hex($this->r->getBytes(6)) . "@example.test>\r\n";
        $s .= $this->pick(["\r\n", "\n"]) . $this->text();
        if ($this->chance(20)) $s .= "\xe9 8-bit\n";
        return $s;
    }

    public function message(): array
    {
        $m = ['from' => $this->address(), 'to' => $this->addressList()];
        if ($this->chance(80)) $m['subject'] = $this->chance(85) ? $this->line() : $this->string();
        if ($this->chance(85)) $m['text'] = $this->text();
        $keys = [
            'cc' => fn() => $this->addressList(), 'bcc' => fn() => $this->addressList(),
            'reply_to' => fn() => $this->addressList(), 'sender' => fn() => $this->address(),
            'html' => fn() => '<p>' . $this->text() . '<img src="cid:logo"></p>',
            'headers' => fn() => $this->headers(),
            'attachments' => function () { $l = []; for ($n = $this->int(1, 3); $n > 0; $n--) $l[] = $this->attachment(); return $l; },
            'envelope_from' => fn() => $this->chance(80) ? $this->email() : '',
        ];
        foreach ($keys as $k => $make) {
            if ($this->chance(20)) $m[$k] = $make();
        }
        if ($this->chance(10)) {
            $m = ['from' => $m['from'], 'to' => $m['to'], 'raw' => $this->raw()];
        }
        /* mutations: any key gets any value, keys go missing, unknown keys appear */
        $all = ['from', 'to', 'cc', 'bcc', 'reply_to', 'sender', 'subject', 'text', 'html', 'headers', 'attachments', 'raw',
                'envelope_from'];
        for ($n = $this->clean ? 0 : $this->pick([0, 0, 0, 1, 1, 2, 3]); $n > 0; $n--) {
            $k = $this->pick($all);
            match ($this->int(0, 3)) {
                0 => $m[$k] = $this->any(),
                1 => $m[$k] = $this->string(),
                2 => $m = array_diff_key($m, [$k => 1]),
                default => $m[$k] = new ToStr($this->email()),
            };
        }
        if ($this->chance(3)) $m['colour'] = 'blue';
        if ($this->chance(2)) $m[] = 'integer key';
        if ($this->chance(10)) {
            $k = $this->pick(array_keys($m));
            $v = $m[$k];
            $this->keep[] = &$v;
            $m[$k] = &$v;   /* a reference at the top level */
        }
        return $m;
    }

    public function transport(): array
    {
        $ports = $this->env['ports'];
        $t = ['host' => $this->pick(['127.0.0.1', 'localhost']), 'port' => $this->pick(array_values($ports)),
              'security' => 'none', 'timeout' => 5];
        $extra = [
            'host' => fn() => $this->pick(['127.0.0.1', 'localhost', '::1', '', "local\r\nhost", "a\0b", 'a b', $this->any()]),
            'port' => fn() => $this->pick([9, 0, 70000, -1, '25', 2.5, null, $this->pick(array_values($ports))]),
            'security' => fn() => $this->pick(['none', 'starttls', 'tls', 'ssl', 'bogus', 1, null]),
            'auth' => fn() => $this->pick(['auto', 'plain', 'login', 'xoauth2', 'oauthbearer', 'none', 'cram-md5', true]),
            'username' => fn() => $this->chance(70) ? $this->pick(['alice@example.test', 'u', 'jörg']) : $this->any(),
            'password' => fn() => $this->chance(70) ? $this->pick(['secret', 'pässword', str_repeat('p', 1000)]) : $this->any(),
            'oauth' => fn() => match ($this->int(0, 2)) {
                0 => 'ya29.fuzz-token',
                1 => ['store' => $this->env['store'], 'account' => $this->pick(['gmail', 'missing', '', "a\0b"])],
                default => $this->any(),
            },
            'verify_peer' => fn() => $this->pick([true, false, 'no', 1]),
            'cafile' => fn() => $this->pick(['/nonexistent.pem', '/etc/ssl/certs/ca-certificates.crt', $this->string()]),
            'capath' => fn() => $this->pick(['/etc/ssl/certs', '/nonexistent', $this->string()]),
            'helo' => fn() => $this->pick(['client.example.test', 'a b', "h\r\nRSET", 'ü.example', '', $this->any()]),
            'timeout' => fn() => $this->pick([0.5, 1, 3, 0, -1, 3601, 'x', NAN]),
            'transcript' => fn() => $this->pick([true, false, 'yes']),
        ];
        foreach ($extra as $k => $make) {
            if (!$this->clean && $this->chance(6)) $t[$k] = $make();
        }
        if ($this->chance(3)) $t['colour'] = 'blue';
        if ($this->chance(2)) $t[] = 1;
        if ($this->chance(8)) {
            /* an HTTPS API transport, always at a local endpoint nothing listens on (no DNS, no internet) */
            $t = ['api' => $this->pick(['gmail', 'graph', 'mailgun', 'ses', 'sendgrid', 'postmark', 'mandrill', 'bogus', 1]),
                  'endpoint' => 'https://127.0.0.1:9', 'timeout' => 2];
            foreach (['api_key' => 'key-x', 'domain' => 'mg.example.test', 'region' => 'eu-west-1', 'access_key_id' => 'AKIDEXAMPLE',
                      'secret_access_key' => 'wJalrXUtnFEMI/K7MDENG', 'session_token' => 'tok', 'oauth' => 'ya29.x',
                      'cafile' => '/nonexistent.pem', 'transcript' => true] as $k => $v) {
                if ($this->chance(50)) $t[$k] = $this->chance(85) ? $v : $this->any();
            }
        }
        return $t;
    }

    /* A case: which entry point, and its arguments. */
    public function case(): array
    {
        $kind = $this->pick(['send', 'send', 'send', 'send', 'send', 'client', 'probe', 'store']);
        $this->clean = $this->chance(25);
        return match ($kind) {
            'send' => ['send', [$this->message(), $this->transport()]],
            'client' => ['client', [$this->transport(), array_map(fn() => $this->message(), range(1, $this->int(1, 3)))]],
            'probe' => ['probe', [$this->transport()]],
            default => ['store', [
                $this->chance(80) ? $this->env['dir'] . '/store-' . $this->int(0, 3) : $this->pick([$this->env['foreign'], '', "a\0b", $this->env['dir']]),
                $this->chance(80) ? 'a-key-of-sufficient-length-for-fuzz' : $this->pick(['', 'short', $this->any()]),
                $this->pick(['accounts', 'status', 'accessToken', 'forget', 'setClient', 'authorizationUrl']),
                $this->pick(['gmail', 'a@b.test', '', "a\nb", str_repeat('x', 200), $this->any()]),
                $this->chance(70) ? ['client_id' => 'x.apps.example.test', 'token_endpoint' => 'https://127.0.0.1:9/token',
                                     'auth_endpoint' => 'https://127.0.0.1:9/auth', 'timeout' => 1] + ($this->chance(30) ? ['provider' => $this->any()] : [])
                                  : $this->any(),
                $this->pick(['https://example.test/cb', 'http://localhost/cb', 'ftp://x', "https://a\r\n", $this->any()]),
            ]],
        };
    }
}

function array_rand_r(Random\Randomizer $r, array $a): int|string
{
    $keys = array_keys($a);
    return $keys[$r->getInt(0, count($keys) - 1)];
}

/* ---- the caller's values, seen whole --------------------------------------------------- */

function fingerprint(mixed $v, array &$seen = [], int $depth = 0): string
{
    if ($depth > 20) return '…';
    if (is_array($v)) {
        $out = 'a' . count($v) . '{';
        foreach ($v as $k => $_) {
            $ref = ReflectionReference::fromArrayElement($v, $k);
            $out .= var_export($k, true) . ($ref ? '&' . substr(md5($ref->getId()), 0, 6) : '') . '=>' . fingerprint($v[$k], $seen, $depth + 1) . ';';
        }
        return $out . '}';
    }
    if (is_object($v)) {
        $id = spl_object_id($v);
        if (isset($seen[$id])) return 'o#' . $id;
        $seen[$id] = true;
        $props = $v instanceof Closure ? [] : get_object_vars($v);
        return 'o#' . $id . get_class($v) . fingerprint($props, $seen, $depth + 1);
    }
    if (is_float($v)) return 'd' . (is_nan($v) ? 'NAN' : var_export($v, true));
    if (is_string($v)) return 's' . strlen($v) . ':' . md5($v);
    return get_debug_type($v) . ':' . var_export($v, true);
}

/* Whether a value can be written as a PHP literal (then it is one, under opcache). */
function literal_ok(mixed $v, int $depth = 0): bool
{
    if (is_object($v) || $depth > 20) return false;
    if (is_float($v) && (is_nan($v) || is_infinite($v))) return false;
    if (is_string($v)) return strlen($v) < 65536;
    if (!is_array($v)) return true;
    foreach ($v as $k => $_) {
        if (ReflectionReference::fromArrayElement($v, $k) || !literal_ok($v[$k], $depth + 1)) return false;
    }
    return true;
}

/* ---- running one case ------------------------------------------------------------------ */

function run_case(int $seed, int $i, array $env, bool $verbose = false): array
{
    $g = new Gen(case_seed($seed, $i), $env);
    [$kind, $args] = $g->case();
    $literal = false;
    if ($kind === 'send' && $g->chance(30) && literal_ok($args)) {
        /* the same arrays as a literal in a file: immutable, in opcache's shared memory when it is on */
        $file = $env['dir'] . "/case-$i.php";
        file_put_contents($file, '<?php return ' . var_export($args, true) . ";\n");
        $args = include $file;
        unlink($file);
        $literal = true;
    }
    if ($verbose) { echo "case $seed:$i kind=$kind literal=", $literal ? 'yes' : 'no', "\n"; var_dump($args); }
    $before = fingerprint($args);
    $warnings = [];
    /* E_DEPRECATED: PHP's own "passing null to a string parameter" */
    set_error_handler(function ($no, $str) use (&$warnings) { if ($no !== E_DEPRECATED) $warnings[] = $str; return true; });
    $outcome = ['kind' => $kind];
    try {
        $outcome += call($kind, $args, $env);
    } catch (ValueError | TypeError | Smtp\Exception $e) {
        $outcome['threw'] = get_class($e) . ': ' . substr($e->getMessage(), 0, 300);
    } catch (Throwable $e) {
        $outcome['bad'][] = 'unexpected ' . get_class($e) . ': ' . substr($e->getMessage(), 0, 300);
    } finally {
        restore_error_handler();
    }
    foreach ($warnings as $w) $outcome['bad'][] = 'warning: ' . substr($w, 0, 300);
    if (fingerprint($args) !== $before) $outcome['bad'][] = "the caller's arguments changed";
    return $outcome;
}

function case_seed(int $seed, int $i): int
{
    return ($seed * 1000003 + $i * 7919) & 0x7fffffff;
}

function expect_of(array $m): array
{
    $s = $m['subject'] ?? null;
    $t = $m['text'] ?? null;
    return ['raw' => isset($m['raw']), 'subject' => is_string($s) ? $s : null,
            'text' => is_string($t) && !isset($m['html']) && !isset($m['attachments']) ? $t : null];
}

function check_result(mixed $r, array &$o, array $message): void
{
    if (!is_array($r) || !is_string($r['message_id'] ?? null) || !is_array($r['accepted'] ?? null) || !$r['accepted']) {
        $o['bad'][] = 'a result without message_id or accepted recipients: ' . substr(var_export($r, true), 0, 300);
        return;
    }
    $o['sent'][] = ['message_id' => $r['message_id']] + (is_array($message) ? expect_of($message) : []);
}

function call(string $kind, array $args, array $env): array
{
    $o = [];
    switch ($kind) {
        case 'send':
            check_result(smtp_send($args[0], $args[1]), $o, $args[0]);
            break;
        case 'client':
            $c = new Smtp\Client($args[0]);
            foreach ($args[1] as $m) {
                try {
                    check_result($c->send($m), $o, $m);
                } catch (ValueError | TypeError | Smtp\Exception $e) {
                    $o['threw'] = get_class($e) . ': ' . substr($e->getMessage(), 0, 300);
                }
            }
            $c->close();
            break;
        case 'probe':
            $r = smtp_probe($args[0]);
            if (!is_array($r) || !array_key_exists('ok', $r)) $o['bad'][] = 'a probe report without "ok"';
            break;
        default:
            [$path, $key, $method, $account, $client, $redirect] = $args;
            $s = new Smtp\TokenStore($path, $key);
            match ($method) {
                'setClient' => $s->setClient($account, $client),
                'authorizationUrl' => $s->authorizationUrl($account, $redirect, 'state-1'),
                'accounts' => $s->accounts(),
                default => $s->$method($account),
            };
    }
    return $o;
}

/* ---- the parent: children, the sink, the verdict --------------------------------------- */

function opt(array $argv, string $name, ?string $default): ?string
{
    foreach ($argv as $a) {
        if (str_starts_with($a, "--$name=")) return substr($a, strlen($name) + 3);
    }
    return $default;
}

function make_env(string $dir, array $ports): array
{
    @mkdir($dir, 0700, true);
    file_put_contents("$dir/small.txt", "small attachment\n");
    file_put_contents("$dir/big.bin", random_bytes(1 << 20));   /* streamed in pieces */
    file_put_contents("$dir/empty", '');
    file_put_contents("$dir/Grüße.txt", "grüße\n");
    @symlink("$dir/small.txt", "$dir/link.txt");
    @mkdir("$dir/subdir");
    file_put_contents("$dir/wp-config.php", "<?php define('DB_PASSWORD', 'x');\n");
    return ['dir' => $dir, 'ports' => $ports, 'foreign' => "$dir/wp-config.php",
            'files' => ["$dir/small.txt", "$dir/big.bin", "$dir/empty", "$dir/Grüße.txt", "$dir/link.txt", "$dir/subdir",
                        '/dev/null', '/nonexistent', 'php://memory', "$dir/small.txt\0x"]];
}

function child_main(array $argv): void
{
    [$seed, $first, $count, $envfile] = [(int)$argv[2], (int)$argv[3], (int)$argv[4], $argv[5]];
    $env = json_decode(file_get_contents($envfile), true);
    $env['store'] = new Smtp\TokenStore($env['dir'] . '/oauth.store', 'a-key-of-sufficient-length-for-fuzz');
    for ($i = $first; $i < $first + $count; $i++) {
        /* the sink tags what it receives with it; written aside and renamed so that it never reads a half-written file */
        file_put_contents($env['log'] . '.case.tmp', (string)$i);
        rename($env['log'] . '.case.tmp', $env['log'] . '.case');
        fwrite(STDOUT, "start $i\n");
        $o = run_case($seed, $i, $env);
        fwrite(STDOUT, 'end ' . $i . ' ' . json_encode($o, JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR) . "\n");
    }
}

function parent_main(array $argv): int
{
    $seed = (int)opt($argv, 'seed', (string)random_int(1, 1 << 30));
    $cases = (int)opt($argv, 'cases', '1000000');
    $seconds = (float)opt($argv, 'seconds', '60');
    $batch = (int)opt($argv, 'batch', '40');
    $out = opt($argv, 'out', sys_get_temp_dir() . '/php-smtp-binding-fuzz');
    $childArgs = array_values(array_filter(explode(' ', opt($argv, 'child-args', '') ?? '')));
    if (opt($argv, 'opcache', '1') === '1') {
        /* literal cases are then immutable arrays in write-protected shared memory */
        $childArgs = array_merge($childArgs, ['-d', 'zend_extension=' . PHP_EXTENSION_DIR . '/opcache.so', '-d', 'opcache.enable_cli=1',
                                              '-d', 'opcache.protect_memory=1', '-d', 'opcache.file_update_protection=0']);
    }
    @mkdir($out, 0700, true);
    echo "binding-fuzz: seed $seed (replay a case: --replay=$seed:CASE)\n";

    $work = sys_get_temp_dir() . '/php-smtp-fuzz-' . getmypid();
    $log = "$work-sink.jsonl";
    $sink = proc_open(['python3', __DIR__ . '/sink.py', $log], [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $sp);
    $ports = [];
    while (($line = fgets($sp[1])) !== false && trim($line) !== 'ready') {
        [$profile, $port] = explode(' ', trim($line));
        $ports[$profile] = (int)$port;
    }
    if (count($ports) < 4) { echo "binding-fuzz: the sink did not start\n"; return 2; }
    $env = make_env($work, $ports) + ['log' => $log];
    file_put_contents("$work/env.json", json_encode($env));

    $ext = opt($argv, 'ext', ini_get('extension_dir') . '/smtp.so');
    /* --wrap="valgrind --error-exitcode=99 -q": each child under a memory checker */
    $wrap = array_values(array_filter(explode(' ', opt($argv, 'wrap', '') ?? '')));
    $base = array_merge($wrap, [PHP_BINARY, '-n', '-d', "extension=$ext"], $childArgs);
    $childEnv = $wrap ? getenv() + ['USE_ZEND_ALLOC' => '0', 'ZEND_DONT_UNLOAD_MODULES' => '1'] : null;
    $t0 = microtime(true);
    $done = 0;
    $failures = [];
    $sent = [];
    $kinds = [];
    $next = 0;
    while ($next < $cases && microtime(true) - $t0 < $seconds) {
        $n = min($batch, $cases - $next);
        $cmd = array_merge($base, [__FILE__, '--child', (string)$seed, (string)$next, (string)$n, "$work/env.json"]);
        $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $childEnv);
        stream_set_blocking($pipes[2], false);
        $started = null;
        $ended = [];
        $stderr = '';
        while (($line = fgets($pipes[1])) !== false) {
            $stderr .= stream_get_contents($pipes[2]);
            if (str_starts_with($line, 'start ')) { $started = (int)substr($line, 6); continue; }
            if (!str_starts_with($line, 'end ')) { $stderr .= $line; continue; }   /* PHP's own errors go to stdout */
            [, $i, $json] = explode(' ', rtrim($line, "\n"), 3);
            $o = json_decode($json, true) ?? ['bad' => ['unreadable outcome']];
            $ended[(int)$i] = true;
            $kinds[$o['kind'] ?? '?'] = ($kinds[$o['kind'] ?? '?'] ?? 0) + 1;
            foreach ($o['sent'] ?? [] as $s) $sent[] = $s + ['case' => (int)$i];
            foreach ($o['bad'] ?? [] as $b) $failures[] = [(int)$i, $b];
        }
        $stderr .= stream_get_contents($pipes[2]);
        do { $st = proc_get_status($p); if ($st['running']) usleep(2000); } while ($st['running']);
        proc_close($p);
        $done += count($ended);
        if ($st['signaled'] || $st['exitcode'] !== 0 || count($ended) < $n) {
            $at = $started ?? $next;
            $why = $st['signaled'] ? 'signal ' . $st['termsig'] : 'exit status ' . $st['exitcode'];
            $failures[] = [$at, "the child died ($why) in this case: " . substr(trim($stderr), -600)];
            $done += isset($ended[$at]) ? 0 : 1;
            $next = $at + 1;
        } else {
            $next += $n;
        }
    }
    $elapsed = microtime(true) - $t0;
    fclose($sp[0]);
    proc_close($sink);   /* waits for the sink's last checks */
    /* every message reported as sent arrived and passed the sink's checks */
    $byId = [];
    foreach ($sent as $s) if ($s['message_id'] !== '') $byId[$s['message_id']] = $s;
    $arrived = [];
    foreach (file($log, FILE_IGNORE_NEW_LINES) ?: [] as $line) {
        $e = json_decode($line, true);
        if (!$e) continue;
        $case = $e['case'];
        $arrived[$case] = ($arrived[$case] ?? 0) + 1;
        $id = $e['message_id'] ?? '';
        $want = $id !== '' ? $byId[$id] ?? null : null;
        $raw = $want ? $want['raw'] : in_array(true, array_column(array_filter($sent, fn($s) => $s['case'] === $case), 'raw'), true);
        $problems = array_merge($e['problems'], $raw ? [] : $e['content_problems']);
        foreach ($problems as $pr) $failures[] = [$case, "sink: $pr (" . ($e['mail'] ?? '') . ", message $id)"];
        if ($want && !$raw) {
            if ($want['subject'] !== null && ($e['subject'] ?? null) !== null && norm_ws($e['subject']) !== norm_ws($want['subject'])) {
                $failures[] = [$case, 'sink: the Subject arrived as ' . json_encode($e['subject']) . ', sent ' . json_encode($want['subject'])];
            }
            if ($want['text'] !== null && isset($e['texts'][0][1]) && norm_nl($e['texts'][0][1]) !== norm_nl($want['text'])) {
                $failures[] = [$case, 'sink: the text arrived changed (' . strlen($e['texts'][0][1]) . ' bytes for ' . strlen($want['text']) . ')'];
            }
        }
    }
    $reported = [];
    foreach ($sent as $s) $reported[$s['case']] = ($reported[$s['case']] ?? 0) + 1;
    foreach ($reported as $case => $n) {
        if (($arrived[$case] ?? 0) < $n) $failures[] = [$case, "$n messages reported as sent, " . ($arrived[$case] ?? 0) . ' arrived'];
    }
    foreach ($arrived as $case => $n) {
        if ($n > ($reported[$case] ?? 0)) $failures[] = [$case, "$n messages arrived, " . ($reported[$case] ?? 0) . ' reported as sent'];
    }
    $byCase = [];
    foreach ($failures as [$i, $why]) $byCase[$i][] = $why;
    foreach ($byCase as $i => $whys) {
        $file = "$out/failure-$seed-$i.txt";
        file_put_contents($file, "replay: php -n -d extension=$ext " . __FILE__ . " --replay=$seed:$i\n" . implode("\n", array_unique($whys)) . "\n");
        echo "binding-fuzz: FAIL case $i: ", implode(' | ', array_slice(array_unique($whys), 0, 3)), "\n         written to $file\n";
    }
    @rmdir("$work/subdir");
    @unlink("$work/link.txt");
    array_map('unlink', glob("$work/*") ?: []);
    @rmdir($work);
    @unlink($log);
    @unlink("$log.case");
    @unlink("$log.case.tmp");
    ksort($kinds);
    printf("binding-fuzz: %d cases (%s; %d messages sent and checked) in %.0f s, %d failed\n", $done,
           implode(', ', array_map(fn($k, $v) => "$v $k", array_keys($kinds), $kinds)), count($sent), $elapsed, count($byCase));
    return $byCase ? 1 : 0;
}

function norm_ws(string $s): string { return trim(preg_replace('/\s+/u', ' ', $s) ?? $s); }
function norm_nl(string $s): string { return rtrim(str_replace(["\r\n", "\r"], "\n", $s), "\n"); }

if (($argv[1] ?? '') === '--child') {
    child_main($argv);
    exit(0);
}
if ($r = opt($argv, 'replay', null)) {
    [$seed, $i] = array_map('intval', explode(':', $r));
    $log = sys_get_temp_dir() . '/php-smtp-fuzz-replay.jsonl';
    $sink = proc_open(['python3', __DIR__ . '/sink.py', $log], [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $sp);
    $ports = [];
    while (($line = fgets($sp[1])) !== false && trim($line) !== 'ready') { [$pr, $po] = explode(' ', trim($line)); $ports[$pr] = (int)$po; }
    $env = make_env(sys_get_temp_dir() . '/php-smtp-fuzz-replay', $ports);
    $env['store'] = new Smtp\TokenStore($env['dir'] . '/oauth.store', 'a-key-of-sufficient-length-for-fuzz');
    var_dump(run_case($seed, $i, $env, true));
    fclose($sp[0]);
    proc_close($sink);
    echo "sink: ", file_get_contents($log);
    exit(0);
}
exit(parent_main($argv));
