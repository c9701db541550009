/*
 * transaction: one mail transaction (RFC 5321 3.3). With PIPELINING (RFC 2920)
 * RSET, MAIL, every RCPT and DATA leave in one write and the replies are matched
 * back in order; with CHUNKING (RFC 3030) a message that fits in one chunk goes
 * in that same write as "BDAT n LAST", so a message costs one round trip.
 * Larger messages wait for the envelope replies first, so nothing big is sent
 * to a server that refused every recipient.
 */
#include "session.h"
#include "chat.h"
#include "framer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BDAT_CHUNK (1024 * 1024)

/* ---- the sinks the message is rendered into -------------------------------------- */

typedef struct wire_sink {
    smtp_sink      base;
    smtp_session  *s;
    framer         fr;
    int            bdat;         /* framing into BDAT chunks rather than DATA */
    smtp_buf       chunk;        /* BDAT: the chunk being filled */
    int            chunks_sent;  /* BDAT: non-last chunks whose replies are pending */
    smtp_error    *err;
} wire_sink;

static int count_write(smtp_sink *sink, const char *data, size_t len)
{
    (void)data;
    sink->count += len;
    return 0;
}

static int send_chunk(wire_sink *w, int last)
{
    char cmd[64];
    snprintf(cmd, sizeof(cmd), "BDAT %zu%s", w->chunk.len, last ? " LAST" : "");
    if (chat_send(w->s, cmd, NULL, w->err) != 0) {
        return -1;
    }
    chat_note(w->s, "C: <message data: %zu bytes>", w->chunk.len);
    if (conn_write(&w->s->conn, w->chunk.data ? w->chunk.data : "", w->chunk.len, w->err) != 0) {
        return -1;
    }
    buf_reset(&w->chunk);
    if (!last) {
        w->chunks_sent++;
        /* Without PIPELINING each chunk's reply is awaited (RFC 3030 4.2). */
        if (!w->s->caps.pipelining) {
            if (chat_flush(w->s, w->err) || chat_read(w->s, "BDAT", w->err)) {
                return -1;
            }
            w->chunks_sent--;
            if (w->s->reply.code != 250) {
                chat_refused(w->s, "BDAT", w->err);
                return -1;
            }
        }
    }
    return 0;
}

static int wire_write(smtp_sink *sink, const char *data, size_t len)
{
    wire_sink *w = (wire_sink *)sink;
    sink->count += len;
    if (!w->bdat) {
        smtp_conn *c = &w->s->conn;
        if (framer_push(&w->fr, data, len, &c->wbuf) != 0) {
            error_set(w->err, SMTP_ERR_MEMORY, 0, "Out of memory");
            return -1;
        }
        return c->wbuf.len >= CONN_FLUSH_AT ? conn_flush(c, w->err) : 0;
    }
    if (framer_push(&w->fr, data, len, &w->chunk) != 0) {
        error_set(w->err, SMTP_ERR_MEMORY, 0, "Out of memory");
        return -1;
    }
    return w->chunk.len >= BDAT_CHUNK ? send_chunk(w, 0) : 0;
}

/* Renders the whole message through the wire sink and ends the data. */
static int transmit_body(smtp_session *s, const smtp_envelope *env, wire_sink *w, smtp_error *err)
{
    if (!w->bdat) {
        chat_note(s, "C: <message data>");
    }
    if (env->render(env->render_ctx, &w->base, err) != 0) {
        return -1;
    }
    smtp_buf *tail = w->bdat ? &w->chunk : &s->conn.wbuf;
    if (framer_finish(&w->fr, tail) != 0) {
        error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory");
        return -1;
    }
    if (w->bdat ? send_chunk(w, 1) : 0) {
        return -1;
    }
    if (!w->bdat) {
        chat_note(s, "C: . (%llu bytes)", (unsigned long long)w->base.count);
    }
    s->data_complete = 1;
    return 0;
}

/* ---- envelope ----------------------------------------------------------------- */

