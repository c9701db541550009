/*
 * deliver: one or more messages over one connection to the configured relay,
 * through the core (session_open / session_open_with_store, session_send), and
 * what happened, as a sysexits code: 0 sent, 65 the message cannot be sent as
 * it is, 67 every recipient refused, 69 the server refused otherwise (or TLS
 * failed), 75 temporary, 77 authentication refused, 78 configuration.
 */
#ifndef SM_DELIVER_H
#define SM_DELIVER_H

#include <stdint.h>

#include "config.h"
#include "core/oauth/token_store.h"
#include "core/smtp/session.h"

typedef struct sm_sender {
    const sm_config *cfg;
    smtp_config      smtp;        /* from cfg */
    smtp_session     session;
    token_store      store;       /* XOAUTH2: tokens from the configured file */
    int              have_store;
    int              want_transcript;
    int              unreachable;  /* the last attempt to connect failed, */
    int              unreachable_code;       /* with this outcome */
    char             unreachable_text[2048];
} sm_sender;

typedef struct sm_job {
    const char         *from;
    const char *const  *rcpt;
    size_t              nrcpt;
    int                 fd;        /* the message, read from offset 0 */
    uint64_t            wire_size;
    int                 eightbit;
    int                 utf8;
} sm_job;

typedef struct sm_outcome {
    int         code;             /* sysexits */
    int         temporary;        /* worth another try later: spool it */
    int         message_refused;  /* the server refused this message for good (-q: .failed) */
    int         outcome_unknown;  /* maybe delivered: never resent */
    char        text[2048];       /* the server's final reply, or what went wrong */
    smtp_result res;              /* accepted and refused recipients */
} sm_outcome;

/* 0, or -1 with why (a configuration error: the key file, the token store). */
int  sm_sender_init(sm_sender *s, const sm_config *cfg, int want_transcript, char *why, size_t whylen);
void sm_sender_free(sm_sender *s);   /* QUIT when connected */
/* Sends one message, connecting first when needed. out->code says how it went. */
void sm_send(sm_sender *s, const sm_job *job, sm_outcome *out);
void sm_outcome_init(sm_outcome *o);
void sm_outcome_free(sm_outcome *o);

#endif
