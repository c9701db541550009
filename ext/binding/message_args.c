/*
 * message_args: the $message array into a mime_message, every field checked
 * by the core's checkers. Any CR or LF in a header name or value, address,
 * display name, file name, type or cid is a ValueError naming the key, raised
 * before a connection is made: header injection is impossible by construction.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "zend_exceptions.h"

typedef struct field_ctx {
    uint32_t arg;
    char     why[256];
} field_ctx;

static zend_result bad(field_ctx *c, const char *key)
{
    zend_argument_value_error(c->arg, "[%s] %s", key, c->why);
    return FAILURE;
}

static zend_result need_string(field_ctx *c, zval *v, const char *key)
{
    if (Z_TYPE_P(v) == IS_STRING) return SUCCESS;
    zend_argument_type_error(c->arg, "[%s] must be of type string, %s given", key, zend_zval_type_name(v));
    return FAILURE;
}

static char *dup_zstr(zval *v)
{
    char *p = malloc(Z_STRLEN_P(v) + 1);
    if (p) memcpy(p, Z_STRVAL_P(v), Z_STRLEN_P(v) + 1);
    return p;
}

/* RFC 5322 3.6.4: a msg-id is printable US-ASCII without spaces. */
static int printable_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] <= 32 || (unsigned char)s[i] >= 127) return 0;
    }
    return 1;
}

/* One address: "a@b", "Name <a@b>" or ['email' => ..., 'name' => ...]. */
static zend_result parse_address(field_ctx *c, zval *v, const char *key, mime_address *out)
{
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) == IS_STRING) {
        if (address_parse(Z_STRVAL_P(v), Z_STRLEN_P(v), out, c->why, sizeof(c->why)) != 0) return bad(c, key);
        return SUCCESS;
    }
    if (Z_TYPE_P(v) != IS_ARRAY) {
        zend_argument_type_error(c->arg, "[%s] must be a string or an array with \"email\", %s given", key, zend_zval_type_name(v));
        return FAILURE;
    }
    zval *email = zend_hash_str_find_deref(Z_ARRVAL_P(v), "email", 5);
    zval *name = zend_hash_str_find_deref(Z_ARRVAL_P(v), "name", 4);
    if (!email || Z_TYPE_P(email) != IS_STRING) {
        zend_argument_value_error(c->arg, "[%s] must have an \"email\" string", key);
        return FAILURE;
    }
    if (zend_hash_num_elements(Z_ARRVAL_P(v)) != 1u + (name ? 1u : 0u)) {
        zend_argument_value_error(c->arg, "[%s] may only have the keys \"email\" and \"name\"", key);
        return FAILURE;
    }
    if (name && Z_TYPE_P(name) != IS_STRING && Z_TYPE_P(name) != IS_NULL) {
        zend_argument_type_error(c->arg, "[%s][\"name\"] must be of type string, %s given", key, zend_zval_type_name(name));
        return FAILURE;
    }
    int has_name = name && Z_TYPE_P(name) == IS_STRING;
    if (address_make(Z_STRVAL_P(email), Z_STRLEN_P(email), has_name ? Z_STRVAL_P(name) : NULL,
                     has_name ? Z_STRLEN_P(name) : 0, out, c->why, sizeof(c->why)) != 0) {
        return bad(c, key);
    }
    return SUCCESS;
}

static int is_single_address_array(zval *v)
{
    return Z_TYPE_P(v) == IS_ARRAY && zend_hash_str_exists(Z_ARRVAL_P(v), "email", 5);
}

/* One address or a list of them. */
static zend_result parse_address_list(field_ctx *c, zval *v, const char *key, mime_address **out, size_t *n)
{
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) == IS_STRING || is_single_address_array(v)) {
        *out = calloc(1, sizeof(mime_address));
        if (!*out) return FAILURE;
        if (parse_address(c, v, key, *out) == FAILURE) { free(*out); *out = NULL; return FAILURE; }
        *n = 1;
        return SUCCESS;
    }
    if (Z_TYPE_P(v) != IS_ARRAY) {
        zend_argument_type_error(c->arg, "[%s] must be a string or an array of addresses, %s given", key, zend_zval_type_name(v));
        return FAILURE;
    }
    uint32_t count = zend_hash_num_elements(Z_ARRVAL_P(v));
    *out = calloc(count ? count : 1, sizeof(mime_address));
    *n = 0;
    if (!*out) return FAILURE;
    zval *item;
    ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), item) {
        char sub[64];
        snprintf(sub, sizeof(sub), "%s][%zu", key, *n);
        if (parse_address(c, item, sub, &(*out)[*n]) == FAILURE) return FAILURE;
        (*n)++;
    } ZEND_HASH_FOREACH_END();
    return SUCCESS;
}

