/* Unstructured header encoder (RFC 2047 / RFC 5322 folding): for any value
 * without CR/LF, the header has only CRLF folds, lines within 998 bytes, and
 * unfolds (and decodes) back to exactly the value. */
#include "fuzz.h"
#include "core/mime/encode.h"
#include "core/util/base64.h"

/* Unfolds: drops every CRLF (the WSP after it stays, RFC 5322 2.2.3). */
static void unfold(const char *p, size_t len, smtp_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n') { i++; continue; }
        buf_append(out, p + i, 1);
    }
    buf_puts(out, "");
}

/* Decodes "=?UTF-8?B?...?= =?UTF-8?B?...?=" (whitespace between words ignored, RFC 2047 6.2). */
static int decode_words(const char *s, smtp_buf *out)
{
    while (*s) {
        while (*s == ' ' || *s == '\t') s++;
        if (!*s) break;
        if (strncmp(s, "=?UTF-8?B?", 10) != 0) return -1;
        const char *end = strstr(s + 10, "?=");
        if (!end) return -1;
        if (base64_decode(out, s + 10, (size_t)(end - s - 10)) != 0) return -1;
        s = end + 2;
    }
    return buf_puts(out, "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *value = fuzz_string(data, size);
    size_t len = 0;
    for (size_t i = 0; i < size; i++) {   /* the API takes values without CR/LF (callers reject them) */
        if (value[i] != '\r' && value[i] != '\n' && value[i] != '\0') value[len++] = value[i];
    }
    value[len] = '\0';
    smtp_buf h = SMTP_BUF_INIT, unfolded = SMTP_BUF_INIT, decoded = SMTP_BUF_INIT;
    PROPERTY(header_unstructured(&h, "Subject", value, len) == 0, "encode");
    check_crlf_lines(h.data, h.len, 998, "Subject");
    PROPERTY(h.len >= 11 && memcmp(h.data + h.len - 2, "\r\n", 2) == 0, "not terminated");
    unfold(h.data + 9, h.len - 11, &unfolded);
    const char *body = unfolded.data ? unfolded.data : "";
    if (strncmp(body, "=?UTF-8?B?", 10) == 0) {
        PROPERTY(decode_words(body, &decoded) == 0, "undecodable encoded words: %s", body);
        PROPERTY(decoded.len == len && memcmp(decoded.data, value, len) == 0, "encoded words do not decode to the value");
    } else {
        PROPERTY(strlen(body) == len && memcmp(body, value, len) == 0, "unfolded text differs from the value");
    }
    buf_free(&h);
    buf_free(&unfolded);
    buf_free(&decoded);
    free(value);
    return 0;
}
