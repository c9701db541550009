/* body: see body.h. */
#include "body.h"
#include "sigv4.h"
#include "stream.h"
#include "../oauth/http.h"
#include "../util/base64.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

/* ---- producers -------------------------------------------------------------------- */

static int oauth_reads_headers(api_kind k)
{
    return k == API_GMAIL || k == API_GRAPH;   /* Bcc travels in the uploaded message's header */
}

static int produce_mime(void *vctx, smtp_sink *sink, smtp_error *err)
{
    api_body_ctx *c = vctx;
    return message_render_bcc(c->m, oauth_reads_headers(c->cfg->kind), sink, err);
}

static int produce_base64_mime(void *vctx, smtp_sink *sink, smtp_error *err)
{
    b64flat_sink b;
    b64flat_init(&b, sink);
    return produce_mime(vctx, &b.sink, err) || b64flat_finish(&b) ? -1 : 0;
}

static int mailgun_prefix(const api_body_ctx *c, smtp_buf *out)
{
    int rc = 0;
    for (size_t i = 0; i < c->nrcpt; i++) {
        rc |= buf_printf(out, "--%s\r\nContent-Disposition: form-data; name=\"to\"\r\n\r\n%s\r\n", c->boundary,
                         c->rcpt[i]);
    }
    rc |= buf_printf(out, "--%s\r\nContent-Disposition: form-data; name=\"message\"; filename=\"message.mime\"\r\n"
                     "Content-Type: message/rfc822\r\n\r\n", c->boundary);
    return rc ? -1 : 0;
}

static int produce_mailgun(void *vctx, smtp_sink *sink, smtp_error *err)
{
    api_body_ctx *c = vctx;
    smtp_buf pre = SMTP_BUF_INIT, post = SMTP_BUF_INIT;
    int rc = mailgun_prefix(c, &pre) || buf_printf(&post, "\r\n--%s--\r\n", c->boundary) ? -1 : 0;
    if (rc) error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory building the request");
    if (rc == 0 && sink->count_only) {
        sink->count += pre.len + post.len;
        rc = produce_mime(vctx, sink, err);
    } else if (rc == 0) {
        rc = sink_write(sink, pre.data, pre.len) || produce_mime(vctx, sink, err) ||
             sink_write(sink, post.data, post.len) ? -1 : 0;
    }
    buf_free(&pre);
    buf_free(&post);
    return rc;
}

static int json_addr_list(smtp_sink *s, const char *key, const mime_address *list, size_t n, int first_key)
{
    if (!n) return 0;
    if (sink_puts(s, first_key ? "\"" : ",\"") || sink_puts(s, key) || sink_puts(s, "\":[")) return -1;
    for (size_t i = 0; i < n; i++) {
        if ((i && sink_puts(s, ",")) || json_write_string(s, list[i].email, strlen(list[i].email))) return -1;
    }
    return sink_puts(s, "]");
}

static int produce_ses(void *vctx, smtp_sink *s, smtp_error *err)
{
    api_body_ctx *c = vctx;
    const mime_message *m = c->m;
    b64flat_sink b;
    if (sink_puts(s, "{\"FromEmailAddress\":") || json_write_string(s, m->from.email, strlen(m->from.email)) ||
        sink_puts(s, ",\"Destination\":{")) return -1;
    int first = 1;
    if (json_addr_list(s, "ToAddresses", m->to, m->nto, first)) return -1;
    first &= !m->nto;
    if (json_addr_list(s, "CcAddresses", m->cc, m->ncc, first)) return -1;
    first &= !m->ncc;
    if (json_addr_list(s, "BccAddresses", m->bcc, m->nbcc, first)) return -1;
    if (sink_puts(s, "},\"Content\":{\"Raw\":{\"Data\":\"")) return -1;
    b64flat_init(&b, s);
    if (produce_mime(vctx, &b.sink, err) || b64flat_finish(&b)) return -1;
    return sink_puts(s, "\"}}}");
}

