/* php_smtp.h: the extension's shared declarations (binding layer only). */
#ifndef PHP_SMTP_H
#define PHP_SMTP_H

#include "php.h"
#include "core/smtp/session.h"
#include "core/mime/message.h"
#include "core/smtp/session_store.h"
#include "core/api/api.h"

#define PHP_SMTP_VERSION "0.1.0"

extern zend_module_entry smtp_module_entry;
#define phpext_smtp_ptr &smtp_module_entry

ZEND_BEGIN_MODULE_GLOBALS(smtp)
    char     *host;
    zend_long port;
    char     *security;
    char     *auth;
    char     *username;
    char     *password;
    char     *helo;
    char     *cafile;
    char     *capath;
    zend_bool verify_peer;
    zend_long timeout;
    char     *token_key;        /* Smtp\\TokenStore key when the constructor gets "" */
ZEND_END_MODULE_GLOBALS(smtp)

ZEND_EXTERN_MODULE_GLOBALS(smtp)
#define SMTP_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(smtp, v)

extern zend_class_entry *smtp_ce_client;
extern zend_class_entry *smtp_ce_exception;
extern zend_class_entry *smtp_ce_token_store;

/* Where XOAUTH2 takes its token from when the transport names a TokenStore. */
typedef struct smtp_oauth_source {
    zend_object *store;         /* a counted reference, or NULL */
    zend_string *account;
} smtp_oauth_source;

void smtp_oauth_source_release(smtp_oauth_source *o);

/* transport_args.c: the transport array (merged over php.ini; NULL: php.ini alone) into cfg. On a bad
 * value throws ValueError/TypeError naming the key and returns FAILURE. */
zend_result smtp_parse_transport(HashTable *arr, uint32_t arg_num, smtp_config *cfg, int *want_transcript,
                                 smtp_oauth_source *oauth);

/* A string for ["key"] without CR, LF or NUL (*out points into v), or TypeError/ValueError and FAILURE. */
zend_result smtp_want_string(zval *v, uint32_t arg_num, const char *key, const char **out);
/* A bool for ["key"], or TypeError and FAILURE. */
zend_result smtp_want_bool(zval *v, uint32_t arg_num, const char *key, int *out);
/* fn for each key of arr (the value dereferenced); an integer key is a ValueError. The first FAILURE ends it. */
typedef zend_result (*smtp_key_fn)(void *ctx, zend_string *key, zval *v);
zend_result smtp_each_key(HashTable *arr, uint32_t arg_num, smtp_key_fn fn, void *ctx);

/* ['store' => Smtp\\TokenStore, 'account' => name] into o (a counted reference). */
zend_result smtp_parse_oauth_store(HashTable *ht, uint32_t arg_num, smtp_oauth_source *o);

/* api_args.c: 1 when the transport array names an "api" (HTTPS instead of SMTP). */
int smtp_transport_is_api(HashTable *arr);
/* The "api" transport array into cfg (strings point into the array); ValueError/TypeError
 * naming the key and FAILURE on a bad value or missing credentials. */
zend_result smtp_parse_api_transport(HashTable *arr, uint32_t arg_num, api_config *cfg, int *want_transcript,
                                     smtp_oauth_source *oauth);
/* api_send.c: sends m over the API (a TokenStore token refreshed once and the request retried
 * once on a 401) and fills return_value, or throws Smtp\\Exception. */
zend_result smtp_api_deliver(api_client *c, const api_config *cfg, smtp_oauth_source *oauth, int want_transcript,
                             mime_message *m, zval *return_value);

/* message_args.c: the message array into m, every field checked. */
zend_result smtp_parse_message(HashTable *arr, uint32_t arg_num, mime_message *m);

/* exception.c */
void smtp_throw(const smtp_error *err, const smtp_strlist *transcript);
/* The same, naming the message it is about (Smtp\\Exception::getMessageId()). */
void smtp_throw_message(const smtp_error *err, const smtp_strlist *transcript, const char *message_id);
void smtp_transcript_to_array(zval *out, const smtp_strlist *transcript);

/* client.c */
/* Installs the object handlers of Smtp\\Client (the class is registered by MINIT). */
void smtp_client_register(void);
/* Sends m over s (opening or reopening it as needed) and fills return_value. */
zend_result smtp_deliver(smtp_session *s, const smtp_config *cfg, smtp_oauth_source *oauth, int want_transcript,
                         mime_message *m, zval *return_value);
/* rv = the result array's message_id, accepted, rejected (address => reply) and response. */
void smtp_result_array(zval *rv, const char *message_id, const smtp_strlist *accepted, const smtp_strlist *rejected,
                       const smtp_strlist *rejected_reply, const char *response);
/* Opens s as cfg says, with a token from the store when oauth has one (refreshed
 * once and retried once when the server refuses it). 0, or -1 with err. */
int smtp_open_session(smtp_session *s, const smtp_config *cfg, smtp_oauth_source *oauth, smtp_error *err);

/* probe.c */

/* token_store.c */
void smtp_token_store_register(void);
/* The core store behind a TokenStore object, or NULL with err when it was not constructed. */
token_store *smtp_token_store_handle(zend_object *store, smtp_error *err);

#endif
