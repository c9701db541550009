/*
 * module: extension entry, php.ini directives (smtp.*), MINIT and phpinfo.
 * PHP's own mail() has "SMTP" and "smtp_port"; ours are all under "smtp.".
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "ext/standard/info.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_attributes.h"
#include "smtp_arginfo.h"
#include "core/oauth/http.h"

#include <curl/curl.h>
#include <json-c/json_c_version.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>

ZEND_DECLARE_MODULE_GLOBALS(smtp)

static const char *const security_values[] = { "", "starttls", "tls", "none", NULL };
static const char *const auth_values[] = { "auto", "plain", "login", "xoauth2", "oauthbearer", "none", NULL };

static int one_of(const char *v, const char *const *allowed)
{
    for (; *allowed; allowed++) {
        if (strcmp(v, *allowed) == 0) return 1;
    }
    return 0;
}

/* Enum-like directives: refuse unknown values, naming the directive. */
zend_class_entry *smtp_ce_client;
zend_class_entry *smtp_ce_token_store;
zend_class_entry *smtp_ce_exception;

static PHP_INI_MH(OnUpdateSmtpSecurity)
{
    if (!one_of(ZSTR_VAL(new_value), security_values)) {
        php_error_docref(NULL, E_WARNING, "smtp.security must be \"starttls\", \"tls\" or \"none\", \"%s\" given",
                         ZSTR_VAL(new_value));
        return FAILURE;
    }
    return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static PHP_INI_MH(OnUpdateSmtpAuth)
{
    if (!one_of(ZSTR_VAL(new_value), auth_values)) {
        php_error_docref(NULL, E_WARNING,
                         "smtp.auth must be \"auto\", \"plain\", \"login\", \"xoauth2\", \"oauthbearer\" or \"none\", \"%s\" given",
                         ZSTR_VAL(new_value));
        return FAILURE;
    }
    return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

/* Values that go into protocol lines or paths (EHLO, AUTH, the host name): CR, LF or
 * NUL would let a php.ini or ini_set() value inject commands, as in the transport array. */
static PHP_INI_MH(OnUpdateSmtpLine)
{
    if (strpbrk(ZSTR_VAL(new_value), "\r\n") || strlen(ZSTR_VAL(new_value)) != ZSTR_LEN(new_value)) {
        php_error_docref(NULL, E_WARNING, "%s must not contain CR, LF or NUL", ZSTR_VAL(entry->name));
        return FAILURE;
    }
    return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

/* phpinfo() and php --ri never show the password. */
static ZEND_INI_DISP(display_secret)
{
    zend_string *v = (type == ZEND_INI_DISPLAY_ORIG && ini_entry->modified) ? ini_entry->orig_value : ini_entry->value;
    PHPWRITE(v && ZSTR_LEN(v) ? "********" : "no value", v && ZSTR_LEN(v) ? 8 : 8);
}

PHP_INI_BEGIN()
    STD_PHP_INI_ENTRY("smtp.host",        "localhost", PHP_INI_ALL, OnUpdateSmtpLine,     host,        zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY("smtp.port",        "0",         PHP_INI_ALL, OnUpdateLong,         port,        zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY("smtp.security",    "",          PHP_INI_ALL, OnUpdateSmtpSecurity, security,    zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY("smtp.auth",        "auto",      PHP_INI_ALL, OnUpdateSmtpAuth,     auth,        zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY("smtp.username",    "",          PHP_INI_ALL, OnUpdateSmtpLine,     username,    zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY_EX("smtp.password", "",          PHP_INI_ALL, OnUpdateSmtpLine,     password,    zend_smtp_globals, smtp_globals, display_secret)
    STD_PHP_INI_ENTRY("smtp.helo",        "",          PHP_INI_ALL, OnUpdateSmtpLine,     helo,        zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY("smtp.cafile",      "",          PHP_INI_ALL, OnUpdateSmtpLine,     cafile,      zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY("smtp.capath",      "",          PHP_INI_ALL, OnUpdateSmtpLine,     capath,      zend_smtp_globals, smtp_globals)
    STD_PHP_INI_BOOLEAN("smtp.verify_peer", "1",       PHP_INI_ALL, OnUpdateBool,         verify_peer, zend_smtp_globals, smtp_globals)
    STD_PHP_INI_ENTRY_EX("smtp.token_key", "",         PHP_INI_SYSTEM|PHP_INI_PERDIR, OnUpdateString, token_key, zend_smtp_globals, smtp_globals, display_secret)
    STD_PHP_INI_ENTRY("smtp.timeout",     "30",        PHP_INI_ALL, OnUpdateLong,         timeout,     zend_smtp_globals, smtp_globals)
PHP_INI_END()

static PHP_GINIT_FUNCTION(smtp)
{
#if defined(COMPILE_DL_SMTP) && defined(ZTS)
    ZEND_TSRMLS_CACHE_UPDATE();
#endif
    memset(smtp_globals, 0, sizeof(*smtp_globals));
}

static PHP_MINIT_FUNCTION(smtp)
{
    REGISTER_INI_ENTRIES();
    register_smtp_symbols(module_number);
    smtp_ce_exception = register_class_Smtp_Exception(spl_ce_RuntimeException);
    smtp_ce_client = register_class_Smtp_Client();
    smtp_client_register();
    smtp_ce_token_store = register_class_Smtp_TokenStore();
    smtp_token_store_register();
    if (http_global_init() != 0) {
        php_error_docref(NULL, E_WARNING, "libcurl could not be initialised: Smtp\\TokenStore cannot reach token endpoints");
    }
    return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(smtp)
{
    UNREGISTER_INI_ENTRIES();
    http_global_cleanup();
    return SUCCESS;
}

static PHP_MINFO_FUNCTION(smtp)
{
    char buf[64];
    php_info_print_table_start();
    php_info_print_table_row(2, "SMTP client (php-smtp)", "enabled");
    php_info_print_table_row(2, "Version", PHP_SMTP_VERSION);
    php_info_print_table_row(2, "Features", "STARTTLS, implicit TLS, AUTH PLAIN/LOGIN/XOAUTH2, PIPELINING, CHUNKING, SMTPUTF8, OAuth 2.0 token store (AES-256-GCM)");
    php_info_print_table_row(2, "OpenSSL (headers)", OPENSSL_VERSION_TEXT);
    php_info_print_table_row(2, "OpenSSL (runtime)", OpenSSL_version(OPENSSL_VERSION));
    php_info_print_table_row(2, "libcurl (headers)", LIBCURL_VERSION);
    php_info_print_table_row(2, "libcurl (runtime)", curl_version_info(CURLVERSION_NOW)->version);
    snprintf(buf, sizeof(buf), "%s", JSON_C_VERSION);
    php_info_print_table_row(2, "json-c (headers)", buf);
    php_info_print_table_row(2, "json-c (runtime)", json_c_version());
    php_info_print_table_end();
    DISPLAY_INI_ENTRIES();
}

zend_module_entry smtp_module_entry = {
    STANDARD_MODULE_HEADER,
    "smtp",
    ext_functions,
    PHP_MINIT(smtp),
    PHP_MSHUTDOWN(smtp),
    NULL,
    NULL,
    PHP_MINFO(smtp),
    PHP_SMTP_VERSION,
    PHP_MODULE_GLOBALS(smtp),
    PHP_GINIT(smtp),
    NULL,
    NULL,
    STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_SMTP
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(smtp)
#endif
