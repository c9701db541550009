/* encode: header and body encoders (see encode.h). */
#include "encode.h"
#include "../util/base64.h"

#include <stdio.h>
#include <string.h>

#define FOLD_AT 78          /* RFC 5322 2.1.1: SHOULD be no more than 78 */
#define WORD_BYTES 39       /* input per encoded word: 52 base64 chars, 64 with the wrapper */

/* ---- header helpers --------------------------------------------------------------- */

static size_t current_line_len(const smtp_buf *b)
{
    size_t i = b->len;
    while (i > 0 && b->data[i - 1] != '\n') i--;
    return b->len - i;
}

static int needs_encoding(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c < 0x20 && c != '\t') || c == 0x7f) return 1;
        if (c == '=' && i + 1 < len && s[i + 1] == '?') return 1;   /* would read as an encoded word */
    }
    /* Folding happens only where a word follows whitespace: a word with its
     * trailing whitespace longer than that cannot stay within 998 characters
     * (RFC 5322 2.1.1), so it goes encoded. */
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        int ws = s[i] == ' ' || s[i] == '\t';
        if (!ws && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) run = 0;
        if (++run > 900) return 1;
    }
    return 0;
}

/* Length of the UTF-8 sequence that starts with c (1 for stray bytes). */
static size_t utf8_len(unsigned char c)
{
    return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* RFC 2047 B words, each at most WORD_BYTES of input and never splitting a
 * UTF-8 sequence (RFC 2047 5: each word must be decodable on its own). */
static int encoded_words(smtp_buf *out, const char *s, size_t len)
{
    size_t i = 0;
    int first = 1;
    while (i < len || first) {
        size_t take = 0;
        while (i + take < len) {
            size_t n = utf8_len((unsigned char)s[i + take]);
            if (take + n > WORD_BYTES && take > 0) break;
            take += n;
        }
        if (i + take > len) take = len - i;
        if (!first) {
            if (current_line_len(out) + 64 > FOLD_AT) {
                if (buf_puts(out, "\r\n ")) return -1;
            } else if (buf_puts(out, " ")) {
                return -1;
            }
        }
        if (buf_puts(out, "=?UTF-8?B?") || base64_append(out, s + i, take) || buf_puts(out, "?=")) return -1;
        i += take;
        first = 0;
    }
    return 0;
}

/* Plain text, folded at whitespace before FOLD_AT where possible. */
static int folded_text(smtp_buf *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != ' ' && s[j] != '\t') j++;    /* a word */
        size_t k = j;
        while (k < len && (s[k] == ' ' || s[k] == '\t')) k++;   /* its trailing space */
        if (i > 0 && current_line_len(out) + (j - i) > FOLD_AT) {
            /* Fold: the whitespace that preceded this word starts the new line. */
            out->len--;   /* drop the single space we wrote, re-add it after CRLF */
            char ws = out->data[out->len];
            if (buf_puts(out, "\r\n") || buf_append(out, &ws, 1)) return -1;
        }
        if (buf_append(out, s + i, k - i)) return -1;
        i = k;
    }
    return 0;
}

int header_unstructured(smtp_buf *out, const char *name, const char *value, size_t len)
{
    if (buf_puts(out, name) || buf_puts(out, ": ")) return -1;
    int rc;
    if (needs_encoding(value, len)) {
        rc = encoded_words(out, value, len);
    } else {
        /* folded_text folds only where the previous byte written was whitespace */
        rc = folded_text(out, value, len);
    }
    return rc ? -1 : buf_puts(out, "\r\n");
}

static int is_atom_phrase(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') continue;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) continue;
        if (strchr("!#$%&'*+-/=?^_`{|}~", c)) continue;
        return 0;
    }
    return len > 0 && s[0] != ' ' && s[len - 1] != ' ';
}

int phrase_append(smtp_buf *out, const char *s, size_t len)
{
    /* A quoted-string cannot be folded inside: a long name goes as encoded
     * words, which fold (RFC 5322 2.1.1 keeps lines within 998 bytes). */
    if (needs_encoding(s, len) || len > 64) {
        return encoded_words(out, s, len);
    }
    if (is_atom_phrase(s, len)) {
        return buf_append(out, s, len);
    }
    /* RFC 5322 3.2.4 quoted-string */
    if (buf_puts(out, "\"")) return -1;
    for (size_t i = 0; i < len; i++) {
        if ((s[i] == '"' || s[i] == '\\') && buf_puts(out, "\\")) return -1;
        if (buf_append(out, s + i, 1)) return -1;
    }
    return buf_puts(out, "\"");
}

int header_addresses(smtp_buf *out, const char *name, const mime_address *list, size_t count)
{
    if (buf_puts(out, name) || buf_puts(out, ": ")) return -1;
    for (size_t i = 0; i < count; i++) {
        smtp_buf one = SMTP_BUF_INIT;
        int rc = 0;
        if (list[i].name) {
            rc = phrase_append(&one, list[i].name, strlen(list[i].name)) || buf_puts(&one, " <") ||
                 buf_puts(&one, list[i].email) || buf_puts(&one, ">");
        } else {
            rc = buf_puts(&one, list[i].email);
        }
        if (!rc && i > 0) {
            rc = buf_puts(out, current_line_len(out) + 2 + one.len > FOLD_AT ? ",\r\n " : ", ");
        }
        if (!rc) rc = buf_append(out, one.data, one.len);
        buf_free(&one);
        if (rc) return -1;
    }
    return buf_puts(out, "\r\n");
}

