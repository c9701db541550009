/*
 * session: connection set-up of an SMTP client session: greeting, EHLO and the
 * capabilities it announces, STARTTLS, then AUTH (auth.c). Mail transactions
 * are in transaction.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "session.h"
#include "caps.h"
#include "auth.h"
#include "chat.h"
#include "../net/socket.h"

#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/crypto.h>

static const char *const security_names[] = { "starttls", "tls", "none" };
static const char *const auth_names[] = { "auto", "plain", "login", "xoauth2", "none", "oauthbearer" };   /* smtp_auth order */

const char *security_name(smtp_security s) { return security_names[s]; }
const char *auth_name(smtp_auth a) { return auth_names[a]; }

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int config_copy(smtp_config *dst, const smtp_config *src)
{
    *dst = *src;
    dst->host = dup_or_null(src->host);
    dst->username = dup_or_null(src->username);
    dst->password = dup_or_null(src->password);
    dst->oauth_token = dup_or_null(src->oauth_token);
    dst->cafile = dup_or_null(src->cafile);
    dst->capath = dup_or_null(src->capath);
    dst->helo = dup_or_null(src->helo);
    if (!dst->host || (src->username && !dst->username) || (src->password && !dst->password) ||
        (src->oauth_token && !dst->oauth_token)) {
        config_free(dst);
        return -1;
    }
    return 0;
}

static void free_secret(char **p)
{
    if (*p) {
        OPENSSL_cleanse(*p, strlen(*p));   /* a memset before free() may be optimised away */
        free(*p);
        *p = NULL;
    }
}

void config_free(smtp_config *c)
{
    free(c->host);
    free(c->username);
    free_secret(&c->password);
    free_secret(&c->oauth_token);
    free(c->cafile);
    free(c->capath);
    free(c->helo);
    memset(c, 0, sizeof(*c));
}

void session_init(smtp_session *s)
{
    memset(s, 0, sizeof(*s));
    s->conn.fd = -1;
    reply_init(&s->reply);
}

/* RFC 5321 4.1.1.1: EHLO names this host by its FQDN, or an address literal. */
static void choose_helo_name(smtp_session *s)
{
    if (s->cfg.helo && *s->cfg.helo) {
        snprintf(s->helo_name, sizeof(s->helo_name), "%s", s->cfg.helo);
        return;
    }
    char host[256] = "";
    if (gethostname(host, sizeof(host) - 1) == 0 && strchr(host, '.')) {
        snprintf(s->helo_name, sizeof(s->helo_name), "%s", host);
        return;
    }
    struct addrinfo hints = { .ai_flags = AI_CANONNAME }, *res = NULL;
    if (host[0] && getaddrinfo(host, NULL, &hints, &res) == 0 && res && res->ai_canonname &&
        strchr(res->ai_canonname, '.')) {
        snprintf(s->helo_name, sizeof(s->helo_name), "%s", res->ai_canonname);
    } else {
        socket_local_literal(s->conn.fd, s->helo_name, sizeof(s->helo_name));
    }
    if (res) {
        freeaddrinfo(res);
    }
}

static int greet(smtp_session *s, smtp_error *err)
{
    if (chat_read(s, "Greeting", err) != 0) {
        return -1;
    }
    if (s->reply.code != 220) {
        chat_refused(s, "Greeting", err);
        return -1;
    }
    return 0;
}

/* EHLO, and HELO when the server does not know EHLO (RFC 5321 4.1.4). */
static int say_hello(smtp_session *s, smtp_error *err)
{
    char line[300];
    snprintf(line, sizeof(line), "EHLO %s", s->helo_name);
    if (chat_send(s, line, NULL, err) || chat_flush(s, err) || chat_read(s, "EHLO", err)) {
        return -1;
    }
    if (s->reply.code == 250) {
        caps_parse(&s->caps, s->reply.text.data);
        return 0;
    }
    if (s->reply.code != 500 && s->reply.code != 502) {
        chat_refused(s, "EHLO", err);
        return -1;
    }
    snprintf(line, sizeof(line), "HELO %s", s->helo_name);
    if (chat_send(s, line, NULL, err) || chat_flush(s, err) || chat_read(s, "HELO", err)) {
        return -1;
    }
    if (s->reply.code != 250) {
        chat_refused(s, "HELO", err);
        return -1;
    }
    memset(&s->caps, 0, sizeof(s->caps));
    return 0;
}

static int start_tls(smtp_session *s, smtp_error *err)
{
    tls_options opts = { s->cfg.verify_peer, s->cfg.cafile, s->cfg.capath };
    if (conn_start_tls(&s->conn, &opts, err) != 0) {
        return -1;
    }
    s->tls_active = 1;
    s->tls_resumed = tls_resumed(s->conn.ssl);
    tls_describe(s->conn.ssl, s->tls_desc, sizeof(s->tls_desc));
    tls_peer_certificate(s->conn.ssl, &s->peer_cert);
    chat_note(s, "*: TLS established (%s%s)", s->tls_desc, s->tls_resumed ? ", session resumed" : "");
    return 0;
}

