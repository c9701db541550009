/*
 * session_store: opening a session whose XOAUTH2 / OAUTHBEARER token comes from
 * a token store account. Shared by the PHP binding (TokenStore in the
 * transport array) and php-smtp-sendmail (token_store in its config file).
 */
#ifndef SMTP_SESSION_STORE_H
#define SMTP_SESSION_STORE_H

#include "session.h"
#include "../oauth/token_store.h"

/* Opens s as cfg says with an access token from ts's account (cfg->oauth_token
 * is ignored). When the server refuses that token (revoked, or expired early),
 * the store refreshes it once (unless another process already did: see
 * token_store_access_token) and the session is tried once more.
 * 0; -1 with err when the session failed (s->auth_rejected says whether the
 * server refused the token); -2 with err when no token could be had from the
 * store (its endpoint, its file or its key). */
int session_open_with_store(smtp_session *s, const smtp_config *cfg, token_store *ts, const char *account,
                            smtp_error *err);

#endif
