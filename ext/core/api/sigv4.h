/*
 * sigv4: AWS Signature Version 4 (the Authorization header of Amazon SES's API),
 * as AWS documents it: canonical request, string to sign, the signing key derived
 * by HMAC-SHA256 from the secret, the date, region and service. OpenSSL does the
 * hashing; nothing here talks to the network, so the signer is checked against
 * AWS's published test vectors (tests/unit/test_api.c).
 */
#ifndef SMTP_SIGV4_H
#define SMTP_SIGV4_H

#include <time.h>

#include "../util/buf.h"

typedef struct sigv4_request {
    const char *method;             /* "POST" */
    const char *host;               /* the Host header exactly as sent ("email.eu-west-1.amazonaws.com") */
    const char *path;               /* the canonical URI, already URI-encoded ("/v2/email/outbound-emails") */
    const char *query;              /* the canonical query string (sorted, encoded), "" when none */
    const char *content_type;       /* signed as content-type when not NULL */
    const char *amz_date;           /* X-Amz-Date, "20150830T123600Z" */
    const char *session_token;      /* X-Amz-Security-Token, signed when not NULL */
    const char *payload_sha256;     /* 64 lower-case hex digits of the body's SHA-256 */
    const char *region;             /* "us-east-1" */
    const char *service;            /* "ses" */
    const char *access_key_id;
    const char *secret_access_key;
} sigv4_request;

/* Appends the Authorization header's value ("AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...") to out; canonical and to_sign (either may be NULL) receive the intermediate
 * strings. 0, or -1 when memory runs out. */
int  sigv4_authorization(const sigv4_request *r, smtp_buf *out, smtp_buf *canonical, smtp_buf *to_sign);
/* The ISO 8601 basic form of t in UTC ("20150830T123600Z"): out holds 17 bytes. */
void sigv4_amz_date(time_t t, char out[17]);
/* Lower-case hex SHA-256 of data: out holds 65 bytes. */
void sigv4_sha256_hex(const void *data, size_t len, char out[65]);
/* Lower-case hex of n bytes: out holds 2n + 1 bytes. */
void sigv4_hex(const unsigned char *bytes, size_t n, char *out);

#endif