/* Headers the message keys own: setting them through "headers" would be ambiguous. */
static const char *owned_header(const char *name)
{
    static const char *const owned[][2] = {
        { "From", "from" }, { "To", "to" }, { "Cc", "cc" }, { "Bcc", "bcc" }, { "Reply-To", "reply_to" },
        { "Sender", "sender" }, { "Subject", "subject" }, { "Date", NULL }, { "MIME-Version", NULL },
        { "Content-Type", NULL }, { "Content-Transfer-Encoding", NULL },
    };
    for (size_t i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
        if (strcasecmp(name, owned[i][0]) == 0) return owned[i][1] ? owned[i][1] : "";
    }
    return NULL;
}

static zend_result parse_headers(field_ctx *c, zval *v, mime_message *m)
{
    if (Z_TYPE_P(v) != IS_ARRAY) {
        zend_argument_type_error(c->arg, "[\"headers\"] must be of type array, %s given", zend_zval_type_name(v));
        return FAILURE;
    }
    m->headers = calloc(zend_hash_num_elements(Z_ARRVAL_P(v)) + 1, sizeof(mime_header));
    if (!m->headers) return FAILURE;
    zend_string *name;
    zval *val;
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(v), name, val) {
        ZVAL_DEREF(val);
        if (!name) {
            zend_argument_value_error(c->arg, "[\"headers\"] must map header names to values");
            return FAILURE;
        }
        char key[300];
        snprintf(key, sizeof(key), "\"headers\"][\"%.200s\"", ZSTR_VAL(name));
        if (ZSTR_LEN(name) != strlen(ZSTR_VAL(name))) {
            snprintf(c->why, sizeof(c->why), "must not contain NUL bytes");
        }
        if (ZSTR_LEN(name) != strlen(ZSTR_VAL(name)) ||
            message_check_header_name(ZSTR_VAL(name), c->why, sizeof(c->why)) != 0) {
            snprintf(key, sizeof(key), "%.100s", ZSTR_VAL(name));
            for (char *p = key; *p; p++) if (*p == '\r' || *p == '\n') *p = ' ';
            zend_argument_value_error(c->arg, "[\"headers\"] name \"%s\" %s", key, c->why);
            return FAILURE;
        }
        const char *owner = owned_header(ZSTR_VAL(name));
        if (owner) {
            zend_argument_value_error(c->arg, "[\"headers\"] must not set %s%s%s%s", ZSTR_VAL(name),
                                      *owner ? ": use the \"" : ": the library sets it", owner, *owner ? "\" key" : "");
            return FAILURE;
        }
        /* An int value is written in decimal into a local buffer: the caller's zval
         * (possibly shared, or an immutable literal in opcache's memory) is only read. */
        char digits[MAX_LENGTH_OF_LONG + 1];
        const char *s;
        size_t n;
        if (Z_TYPE_P(val) == IS_LONG) {
            n = (size_t)snprintf(digits, sizeof(digits), ZEND_LONG_FMT, Z_LVAL_P(val));
            s = digits;
        } else if (need_string(c, val, key) == FAILURE) {
            return FAILURE;
        } else {
            s = Z_STRVAL_P(val);
            n = Z_STRLEN_P(val);
        }
        if (message_check_header_value(s, n, c->why, sizeof(c->why)) != 0) return bad(c, key);
        if (strcasecmp(ZSTR_VAL(name), "Message-ID") == 0 &&
            (n < 5 || s[0] != '<' || s[n - 1] != '>' || !memchr(s, '@', n) || n > 250 || !printable_ascii(s, n))) {
            zend_argument_value_error(c->arg, "[%s] must look like \"<id@domain>\"", key);
            return FAILURE;
        }
        mime_header *h = &m->headers[m->nheaders];
        h->name = strdup(ZSTR_VAL(name));
        h->value = malloc(n + 1);
        m->nheaders++;   /* counted first, so message_free releases a half-made header */
        if (!h->name || !h->value) return FAILURE;
        memcpy(h->value, s, n + 1);
    } ZEND_HASH_FOREACH_END();
    return SUCCESS;
}

