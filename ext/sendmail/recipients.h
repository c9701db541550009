/*
 * recipients: the envelope recipients of a message: the command's arguments
 * (each may be an address list), then with -t those of To, Cc and Bcc; each
 * address checked (RFC 5321 4.1.2, RFC 6531) and kept once (case-insensitive).
 */
#ifndef SM_RECIPIENTS_H
#define SM_RECIPIENTS_H

#include <stddef.h>

#include "options.h"
#include "core/util/strlist.h"

/* Fills out; *utf8 |= 1 when an address needs SMTPUTF8. EX_OK, EX_DATAERR (a bad
 * address) or EX_USAGE (none at all), with why. */
int sm_recipients(const sm_options *o, const smtp_strlist *from_headers, smtp_strlist *out, int *utf8,
                  char *why, size_t whylen);

#endif
