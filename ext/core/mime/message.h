/*
 * message: an e-mail as the caller describes it, checked field by field, and
 * rendered as RFC 5322 + MIME (RFC 2045-2049) into a sink. Attachments given by
 * path are read and encoded in pieces while the message is sent, never held
 * whole in memory. Bcc is part of the envelope only: it never appears in the
 * rendered message.
 */
#ifndef SMTP_MESSAGE_H
#define SMTP_MESSAGE_H

#include <stdint.h>
#include <time.h>

#include "../util/buf.h"
#include "../util/sink.h"
#include "../util/error.h"
#include "address.h"

typedef struct mime_header {
    char *name;
    char *value;
} mime_header;

typedef struct mime_attachment {
    char    *path;        /* read while sending, or */
    char    *data;        /* given in memory */
    size_t   data_len;
    uint64_t file_size;   /* path: the size when checked */
    char    *name;        /* file name shown to the recipient (UTF-8) */
    char    *type;        /* MIME type */
    char    *cid;         /* set: an inline part of multipart/related */
} mime_attachment;

typedef struct mime_message {
    mime_address     from;
    mime_address    *sender;       /* optional */
    mime_address    *to, *cc, *bcc, *reply_to;
    size_t           nto, ncc, nbcc, nreply_to;
    char            *subject;
    char            *text;  size_t text_len;
    char            *html;  size_t html_len;
    mime_header     *headers; size_t nheaders;
    mime_attachment *attachments; size_t nattachments;
    char            *raw;   size_t raw_len;
    char            *envelope_from;
    char             message_id[300];
    char             boundary[48];
    time_t           date;
} mime_message;

void message_init(mime_message *m);
void message_free(mime_message *m);

/* Field checks: 0, or -1 with why ("must not contain CR or LF", ...). */
int message_check_header_name(const char *name, char *why, size_t whylen);
int message_check_header_value(const char *value, size_t len, char *why, size_t whylen);
int message_check_mime_type(const char *type, char *why, size_t whylen);
int message_check_cid(const char *cid, char *why, size_t whylen);
int message_check_filename(const char *name, char *why, size_t whylen);
/* A raw message: no NUL, no line over 998 characters (whatever its line endings). */
int message_check_raw(const char *raw, size_t len, char *why, size_t whylen);
/* A local regular file, no "scheme://", no directory, device or FIFO; records its size. */
int message_check_path(const char *path, uint64_t *size, char *why, size_t whylen);
/* A type for a file name from its extension, "application/octet-stream" otherwise. */
const char *message_guess_type(const char *filename);

/* Completes the message once all fields are set: Message-ID (unless a header
 * gave one; a raw message's own, or "" when it has none), boundary, date. */
int message_prepare(mime_message *m, smtp_error *err);
/* Renders the whole message into sink. */
int message_render(const mime_message *m, smtp_sink *sink, smtp_error *err);
/* The same, with a Bcc: header when bcc is 1: for the HTTPS APIs (Gmail, Graph) that
 * read the recipients from the message and remove the Bcc header themselves. */
int message_render_bcc(const mime_message *m, int bcc, smtp_sink *sink, smtp_error *err);
/* 1 when any address needs SMTPUTF8. */
int message_needs_smtputf8(const mime_message *m);
/* 1 when the raw message has bytes above 127 (BODY=8BITMIME). */
int message_needs_8bit(const mime_message *m);

#endif
