/*
 * encode: the MIME encoders. Header side: RFC 2047 encoded words, folding
 * (RFC 5322 2.2.3), quoted display names, RFC 2231 parameters. Body side:
 * quoted-printable (RFC 2045 6.7) and base64 in 76-character lines. Every
 * function appends to out and returns 0, or -1 when memory runs out. None of
 * them can emit a bare CR or LF: line breaks are always CRLF + space folds.
 */
#ifndef SMTP_ENCODE_H
#define SMTP_ENCODE_H

#include <stddef.h>
#include "../util/buf.h"
#include "../util/sink.h"
#include "address.h"

/* "Name: value\r\n" with the value folded, RFC 2047-encoded when it has
 * non-ASCII or control characters or would not fold. value must have no CR/LF. */
int header_unstructured(smtp_buf *out, const char *name, const char *value, size_t len);
/* "Name: a, b, c\r\n" with display names quoted or encoded, folded between addresses. */
int header_addresses(smtp_buf *out, const char *name, const mime_address *list, size_t count);
/* Appends a display-name phrase: atom, quoted-string or encoded words. */
int phrase_append(smtp_buf *out, const char *s, size_t len);
/* "; name=value" for a MIME parameter: quoted when ASCII, RFC 2231
 * (name*0*=UTF-8''%xx...) when not, with continuations on folded lines. */
int param_append(smtp_buf *out, const char *name, const char *value);

/* Quoted-printable body; line breaks of any kind in text become CRLF. */
int qp_encode(smtp_buf *out, const char *text, size_t len);
/* Text with line breaks of any kind made CRLF (for 7bit bodies). */
int crlf_text(smtp_buf *out, const char *text, size_t len);

/* base64 in 76-character CRLF lines, streamed: push any amount, then finish. */
typedef struct b64_stream {
    unsigned char pend[57];
    size_t        npend;
    smtp_buf      out;
} b64_stream;
void b64_stream_init(b64_stream *b);
/* Encodes into b->out and hands full output to sink when it grows large. */
int  b64_stream_push(b64_stream *b, const void *data, size_t len, smtp_sink *sink);
int  b64_stream_finish(b64_stream *b, smtp_sink *sink);
/* Exact size of the base64-with-lines encoding of n bytes. */
unsigned long long b64_encoded_size(unsigned long long n);

#endif