static zend_result parse_attachment(field_ctx *c, zval *v, size_t index, mime_attachment *a)
{
    char key[64];
    snprintf(key, sizeof(key), "\"attachments\"][%zu", index);
    ZVAL_DEREF(v);
    if (Z_TYPE_P(v) != IS_ARRAY) {
        zend_argument_type_error(c->arg, "[%s] must be of type array, %s given", key, zend_zval_type_name(v));
        return FAILURE;
    }
    zend_string *k;
    zval *f;
    char sub[96];
    ZEND_HASH_FOREACH_STR_KEY_VAL(Z_ARRVAL_P(v), k, f) {
        ZVAL_DEREF(f);
        const char *name = k ? ZSTR_VAL(k) : "";
        snprintf(sub, sizeof(sub), "%s][\"%s\"", key, name);
        if (!k || !(strcmp(name, "path") == 0 || strcmp(name, "data") == 0 || strcmp(name, "name") == 0 ||
                    strcmp(name, "type") == 0 || strcmp(name, "cid") == 0)) {
            zend_argument_value_error(c->arg, "[%s] has unknown key \"%s\" (allowed: path, data, name, type, cid)",
                                      key, k ? name : "(integer)");
            return FAILURE;
        }
        if (need_string(c, f, sub) == FAILURE) return FAILURE;
        if (strcmp(name, "data") == 0) {
            a->data = malloc(Z_STRLEN_P(f) + 1);
            if (!a->data) return FAILURE;
            memcpy(a->data, Z_STRVAL_P(f), Z_STRLEN_P(f));
            a->data_len = Z_STRLEN_P(f);
            continue;
        }
        if (memchr(Z_STRVAL_P(f), '\0', Z_STRLEN_P(f))) {
            snprintf(c->why, sizeof(c->why), "must not contain NUL bytes");
            return bad(c, sub);
        }
        const char *s = Z_STRVAL_P(f);
        int rc = strcmp(name, "path") == 0 ? message_check_path(s, &a->file_size, c->why, sizeof(c->why))
               : strcmp(name, "name") == 0 ? message_check_filename(s, c->why, sizeof(c->why))
               : strcmp(name, "type") == 0 ? message_check_mime_type(s, c->why, sizeof(c->why))
               : message_check_cid(s, c->why, sizeof(c->why));
        if (rc != 0) return bad(c, sub);
        char **slot = strcmp(name, "path") == 0 ? &a->path : strcmp(name, "name") == 0 ? &a->name
                    : strcmp(name, "type") == 0 ? &a->type : &a->cid;
        *slot = strdup(s);
    } ZEND_HASH_FOREACH_END();
    if (!!a->path == !!a->data) {
        zend_argument_value_error(c->arg, "[%s] must have exactly one of \"path\" or \"data\"", key);
        return FAILURE;
    }
    if (!a->name && a->path) {
        const char *slash = strrchr(a->path, '/');
        a->name = strdup(slash ? slash + 1 : a->path);
    }
    if (!a->name && !a->cid) {
        zend_argument_value_error(c->arg, "[%s] with \"data\" needs a \"name\"", key);
        return FAILURE;
    }
    if (!a->type) {
        a->type = strdup(message_guess_type(a->name));
    }
    return SUCCESS;
}

static zend_result parse_attachments(field_ctx *c, zval *v, mime_message *m)
{
    if (Z_TYPE_P(v) != IS_ARRAY) {
        zend_argument_type_error(c->arg, "[\"attachments\"] must be of type array, %s given", zend_zval_type_name(v));
        return FAILURE;
    }
    m->attachments = calloc(zend_hash_num_elements(Z_ARRVAL_P(v)) + 1, sizeof(mime_attachment));
    if (!m->attachments) return FAILURE;
    zval *item;
    ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), item) {
        if (parse_attachment(c, item, m->nattachments, &m->attachments[m->nattachments]) == FAILURE) {
            m->nattachments++;   /* so message_free releases what was set */
            return FAILURE;
        }
        m->nattachments++;
    } ZEND_HASH_FOREACH_END();
    return SUCCESS;
}

static zend_result parse_body(field_ctx *c, zval *v, const char *key, char **out, size_t *len)
{
    if (need_string(c, v, key) == FAILURE) return FAILURE;
    if (!utf8_valid(Z_STRVAL_P(v), Z_STRLEN_P(v))) {
        snprintf(c->why, sizeof(c->why), "is not valid UTF-8");
        return bad(c, key);
    }
    *out = malloc(Z_STRLEN_P(v) + 1);
    if (!*out) return FAILURE;
    memcpy(*out, Z_STRVAL_P(v), Z_STRLEN_P(v) + 1);
    *len = Z_STRLEN_P(v);
    return SUCCESS;
}

