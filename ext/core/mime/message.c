/*
 * message: checking and rendering an e-mail (see message.h). The rendered tree:
 *   multipart/mixed          when there are attachments
 *     multipart/related      when inline parts (cid) go with an HTML body
 *       multipart/alternative when both text and html are given
 *         text/plain, text/html
 *       inline parts
 *     attachments
 * with every level left out when it would hold a single part.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "message.h"
#include "encode.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

static int fail(char *why, size_t whylen, const char *msg)
{
    snprintf(why, whylen, "%s", msg);
    return -1;
}

void message_init(mime_message *m)
{
    memset(m, 0, sizeof(*m));
}

static void free_list(mime_address *list, size_t n)
{
    for (size_t i = 0; i < n; i++) address_free(&list[i]);
    free(list);
}

void message_free(mime_message *m)
{
    address_free(&m->from);
    if (m->sender) { address_free(m->sender); free(m->sender); }
    free_list(m->to, m->nto);
    free_list(m->cc, m->ncc);
    free_list(m->bcc, m->nbcc);
    free_list(m->reply_to, m->nreply_to);
    free(m->subject);
    free(m->text);
    free(m->html);
    for (size_t i = 0; i < m->nheaders; i++) { free(m->headers[i].name); free(m->headers[i].value); }
    free(m->headers);
    for (size_t i = 0; i < m->nattachments; i++) {
        mime_attachment *a = &m->attachments[i];
        free(a->path); free(a->data); free(a->name); free(a->type); free(a->cid);
    }
    free(m->attachments);
    free(m->raw);
    free(m->envelope_from);
    memset(m, 0, sizeof(*m));
}

/* ---- field checks ---------------------------------------------------------------- */

/* RFC 5322 2.1.1: a line is at most 998 characters. A field name cannot be folded and
 * the first word of its value follows it on the same line (up to 900 characters before
 * the encoder switches to encoded words), hence 96; RFC 6838 4.2 bounds a type name and
 * a subtype name to 127 characters each; a Content-ID is a msg-id, kept as short as the
 * Message-IDs the binding accepts. */
#define MAX_HEADER_NAME 96
#define MAX_MIME_TYPE   255
#define MAX_CID         250

int message_check_header_name(const char *name, char *why, size_t whylen)
{
    if (!*name) return fail(why, whylen, "must not be empty");
    if (strlen(name) > MAX_HEADER_NAME) return fail(why, whylen, "must be at most 96 characters (RFC 5322 2.1.1: lines of 998)");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p == '\r' || *p == '\n') return fail(why, whylen, "must not contain CR or LF");
        /* RFC 5322 2.2: printable US-ASCII except colon */
        if (*p < 33 || *p > 126 || *p == ':') return fail(why, whylen, "must be printable ASCII without spaces or ':'");
    }
    return 0;
}

int message_check_header_value(const char *value, size_t len, char *why, size_t whylen)
{
    if (memchr(value, '\r', len) || memchr(value, '\n', len)) return fail(why, whylen, "must not contain CR or LF");
    if (memchr(value, '\0', len)) return fail(why, whylen, "must not contain NUL bytes");
    if (!utf8_valid(value, len)) return fail(why, whylen, "is not valid UTF-8");
    return 0;
}

int message_check_mime_type(const char *type, char *why, size_t whylen)
{
    const char *slash = strchr(type, '/');
    if (!slash || slash == type || !slash[1]) return fail(why, whylen, "must look like \"type/subtype\"");
    if (strlen(type) > MAX_MIME_TYPE) return fail(why, whylen, "must be at most 255 characters (RFC 6838 4.2)");
    for (const unsigned char *p = (const unsigned char *)type; *p; p++) {
        if (*p == '\r' || *p == '\n') return fail(why, whylen, "must not contain CR or LF");
        /* RFC 2045 5.1 token characters, and the one slash */
        if (*p <= 32 || *p >= 127 || strchr("()<>@,;:\\\"[]?=", *p)) return fail(why, whylen, "must be a plain \"type/subtype\" without parameters");
    }
    return strchr(slash + 1, '/') ? fail(why, whylen, "must look like \"type/subtype\"") : 0;
}

int message_check_cid(const char *cid, char *why, size_t whylen)
{
    if (!*cid) return fail(why, whylen, "must not be empty");
    if (strlen(cid) > MAX_CID) return fail(why, whylen, "must be at most 250 characters");
    for (const unsigned char *p = (const unsigned char *)cid; *p; p++) {
        if (*p == '\r' || *p == '\n') return fail(why, whylen, "must not contain CR or LF");
        if (*p <= 32 || *p >= 127 || *p == '<' || *p == '>' || *p == '"' || *p == '\\') {
            return fail(why, whylen, "must be printable ASCII without spaces, quotes or angle brackets");
        }
    }
    return 0;
}

