/* intake: see intake.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* mkostemp */
#endif
#include "intake.h"
#include "headers.h"
#include "core/mime/address.h"
#include "core/mime/encode.h"
#include "core/util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

void sm_message_init(sm_message *m)
{
    memset(m, 0, sizeof(*m));
    m->fd = -1;
}

void sm_message_free(sm_message *m)
{
    if (m->fd >= 0) close(m->fd);
    if (m->path[0]) unlink(m->path);
    strlist_clear(&m->header_rcpts);
    free(m->from_addr);
    sm_message_init(m);
}

/* ---- the output file, written through a buffer ------------------------------------ */

typedef struct out_file {
    sm_message *m;
    char        buf[CHUNK];
    size_t      len;
    int         pending_cr;   /* the last byte was a CR: a following LF makes it CRLF */
    int         failed;
} out_file;

static int out_flush(out_file *o)
{
    size_t done = 0;
    while (done < o->len) {
        ssize_t n = write(o->m->fd, o->buf + done, o->len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { o->failed = errno ? errno : EIO; return -1; }
        done += (size_t)n;
    }
    o->len = 0;
    return 0;
}

static int out_write(out_file *o, const char *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)data[i];
        /* on the wire each of CR, LF and CRLF is one CRLF */
        if (ch == '\n') o->m->wire_size += o->pending_cr ? 0 : 2;
        else if (ch == '\r') o->m->wire_size += 2;
        else o->m->wire_size++;
        o->pending_cr = ch == '\r';
        if (ch > 127) o->m->eightbit = 1;
    }
    o->m->size += n;
    while (n) {
        size_t room = sizeof(o->buf) - o->len, take = n < room ? n : room;
        memcpy(o->buf + o->len, data, take);
        o->len += take; data += take; n -= take;
        if (o->len == sizeof(o->buf) && out_flush(o) != 0) return -1;
    }
    return 0;
}

static int out_puts(out_file *o, const char *s)
{
    return out_write(o, s, strlen(s));
}

/* A field rewritten line by line with CRLF line ends. */
static int out_field(out_file *o, const char *h, const hdr_field *f)
{
    size_t i = f->start;
    while (i < f->end) {
        size_t j = i;
        while (j < f->end && h[j] != '\r' && h[j] != '\n') j++;
        if (out_write(o, h + i, j - i) || out_write(o, "\r\n", 2)) return -1;
        i = j < f->end ? j + line_end_at(h, f->end, j) : j;
    }
    return 0;
}

/* ---- the fields that may be missing ------------------------------------------------- */

static const char *domain_of(const char *addr)
{
    const char *at = addr ? strrchr(addr, '@') : NULL;
    return at && at[1] ? at + 1 : "localhost";
}

static void make_message_id(char *out, size_t outlen, const char *sender)
{
    unsigned char rnd[12];
    if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
        memset(rnd, 0, sizeof(rnd));   /* time and pid keep it unique enough */
    }
    char hex[sizeof(rnd) * 2 + 1];
    for (size_t i = 0; i < sizeof(rnd); i++) snprintf(hex + 2 * i, 3, "%02x", rnd[i]);
    snprintf(out, outlen, "%lld.%ld.%s@%s", (long long)time(NULL), (long)getpid(), hex, domain_of(sender));
}

