/*
 * reply: what an API's HTTP reply means, decided in one place (as SMTP's reply
 * classes are): accepted or refused, temporary or permanent, an authentication
 * refusal, the provider's id for the message and the provider's own words from
 * its JSON error body (each API has its own shape). A pure function of the
 * status, a few headers and the body: fuzzed in fuzz/targets/fuzz_api_reply.c.
 */
#ifndef SMTP_API_REPLY_H
#define SMTP_API_REPLY_H

#include <stddef.h>

#include "api.h"

typedef struct api_reply_headers {
    char request_id[128];        /* Graph's request-id (its id for a 202 without body) */
    char message_id[256];        /* SendGrid's X-Message-Id */
    char error_type[128];        /* SES's x-amzn-ErrorType */
    int  retry_after;            /* seconds from Retry-After, 0 when absent */
} api_reply_headers;

typedef struct api_reply {
    int          ok;             /* the API took the message (for Mandrill: at least one recipient) */
    int          temporary;      /* worth retrying later: 408, 429, 5xx, throttling, maintenance */
    int          auth;           /* the credentials or token were refused */
    int          unknown;        /* a success status whose body does not say what was accepted */
    char         provider_id[256];
    char         text[700];      /* the API's words (error text, or Mandrill's refusals), printable */
    int          per_recipient;  /* Mandrill: accepted/rejected below are filled */
    smtp_strlist accepted;
    smtp_strlist rejected;
    smtp_strlist rejected_reply; /* "rejected hard-bounce" */
} api_reply;

/* Classifies one reply; out is filled whatever the body holds. */
void api_reply_parse(api_kind k, long status, const api_reply_headers *h, const char *body, size_t len,
                     api_reply *out);
void api_reply_free(api_reply *r);
/* A printable excerpt of text (control bytes become spaces, runs collapse), at most max bytes. */
void api_printable(const char *text, size_t len, char *out, size_t max);

#endif