int message_check_filename(const char *name, char *why, size_t whylen)
{
    size_t len = strlen(name);
    if (!len) return fail(why, whylen, "must not be empty");
    if (memchr(name, '\r', len) || memchr(name, '\n', len)) return fail(why, whylen, "must not contain CR or LF");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) return fail(why, whylen, "must not contain control characters");
    }
    if (!utf8_valid(name, len)) return fail(why, whylen, "is not valid UTF-8");
    return 0;
}

int message_check_raw(const char *raw, size_t len, char *why, size_t whylen)
{
    if (memchr(raw, '\0', len)) return fail(why, whylen, "must not contain NUL bytes (RFC 5322 2.3)");
    size_t col = 0;
    for (size_t i = 0; i < len; i++) {
        if (raw[i] == '\r' || raw[i] == '\n') { col = 0; continue; }
        /* RFC 5322 2.1.1 and RFC 5321 4.5.3.1.6: 998 characters a line, 1000 with CRLF */
        if (++col > 998) {
            char msg[160];
            size_t line = 1;
            for (size_t k = 0; k < i; k++) if (raw[k] == '\n' || (raw[k] == '\r' && (k + 1 == len || raw[k + 1] != '\n'))) line++;
            snprintf(msg, sizeof(msg), "has a line longer than 998 characters (line %zu; RFC 5322 2.1.1)", line);
            return fail(why, whylen, msg);
        }
    }
    return 0;
}

/* Checked exactly as file_part() opens it (O_NOFOLLOW, a regular file after fstat), so
 * that a path accepted here is not refused in the middle of DATA, after the envelope. */
int message_check_path(const char *path, uint64_t *size, char *why, size_t whylen)
{
    if (!*path) return fail(why, whylen, "must not be empty");
    if (strstr(path, "://") || strncasecmp(path, "phar:", 5) == 0 || strncasecmp(path, "data:", 5) == 0) {
        return fail(why, whylen, "must be a local file path, not a URL or stream wrapper");
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0) {
        char msg[300];
        if (errno == ELOOP) return fail(why, whylen, "is a symbolic link (attachments are opened without following links)");
        snprintf(msg, sizeof(msg), "cannot be read: %s", strerror(errno));
        return fail(why, whylen, msg);
    }
    struct stat st;
    int ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (!ok) return fail(why, whylen, "is not a regular file (a directory, device, socket or FIFO)");
    *size = (uint64_t)st.st_size;
    return 0;
}

