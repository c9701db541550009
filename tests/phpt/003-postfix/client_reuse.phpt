--TEST--
Smtp\Client sends several messages over one connection (RSET between), rejected recipient reported
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
$c = new Smtp\Client(relay_transport(['transcript' => true]));
$ids = [];
for ($i = 0; $i < 3; $i++) {
    $r = $c->send(msg(['subject' => "reuse $i", 'to' => ['bob@example.test', 'x@nowhere.invalid']]));
    $ids[] = $r['message_id'];
    echo count(preg_grep('/connecting to/', $r['transcript'])), ' connect, ', count(preg_grep('/^C: RSET$/', $r['transcript'])), " RSET\n";
    echo implode(',', $r['accepted']), ' | ', implode(' ', array_map(fn($k, $v) => "$k => $v", array_keys($r['rejected']), $r['rejected'])), "\n";
}
$c->close();
foreach ($ids as $id) echo delivered($id)[0]['headers']['subject'][0], "\n";
?>
--EXPECT--
1 connect, 0 RSET
bob@example.test | x@nowhere.invalid => 554 5.7.1 <x@nowhere.invalid>: Relay access denied
0 connect, 1 RSET
bob@example.test | x@nowhere.invalid => 554 5.7.1 <x@nowhere.invalid>: Relay access denied
0 connect, 1 RSET
bob@example.test | x@nowhere.invalid => 554 5.7.1 <x@nowhere.invalid>: Relay access denied
reuse 0
reuse 1
reuse 2