static zend_result parse_field(field_ctx *c, const char *k, zval *v, mime_message *m)
{
    if (strcmp(k, "from") == 0) return parse_address(c, v, "\"from\"", &m->from);
    if (strcmp(k, "to") == 0) return parse_address_list(c, v, "\"to\"", &m->to, &m->nto);
    if (strcmp(k, "cc") == 0) return parse_address_list(c, v, "\"cc\"", &m->cc, &m->ncc);
    if (strcmp(k, "bcc") == 0) return parse_address_list(c, v, "\"bcc\"", &m->bcc, &m->nbcc);
    if (strcmp(k, "reply_to") == 0) return parse_address_list(c, v, "\"reply_to\"", &m->reply_to, &m->nreply_to);
    if (strcmp(k, "sender") == 0) {
        m->sender = calloc(1, sizeof(mime_address));
        return m->sender ? parse_address(c, v, "\"sender\"", m->sender) : FAILURE;
    }
    if (strcmp(k, "subject") == 0) {
        if (need_string(c, v, "\"subject\"") == FAILURE) return FAILURE;
        if (message_check_header_value(Z_STRVAL_P(v), Z_STRLEN_P(v), c->why, sizeof(c->why)) != 0) return bad(c, "\"subject\"");
        m->subject = dup_zstr(v);
        return SUCCESS;
    }
    if (strcmp(k, "text") == 0) return parse_body(c, v, "\"text\"", &m->text, &m->text_len);
    if (strcmp(k, "html") == 0) return parse_body(c, v, "\"html\"", &m->html, &m->html_len);
    if (strcmp(k, "headers") == 0) return parse_headers(c, v, m);
    if (strcmp(k, "attachments") == 0) return parse_attachments(c, v, m);
    if (strcmp(k, "raw") == 0) {
        if (need_string(c, v, "\"raw\"") == FAILURE) return FAILURE;
        if (message_check_raw(Z_STRVAL_P(v), Z_STRLEN_P(v), c->why, sizeof(c->why)) != 0) return bad(c, "\"raw\"");
        m->raw = malloc(Z_STRLEN_P(v) + 1);
        if (!m->raw) return FAILURE;
        memcpy(m->raw, Z_STRVAL_P(v), Z_STRLEN_P(v) + 1);
        m->raw_len = Z_STRLEN_P(v);
        return SUCCESS;
    }
    if (strcmp(k, "envelope_from") == 0) {
        if (need_string(c, v, "\"envelope_from\"") == FAILURE) return FAILURE;
        int utf8;
        if (Z_STRLEN_P(v) && address_check_email(Z_STRVAL_P(v), Z_STRLEN_P(v), &utf8, c->why, sizeof(c->why)) != 0) {
            return bad(c, "\"envelope_from\"");
        }
        m->envelope_from = dup_zstr(v);
        return SUCCESS;
    }
    zend_argument_value_error(c->arg, "contains unknown key \"%s\"", k);
    return FAILURE;
}

typedef struct message_ctx {
    field_ctx     c;
    mime_message *m;
} message_ctx;

static zend_result message_key(void *ctx, zend_string *key, zval *v)
{
    message_ctx *mc = ctx;
    if (parse_field(&mc->c, ZSTR_VAL(key), v, mc->m) == SUCCESS) return SUCCESS;
    if (!EG(exception)) zend_throw_error(NULL, "Out of memory");   /* a copy failed */
    return FAILURE;
}

zend_result smtp_parse_message(HashTable *arr, uint32_t arg, mime_message *m)
{
    message_ctx mc = { { arg, "" }, m };
    if (smtp_each_key(arr, arg, message_key, &mc) == FAILURE) return FAILURE;

    /* "from" is required even with "envelope_from" (which sets only MAIL FROM):
     * the From header is mandatory (RFC 5322 3.6) and the Message-ID takes its domain. */
    if (!m->from.email) {
        zend_argument_value_error(arg, "must have a \"from\" address%s",
                                  m->envelope_from ? " (\"envelope_from\" sets only the envelope sender)" : "");
        return FAILURE;
    }
    if (m->nto + m->ncc + m->nbcc == 0) {
        zend_argument_value_error(arg, "must have at least one recipient in \"to\", \"cc\" or \"bcc\"");
        return FAILURE;
    }
    if (m->raw && (m->subject || m->text || m->html || m->nheaders || m->nattachments)) {
        zend_argument_value_error(arg, "[\"raw\"] is a complete message: do not combine it with subject, text, html, headers or attachments");
        return FAILURE;
    }
    return SUCCESS;
}
