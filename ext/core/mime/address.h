/*
 * address: mailbox parsing and checking (RFC 5322 3.4, RFC 5321 4.1.2, RFC 6531).
 * Accepts "user@example.com" and "Display Name <user@example.com>"; rejects
 * anything ambiguous (comments, groups, several addresses, control characters)
 * with a reason rather than guessing.
 */
#ifndef SMTP_ADDRESS_H
#define SMTP_ADDRESS_H

#include <stddef.h>
#include "../util/buf.h"

typedef struct mime_address {
    char *email;      /* the addr-spec, as it goes into MAIL FROM / RCPT TO */
    char *name;       /* display name (UTF-8) or NULL */
    int   utf8;       /* needs SMTPUTF8: non-ASCII local part or domain */
} mime_address;

/* Checks an addr-spec. 0, or -1 with why filled. */
int  address_check_email(const char *email, size_t len, int *utf8, char *why, size_t whylen);
/* Checks a display name: UTF-8, no control characters. 0, or -1 with why. */
int  address_check_name(const char *name, size_t len, char *why, size_t whylen);
/* Parses "addr" or "Name <addr>" into out (allocated). 0, or -1 with why. */
int  address_parse(const char *text, size_t len, mime_address *out, char *why, size_t whylen);
/* Builds from separate parts (both checked). name may be NULL. */
int  address_make(const char *email, size_t elen, const char *name, size_t nlen, mime_address *out,
                  char *why, size_t whylen);
void address_free(mime_address *a);
/* 1 when s (len bytes) is well-formed UTF-8 (RFC 3629). */
int  utf8_valid(const char *s, size_t len);

#endif
