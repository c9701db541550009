/*
 * buf: a growable byte buffer. The only allocation primitive of the core.
 * All functions return 0 on success and -1 when memory runs out (the buffer is
 * then left as it was). A buffer is always NUL-terminated after a successful
 * append, so text can be read back with buf->data. What a buffer drops (reset,
 * consume, growth, free) is wiped first: secrets pass through buffers.
 */
#ifndef SMTP_BUF_H
#define SMTP_BUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct smtp_buf {
    char  *data;
    size_t len;
    size_t cap;
} smtp_buf;

#define SMTP_BUF_INIT { NULL, 0, 0 }

int  buf_reserve(smtp_buf *b, size_t extra);
int  buf_append(smtp_buf *b, const void *data, size_t len);
int  buf_puts(smtp_buf *b, const char *s);
int  buf_printf(smtp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_consume(smtp_buf *b, size_t n);   /* drop n bytes from the front */
void buf_reset(smtp_buf *b);               /* length 0, memory kept (the old bytes wiped) */
void buf_free(smtp_buf *b);                /* memory wiped and released */

#endif
