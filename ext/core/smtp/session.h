/*
 * session: the SMTP client protocol (RFC 5321) over one connection: greeting,
 * EHLO (HELO fallback), STARTTLS (RFC 3207), AUTH (RFC 4954), and mail
 * transactions with PIPELINING (RFC 2920), CHUNKING (RFC 3030), SIZE (RFC 1870),
 * 8BITMIME (RFC 6152) and SMTPUTF8 (RFC 6531). Every failure fills an
 * smtp_error that names the stage and quotes the server.
 */
#ifndef SMTP_SESSION_H
#define SMTP_SESSION_H

#include <stdint.h>

#include "../net/conn.h"
#include "../util/error.h"
#include "../util/sink.h"
#include "../util/strlist.h"
#include "reply.h"

typedef enum { SEC_STARTTLS = 0, SEC_TLS, SEC_NONE } smtp_security;
typedef enum { AUTH_AUTO = 0, AUTH_PLAIN, AUTH_LOGIN, AUTH_XOAUTH2, AUTH_NONE, AUTH_OAUTHBEARER } smtp_auth;

typedef struct smtp_config {
    char         *host;
    int           port;
    smtp_security security;
    smtp_auth     auth;
    char         *username;
    char         *password;
    char         *oauth_token;     /* XOAUTH2 / OAUTHBEARER access token */
    int           verify_peer;
    char         *cafile;
    char         *capath;
    char         *helo;            /* NULL: this host's FQDN */
    int           timeout_ms;
} smtp_config;

typedef struct smtp_caps {
    int      esmtp, pipelining, chunking, eightbitmime, smtputf8, starttls;
    uint64_t size;                 /* 0: no limit announced */
    char     auth[256];            /* " PLAIN LOGIN " (spaces around each) */
} smtp_caps;

typedef struct smtp_envelope {
    const char         *mail_from;        /* may be "" for the null reverse-path */
    const char *const  *rcpt;
    size_t              nrcpt;
    int                 needs_smtputf8;
    int                 needs_8bitmime;
    uint64_t            size;             /* estimate for SIZE= */
    /* Writes the message into sink; on failure fills err and returns -1. */
    int               (*render)(void *ctx, smtp_sink *sink, smtp_error *err);
    void               *render_ctx;
} smtp_envelope;

typedef struct smtp_result {
    smtp_strlist accepted;          /* addresses */
    smtp_strlist rejected;          /* addresses, parallel to rejected_reply */
    smtp_strlist rejected_reply;
    char         response[1024];    /* the final reply, e.g. "250 2.0.0 Ok: queued as ..." */
} smtp_result;

/* The replies owed on the connection: what each command written and not yet
 * answered was, oldest first (chat_owe / chat_take; transaction.c says how). */
typedef struct smtp_owed {
    unsigned char *kind;
    size_t         head, count, cap;
} smtp_owed;

typedef struct smtp_session {
    smtp_config  cfg;              /* owned copy */
    smtp_conn    conn;
    smtp_caps    caps;
    int          tls_active;
    int          tls_resumed;
    int          authenticated;
    int          auth_rejected;    /* the server refused our credentials (not a network failure) */
    int          transactions;     /* started on this connection: RSET before the next */
    int          replies_seen;     /* in the current transaction */
    int          data_complete;    /* the whole message left in this transaction */
    int          retry_safe;       /* the last session_send failed, closed the connection and no part of
                                    * the message was accepted: it may go once more on a new one */
    smtp_owed    owed;             /* commands written whose replies are unread */
    smtp_strlist transcript;       /* "C: ..." / "S: ...", secrets redacted */
    char         helo_name[256];
    smtp_reply   reply;
    const char  *stage;            /* what session_open was doing last: "connect", "tls", "greeting",
                                    * "ehlo", "auth", then "ready" (smtp_probe() reports it) */
    char         tls_desc[160];    /* "TLSv1.3 TLS_AES_256_GCM_SHA384" once TLS is up, else "" */
    tls_cert_info peer_cert;       /* the server's certificate (subject "" when none); both
                                    * outlive a failed session_open for diagnostics */
} smtp_session;

/* Deep copies; config_free releases the strings and wipes secrets. */
int  config_copy(smtp_config *dst, const smtp_config *src);
void config_free(smtp_config *c);

void session_init(smtp_session *s);
/* Connects, greets, secures and authenticates as cfg says. 0, or -1 with err. */
int  session_open(smtp_session *s, const smtp_config *cfg, smtp_error *err);
/* One mail transaction. Fills res (caller inits and frees it). 0 when at least
 * one recipient was accepted and the server accepted the data; -1 with err
 * otherwise (err->outcome_unknown when the reply to the data never came;
 * s->retry_safe when sending it again on a new connection cannot deliver it twice). */
int  session_send(smtp_session *s, const smtp_envelope *env, smtp_result *res, smtp_error *err);
/* The size of the message the envelope renders (for SIZE=), or 0 with err set. */
uint64_t session_measure(const smtp_envelope *env, smtp_error *err);
/* 1 when the connection is open, owes no reply and the server has not dropped it:
 * only then may the next transaction use it. */
int  session_usable(smtp_session *s);
/* How many replies the connection still owes (0 after every session_send, which
 * reads them all or closes the connection). */
size_t session_owed(const smtp_session *s);
/* Adds a line to the transcript. */
void session_note(smtp_session *s, const char *text);
/* QUIT (best effort) and close. */
void session_quit(smtp_session *s);
/* Close without QUIT, free everything. */
void session_free(smtp_session *s);

void result_init(smtp_result *r);
void result_free(smtp_result *r);

const char *security_name(smtp_security s);
const char *auth_name(smtp_auth a);

#endif
