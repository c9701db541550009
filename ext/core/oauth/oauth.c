/* oauth: see oauth.h. */
#include "oauth.h"
#include "http.h"
#include "../util/base64.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

/* base64url without padding (RFC 4648 section 5), as PKCE wants it. */
static int base64url(char *out, size_t size, const unsigned char *data, size_t len)
{
    smtp_buf b = SMTP_BUF_INIT;
    if (base64_append(&b, data, len) != 0) {
        buf_free(&b);
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < b.len && b.data[i] != '=' && n + 1 < size; i++) {
        out[n++] = b.data[i] == '+' ? '-' : b.data[i] == '/' ? '_' : b.data[i];
    }
    out[n] = '\0';
    OPENSSL_cleanse(b.data, b.len);
    buf_free(&b);
    return 0;
}

int oauth_pkce(char verifier[PKCE_VERIFIER_LEN + 1], char challenge[PKCE_VERIFIER_LEN + 1])
{
    unsigned char random[32], digest[SHA256_DIGEST_LENGTH];
    if (RAND_bytes(random, sizeof(random)) != 1 ||
        base64url(verifier, PKCE_VERIFIER_LEN + 1, random, sizeof(random)) != 0) {
        return -1;
    }
    SHA256((const unsigned char *)verifier, strlen(verifier), digest);   /* RFC 7636 4.2: S256 */
    OPENSSL_cleanse(random, sizeof(random));
    return base64url(challenge, PKCE_VERIFIER_LEN + 1, digest, sizeof(digest));
}

int oauth_authorization_url(smtp_buf *out, const oauth_url_params *p)
{
    smtp_buf query = SMTP_BUF_INIT;
    int rc = http_form_add(&query, "response_type", "code") || http_form_add(&query, "client_id", p->client_id) ||
             http_form_add(&query, "redirect_uri", p->redirect_uri) || http_form_add(&query, "scope", p->scope) ||
             http_form_add(&query, "state", p->state) ||
             /* Google: a refresh token, and a fresh one on every consent */
             http_form_add(&query, "access_type", "offline") || http_form_add(&query, "prompt", "consent") ||
             http_form_add(&query, "code_challenge", p->code_challenge) ||
             http_form_add(&query, "code_challenge_method", "S256");
    rc = rc || buf_puts(out, p->endpoint) || buf_puts(out, strchr(p->endpoint, '?') ? "&" : "?") ||
         buf_append(out, query.data, query.len);
    buf_free(&query);
    return rc ? -1 : 0;
}

static void copy_text(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    for (; src && *src && n + 1 < size; src++) {
        unsigned char c = (unsigned char)*src;
        dst[n++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;   /* server text goes into messages */
    }
    dst[n] = '\0';
}

static const char *string_field(json_object *o, const char *name)
{
    json_object *v;
    if (json_object_object_get_ex(o, name, &v) && json_object_is_type(v, json_type_string)) {
        return json_object_get_string(v);
    }
    return NULL;
}

/* A number of seconds given as an integer or a string of digits; -1 when absent or odd. */
static long long seconds_field(json_object *o, const char *name)
{
    json_object *v;
    if (!json_object_object_get_ex(o, name, &v)) {
        return -1;
    }
    if (json_object_is_type(v, json_type_int)) {
        int64_t n = json_object_get_int64(v);
        return n < 0 ? -1 : n > 100LL * 365 * 86400 ? 100LL * 365 * 86400 : n;
    }
    const char *s = json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
    if (!s || !*s || strlen(s) > 12) {
        return -1;
    }
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p)) return -1;
    }
    return atoll(s);
}

void oauth_json_put(json_object *o)
{
    if (json_object_is_type(o, json_type_string)) {
        OPENSSL_cleanse((char *)json_object_get_string(o), (size_t)json_object_get_string_len(o));
    } else if (json_object_is_type(o, json_type_object)) {
        json_object_object_foreach(o, key, child) {
            (void)key;
            oauth_json_put(json_object_get(child));   /* wipes; the extra reference keeps it alive */
        }
    } else if (json_object_is_type(o, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(o); i++) {
            oauth_json_put(json_object_get(json_object_array_get_idx(o, i)));
        }
    }
    json_object_put(o);
}

json_object *oauth_json_parse(const char *text, size_t len)
{
    if (len == 0 || len > INT_MAX || memchr(text, '\0', len)) {
        return NULL;
    }
    json_tokener *tok = json_tokener_new();
    if (!tok) return NULL;
    json_object *o = json_tokener_parse_ex(tok, text, (int)len);
    int complete = json_tokener_get_error(tok) == json_tokener_success;
    size_t used = json_tokener_get_parse_end(tok);
    /* the tokenizer collects every string in its own buffer (a documented field of json-c 0.16) */
    if (tok->pb && tok->pb->buf) OPENSSL_cleanse(tok->pb->buf, (size_t)tok->pb->size);
    json_tokener_free(tok);
    while (complete && used < len && isspace((unsigned char)text[used])) used++;
    if (!o || !complete || used != len) {
        oauth_json_put(o);
        return NULL;
    }
    return o;
}

