/*
 * caps: the EHLO reply's service extensions (RFC 5321 4.1.1.1) as flags, the
 * SIZE limit (RFC 1870) and the AUTH mechanisms (RFC 4954) as " A B C ".
 * The reply is the server's, so the parser bounds everything it copies.
 */
#ifndef SMTP_CAPS_H
#define SMTP_CAPS_H

#include "session.h"

/* text: the EHLO reply's lines joined with '\n' (the first is the greeting). */
void caps_parse(smtp_caps *caps, const char *text);

#endif
