/*
 * auth: SMTP AUTH (RFC 4954). Payloads come from sasl.c; what the transcript
 * shows of them is always "<redacted>". A refused XOAUTH2 token gets a 334 with
 * a base64 JSON reason: the client answers with an empty line, reads the final
 * reply, and reports both.
 */
#include "auth.h"
#include "chat.h"
#include "../net/socket.h"
#include "../sasl/sasl.h"

#include <stdio.h>
#include <string.h>

static int offers(const smtp_session *s, const char *mech)
{
    char needle[32];
    snprintf(needle, sizeof(needle), " %s ", mech);
    return strstr(s->caps.auth, needle) != NULL;
}

static const char *mech_name(smtp_auth a)
{
    return a == AUTH_PLAIN ? "PLAIN" : a == AUTH_LOGIN ? "LOGIN" : a == AUTH_OAUTHBEARER ? "OAUTHBEARER" : "XOAUTH2";
}

static int has(const char *s)
{
    return s && *s;
}

/* Which mechanism to use; AUTH_NONE when there is nothing to authenticate with. */
static smtp_auth choose(const smtp_session *s)
{
    const smtp_config *c = &s->cfg;
    if (c->auth != AUTH_AUTO) {
        return c->auth;
    }
    if (has(c->oauth_token)) {
        /* XOAUTH2 is what Gmail and Microsoft speak; RFC 7628 OAUTHBEARER when it is all there is */
        return !offers(s, "XOAUTH2") && offers(s, "OAUTHBEARER") ? AUTH_OAUTHBEARER : AUTH_XOAUTH2;
    }
    if (!has(c->username) && !has(c->password)) {
        return AUTH_NONE;
    }
    if (!offers(s, "PLAIN") && offers(s, "LOGIN")) {
        return AUTH_LOGIN;
    }
    return AUTH_PLAIN;
}

static int secure_enough(smtp_session *s, smtp_auth mech, smtp_error *err)
{
    if (s->tls_active || socket_peer_is_loopback(s->conn.fd)) {
        return 0;
    }
    error_set(err, SMTP_ERR_SECURITY, 0,
              "AUTH %s: refusing to send credentials to %s:%d over an unencrypted connection "
              "(use security 'starttls' or 'tls')",
              mech_name(mech), s->cfg.host, s->cfg.port);
    return -1;
}

static int check_offered(smtp_session *s, smtp_auth mech, smtp_error *err)
{
    if (offers(s, mech_name(mech))) {
        return 0;
    }
    if (!s->caps.auth[0]) {
        error_set(err, SMTP_ERR_SECURITY, 0,
                  "AUTH %s: %s:%d does not offer authentication (no AUTH in its EHLO reply)%s",
                  mech_name(mech), s->cfg.host, s->cfg.port,
                  s->tls_active ? "" : "; some servers offer it only after STARTTLS");
    } else {
        error_set(err, SMTP_ERR_SECURITY, 0, "AUTH %s: %s:%d does not offer %s (it offers:%s)",
                  mech_name(mech), s->cfg.host, s->cfg.port, mech_name(mech), s->caps.auth);
    }
    return -1;
}

/* Sends a secret line, showing "<redacted>" (or prefix + "<redacted>"). */
static int send_secret(smtp_session *s, const char *prefix, const smtp_buf *payload, smtp_error *err)
{
    smtp_buf line = SMTP_BUF_INIT;
    char shown[64];
    snprintf(shown, sizeof(shown), "%s<redacted>", prefix);
    int rc = (buf_puts(&line, prefix) || buf_append(&line, payload->data ? payload->data : "", payload->len))
             ? -1 : chat_send(s, line.data, shown, err);
    if (line.data) {
        memset(line.data, 0, line.len);
    }
    buf_free(&line);
    return rc || chat_flush(s, err);
}

/* "AUTH <mech> <initial response>", or, when that line would pass 512 octets with
 * its CRLF (RFC 4954 4: a long password or a Microsoft access token), "AUTH <mech>"
 * alone and the response after the server's 334 (RFC 4954 4, RFC 4422 5). 0 when the
 * caller reads the reply next, 1 when s->reply already holds the server's answer
 * (it refused the bare AUTH), -1 on error. */