static int queue_envelope(smtp_session *s, const smtp_envelope *env, smtp_error *err)
{
    smtp_buf line = SMTP_BUF_INIT;
    int rc = 0;
    if (s->transactions > 0) {
        rc = chat_send(s, "RSET", NULL, err);
    }
    if (rc == 0) {
        rc = buf_printf(&line, "MAIL FROM:<%s>", env->mail_from);
        if (rc == 0 && env->needs_8bitmime && s->caps.eightbitmime) rc = buf_puts(&line, " BODY=8BITMIME");
        if (rc == 0 && env->needs_smtputf8) rc = buf_puts(&line, " SMTPUTF8");
        if (rc == 0 && s->caps.size) rc = buf_printf(&line, " SIZE=%llu", (unsigned long long)env->size);
        rc = rc ? (error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory"), -1) : chat_send(s, line.data, NULL, err);
    }
    for (size_t i = 0; rc == 0 && i < env->nrcpt; i++) {
        buf_reset(&line);
        rc = buf_printf(&line, "RCPT TO:<%s>", env->rcpt[i]);
        rc = rc ? (error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory"), -1) : chat_send(s, line.data, NULL, err);
    }
    buf_free(&line);
    s->transactions++;
    return rc;
}

/* Reads the replies to RSET and MAIL. */
static int read_mail_replies(smtp_session *s, int had_rset, smtp_error *err)
{
    if (had_rset) {
        if (chat_read(s, "RSET", err) != 0) {
            return -1;
        }
        if (s->reply.code != 250) {
            chat_refused(s, "RSET", err);
            return -1;
        }
    }
    if (chat_read(s, "MAIL FROM", err) != 0) {
        return -1;
    }
    if (s->reply.code != 250) {
        chat_refused(s, "MAIL FROM", err);
        return 1;   /* refused: replies to what was pipelined after it must still be read */
    }
    return 0;
}

static int read_rcpt_replies(smtp_session *s, const smtp_envelope *env, smtp_result *res, smtp_error *err)
{
    for (size_t i = 0; i < env->nrcpt; i++) {
        if (chat_read(s, "RCPT TO", err) != 0) {
            return -1;
        }
        const char *addr = env->rcpt[i];
        if (s->reply.code == 250 || s->reply.code == 251) {
            strlist_add(&res->accepted, addr, strlen(addr));
        } else {
            char summary[1024];
            reply_summary(&s->reply, summary, sizeof(summary));
            strlist_add(&res->rejected, addr, strlen(addr));
            strlist_add(&res->rejected_reply, summary, strlen(summary));
        }
    }
    return 0;
}

static void all_refused(smtp_session *s, const smtp_result *res, smtp_error *err)
{
    /* The error reflects the first refusal; every refusal is in the message. */
    smtp_buf text = SMTP_BUF_INIT;
    for (size_t i = 0; i < res->rejected.count; i++) {
        buf_printf(&text, "%s<%s>: %s", i ? "; " : "", res->rejected.items[i], res->rejected_reply.items[i]);
    }
    int code = 0;
    if (res->rejected_reply.count) {
        code = atoi(res->rejected_reply.items[0]);
    }
    error_set(err, SMTP_ERR_REPLY, code >= 400 && code < 500, "RCPT TO rejected by %s:%d for every recipient: %s",
              s->cfg.host, s->cfg.port, text.data ? text.data : "");
    err->code = code;
    if (res->rejected_reply.count) {
        /* "550 5.1.1 text": the enhanced status when its class matches the code. */
        const char *r = res->rejected_reply.items[0];
        const char *sp = strchr(r, ' ');
        if (sp && sp[1] == r[0] && sp[2] == '.') {
            size_t n = strcspn(sp + 1, " ");
            if (n < sizeof(err->enhanced)) {
                memcpy(err->enhanced, sp + 1, n);
                err->enhanced[n] = '\0';
            }
        }
    }
    buf_free(&text);
}

/* The reply to the end of data; losing the connection here means "maybe sent". */
static int read_final_reply(smtp_session *s, const char *stage, smtp_result *res, smtp_error *err)
{
    if (chat_read(s, stage, err) != 0) {
        return -1;
    }
    reply_summary(&s->reply, res->response, sizeof(res->response));
    if (s->reply.code != 250) {
        chat_refused(s, stage, err);
        return -1;
    }
    return 0;
}

/* The whole message left and the connection broke before its reply: the server
 * may have accepted it. Never report that as sent or as failed. */
static void mark_outcome_unknown(smtp_session *s, smtp_error *err)
{
    char why[sizeof(err->message)];
    snprintf(why, sizeof(why), "%s", err->message);
    error_set(err, SMTP_ERR_NETWORK, 1,
              "Outcome unknown: the whole message was sent to %s:%d but the connection was lost before "
              "the server's reply, so it may or may not have been accepted; do not resend blindly (%s)",
              s->cfg.host, s->cfg.port, why);
    err->outcome_unknown = 1;
}

/* ---- the transaction ------------------------------------------------------------ */

static int preflight(smtp_session *s, const smtp_envelope *env, smtp_error *err)
{
    if (s->caps.size && env->size > s->caps.size) {
        error_set(err, SMTP_ERR_ARGUMENT, 0,
                  "SIZE: the message (%llu bytes) is larger than %s:%d accepts (%llu bytes); nothing was sent",
                  (unsigned long long)env->size, s->cfg.host, s->cfg.port, (unsigned long long)s->caps.size);
        return -1;
    }
    if (env->needs_smtputf8 && !s->caps.smtputf8) {
        error_set(err, SMTP_ERR_ARGUMENT, 0,
                  "SMTPUTF8: the message has non-ASCII addresses but %s:%d does not offer SMTPUTF8; nothing was sent",
                  s->cfg.host, s->cfg.port);
        return -1;
    }
    return 0;
}

/* Reads the replies of the envelope; 0 ok, -1 error (err set, connection state known). */
static int read_envelope(smtp_session *s, const smtp_envelope *env, int had_rset, smtp_result *res,
                         int *mail_refused, smtp_error *err)
{
    smtp_error mail_err;
    error_clear(&mail_err);
    int m = read_mail_replies(s, had_rset, &mail_err);
    if (m < 0) {
        *err = mail_err;
        return -1;
    }
    *mail_refused = (m == 1);
    if (*mail_refused && !s->caps.pipelining) {
        *err = mail_err;
        return -1;
    }
    if (read_rcpt_replies(s, env, res, err) != 0) {
        return -1;
    }
    if (*mail_refused) {
        *err = mail_err;
    }
    return 0;
}

static int send_pipelined_or_not(smtp_session *s, const smtp_envelope *env, smtp_result *res, smtp_error *err)
{
    int pipelining = s->caps.pipelining;
    int bdat = s->caps.chunking;
    int had_rset = s->transactions > 0;
    /* One chunk, all at once: only when PIPELINING lets us. */
    int body_in_envelope_write = pipelining && bdat && env->size < BDAT_CHUNK;

    wire_sink w = { .base = { wire_write, 0, 0 }, .s = s, .bdat = bdat, .err = err };
    framer_init(&w.fr, !bdat);
    int rc = -1, mail_refused = 0;

    if (!pipelining) {
        /* Lock-step: each command waits for its reply. */
        if (had_rset) {
            if (chat_send(s, "RSET", NULL, err) || chat_flush(s, err) || chat_read(s, "RSET", err)) goto out;
            if (s->reply.code != 250) { chat_refused(s, "RSET", err); goto out; }
            s->transactions = 0;
        }
        smtp_envelope one = *env;
        one.nrcpt = 0;
        if (queue_envelope(s, &one, err) || chat_flush(s, err) || read_envelope(s, &one, 0, res, &mail_refused, err)) goto out;
        for (size_t i = 0; i < env->nrcpt; i++) {
            one.rcpt = env->rcpt + i;
            one.nrcpt = 1;
            char line[1100];
            snprintf(line, sizeof(line), "RCPT TO:<%s>", env->rcpt[i]);
            if (chat_send(s, line, NULL, err) || chat_flush(s, err) || read_rcpt_replies(s, &one, res, err)) goto out;
        }
    } else {
        if (queue_envelope(s, env, err)) goto out;
        if (body_in_envelope_write) {
            if (transmit_body(s, env, &w, err)) goto out;
        } else if (!bdat) {
            if (chat_send(s, "DATA", NULL, err)) goto out;
        }
        if (chat_flush(s, err) || read_envelope(s, env, had_rset, res, &mail_refused, err)) goto out;
    }

    int nobody = (res->accepted.count == 0);
    if (mail_refused) {
        /* Drain what was pipelined after the refused MAIL. */
        if (body_in_envelope_write) { smtp_error e; chat_read(s, "BDAT", &e); }
        else if (pipelining && !bdat) { smtp_error e; chat_read(s, "DATA", &e); }
        goto out;
    }
    if (body_in_envelope_write) {
        if (nobody) {
            smtp_error e;
            chat_read(s, "BDAT", &e);   /* the server's refusal of the data */
            all_refused(s, res, err);
            goto out;
        }
        rc = read_final_reply(s, "BDAT", res, err);
        goto out;
    }
    if (bdat) {
        if (nobody) {
            all_refused(s, res, err);
            goto out;
        }
        if (transmit_body(s, env, &w, err) || chat_flush(s, err)) goto out;
        for (; w.chunks_sent > 0; w.chunks_sent--) {
            if (chat_read(s, "BDAT", err)) goto out;
            if (s->reply.code != 250) { chat_refused(s, "BDAT", err); goto out; }
        }
        rc = read_final_reply(s, "BDAT LAST", res, err);
        goto out;
    }
    /* DATA */
    if (!pipelining) {
        if (nobody) { all_refused(s, res, err); goto out; }
        if (chat_send(s, "DATA", NULL, err) || chat_flush(s, err)) goto out;
    }
    if (chat_read(s, "DATA", err)) goto out;
    if (s->reply.code != 354) {
        if (nobody) all_refused(s, res, err);
        else chat_refused(s, "DATA", err);
        goto out;
    }
    if (nobody) {
        /* RFC 2920 3.1: a pipelining server may still say 354; end the empty data. */
        smtp_error e;
        if (chat_send(s, ".", NULL, &e) == 0 && chat_flush(s, &e) == 0) chat_read(s, "end of data", &e);
        all_refused(s, res, err);
        goto out;
    }
    if (transmit_body(s, env, &w, err) || chat_flush(s, err)) goto out;
    rc = read_final_reply(s, "End of data", res, err);
out:
    buf_free(&w.chunk);
    return rc;
}

int session_send(smtp_session *s, const smtp_envelope *env, smtp_result *res, smtp_error *err)
{
    error_clear(err);
    s->replies_seen = 0;
    s->data_complete = 0;
    if (preflight(s, env, err) != 0) {
        return -1;
    }
    int rc = send_pipelined_or_not(s, env, res, err);
    if (rc != 0) {
        if (err->kind == SMTP_ERR_NETWORK && s->data_complete && !err->outcome_unknown) {
            mark_outcome_unknown(s, err);
        }
        chat_note(s, "!: %s", err->message);
        /* After a failure mid-data the stream is out of step: drop the connection. */
        if (err->kind == SMTP_ERR_NETWORK || err->kind == SMTP_ERR_PROTOCOL ||
            err->kind == SMTP_ERR_IO || err->kind == SMTP_ERR_MEMORY) {
            conn_close(&s->conn);
        }
    }
    return rc;
}

/* Counts the message's size for SIZE= (RFC 1870 6: an estimate is fine). */
uint64_t session_measure(const smtp_envelope *env, smtp_error *err)
{
    smtp_sink counter = { count_write, 1, 0 };
    if (env->render(env->render_ctx, &counter, err) != 0) {
        return 0;
    }
    return counter.count;
}
