/* spool: see spool.h. */
#include "spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/util/buf.h"

#define MAX_ENV_BYTES (1024 * 1024)

void sm_entry_init(sm_entry *e)
{
    memset(e, 0, sizeof(*e));
    e->lock_fd = -1;
}

void sm_entry_free(sm_entry *e)
{
    if (e->lock_fd >= 0) close(e->lock_fd);   /* closing releases the flock */
    free(e->from);
    strlist_clear(&e->rcpt);
    sm_entry_init(e);
}

long long spool_backoff(int n)
{
    long long wait = SPOOL_BACKOFF_MIN;
    for (int i = 1; i < n && wait < SPOOL_BACKOFF_MAX; i++) wait *= 2;
    return wait < SPOOL_BACKOFF_MAX ? wait : SPOOL_BACKOFF_MAX;
}

static void path_of(char *out, size_t outlen, const char *dir, const char *id, const char *ext)
{
    snprintf(out, outlen, "%s/%s%s", dir, id, ext);
}

int spool_check_dir(const char *dir, char *why, size_t whylen)
{
    struct stat st;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        snprintf(why, whylen, "cannot create the spool directory %s: %s", dir, strerror(errno));
        return -1;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(why, whylen, "the spool %s is not a directory", dir);
        return -1;
    }
    if (st.st_mode & 077) {
        snprintf(why, whylen, "the spool directory %s may be entered by group or others (mode %04o); chmod 700 %s",
                 dir, (unsigned)(st.st_mode & 07777), dir);
        return -1;
    }
    if (access(dir, R_OK | W_OK | X_OK) != 0) {
        snprintf(why, whylen, "the spool directory %s is not writable by this user: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

void spool_new_id(char *id, size_t idlen)
{
    unsigned char r[4] = { 0 };
    if (getrandom(r, sizeof(r), 0) != (ssize_t)sizeof(r)) memset(r, 0, sizeof(r));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    snprintf(id, idlen, "%04d%02d%02dT%02d%02d%02d.%06ldZ-%ld-%02x%02x%02x%02x", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000, (long)getpid(), r[0], r[1], r[2], r[3]);
}

/* ---- the envelope file ---------------------------------------------------------- */

/* One line of text: CR, LF and other control bytes become spaces. */
static int put_line(smtp_buf *b, const char *key, const char *value)
{
    if (buf_printf(b, "%s ", key) != 0) return -1;
    size_t start = b->len;
    if (buf_puts(b, value ? value : "") != 0) return -1;
    for (size_t i = start; i < b->len; i++) {
        if ((unsigned char)b->data[i] < 32 || b->data[i] == 127) b->data[i] = ' ';
    }
    return buf_puts(b, "\n");
}

static int render_env(const sm_entry *e, smtp_buf *b)
{
    int rc = buf_printf(b, "php-smtp-sendmail-spool 1\ncreated %lld\nnext %lld\nattempts %d\nsize %llu\neightbit %d\n",
                        e->created, e->next, e->attempts, (unsigned long long)e->size, e->eightbit);
    rc = rc ? rc : put_line(b, "from", e->from);
    for (size_t i = 0; rc == 0 && i < e->rcpt.count; i++) rc = put_line(b, "rcpt", e->rcpt.items[i]);
    if (rc == 0 && e->error[0]) rc = put_line(b, "error", e->error);
    return rc;
}

static int parse_env(sm_entry *e, char *text)
{
    if (strncmp(text, "php-smtp-sendmail-spool 1\n", 26) != 0) return -1;
    int have_from = 0;
    for (char *line = text + 26, *next; *line; line = next) {
        char *nl = strchr(line, '\n');
        if (!nl) return -1;
        *nl = '\0';
        next = nl + 1;
        char *sp = strchr(line, ' ');
        if (!sp) return -1;
        *sp = '\0';
        const char *v = sp + 1;
        if (strcmp(line, "created") == 0) e->created = atoll(v);
        else if (strcmp(line, "next") == 0) e->next = atoll(v);
        else if (strcmp(line, "attempts") == 0) e->attempts = atoi(v);
        else if (strcmp(line, "size") == 0) e->size = strtoull(v, NULL, 10);
        else if (strcmp(line, "eightbit") == 0) e->eightbit = atoi(v);
        else if (strcmp(line, "from") == 0) { free(e->from); e->from = strdup(v); have_from = e->from != NULL; }
        else if (strcmp(line, "rcpt") == 0) { if (strlist_add(&e->rcpt, v, strlen(v)) != 0) return -1; }
        else if (strcmp(line, "error") == 0) snprintf(e->error, sizeof(e->error), "%s", v);
    }
    return have_from && e->rcpt.count ? 0 : -1;
}

static int read_fd_text(int fd, char **out)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size > MAX_ENV_BYTES) return -1;
    char *text = malloc((size_t)st.st_size + 1);
    if (!text) return -1;
    ssize_t n = pread(fd, text, (size_t)st.st_size, 0);
    if (n < 0) { free(text); return -1; }
    text[n] = '\0';
    *out = text;
    return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Writes text to dir/id+ext through a temporary name, fsynced, then renamed. */
static int write_durably(const char *dir, const char *id, const char *ext, const char *text, size_t len,
                         char *why, size_t whylen)
{
    char tmp[PATH_MAX], final[PATH_MAX];
    path_of(final, sizeof(final), dir, id, ext);
    snprintf(tmp, sizeof(tmp), "%s/tmp-%s%s", dir, id, ext);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || write_all(fd, text, len) != 0 || fsync(fd) != 0) {
        snprintf(why, whylen, "cannot write %s: %s", tmp, strerror(errno));
        if (fd >= 0) { close(fd); unlink(tmp); }
        return -1;
    }
    close(fd);
    if (rename(tmp, final) != 0) {
        snprintf(why, whylen, "cannot rename %s to %s: %s", tmp, final, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

static int write_env(const char *dir, const sm_entry *e, char *why, size_t whylen)
{
    smtp_buf b = SMTP_BUF_INIT;
    if (render_env(e, &b) != 0) {
        snprintf(why, whylen, "out of memory");
        buf_free(&b);
        return -1;
    }
    int rc = write_durably(dir, e->id, ".env", b.data, b.len, why, whylen);
    buf_free(&b);
    return rc;
}

int spool_commit(const char *dir, sm_entry *e, const char *tmp_path, int msg_fd, char *why, size_t whylen)
{
    char msg[PATH_MAX];
    why[0] = '\0';
    path_of(msg, sizeof(msg), dir, e->id, ".msg");
    if (fsync(msg_fd) != 0 || rename(tmp_path, msg) != 0) {
        snprintf(why, whylen, "cannot store the message in the spool %s: %s", dir, strerror(errno));
        return -1;
    }
    if (write_env(dir, e, why, whylen) != 0 || fsync_dir(dir) != 0) {
        if (!why[0]) snprintf(why, whylen, "cannot sync the spool directory %s: %s", dir, strerror(errno));
        unlink(msg);
        return -1;
    }
    return 0;
}

/* ---- reading ----------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_ext(const char *dir, const char *ext, smtp_strlist *out, char *why, size_t whylen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(why, whylen, "cannot read the spool directory %s: %s", dir, strerror(errno));
        return -1;
    }
    size_t elen = strlen(ext);
    for (struct dirent *de; (de = readdir(d));) {
        size_t n = strlen(de->d_name);
        if (n > elen && n - elen < sizeof(((sm_entry *)0)->id) && strcmp(de->d_name + n - elen, ext) == 0 &&
            strncmp(de->d_name, "tmp-", 4) != 0) {
            strlist_add(out, de->d_name, n - elen);
        }
    }
    closedir(d);
    if (out->count) qsort(out->items, out->count, sizeof(char *), by_name);
    return 0;
}

void spool_sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    time_t now = time(NULL);
    for (struct dirent *de; (de = readdir(d));) {
        char path[PATH_MAX];
        struct stat st;
        size_t n = strlen(de->d_name);
        int tmp = strncmp(de->d_name, "tmp-", 4) == 0;
        int msg = n > 4 && strcmp(de->d_name + n - 4, ".msg") == 0;
        if (!tmp && !msg) continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        if (msg) {
            /* a message whose entry is gone (a crash between the two files) */
            char other[PATH_MAX];
            snprintf(other, sizeof(other), "%s/%.*s.env", dir, (int)(n - 4), de->d_name);
            if (access(other, F_OK) == 0) continue;
            snprintf(other, sizeof(other), "%s/%.*s.failed", dir, (int)(n - 4), de->d_name);
            if (access(other, F_OK) == 0) continue;
        }
        /* an hour: no command takes that long to read its message or write an entry */
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 3600) unlink(path);
    }
    closedir(d);
}

