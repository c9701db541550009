/* token_store: see token_store.h. */
#include "token_store.h"
#include "grant.h"
#include "http.h"
#include "oauth.h"
#include "providers.h"
#include "store_doc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#define TESTING_LIFETIME (7LL * 86400)   /* Google: refresh tokens of apps in "Testing" status */

int token_store_init(token_store *ts, const char *path, const void *key, size_t keylen, smtp_error *err)
{
    memset(ts, 0, sizeof(*ts));
    if (!path || !*path) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "token store path must not be empty");
        return -1;
    }
    if (keylen < TOKEN_STORE_MIN_KEY) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "token store key must be at least %d bytes of secret material",
                  TOKEN_STORE_MIN_KEY);
        return -1;
    }
    ts->path = strdup(path);
    ts->key = malloc(keylen);
    if (!ts->path || !ts->key) {
        token_store_free(ts);
        error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
        return -1;
    }
    memcpy(ts->key, key, keylen);
    ts->keylen = keylen;
    return 0;
}

void token_store_free(token_store *ts)
{
    if (ts->key) {
        OPENSSL_cleanse(ts->key, ts->keylen);
    }
    free(ts->key);
    free(ts->path);
    memset(ts, 0, sizeof(*ts));
}

int token_store_valid_account(const char *account)
{
    size_t n = strlen(account);
    if (n == 0 || n > 128) {
        return 0;
    }
    for (const char *p = account; *p; p++) {
        if (!isalnum((unsigned char)*p) && !strchr("._@+-", *p)) return 0;
    }
    return 1;
}

/* A failure that could not be written to the store (last_error, needs_reauthorization)
 * says so too: the status would otherwise tell an older story. */
static void not_recorded(smtp_error *err, const smtp_error *save_err)
{
    size_t used = strlen(err->message);
    snprintf(err->message + used, sizeof(err->message) - used, "; this failure could not be recorded in the store: %s",
             save_err->message);
}

static int fail_memory(smtp_error *err)
{
    error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
    return -1;
}

/* ---- status -------------------------------------------------------------------- */

static void copy(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
}

static void fill_status(json_object *acct, ts_status *st)
{
    json_object *client = doc_child(acct, "client", 0), *tokens = doc_child(acct, "tokens", 0);
    memset(st, 0, sizeof(*st));
    st->needs_reauthorization = doc_int(acct, "needs_reauthorization") != 0;
    st->authorized = doc_str(tokens, "refresh_token") != NULL && !st->needs_reauthorization;
    st->authorized_at = doc_int(acct, "authorized_at");
    st->expires_at = doc_int(tokens, "expires_at");
    st->refresh_token_expires_at = doc_int(tokens, "refresh_token_expires_at");
    st->last_refresh = doc_int(acct, "last_refresh");
    copy(st->last_error, sizeof(st->last_error), doc_str(acct, "last_error"));
    copy(st->provider, sizeof(st->provider), doc_str(client, "provider"));
    copy(st->client_id, sizeof(st->client_id), doc_str(client, "client_id"));
    copy(st->scope, sizeof(st->scope), doc_str(client, "scope"));
    const oauth_provider *p = oauth_provider_find(st->provider);
    if (p) {
        copy(st->smtp_host, sizeof(st->smtp_host), p->smtp_host);
        st->smtp_port = p->smtp_port;
    }
}

/* ---- setClient -------------------------------------------------------------------- */

static int valid_https(const char *url)
{
    if (!url || strncmp(url, "https://", 8) != 0 || !url[8] || url[8] == '/') {
        return 0;
    }
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= 0x20 || *p == 0x7f) return 0;
    }
    return 1;
}

static int check_client(const ts_client *c, const oauth_provider **prov, smtp_error *err)
{
    *prov = oauth_provider_find(c->provider && *c->provider ? c->provider : "google");
    if (!*prov) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "provider must be \"google\", \"microsoft\" or \"microsoft-graph\"");
        return -1;
    }
    if (!c->client_id || !*c->client_id) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "client_id must not be empty");
        return -1;
    }
    const char *names[] = { "auth_endpoint", "token_endpoint", "revoke_endpoint" };
    const char *urls[] = { c->auth_endpoint, c->token_endpoint, c->revoke_endpoint };
    for (int i = 0; i < 3; i++) {
        if (urls[i] && *urls[i] && !valid_https(urls[i])) {
            error_set(err, SMTP_ERR_ARGUMENT, 0, "%s must be an https:// URL", names[i]);
            return -1;
        }
    }
    return 0;
}

