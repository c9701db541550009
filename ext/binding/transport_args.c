/*
 * transport_args: the $transport array, merged over the smtp.* php.ini
 * defaults, checked key by key into an smtp_config. Unknown keys and bad values
 * throw before any connection is made. Strings in the config point into the
 * array or the INI values; smtp_session copies what it keeps.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "zend_exceptions.h"

static const char *nonempty(const char *s)
{
    return (s && *s) ? s : NULL;
}

static int parse_security(const char *v, smtp_security *out)
{
    if (strcmp(v, "starttls") == 0) { *out = SEC_STARTTLS; return 1; }
    if (strcmp(v, "tls") == 0 || strcmp(v, "ssl") == 0) { *out = SEC_TLS; return 1; }
    if (strcmp(v, "none") == 0) { *out = SEC_NONE; return 1; }
    return 0;
}

static int parse_auth(const char *v, smtp_auth *out)
{
    static const struct { const char *name; smtp_auth value; } names[] = {
        { "auto", AUTH_AUTO }, { "plain", AUTH_PLAIN }, { "login", AUTH_LOGIN },
        { "xoauth2", AUTH_XOAUTH2 }, { "oauthbearer", AUTH_OAUTHBEARER }, { "none", AUTH_NONE },
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(v, names[i].name) == 0) { *out = names[i].value; return 1; }
    }
    return 0;
}

zend_result smtp_want_string(zval *v, uint32_t arg, const char *key, const char **out)
{
    if (Z_TYPE_P(v) != IS_STRING) {
        zend_argument_type_error(arg, "[\"%s\"] must be of type string, %s given", key, zend_zval_type_name(v));
        return FAILURE;
    }
    if (memchr(Z_STRVAL_P(v), '\r', Z_STRLEN_P(v)) || memchr(Z_STRVAL_P(v), '\n', Z_STRLEN_P(v)) ||
        memchr(Z_STRVAL_P(v), '\0', Z_STRLEN_P(v))) {
        zend_argument_value_error(arg, "[\"%s\"] must not contain CR, LF or NUL", key);
        return FAILURE;
    }
    *out = Z_STRVAL_P(v);
    return SUCCESS;
}

zend_result smtp_want_bool(zval *v, uint32_t arg, const char *key, int *out)
{
    if (Z_TYPE_P(v) != IS_TRUE && Z_TYPE_P(v) != IS_FALSE) {
        zend_argument_type_error(arg, "[\"%s\"] must be of type bool, %s given", key, zend_zval_type_name(v));
        return FAILURE;
    }
    *out = Z_TYPE_P(v) == IS_TRUE;
    return SUCCESS;
}

static zend_result want_long(zval *v, uint32_t arg, const char *key, zend_long *out)
{
    if (Z_TYPE_P(v) != IS_LONG) {
        zend_argument_type_error(arg, "[\"%s\"] must be of type int, %s given", key, zend_zval_type_name(v));
        return FAILURE;
    }
    *out = Z_LVAL_P(v);
    return SUCCESS;
}

static void defaults_from_ini(smtp_config *cfg, const char **security, const char **auth)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->host = nonempty(SMTP_G(host)) ? SMTP_G(host) : "localhost";
    cfg->port = (int)SMTP_G(port);
    cfg->username = nonempty(SMTP_G(username)) ? SMTP_G(username) : NULL;
    cfg->password = nonempty(SMTP_G(password)) ? SMTP_G(password) : NULL;
    cfg->helo = nonempty(SMTP_G(helo)) ? SMTP_G(helo) : NULL;
    cfg->cafile = nonempty(SMTP_G(cafile)) ? SMTP_G(cafile) : NULL;
    cfg->capath = nonempty(SMTP_G(capath)) ? SMTP_G(capath) : NULL;
    cfg->verify_peer = SMTP_G(verify_peer);
    cfg->timeout_ms = (int)(SMTP_G(timeout) > 0 ? SMTP_G(timeout) * 1000 : 30000);
    *security = SMTP_G(security) ? SMTP_G(security) : "";
    *auth = SMTP_G(auth) ? SMTP_G(auth) : "auto";
}

static zend_result parse_timeout(zval *v, uint32_t arg, smtp_config *cfg)
{
    double seconds;
    if (Z_TYPE_P(v) == IS_LONG) {
        seconds = (double)Z_LVAL_P(v);
    } else if (Z_TYPE_P(v) == IS_DOUBLE) {
        seconds = Z_DVAL_P(v);
    } else {
        zend_argument_type_error(arg, "[\"timeout\"] must be of type int|float, %s given", zend_zval_type_name(v));
        return FAILURE;
    }
    if (!(seconds > 0 && seconds <= 3600)) {
        zend_argument_value_error(arg, "[\"timeout\"] must be greater than 0 and at most 3600 seconds");
        return FAILURE;
    }
    cfg->timeout_ms = (int)(seconds * 1000);
    if (cfg->timeout_ms < 1) cfg->timeout_ms = 1;
    return SUCCESS;
}

void smtp_oauth_source_release(smtp_oauth_source *o)
{
    if (o->store) OBJ_RELEASE(o->store);
    if (o->account) zend_string_release(o->account);
    o->store = NULL;
    o->account = NULL;
}

/* ['store' => Smtp\TokenStore, 'account' => 'name'] */
zend_result smtp_parse_oauth_store(HashTable *ht, uint32_t arg, smtp_oauth_source *o)
{
    zval *store = zend_hash_str_find_deref(ht, "store", sizeof("store") - 1);
    zval *account = zend_hash_str_find_deref(ht, "account", sizeof("account") - 1);
    if (zend_hash_num_elements(ht) != (uint32_t)(!!store + !!account)) {
        zend_argument_value_error(arg, "[\"oauth\"] takes only the keys \"store\" and \"account\"");
        return FAILURE;
    }
    if (!store || Z_TYPE_P(store) != IS_OBJECT || !instanceof_function(Z_OBJCE_P(store), smtp_ce_token_store)) {
        zend_argument_type_error(arg, "[\"oauth\"][\"store\"] must be of type Smtp\\TokenStore, %s given",
                                 store ? zend_zval_type_name(store) : "none");
        return FAILURE;
    }
    if (!account || Z_TYPE_P(account) != IS_STRING || Z_STRLEN_P(account) == 0 ||
        strlen(Z_STRVAL_P(account)) != Z_STRLEN_P(account)) {
        zend_argument_value_error(arg, "[\"oauth\"][\"account\"] must be a non-empty account name");
        return FAILURE;
    }
    smtp_oauth_source_release(o);
    o->store = Z_OBJ_P(store);
    GC_ADDREF(o->store);
    o->account = zend_string_copy(Z_STR_P(account));
    return SUCCESS;
}