/* RFC 3207. Never continues in plaintext when asked for STARTTLS. */
static int upgrade_with_starttls(smtp_session *s, smtp_error *err)
{
    if (!s->caps.starttls) {
        error_set(err, SMTP_ERR_SECURITY, 0,
                  "STARTTLS: %s:%d does not offer STARTTLS; refusing to continue without encryption "
                  "(use security 'tls' for implicit TLS, usually port 465)",
                  s->cfg.host, s->cfg.port);
        return -1;
    }
    if (chat_send(s, "STARTTLS", NULL, err) || chat_flush(s, err) || chat_read(s, "STARTTLS", err)) {
        return -1;
    }
    if (s->reply.code != 220) {
        chat_refused(s, "STARTTLS", err);
        err->kind = SMTP_ERR_SECURITY;
        return -1;
    }
    /* Bytes after the 220 were sent before TLS and would be read as if they came
     * over it: a response injection attack (CVE-2011-0411 class). */
    if (conn_unread(&s->conn) > 0) {
        error_set(err, SMTP_ERR_SECURITY, 0,
                  "STARTTLS: %s:%d sent %zu unexpected bytes after \"220\" and before the TLS "
                  "handshake (response injection); connection aborted",
                  s->cfg.host, s->cfg.port, conn_unread(&s->conn));
        return -1;
    }
    if (start_tls(s, err) != 0) {
        chat_in_stage(err, "STARTTLS");
        return -1;
    }
    /* RFC 3207 4.2: forget everything learned before TLS and ask again. */
    memset(&s->caps, 0, sizeof(s->caps));
    return say_hello(s, err);
}

int session_open(smtp_session *s, const smtp_config *cfg, smtp_error *err)
{
    error_clear(err);
    config_free(&s->cfg);   /* a reconnect replaces the previous copy */
    if (config_copy(&s->cfg, cfg) != 0) {
        error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory");
        return -1;
    }
    s->tls_active = s->authenticated = s->auth_rejected = s->transactions = 0;
    chat_owed_clear(s);   /* a new connection owes nothing */
    s->tls_desc[0] = '\0';
    memset(&s->peer_cert, 0, sizeof(s->peer_cert));
    chat_note(s, "*: connecting to %s:%d (%s)", cfg->host, cfg->port, security_name(cfg->security));
    s->stage = "connect";
    if (conn_open(&s->conn, cfg->host, cfg->port, cfg->timeout_ms, err) != 0) {
        goto fail;
    }
    s->stage = "tls";
    if (cfg->security == SEC_TLS && start_tls(s, err) != 0) {
        goto fail;
    }
    choose_helo_name(s);
    s->stage = "greeting";
    if (greet(s, err) != 0) {
        goto fail;
    }
    s->stage = "ehlo";
    if (say_hello(s, err) != 0) {
        goto fail;
    }
    s->stage = "tls";   /* STARTTLS, the handshake and the second EHLO */
    if (cfg->security == SEC_STARTTLS && upgrade_with_starttls(s, err) != 0) {
        goto fail;
    }
    s->stage = "auth";
    if (session_authenticate(s, err) != 0) {
        goto fail;
    }
    s->stage = "ready";
    return 0;
fail:
    chat_note(s, "!: %s", err->message);
    conn_close(&s->conn);
    return -1;
}

int session_usable(smtp_session *s)
{
    return conn_is_open(&s->conn) && s->owed.count == 0 && !conn_looks_dead(&s->conn);
}

size_t session_owed(const smtp_session *s)
{
    return s->owed.count;
}

void session_note(smtp_session *s, const char *text)
{
    chat_note(s, "%s", text);
}

void session_quit(smtp_session *s)
{
    if (conn_is_open(&s->conn)) {
        smtp_error ignored;
        /* A short wait: QUIT's reply is a courtesy, closing must not hang. */
        s->conn.timeout_ms = s->conn.timeout_ms > 2000 ? 2000 : s->conn.timeout_ms;
        if (chat_send(s, "QUIT", NULL, &ignored) == 0 && chat_flush(s, &ignored) == 0) {
            chat_read(s, "QUIT", &ignored);
        }
    }
    conn_close(&s->conn);
    chat_owed_clear(s);
}

void session_free(smtp_session *s)
{
    conn_close(&s->conn);
    chat_owed_free(s);
    config_free(&s->cfg);
    strlist_clear(&s->transcript);
    reply_free(&s->reply);
}

void result_init(smtp_result *r)
{
    memset(r, 0, sizeof(*r));
}

void result_free(smtp_result *r)
{
    strlist_clear(&r->accepted);
    strlist_clear(&r->rejected);
    strlist_clear(&r->rejected_reply);
}