static int produce_mandrill(void *vctx, smtp_sink *s, smtp_error *err)
{
    api_body_ctx *c = vctx;
    const mime_message *m = c->m;
    json_escape_sink esc;
    if (sink_puts(s, "{\"key\":") || json_write_string(s, c->cfg->api_key, strlen(c->cfg->api_key)) ||
        sink_puts(s, ",\"from_email\":") || json_write_string(s, m->from.email, strlen(m->from.email))) return -1;
    if (m->from.name && (sink_puts(s, ",\"from_name\":") || json_write_string(s, m->from.name, strlen(m->from.name)))) {
        return -1;
    }
    if (sink_puts(s, ",\"to\":[")) return -1;
    for (size_t i = 0; i < c->nrcpt; i++) {
        if ((i && sink_puts(s, ",")) || json_write_string(s, c->rcpt[i], strlen(c->rcpt[i]))) return -1;
    }
    if (sink_puts(s, "],\"async\":false,\"raw_message\":\"")) return -1;
    json_escape_init(&esc, s);
    if (produce_mime(vctx, &esc.sink, err)) return -1;
    return sink_puts(s, "\"}");
}

/* ---- SendGrid and Postmark: the message array in their JSON ------------------------- */

static const char *attachment_name(const mime_attachment *a)
{
    if (a->name) return a->name;
    const char *slash = a->path ? strrchr(a->path, '/') : NULL;
    return slash ? slash + 1 : a->path ? a->path : "attachment";
}

/* The attachment's bytes as one base64 JSON string, read from disk as it goes. */
static int json_attachment_content(smtp_sink *s, const mime_attachment *a, smtp_error *err)
{
    b64flat_sink b;
    if (sink_puts(s, "\"")) return -1;
    b64flat_init(&b, s);
    if (a->data) {
        if (sink_write(&b.sink, a->data, a->data_len)) return -1;
    } else {
        FILE *f = fopen(a->path, "rb");
        if (!f) {
            error_set(err, SMTP_ERR_IO, 0, "Attachment \"%s\" could not be read", a->path);
            return -1;
        }
        char *block = malloc(48 * 1024);
        size_t n;
        int rc = block ? 0 : -1;
        while (rc == 0 && (n = fread(block, 1, 48 * 1024, f)) > 0) rc = sink_write(&b.sink, block, n);
        if (rc == 0 && ferror(f)) {
            error_set(err, SMTP_ERR_IO, 0, "Attachment \"%s\" could not be read", a->path);
            rc = -1;
        }
        free(block);
        fclose(f);
        if (rc) return -1;
    }
    return b64flat_finish(&b) || sink_puts(s, "\"") ? -1 : 0;
}

/* 1 when the address already appeared earlier in to, cc or bcc (SendGrid refuses duplicates). */
static int seen_before(const mime_message *m, const mime_address *a)
{
    const mime_address *lists[] = { m->to, m->cc, m->bcc };
    const size_t counts[] = { m->nto, m->ncc, m->nbcc };
    for (int l = 0; l < 3; l++) {
        for (size_t i = 0; i < counts[l]; i++) {
            if (&lists[l][i] == a) return 0;
            if (strcasecmp(lists[l][i].email, a->email) == 0) return 1;
        }
    }
    return 0;
}

static int sendgrid_addr(smtp_sink *s, const mime_address *a)
{
    if (sink_puts(s, "{\"email\":") || json_write_string(s, a->email, strlen(a->email))) return -1;
    if (a->name && (sink_puts(s, ",\"name\":") || json_write_string(s, a->name, strlen(a->name)))) return -1;
    return sink_puts(s, "}");
}

/* "key":[{...},...] with a comma before it unless it is the first key (*keys counts them). */
static int sendgrid_list(smtp_sink *s, const mime_message *m, const char *key, const mime_address *list, size_t n,
                         int *keys)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (seen_before(m, &list[i])) continue;
        if (!any && (sink_puts(s, *keys ? ",\"" : "\"") || sink_puts(s, key) || sink_puts(s, "\":["))) return -1;
        if ((any && sink_puts(s, ",")) || sendgrid_addr(s, &list[i])) return -1;
        any = 1;
    }
    *keys += any;
    return any ? sink_puts(s, "]") : 0;
}

