/* MIME builder from arbitrary field values (each checked the way the binding
 * checks it): the rendered message has only CRLF lines within 998 bytes, its
 * header names are exactly the expected ones (no injection), Bcc never shows,
 * and every part boundary is the message's. */
#include "fuzz.h"
#include "core/mime/message.h"

#include <strings.h>

typedef struct collect { smtp_sink sink; smtp_buf buf; } collect;

static int collect_write(smtp_sink *s, const char *data, size_t len)
{
    return buf_append(&((collect *)s)->buf, data, len);
}

/* Splits the input at 0xFF bytes into up to n fields (NUL-terminated copies). */
static size_t split(const uint8_t *data, size_t size, char **fields, size_t *lens, size_t n)
{
    size_t count = 0, start = 0;
    for (size_t i = 0; i <= size && count < n; i++) {
        if (i == size || data[i] == 0xFF) {
            lens[count] = i - start;
            fields[count] = fuzz_string(data + start, i - start);
            count++;
            start = i + 1;
        }
    }
    return count;
}

static char *checked_text(char *s, size_t len, int header)
{
    char why[200];
    if (strlen(s) != len || (header && message_check_header_value(s, len, why, sizeof(why)) != 0)) {
        return NULL;
    }
    return strdup(s);
}

static const char *const known[] = { "Date", "From", "To", "Cc", "Reply-To", "Sender", "Subject", "Message-ID",
                                     "MIME-Version", "Content-Type", "Content-Transfer-Encoding", NULL };

static void check_header_names(const char *msg, size_t hlen, const char *custom)
{
    for (size_t i = 0; i < hlen;) {
        const char *line = msg + i;
        const char *eol = strstr(line, "\r\n");
        if (line[0] != ' ' && line[0] != '\t') {
            const char *colon = memchr(line, ':', (size_t)(eol - line));
            PROPERTY(colon, "header line without a colon: %.60s", line);
            size_t n = (size_t)(colon - line);
            int ok = custom && strlen(custom) == n && strncasecmp(line, custom, n) == 0;
            for (int k = 0; !ok && known[k]; k++) ok = strlen(known[k]) == n && strncasecmp(line, known[k], n) == 0;
            PROPERTY(ok, "unexpected header: %.60s", line);
            PROPERTY(!(n == 3 && strncasecmp(line, "Bcc", 3) == 0), "Bcc in the message");
        }
        i = (size_t)(eol - msg) + 2;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *f[10] = { 0 };
    size_t len[10] = { 0 };
    size_t nf = split(data, size, f, len, 10);
    char why[256];
    mime_message m;
    message_init(&m);
    if (address_make("alice@example.test", 18, nf > 0 && len[0] ? f[0] : NULL, nf > 0 ? len[0] : 0, &m.from, why, sizeof(why)) != 0 &&
        address_make("alice@example.test", 18, NULL, 0, &m.from, why, sizeof(why)) != 0) {
        abort();
    }
    m.to = calloc(1, sizeof(mime_address));
    m.nto = 1;
    if (address_make("bob@example.test", 16, nf > 9 && len[9] ? f[9] : NULL, nf > 9 ? len[9] : 0, m.to, why, sizeof(why)) != 0) {
        address_make("bob@example.test", 16, NULL, 0, m.to, why, sizeof(why));
    }
    m.bcc = calloc(1, sizeof(mime_address));
    m.nbcc = 1;
    address_make("hidden@example.test", 19, NULL, 0, m.bcc, why, sizeof(why));
    if (nf > 1) m.subject = checked_text(f[1], len[1], 1);
    if (nf > 2 && (m.text = checked_text(f[2], len[2], 0))) m.text_len = len[2];
    if (nf > 3 && (m.html = checked_text(f[3], len[3], 0))) m.html_len = len[3];
    char custom[80] = "";
    if (nf > 5 && len[4] < 60 && strlen(f[4]) == len[4]) {
        snprintf(custom, sizeof(custom), "X-F%s", f[4]);
        char *value = checked_text(f[5], len[5], 1);
        if (message_check_header_name(custom, why, sizeof(why)) == 0 && value) {
            m.headers = calloc(1, sizeof(mime_header));
            m.headers[0].name = strdup(custom);
            m.headers[0].value = value;
            m.nheaders = 1;
        } else {
            free(value);
            custom[0] = '\0';
        }
    }
    if (nf > 7) {
        m.attachments = calloc(1, sizeof(mime_attachment));
        mime_attachment *a = &m.attachments[0];
        a->data = malloc(len[7] + 1);
        memcpy(a->data, f[7], len[7] + 1);
        a->data_len = len[7];
        a->name = strdup(strlen(f[6]) == len[6] && message_check_filename(f[6], why, sizeof(why)) == 0 ? f[6] : "file.bin");
        a->type = strdup(message_guess_type(a->name));
        if (nf > 8 && strlen(f[8]) == len[8] && message_check_cid(f[8], why, sizeof(why)) == 0) a->cid = strdup(f[8]);
        m.nattachments = 1;
    }
    smtp_error err;
    error_clear(&err);
    collect c = { { collect_write, 0, 0 }, SMTP_BUF_INIT };
    PROPERTY(message_prepare(&m, &err) == 0, "prepare: %s", err.message);
    PROPERTY(message_render(&m, &c.sink, &err) == 0, "render: %s", err.message);
    buf_puts(&c.buf, "");
    check_crlf_lines(c.buf.data, c.buf.len, 998, "message");
    const char *end = strstr(c.buf.data, "\r\n\r\n");
    PROPERTY(end, "no end of header");
    check_header_names(c.buf.data, (size_t)(end - c.buf.data) + 2, custom[0] ? custom : NULL);
    PROPERTY(memmem(data, size, "hidden@", 7) || !strstr(c.buf.data, "hidden@example.test"), "Bcc address in the message");
    buf_free(&c.buf);
    message_free(&m);
    for (size_t i = 0; i < nf; i++) free(f[i]);
    return 0;
}
