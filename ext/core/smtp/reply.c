/* reply: resumable SMTP reply parser (see reply.h). */
#include "reply.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

void reply_init(smtp_reply *r)
{
    memset(r, 0, sizeof(*r));
}

void reply_free(smtp_reply *r)
{
    buf_free(&r->text);
    r->code = 0;
    r->lines = 0;
    r->enhanced[0] = '\0';
}

void reply_parser_start(reply_parser *p, smtp_reply *r)
{
    p->reply = r;
    p->line_len = 0;
    p->error[0] = '\0';
    r->code = 0;
    r->lines = 0;
    r->enhanced[0] = '\0';
    buf_reset(&r->text);
}

/* RFC 3463 2: class "." subject "." detail, class matching the reply's first digit. */
static void parse_enhanced(smtp_reply *r, const char *t, size_t len)
{
    size_t i = 0;
    if (len < 5 || t[0] != (char)('0' + r->code / 100) || t[1] != '.') {
        return;
    }
    i = 2;
    size_t digits = 0;
    while (i < len && isdigit((unsigned char)t[i]) && digits < 3) { i++; digits++; }
    if (!digits || i >= len || t[i] != '.') {
        return;
    }
    i++;
    digits = 0;
    while (i < len && isdigit((unsigned char)t[i]) && digits < 3) { i++; digits++; }
    if (!digits || (i < len && t[i] != ' ')) {
        return;
    }
    memcpy(r->enhanced, t, i);
    r->enhanced[i] = '\0';
}

static reply_status fail(reply_parser *p, const char *why)
{
    snprintf(p->error, sizeof(p->error), "%s", why);
    return REPLY_ERROR;
}

/* Appends a line's text with control bytes (a stray CR, ESC, ...) shown as '?':
 * the server's words go into messages, transcripts and logs, never its control codes. */
static int append_text(smtp_buf *b, const char *text, size_t len)
{
    size_t start = b->len;
    if (buf_append(b, text, len) != 0) {
        return -1;
    }
    for (size_t i = start; i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            b->data[i] = '?';
        }
    }
    return 0;
}

/* Handles one complete line (without its line ending). */
static reply_status take_line(reply_parser *p, const char *line, size_t len)
{
    smtp_reply *r = p->reply;
    if (len < 3 || !isdigit((unsigned char)line[0]) || !isdigit((unsigned char)line[1]) ||
        !isdigit((unsigned char)line[2])) {
        return fail(p, "reply line does not start with a three-digit code");
    }
    int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (code < 200 || code > 599 || line[1] > '5') {
        return fail(p, "reply code out of range");
    }
    if (len > 3 && line[3] != ' ' && line[3] != '-') {
        return fail(p, "reply code not followed by a space or a hyphen");
    }
    if (r->lines > 0 && code != r->code) {
        return fail(p, "lines of a multi-line reply carry different codes");
    }
    if (memchr(line, '\0', len)) {
        return fail(p, "reply contains a NUL byte");
    }
    if (++r->lines > REPLY_MAX_LINES) {
        return fail(p, "reply has too many lines");
    }
    const char *text = len > 4 ? line + 4 : "";
    size_t text_len = len > 4 ? len - 4 : 0;
    if (r->text.len + text_len + 1 > REPLY_MAX_TEXT) {
        return fail(p, "reply text too long");
    }
    if (r->lines == 1) {
        r->code = code;
        parse_enhanced(r, text, text_len);
    } else if (buf_append(&r->text, "\n", 1) != 0) {
        return fail(p, "out of memory");
    }
    if (append_text(&r->text, text, text_len) != 0) {
        return fail(p, "out of memory");
    }
    if (r->text.data == NULL && buf_append(&r->text, "", 0) != 0) {
        return fail(p, "out of memory");
    }
    return (len > 3 && line[3] == '-') ? REPLY_NEED_MORE : REPLY_DONE;
}

reply_status reply_parser_feed(reply_parser *p, const char *data, size_t len, size_t *consumed)
{
    size_t i = 0;
    *consumed = 0;
    while (i < len) {
        char ch = data[i++];
        if (ch != '\n') {
            if (p->line_len >= REPLY_MAX_LINE + 1) {
                *consumed = i;
                return fail(p, "reply line longer than 4096 bytes");
            }
            p->line[p->line_len++] = ch;
            continue;
        }
        size_t n = p->line_len;
        if (n > 0 && p->line[n - 1] == '\r') {
            n--;   /* CRLF; a bare LF is tolerated, as most clients do */
        }
        p->line_len = 0;
        reply_status st = take_line(p, p->line, n);
        if (st != REPLY_NEED_MORE) {
            *consumed = i;
            return st;
        }
    }
    *consumed = i;
    return REPLY_NEED_MORE;
}

void reply_summary(const smtp_reply *r, char *out, size_t outlen)
{
    int n = snprintf(out, outlen, "%d %s", r->code, r->text.data ? r->text.data : "");
    for (int i = 0; i < n && (size_t)i < outlen; i++) {
        if (out[i] == '\n') {
            out[i] = ' ';
        }
    }
}