static const char *pick(const char *given, const char *preset)
{
    return given && *given ? given : preset;
}

static int write_client(json_object *client, const ts_client *c, const oauth_provider *p)
{
    return doc_set_str(client, "provider", p->name) || doc_set_str(client, "client_id", c->client_id) ||
           doc_set_str(client, "client_secret", pick(c->client_secret, NULL)) ||
           doc_set_str(client, "scope", pick(c->scope, p->scope)) ||
           doc_set_str(client, "auth_endpoint", pick(c->auth_endpoint, p->auth_endpoint)) ||
           doc_set_str(client, "token_endpoint", pick(c->token_endpoint, p->token_endpoint)) ||
           doc_set_str(client, "revoke_endpoint", pick(c->revoke_endpoint, p->revoke_endpoint)) ||
           doc_set_str(client, "ca_file", pick(c->ca_file, NULL)) ||
           doc_set_int(client, "timeout_ms", c->timeout_ms > 0 ? c->timeout_ms : 30000);
}

int token_store_set_client(token_store *ts, const char *account, const ts_client *c, smtp_error *err)
{
    const oauth_provider *prov;
    if (check_client(c, &prov, err) != 0) {
        return -1;
    }
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    int rc = -1;
    json_object *acct = store_doc_account(&d, account, 1, err), *client;
    if (!acct || !(client = doc_child(acct, "client", 1))) {
        if (acct) fail_memory(err);
        goto out;
    }
    /* Tokens belong to the client that obtained them: another client starts over. */
    const char *old_id = doc_str(client, "client_id");
    if (old_id && strcmp(old_id, c->client_id) != 0) {
        json_object_object_del(acct, "tokens");
        json_object_object_del(acct, "pending");
        json_object_object_del(acct, "authorized_at");
        json_object_object_del(acct, "needs_reauthorization");
        json_object_object_del(acct, "last_error");
    }
    if (write_client(client, c, prov) != 0) {
        fail_memory(err);
        goto out;
    }
    rc = store_doc_save(&d, err);
out:
    store_doc_close(&d);
    return rc;
}

/* ---- authorizationUrl / exchangeCode ---------------------------------------------- */

static json_object *client_of(store_doc *d, const char *account, json_object **acct, smtp_error *err)
{
    *acct = store_doc_account(d, account, 0, err);
    json_object *client = *acct ? doc_child(*acct, "client", 0) : NULL;
    if (*acct && (!client || !doc_str(client, "client_id"))) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "account '%s' has no OAuth client: call setClient() first", account);
        return NULL;
    }
    return client;
}

int token_store_authorization_url(token_store *ts, const char *account, const char *redirect_uri,
                                  const char *state, smtp_buf *url, smtp_error *err)
{
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    int rc = -1;
    json_object *acct, *client = client_of(&d, account, &acct, err), *pending;
    char verifier[PKCE_VERIFIER_LEN + 1], challenge[PKCE_VERIFIER_LEN + 1];
    if (!client) {
        goto out;
    }
    if (oauth_pkce(verifier, challenge) != 0 || !(pending = doc_child(acct, "pending", 1)) ||
        doc_set_str(pending, "code_verifier", verifier) || doc_set_str(pending, "redirect_uri", redirect_uri) ||
        doc_set_int(pending, "started_at", (long long)time(NULL))) {
        fail_memory(err);
        goto out;
    }
    oauth_url_params p = { doc_str(client, "auth_endpoint"), doc_str(client, "client_id"), redirect_uri,
                           doc_str(client, "scope"), state, challenge };
    if (oauth_authorization_url(url, &p) != 0) {
        fail_memory(err);
        goto out;
    }
    rc = store_doc_save(&d, err);
out:
    OPENSSL_cleanse(verifier, sizeof(verifier));
    store_doc_close(&d);
    return rc;
}

static void refused_message(smtp_error *err, const char *what, const oauth_token_reply *r, json_object *client)
{
    error_set(err, SMTP_ERR_REPLY, r->outcome != OAUTH_REPLY_REFUSED, "%s: the token endpoint %s answered %s%s%s%s",
              what, doc_str(client, "token_endpoint"), r->error, r->error[0] ? " (" : "", r->description,
              r->error[0] ? ")" : "");
    grant_redact(err->message, sizeof(err->message), doc_str(client, "client_secret"));
}

