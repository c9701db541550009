/*
 * token_store: Smtp\TokenStore, a thin shell over core/oauth/token_store.
 * Arguments are checked here (ValueError/TypeError); everything that goes
 * wrong with the file or the provider is an Smtp\Exception from the core's
 * error. The object shows only its path to var_dump(); the key stays inside.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "zend_exceptions.h"
#include "core/oauth/token_store.h"

#include <openssl/crypto.h>

typedef struct smtp_token_store_object {
    token_store ts;
    zend_object std;
} smtp_token_store_object;

static zend_object_handlers store_handlers;

static inline smtp_token_store_object *store_from(zend_object *obj)
{
    return (smtp_token_store_object *)((char *)obj - XtOffsetOf(smtp_token_store_object, std));
}

static token_store *this_store(zval *this_zv)
{
    token_store *ts = &store_from(Z_OBJ_P(this_zv))->ts;
    if (!ts->path) {
        zend_throw_error(NULL, "Smtp\\TokenStore was not constructed");
        return NULL;
    }
    return ts;
}

static zend_object *store_create(zend_class_entry *ce)
{
    smtp_token_store_object *o = zend_object_alloc(sizeof(smtp_token_store_object), ce);
    zend_object_std_init(&o->std, ce);
    object_properties_init(&o->std, ce);
    o->std.handlers = &store_handlers;
    return &o->std;
}

static void store_free(zend_object *obj)
{
    token_store_free(&store_from(obj)->ts);
    zend_object_std_dtor(obj);
}

static HashTable *store_debug_info(zend_object *obj, int *is_temp)
{
    HashTable *ht = zend_new_array(1);
    zval path;
    const char *p = store_from(obj)->ts.path;
    ZVAL_STRING(&path, p ? p : "");
    zend_hash_str_update(ht, "path", sizeof("path") - 1, &path);
    *is_temp = 1;
    return ht;
}

static int check_text(uint32_t arg, const char *name, zend_string *s, int may_be_empty)
{
    if (!may_be_empty && ZSTR_LEN(s) == 0) {
        zend_argument_value_error(arg, "must not be empty");
        return -1;
    }
    for (size_t i = 0; i < ZSTR_LEN(s); i++) {
        unsigned char c = (unsigned char)ZSTR_VAL(s)[i];
        if (c < 0x20 || c == 0x7f) {
            zend_argument_value_error(arg, "must not contain control characters (CR, LF, NUL, ...)");
            return -1;
        }
    }
    (void)name;
    return 0;
}

static int check_account(uint32_t arg, zend_string *account)
{
    if (!token_store_valid_account(ZSTR_VAL(account)) || strlen(ZSTR_VAL(account)) != ZSTR_LEN(account)) {
        zend_argument_value_error(arg, "must be 1 to 128 characters of letters, digits and ._@+-");
        return -1;
    }
    return 0;
}

static int check_redirect(uint32_t arg, zend_string *uri)
{
    const char *u = ZSTR_VAL(uri);
    if (check_text(arg, "redirectUri", uri, 0) != 0) return -1;
    if ((strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0) || strchr(u, ' ') || strchr(u, '#')) {
        zend_argument_value_error(arg, "must be an absolute http:// or https:// URL without spaces or fragment");
        return -1;
    }
    return 0;
}

static void stamp(zval *arr, const char *key, long long t)
{
    if (t > 0) add_assoc_long(arr, key, (zend_long)t);
    else add_assoc_null(arr, key);
}

static void status_to_array(zval *rv, const ts_status *st)
{
    array_init(rv);
    add_assoc_bool(rv, "authorized", st->authorized);
    stamp(rv, "authorized_at", st->authorized_at);
    stamp(rv, "expires_at", st->expires_at);
    stamp(rv, "refresh_token_expires_at", st->refresh_token_expires_at);
    stamp(rv, "last_refresh", st->last_refresh);
    if (st->last_error[0]) add_assoc_string(rv, "last_error", (char *)st->last_error);
    else add_assoc_null(rv, "last_error");
    add_assoc_bool(rv, "needs_reauthorization", st->needs_reauthorization);
    add_assoc_string(rv, "provider", (char *)st->provider);
    add_assoc_string(rv, "client_id", (char *)st->client_id);
    add_assoc_string(rv, "scope", (char *)st->scope);
    add_assoc_string(rv, "smtp_host", (char *)st->smtp_host);
    add_assoc_long(rv, "smtp_port", st->smtp_port);
}

/* The key: the argument, else php.ini smtp.token_key, else $PHP_SMTP_TOKEN_KEY. */
static const char *key_source(zend_string *key, size_t *len)
{
    if (ZSTR_LEN(key) > 0) {
        *len = ZSTR_LEN(key);
        return ZSTR_VAL(key);
    }
    const char *k = SMTP_G(token_key);
    if (!k || !*k) {
        k = getenv("PHP_SMTP_TOKEN_KEY");
    }
    *len = k ? strlen(k) : 0;
    return k;
}