static int sendgrid_content(smtp_sink *s, const mime_message *m)
{
    if (sink_puts(s, ",\"content\":[")) return -1;
    if (m->text || !m->html) {
        const char *t = m->text && m->text_len ? m->text : "\r\n";   /* SendGrid refuses an empty value */
        size_t tl = m->text && m->text_len ? m->text_len : 2;
        if (sink_puts(s, "{\"type\":\"text/plain\",\"value\":") || json_write_string(s, t, tl) || sink_puts(s, "}")) {
            return -1;
        }
    }
    if (m->html && ((m->text && sink_puts(s, ",")) || sink_puts(s, "{\"type\":\"text/html\",\"value\":") ||
                    json_write_string(s, m->html, m->html_len) || sink_puts(s, "}"))) return -1;
    return sink_puts(s, "]");
}

static int sendgrid_attachments(smtp_sink *s, const mime_message *m, smtp_error *err)
{
    if (!m->nattachments) return 0;
    if (sink_puts(s, ",\"attachments\":[")) return -1;
    for (size_t i = 0; i < m->nattachments; i++) {
        const mime_attachment *a = &m->attachments[i];
        const char *name = attachment_name(a);
        if ((i && sink_puts(s, ",")) || sink_puts(s, "{\"content\":") || json_attachment_content(s, a, err) ||
            sink_puts(s, ",\"filename\":") || json_write_string(s, name, strlen(name)) ||
            sink_puts(s, ",\"type\":") || json_write_string(s, a->type, strlen(a->type)) ||
            sink_puts(s, a->cid ? ",\"disposition\":\"inline\",\"content_id\":" : ",\"disposition\":\"attachment\"") ||
            (a->cid && json_write_string(s, a->cid, strlen(a->cid))) || sink_puts(s, "}")) return -1;
    }
    return sink_puts(s, "]");
}

static int sendgrid_headers(smtp_sink *s, const mime_message *m)
{
    if (sink_puts(s, ",\"headers\":{\"Message-ID\":") || json_write_string(s, m->message_id, strlen(m->message_id))) {
        return -1;
    }
    for (size_t i = 0; i < m->nheaders; i++) {
        const mime_header *h = &m->headers[i];
        if (strcasecmp(h->name, "Message-ID") == 0) continue;
        if (sink_puts(s, ",") || json_write_string(s, h->name, strlen(h->name)) || sink_puts(s, ":") ||
            json_write_string(s, h->value, strlen(h->value))) return -1;
    }
    return sink_puts(s, "}");
}

static int produce_sendgrid(void *vctx, smtp_sink *s, smtp_error *err)
{
    const mime_message *m = ((api_body_ctx *)vctx)->m;
    int keys = 0;
    if (sink_puts(s, "{\"personalizations\":[{")) return -1;
    if (sendgrid_list(s, m, "to", m->to, m->nto, &keys) || sendgrid_list(s, m, "cc", m->cc, m->ncc, &keys) ||
        sendgrid_list(s, m, "bcc", m->bcc, m->nbcc, &keys) || sink_puts(s, "}],\"from\":") ||
        sendgrid_addr(s, &m->from)) {
        return -1;
    }
    if (m->nreply_to == 1 && (sink_puts(s, ",\"reply_to\":") || sendgrid_addr(s, &m->reply_to[0]))) return -1;
    if (m->nreply_to > 1) {
        if (sink_puts(s, ",\"reply_to_list\":[")) return -1;
        for (size_t i = 0; i < m->nreply_to; i++) {
            if ((i && sink_puts(s, ",")) || sendgrid_addr(s, &m->reply_to[i])) return -1;
        }
        if (sink_puts(s, "]")) return -1;
    }
    if (m->subject && (sink_puts(s, ",\"subject\":") || json_write_string(s, m->subject, strlen(m->subject)))) return -1;
    if (sendgrid_content(s, m) || sendgrid_attachments(s, m, err) || sendgrid_headers(s, m)) return -1;
    return sink_puts(s, "}");
}

