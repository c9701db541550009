/* api: names, configuration checks, the kept client and api_send() (see api.h). */
#include "api.h"
#include "body.h"
#include "reply.h"
#include "transfer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#define GRAPH_MAX_REQUEST (4u * 1024 * 1024)   /* Graph's limit for one request, attachments included */

static const char *const names[API_COUNT] = { "gmail", "graph", "mailgun", "ses", "sendgrid", "postmark", "mandrill" };
static const char *const titles[API_COUNT] = {
    "Gmail API", "Microsoft Graph", "Mailgun", "Amazon SES", "SendGrid", "Postmark", "Mandrill",
};

const char *api_name(api_kind k) { return k < API_COUNT ? names[k] : "?"; }
const char *api_title(api_kind k) { return k < API_COUNT ? titles[k] : "?"; }
int api_uses_oauth(api_kind k) { return k == API_GMAIL || k == API_GRAPH; }

int api_find(const char *name, api_kind *out)
{
    for (int i = 0; i < API_COUNT; i++) {
        if (strcmp(name, names[i]) == 0) { *out = (api_kind)i; return 0; }
    }
    return -1;
}

/* ---- configuration ------------------------------------------------------------------ */

static int dup_str(char **dst, const char *src)
{
    *dst = NULL;
    if (!src) return 0;
    *dst = strdup(src);
    return *dst ? 0 : -1;
}

int api_config_copy(api_config *dst, const api_config *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->kind = src->kind;
    dst->timeout_ms = src->timeout_ms;
    int rc = dup_str(&dst->endpoint, src->endpoint) | dup_str(&dst->cafile, src->cafile) |
             dup_str(&dst->api_key, src->api_key) | dup_str(&dst->domain, src->domain) |
             dup_str(&dst->region, src->region) | dup_str(&dst->access_key_id, src->access_key_id) |
             dup_str(&dst->secret_access_key, src->secret_access_key) |
             dup_str(&dst->session_token, src->session_token) | dup_str(&dst->oauth_token, src->oauth_token);
    if (rc) api_config_free(dst);
    return rc ? -1 : 0;
}

static void wipe(char *s)
{
    if (s) { OPENSSL_cleanse(s, strlen(s)); free(s); }
}

void api_config_free(api_config *c)
{
    free(c->endpoint); free(c->cafile); free(c->domain); free(c->region); free(c->access_key_id);
    wipe(c->api_key); wipe(c->secret_access_key); wipe(c->session_token); wipe(c->oauth_token);
    memset(c, 0, sizeof(*c));
}

int api_base_url(const api_config *c, smtp_buf *out)
{
    if (c->endpoint) {
        size_t n = strlen(c->endpoint);
        while (n > 8 && c->endpoint[n - 1] == '/') n--;
        return buf_append(out, c->endpoint, n);
    }
    switch (c->kind) {
    case API_GMAIL: return buf_puts(out, "https://gmail.googleapis.com");
    case API_GRAPH: return buf_puts(out, "https://graph.microsoft.com");
    case API_MAILGUN:
        return buf_puts(out, c->region && strcmp(c->region, "eu") == 0 ? "https://api.eu.mailgun.net"
                                                                       : "https://api.mailgun.net");
    case API_SES: return buf_printf(out, "https://email.%s.amazonaws.com", c->region);
    case API_SENDGRID: return buf_puts(out, "https://api.sendgrid.com");
    case API_POSTMARK: return buf_puts(out, "https://api.postmarkapp.com");
    case API_MANDRILL: default: return buf_puts(out, "https://mandrillapp.com");
    }
}

static int fail(char *why, size_t whylen, const char *fmt, const char *a)
{
    snprintf(why, whylen, fmt, a);
    return -1;
}

static int token_chars(const char *s, const char *extra)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (!isalnum(*p) && !strchr(extra, *p)) return 0;
    }
    return *s != '\0';
}

/* "https://host[:port]", nothing after but slashes. */
static int check_endpoint(const char *e, char *why, size_t whylen)
{
    if (strncmp(e, "https://", 8) != 0) return fail(why, whylen, "%s", "[\"endpoint\"] must be an https:// URL");
    const char *host = e + 8;
    size_t hl = strcspn(host, "/");
    if (hl == 0) return fail(why, whylen, "%s", "[\"endpoint\"] must name a host");
    for (size_t i = 0; i < hl; i++) {
        if (!isalnum((unsigned char)host[i]) && !strchr(".-:[]_", host[i])) {
            return fail(why, whylen, "%s", "[\"endpoint\"] must be scheme, host and port only (https://host:port)");
        }
    }
    for (const char *p = host + hl; *p; p++) {
        if (*p != '/') return fail(why, whylen, "%s", "[\"endpoint\"] must be scheme, host and port only (https://host:port)");
    }
    return 0;
}