/* Stores what a successful grant returned. A reply without a refresh token keeps
 * the one we have: a refresh token is never overwritten with nothing. */
static int store_tokens(json_object *acct, const oauth_token_reply *r, long long now)
{
    json_object *tokens = doc_child(acct, "tokens", 1);
    if (!tokens || doc_set_str(tokens, "access_token", r->access_token) ||
        doc_set_int(tokens, "expires_at", now + (r->expires_in >= 0 ? r->expires_in : 3600)) ||
        (r->refresh_token && doc_set_str(tokens, "refresh_token", r->refresh_token)) ||
        (r->scope && doc_set_str(tokens, "scope", r->scope))) {
        return -1;
    }
    if (r->refresh_expires_in >= 0) {
        return doc_set_int(tokens, "refresh_token_expires_at", now + r->refresh_expires_in);
    }
    if (r->refresh_token) {   /* a new refresh token: the old one's expiry no longer applies */
        json_object_object_del(tokens, "refresh_token_expires_at");
    }
    return 0;
}

static int exchange_form(smtp_buf *form, const char *code, const char *redirect_uri, const char *verifier)
{
    return http_form_add(form, "grant_type", "authorization_code") || http_form_add(form, "code", code) ||
           http_form_add(form, "redirect_uri", redirect_uri) || http_form_add(form, "code_verifier", verifier);
}

static int check_pending(json_object *acct, const char *account, const char *redirect_uri, smtp_error *err)
{
    json_object *pending = doc_child(acct, "pending", 0);
    if (!doc_str(pending, "code_verifier")) {
        error_set(err, SMTP_ERR_ARGUMENT, 0,
                  "OAuth code exchange for account '%s': no consent is in progress, so there is no PKCE code_verifier "
                  "(call authorizationUrl() first; each consent can be exchanged once)", account);
        return -1;
    }
    if (!doc_str(pending, "redirect_uri") || strcmp(doc_str(pending, "redirect_uri"), redirect_uri) != 0) {
        error_set(err, SMTP_ERR_ARGUMENT, 0,
                  "OAuth code exchange for account '%s': the redirect URI differs from the one given to authorizationUrl() "
                  "(%s); the provider would refuse it", account, doc_str(pending, "redirect_uri"));
        return -1;
    }
    return 0;
}

int token_store_exchange_code(token_store *ts, const char *account, const char *code,
                              const char *redirect_uri, ts_status *st, smtp_error *err)
{
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    int rc = -1;
    char what[200];
    snprintf(what, sizeof(what), "OAuth code exchange for account '%s'", account);
    json_object *acct, *client = client_of(&d, account, &acct, err);
    smtp_buf form = SMTP_BUF_INIT;
    oauth_token_reply r = { 0 };
    if (!client || check_pending(acct, account, redirect_uri, err) != 0) {
        goto out;
    }
    if (exchange_form(&form, code, redirect_uri, doc_str(doc_child(acct, "pending", 0), "code_verifier")) != 0) {
        fail_memory(err);
        goto out;
    }
    if (grant_post(client, what, form.data, &r, err) != 0) {
        goto out;
    }
    if (r.outcome != OAUTH_REPLY_OK) {
        refused_message(err, what, &r, client);
        goto out;
    }
    if (!r.refresh_token) {
        error_set(err, SMTP_ERR_REPLY, 0, "%s: the token endpoint issued no refresh token, so mail would stop within "
                  "the hour (the consent must ask for offline access; revoke the app's access and consent again)", what);
        goto out;
    }
    long long now = (long long)time(NULL);
    json_object_object_del(acct, "pending");
    json_object_object_del(acct, "last_error");
    json_object_object_del(acct, "needs_reauthorization");
    if (store_tokens(acct, &r, now) || doc_set_int(acct, "authorized_at", now) || doc_set_int(acct, "last_refresh", 0)) {
        fail_memory(err);
        goto out;
    }
    rc = store_doc_save(&d, err);
    if (rc == 0) {
        fill_status(acct, st);
    }
out:
    if (form.data) OPENSSL_cleanse(form.data, form.len);
    buf_free(&form);
    oauth_token_reply_free(&r);
    store_doc_close(&d);
    return rc;
}

