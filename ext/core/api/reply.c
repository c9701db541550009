/* reply: see reply.h. Error shapes from each provider's API reference:
 *   Gmail, Graph   {"error": {"code": 400|"ErrorX", "message": "...", "status": "INVALID_ARGUMENT"}}
 *   Mailgun        {"message": "..."} (or a plain-text body such as "Forbidden")
 *   SES v2         {"message": "..."} with the type in x-amzn-ErrorType (or "__type")
 *   SendGrid       {"errors": [{"message": "...", "field": "...", "help": null}]}
 *   Postmark       {"ErrorCode": 300, "Message": "..."} (ErrorCode 0 on success)
 *   Mandrill       {"status": "error", "code": -1, "name": "Invalid_Key", "message": "..."} with HTTP 500,
 *                  success: [{"email", "status": sent|queued|scheduled|rejected|invalid, "reject_reason", "_id"}]
 */
#include "reply.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

void api_printable(const char *text, size_t len, char *out, size_t max)
{
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len && n + 4 < max; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f) {
            space = n > 0;
            continue;
        }
        if (c == ' ') { space = n > 0; continue; }
        if (space) { out[n++] = ' '; space = 0; }
        out[n++] = (char)c;
    }
    /* never end inside a UTF-8 sequence */
    while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80) n--;
    if (n > 0 && (unsigned char)out[n - 1] >= 0xc0) n--;
    out[n] = '\0';
}

static const char *str_of(json_object *o, const char *key)
{
    json_object *v;
    if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v)) return NULL;
    if (json_object_is_type(v, json_type_string)) return json_object_get_string(v);
    return NULL;
}

static long long int_of(json_object *o, const char *key, long long dflt)
{
    json_object *v;
    if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v)) return dflt;
    return json_object_is_type(v, json_type_int) ? (long long)json_object_get_int64(v) : dflt;
}

static json_object *parse_json(const char *body, size_t len)
{
    if (!body || len == 0 || len > (1u << 20)) return NULL;
    json_tokener *tok = json_tokener_new();
    if (!tok) return NULL;
    json_object *o = json_tokener_parse_ex(tok, body, (int)len);
    if (json_tokener_get_error(tok) != json_tokener_success) {
        json_object_put(o);
        o = NULL;
    }
    json_tokener_free(tok);
    return o;
}

static void set_text(api_reply *r, const char *a, const char *b)
{
    char joined[sizeof(r->text) * 2];
    snprintf(joined, sizeof(joined), "%s%s%s", a ? a : "", a && b && *a && *b ? ": " : "", b ? b : "");
    api_printable(joined, strlen(joined), r->text, sizeof(r->text));
}

/* Gmail and Graph share Google's and Microsoft's {"error": {...}} envelope. */
static void text_google_ms(api_reply *r, json_object *o)
{
    json_object *e;
    if (!json_object_object_get_ex(o, "error", &e)) return;
    if (json_object_is_type(e, json_type_string)) {          /* an OAuth-style error */
        set_text(r, json_object_get_string(e), str_of(o, "error_description"));
        return;
    }
    const char *code = str_of(e, "status") ? str_of(e, "status") : str_of(e, "code");
    set_text(r, code, str_of(e, "message"));
}

static void text_sendgrid(api_reply *r, json_object *o)
{
    json_object *errs;
    char all[1400] = "";
    if (!json_object_object_get_ex(o, "errors", &errs) || !json_object_is_type(errs, json_type_array)) return;
    size_t n = json_object_array_length(errs);
    for (size_t i = 0; i < n && i < 10; i++) {
        json_object *e = json_object_array_get_idx(errs, i);
        const char *msg = str_of(e, "message"), *field = str_of(e, "field");
        size_t used = strlen(all);
        snprintf(all + used, sizeof(all) - used, "%s%s%s%s%s", used ? "; " : "", msg ? msg : "(no message)",
                 field ? " (" : "", field ? field : "", field ? ")" : "");
    }
    set_text(r, NULL, all);
}

static void text_postmark(api_reply *r, json_object *o)
{
    char code[40];
    long long ec = int_of(o, "ErrorCode", -1);
    snprintf(code, sizeof(code), "ErrorCode %lld", ec);
    set_text(r, ec >= 0 ? code : NULL, str_of(o, "Message"));
    if (ec == 100) r->temporary = 1;                          /* "Maintenance" */
    if (ec == 10) r->auth = 1;                                /* "Bad or missing API token" */
}

static int mandrill_permanent(const char *name)
{
    static const char *const names[] = { "Invalid_Key", "ValidationError", "PaymentRequired", "Unknown_Subaccount" };
    for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) return 1;
    }
    return 0;
}

static void text_ses(api_reply *r, json_object *o, const api_reply_headers *h)
{
    char type[128] = "";
    const char *t = h && h->error_type[0] ? h->error_type : str_of(o, "__type");
    if (t) {
        const char *hash = strrchr(t, '#');
        snprintf(type, sizeof(type), "%s", hash ? hash + 1 : t);
        type[strcspn(type, ":")] = '\0';                      /* "MessageRejected:http://..." */
    }
    const char *msg = str_of(o, "message") ? str_of(o, "message") : str_of(o, "Message");
    set_text(r, type[0] ? type : NULL, msg);
    if (strstr(type, "Throttl") || strstr(type, "TooManyRequests")) r->temporary = 1;
}