zend_result smtp_each_key(HashTable *arr, uint32_t arg, smtp_key_fn fn, void *ctx)
{
    zend_string *key;
    zval *v;
    ZEND_HASH_FOREACH_STR_KEY_VAL(arr, key, v) {
        if (!key) {
            zend_argument_value_error(arg, "must be an array with string keys");
            return FAILURE;
        }
        ZVAL_DEREF(v);
        if (fn(ctx, key, v) == FAILURE) return FAILURE;
    } ZEND_HASH_FOREACH_END();
    return SUCCESS;
}

/* What parse_key fills. */
typedef struct transport_ctx {
    uint32_t           arg;
    smtp_config       *cfg;
    const char       **security, **auth;
    int               *want_transcript;
    smtp_oauth_source *oauth;
} transport_ctx;

static zend_result parse_key(void *ctx, zend_string *key, zval *v)
{
    transport_ctx *t = ctx;
    uint32_t arg = t->arg;
    smtp_config *cfg = t->cfg;
    const char **security = t->security, **auth = t->auth;
    const char *k = ZSTR_VAL(key);
    zend_long l;
    if (strcmp(k, "host") == 0) {
        if (smtp_want_string(v, arg, k, (const char **)&cfg->host) == FAILURE) return FAILURE;
        if (!*cfg->host) { zend_argument_value_error(arg, "[\"host\"] must not be empty"); return FAILURE; }
        return SUCCESS;
    }
    if (strcmp(k, "port") == 0) {
        if (want_long(v, arg, k, &l) == FAILURE) return FAILURE;
        if (l < 1 || l > 65535) { zend_argument_value_error(arg, "[\"port\"] must be between 1 and 65535"); return FAILURE; }
        cfg->port = (int)l;
        return SUCCESS;
    }
    if (strcmp(k, "security") == 0) return smtp_want_string(v, arg, k, security);
    if (strcmp(k, "auth") == 0) return smtp_want_string(v, arg, k, auth);
    if (strcmp(k, "username") == 0) return smtp_want_string(v, arg, k, (const char **)&cfg->username);
    if (strcmp(k, "password") == 0) return smtp_want_string(v, arg, k, (const char **)&cfg->password);
    if (strcmp(k, "cafile") == 0) return smtp_want_string(v, arg, k, (const char **)&cfg->cafile);
    if (strcmp(k, "capath") == 0) return smtp_want_string(v, arg, k, (const char **)&cfg->capath);
    if (strcmp(k, "helo") == 0) return smtp_want_string(v, arg, k, (const char **)&cfg->helo);
    if (strcmp(k, "verify_peer") == 0) return smtp_want_bool(v, arg, k, &cfg->verify_peer);
    if (strcmp(k, "transcript") == 0) return smtp_want_bool(v, arg, k, t->want_transcript);
    if (strcmp(k, "timeout") == 0) return parse_timeout(v, arg, cfg);
    if (strcmp(k, "oauth") == 0) {
        if (Z_TYPE_P(v) == IS_ARRAY) {
            return smtp_parse_oauth_store(Z_ARRVAL_P(v), arg, t->oauth);
        }
        return smtp_want_string(v, arg, k, (const char **)&cfg->oauth_token);
    }
    zend_argument_value_error(arg, "contains unknown key \"%s\"", k);
    return FAILURE;
}