static json_object *parse_object(const char *body, size_t len)
{
    json_object *o = len <= (1u << 20) ? oauth_json_parse(body, len) : NULL;   /* a token reply is small */
    if (o && !json_object_is_type(o, json_type_object)) {
        oauth_json_put(o);
        return NULL;
    }
    return o;
}

static char *dup_field(json_object *o, const char *name)
{
    const char *s = string_field(o, name);
    return s && *s ? strdup(s) : NULL;
}

static void read_success(json_object *o, oauth_token_reply *r)
{
    r->access_token = dup_field(o, "access_token");
    if (!r->access_token) {
        r->outcome = OAUTH_REPLY_MALFORMED;
        copy_text(r->description, sizeof(r->description), "the reply has no access_token");
        return;
    }
    r->refresh_token = dup_field(o, "refresh_token");
    r->scope = dup_field(o, "scope");
    r->expires_in = seconds_field(o, "expires_in");
    /* Google sends refresh_token_expires_in for time-limited grants; the IETF
     * draft on refresh token expiry names it refresh_token_timeout, and some
     * servers authorization_expires_in. */
    r->refresh_expires_in = seconds_field(o, "refresh_token_expires_in");
    if (r->refresh_expires_in < 0) r->refresh_expires_in = seconds_field(o, "refresh_token_timeout");
    if (r->refresh_expires_in < 0) r->refresh_expires_in = seconds_field(o, "authorization_expires_in");
    r->outcome = OAUTH_REPLY_OK;
}

/* What a body that is not a JSON object looks like, without its bytes. */
typedef enum { SHAPE_BLANK, SHAPE_JSON, SHAPE_MARKUP, SHAPE_TEXT } body_shape;

static body_shape shape_of(const char *body, size_t len)
{
    size_t i = 0;
    while (i < len && isspace((unsigned char)body[i])) i++;
    if (i == len) return SHAPE_BLANK;
    if (body[i] == '{' || body[i] == '[' || body[i] == '"') return SHAPE_JSON;
    return body[i] == '<' ? SHAPE_MARKUP : SHAPE_TEXT;
}

/* A reply that does not parse may still hold a token (a 200 cut short, a JSON-like
 * body): it is described by its shape, never quoted. Only an error page (not 200 and
 * not JSON-like: RFC 6749 5.1 issues tokens in a 200 JSON reply alone) is quoted,
 * printable characters only, to show the administrator the provider's words. */
static void describe_body(oauth_token_reply *r, long status, const char *body, size_t len)
{
    static const char *const shapes[] = { "only whitespace", "incomplete or invalid JSON", "an HTML or XML page",
                                          "text that is not JSON" };
    body_shape shape = shape_of(body, len);
    char text[512];
    if (len == 0) {
        snprintf(text, sizeof(text), "HTTP %ld with an empty body", status);
    } else if (status == 200 || shape == SHAPE_JSON || shape == SHAPE_BLANK) {
        snprintf(text, sizeof(text), "HTTP %ld, not a JSON object%s: %zu bytes, %s (not shown: it may hold a token)",
                 status, status == 200 ? " (truncated or not a token endpoint?)" : "", len, shapes[shape]);
    } else {
        char excerpt[120];
        size_t n = len < sizeof(excerpt) - 1 ? len : sizeof(excerpt) - 1;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)body[i];
            excerpt[i] = c >= 0x20 && c < 0x7f ? (char)c : ' ';
        }
        excerpt[n] = '\0';
        snprintf(text, sizeof(text), "HTTP %ld, not a JSON object: %s%s", status, excerpt, len > n ? "..." : "");
    }
    copy_text(r->description, sizeof(r->description), text);
}

void oauth_parse_token_reply(long status, const char *body, size_t len, oauth_token_reply *r)
{
    memset(r, 0, sizeof(*r));
    r->expires_in = r->refresh_expires_in = -1;
    int temporary_status = status >= 500 || status == 429 || status == 408 || status == 0;
    json_object *o = parse_object(body, len);
    if (o && status == 200) {
        read_success(o, r);
        oauth_json_put(o);
        return;
    }
    const char *error = o ? string_field(o, "error") : NULL;
    if (error && *error) {
        copy_text(r->error, sizeof(r->error), error);
        const char *d = string_field(o, "error_description");
        char text[512];
        snprintf(text, sizeof(text), "HTTP %ld, %s", status, d ? d : "no description");
        copy_text(r->description, sizeof(r->description), text);
        r->outcome = temporary_status || strcmp(error, "temporarily_unavailable") == 0 ||
                     strcmp(error, "server_error") == 0 ? OAUTH_REPLY_TEMPORARY : OAUTH_REPLY_REFUSED;
    } else {
        describe_body(r, status, body, len);
        r->outcome = temporary_status || status == 200 ? (status == 200 ? OAUTH_REPLY_MALFORMED : OAUTH_REPLY_TEMPORARY)
                   : OAUTH_REPLY_REFUSED;
    }
    oauth_json_put(o);
}

static void wipe_free(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

void oauth_token_reply_free(oauth_token_reply *r)
{
    wipe_free(r->access_token);
    wipe_free(r->refresh_token);
    free(r->scope);
    r->access_token = r->refresh_token = r->scope = NULL;
}