/* ---- refresh ---------------------------------------------------------------------- */

static void utc(char *out, size_t size, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, size, "%Y-%m-%d %H:%M UTC", &tm);
}

/* Google gives no field for the 7-day limit of apps in "Testing" status: an
 * invalid_grant that arrives about 7 days after consent, with no successful
 * refresh after that point, is that limit. */
static void testing_hint(json_object *acct, long long failed_at, char *out, size_t size)
{
    out[0] = '\0';
    const char *provider = doc_str(doc_child(acct, "client", 0), "provider");
    long long consent = doc_int(acct, "authorized_at"), last = doc_int(acct, "last_refresh");
    long long age = failed_at - consent;
    if (!provider || strcmp(provider, "google") != 0 || consent <= 0 || age < TESTING_LIFETIME - 3600 ||
        last >= consent + TESTING_LIFETIME) {
        return;
    }
    char when[40];
    utc(when, sizeof(when), consent);
    snprintf(out, size, " This came %.1f days after the consent of %s: the Google Cloud app is probably in "
             "\"Testing\" status, whose refresh tokens expire after 7 days. Publish it (Google Cloud Console > "
             "OAuth consent screen > Publish app, status \"In production\"), then authorize again.",
             (double)age / 86400.0, when);
}

static void reauthorize_message(json_object *acct, const char *account, smtp_error *err)
{
    char hint[600], when[40];
    testing_hint(acct, doc_int(acct, "last_error_at"), hint, sizeof(hint));
    utc(when, sizeof(when), doc_int(acct, "last_error_at"));
    error_set(err, SMTP_ERR_REPLY, 0,
              "OAuth account '%s' must be authorized again: the provider refused its refresh token on %s (%s). "
              "No mail can be sent with it until a new consent (authorizationUrl() and exchangeCode(), "
              "or \"Grant permission\" in the WordPress wizard).%s",
              account, when, doc_str(acct, "last_error") ? doc_str(acct, "last_error") : "invalid_grant", hint);
}

static int record_failure(json_object *acct, const char *text, long long now, int needs_reauth)
{
    return doc_set_str(acct, "last_error", text) || doc_set_int(acct, "last_error_at", now) ||
           (needs_reauth && json_object_object_add(acct, "needs_reauthorization", json_object_new_boolean(1)));
}

/* Refreshes under the held lock and saves. On failure err is set; the store
 * records the error (and, for invalid_grant, that a new consent is needed). */
static int refresh_locked(store_doc *d, json_object *acct, const char *account, smtp_error *err)
{
    json_object *client = doc_child(acct, "client", 0), *tokens = doc_child(acct, "tokens", 0);
    char what[200], text[sizeof(err->message)];
    snprintf(what, sizeof(what), "OAuth token refresh for account '%s'", account);
    smtp_buf form = SMTP_BUF_INIT;
    oauth_token_reply r = { 0 };
    long long now = (long long)time(NULL);
    int rc = -1;
    if (http_form_add(&form, "grant_type", "refresh_token") ||
        http_form_add(&form, "refresh_token", doc_str(tokens, "refresh_token"))) {
        fail_memory(err);
        goto out;
    }
    if (grant_post(client, what, form.data, &r, err) != 0) {
        snprintf(text, sizeof(text), "%s", err->message);
    } else if (r.outcome == OAUTH_REPLY_OK) {
        if (store_tokens(acct, &r, now) || doc_set_int(acct, "last_refresh", now)) {
            fail_memory(err);
            goto out;
        }
        json_object_object_del(acct, "last_error");
        rc = store_doc_save(d, err);   /* a rotated refresh token is on disk before the access token is used */
        goto out;
    } else if (strcmp(r.error, "invalid_grant") == 0) {
        snprintf(text, sizeof(text), "invalid_grant: %s", r.description);
        grant_redact(text, sizeof(text), doc_str(client, "client_secret"));
        record_failure(acct, text, now, 1);
        smtp_error save_err;
        error_clear(&save_err);
        int saved = store_doc_save(d, &save_err);
        reauthorize_message(acct, account, err);
        if (saved != 0) not_recorded(err, &save_err);
        goto out;
    } else {
        refused_message(err, what, &r, client);
        if (err->temporary) {
            size_t used = strlen(err->message);
            snprintf(err->message + used, sizeof(err->message) - used, " (temporary: the refresh token is kept)");
        }
        snprintf(text, sizeof(text), "%s", err->message);
    }
    smtp_error save_err;
    error_clear(&save_err);
    record_failure(acct, text, now, 0);
    if (store_doc_save(d, &save_err) != 0) not_recorded(err, &save_err);
out:
    if (form.data) OPENSSL_cleanse(form.data, form.len);
    buf_free(&form);
    oauth_token_reply_free(&r);
    return rc;
}

