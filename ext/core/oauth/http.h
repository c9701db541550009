/*
 * http: HTTPS POST of a form to an OAuth endpoint with libcurl. The peer
 * certificate and host name are always verified, redirects are not followed,
 * only https:// is spoken, and the body is capped.
 */
#ifndef SMTP_HTTP_H
#define SMTP_HTTP_H

#include "../util/buf.h"
#include "../util/error.h"

typedef struct http_request {
    const char *url;
    const char *form;          /* application/x-www-form-urlencoded body */
    const char *ca_file;       /* NULL: the system's CA bundle */
    int         timeout_ms;    /* whole request; connecting gets at most half */
} http_request;

typedef struct http_response {
    long     status;           /* HTTP status, 0 when none arrived */
    smtp_buf body;
} http_response;

/* Once per process, before any thread starts (the binding's MINIT). */
int  http_global_init(void);
void http_global_cleanup(void);

/* What every HTTPS request of the extension shares (curl is a CURL *): https only, no
 * redirects, peer and host name verified against ca_file (NULL: the system's bundle),
 * no signals, our User-Agent. The API transports (core/api/) use it too. */
void http_setup_common(void *curl, const char *ca_file);

/* 0 when a response arrived (any status); -1 with err set (temporary) when none did. */
int  http_post_form(const http_request *req, http_response *res, smtp_error *err);
void http_response_free(http_response *res);

/* Appends the RFC 3986 percent-encoding of s (unreserved characters kept). */
int  http_form_escape(smtp_buf *out, const char *s);
/* Appends "&name=value" (no "&" when out is empty), value percent-encoded. */
int  http_form_add(smtp_buf *out, const char *name, const char *value);

#endif