/* "Name" <a@b>, a@b, ... as one JSON string (Postmark's address fields). */
static int postmark_addrs(smtp_sink *s, const char *key, const mime_address *list, size_t n)
{
    smtp_buf b = SMTP_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (i) rc |= buf_puts(&b, ", ");
        if (list[i].name) {
            rc |= buf_puts(&b, "\"");
            for (const char *p = list[i].name; *p && rc == 0; p++) {
                if (*p == '"' || *p == '\\') rc |= buf_puts(&b, "\\");
                rc |= buf_append(&b, p, 1);
            }
            rc |= buf_printf(&b, "\" <%s>", list[i].email);
        } else {
            rc |= buf_puts(&b, list[i].email);
        }
    }
    if (rc == 0 && n) {
        rc = sink_puts(s, ",\"") || sink_puts(s, key) || sink_puts(s, "\":") || json_write_string(s, b.data, b.len);
    }
    buf_free(&b);
    return rc ? -1 : 0;
}

static int postmark_headers(smtp_sink *s, const mime_message *m)
{
    if (sink_puts(s, ",\"Headers\":[{\"Name\":\"Message-ID\",\"Value\":") ||
        json_write_string(s, m->message_id, strlen(m->message_id)) || sink_puts(s, "}")) return -1;
    for (size_t i = 0; i < m->nheaders; i++) {
        const mime_header *h = &m->headers[i];
        if (strcasecmp(h->name, "Message-ID") == 0) continue;
        if (sink_puts(s, ",{\"Name\":") || json_write_string(s, h->name, strlen(h->name)) ||
            sink_puts(s, ",\"Value\":") || json_write_string(s, h->value, strlen(h->value)) || sink_puts(s, "}")) {
            return -1;
        }
    }
    return sink_puts(s, "]");
}

static int postmark_attachments(smtp_sink *s, const mime_message *m, smtp_error *err)
{
    if (!m->nattachments) return 0;
    if (sink_puts(s, ",\"Attachments\":[")) return -1;
    for (size_t i = 0; i < m->nattachments; i++) {
        const mime_attachment *a = &m->attachments[i];
        const char *name = attachment_name(a);
        if ((i && sink_puts(s, ",")) || sink_puts(s, "{\"Name\":") || json_write_string(s, name, strlen(name)) ||
            sink_puts(s, ",\"Content\":") || json_attachment_content(s, a, err) ||
            sink_puts(s, ",\"ContentType\":") || json_write_string(s, a->type, strlen(a->type))) return -1;
        if (a->cid) {
            /* Postmark's inline images: "ContentID": "cid:name" */
            if (sink_puts(s, ",\"ContentID\":\"cid:") || sink_write(s, a->cid, strlen(a->cid)) || sink_puts(s, "\"")) {
                return -1;
            }
        }
        if (sink_puts(s, "}")) return -1;
    }
    return sink_puts(s, "]");
}

static int produce_postmark(void *vctx, smtp_sink *s, smtp_error *err)
{
    const mime_message *m = ((api_body_ctx *)vctx)->m;
    if (sink_puts(s, "{\"MessageStream\":\"outbound\"") || postmark_addrs(s, "From", &m->from, 1) ||
        postmark_addrs(s, "To", m->to, m->nto) || postmark_addrs(s, "Cc", m->cc, m->ncc) ||
        postmark_addrs(s, "Bcc", m->bcc, m->nbcc) || postmark_addrs(s, "ReplyTo", m->reply_to, m->nreply_to)) {
        return -1;
    }
    if (m->subject && (sink_puts(s, ",\"Subject\":") || json_write_string(s, m->subject, strlen(m->subject)))) return -1;
    if (m->text && (sink_puts(s, ",\"TextBody\":") || json_write_string(s, m->text, m->text_len))) return -1;
    if (m->html && (sink_puts(s, ",\"HtmlBody\":") || json_write_string(s, m->html, m->html_len))) return -1;
    if (!m->text && !m->html && sink_puts(s, ",\"TextBody\":\"\\r\\n\"")) return -1;
    if (postmark_headers(s, m) || postmark_attachments(s, m, err)) return -1;
    return sink_puts(s, "}");
}

