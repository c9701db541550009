/* store_file: see store_file.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "store_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#define MAX_STORE_BYTES (16u << 20)   /* far above any real store; bounds a hostile file */

int store_lock_take(const char *path, store_lock *l, smtp_error *err)
{
    char lockpath[4096];
    if ((size_t)snprintf(lockpath, sizeof(lockpath), "%s.lock", path) >= sizeof(lockpath)) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "token store path is too long");
        return -1;
    }
    l->fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (l->fd < 0) {
        error_set(err, SMTP_ERR_IO, 0, "token store: cannot open its lock file %s: %s", lockpath, strerror(errno));
        return -1;
    }
    while (flock(l->fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            error_set(err, SMTP_ERR_IO, 0, "token store: cannot lock %s: %s", lockpath, strerror(errno));
            close(l->fd);
            l->fd = -1;
            return -1;
        }
    }
    return 0;
}

void store_lock_release(store_lock *l)
{
    if (l->fd >= 0) {
        flock(l->fd, LOCK_UN);
        close(l->fd);
        l->fd = -1;
    }
}

int store_file_read(const char *path, smtp_buf *out, int *missing, smtp_error *err)
{
    *missing = 0;
    buf_reset(out);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT) {
            *missing = 1;
            return 0;
        }
        error_set(err, SMTP_ERR_IO, 0, "token store: cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_STORE_BYTES) {
        error_set(err, SMTP_ERR_IO, 0, "token store: %s is not a regular file of a sane size", path);
        close(fd);
        return -1;
    }
    for (;;) {
        if (buf_reserve(out, 65536) != 0) {
            error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
            close(fd);
            return -1;
        }
        ssize_t n = read(fd, out->data + out->len, 65536);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error_set(err, SMTP_ERR_IO, 0, "token store: cannot read %s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        if (n == 0) break;
        out->len += (size_t)n;
        if (out->len > MAX_STORE_BYTES) {
            error_set(err, SMTP_ERR_IO, 0, "token store: %s is larger than %u bytes", path, MAX_STORE_BYTES);
            close(fd);
            return -1;
        }
    }
    close(fd);
    return 0;
}

int store_file_starts_with(const char *path, const void *head, size_t n, smtp_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT) return 1;
        error_set(err, SMTP_ERR_IO, 0, "token store: cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error_set(err, SMTP_ERR_IO, 0, "token store: %s is not a regular file", path);
        close(fd);
        return -1;
    }
    unsigned char got[64];
    size_t have = 0;
    if (n > sizeof(got)) n = sizeof(got);
    while (have < n) {
        ssize_t r = read(fd, got + have, n - have);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            error_set(err, SMTP_ERR_IO, 0, "token store: cannot read %s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        if (r == 0) break;
        have += (size_t)r;
    }
    close(fd);
    return have == n && memcmp(got, head, n) == 0;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* fsync of the directory makes the rename itself durable (POSIX leaves it to us). */
static void sync_directory(const char *path)
{
    char copy[4096];
    snprintf(copy, sizeof(copy), "%s", path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int store_file_replace(const char *path, const void *data, size_t len, smtp_error *err)
{
    char tmp[4200];
    unsigned char r[6];
    if (RAND_bytes(r, sizeof(r)) != 1) {
        error_set(err, SMTP_ERR_IO, 0, "token store: cannot save %s: OpenSSL's random generator failed; "
                  "the previous version is kept", path);
        return -1;
    }
    snprintf(tmp, sizeof(tmp), "%s.tmp-%ld-%02x%02x%02x%02x%02x%02x", path, (long)getpid(),
             r[0], r[1], r[2], r[3], r[4], r[5]);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        error_set(err, SMTP_ERR_IO, 0, "token store: cannot create %s: %s", tmp, strerror(errno));
        return -1;
    }
    const char *step = NULL;
    if (fchmod(fd, 0600) != 0) step = "chmod";
    else if (write_all(fd, data, len) != 0) step = "write";
    else if (fsync(fd) != 0) step = "fsync";
    int saved = errno;
    if (close(fd) != 0 && !step) { step = "close"; saved = errno; }
    if (!step && rename(tmp, path) != 0) { step = "rename"; saved = errno; }
    if (step) {
        unlink(tmp);
        error_set(err, SMTP_ERR_IO, 0, "token store: cannot save %s (%s failed: %s); the previous version is kept",
                  path, step, strerror(saved));
        return -1;
    }
    sync_directory(path);
    return 0;
}

int store_file_move_aside(const char *path, char *moved_to, size_t size, smtp_error *err)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
    snprintf(moved_to, size, "%s.damaged-%s", path, stamp);
    if (rename(path, moved_to) != 0) {
        error_set(err, SMTP_ERR_IO, 0, "token store: cannot move the damaged %s aside: %s", path, strerror(errno));
        return -1;
    }
    sync_directory(path);
    return 0;
}