/* The account, ready to refresh: it exists, has a refresh token, needs no consent. */
static json_object *refreshable(store_doc *d, const char *account, smtp_error *err)
{
    json_object *acct, *client = client_of(d, account, &acct, err);
    if (!client) {
        return NULL;
    }
    if (doc_int(acct, "needs_reauthorization")) {
        reauthorize_message(acct, account, err);
        return NULL;
    }
    if (!doc_str(doc_child(acct, "tokens", 0), "refresh_token")) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "OAuth account '%s' has not been authorized yet "
                  "(authorizationUrl() and exchangeCode() first)", account);
        return NULL;
    }
    return acct;
}

int token_store_access_token(token_store *ts, const char *account, const char *rejected,
                             smtp_buf *out, smtp_error *err)
{
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    int rc = -1;
    json_object *acct = refreshable(&d, account, err);
    if (!acct) {
        goto out;
    }
    json_object *tokens = doc_child(acct, "tokens", 0);
    const char *current = doc_str(tokens, "access_token");
    long long left = doc_int(tokens, "expires_at") - (long long)time(NULL);
    /* Under the lock, re-read: another process may have refreshed already. */
    int stale = !current || left < TOKEN_REFRESH_MARGIN || (rejected && strcmp(rejected, current) == 0);
    if (stale && refresh_locked(&d, acct, account, err) != 0) {
        goto out;
    }
    buf_reset(out);
    rc = buf_puts(out, doc_str(doc_child(acct, "tokens", 0), "access_token")) ? fail_memory(err) : 0;
out:
    store_doc_close(&d);
    return rc;
}

int token_store_refresh(token_store *ts, const char *account, ts_status *st, smtp_error *err)
{
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    json_object *acct = refreshable(&d, account, err);
    int rc = acct ? refresh_locked(&d, acct, account, err) : -1;
    if (rc == 0) {
        fill_status(acct, st);
    }
    store_doc_close(&d);
    return rc;
}

/* ---- status / forget / accounts -------------------------------------------------- */

int token_store_status(token_store *ts, const char *account, ts_status *st, smtp_error *err)
{
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    json_object *acct = store_doc_account(&d, account, 0, err);
    if (acct) {
        fill_status(acct, st);
    }
    store_doc_close(&d);
    return acct ? 0 : -1;
}

int token_store_forget(token_store *ts, const char *account, smtp_error *err)
{
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    json_object *acct = store_doc_account(&d, account, 0, err);
    if (!acct) {
        store_doc_close(&d);
        return -1;
    }
    json_object *client = doc_child(acct, "client", 0);
    const char *refresh = doc_str(doc_child(acct, "tokens", 0), "refresh_token");
    smtp_error revoke_err;
    error_clear(&revoke_err);
    int revoke_failed = refresh && doc_str(client, "revoke_endpoint") && !doc_int(acct, "needs_reauthorization") &&
                        grant_revoke(client, refresh, &revoke_err) != 0;
    json_object_object_del(d.accounts, account);
    int rc = store_doc_save(&d, err);
    store_doc_close(&d);
    if (rc == 0 && revoke_failed) {
        error_set(err, revoke_err.kind, revoke_err.temporary,
                  "account '%s' was removed from the token store, but revoking its grant failed (%s); "
                  "remove the app's access in the account's security settings", account, revoke_err.message);
        return 1;
    }
    return rc;
}

int token_store_accounts(token_store *ts, smtp_strlist *out, smtp_error *err)
{
    store_doc d;
    if (store_doc_open(ts, &d, err) != 0) {
        return -1;
    }
    int rc = 0;
    json_object_object_foreach(d.accounts, name, value) {
        (void)value;
        if (rc == 0 && strlist_add(out, name, strlen(name)) != 0) {
            rc = fail_memory(err);
        }
    }
    store_doc_close(&d);
    return rc;
}
