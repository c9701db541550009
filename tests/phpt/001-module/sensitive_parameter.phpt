--TEST--
Transport arrays (with passwords) are #[\SensitiveParameter]; classes are final and not serializable
--EXTENSIONS--
smtp
--FILE--
<?php
$f = new ReflectionFunction('smtp_send');
var_dump(count($f->getParameters()[1]->getAttributes('SensitiveParameter')));
$c = new ReflectionMethod('Smtp\Client', '__construct');
var_dump(count($c->getParameters()[0]->getAttributes('SensitiveParameter')));
var_dump((new ReflectionClass('Smtp\Client'))->isFinal());
var_dump(is_subclass_of('Smtp\Exception', 'RuntimeException'));
try {
    serialize(new Smtp\Client(['host' => 'localhost']));
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
try {
    smtp_send(['from' => 'a@example.test', 'to' => 'b@example.test'],
              ['host' => '127.0.0.1', 'port' => 1, 'security' => 'none', 'password' => 'hunter2-secret', 'username' => 'u']);
} catch (Smtp\Exception $e) {
    var_dump(str_contains($e->getTraceAsString(), 'hunter2-secret'));
    var_dump(str_contains(print_r($e->getTrace(), true), 'hunter2-secret'));
}
?>
--EXPECT--
int(1)
int(1)
bool(true)
bool(true)
Serialization of 'Smtp\Client' is not allowed
bool(false)
bool(false)
