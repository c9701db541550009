/* buf: growable byte buffer (see buf.h). */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char *p = realloc(b->data, want);
    if (!p) {
        return -1;
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
    b->len -= n;
    b->data[b->len] = '\0';
}

void buf_reset(smtp_buf *b)
{
    b->len = 0;
    if (b->data) {
        b->data[0] = '\0';
    }
}

void buf_free(smtp_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
