/* deliver: see deliver.h. */
#include "deliver.h"
#include "core/smtp/session_store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#define READ_CHUNK (64 * 1024)

void sm_outcome_init(sm_outcome *o)
{
    memset(o, 0, sizeof(*o));
    result_init(&o->res);
}

void sm_outcome_free(sm_outcome *o)
{
    result_free(&o->res);
}

int sm_sender_init(sm_sender *s, const sm_config *cfg, int want_transcript, char *why, size_t whylen)
{
    memset(s, 0, sizeof(*s));
    s->cfg = cfg;
    s->want_transcript = want_transcript;
    session_init(&s->session);
    s->smtp = (smtp_config){
        .host = cfg->host, .port = cfg->port, .security = cfg->security, .auth = cfg->auth,
        .username = cfg->username, .password = cfg->password, .verify_peer = 1,
        .cafile = cfg->cafile, .helo = cfg->helo, .timeout_ms = cfg->timeout * 1000,
    };
    if (!cfg->token_store) return 0;
    char *key = NULL;
    size_t keylen = 0;
    if (sm_read_secret(cfg->token_key_file, "token_key_file", &key, &keylen, why, whylen) != 0) return -1;
    smtp_error err;
    error_clear(&err);
    int rc = token_store_init(&s->store, cfg->token_store, key, keylen, &err);
    memset(key, 0, keylen);
    free(key);
    if (rc != 0) {
        snprintf(why, whylen, "%s: %s", cfg->token_key_file, err.message);
        return -1;
    }
    s->have_store = 1;
    return 0;
}

void sm_sender_free(sm_sender *s)
{
    session_quit(&s->session);
    session_free(&s->session);
    if (s->have_store) token_store_free(&s->store);
    s->have_store = 0;
}

/* ---- the message, read back from its file into the core's sink ---------------------- */

static int render_file(void *ctx, smtp_sink *sink, smtp_error *err)
{
    const sm_job *job = ctx;
    char *chunk = malloc(READ_CHUNK);
    if (!chunk) {
        error_set(err, SMTP_ERR_MEMORY, 1, "Out of memory");
        return -1;
    }
    int rc = 0;
    for (off_t off = 0;;) {
        ssize_t n = pread(job->fd, chunk, READ_CHUNK, off);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error_set(err, SMTP_ERR_IO, 1, "cannot read the message copy: %s", strerror(errno));
            rc = -1;
            break;
        }
        if (n == 0) break;
        if (sink_write(sink, chunk, (size_t)n) != 0) {
            rc = -1;
            break;
        }
        off += n;
    }
    free(chunk);
    return rc;
}

/* ---- outcomes -------------------------------------------------------------------- */

static void describe(sm_outcome *o, int code, const char *text)
{
    o->code = code;
    snprintf(o->text, sizeof(o->text), "%s", text);
}

/* A failure to connect, secure or authenticate: never the message's fault. */
static void open_failed(sm_outcome *o, const smtp_session *ss, const smtp_error *err, int from_store)
{
    if (from_store) {
        /* the token endpoint refused (invalid_grant: a new consent is needed) or the store is unusable */
        describe(o, err->temporary ? EX_TEMPFAIL : err->kind == SMTP_ERR_REPLY ? EX_NOPERM : EX_CONFIG, err->message);
    } else if (err->kind == SMTP_ERR_TLS) {
        describe(o, EX_UNAVAILABLE, err->message);   /* a certificate problem does not go away by waiting */
        return;
    } else if (ss->auth_rejected && !err->temporary) {
        describe(o, EX_NOPERM, err->message);
    } else {
        describe(o, err->temporary ? EX_TEMPFAIL : EX_UNAVAILABLE, err->message);
    }
    o->temporary = err->temporary;
}

static void send_failed(sm_outcome *o, const smtp_error *err)
{
    if (err->outcome_unknown) {
        describe(o, EX_TEMPFAIL, err->message);
        o->outcome_unknown = 1;
        return;
    }
    if (err->temporary) {
        describe(o, EX_TEMPFAIL, err->message);
        o->temporary = 1;
        return;
    }
    int all_refused = o->res.accepted.count == 0 && o->res.rejected.count > 0;
    int code = err->kind == SMTP_ERR_ARGUMENT ? EX_DATAERR
             : err->kind == SMTP_ERR_REPLY ? (all_refused ? EX_NOUSER : EX_UNAVAILABLE)
             : err->kind == SMTP_ERR_TLS || err->kind == SMTP_ERR_SECURITY ? EX_UNAVAILABLE
             : EX_TEMPFAIL;
    describe(o, code, err->message);
    o->message_refused = code != EX_TEMPFAIL;
    o->temporary = code == EX_TEMPFAIL;
}

static int connect_once(sm_sender *s, smtp_error *err, int *from_store)
{
    *from_store = 0;
    if (!s->have_store) return session_open(&s->session, &s->smtp, err);
    int rc = session_open_with_store(&s->session, &s->smtp, &s->store, s->cfg->oauth_account, err);
    *from_store = rc == -2;
    return rc;
}

void sm_send(sm_sender *s, const sm_job *job, sm_outcome *out)
{
    smtp_error err;
    error_clear(&err);
    smtp_envelope env = {
        .mail_from = job->from, .rcpt = job->rcpt, .nrcpt = job->nrcpt, .needs_smtputf8 = job->utf8,
        .needs_8bitmime = job->eightbit, .size = job->wire_size, .render = render_file, .render_ctx = (void *)job,
    };
    if (!session_usable(&s->session)) {
        int from_store;
        conn_close(&s->session.conn);
        if (connect_once(s, &err, &from_store) != 0) {
            open_failed(out, &s->session, &err, from_store);
            s->unreachable = 1;
            s->unreachable_code = out->code;
            snprintf(s->unreachable_text, sizeof(s->unreachable_text), "%s", out->text);
            return;
        }
    }
    s->unreachable = 0;
    if (session_send(&s->session, &env, &out->res, &err) != 0) {
        send_failed(out, &err);
        return;
    }
    describe(out, EX_OK, out->res.response);
}
