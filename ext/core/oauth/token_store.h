/*
 * token_store: OAuth 2.0 clients and tokens for any number of accounts, in one
 * encrypted file (store_crypto), locked and replaced atomically (store_file).
 * Every operation holds the store's lock from reading to writing, and re-reads
 * the file under it, so concurrent processes never lose each other's writes and
 * an expired access token is refreshed by one process only.
 */
#ifndef SMTP_TOKEN_STORE_H
#define SMTP_TOKEN_STORE_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/error.h"
#include "../util/strlist.h"

#define TOKEN_STORE_MIN_KEY   16     /* bytes of caller key material */
#define TOKEN_REFRESH_MARGIN  120    /* refresh when the access token has less left (s) */

typedef struct token_store {
    char          *path;
    unsigned char *key;
    size_t         keylen;
} token_store;

typedef struct ts_client {
    const char *provider;          /* "google" (default) or "microsoft" */
    const char *client_id, *client_secret, *scope;
    const char *auth_endpoint, *token_endpoint, *revoke_endpoint, *ca_file;
    int         timeout_ms;        /* 0: 30 s */
} ts_client;

typedef struct ts_status {
    int       authorized;                  /* holds a refresh token and needs no new consent */
    int       needs_reauthorization;
    long long authorized_at, expires_at, refresh_token_expires_at, last_refresh;   /* 0: unknown */
    char      last_error[1024];
    char      provider[16];
    char      client_id[256];
    char      scope[256];
    char      smtp_host[64];
    int       smtp_port;
} ts_status;

int  token_store_init(token_store *ts, const char *path, const void *key, size_t keylen, smtp_error *err);
void token_store_free(token_store *ts);

/* Account names: 1-128 characters of [A-Za-z0-9._@+-]. 1 when valid. */
int  token_store_valid_account(const char *account);

int token_store_set_client(token_store *ts, const char *account, const ts_client *c, smtp_error *err);
/* Starts a consent: a fresh PKCE verifier is kept in the store for exchangeCode. */
int token_store_authorization_url(token_store *ts, const char *account, const char *redirect_uri,
                                  const char *state, smtp_buf *url, smtp_error *err);
int token_store_exchange_code(token_store *ts, const char *account, const char *code,
                              const char *redirect_uri, ts_status *st, smtp_error *err);
/* A valid access token into out. rejected: a token the server just refused;
 * if the store still holds it, it is refreshed (once, whoever asks). */
int token_store_access_token(token_store *ts, const char *account, const char *rejected,
                             smtp_buf *out, smtp_error *err);
int token_store_refresh(token_store *ts, const char *account, ts_status *st, smtp_error *err);
int token_store_status(token_store *ts, const char *account, ts_status *st, smtp_error *err);
/* Removes the account; revokes its refresh token first when there is a revoke
 * endpoint. Returns 1 (err set) when removed but the revocation failed. */
int token_store_forget(token_store *ts, const char *account, smtp_error *err);
int token_store_accounts(token_store *ts, smtp_strlist *out, smtp_error *err);

#endif