ZEND_METHOD(Smtp_TokenStore, __construct)
{
    zend_string *path, *key;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_PATH_STR(path)
        Z_PARAM_STR(key)
    ZEND_PARSE_PARAMETERS_END();
    smtp_token_store_object *o = store_from(Z_OBJ_P(ZEND_THIS));
    if (ZSTR_LEN(path) == 0) {
        zend_argument_value_error(1, "must not be empty");
        RETURN_THROWS();
    }
    size_t keylen;
    const char *k = key_source(key, &keylen);
    if (!k || keylen == 0) {
        zend_argument_value_error(2, "is empty and neither smtp.token_key nor PHP_SMTP_TOKEN_KEY is set");
        RETURN_THROWS();
    }
    if (keylen < TOKEN_STORE_MIN_KEY) {
        zend_argument_value_error(2, "must be at least %d bytes of secret material (e.g. bin2hex(random_bytes(32)))",
                                  TOKEN_STORE_MIN_KEY);
        RETURN_THROWS();
    }
    smtp_error err;
    error_clear(&err);
    token_store_free(&o->ts);
    if (token_store_init(&o->ts, ZSTR_VAL(path), k, keylen, &err) != 0) {
        smtp_throw(&err, NULL);
    }
}

typedef struct client_strings {
    const char *name;
    const char **slot;
} client_strings;

static int parse_timeout_ms(zval *v, int *out)
{
    double s = Z_TYPE_P(v) == IS_LONG ? (double)Z_LVAL_P(v) : Z_TYPE_P(v) == IS_DOUBLE ? Z_DVAL_P(v) : -1;
    if (Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_DOUBLE) {
        zend_argument_type_error(2, "[\"timeout\"] must be of type int|float, %s given", zend_zval_type_name(v));
        return -1;
    }
    if (!(s > 0 && s <= 600)) {
        zend_argument_value_error(2, "[\"timeout\"] must be greater than 0 and at most 600 seconds");
        return -1;
    }
    *out = (int)(s * 1000) > 0 ? (int)(s * 1000) : 1;
    return 0;
}