/* RFC 2045 5.1 tspecials and controls force RFC 2231 or quoting. */
static int param_is_plain(const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p >= 0x80 || *p < 0x20 || *p == '"' || *p == '\\' || *p == 0x7f) return 0;
    }
    return strlen(v) < 60;
}

int param_append(smtp_buf *out, const char *name, const char *value)
{
    if (param_is_plain(value)) {
        return buf_printf(out, ";\r\n %s=\"%s\"", name, value);
    }
    /* RFC 2231 3 and 4: charset'language'percent-encoded, split into sections. */
    static const char hex[] = "0123456789ABCDEF";
    size_t len = strlen(value), i = 0;
    int section = 0;
    while (i < len) {
        if (buf_printf(out, ";\r\n %s*%d*=%s", name, section, section == 0 ? "UTF-8''" : "")) return -1;
        size_t used = 0;
        while (i < len && used < 48) {
            size_t n = utf8_len((unsigned char)value[i]);
            for (size_t k = 0; k < n && i < len; k++, i++) {
                unsigned char c = (unsigned char)value[i];
                int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            c == '.' || c == '-' || c == '_';
                char enc[3] = { '%', hex[c >> 4], hex[c & 15] };
                if (plain ? buf_append(out, &value[i], 1) : buf_append(out, enc, 3)) return -1;
                used += plain ? 1 : 3;
            }
        }
        section++;
    }
    return 0;
}

/* ---- bodies -------------------------------------------------------------------- */

int crlf_text(smtp_buf *out, const char *text, size_t len)
{
    if (buf_reserve(out, len + len / 8 + 2)) return -1;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\r') {
            if (i + 1 < len && text[i + 1] == '\n') i++;
            if (buf_append(out, "\r\n", 2)) return -1;
        } else if (c == '\n') {
            if (buf_append(out, "\r\n", 2)) return -1;
        } else if (buf_append(out, &c, 1)) {
            return -1;
        }
    }
    return 0;
}

int qp_encode(smtp_buf *out, const char *text, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    if (buf_reserve(out, len * 3 + 8)) return -1;
    size_t col = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < len && text[i + 1] == '\n') i++;
            if (buf_append(out, "\r\n", 2)) return -1;   /* a hard line break */
            col = 0;
            continue;
        }
        int at_eol = (i + 1 == len) || text[i + 1] == '\r' || text[i + 1] == '\n';
        int literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_eol);
        size_t width = literal ? 1 : 3;
        /* RFC 2045 6.7 rule 5: lines of at most 76 characters, "=" counting. */
        if (col + width > 75 && !(at_eol && col + width <= 76)) {
            if (buf_append(out, "=\r\n", 3)) return -1;
            col = 0;
        }
        if (literal) {
            if (buf_append(out, (char *)&c, 1)) return -1;
        } else {
            char enc[3] = { '=', hex[c >> 4], hex[c & 15] };
            if (buf_append(out, enc, 3)) return -1;
        }
        col += width;
    }
    return 0;
}

void b64_stream_init(b64_stream *b)
{
    memset(b, 0, sizeof(*b));
}

static int b64_line(b64_stream *b, const unsigned char *in, size_t n)
{
    if (base64_append(&b->out, in, n)) return -1;
    return buf_append(&b->out, "\r\n", 2);
}

static int b64_drain(b64_stream *b, smtp_sink *sink, size_t threshold)
{
    if (b->out.len == 0 || b->out.len < threshold) return 0;
    int rc = sink_write(sink, b->out.data, b->out.len);
    buf_reset(&b->out);
    return rc;
}

int b64_stream_push(b64_stream *b, const void *data, size_t len, smtp_sink *sink)
{
    const unsigned char *p = data;
    while (len > 0) {
        if (b->npend == 0 && len >= 57) {
            if (b64_line(b, p, 57)) return -1;
            p += 57;
            len -= 57;
        } else {
            size_t take = 57 - b->npend < len ? 57 - b->npend : len;
            memcpy(b->pend + b->npend, p, take);
            b->npend += take;
            p += take;
            len -= take;
            if (b->npend == 57) {
                if (b64_line(b, b->pend, 57)) return -1;
                b->npend = 0;
            }
        }
        if (b64_drain(b, sink, 64 * 1024)) return -1;
    }
    return 0;
}

int b64_stream_finish(b64_stream *b, smtp_sink *sink)
{
    int rc = 0;
    if (b->npend && b64_line(b, b->pend, b->npend)) rc = -1;
    b->npend = 0;
    if (!rc) rc = b64_drain(b, sink, 0);
    buf_free(&b->out);
    return rc;
}

unsigned long long b64_encoded_size(unsigned long long n)
{
    unsigned long long lines = (n + 56) / 57;
    return 4 * ((n + 2) / 3) + 2 * lines;
}
