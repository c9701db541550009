/* auth: SMTP AUTH (RFC 4954) with PLAIN, LOGIN and XOAUTH2. Internal to the core. */
#ifndef SMTP_AUTH_H
#define SMTP_AUTH_H

#include "session.h"

/* Authenticates as s->cfg asks (auto picks from what the server offers), or does
 * nothing when no credentials are configured. Refuses to send credentials over
 * an unencrypted connection to anything but loopback. 0, or -1 with err. */
int session_authenticate(smtp_session *s, smtp_error *err);

#endif