int spool_list(const char *dir, smtp_strlist *out, char *why, size_t whylen)
{
    return list_ext(dir, ".env", out, why, whylen);
}

int spool_list_failed(const char *dir, smtp_strlist *out, char *why, size_t whylen)
{
    return list_ext(dir, ".failed", out, why, whylen);
}

static int load(int fd, const char *id, sm_entry *e, char *why, size_t whylen)
{
    char *text = NULL;
    snprintf(e->id, sizeof(e->id), "%s", id);
    if (read_fd_text(fd, &text) != 0 || parse_env(e, text) != 0) {
        snprintf(why, whylen, "the spool entry %s.env cannot be read", id);
        free(text);
        return -1;
    }
    free(text);
    return 0;
}

int spool_peek(const char *dir, const char *id, sm_entry *e, char *why, size_t whylen)
{
    char path[PATH_MAX];
    path_of(path, sizeof(path), dir, id, ".env");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whylen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = load(fd, id, e, why, whylen);
    close(fd);
    return rc;
}

int spool_lock(const char *dir, const char *id, sm_entry *e, char *why, size_t whylen)
{
    char path[PATH_MAX];
    path_of(path, sizeof(path), dir, id, ".env");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? 0 : (snprintf(why, whylen, "%s: %s", path, strerror(errno)), -1);
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return 0;   /* another run is sending it */
    }
    /* the entry may have been sent and removed, or rewritten, between open and lock */
    struct stat held, now;
    if (fstat(fd, &held) != 0 || stat(path, &now) != 0 || held.st_ino != now.st_ino || held.st_dev != now.st_dev) {
        close(fd);
        return 0;
    }
    if (load(fd, id, e, why, whylen) != 0) {
        close(fd);
        return -1;
    }
    e->lock_fd = fd;
    return 1;
}

