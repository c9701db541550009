/*
 * oauth: the OAuth 2.0 pieces that need no state: PKCE (RFC 7636), the
 * authorization URL (RFC 6749 4.1.1), and the token endpoint's reply
 * (RFC 6749 5.1 / 5.2) parsed with json-c.
 */
#ifndef SMTP_OAUTH_H
#define SMTP_OAUTH_H

#include <stddef.h>

#include "../util/buf.h"

#define PKCE_VERIFIER_LEN 43   /* 32 random bytes, base64url without padding */

/* A fresh code_verifier and its S256 code_challenge (both NUL-terminated). */
int oauth_pkce(char verifier[PKCE_VERIFIER_LEN + 1], char challenge[PKCE_VERIFIER_LEN + 1]);

typedef struct oauth_url_params {
    const char *endpoint, *client_id, *redirect_uri, *scope, *state, *code_challenge;
} oauth_url_params;

int oauth_authorization_url(smtp_buf *out, const oauth_url_params *p);

typedef enum {
    OAUTH_REPLY_OK = 0,     /* tokens issued */
    OAUTH_REPLY_REFUSED,    /* an error the endpoint means (invalid_grant, invalid_client, ...) */
    OAUTH_REPLY_TEMPORARY,  /* 5xx, 429, temporarily_unavailable: try again later */
    OAUTH_REPLY_MALFORMED   /* not the JSON a token endpoint sends (also temporary) */
} oauth_reply_outcome;

typedef struct oauth_token_reply {
    oauth_reply_outcome outcome;
    char     *access_token;        /* malloc'd; wiped by oauth_token_reply_free */
    char     *refresh_token;       /* NULL when the reply has none */
    char     *scope;
    long long expires_in;          /* -1: not given */
    long long refresh_expires_in;  /* -1: not given */
    char      error[64];           /* "invalid_grant", ... */
    char      description[512];    /* error_description, or what was wrong with the reply */
} oauth_token_reply;

/* Classifies and parses one token endpoint reply. Never fails: a reply that
 * cannot be understood is OAUTH_REPLY_MALFORMED with the reason in description. */
void oauth_parse_token_reply(long http_status, const char *body, size_t len, oauth_token_reply *r);
void oauth_token_reply_free(oauth_token_reply *r);

/* JSON that holds secrets (token replies, the decrypted store): json-c frees
 * without clearing, so these leave no copy behind. oauth_json_parse() takes exactly
 * one JSON value filling the len bytes (trailing whitespace allowed; NULL otherwise)
 * and wipes the tokenizer's buffer; oauth_json_put() wipes every string of the tree
 * before releasing its reference. */
struct json_object;
struct json_object *oauth_json_parse(const char *text, size_t len);
void oauth_json_put(struct json_object *o);

#endif
