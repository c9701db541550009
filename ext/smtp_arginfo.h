/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: e64fff2067da341d45a76322d191e1ad0f51fd2f */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_smtp_send, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, transport, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_smtp_probe, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, transport, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Smtp_Client___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, transport, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_Client_send, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, message, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_Client_close, 0, 0, IS_VOID, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Smtp_TokenStore___construct, 0, 0, 2)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, key, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_TokenStore_setClient, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, account, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, client, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_TokenStore_authorizationUrl, 0, 3, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, account, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, redirectUri, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, state, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_TokenStore_exchangeCode, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, account, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, code, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, redirectUri, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_TokenStore_accessToken, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, account, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_TokenStore_refresh, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, account, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Smtp_TokenStore_status arginfo_class_Smtp_TokenStore_refresh

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_TokenStore_forget, 0, 1, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, account, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_TokenStore_accounts, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_Exception_getSmtpCode, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_Exception_getEnhancedStatus, 0, 0, IS_STRING, 1)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_Exception_isTemporary, 0, 0, _IS_BOOL, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Smtp_Exception_isOutcomeUnknown arginfo_class_Smtp_Exception_isTemporary

#define arginfo_class_Smtp_Exception_getTranscript arginfo_class_Smtp_TokenStore_accounts

#define arginfo_class_Smtp_Exception_getHttpStatus arginfo_class_Smtp_Exception_getSmtpCode

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Smtp_Exception_getRetryAfter, 0, 0, IS_LONG, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_Smtp_Exception_getMessageId arginfo_class_Smtp_Exception_getEnhancedStatus


ZEND_FUNCTION(smtp_send);
ZEND_FUNCTION(smtp_probe);
ZEND_METHOD(Smtp_Client, __construct);
ZEND_METHOD(Smtp_Client, send);
ZEND_METHOD(Smtp_Client, close);
ZEND_METHOD(Smtp_TokenStore, __construct);
ZEND_METHOD(Smtp_TokenStore, setClient);
ZEND_METHOD(Smtp_TokenStore, authorizationUrl);
ZEND_METHOD(Smtp_TokenStore, exchangeCode);
ZEND_METHOD(Smtp_TokenStore, accessToken);
ZEND_METHOD(Smtp_TokenStore, refresh);
ZEND_METHOD(Smtp_TokenStore, status);
ZEND_METHOD(Smtp_TokenStore, forget);
ZEND_METHOD(Smtp_TokenStore, accounts);
ZEND_METHOD(Smtp_Exception, getSmtpCode);
ZEND_METHOD(Smtp_Exception, getEnhancedStatus);
ZEND_METHOD(Smtp_Exception, isTemporary);
ZEND_METHOD(Smtp_Exception, isOutcomeUnknown);
ZEND_METHOD(Smtp_Exception, getTranscript);
ZEND_METHOD(Smtp_Exception, getHttpStatus);
ZEND_METHOD(Smtp_Exception, getRetryAfter);
ZEND_METHOD(Smtp_Exception, getMessageId);


static const zend_function_entry ext_functions[] = {
	ZEND_FE(smtp_send, arginfo_smtp_send)
	ZEND_FE(smtp_probe, arginfo_smtp_probe)
	ZEND_FE_END
};


