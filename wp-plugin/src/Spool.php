<?php
/*
 * Spool: the outbox's own copies of a message's attachments. Plugins often
 * delete an attachment right after wp_mail() returns (form uploads, generated
 * PDFs), so a message kept for a later retry or a resend from the log must not
 * depend on the original files. Copies live in PrivateDir (never served) and
 * go when the message is sent or its log row is pruned.
 */
namespace PhpSmtp;

defined('ABSPATH') || exit;

final class Spool
{
    public static function dir(int $id): string
    {
        return PrivateDir::path('outbox') . '/' . get_current_blog_id() . '-' . $id;
    }

    /*
     * Copies the file attachments of log row $id and returns $message pointing
     * at the copies, each under its original file name. Files already in this
     * row's spool stay; a file that cannot be copied keeps its original path (a
     * retry then names the missing file).
     */
    public static function keep(int $id, array $message): array
    {
        if (empty($message['attachments']) || $id <= 0 || !PrivateDir::available()) return $message;
        $dir = self::dir($id);
        foreach ($message['attachments'] as $n => &$a) {
            $path = $a['path'] ?? null;
            if ($path === null || str_starts_with($path, $dir . '/')) continue;
            $copy = "$dir/$n/" . basename($path);
            if (is_file($path) && wp_mkdir_p(dirname($copy)) && @copy($path, $copy)) {
                $a['name'] ??= basename($path);
                $a['path'] = $copy;
            }
        }
        unset($a);
        return $message;
    }

    public static function release(int $id): void
    {
        if (!PrivateDir::available()) return;
        $dir = self::dir($id);
        if (!is_dir($dir)) return;
        $items = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS), \RecursiveIteratorIterator::CHILD_FIRST);
        foreach ($items as $item) {
            $item->isDir() ? @rmdir($item->getPathname()) : @unlink($item->getPathname());
        }
        @rmdir($dir);
    }

    /* Every spool of this site (uninstall). */
    public static function release_all(): void
    {
        if (!PrivateDir::available()) return;
        foreach (glob(PrivateDir::path('outbox') . '/' . get_current_blog_id() . '-*', GLOB_ONLYDIR) ?: [] as $dir) {
            self::release((int)substr(strrchr($dir, '-'), 1));
        }
    }
}