static int need(const char *v, const char *key, const char *api, char *why, size_t whylen)
{
    char msg[200];
    if (v && *v) return 0;
    snprintf(msg, sizeof(msg), "[\"%s\"] is required for \"api\" \"%%s\"", key);
    return fail(why, whylen, msg, api);
}

int api_config_check(const api_config *c, char *why, size_t whylen)
{
    const char *n = api_name(c->kind);
    if (c->endpoint && check_endpoint(c->endpoint, why, whylen)) return -1;
    switch (c->kind) {
    case API_MAILGUN:
        if (need(c->api_key, "api_key", n, why, whylen) || need(c->domain, "domain", n, why, whylen)) return -1;
        if (!token_chars(c->domain, ".-_")) return fail(why, whylen, "%s", "[\"domain\"] must be a domain name");
        if (c->region && strcmp(c->region, "eu") && strcmp(c->region, "us")) {
            return fail(why, whylen, "%s", "[\"region\"] must be \"us\" or \"eu\" for mailgun");
        }
        return 0;
    case API_SES:
        if (need(c->region, "region", n, why, whylen) || need(c->access_key_id, "access_key_id", n, why, whylen) ||
            need(c->secret_access_key, "secret_access_key", n, why, whylen)) return -1;
        if (!token_chars(c->region, "-")) return fail(why, whylen, "%s", "[\"region\"] must look like \"eu-west-1\"");
        if (!token_chars(c->access_key_id, "")) return fail(why, whylen, "%s", "[\"access_key_id\"] must be letters and digits");
        return 0;
    case API_SENDGRID: case API_POSTMARK: case API_MANDRILL:
        return need(c->api_key, "api_key", n, why, whylen);
    default:
        return 0;   /* gmail, graph: the binding checks "oauth" */
    }
}

static int utf8_ok(const char *s, size_t len)
{
    return !s || utf8_valid(s, len);
}

int api_message_check(const api_config *c, const mime_message *m, char *why, size_t whylen)
{
    const char *n = api_name(c->kind);
    if (m->envelope_from) {
        return fail(why, whylen, "[\"envelope_from\"] cannot be carried by \"api\" \"%s\": the API takes the "
                    "envelope sender (return path) from the account; it works over SMTP only", n);
    }
    if (c->kind == API_SENDGRID || c->kind == API_POSTMARK) {
        if (m->raw) return fail(why, whylen, "[\"raw\"] cannot be sent with \"api\" \"%s\": it takes JSON, not MIME", n);
        if (m->sender) return fail(why, whylen, "[\"sender\"] cannot be carried by \"api\" \"%s\"", n);
        if (!m->nto) return fail(why, whylen, "needs at least one \"to\" recipient with \"api\" \"%s\"", n);
        if (!utf8_ok(m->text, m->text_len) || !utf8_ok(m->html, m->html_len)) {
            return fail(why, whylen, "[\"text\"] and [\"html\"] must be UTF-8 for \"api\" \"%s\" (JSON)", n);
        }
    }
    if (api_uses_oauth(c->kind) && m->raw && m->nbcc) {
        return fail(why, whylen, "[\"bcc\"] cannot go with [\"raw\"] for \"api\" \"%s\": it reads the recipients "
                    "from the raw message's own headers", n);
    }
    if (c->kind == API_MANDRILL && m->raw && !utf8_valid(m->raw, m->raw_len)) {
        return fail(why, whylen, "[\"raw\"] must be UTF-8 for \"api\" \"%s\" (it travels in a JSON string)", n);
    }
    return 0;
}

/* ---- the client -------------------------------------------------------------------- */

void api_result_init(api_result *r)
{
    memset(r, 0, sizeof(*r));
}

void api_result_free(api_result *r)
{
    strlist_clear(&r->accepted);
    strlist_clear(&r->rejected);
    strlist_clear(&r->rejected_reply);
}

void api_client_init(api_client *c)
{
    memset(c, 0, sizeof(*c));
}

void api_client_free(api_client *c)
{
    if (c->easy) curl_easy_cleanup(c->easy);
    if (c->multi) curl_multi_cleanup(c->multi);
    strlist_clear(&c->transcript);
    memset(c, 0, sizeof(*c));
}

static void note(api_client *c, const char *fmt, const char *a, const char *b)
{
    smtp_buf line = SMTP_BUF_INIT;
    if (buf_printf(&line, fmt, a, b) == 0) strlist_add(&c->transcript, line.data, line.len);
    buf_free(&line);
}

static void transcribe_reply(api_client *c, const api_http_reply *r)
{
    char status[64], excerpt[1000];
    snprintf(status, sizeof(status), "%s %ld", r->http_version[0] ? r->http_version : "HTTP", r->status);
    note(c, "S: %s%s", status, "");
    if (r->body.len) {
        api_printable(r->body.data, r->body.len, excerpt, sizeof(excerpt));
        note(c, "S: %s%s", excerpt, "");
    }
}

