--TEST--
Token store: wrong key leaves the file untouched, and so does a file without the store's magic (foreign, empty); a store that is truncated or tampered is moved aside, never replaced
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../oauth.inc';
oauth_control();
$store = authorized_store('gmail');
$path = store_path($store);
$good = file_get_contents($path);
$dir = dirname($path);
$show = fn($m) => str_replace([$path, $dir], ['STORE', 'DIR'], $m);

function attempt(callable $fn, callable $show): void
{
    try {
        $fn();
        echo "no exception\n";
    } catch (Smtp\Exception $e) {
        echo get_class($e), ': ', $show($e->getMessage()), "\n";
        echo 'temporary=', var_export($e->isTemporary(), true), "\n";
    }
}

echo "-- wrong key\n";
$wrong = new Smtp\TokenStore($path, 'another-key-of-sufficient-length-000');
attempt(fn() => $wrong->accessToken('gmail'), $show);
attempt(fn() => $wrong->setClient('x', test_client()), $show);
echo "file unchanged: ", file_get_contents($path) === $good ? "yes" : "no", "\n";
echo "right key still works: ", strlen($store->accessToken('gmail')) > 20 ? "yes" : "no", "\n";

$cases = [
    'truncated' => substr($good, 0, intdiv(strlen($good), 2)),
    'tampered'  => substr_replace($good, chr(ord($good[70]) ^ 1), 70, 1),
    'tag flipped' => substr_replace($good, chr(ord($good[strlen($good) - 1]) ^ 0x80), -1, 1),
    'foreign'   => "{\"accounts\":{}}\n",
    'empty'     => '',
];
foreach ($cases as $name => $bytes) {
    echo "-- $name\n";
    foreach (glob("$dir/*.damaged-*") as $f) unlink($f);
    file_put_contents($path, $bytes);
    attempt(fn() => $store->accessToken('gmail'), $show);
    $aside = glob("$dir/*.damaged-*");
    $kept = $aside ? file_get_contents($aside[0]) : @file_get_contents($path);   /* aside, or left in place */
    echo "moved aside: ", count($aside), ", bytes kept: ", $kept === $bytes ? "yes" : "no", "\n";
    echo "store path now: ", file_exists($path) ? "exists" : "absent", "\n";
    /* the next call does not pretend the account is still there */
    attempt(fn() => $store->accessToken('gmail'), $show);
}
?>
--EXPECTF--
-- wrong key
Smtp\Exception: token store STORE: the key does not match the one it was written with (was the key changed?); the file was left untouched
temporary=false
Smtp\Exception: token store STORE: the key does not match the one it was written with (was the key changed?); the file was left untouched
temporary=false
file unchanged: yes
right key still works: yes
-- truncated
Smtp\Exception: token store STORE cannot be read: it is truncated (shorter or longer than its header says). It was moved to STORE.damaged-%sZ (kept for inspection); the accounts in it must be set up and authorized again
temporary=false
moved aside: 1, bytes kept: yes
store path now: absent
Smtp\Exception: account 'gmail' is not in the token store STORE (setClient() adds it)
temporary=false
-- tampered
Smtp\Exception: token store STORE cannot be read: its content fails the integrity check (modified or damaged). It was moved to STORE.damaged-%sZ (kept for inspection); the accounts in it must be set up and authorized again
temporary=false
moved aside: 1, bytes kept: yes
store path now: absent
Smtp\Exception: account 'gmail' is not in the token store STORE (setClient() adds it)
temporary=false
-- tag flipped
Smtp\Exception: token store STORE cannot be read: its content fails the integrity check (modified or damaged). It was moved to STORE.damaged-%sZ (kept for inspection); the accounts in it must be set up and authorized again
temporary=false
moved aside: 1, bytes kept: yes
store path now: absent
Smtp\Exception: account 'gmail' is not in the token store STORE (setClient() adds it)
temporary=false
-- foreign
Smtp\Exception: token store STORE: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
temporary=false
moved aside: 0, bytes kept: yes
store path now: exists
Smtp\Exception: token store STORE: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
temporary=false
-- empty
Smtp\Exception: token store STORE: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
temporary=false
moved aside: 0, bytes kept: yes
store path now: exists
Smtp\Exception: token store STORE: the file is not a php-smtp token store (it does not begin with the store's header); it was left untouched: name a new file, or remove this one if it is meant to be a store
temporary=false
