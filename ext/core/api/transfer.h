/*
 * transfer: one HTTPS POST whose body is produced while it is sent. The producer
 * (the MIME writer, possibly through an encoding sink) writes into a sink that
 * queues a bounded amount (FEED_HIGH) and then drives libcurl's multi interface
 * until the queue drains: the read callback takes from the queue and pauses the
 * transfer when it is empty. So memory stays bounded whatever the body's size, an
 * attachment is read from disk as it is sent, and a reply that comes early (401,
 * 413 after Expect: 100-continue) stops the producer.
 */
#ifndef SMTP_API_TRANSFER_H
#define SMTP_API_TRANSFER_H

#include <stdint.h>

#include "api.h"
#include "reply.h"

typedef struct api_transfer {
    const char *url;
    const char *const *headers;   /* "Name: value" lines, NULL-terminated */
    uint64_t    body_len;         /* exactly what produce writes (Content-Length) */
    int       (*produce)(void *ctx, smtp_sink *sink, smtp_error *err);
    void       *ctx;
    const char *ca_file;
    int         timeout_ms;       /* without progress */
} api_transfer;

typedef struct api_http_reply {
    long              status;     /* the final status (>= 200), 0 when none arrived */
    smtp_buf          body;       /* capped at 1 MB */
    api_reply_headers headers;
    int               whole_body_sent;
    char              http_version[12];  /* "HTTP/2", "HTTP/1.1" */
} api_http_reply;

/* 0 when a final reply arrived (any status); -1 with err when none did: a network,
 * TLS or timeout failure (temporary; outcome_unknown when the whole body had been
 * sent), or what the producer reported (a file that cannot be read). */
int  api_transfer_run(api_client *c, const api_transfer *t, api_http_reply *r, smtp_error *err);
/* Frees a header list built with curl_slist_append, each string wiped first (they carry
 * credentials); easy (a CURL *, or NULL) stops pointing at it. */
struct curl_slist;
void api_header_list_free(void *easy, struct curl_slist *list);
void api_http_reply_free(api_http_reply *r);

#endif
