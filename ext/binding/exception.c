/*
 * exception: Smtp\Exception. The core's smtp_error becomes the exception's
 * message, SMTP code, enhanced status, temporary/outcome-unknown flags, the
 * redacted transcript and the Message-ID of the message the failure is about.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "zend_exceptions.h"

void smtp_transcript_to_array(zval *out, const smtp_strlist *transcript)
{
    array_init_size(out, (uint32_t)(transcript ? transcript->count : 0));
    for (size_t i = 0; transcript && i < transcript->count; i++) {
        add_next_index_string(out, transcript->items[i]);
    }
}

void smtp_throw(const smtp_error *err, const smtp_strlist *transcript)
{
    smtp_throw_message(err, transcript, NULL);
}

/* message_id: the ID message_prepare() gave the message (a raw message's own, "" when
 * it has none), NULL when the failure came before one was assigned. */
void smtp_throw_message(const smtp_error *err, const smtp_strlist *transcript, const char *message_id)
{
    zval ex, tr;
    object_init_ex(&ex, smtp_ce_exception);
    zend_object *obj = Z_OBJ(ex);
    zend_update_property_string(zend_ce_exception, obj, "message", sizeof("message") - 1, err->message);
    zend_update_property_long(zend_ce_exception, obj, "code", sizeof("code") - 1, err->code);
    zend_update_property_long(smtp_ce_exception, obj, "smtpCode", sizeof("smtpCode") - 1, err->code);
    if (err->enhanced[0]) {
        zend_update_property_string(smtp_ce_exception, obj, "enhancedStatus", sizeof("enhancedStatus") - 1, err->enhanced);
    }
    zend_update_property_bool(smtp_ce_exception, obj, "temporary", sizeof("temporary") - 1, err->temporary);
    zend_update_property_bool(smtp_ce_exception, obj, "outcomeUnknown", sizeof("outcomeUnknown") - 1, err->outcome_unknown);
    zend_update_property_long(smtp_ce_exception, obj, "httpStatus", sizeof("httpStatus") - 1, err->http_status);
    if (err->retry_after > 0) {
        zend_update_property_long(smtp_ce_exception, obj, "retryAfter", sizeof("retryAfter") - 1, err->retry_after);
    }
    if (message_id && message_id[0]) {
        zend_update_property_string(smtp_ce_exception, obj, "messageId", sizeof("messageId") - 1, message_id);
    }
    smtp_transcript_to_array(&tr, transcript);
    zend_update_property(smtp_ce_exception, obj, "transcript", sizeof("transcript") - 1, &tr);
    zval_ptr_dtor(&tr);
    zend_throw_exception_object(&ex);
}

static zval *prop(zend_object *obj, const char *name, size_t len)
{
    zval rv;
    return zend_read_property(smtp_ce_exception, obj, name, len, 1, &rv);
}

ZEND_METHOD(Smtp_Exception, getSmtpCode)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "smtpCode", sizeof("smtpCode") - 1));
}

ZEND_METHOD(Smtp_Exception, getEnhancedStatus)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "enhancedStatus", sizeof("enhancedStatus") - 1));
}

ZEND_METHOD(Smtp_Exception, isTemporary)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "temporary", sizeof("temporary") - 1));
}

ZEND_METHOD(Smtp_Exception, isOutcomeUnknown)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "outcomeUnknown", sizeof("outcomeUnknown") - 1));
}

ZEND_METHOD(Smtp_Exception, getHttpStatus)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "httpStatus", sizeof("httpStatus") - 1));
}

ZEND_METHOD(Smtp_Exception, getRetryAfter)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "retryAfter", sizeof("retryAfter") - 1));
}

ZEND_METHOD(Smtp_Exception, getTranscript)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "transcript", sizeof("transcript") - 1));
}

ZEND_METHOD(Smtp_Exception, getMessageId)
{
    ZEND_PARSE_PARAMETERS_NONE();
    RETURN_COPY(prop(Z_OBJ_P(ZEND_THIS), "messageId", sizeof("messageId") - 1));
}
