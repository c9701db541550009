/*
 * reply: a pure, resumable parser of SMTP replies (RFC 5321 4.2). Bytes are fed
 * as they arrive; the parser consumes exactly one reply and leaves the rest, so
 * pipelined replies and bytes injected after a STARTTLS "220" stay visible to
 * the caller. Lines and line counts are capped: a hostile server cannot make
 * the client allocate without limit.
 */
#ifndef SMTP_REPLY_H
#define SMTP_REPLY_H

#include <stddef.h>
#include "../util/buf.h"

#define REPLY_MAX_LINE   4096   /* RFC 5321 4.5.3.1.5 says 512; leave room for real servers */
#define REPLY_MAX_LINES  256
#define REPLY_MAX_TEXT   (64 * 1024)

typedef struct smtp_reply {
    int      code;          /* 200..599 */
    char     enhanced[16];  /* RFC 3463 status of the first line, when its class matches */
    smtp_buf text;          /* the lines' texts (after "NNN-"), joined with '\n' */
    int      lines;
} smtp_reply;

typedef enum { REPLY_NEED_MORE = 0, REPLY_DONE = 1, REPLY_ERROR = -1 } reply_status;

typedef struct reply_parser {
    smtp_reply *reply;
    char   line[REPLY_MAX_LINE + 2];
    size_t line_len;
    char   error[160];      /* why REPLY_ERROR was returned */
} reply_parser;

void reply_init(smtp_reply *r);
void reply_free(smtp_reply *r);
/* Starts parsing one reply into r (which is reset). */
void reply_parser_start(reply_parser *p, smtp_reply *r);
/* Feeds len bytes; *consumed says how many were used. DONE means a complete
 * reply is in p->reply and bytes after it were not consumed. */
reply_status reply_parser_feed(reply_parser *p, const char *data, size_t len, size_t *consumed);

/* "250 2.0.0 Ok" form of a reply, all lines joined by a space, for messages. */
void reply_summary(const smtp_reply *r, char *out, size_t outlen);

/* 4xx is temporary (RFC 5321 4.2.1); one place decides it. */
static inline int reply_is_temporary(int code) { return code >= 400 && code < 500; }
static inline int reply_is_positive(int code) { return code >= 200 && code < 400; }

#endif