static int parse_client(HashTable *arr, ts_client *c)
{
    memset(c, 0, sizeof(*c));
    client_strings keys[] = {
        { "provider", &c->provider }, { "client_id", &c->client_id }, { "client_secret", &c->client_secret },
        { "scope", &c->scope }, { "auth_endpoint", &c->auth_endpoint }, { "token_endpoint", &c->token_endpoint },
        { "revoke_endpoint", &c->revoke_endpoint }, { "ca_file", &c->ca_file },
    };
    zend_string *key;
    zval *v;
    ZEND_HASH_FOREACH_STR_KEY_VAL(arr, key, v) {
        ZVAL_DEREF(v);
        if (!key) {
            zend_argument_value_error(2, "must be an array with string keys");
            return -1;
        }
        if (zend_string_equals_literal(key, "timeout")) {
            if (parse_timeout_ms(v, &c->timeout_ms) != 0) return -1;
            continue;
        }
        size_t i = 0;
        while (i < sizeof(keys) / sizeof(keys[0]) && strcmp(keys[i].name, ZSTR_VAL(key)) != 0) i++;
        if (i == sizeof(keys) / sizeof(keys[0])) {
            zend_argument_value_error(2, "contains unknown key \"%s\"", ZSTR_VAL(key));
            return -1;
        }
        if (Z_TYPE_P(v) != IS_STRING) {
            zend_argument_type_error(2, "[\"%s\"] must be of type string, %s given", keys[i].name, zend_zval_type_name(v));
            return -1;
        }
        if (memchr(Z_STRVAL_P(v), '\0', Z_STRLEN_P(v)) || strpbrk(Z_STRVAL_P(v), "\r\n")) {
            zend_argument_value_error(2, "[\"%s\"] must not contain CR, LF or NUL", keys[i].name);
            return -1;
        }
        *keys[i].slot = Z_STRVAL_P(v);
    } ZEND_HASH_FOREACH_END();
    if (!c->client_id || !*c->client_id) {
        zend_argument_value_error(2, "[\"client_id\"] is required");
        return -1;
    }
    return 0;
}

ZEND_METHOD(Smtp_TokenStore, setClient)
{
    zend_string *account;
    HashTable *client;
    ZEND_PARSE_PARAMETERS_START(2, 2)
        Z_PARAM_STR(account)
        Z_PARAM_ARRAY_HT(client)
    ZEND_PARSE_PARAMETERS_END();
    token_store *ts = this_store(ZEND_THIS);
    ts_client c;
    if (!ts || check_account(1, account) != 0 || parse_client(client, &c) != 0) {
        RETURN_THROWS();
    }
    smtp_error err;
    error_clear(&err);
    if (token_store_set_client(ts, ZSTR_VAL(account), &c, &err) != 0) {
        if (err.kind == SMTP_ERR_ARGUMENT && strstr(err.message, "must")) {
            zend_argument_value_error(2, "%s", err.message);
        } else {
            smtp_throw(&err, NULL);
        }
    }
}

ZEND_METHOD(Smtp_TokenStore, authorizationUrl)
{
    zend_string *account, *redirect, *state;
    ZEND_PARSE_PARAMETERS_START(3, 3)
        Z_PARAM_STR(account)
        Z_PARAM_STR(redirect)
        Z_PARAM_STR(state)
    ZEND_PARSE_PARAMETERS_END();
    token_store *ts = this_store(ZEND_THIS);
    if (!ts || check_account(1, account) || check_redirect(2, redirect) || check_text(3, "state", state, 0)) {
        RETURN_THROWS();
    }
    smtp_buf url = SMTP_BUF_INIT;
    smtp_error err;
    error_clear(&err);
    if (token_store_authorization_url(ts, ZSTR_VAL(account), ZSTR_VAL(redirect), ZSTR_VAL(state), &url, &err) != 0) {
        smtp_throw(&err, NULL);
    } else {
        RETVAL_STRINGL(url.data, url.len);
    }
    buf_free(&url);
}

ZEND_METHOD(Smtp_TokenStore, exchangeCode)
{
    zend_string *account, *code, *redirect;
    ZEND_PARSE_PARAMETERS_START(3, 3)
        Z_PARAM_STR(account)
        Z_PARAM_STR(code)
        Z_PARAM_STR(redirect)
    ZEND_PARSE_PARAMETERS_END();
    token_store *ts = this_store(ZEND_THIS);
    if (!ts || check_account(1, account) || check_text(2, "code", code, 0) || check_redirect(3, redirect)) {
        RETURN_THROWS();
    }
    ts_status st;
    smtp_error err;
    error_clear(&err);
    if (token_store_exchange_code(ts, ZSTR_VAL(account), ZSTR_VAL(code), ZSTR_VAL(redirect), &st, &err) != 0) {
        smtp_throw(&err, NULL);
        RETURN_THROWS();
    }
    status_to_array(return_value, &st);
}