int spool_open_message(const char *dir, const char *id, char *why, size_t whylen)
{
    char path[PATH_MAX];
    path_of(path, sizeof(path), dir, id, ".msg");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) snprintf(why, whylen, "cannot open %s: %s", path, strerror(errno));
    return fd;
}

/* ---- changing a locked entry -------------------------------------------------------- */

int spool_update(const char *dir, sm_entry *e, char *why, size_t whylen)
{
    return write_env(dir, e, why, whylen);
}

int spool_remove(const char *dir, sm_entry *e, char *why, size_t whylen)
{
    char env[PATH_MAX], msg[PATH_MAX];
    path_of(env, sizeof(env), dir, e->id, ".env");
    path_of(msg, sizeof(msg), dir, e->id, ".msg");
    if (unlink(env) != 0) {
        snprintf(why, whylen, "cannot remove %s: %s", env, strerror(errno));
        return -1;
    }
    unlink(msg);
    fsync_dir(dir);
    return 0;
}

int spool_fail(const char *dir, sm_entry *e, const char *reason, char *why, size_t whylen)
{
    smtp_buf b = SMTP_BUF_INIT;
    char when[64];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    int rc = put_line(&b, "failed", when) || put_line(&b, "reason", reason) || render_env(e, &b) ? -1 : 0;
    if (rc == 0) rc = write_durably(dir, e->id, ".failed", b.data, b.len, why, whylen);
    else snprintf(why, whylen, "out of memory");
    buf_free(&b);
    if (rc == 0) {
        char env[PATH_MAX];
        path_of(env, sizeof(env), dir, e->id, ".env");
        unlink(env);
        fsync_dir(dir);
    }
    return rc;
}
