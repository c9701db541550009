/*
 * store_file: the token store on disk. One lock file beside the store
 * ("<path>.lock", flock) serialises every reader and writer across processes;
 * the store itself is only ever replaced whole (temporary file, fsync, rename,
 * fsync of the directory), so a crash leaves either the old or the new file.
 */
#ifndef SMTP_STORE_FILE_H
#define SMTP_STORE_FILE_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/error.h"

typedef struct store_lock {
    int fd;
} store_lock;

/* Takes the exclusive lock of the store at path, waiting for other holders. */
int  store_lock_take(const char *path, store_lock *l, smtp_error *err);
void store_lock_release(store_lock *l);

/* Reads the whole file into out. *missing is set (and 0 returned) when there is none. */
int store_file_read(const char *path, smtp_buf *out, int *missing, smtp_error *err);

/* Whether the file at path begins with the n bytes of head, read before any lock is
 * taken (so that no lock file is created beside a file that is not ours): 1 when it
 * does or there is no file, 0 when it does not (shorter, empty or other bytes), -1 with
 * err when it cannot be opened or read. */
int store_file_starts_with(const char *path, const void *head, size_t n, smtp_error *err);

/* Replaces the file at path by data, atomically, mode 0600. */
int store_file_replace(const char *path, const void *data, size_t len, smtp_error *err);

/* Renames a damaged store to "<path>.damaged-<UTC time>"; the new name goes to moved_to. */
int store_file_move_aside(const char *path, char *moved_to, size_t size, smtp_error *err);

#endif