static void plain_text(api_reply *r, const char *body, size_t len)
{
    char excerpt[300];
    api_printable(body ? body : "", body ? len : 0, excerpt, sizeof(excerpt));
    if (excerpt[0] == '<') {
        snprintf(r->text, sizeof(r->text), "%s", "an HTML page instead of the API's JSON");
    } else {
        snprintf(r->text, sizeof(r->text), "%s", excerpt[0] ? excerpt : "no error text");
    }
}

static void error_text(api_kind k, api_reply *r, json_object *o, const api_reply_headers *h, const char *body,
                       size_t len)
{
    if (o && json_object_is_type(o, json_type_object)) {
        switch (k) {
        case API_GMAIL: case API_GRAPH: text_google_ms(r, o); break;
        case API_SENDGRID: text_sendgrid(r, o); break;
        case API_POSTMARK: text_postmark(r, o); break;
        case API_SES: text_ses(r, o, h); break;
        case API_MANDRILL: set_text(r, str_of(o, "name"), str_of(o, "message")); break;
        case API_MAILGUN: default: set_text(r, NULL, str_of(o, "message")); break;
        }
    } else if (k == API_SES && h && h->error_type[0]) {
        text_ses(r, NULL, h);
    }
    if (!r->text[0]) plain_text(r, body, len);
}

/* Mandrill's array of per-recipient results. */
static void mandrill_results(api_reply *r, json_object *o)
{
    r->per_recipient = 1;
    size_t n = json_object_array_length(o);
    char refused[sizeof(r->text)] = "";
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(o, i);
        const char *email = str_of(e, "email"), *status = str_of(e, "status"), *why = str_of(e, "reject_reason");
        if (!email || !status) continue;
        char safe[320], reply[200];
        api_printable(email, strlen(email), safe, sizeof(safe));
        if (strcmp(status, "sent") == 0 || strcmp(status, "queued") == 0 || strcmp(status, "scheduled") == 0) {
            strlist_add(&r->accepted, safe, strlen(safe));
            const char *id = str_of(e, "_id");
            if (!r->provider_id[0] && id) api_printable(id, strlen(id), r->provider_id, sizeof(r->provider_id));
            continue;
        }
        char raw[200];
        snprintf(raw, sizeof(raw), "%s%s%s", status, why ? " " : "", why ? why : "");
        api_printable(raw, strlen(raw), reply, sizeof(reply));
        strlist_add(&r->rejected, safe, strlen(safe));
        strlist_add(&r->rejected_reply, reply, strlen(reply));
        size_t used = strlen(refused);
        snprintf(refused + used, sizeof(refused) - used, "%s%s (%s)", used ? ", " : "", safe, reply);
    }
    r->ok = r->accepted.count > 0;
    if (!r->ok) {
        snprintf(r->text, sizeof(r->text), "%s", refused[0] ? refused : "the reply lists no recipient");
        if (!refused[0]) r->unknown = 1;
    }
}

static void success_id(api_kind k, api_reply *r, json_object *o, const api_reply_headers *h)
{
    const char *id = NULL;
    switch (k) {
    case API_GMAIL: case API_MAILGUN: id = str_of(o, "id"); break;
    case API_SES: id = str_of(o, "MessageId"); break;
    case API_POSTMARK: id = str_of(o, "MessageID"); break;
    case API_GRAPH: id = h ? h->request_id : NULL; break;
    case API_SENDGRID: id = h ? h->message_id : NULL; break;
    default: break;
    }
    if (id) api_printable(id, strlen(id), r->provider_id, sizeof(r->provider_id));
}

void api_reply_parse(api_kind k, long status, const api_reply_headers *h, const char *body, size_t len,
                     api_reply *out)
{
    memset(out, 0, sizeof(*out));
    json_object *o = parse_json(body, len);
    if (status >= 200 && status < 300) {
        if (k == API_MANDRILL) {
            if (o && json_object_is_type(o, json_type_array)) {
                mandrill_results(out, o);
            } else {
                out->unknown = 1;
                snprintf(out->text, sizeof(out->text), "%s", "the reply does not list the recipients");
            }
        } else if (k == API_POSTMARK && int_of(o, "ErrorCode", 0) != 0) {
            error_text(k, out, o, h, body, len);             /* a refusal inside a 200 */
        } else {
            out->ok = 1;
            success_id(k, out, o, h);
        }
        json_object_put(o);
        return;
    }
    error_text(k, out, o, h, body, len);
    const char *mandrill_name = k == API_MANDRILL ? str_of(o, "name") : NULL;
    if (status == 408 || status == 429 || (status >= 500 && status < 600)) out->temporary = 1;
    if (k == API_MANDRILL && mandrill_permanent(mandrill_name)) out->temporary = 0;
    if (status == 401 || status == 403 || (mandrill_name && strcmp(mandrill_name, "Invalid_Key") == 0)) {
        out->auth = 1;
    }
    if (out->auth) out->temporary = 0;   /* authentication is never fixed by waiting */
    json_object_put(o);
}

void api_reply_free(api_reply *r)
{
    strlist_clear(&r->accepted);
    strlist_clear(&r->rejected);
    strlist_clear(&r->rejected_reply);
}
