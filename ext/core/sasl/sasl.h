/*
 * sasl: the client payloads of the SMTP AUTH mechanisms (RFC 4954), as small
 * pure functions. Each appends base64 text to out and returns 0, or -1 when
 * memory runs out. None of them logs: the session redacts what they build.
 */
#ifndef SMTP_SASL_H
#define SMTP_SASL_H

#include "../util/buf.h"

/* RFC 4616: authzid NUL authcid NUL passwd, with an empty authzid. */
int sasl_plain(smtp_buf *out, const char *user, const char *password);
/* The LOGIN mechanism answers each 334 prompt with one base64 value. */
int sasl_login_value(smtp_buf *out, const char *value);
/* Google's XOAUTH2: "user=" u ^A "auth=Bearer " token ^A ^A. */
int sasl_xoauth2(smtp_buf *out, const char *user, const char *token);
/* RFC 7628 OAUTHBEARER: "n,a=" u "," ^A "auth=Bearer " token ^A ^A. */
int sasl_oauthbearer(smtp_buf *out, const char *user, const char *token);

/* Decodes the base64 JSON that a server sends in a 334 after a refused
 * XOAUTH2/OAUTHBEARER token ({"status":"401","schemes":"bearer","scope":"..."})
 * into readable text such as "status 401, schemes bearer, scope https://...".
 * Anything that is not such JSON is reported as the decoded text itself. */
void sasl_describe_oauth_error(const char *challenge, char *out, size_t outlen);

#endif
