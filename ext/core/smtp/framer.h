/*
 * framer: puts a message body on the wire. Every line ends in CRLF: bare CR and
 * bare LF become CRLF (so that no "\n.\n" can end the data early: SMTP
 * smuggling), and in DATA mode a line starting with '.' gets a second one
 * (RFC 5321 4.5.2). BDAT (RFC 3030) needs no dot-stuffing, only the CRLFs.
 */
#ifndef SMTP_FRAMER_H
#define SMTP_FRAMER_H

#include "../util/buf.h"

typedef struct framer {
    int dot_stuff;       /* DATA mode */
    int at_line_start;
    int pending_cr;
} framer;

void framer_init(framer *f, int dot_stuff);
/* Appends the framed form of in to out. 0, or -1 on memory. */
int  framer_push(framer *f, const char *in, size_t len, smtp_buf *out);
/* Ends the body: a final CRLF when the last line had none, and in DATA mode
 * the ".\r\n" that ends the data. */
int  framer_finish(framer *f, smtp_buf *out);

#endif
