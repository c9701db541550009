--TEST--
The binding never writes into the caller's values: shared copies, references and opcache's immutable literals (protect_memory) stay as they were
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
/* A child PHP with opcache on and its shared memory write-protected: a write into a
 * literal array is a segfault there, a write into a shared array changes the copy. */
$dir = sys_get_temp_dir() . '/php-smtp-untouched-' . getmypid();
@mkdir($dir, 0700);
$script = "$dir/child.php";
[$port] = fault_server('no_auth');   /* a scripted server: this folder runs without the mail stack (the Debian build) */
file_put_contents($script, <<<PHP
<?php
\$transport = ['host' => '127.0.0.1', 'port' => $port, 'security' => 'none', 'timeout' => 10];
PHP . <<<'PHP'

echo 'opcache: ', var_export(opcache_get_status(false)['opcache_enabled'] ?? false, true), ', cached: ',
     var_export(opcache_is_script_cached(__FILE__), true), "\n";

function literal_headers(): array { return ['X-Count' => 12345, 'X-Big' => PHP_INT_MAX, 'X-Text' => 'plain']; }
function literal_message(): array
{
    return ['from' => 'alice@example.test', 'to' => ['bob@example.test'], 'subject' => 'literal',
            'text' => "hi\n", 'headers' => ['X-Count' => 12345, 'X-Big' => 9223372036854775807]];
}

function check(string $label, callable $send, array ...$values): void
{
    $before = array_map('serialize', $values);
    try {
        $r = $send();
        $outcome = 'sent to ' . implode(',', $r['accepted']);
    } catch (Throwable $e) {
        $outcome = get_class($e) . ': ' . $e->getMessage();
    }
    $same = $before === array_map('serialize', $values) ? 'unchanged' : 'CHANGED: ' . implode(' | ', array_map('serialize', $values));
    echo "$label: $outcome; caller's values $same\n";
}

/* 1. a copy shares the array with the message (built at run time: not a literal) */
$h = [];
$h['X-Count'] = 12345;
$h['X-Big'] = PHP_INT_MAX;
$copy = $h;
check('copy', fn() => smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'text' => "x\n",
                                 'headers' => $h], $transport), $copy, $h);

/* 2. a reference inside the headers */
$n = 42;
$ref = ['X-Ref' => &$n];
check('reference', fn() => smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'text' => "x\n",
                                      'headers' => $ref], $transport), $ref, [$n]);
echo 'the referenced int is still ', get_debug_type($n), "\n";

/* 3. literal arrays: immutable, in opcache's write-protected shared memory */
check('literal', fn() => smtp_send(literal_message(), $transport), literal_message());
check('literal headers', fn() => smtp_send(['from' => 'alice@example.test', 'to' => 'bob@example.test', 'text' => "x\n",
                                            'headers' => literal_headers()], $transport), literal_headers());
$client = new Smtp\Client($transport);
check('client', fn() => $client->send(literal_message()), literal_message());
check('client again', fn() => $client->send(literal_message()), literal_message());
$client->close();
echo 'literal after use: ', serialize(literal_headers()), "\n";
echo "child done\n";
PHP);
$cmd = [PHP_BINARY, '-n', '-d', 'extension=' . ini_get('extension_dir') . '/smtp.so',
        '-d', 'zend_extension=' . PHP_EXTENSION_DIR . '/opcache.so', '-d', 'opcache.enable_cli=1',
        '-d', 'opcache.protect_memory=1', '-d', 'opcache.file_update_protection=0', $script];
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
$status = proc_close($p);
echo $out, $err;
echo "exit status: $status\n";
unlink($script);
rmdir($dir);
?>
--EXPECT--
opcache: true, cached: true
copy: sent to bob@example.test; caller's values unchanged
reference: sent to bob@example.test; caller's values unchanged
the referenced int is still int
literal: sent to bob@example.test; caller's values unchanged
literal headers: sent to bob@example.test; caller's values unchanged
client: sent to bob@example.test; caller's values unchanged
client again: sent to bob@example.test; caller's values unchanged
literal after use: a:3:{s:7:"X-Count";i:12345;s:5:"X-Big";i:9223372036854775807;s:6:"X-Text";s:5:"plain";}
child done
exit status: 0
