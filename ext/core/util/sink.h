/*
 * sink: where a message body goes. The MIME renderer writes into a sink without
 * knowing whether the bytes are being counted (for the SIZE extension),
 * dot-stuffed into a DATA stream or framed into BDAT chunks.
 */
#ifndef SMTP_SINK_H
#define SMTP_SINK_H

#include <stddef.h>
#include <stdint.h>

typedef struct smtp_sink smtp_sink;
struct smtp_sink {
    /* 0, or -1 when the bytes could not be delivered (the sink keeps why). */
    int (*write)(smtp_sink *sink, const char *data, size_t len);
    int      count_only;   /* 1: only bytes counts matter; producers may add to count */
    uint64_t count;
};

static inline int sink_write(smtp_sink *s, const char *data, size_t len)
{
    return s->write(s, data, len);
}

#endif