const char *message_guess_type(const char *filename)
{
    static const char *const table[][2] = {
        { "pdf", "application/pdf" }, { "png", "image/png" }, { "jpg", "image/jpeg" },
        { "jpeg", "image/jpeg" }, { "gif", "image/gif" }, { "webp", "image/webp" },
        { "svg", "image/svg+xml" }, { "txt", "text/plain" }, { "html", "text/html" },
        { "htm", "text/html" }, { "csv", "text/csv" }, { "json", "application/json" },
        { "zip", "application/zip" }, { "ics", "text/calendar" }, { "xml", "application/xml" },
        { "doc", "application/msword" }, { "xls", "application/vnd.ms-excel" },
        { "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    };
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    if (dot) {
        for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
            if (strcasecmp(dot + 1, table[i][0]) == 0) return table[i][1];
        }
    }
    return "application/octet-stream";
}

/* ---- preparation ---------------------------------------------------------------- */

/* 0, or -1 when OpenSSL's generator fails: a guessable Message-ID or boundary is
 * never made up from something weaker. */
static int random_hex(char *out, size_t bytes)
{
    unsigned char r[32];
    static const char hex[] = "0123456789abcdef";
    if (bytes > sizeof(r)) bytes = sizeof(r);
    if (RAND_bytes(r, (int)bytes) != 1) {
        return -1;
    }
    for (size_t i = 0; i < bytes; i++) {
        out[2 * i] = hex[r[i] >> 4];
        out[2 * i + 1] = hex[r[i] & 15];
    }
    out[2 * bytes] = '\0';
    return 0;
}

static const char *header_value(const mime_message *m, const char *name)
{
    for (size_t i = 0; i < m->nheaders; i++) {
        if (strcasecmp(m->headers[i].name, name) == 0) return m->headers[i].value;
    }
    return NULL;
}

/* The Message-ID of a raw message, from its header block ("" when it has none or a
 * malformed one): the result then names the message that was sent. */
static void raw_message_id(mime_message *m)
{
    const char *p = m->raw, *end = m->raw + m->raw_len;
    m->message_id[0] = '\0';
    while (p < end && *p != '\r' && *p != '\n') {   /* an empty line ends the headers */
        const char *eol = p;
        while (eol < end && *eol != '\r' && *eol != '\n') eol++;
        if (eol - p > 11 && strncasecmp(p, "Message-ID:", 11) == 0) {
            const char *v = p + 11, *ve = eol;
            while (v < ve && (*v == ' ' || *v == '\t')) v++;
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
            size_t n = (size_t)(ve - v);
            int ok = n >= 3 && n < sizeof(m->message_id) && v[0] == '<' && v[n - 1] == '>';
            for (size_t i = 0; ok && i < n; i++) ok = (unsigned char)v[i] > 32 && (unsigned char)v[i] < 127;
            if (ok) {
                memcpy(m->message_id, v, n);
                m->message_id[n] = '\0';
            }
            return;
        }
        p = eol;
        if (p < end && *p == '\r') p++;
        if (p < end && *p == '\n') p++;
    }
}

int message_prepare(mime_message *m, smtp_error *err)
{
    char rnd[65];
    char brnd[25];
    m->date = time(NULL);
    if (random_hex(brnd, 12) != 0 || random_hex(rnd, 16) != 0) {
        error_set(err, SMTP_ERR_IO, 0, "OpenSSL's random generator failed: no Message-ID or MIME boundary; nothing was sent");
        return -1;
    }
    /* "=_" cannot occur in quoted-printable or base64 output (RFC 2045 6.7, 6.8). */
    snprintf(m->boundary, sizeof(m->boundary), "=_php-smtp_%s", brnd);
    if (m->raw) {
        raw_message_id(m);   /* the caller's message goes as it is: its own Message-ID, or none */
        return 0;
    }
    const char *given = header_value(m, "Message-ID");
    if (given) {
        snprintf(m->message_id, sizeof(m->message_id), "%s", given);
        return 0;
    }
    const char *at = m->from.email ? strrchr(m->from.email, '@') : NULL;
    const char *domain = at && at[1] && at[1] != '[' ? at + 1 : "php-smtp.localhost";
    int n = snprintf(m->message_id, sizeof(m->message_id), "<%s@%s>", rnd, domain);
    if (n < 0 || (size_t)n >= sizeof(m->message_id)) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "the sender's domain is too long for a Message-ID");
        return -1;
    }
    return 0;
}

/* Every field that can hold an address counts, in the envelope or in the headers:
 * a UTF-8 address in Reply-To or Sender is as much RFC 6532 as one in From. */
int message_needs_smtputf8(const mime_message *m)
{
    const mime_address *lists[] = { m->to, m->cc, m->bcc, m->reply_to };
    const size_t counts[] = { m->nto, m->ncc, m->nbcc, m->nreply_to };
    if (m->from.utf8 || (m->sender && m->sender->utf8)) return 1;
    for (int l = 0; l < 4; l++) {
        for (size_t i = 0; i < counts[l]; i++) if (lists[l][i].utf8) return 1;
    }
    if (m->envelope_from) {
        for (const unsigned char *p = (const unsigned char *)m->envelope_from; *p; p++) if (*p >= 0x80) return 1;
    }
    return 0;
}

int message_needs_8bit(const mime_message *m)
{
    if (!m->raw) return 0;
    for (size_t i = 0; i < m->raw_len; i++) if ((unsigned char)m->raw[i] >= 0x80) return 1;
    return 0;
}

/* ---- rendering ------------------------------------------------------------------- */

typedef struct render_ctx {
    const mime_message *m;
    smtp_sink          *sink;
    smtp_error         *err;
    smtp_buf            buf;   /* headers and small parts collect here before the sink */
    int                 bcc;   /* write a Bcc: header (APIs that take recipients from the headers) */
} render_ctx;

static int oom(render_ctx *r)
{
    error_set(r->err, SMTP_ERR_MEMORY, 0, "Out of memory building the message");
    return -1;
}

static int flush_buf(render_ctx *r)
{
    if (r->buf.len == 0) return 0;
    int rc = sink_write(r->sink, r->buf.data, r->buf.len);
    buf_reset(&r->buf);
    return rc;
}

