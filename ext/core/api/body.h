/*
 * body: the request each API expects (paths and shapes from each provider's API
 * reference; the table is in ../shared DESIGN "HTTPS API transports"): the URL,
 * the headers (credentials among them, never transcribed), the exact body length
 * and a producer that writes the body while it is sent. gmail, graph and mailgun
 * are measured without reading attachments (the MIME writer counts); SES is
 * rendered once more to hash the body for SigV4, and the JSON APIs to count their
 * escaped bytes.
 */
#ifndef SMTP_API_BODY_H
#define SMTP_API_BODY_H

#include "api.h"

#define API_MAX_HEADERS 8

typedef struct api_body_ctx {
    const api_config   *cfg;
    const mime_message *m;
    const char *const  *rcpt;
    size_t              nrcpt;
    char                boundary[48];      /* Mailgun's multipart/form-data */
} api_body_ctx;

typedef struct api_request {
    smtp_buf     url;
    char        *headers[API_MAX_HEADERS + 1];   /* NULL-terminated, owned, wiped on free */
    size_t       nheaders;
    char         content_type[96];               /* for the transcript */
    uint64_t     body_len;
    int        (*produce)(void *ctx, smtp_sink *sink, smtp_error *err);
    api_body_ctx ctx;
} api_request;

/* Builds the whole request (measuring, and for SES hashing and signing, the body).
 * token: the bearer token for gmail/graph. 0, or -1 with err. */
int  api_request_build(api_request *rq, const api_config *cfg, const char *token, const mime_message *m,
                       const char *const *rcpt, size_t nrcpt, smtp_error *err);
void api_request_free(api_request *rq);

#endif