/* ---- building ------------------------------------------------------------------- */

static int add_header(api_request *rq, const char *fmt, const char *a, const char *b)
{
    smtp_buf h = SMTP_BUF_INIT;
    if (rq->nheaders >= API_MAX_HEADERS || buf_printf(&h, fmt, a, b ? b : "") != 0) return -1;
    rq->headers[rq->nheaders++] = h.data;
    rq->headers[rq->nheaders] = NULL;
    return 0;
}

static int auth_headers(api_request *rq, const api_config *cfg, const char *token)
{
    switch (cfg->kind) {
    case API_GMAIL: case API_GRAPH:
        return add_header(rq, "Authorization: Bearer %s%s", token, NULL);
    case API_SENDGRID:
        return add_header(rq, "Authorization: Bearer %s%s", cfg->api_key, NULL);
    case API_POSTMARK:
        return add_header(rq, "X-Postmark-Server-Token: %s%s", cfg->api_key, NULL);
    case API_MAILGUN: {
        smtp_buf userpass = SMTP_BUF_INIT, b64 = SMTP_BUF_INIT;
        int rc = buf_printf(&userpass, "api:%s", cfg->api_key) || base64_append(&b64, userpass.data, userpass.len) ||
                 add_header(rq, "Authorization: Basic %s%s", b64.data, NULL) ? -1 : 0;
        if (userpass.data) OPENSSL_cleanse(userpass.data, userpass.len);
        if (b64.data) OPENSSL_cleanse(b64.data, b64.len);
        buf_free(&userpass);
        buf_free(&b64);
        return rc;
    }
    default:
        return 0;   /* SES signs (below); Mandrill's key is in the body */
    }
}

static const char *path_of(api_kind k)
{
    static const char *const paths[API_COUNT] = {
        "/upload/gmail/v1/users/me/messages/send?uploadType=media", "/v1.0/me/sendMail", NULL,
        "/v2/email/outbound-emails", "/v3/mail/send", "/email", "/api/1.0/messages/send-raw.json",
    };
    return paths[k];
}

static int build_url(api_request *rq, const api_config *cfg)
{
    if (api_base_url(cfg, &rq->url) != 0) return -1;
    if (cfg->kind != API_MAILGUN) return buf_puts(&rq->url, path_of(cfg->kind));
    return buf_puts(&rq->url, "/v3/") || http_form_escape(&rq->url, cfg->domain) ||
           buf_puts(&rq->url, "/messages.mime") ? -1 : 0;
}

/* Mailgun's form boundary must not occur in the message it carries (RFC 2046 5.1.1):
 * 128 random bits, or an error; never a fixed stand-in when OpenSSL's generator fails. */
static int random_boundary(char *out, size_t outlen, smtp_error *err)
{
    unsigned char r[16];
    char hex[33];
    if (RAND_bytes(r, sizeof(r)) != 1) {
        error_set(err, SMTP_ERR_IO, 0, "OpenSSL's random generator failed: no multipart/form-data boundary; "
                  "nothing was sent");
        return -1;
    }
    sigv4_hex(r, sizeof(r), hex);
    snprintf(out, outlen, "php-smtp-form-%s", hex);
    return 0;
}

/* Measures the body: cheaply for the MIME-only APIs (the writer counts attachments
 * without reading them), by producing it for the JSON ones (and hashing it for SES). */