static const zend_function_entry class_Smtp_Client_methods[] = {
	ZEND_ME(Smtp_Client, __construct, arginfo_class_Smtp_Client___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Client, send, arginfo_class_Smtp_Client_send, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Client, close, arginfo_class_Smtp_Client_close, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Smtp_TokenStore_methods[] = {
	ZEND_ME(Smtp_TokenStore, __construct, arginfo_class_Smtp_TokenStore___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, setClient, arginfo_class_Smtp_TokenStore_setClient, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, authorizationUrl, arginfo_class_Smtp_TokenStore_authorizationUrl, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, exchangeCode, arginfo_class_Smtp_TokenStore_exchangeCode, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, accessToken, arginfo_class_Smtp_TokenStore_accessToken, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, refresh, arginfo_class_Smtp_TokenStore_refresh, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, status, arginfo_class_Smtp_TokenStore_status, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, forget, arginfo_class_Smtp_TokenStore_forget, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_TokenStore, accounts, arginfo_class_Smtp_TokenStore_accounts, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Smtp_Exception_methods[] = {
	ZEND_ME(Smtp_Exception, getSmtpCode, arginfo_class_Smtp_Exception_getSmtpCode, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Exception, getEnhancedStatus, arginfo_class_Smtp_Exception_getEnhancedStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Exception, isTemporary, arginfo_class_Smtp_Exception_isTemporary, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Exception, isOutcomeUnknown, arginfo_class_Smtp_Exception_isOutcomeUnknown, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Exception, getTranscript, arginfo_class_Smtp_Exception_getTranscript, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Exception, getHttpStatus, arginfo_class_Smtp_Exception_getHttpStatus, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Exception, getRetryAfter, arginfo_class_Smtp_Exception_getRetryAfter, ZEND_ACC_PUBLIC)
	ZEND_ME(Smtp_Exception, getMessageId, arginfo_class_Smtp_Exception_getMessageId, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static void register_smtp_symbols(int module_number)
{

	zend_add_parameter_attribute(zend_hash_str_find_ptr(CG(function_table), "smtp_send", sizeof("smtp_send") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(CG(function_table), "smtp_probe", sizeof("smtp_probe") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);
}

static zend_class_entry *register_class_Smtp_Client(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Smtp", "Client", class_Smtp_Client_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 0, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}

static zend_class_entry *register_class_Smtp_TokenStore(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Smtp", "TokenStore", class_Smtp_TokenStore_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;


	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "__construct", sizeof("__construct") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "setclient", sizeof("setclient") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	zend_add_parameter_attribute(zend_hash_str_find_ptr(&class_entry->function_table, "exchangecode", sizeof("exchangecode") - 1), 1, ZSTR_KNOWN(ZEND_STR_SENSITIVEPARAMETER), 0);

	return class_entry;
}

static zend_class_entry *register_class_Smtp_Exception(zend_class_entry *class_entry_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Smtp", "Exception", class_Smtp_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);

	zval property_smtpCode_default_value;
	ZVAL_LONG(&property_smtpCode_default_value, 0);
	zend_string *property_smtpCode_name = zend_string_init("smtpCode", sizeof("smtpCode") - 1, 1);
	zend_declare_typed_property(class_entry, property_smtpCode_name, &property_smtpCode_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_smtpCode_name);

	zval property_enhancedStatus_default_value;
	ZVAL_NULL(&property_enhancedStatus_default_value);
	zend_string *property_enhancedStatus_name = zend_string_init("enhancedStatus", sizeof("enhancedStatus") - 1, 1);
	zend_declare_typed_property(class_entry, property_enhancedStatus_name, &property_enhancedStatus_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_enhancedStatus_name);

	zval property_temporary_default_value;
	ZVAL_FALSE(&property_temporary_default_value);
	zend_string *property_temporary_name = zend_string_init("temporary", sizeof("temporary") - 1, 1);
	zend_declare_typed_property(class_entry, property_temporary_name, &property_temporary_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_temporary_name);

	zval property_outcomeUnknown_default_value;
	ZVAL_FALSE(&property_outcomeUnknown_default_value);
	zend_string *property_outcomeUnknown_name = zend_string_init("outcomeUnknown", sizeof("outcomeUnknown") - 1, 1);
	zend_declare_typed_property(class_entry, property_outcomeUnknown_name, &property_outcomeUnknown_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_BOOL));
	zend_string_release(property_outcomeUnknown_name);

	zval property_transcript_default_value;
	ZVAL_EMPTY_ARRAY(&property_transcript_default_value);
	zend_string *property_transcript_name = zend_string_init("transcript", sizeof("transcript") - 1, 1);
	zend_declare_typed_property(class_entry, property_transcript_name, &property_transcript_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_transcript_name);

	zval property_httpStatus_default_value;
	ZVAL_LONG(&property_httpStatus_default_value, 0);
	zend_string *property_httpStatus_name = zend_string_init("httpStatus", sizeof("httpStatus") - 1, 1);
	zend_declare_typed_property(class_entry, property_httpStatus_name, &property_httpStatus_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_httpStatus_name);

	zval property_retryAfter_default_value;
	ZVAL_NULL(&property_retryAfter_default_value);
	zend_string *property_retryAfter_name = zend_string_init("retryAfter", sizeof("retryAfter") - 1, 1);
	zend_declare_typed_property(class_entry, property_retryAfter_name, &property_retryAfter_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_retryAfter_name);

	zval property_messageId_default_value;
	ZVAL_NULL(&property_messageId_default_value);
	zend_string *property_messageId_name = zend_string_init("messageId", sizeof("messageId") - 1, 1);
	zend_declare_typed_property(class_entry, property_messageId_name, &property_messageId_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_messageId_name);

	return class_entry;
}
