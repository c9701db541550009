/* grant: see grant.h. */
#include "grant.h"
#include "http.h"
#include "store_doc.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

void grant_redact(char *text, size_t size, const char *secret)
{
    static const char mask[] = "<redacted>";
    size_t slen = secret ? strlen(secret) : 0;
    if (slen < 4) {
        return;
    }
    char *hit;
    while ((hit = strstr(text, secret)) != NULL) {
        size_t tail = strlen(hit + slen);
        size_t room = size - (size_t)(hit - text) - 1;   /* bytes available from hit on */
        size_t mlen = sizeof(mask) - 1 < room ? sizeof(mask) - 1 : room;
        size_t keep = tail < room - mlen ? tail : room - mlen;
        memmove(hit + mlen, hit + slen, keep);
        memcpy(hit, mask, mlen);
        hit[mlen + keep] = '\0';
    }
}

static int timeout_of(json_object *client)
{
    long long t = doc_int(client, "timeout_ms");
    return t > 0 && t < 3600000 ? (int)t : 30000;
}

int grant_post(json_object *client, const char *what, const char *form, oauth_token_reply *r, smtp_error *err)
{
    smtp_buf body = SMTP_BUF_INIT;
    int rc = buf_puts(&body, form) || http_form_add(&body, "client_id", doc_str(client, "client_id")) ||
             (doc_str(client, "client_secret") && http_form_add(&body, "client_secret", doc_str(client, "client_secret")));
    http_response res = { 0, SMTP_BUF_INIT };
    if (rc) {
        error_set(err, SMTP_ERR_MEMORY, 1, "%s: out of memory", what);
        rc = -1;
    } else {
        http_request req = { doc_str(client, "token_endpoint"), body.data, doc_str(client, "ca_file"), timeout_of(client) };
        rc = http_post_form(&req, &res, err);
        if (rc == 0) {
            oauth_parse_token_reply(res.status, res.body.data, res.body.len, r);
        } else {
            char reason[sizeof(err->message)];
            snprintf(reason, sizeof(reason), "%s", err->message);
            error_set(err, err->kind, 1, "%s: no reply from the token endpoint: %s", what, reason);
        }
    }
    OPENSSL_cleanse(body.data ? body.data : (char *)"", body.len);
    buf_free(&body);
    http_response_free(&res);
    return rc;
}

int grant_revoke(json_object *client, const char *token, smtp_error *err)
{
    const char *endpoint = doc_str(client, "revoke_endpoint");
    smtp_buf body = SMTP_BUF_INIT;
    http_response res = { 0, SMTP_BUF_INIT };
    if (http_form_add(&body, "token", token) != 0) {
        buf_free(&body);
        error_set(err, SMTP_ERR_MEMORY, 1, "revoking the token: out of memory");
        return -1;
    }
    http_request req = { endpoint, body.data, doc_str(client, "ca_file"), timeout_of(client) };
    int rc = http_post_form(&req, &res, err);
    if (rc == 0 && res.status != 200) {
        oauth_token_reply r;
        oauth_parse_token_reply(res.status, res.body.data, res.body.len, &r);
        error_set(err, SMTP_ERR_REPLY, r.outcome == OAUTH_REPLY_TEMPORARY, "the revoke endpoint %s answered %s%s%s",
                  endpoint, r.error[0] ? r.error : "", r.error[0] ? ": " : "", r.description);
        oauth_token_reply_free(&r);
        rc = -1;
    }
    grant_redact(err->message, sizeof(err->message), token);
    OPENSSL_cleanse(body.data, body.len);
    buf_free(&body);
    http_response_free(&res);
    return rc;
}