static int measure(api_request *rq, char sha[65], smtp_error *err)
{
    api_kind k = rq->ctx.cfg->kind;
    count_sink c;
    if (count_sink_init(&c, k == API_SES) != 0) {
        error_set(err, SMTP_ERR_MEMORY, 0, "OpenSSL could not start SHA-256");
        return -1;
    }
    c.sink.count_only = k == API_GMAIL || k == API_GRAPH || k == API_MAILGUN;
    int rc = c.sink.count_only && k == API_GRAPH ? produce_mime(&rq->ctx, &c.sink, err)
                                                 : rq->produce(&rq->ctx, &c.sink, err);
    rq->body_len = k == API_GRAPH ? b64flat_size(c.sink.count) : c.sink.count;
    count_sink_finish(&c, sha);
    return rc;
}

static int sign_ses(api_request *rq, const api_config *cfg, const char *sha)
{
    char date[17];
    smtp_buf auth = SMTP_BUF_INIT;
    sigv4_amz_date(time(NULL), date);
    const char *host = rq->url.data + strlen("https://");
    size_t hostlen = strcspn(host, "/");
    char hostbuf[256];
    snprintf(hostbuf, sizeof(hostbuf), "%.*s", (int)hostlen, host);
    sigv4_request s = {
        .method = "POST", .host = hostbuf, .path = path_of(API_SES), .query = "",
        .content_type = "application/json", .amz_date = date, .session_token = cfg->session_token,
        .payload_sha256 = sha, .region = cfg->region, .service = "ses",
        .access_key_id = cfg->access_key_id, .secret_access_key = cfg->secret_access_key,
    };
    int rc = sigv4_authorization(&s, &auth, NULL, NULL) || add_header(rq, "Host: %s%s", hostbuf, NULL) ||
             add_header(rq, "X-Amz-Date: %s%s", date, NULL) ||
             (cfg->session_token && add_header(rq, "X-Amz-Security-Token: %s%s", cfg->session_token, NULL)) ||
             add_header(rq, "Authorization: %s%s", auth.data, NULL) ? -1 : 0;
    if (auth.data) OPENSSL_cleanse(auth.data, auth.len);
    buf_free(&auth);
    return rc;
}

static void choose_producer(api_request *rq, api_kind k)
{
    static int (*const producers[API_COUNT])(void *, smtp_sink *, smtp_error *) = {
        produce_mime, produce_base64_mime, produce_mailgun, produce_ses, produce_sendgrid, produce_postmark,
        produce_mandrill,
    };
    static const char *const types[API_COUNT] = {
        "message/rfc822", "text/plain", NULL, "application/json", "application/json", "application/json",
        "application/json",
    };
    rq->produce = producers[k];
    if (k == API_MAILGUN) {
        snprintf(rq->content_type, sizeof(rq->content_type), "multipart/form-data; boundary=%s", rq->ctx.boundary);
    } else {
        snprintf(rq->content_type, sizeof(rq->content_type), "%s", types[k]);
    }
}

int api_request_build(api_request *rq, const api_config *cfg, const char *token, const mime_message *m,
                      const char *const *rcpt, size_t nrcpt, smtp_error *err)
{
    char sha[65] = "";
    memset(rq, 0, sizeof(*rq));
    rq->ctx = (api_body_ctx){ .cfg = cfg, .m = m, .rcpt = rcpt, .nrcpt = nrcpt };
    if (cfg->kind == API_MAILGUN && random_boundary(rq->ctx.boundary, sizeof(rq->ctx.boundary), err) != 0) return -1;
    choose_producer(rq, cfg->kind);
    if (build_url(rq, cfg) || add_header(rq, "Content-Type: %s%s", rq->content_type, NULL) ||
        add_header(rq, "Accept: application/json%s%s", "", NULL) || auth_headers(rq, cfg, token)) {
        error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory building the request");
        return -1;
    }
    if (measure(rq, sha, err) != 0) return -1;
    if (cfg->kind == API_SES && sign_ses(rq, cfg, sha) != 0) {
        error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory signing the request");
        return -1;
    }
    return 0;
}

void api_request_free(api_request *rq)
{
    for (size_t i = 0; i < rq->nheaders; i++) {
        OPENSSL_cleanse(rq->headers[i], strlen(rq->headers[i]));
        free(rq->headers[i]);
    }
    buf_free(&rq->url);
    memset(rq, 0, sizeof(*rq));
}