/* accessToken(), refresh(), status(), forget(): the store behind $this and the
 * account name in argument 1; NULL once an exception is thrown. */
static token_store *store_and_account(zend_execute_data *execute_data, zend_string **account)
{
    if (zend_parse_parameters(ZEND_NUM_ARGS(), "S", account) == FAILURE) {
        return NULL;
    }
    token_store *ts = this_store(ZEND_THIS);
    if (!ts || check_account(1, *account)) {
        return NULL;
    }
    return ts;
}

ZEND_METHOD(Smtp_TokenStore, accessToken)
{
    zend_string *account;
    token_store *ts = store_and_account(execute_data, &account);
    if (!ts) {
        RETURN_THROWS();
    }
    smtp_buf token = SMTP_BUF_INIT;
    smtp_error err;
    error_clear(&err);
    if (token_store_access_token(ts, ZSTR_VAL(account), NULL, &token, &err) != 0) {
        smtp_throw(&err, NULL);
    } else {
        RETVAL_STRINGL(token.data, token.len);
    }
    if (token.data) OPENSSL_cleanse(token.data, token.len);
    buf_free(&token);
}

static void status_like(INTERNAL_FUNCTION_PARAMETERS, int (*op)(token_store *, const char *, ts_status *, smtp_error *))
{
    zend_string *account;
    token_store *ts = store_and_account(execute_data, &account);
    if (!ts) {
        RETURN_THROWS();
    }
    ts_status st;
    smtp_error err;
    error_clear(&err);
    if (op(ts, ZSTR_VAL(account), &st, &err) != 0) {
        smtp_throw(&err, NULL);
        RETURN_THROWS();
    }
    status_to_array(return_value, &st);
}

ZEND_METHOD(Smtp_TokenStore, refresh)
{
    status_like(INTERNAL_FUNCTION_PARAM_PASSTHRU, token_store_refresh);
}

ZEND_METHOD(Smtp_TokenStore, status)
{
    status_like(INTERNAL_FUNCTION_PARAM_PASSTHRU, token_store_status);
}

ZEND_METHOD(Smtp_TokenStore, forget)
{
    zend_string *account;
    token_store *ts = store_and_account(execute_data, &account);
    if (!ts) {
        RETURN_THROWS();
    }
    smtp_error err;
    error_clear(&err);
    if (token_store_forget(ts, ZSTR_VAL(account), &err) != 0) {
        smtp_throw(&err, NULL);
    }
}

ZEND_METHOD(Smtp_TokenStore, accounts)
{
    ZEND_PARSE_PARAMETERS_NONE();
    token_store *ts = this_store(ZEND_THIS);
    if (!ts) {
        RETURN_THROWS();
    }
    smtp_strlist names = SMTP_STRLIST_INIT;
    smtp_error err;
    error_clear(&err);
    if (token_store_accounts(ts, &names, &err) != 0) {
        smtp_throw(&err, NULL);
    } else {
        smtp_transcript_to_array(return_value, &names);
    }
    strlist_clear(&names);
}

token_store *smtp_token_store_handle(zend_object *store, smtp_error *err)
{
    token_store *ts = &store_from(store)->ts;
    if (!ts->path) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "the Smtp\\TokenStore was not constructed");
        return NULL;
    }
    return ts;
}

void smtp_token_store_register(void)
{
    smtp_ce_token_store->create_object = store_create;
    memcpy(&store_handlers, zend_get_std_object_handlers(), sizeof(store_handlers));
    store_handlers.offset = XtOffsetOf(smtp_token_store_object, std);
    store_handlers.free_obj = store_free;
    store_handlers.clone_obj = NULL;
    store_handlers.get_debug_info = store_debug_info;
}
