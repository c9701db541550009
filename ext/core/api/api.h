/*
 * api: sending a message over a provider's HTTPS API instead of SMTP (for hosts
 * that block ports 25/465/587): Gmail API, Microsoft Graph, Mailgun, Amazon SES,
 * SendGrid, Postmark and Mandrill. The message is the one mime/ builds (the same
 * Message-ID), streamed to libcurl as it is rendered; the reply is classified
 * like an SMTP reply (temporary, permanent, outcome unknown) by api/reply.c.
 *
 *   api.c       names, configuration, the client (one libcurl handle kept for many messages)
 *   body.c      the request of each API: URL, headers, body producer
 *   transfer.c  one streamed HTTPS request (libcurl multi: the MIME writer drives it)
 *   reply.c     the provider's reply: provider id, error text, classification
 *   stream.c    sinks: flat base64, JSON string escaping, counting and SHA-256
 *   sigv4.c     AWS Signature Version 4 for SES
 */
#ifndef SMTP_API_H
#define SMTP_API_H

#include <stdint.h>

#include "../mime/message.h"
#include "../util/error.h"
#include "../util/strlist.h"

typedef enum {
    API_GMAIL = 0, API_GRAPH, API_MAILGUN, API_SES, API_SENDGRID, API_POSTMARK, API_MANDRILL, API_COUNT
} api_kind;

/* "gmail" ... "mandrill"; the display name ("Gmail API", "Amazon SES", ...). */
const char *api_name(api_kind k);
const char *api_title(api_kind k);
/* 0 and *out set when name is one of the seven, -1 otherwise. */
int api_find(const char *name, api_kind *out);
/* 1 for the APIs that take an OAuth bearer token (gmail, graph). */
int api_uses_oauth(api_kind k);

typedef struct api_config {
    api_kind kind;
    char    *endpoint;            /* "https://host[:port]" without a trailing slash; NULL: the provider's */
    char    *cafile;              /* NULL: the system's CA bundle */
    int      timeout_ms;          /* without progress */
    char    *api_key;             /* mailgun, sendgrid, postmark, mandrill */
    char    *domain;              /* mailgun */
    char    *region;              /* mailgun ("eu" or NULL), ses ("eu-west-1") */
    char    *access_key_id;       /* ses */
    char    *secret_access_key;   /* ses */
    char    *session_token;       /* ses, optional */
    char    *oauth_token;         /* gmail, graph: an access token given directly */
} api_config;

/* Deep copy; api_config_free wipes the secrets. 0, or -1 on memory. */
int  api_config_copy(api_config *dst, const api_config *src);
void api_config_free(api_config *c);
/* The base URL in use (endpoint or the provider's default) into out. */
int  api_base_url(const api_config *c, smtp_buf *out);
/* Checks what each API needs; -1 with a message naming the missing key. */
int  api_config_check(const api_config *c, char *why, size_t whylen);
/* Checks that the message can travel over this API (raw for JSON APIs, envelope_from...). */
int  api_message_check(const api_config *c, const mime_message *m, char *why, size_t whylen);

typedef struct api_result {
    long         http_status;
    char         provider_id[256];
    char         response[1024];          /* "HTTP 202 <id>" */
    smtp_strlist accepted;
    smtp_strlist rejected;                /* parallel to rejected_reply (Mandrill) */
    smtp_strlist rejected_reply;
} api_result;

void api_result_init(api_result *r);
void api_result_free(api_result *r);

/* One transport's HTTP state, kept between the messages of an Smtp\Client: the
 * libcurl easy handle and the multi handle that holds its connections (HTTP/2 when
 * the server offers it). */
typedef struct api_client {
    void        *multi;                   /* CURLM * */
    void        *easy;                    /* CURL * */
    smtp_strlist transcript;              /* "C: POST https://...", "S: HTTP 200 ...": no secrets */
    int          auth_rejected;           /* the last request was refused as unauthenticated (401) */
} api_client;

void api_client_init(api_client *c);
void api_client_free(api_client *c);

/* Sends m to the envelope recipients rcpt (deduplicated, Bcc included) over cfg's API;
 * token is the OAuth access token for gmail/graph (NULL: cfg->oauth_token). Fills res
 * (the caller inits and frees it). 0 when the API accepted the message; -1 with err
 * (http_status, temporary, outcome_unknown, the API's words) otherwise. The request and
 * reply are added to c->transcript (the caller clears it per message). */
int api_send(api_client *c, const api_config *cfg, const char *token, const mime_message *m,
             const char *const *rcpt, size_t nrcpt, api_result *res, smtp_error *err);

#endif
