/*
 * grant: the token endpoint calls (RFC 6749 4.1.3 code exchange, 6 refresh)
 * and revocation (RFC 7009), with the client from the store. Error messages
 * name the endpoint and quote its error; they never contain a secret.
 */
#ifndef SMTP_GRANT_H
#define SMTP_GRANT_H

#include <json-c/json.h>

#include "oauth.h"
#include "../util/error.h"

/* POSTs form (grant parameters) plus the client's credentials to its token
 * endpoint and parses the reply into r. 0 when a reply arrived, whatever it
 * says; -1 with err set (temporary) when none did. */
int grant_post(json_object *client, const char *what, const char *form, oauth_token_reply *r, smtp_error *err);

/* Revokes token at the client's revoke endpoint: 0, or -1 with err set. */
int grant_revoke(json_object *client, const char *token, smtp_error *err);

/* Replaces every occurrence of secret in text by "<redacted>". */
void grant_redact(char *text, size_t size, const char *secret);

#endif