/* RFC 5322 3.3 date-time, local time with its offset. */
static int add_date(out_file *o)
{
    char date[80];
    time_t now = time(NULL);
    struct tm tm;
    static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    localtime_r(&now, &tm);
    long off = tm.tm_gmtoff / 60;
    snprintf(date, sizeof(date), "Date: %s, %d %s %d %02d:%02d:%02d %c%02ld%02ld\r\n", days[tm.tm_wday],
             tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
             off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
    return out_puts(o, date);
}

static int add_from(out_file *o, const sm_intake_opts *opt, char *why, size_t whylen)
{
    mime_address a;
    const char *name = opt->full_name && *opt->full_name ? opt->full_name : NULL;
    if (address_make(opt->sender, strlen(opt->sender), name, name ? strlen(name) : 0, &a, why, whylen) != 0) {
        return -1;
    }
    smtp_buf line = SMTP_BUF_INIT;
    int rc = header_addresses(&line, "From", &a, 1) ? -1 : out_write(o, line.data, line.len);
    if (rc) snprintf(why, whylen, "cannot write the message copy");
    buf_free(&line);
    address_free(&a);
    return rc;
}

/* ---- the header section ------------------------------------------------------------- */

typedef struct seen {
    int date, message_id, from;
} seen;

static void copy_message_id(sm_message *m, const char *value)
{
    const char *lt = strchr(value, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    if (lt && gt && gt - lt - 1 < (long)sizeof(m->message_id)) {
        memcpy(m->message_id, lt + 1, (size_t)(gt - lt - 1));
        m->message_id[gt - lt - 1] = '\0';
    }
}

/* Looks at one field: what it tells (recipients, From, Message-ID) and whether it is kept. */
static int read_field(const char *h, const hdr_field *f, const sm_intake_opts *opt, sm_message *m, seen *s,
                      int *keep, char *why, size_t whylen)
{
    int is_to = header_is(h, f, "To"), is_cc = header_is(h, f, "Cc"), is_bcc = header_is(h, f, "Bcc");
    int is_from = header_is(h, f, "From"), is_id = header_is(h, f, "Message-ID");
    s->date |= header_is(h, f, "Date");
    s->message_id |= is_id;
    s->from |= is_from;
    *keep = !is_bcc;   /* Bcc never goes out in the message (msmtp's remove_bcc_headers) */
    if (!((opt->read_recipients && (is_to || is_cc || is_bcc)) || is_from || is_id)) {
        return 0;
    }
    char *value = header_value(h, f);
    if (!value) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    int rc = 0;
    if (is_id) {
        copy_message_id(m, value);
    } else if (is_from) {
        smtp_strlist l = SMTP_STRLIST_INIT;
        char inner[200] = "";
        if (!m->from_addr && addrlist_parse(value, strlen(value), &l, inner, sizeof(inner)) == 0 && l.count) {
            m->from_addr = strdup(l.items[0]);
        }
        strlist_clear(&l);
    } else {
        char inner[200] = "";
        if (addrlist_parse(value, strlen(value), &m->header_rcpts, inner, sizeof(inner)) != 0) {
            snprintf(why, whylen, "the %.*s field cannot be read: %s", (int)f->name_len, h + f->start, inner);
            rc = -1;
        }
    }
    free(value);
    return rc;
}

/* Writes the header section: the fields kept, then those missing, then the empty line. */
static int write_headers(out_file *o, const char *h, size_t hlen, const sm_intake_opts *opt, sm_message *m,
                         int *exit_code, char *why, size_t whylen)
{
    seen s = { 0, 0, 0 };
    size_t pos = 0;
    hdr_field f;
    while (headers_next(h, hlen, &pos, &f)) {
        int keep;
        if (read_field(h, &f, opt, m, &s, &keep, why, whylen) != 0) {
            *exit_code = EX_DATAERR;
            return -1;
        }
        if (keep && out_field(o, h, &f) != 0) goto io;
    }
    if (!s.date && add_date(o) != 0) goto io;
    if (!s.message_id) {
        make_message_id(m->message_id, sizeof(m->message_id), opt->sender ? opt->sender : m->from_addr);
        char line[400];
        snprintf(line, sizeof(line), "Message-ID: <%s>\r\n", m->message_id);
        if (out_puts(o, line) != 0) goto io;
    }
    if (!s.from) {
        if (!opt->sender) {
            snprintf(why, whylen, "the message has no From and there is no sender: set from in the configuration "
                     "or give -f ADDRESS");
            *exit_code = EX_CONFIG;
            return -1;
        }
        if (add_from(o, opt, why, whylen) != 0) {
            *exit_code = o->failed ? EX_TEMPFAIL : EX_DATAERR;
            return -1;
        }
    }
    if (out_write(o, "\r\n", 2) != 0) goto io;
    return 0;
io:
    snprintf(why, whylen, "cannot write the message copy in %s: %s", opt->dir, strerror(o->failed));
    *exit_code = EX_TEMPFAIL;
    return -1;
}

/* ---- the whole message ------------------------------------------------------------- */

static int open_copy(const sm_intake_opts *o, sm_message *m, char *why, size_t whylen)
{
    snprintf(m->path, sizeof(m->path), "%s/tmp-%lld-%ld-XXXXXX", o->dir, (long long)time(NULL), (long)getpid());
    m->fd = mkostemp(m->path, O_CLOEXEC);
    if (m->fd < 0) {
        snprintf(why, whylen, "cannot create a file in %s: %s", o->dir, strerror(errno));
        m->path[0] = '\0';
        return -1;
    }
    if (!o->keep_name) {
        unlink(m->path);
        m->path[0] = '\0';
    }
    return 0;
}

/* Reads until the header section is complete (or EOF); the bytes are in b. */
static int read_head(int fd, smtp_buf *b, int *eof, size_t *hlen, size_t *body, char *why, size_t whylen,
                     int *exit_code)
{
    char chunk[CHUNK];
    while (!headers_end(b->data ? b->data : "", b->len, *eof, hlen, body)) {
        if (b->len > SM_MAX_HEADER_BYTES) {
            snprintf(why, whylen, "the header section is larger than %d bytes (is the empty line after the headers "
                     "missing?)", SM_MAX_HEADER_BYTES);
            *exit_code = EX_DATAERR;
            return -1;
        }
        ssize_t n = fd >= 0 ? read(fd, chunk, sizeof(chunk)) : 0;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            snprintf(why, whylen, "cannot read the message from standard input: %s", strerror(errno));
            *exit_code = EX_IOERR;
            return -1;
        }
        if (n == 0) *eof = 1;
        else if (buf_append(b, chunk, (size_t)n) != 0) {
            snprintf(why, whylen, "out of memory");
            *exit_code = EX_TEMPFAIL;
            return -1;
        }
    }
    return 0;
}

static int copy_rest(int fd, out_file *o, char *why, size_t whylen, int *exit_code)
{
    char chunk[CHUNK];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            snprintf(why, whylen, "cannot read the message from standard input: %s", strerror(errno));
            *exit_code = EX_IOERR;
            return -1;
        }
        if (n == 0) return 0;
        if (out_write(o, chunk, (size_t)n) != 0) {
            snprintf(why, whylen, "cannot write the message copy: %s", strerror(o->failed));
            *exit_code = EX_TEMPFAIL;
            return -1;
        }
    }
}