zend_result smtp_parse_transport(HashTable *arr, uint32_t arg, smtp_config *cfg, int *want_transcript,
                                 smtp_oauth_source *oauth)
{
    const char *security, *auth;
    defaults_from_ini(cfg, &security, &auth);
    *want_transcript = 0;
    if (!arr) {
        arr = (HashTable *)&zend_empty_array;   /* no argument: the php.ini defaults alone */
    }
    transport_ctx t = { arg, cfg, &security, &auth, want_transcript, oauth };
    if (smtp_each_key(arr, arg, parse_key, &t) == FAILURE) return FAILURE;

    if (*security == '\0') {
        cfg->security = cfg->port == 465 ? SEC_TLS : SEC_STARTTLS;   /* 465 is implicit TLS (RFC 8314) */
    } else if (!parse_security(security, &cfg->security)) {
        zend_argument_value_error(arg, "[\"security\"] must be \"starttls\", \"tls\" or \"none\"");
        return FAILURE;
    }
    if (!parse_auth(auth, &cfg->auth)) {
        zend_argument_value_error(arg, "[\"auth\"] must be \"auto\", \"plain\", \"login\", \"xoauth2\", \"oauthbearer\" or \"none\"");
        return FAILURE;
    }
    if (cfg->port == 0) {
        cfg->port = cfg->security == SEC_TLS ? 465 : 587;
    }
    if ((cfg->auth == AUTH_PLAIN || cfg->auth == AUTH_LOGIN) && (!nonempty(cfg->username) || !cfg->password)) {
        zend_argument_value_error(arg, "[\"auth\"] \"%s\" needs \"username\" and \"password\"", auth);
        return FAILURE;
    }
    if (oauth->store && cfg->oauth_token) {
        zend_argument_value_error(arg, "[\"oauth\"] is either an access token or a TokenStore array, not both");
        return FAILURE;
    }
    if (oauth->store && !nonempty(cfg->username) && strchr(ZSTR_VAL(oauth->account), '@')) {
        cfg->username = ZSTR_VAL(oauth->account);   /* an account named after its mailbox */
    }
    int bearer = cfg->auth == AUTH_XOAUTH2 || cfg->auth == AUTH_OAUTHBEARER;
    if (bearer && (!nonempty(cfg->username) || !(nonempty(cfg->oauth_token) || oauth->store))) {
        zend_argument_value_error(arg, "[\"auth\"] \"%s\" needs \"username\" and \"oauth\"", auth);
        return FAILURE;
    }
    if (oauth->store && (cfg->auth == AUTH_AUTO || bearer)) {
        if (!nonempty(cfg->username)) {
            zend_argument_value_error(arg, "[\"username\"] is required with a TokenStore (the mailbox the token is for)");
            return FAILURE;
        }
    } else if (oauth->store) {
        zend_argument_value_error(arg, "[\"oauth\"] needs \"auth\" \"xoauth2\", \"oauthbearer\" or \"auto\"");
        return FAILURE;
    }
    if (cfg->auth == AUTH_AUTO && nonempty(cfg->username) && !cfg->password && !nonempty(cfg->oauth_token)) {
        zend_argument_value_error(arg, "[\"username\"] is set but neither \"password\" nor \"oauth\" is");
        return FAILURE;
    }
    if (cfg->helo && strpbrk(cfg->helo, " \t")) {
        zend_argument_value_error(arg, "[\"helo\"] must be a host name without spaces");
        return FAILURE;
    }
    return SUCCESS;
}