static void format_date(time_t t, char *out, size_t outlen)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    /* RFC 5322 3.3, in English whatever the locale */
    snprintf(out, outlen, "%s, %d %s %d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
             months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int top_headers(render_ctx *r)
{
    const mime_message *m = r->m;
    smtp_buf *b = &r->buf;
    char date[64];
    format_date(m->date, date, sizeof(date));
    if (buf_printf(b, "Date: %s\r\n", date)) return -1;
    if (header_addresses(b, "From", &m->from, 1)) return -1;
    if (m->sender && header_addresses(b, "Sender", m->sender, 1)) return -1;
    if (m->nto && header_addresses(b, "To", m->to, m->nto)) return -1;
    if (m->ncc && header_addresses(b, "Cc", m->cc, m->ncc)) return -1;
    if (r->bcc && m->nbcc && header_addresses(b, "Bcc", m->bcc, m->nbcc)) return -1;
    if (m->nreply_to && header_addresses(b, "Reply-To", m->reply_to, m->nreply_to)) return -1;
    if (m->subject && header_unstructured(b, "Subject", m->subject, strlen(m->subject))) return -1;
    if (!header_value(m, "Message-ID") && buf_printf(b, "Message-ID: %s\r\n", m->message_id)) return -1;
    for (size_t i = 0; i < m->nheaders; i++) {
        const mime_header *h = &m->headers[i];
        if (header_unstructured(b, h->name, h->value, strlen(h->value))) return -1;
    }
    return buf_puts(b, "MIME-Version: 1.0\r\n");
}

/* Share of bytes above 127: mostly non-ASCII text is smaller in base64. */
static int mostly_8bit(const char *s, size_t len)
{
    size_t high = 0;
    for (size_t i = 0; i < len; i++) if ((unsigned char)s[i] >= 0x80) high++;
    return high * 3 > len;
}

static int fits_7bit(const char *s, size_t len)
{
    size_t col = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == 0 || (c == '\r' && (i + 1 == len || s[i + 1] != '\n'))) return 0;
        if (c == '\n') { col = 0; continue; }
        /* RFC 5322 2.1.1: 998 characters a line */
        if (++col > 900) return 0;
    }
    return 1;
}

static int base64_part(render_ctx *r, const char *data, size_t len)
{
    if (flush_buf(r)) return -1;
    if (r->sink->count_only) {
        r->sink->count += b64_encoded_size(len);
        return 0;
    }
    b64_stream b;
    b64_stream_init(&b);
    int rc = b64_stream_push(&b, data, len, r->sink);
    if (b64_stream_finish(&b, r->sink)) rc = -1;
    return rc;
}

static int text_part(render_ctx *r, const char *subtype, const char *text, size_t len)
{
    smtp_buf *b = &r->buf;
    if (buf_printf(b, "Content-Type: text/%s; charset=utf-8\r\n", subtype)) return oom(r);
    if (fits_7bit(text, len)) {
        if (buf_puts(b, "Content-Transfer-Encoding: 7bit\r\n\r\n") || crlf_text(b, text, len)) return oom(r);
    } else if (mostly_8bit(text, len)) {
        if (buf_puts(b, "Content-Transfer-Encoding: base64\r\n\r\n")) return oom(r);
        return base64_part(r, text, len);
    } else if (buf_puts(b, "Content-Transfer-Encoding: quoted-printable\r\n\r\n") || qp_encode(b, text, len)) {
        return oom(r);
    }
    return (r->buf.len > 64 * 1024) ? flush_buf(r) : 0;
}

static int file_part(render_ctx *r, const mime_attachment *a)
{
    if (flush_buf(r)) return -1;
    if (r->sink->count_only) {
        r->sink->count += b64_encoded_size(a->file_size);
        return 0;
    }
    int fd = open(a->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error_set(r->err, SMTP_ERR_IO, 0, "Attachment \"%s\" could not be read: %s", a->path,
                  fd < 0 ? strerror(errno) : "not a regular file");
        if (fd >= 0) close(fd);
        return -1;
    }
    static const size_t block = 57 * 1024;
    char *buf = malloc(block);
    b64_stream b;
    b64_stream_init(&b);
    int rc = buf ? 0 : -1;
    while (rc == 0) {
        ssize_t n = read(fd, buf, block);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error_set(r->err, SMTP_ERR_IO, 0, "Attachment \"%s\" could not be read: %s", a->path, strerror(errno));
            rc = -1;
            break;
        }
        if (n == 0) break;
        rc = b64_stream_push(&b, buf, (size_t)n, r->sink);
    }
    if (rc == 0) rc = b64_stream_finish(&b, r->sink);
    else buf_free(&b.out);
    free(buf);
    close(fd);
    return rc;
}