int sm_intake(int fd, const char *pre, size_t prelen, const sm_intake_opts *o, sm_message *m, int *exit_code,
              char *why, size_t whylen)
{
    smtp_buf head = SMTP_BUF_INIT;
    out_file *out = calloc(1, sizeof(*out));
    int eof = fd < 0, rc = -1;
    size_t hlen = 0, body = 0;
    *exit_code = EX_TEMPFAIL;
    if (!out || (prelen && buf_append(&head, pre, prelen) != 0)) {
        snprintf(why, whylen, "out of memory");
        goto done;
    }
    out->m = m;
    if (open_copy(o, m, why, whylen) != 0 || read_head(fd, &head, &eof, &hlen, &body, why, whylen, exit_code) != 0 ||
        write_headers(out, head.data ? head.data : "", hlen, o, m, exit_code, why, whylen) != 0) {
        goto done;
    }
    if (head.len > body && out_write(out, head.data + body, head.len - body) != 0) {
        snprintf(why, whylen, "cannot write the message copy: %s", strerror(out->failed));
        goto done;
    }
    if (!eof && copy_rest(fd, out, why, whylen, exit_code) != 0) goto done;
    if (out_flush(out) != 0) {
        snprintf(why, whylen, "cannot write the message copy in %s: %s", o->dir, strerror(out->failed));
        goto done;
    }
    rc = 0;
done:
    if (head.data) buf_free(&head);
    free(out);
    return rc;
}
