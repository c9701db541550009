/*
 * api_send: delivery over an HTTPS API (smtp_send() and Smtp\Client with an "api"
 * transport): the message checked for what the API can carry, the envelope
 * recipients, the token from a TokenStore (refreshed once and the request sent
 * once more when the API answers 401, as XOAUTH2 does over SMTP), and the result
 * array or the Smtp\Exception.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "zend_exceptions.h"

static size_t collect_rcpt(const mime_message *m, const char **out)
{
    const mime_address *lists[] = { m->to, m->cc, m->bcc };
    const size_t counts[] = { m->nto, m->ncc, m->nbcc };
    size_t n = 0;
    for (int l = 0; l < 3; l++) {
        for (size_t i = 0; i < counts[l]; i++) {
            size_t j = 0;
            while (j < n && strcasecmp(out[j], lists[l][i].email) != 0) j++;
            if (j == n) out[n++] = lists[l][i].email;
        }
    }
    return n;
}

static void build_result(zval *rv, const mime_message *m, const api_result *res, const api_client *c, int transcript)
{
    zval tr;
    smtp_result_array(rv, m->message_id, &res->accepted, &res->rejected, &res->rejected_reply, res->response);
    add_assoc_string(rv, "provider_id", (char *)res->provider_id);
    if (transcript) {
        smtp_transcript_to_array(&tr, &c->transcript);
        add_assoc_zval(rv, "transcript", &tr);
    }
}

static void wipe_buf(smtp_buf *b)
{
    if (b->data) memset(b->data, 0, b->len);
    buf_free(b);
}

static void note(api_client *c, const char *line)
{
    strlist_add(&c->transcript, line, strlen(line));
}

/* A token from the store; on a 401 one refresh (unless another process already did) and one more try. */
static int send_with_store(api_client *c, const api_config *cfg, smtp_oauth_source *o, const mime_message *m,
                           const char *const *rcpt, size_t n, api_result *res, smtp_error *err)
{
    smtp_buf token = SMTP_BUF_INIT, fresh = SMTP_BUF_INIT;
    token_store *ts = smtp_token_store_handle(o->store, err);
    if (!ts) return -1;
    int rc = token_store_access_token(ts, ZSTR_VAL(o->account), NULL, &token, err);
    if (rc == 0) rc = api_send(c, cfg, token.data, m, rcpt, n, res, err);
    if (rc != 0 && c->auth_rejected) {
        smtp_error refused = *err;
        note(c, "*: the API refused the access token (HTTP 401); refreshing it and trying once more");
        if (token_store_access_token(ts, ZSTR_VAL(o->account), token.data, &fresh, err) != 0) {
            size_t used = strlen(err->message);
            snprintf(err->message + used, sizeof(err->message) - used, " (after: %s)", refused.message);
        } else {
            api_result_free(res);
            api_result_init(res);
            rc = api_send(c, cfg, fresh.data, m, rcpt, n, res, err);
        }
    }
    wipe_buf(&token);
    wipe_buf(&fresh);
    return rc;
}

zend_result smtp_api_deliver(api_client *c, const api_config *cfg, smtp_oauth_source *oauth, int want_transcript,
                             mime_message *m, zval *return_value)
{
    char why[400];
    smtp_error err;
    error_clear(&err);
    if (api_message_check(cfg, m, why, sizeof(why)) != 0) {
        zend_argument_value_error(1, "%s", why);
        return FAILURE;
    }
    if (message_prepare(m, &err) != 0) {
        smtp_throw(&err, NULL);
        return FAILURE;
    }
    const char **rcpt = ecalloc(m->nto + m->ncc + m->nbcc + 1, sizeof(char *));
    size_t n = collect_rcpt(m, rcpt);
    api_result res;
    api_result_init(&res);
    strlist_clear(&c->transcript);
    int rc = oauth && oauth->store ? send_with_store(c, cfg, oauth, m, rcpt, n, &res, &err)
                                   : api_send(c, cfg, NULL, m, rcpt, n, &res, &err);
    if (rc == 0) {
        build_result(return_value, m, &res, c, want_transcript);
    } else {
        smtp_throw_message(&err, &c->transcript, m->message_id);
    }
    api_result_free(&res);
    efree(rcpt);
    return rc == 0 ? SUCCESS : FAILURE;
}
