/*
 * stream: sinks that transform a byte stream on its way to another sink, so a
 * request body is encoded while the message is rendered, never held whole:
 * base64 without line breaks (Graph's body, SES's Raw.Data, JSON attachments),
 * JSON string escaping (Mandrill's raw_message), and a counter that can also
 * hash (the SHA-256 SigV4 signs).
 */
#ifndef SMTP_API_STREAM_H
#define SMTP_API_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"
#include "../util/sink.h"

/* RFC 4648 base64, one unbroken line. */
typedef struct b64flat_sink {
    smtp_sink     sink;
    smtp_sink    *next;
    unsigned char pend[3];
    size_t        npend;
} b64flat_sink;

void b64flat_init(b64flat_sink *s, smtp_sink *next);
/* Writes the last quantum with its padding. 0, or -1 when next failed. */
int  b64flat_finish(b64flat_sink *s);
/* The encoded size of n bytes. */
uint64_t b64flat_size(uint64_t n);

/* The contents of a JSON string (RFC 8259 7): quote, backslash and control bytes
 * escaped; bytes above 127 pass (the caller checked they are UTF-8). */
typedef struct json_escape_sink {
    smtp_sink  sink;
    smtp_sink *next;
} json_escape_sink;

void json_escape_init(json_escape_sink *s, smtp_sink *next);
/* Writes "text" (quoted, escaped) into sink. 0, or -1 when the sink failed. */
int  json_write_string(smtp_sink *sink, const char *s, size_t len);
/* Writes text as is. */
int  sink_puts(smtp_sink *sink, const char *s);

/* Counts what passes; with sha256 set also hashes it. */
typedef struct count_sink {
    smtp_sink sink;
    void     *md;          /* EVP_MD_CTX *, or NULL */
} count_sink;

/* 0, or -1 when OpenSSL could not start the hash. */
int  count_sink_init(count_sink *s, int sha256);
/* The hash's hex (65 bytes) and frees the context. */
void count_sink_finish(count_sink *s, char hex[65]);

#endif