static int refuse(api_client *c, const api_config *cfg, long status, const api_reply *rp, int retry_after,
                  smtp_error *err)
{
    char wait[48] = "";
    if (retry_after > 0) snprintf(wait, sizeof(wait), " (Retry-After: %d s)", retry_after);
    if (rp->unknown) {
        error_set(err, SMTP_ERR_PROTOCOL, 1, "Outcome unknown: %s answered HTTP %ld but %s; do not resend blindly",
                  api_title(cfg->kind), status, rp->text);
        err->outcome_unknown = 1;
    } else {
        error_set(err, SMTP_ERR_REPLY, rp->temporary, "%s refused the message (HTTP %ld): %s%s",
                  api_title(cfg->kind), status, rp->text, wait);
    }
    err->http_status = (int)status;
    err->retry_after = retry_after;
    c->auth_rejected = status == 401;
    return -1;
}

static int accept_reply(const api_config *cfg, const api_reply *rp, long status, const char *const *rcpt,
                        size_t nrcpt, api_result *res)
{
    res->http_status = status;
    snprintf(res->provider_id, sizeof(res->provider_id), "%s", rp->provider_id);
    snprintf(res->response, sizeof(res->response), "HTTP %ld%s%s", status, rp->provider_id[0] ? " " : "",
             rp->provider_id[0] ? rp->provider_id : api_title(cfg->kind));
    if (rp->per_recipient) {
        for (size_t i = 0; i < rp->accepted.count; i++) strlist_add(&res->accepted, rp->accepted.items[i], strlen(rp->accepted.items[i]));
        for (size_t i = 0; i < rp->rejected.count; i++) {
            strlist_add(&res->rejected, rp->rejected.items[i], strlen(rp->rejected.items[i]));
            strlist_add(&res->rejected_reply, rp->rejected_reply.items[i], strlen(rp->rejected_reply.items[i]));
        }
        return 0;
    }
    for (size_t i = 0; i < nrcpt; i++) strlist_add(&res->accepted, rcpt[i], strlen(rcpt[i]));
    return 0;
}

static int too_big_for_graph(const api_request *rq, smtp_error *err)
{
    error_set(err, SMTP_ERR_ARGUMENT, 0, "Microsoft Graph cannot take this message: it is %.1f MB as sent "
              "(base64), above Graph's limit of 4 MB per sendMail request; nothing was sent. Send it over SMTP "
              "(smtp.office365.com) or with smaller attachments", rq->body_len / (1024.0 * 1024.0));
    return -1;
}

static int exchange(api_client *c, const api_config *cfg, api_request *rq, const char *const *rcpt, size_t nrcpt,
                    api_result *res, smtp_error *err)
{
    char size[40];
    snprintf(size, sizeof(size), "%llu bytes", (unsigned long long)rq->body_len);
    note(c, "C: POST %s", rq->url.data, "");
    note(c, "C: Content-Type: %s, %s", rq->content_type, size);
    api_transfer t = { .url = rq->url.data, .headers = (const char *const *)rq->headers, .body_len = rq->body_len,
                       .produce = rq->produce, .ctx = &rq->ctx, .ca_file = cfg->cafile, .timeout_ms = cfg->timeout_ms };
    api_http_reply r;
    if (api_transfer_run(c, &t, &r, err) != 0) {
        char why[sizeof(err->message)];
        snprintf(why, sizeof(why), "%s", err->message);
        snprintf(err->message, sizeof(err->message), "%s at %.200s: %.1700s", api_title(cfg->kind), rq->url.data, why);
        note(c, "*: %s%s", err->message, "");
        api_http_reply_free(&r);
        return -1;
    }
    transcribe_reply(c, &r);
    api_reply rp;
    api_reply_parse(cfg->kind, r.status, &r.headers, r.body.data, r.body.len, &rp);
    int rc = rp.ok ? accept_reply(cfg, &rp, r.status, rcpt, nrcpt, res)
                   : refuse(c, cfg, r.status, &rp, r.headers.retry_after, err);
    api_reply_free(&rp);
    api_http_reply_free(&r);
    return rc;
}

int api_send(api_client *c, const api_config *cfg, const char *token, const mime_message *m,
             const char *const *rcpt, size_t nrcpt, api_result *res, smtp_error *err)
{
    api_request rq;
    c->auth_rejected = 0;
    if (!token) token = cfg->oauth_token;
    if (api_uses_oauth(cfg->kind) && !(token && *token)) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "%s needs an OAuth access token", api_title(cfg->kind));
        return -1;
    }
    int rc = api_request_build(&rq, cfg, token, m, rcpt, nrcpt, err);
    if (rc == 0 && cfg->kind == API_GRAPH && rq.body_len > GRAPH_MAX_REQUEST) rc = too_big_for_graph(&rq, err);
    if (rc == 0) rc = exchange(c, cfg, &rq, rcpt, nrcpt, res, err);
    api_request_free(&rq);
    return rc;
}
