<?php
/* Prints the files package.xml gives role="test" (the phpt tests that need no
 * mail server, their helper and the scripted server), one path a line: the
 * tests the build runs, the same that a PECL tarball carries. */
function walk(SimpleXMLElement $dir, string $prefix): void
{
    foreach ($dir->dir as $sub) {
        walk($sub, $prefix . $sub['name'] . '/');
    }
    foreach ($dir->file as $file) {
        if ((string)$file['role'] === 'test') {
            echo $prefix, $file['name'], "\n";
        }
    }
}
walk(simplexml_load_file($argv[1] ?? 'package.xml')->contents->dir, '');