static int attachment_part(render_ctx *r, const mime_attachment *a)
{
    smtp_buf *b = &r->buf;
    const char *name = a->name ? a->name : NULL;
    if (buf_printf(b, "Content-Type: %s", a->type)) return oom(r);
    if (name && param_append(b, "name", name)) return oom(r);
    if (buf_puts(b, "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: ")) return oom(r);
    if (buf_puts(b, a->cid ? "inline" : "attachment")) return oom(r);
    if (name && param_append(b, "filename", name)) return oom(r);
    if (buf_puts(b, "\r\n")) return oom(r);
    if (a->cid && buf_printf(b, "Content-ID: <%s>\r\n", a->cid)) return oom(r);
    if (buf_puts(b, "\r\n")) return oom(r);
    return a->path ? file_part(r, a) : base64_part(r, a->data, a->data_len);
}

typedef enum { LEVEL_MIXED, LEVEL_RELATED, LEVEL_ALTERNATIVE, LEVEL_LEAF } level;

static int has_inline(const mime_message *m)
{
    for (size_t i = 0; i < m->nattachments; i++) if (m->attachments[i].cid) return 1;
    return 0;
}

static int has_regular(const mime_message *m)
{
    for (size_t i = 0; i < m->nattachments; i++) if (!m->attachments[i].cid || !m->html) return 1;
    return 0;
}

/* The first level that holds more than one part. */
static level first_level(const mime_message *m, level from)
{
    if (from <= LEVEL_MIXED && has_regular(m)) return LEVEL_MIXED;
    if (from <= LEVEL_RELATED && m->html && has_inline(m)) return LEVEL_RELATED;
    if (from <= LEVEL_ALTERNATIVE && m->text && m->html) return LEVEL_ALTERNATIVE;
    return LEVEL_LEAF;
}

static int entity(render_ctx *r, level lv);

static int open_multipart(render_ctx *r, const char *subtype, int depth)
{
    return buf_printf(&r->buf, "Content-Type: multipart/%s;\r\n boundary=\"%s-%d\"\r\n\r\n"
                      "This is a multi-part message in MIME format.\r\n", subtype, r->m->boundary, depth)
           ? oom(r) : 0;
}

static int next_part(render_ctx *r, int depth)
{
    return buf_printf(&r->buf, "\r\n--%s-%d\r\n", r->m->boundary, depth) ? oom(r) : 0;
}

static int close_multipart(render_ctx *r, int depth)
{
    return buf_printf(&r->buf, "\r\n--%s-%d--\r\n", r->m->boundary, depth) ? oom(r) : 0;
}

static int entity(render_ctx *r, level lv)
{
    const mime_message *m = r->m;
    switch (first_level(m, lv)) {
    case LEVEL_MIXED:
        if (open_multipart(r, "mixed", 1) || next_part(r, 1) || entity(r, LEVEL_RELATED)) return -1;
        for (size_t i = 0; i < m->nattachments; i++) {
            const mime_attachment *a = &m->attachments[i];
            if (a->cid && m->html) continue;
            if (next_part(r, 1) || attachment_part(r, a)) return -1;
        }
        return close_multipart(r, 1);
    case LEVEL_RELATED:
        if (open_multipart(r, "related", 2) || next_part(r, 2) || entity(r, LEVEL_ALTERNATIVE)) return -1;
        for (size_t i = 0; i < m->nattachments; i++) {
            if (!m->attachments[i].cid) continue;
            if (next_part(r, 2) || attachment_part(r, &m->attachments[i])) return -1;
        }
        return close_multipart(r, 2);
    case LEVEL_ALTERNATIVE:
        /* RFC 2046 5.1.4: the preferred (richest) part comes last */
        if (open_multipart(r, "alternative", 3) || next_part(r, 3) ||
            text_part(r, "plain", m->text, m->text_len) || next_part(r, 3) ||
            text_part(r, "html", m->html, m->html_len)) return -1;
        return close_multipart(r, 3);
    case LEVEL_LEAF:
    default:
        if (m->html) return text_part(r, "html", m->html, m->html_len);
        return text_part(r, "plain", m->text ? m->text : "", m->text ? m->text_len : 0);
    }
}

int message_render(const mime_message *m, smtp_sink *sink, smtp_error *err)
{
    return message_render_bcc(m, 0, sink, err);
}

int message_render_bcc(const mime_message *m, int bcc, smtp_sink *sink, smtp_error *err)
{
    if (m->raw) {
        return sink_write(sink, m->raw, m->raw_len);
    }
    render_ctx r = { m, sink, err, SMTP_BUF_INIT, bcc };
    int rc = top_headers(&r) ? oom(&r) : entity(&r, LEVEL_MIXED);
    if (rc == 0) rc = flush_buf(&r);
    buf_free(&r.buf);
    return rc;
}
