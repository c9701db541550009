--TEST--
Attachments: a symbolic link is refused up front with a ValueError naming the key (it used to pass stat() and fail O_NOFOLLOW mid-DATA, after MAIL and RCPT were accepted)
--EXTENSIONS--
smtp
--FILE--
<?php
require __DIR__ . '/../helper.inc';
[$port] = fault_server('no_auth');
$dir = sys_get_temp_dir() . '/php-smtp-symlink-' . getmypid();
@mkdir($dir, 0700);
file_put_contents("$dir/report.pdf", "%PDF-1.4 test\n");
symlink("$dir/report.pdf", "$dir/link.pdf");
symlink("$dir/missing.pdf", "$dir/dangling.pdf");
foreach (['link.pdf', 'dangling.pdf', 'report.pdf'] as $name) {
    try {
        $r = smtp_send(msg(['attachments' => [['path' => "$dir/$name"]]]), fault_transport($port, ['transcript' => true]));
        echo "$name: sent, ", count(preg_grep('/^C: (MAIL|RCPT)/', $r['transcript'])), " envelope commands\n";
    } catch (ValueError $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    } catch (Smtp\Exception $e) {
        echo "$name: ", get_class($e), ' after ', count(preg_grep('/^C: (MAIL|RCPT)/', $e->getTranscript())),
             ' envelope commands: ', str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
foreach (['link.pdf', 'dangling.pdf', 'report.pdf'] as $name) unlink("$dir/$name");
rmdir($dir);
?>
--EXPECT--
link.pdf: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["path"] is a symbolic link (attachments are opened without following links)
dangling.pdf: ValueError: smtp_send(): Argument #1 ($message) ["attachments"][0]["path"] is a symbolic link (attachments are opened without following links)
report.pdf: sent, 2 envelope commands
