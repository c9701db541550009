/* sasl: AUTH payload builders (see sasl.h). */
#include "sasl.h"
#include "../util/base64.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

static int encode_joined(smtp_buf *out, const char *const *parts, const size_t *lens, int n)
{
    smtp_buf raw = SMTP_BUF_INIT;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        rc = buf_append(&raw, parts[i], lens[i]);
    }
    if (rc == 0) {
        rc = base64_append(out, raw.data ? raw.data : "", raw.len);
    }
    buf_free(&raw);   /* wiped: the secret does not linger in freed memory */
    return rc;
}

int sasl_plain(smtp_buf *out, const char *user, const char *password)
{
    const char *parts[] = { "", user, password };
    size_t lens[] = { 1, strlen(user) + 1, strlen(password) };
    return encode_joined(out, parts, lens, 3);
}

int sasl_login_value(smtp_buf *out, const char *value)
{
    return base64_append(out, value, strlen(value));
}

int sasl_xoauth2(smtp_buf *out, const char *user, const char *token)
{
    const char *parts[] = { "user=", user, "\001auth=Bearer ", token, "\001\001" };
    size_t lens[] = { 5, strlen(user), 13, strlen(token), 2 };
    return encode_joined(out, parts, lens, 5);
}

int sasl_oauthbearer(smtp_buf *out, const char *user, const char *token)
{
    const char *parts[] = { "n,a=", user, ",\001auth=Bearer ", token, "\001\001" };
    size_t lens[] = { 4, strlen(user), 14, strlen(token), 2 };
    return encode_joined(out, parts, lens, 5);
}

static void append_field(char *out, size_t outlen, json_object *obj, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(obj, key, &v)) {
        return;
    }
    size_t used = strlen(out);
    snprintf(out + used, outlen - used, "%s%s %s", used ? ", " : "", key, json_object_get_string(v));
}

/* Copies text keeping printable ASCII only: what a server sent is never trusted. */
static void printable_copy(char *out, size_t outlen, const char *in, size_t len)
{
    size_t j = 0;
    for (size_t i = 0; i < len && j + 1 < outlen; i++) {
        unsigned char ch = (unsigned char)in[i];
        out[j++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
    }
    out[j] = '\0';
}

void sasl_describe_oauth_error(const char *challenge, char *out, size_t outlen)
{
    smtp_buf raw = SMTP_BUF_INIT;
    out[0] = '\0';
    size_t clen = strlen(challenge);
    while (clen && isspace((unsigned char)challenge[clen - 1])) {
        clen--;
    }
    if (base64_decode(&raw, challenge, clen) != 0 || !raw.data) {
        printable_copy(out, outlen, challenge, clen);
        buf_free(&raw);
        return;
    }
    json_tokener *tok = json_tokener_new();
    json_object *obj = tok ? json_tokener_parse_ex(tok, raw.data, (int)raw.len) : NULL;
    if (obj && json_object_is_type(obj, json_type_object)) {
        append_field(out, outlen, obj, "status");
        append_field(out, outlen, obj, "schemes");
        append_field(out, outlen, obj, "scope");
        char clean[512];
        printable_copy(clean, sizeof(clean), out, strlen(out));
        snprintf(out, outlen, "%s", clean);
    }
    if (!out[0]) {
        printable_copy(out, outlen, raw.data, raw.len);
    }
    json_object_put(obj);
    if (tok) {
        json_tokener_free(tok);
    }
    buf_free(&raw);
}
