/*
 * api_args: a $transport array with "api" (an HTTPS API instead of SMTP) into an
 * api_config, every key checked before any request: the API's name, an https://
 * endpoint, and the credentials that API needs. Strings point into the array;
 * Smtp\Client keeps a copy (api_config_copy).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "zend_exceptions.h"

int smtp_transport_is_api(HashTable *arr)
{
    return arr && zend_hash_str_exists(arr, "api", sizeof("api") - 1);
}

/* A string key; "" is the same as leaving the key out. */
static zend_result api_string(zval *v, uint32_t arg, const char *key, char **out)
{
    const char *s;
    if (smtp_want_string(v, arg, key, &s) == FAILURE) return FAILURE;
    *out = *s ? (char *)s : NULL;
    return SUCCESS;
}

static zend_result api_timeout(zval *v, uint32_t arg, api_config *cfg)
{
    double seconds = Z_TYPE_P(v) == IS_LONG ? (double)Z_LVAL_P(v) : Z_TYPE_P(v) == IS_DOUBLE ? Z_DVAL_P(v) : -1;
    if (Z_TYPE_P(v) != IS_LONG && Z_TYPE_P(v) != IS_DOUBLE) {
        zend_argument_type_error(arg, "[\"timeout\"] must be of type int|float, %s given", zend_zval_type_name(v));
        return FAILURE;
    }
    if (!(seconds > 0 && seconds <= 3600)) {
        zend_argument_value_error(arg, "[\"timeout\"] must be greater than 0 and at most 3600 seconds");
        return FAILURE;
    }
    cfg->timeout_ms = seconds * 1000 < 1 ? 1 : (int)(seconds * 1000);
    return SUCCESS;
}

/* What api_key fills. */
typedef struct api_ctx {
    uint32_t           arg;
    api_config        *cfg;
    int               *want_transcript;
    smtp_oauth_source *oauth;
    const char        *api;
} api_ctx;

static zend_result api_key(void *ctx, zend_string *key, zval *v)
{
    api_ctx *a = ctx;
    uint32_t arg = a->arg;
    api_config *cfg = a->cfg;
    static const struct { const char *name; size_t offset; } strings[] = {
        { "endpoint", offsetof(api_config, endpoint) }, { "cafile", offsetof(api_config, cafile) },
        { "api_key", offsetof(api_config, api_key) }, { "domain", offsetof(api_config, domain) },
        { "region", offsetof(api_config, region) }, { "access_key_id", offsetof(api_config, access_key_id) },
        { "secret_access_key", offsetof(api_config, secret_access_key) },
        { "session_token", offsetof(api_config, session_token) },
    };
    const char *k = ZSTR_VAL(key);
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        if (strcmp(k, strings[i].name) == 0) return api_string(v, arg, k, (char **)((char *)cfg + strings[i].offset));
    }
    if (strcmp(k, "api") == 0) return api_string(v, arg, k, (char **)&a->api);
    if (strcmp(k, "timeout") == 0) return api_timeout(v, arg, cfg);
    if (strcmp(k, "transcript") == 0) return smtp_want_bool(v, arg, k, a->want_transcript);
    if (strcmp(k, "oauth") == 0) {
        if (Z_TYPE_P(v) == IS_ARRAY) return smtp_parse_oauth_store(Z_ARRVAL_P(v), arg, a->oauth);
        return api_string(v, arg, k, &cfg->oauth_token);
    }
    zend_argument_value_error(arg, "contains unknown key \"%s\" (an \"api\" transport takes api, endpoint, cafile, "
                              "timeout, transcript and the API's credentials)", k);
    return FAILURE;
}

static zend_result check_credentials(uint32_t arg, api_config *cfg, smtp_oauth_source *oauth)
{
    char why[300];
    if (api_config_check(cfg, why, sizeof(why)) != 0) {
        zend_argument_value_error(arg, "%s", why);
        return FAILURE;
    }
    int bearer = api_uses_oauth(cfg->kind);
    if (bearer && !cfg->oauth_token && !oauth->store) {
        zend_argument_value_error(arg, "[\"oauth\"] (an access token or ['store' => TokenStore, 'account' => ...]) "
                                  "is required for \"api\" \"%s\"", api_name(cfg->kind));
        return FAILURE;
    }
    if (bearer && cfg->oauth_token && oauth->store) {
        zend_argument_value_error(arg, "[\"oauth\"] is either an access token or a TokenStore array, not both");
        return FAILURE;
    }
    if (!bearer && (cfg->oauth_token || oauth->store)) {
        zend_argument_value_error(arg, "[\"oauth\"] is not used by \"api\" \"%s\" (it takes an API key)",
                                  api_name(cfg->kind));
        return FAILURE;
    }
    return SUCCESS;
}

zend_result smtp_parse_api_transport(HashTable *arr, uint32_t arg, api_config *cfg, int *want_transcript,
                                     smtp_oauth_source *oauth)
{
    api_ctx a = { arg, cfg, want_transcript, oauth, NULL };
    memset(cfg, 0, sizeof(*cfg));
    cfg->timeout_ms = (int)(SMTP_G(timeout) > 0 ? SMTP_G(timeout) * 1000 : 30000);
    *want_transcript = 0;
    if (smtp_each_key(arr, arg, api_key, &a) == FAILURE) return FAILURE;
    if (!a.api || api_find(a.api, &cfg->kind) != 0) {
        zend_argument_value_error(arg, "[\"api\"] must be \"gmail\", \"graph\", \"mailgun\", \"ses\", \"sendgrid\", "
                                  "\"postmark\" or \"mandrill\"");
        return FAILURE;
    }
    return check_credentials(arg, cfg, oauth);
}