static int send_initial(smtp_session *s, const char *command, const smtp_buf *payload, const char *stage,
                        smtp_error *err)
{
    size_t clen = strlen(command);
    if (clen + 1 + payload->len + 2 <= 512) {
        char prefix[48];
        snprintf(prefix, sizeof(prefix), "%s ", command);
        return send_secret(s, prefix, payload, err) ? -1 : 0;
    }
    if (chat_send(s, command, NULL, err) || chat_flush(s, err) || chat_read(s, stage, err)) {
        return -1;
    }
    if (s->reply.code != 334) {
        return 1;
    }
    return send_secret(s, "", payload, err) ? -1 : 0;
}

static int auth_plain(smtp_session *s, const char *stage, smtp_error *err)
{
    smtp_buf p = SMTP_BUF_INIT;
    int rc = sasl_plain(&p, s->cfg.username ? s->cfg.username : "", s->cfg.password ? s->cfg.password : "");
    rc = rc ? -1 : send_initial(s, "AUTH PLAIN", &p, stage, err);
    buf_free(&p);   /* wiped */
    return rc < 0 ? -1 : rc == 1 ? 0 : chat_read(s, stage, err);
}

static int auth_login(smtp_session *s, const char *stage, smtp_error *err)
{
    if (chat_send(s, "AUTH LOGIN", NULL, err) || chat_flush(s, err) || chat_read(s, stage, err)) {
        return -1;
    }
    const char *values[] = { s->cfg.username ? s->cfg.username : "", s->cfg.password ? s->cfg.password : "" };
    for (int i = 0; i < 2 && s->reply.code == 334; i++) {
        smtp_buf p = SMTP_BUF_INIT;
        int rc = sasl_login_value(&p, values[i]) ? -1 : send_secret(s, "", &p, err);
        if (p.data) memset(p.data, 0, p.len);
        buf_free(&p);
        if (rc || chat_read(s, stage, err)) {
            return -1;
        }
    }
    return 0;
}

/* XOAUTH2 (Google's) and OAUTHBEARER (RFC 7628) differ in the payload and in
 * how the client acknowledges an error challenge: an empty line for XOAUTH2,
 * a single %x01 for OAUTHBEARER (RFC 7628 3.2.3). */
static int auth_bearer(smtp_session *s, smtp_auth mech, const char *stage, char *token_error, size_t tlen,
                       smtp_error *err)
{
    smtp_buf p = SMTP_BUF_INIT;
    const char *user = s->cfg.username ? s->cfg.username : "", *token = s->cfg.oauth_token ? s->cfg.oauth_token : "";
    int bearer = mech == AUTH_OAUTHBEARER;
    int rc = bearer ? sasl_oauthbearer(&p, user, token) : sasl_xoauth2(&p, user, token);
    rc = rc ? -1 : send_initial(s, bearer ? "AUTH OAUTHBEARER" : "AUTH XOAUTH2", &p, stage, err);
    buf_free(&p);   /* wiped */
    if (rc < 0 || (rc == 0 && chat_read(s, stage, err))) {
        return -1;
    }
    if (rc == 1) {
        return 0;   /* the bare AUTH was refused: that reply is the answer */
    }
    if (s->reply.code == 334) {
        /* Google's error challenge: decode it, answer empty, read the final reply. */
        sasl_describe_oauth_error(s->reply.text.data ? s->reply.text.data : "", token_error, tlen);
        if (chat_send(s, bearer ? "AQ==" : "", NULL, err) || chat_flush(s, err) || chat_read(s, stage, err)) {
            return -1;
        }
    }
    return 0;
}

int session_authenticate(smtp_session *s, smtp_error *err)
{
    smtp_auth mech = choose(s);
    if (mech == AUTH_NONE) {
        return 0;
    }
    char stage[32];
    snprintf(stage, sizeof(stage), "AUTH %s", mech_name(mech));
    if (secure_enough(s, mech, err) || check_offered(s, mech, err)) {
        return -1;
    }
    char token_error[512] = "";
    int rc = mech == AUTH_PLAIN ? auth_plain(s, stage, err)
           : mech == AUTH_LOGIN ? auth_login(s, stage, err)
           : auth_bearer(s, mech, stage, token_error, sizeof(token_error), err);
    if (rc != 0) {
        return -1;
    }
    if (s->reply.code != 235) {
        s->auth_rejected = 1;
        chat_refused(s, stage, err);
        if (token_error[0]) {
            size_t used = strlen(err->message);
            snprintf(err->message + used, sizeof(err->message) - used, " (token refused: %s)", token_error);
        }
        return -1;
    }
    s->authenticated = 1;
    return 0;
}
