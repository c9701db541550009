/* buf: growable byte buffer (see buf.h). Buffers carry AUTH payloads, passwords
 * and token JSON as well as mail, so no byte they held outlives them: growing copies
 * and wipes instead of realloc(), and reset, consume and free wipe what they drop
 * (OPENSSL_cleanse: a plain memset before free() may be optimised away). */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

int buf_reserve(smtp_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) {
        return 0;
    }
    size_t want = b->cap ? b->cap : 256;
    while (want < b->len + extra + 1) {
        if (want > ((size_t)-1) / 2) {
            return -1;
        }
        want *= 2;
    }
    char *p = malloc(want);
    if (!p) {
        return -1;
    }
    if (b->data) {
        memcpy(p, b->data, b->len + 1 <= b->cap ? b->len + 1 : b->len);
        OPENSSL_cleanse(b->data, b->cap);
        free(b->data);
    }
    b->data = p;
    b->cap = want;
    return 0;
}

int buf_append(smtp_buf *b, const void *data, size_t len)
{
    if (buf_reserve(b, len) != 0) {
        return -1;
    }
    if (len) {
        memcpy(b->data + b->len, data, len);
    }
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(smtp_buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_printf(smtp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n) != 0) {
        return -1;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void buf_consume(smtp_buf *b, size_t n)
{
    if (n >= b->len) {
        buf_reset(b);
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    OPENSSL_cleanse(b->data + b->len - n, n);   /* the tail moved forward */
    b->len -= n;
    b->data[b->len] = '\0';
}

void buf_reset(smtp_buf *b)
{
    if (b->data) {
        OPENSSL_cleanse(b->data, b->len);
        b->data[0] = '\0';
    }
    b->len = 0;
}

void buf_free(smtp_buf *b)
{
    if (b->data) {
        OPENSSL_cleanse(b->data, b->cap);
    }
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
