/*
 * transaction: one mail transaction (RFC 5321 3.3) as a queue of commands, each
 * owed exactly one reply.
 *
 * The accounting. Every command of the transaction is counted as it is written:
 * RSET, MAIL, each RCPT, DATA, the end of the data, each BDAT chunk (chat_owe
 * puts its kind on the session's queue of owed replies). Every reply read takes
 * the oldest kind off the queue and goes to that command's handler (take_reply),
 * which records what the reply means: a recipient accepted or refused, the 354,
 * a refused chunk, the final reply. A failure is recorded (the first one is what
 * the caller is told; later ones go to the transcript) but never stops the
 * reading: the transaction ends only when nothing is owed (settle) or the
 * connection is closed, which forgets what was owed. It is closed when a read
 * fails, when the server says 421 (it is closing, RFC 5321 3.8; its words are
 * kept) and when the data cannot be ended cleanly. So no reply is left for the
 * next transaction to misread, and session_usable() refuses a connection that
 * still owes one. The message is sent only when no failure was recorded and the
 * reply to its end ("." or BDAT LAST) was 250: a refused chunk fails the whole
 * message with the server's words.
 *
 * A second try. The handlers also record whether the server accepted any part of
 * the message (a 250 to MAIL, a 250/251 to a RCPT). When the transaction failed,
 * the connection is closed and nothing was accepted, session_send says whether the
 * message may go once more on a new connection (s->retry_safe): when the server
 * said 421 (RFC 5321 3.8: it closes; a pipelining server answers in order, so
 * nothing after the 421 was taken), or when the connection was lost before the end
 * of the data left (no message can be delivered without it). A lost connection
 * after the whole data left is an unknown outcome, never retried.
 *
 * PIPELINING (RFC 2920): RSET, MAIL, every RCPT and DATA leave in one write.
 * CHUNKING (RFC 3030): the message is framed into a chunk buffer and a chunk
 * goes out only once framed bytes follow it, so LAST is decided by the chunker
 * at the real end of the framed stream, never from a size measured before
 * framing (bare LF becomes CRLF; a file can grow after it was measured). A
 * message whose framed stream fits one chunk joins the envelope's write as
 * "BDAT n LAST": one round trip. A larger one waits for the envelope's replies
 * when its first chunk is full, so nothing big goes to a server that refused
 * every recipient; then, with PIPELINING, at most BDAT_WINDOW chunks go
 * unanswered, replies that arrived are read before each further chunk, and no
 * chunk follows a refused one (RFC 3030 4.2). Without PIPELINING every command
 * and every chunk waits for its reply.
 */
#include "session.h"
#include "chat.h"
#include "framer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BDAT_CHUNK  (1024 * 1024)
#define BDAT_WINDOW 4
/* Input is framed a slice at a time: the framer's output (up to twice its
 * input) stays small even when a whole raw message arrives in one write. */
#define FRAME_SLICE (256 * 1024)

typedef enum {
    OWE_RSET, OWE_MAIL, OWE_RCPT, OWE_DATA, OWE_END_DATA, OWE_EMPTY_DATA, OWE_BDAT, OWE_BDAT_LAST
} owe_kind;

/* What each reply answers, for errors ("MAIL FROM rejected by ..."). */
static const char *const stage_names[] = {
    "RSET", "MAIL FROM", "RCPT TO", "DATA", "End of data", "End of empty data", "BDAT", "BDAT LAST"
};

typedef struct tx {
    smtp_session        *s;
    const smtp_envelope *env;
    smtp_result         *res;
    smtp_error          *err;           /* the first failure: what the caller is told */
    int                  failed;
    size_t               rcpt_read;     /* RCPT replies read so far */
    int                  data_go;       /* DATA was answered 354 */
    int                  final_ok;      /* the end of the data was answered 250 */
    int                  chunks_owed;   /* BDAT chunks (not LAST) still unanswered */
    int                  envelope_read; /* the envelope's replies have all been read */
    int                  accepted;      /* a 250 to MAIL or a RCPT: the server holds part of the message */
} tx;

/* ---- failures and the connection --------------------------------------------------- */

static void fail_with(tx *t, const smtp_error *e)
{
    if (t->failed) {
        if (e->kind != SMTP_ERR_REPLY) {
            chat_note(t->s, "!: after the failure: %s", e->message);   /* a refusal is in the transcript */
        }
        return;
    }
    *t->err = *e;
    t->failed = 1;
}

static void fail_reply(tx *t, const char *stage)
{
    smtp_error e;
    error_clear(&e);
    chat_refused(t->s, stage, &e);
    fail_with(t, &e);
}

static void fail_memory(tx *t)
{
    smtp_error e;
    error_clear(&e);
    error_set(&e, SMTP_ERR_MEMORY, 0, "Out of memory");
    fail_with(t, &e);
}

/* The connection is gone or out of step: nothing more can be read from it, so
 * nothing is owed any more. */
static void drop(tx *t)
{
    conn_close(&t->s->conn);
    chat_owed_clear(t->s);
}

/* ---- commands and replies ------------------------------------------------------------ */

static void take_reply(tx *t, owe_kind kind);

/* Writing failed: the server may have said why before it closed (a 421, a 552
 * to a chunk), and its words explain more than "connection lost" (Postfix's
 * client reads them too). Replies already here are taken; then the connection
 * is dropped. */
static void lost_writing(tx *t, const smtp_error *e)
{
    smtp_session *s = t->s;
    while (e->kind == SMTP_ERR_NETWORK && !t->failed && session_owed(s) > 0 && conn_reply_waiting(&s->conn)) {
        int kind = chat_owed_oldest(s);
        smtp_error ignored;
        if (chat_read(s, stage_names[kind], &ignored) != 0) {
            break;
        }
        chat_take(s);
        if (s->reply.code >= 400) {
            fail_reply(t, stage_names[kind]);
            break;
        }
        take_reply(t, (owe_kind)kind);
    }
    fail_with(t, e);
    drop(t);
}

/* Writes a command and counts the one reply it is owed. */
static int command(tx *t, owe_kind kind, const char *line)
{
    smtp_error e;
    error_clear(&e);
    if (!conn_is_open(&t->s->conn)) {
        return -1;
    }
    if (chat_owe(t->s, kind, &e) != 0) {
        fail_with(t, &e);
        return -1;
    }
    if (chat_send(t->s, line, NULL, &e) != 0) {
        lost_writing(t, &e);
        return -1;
    }
    return 0;
}

/* Every recipient refused: one error listing each refusal, the first's code. */
static void fail_all_refused(tx *t)
{
    smtp_session *s = t->s;
    const smtp_result *res = t->res;
    smtp_buf text = SMTP_BUF_INIT;
    for (size_t i = 0; i < res->rejected.count; i++) {
        buf_printf(&text, "%s<%s>: %s", i ? "; " : "", res->rejected.items[i], res->rejected_reply.items[i]);
    }
    const char *first = res->rejected_reply.count ? res->rejected_reply.items[0] : "";
    int code = atoi(first);
    smtp_error e;
    error_clear(&e);
    error_set(&e, SMTP_ERR_REPLY, reply_is_temporary(code), "RCPT TO rejected by %s:%d for every recipient: %s",
              s->cfg.host, s->cfg.port, text.data ? text.data : "");
    e.code = code;
    /* "550 5.1.1 text": the enhanced status when its class matches the code. */
    const char *sp = strchr(first, ' ');
    if (sp && sp[1] == first[0] && sp[2] == '.') {
        size_t n = strcspn(sp + 1, " ");
        if (n < sizeof(e.enhanced)) {
            memcpy(e.enhanced, sp + 1, n);
            e.enhanced[n] = '\0';
        }
    }
    buf_free(&text);
    fail_with(t, &e);
}

static void take_rcpt_reply(tx *t)
{
    smtp_session *s = t->s;
    smtp_result *res = t->res;
    const char *addr = t->rcpt_read < t->env->nrcpt ? t->env->rcpt[t->rcpt_read] : "";
    t->rcpt_read++;
    int rc;
    if (s->reply.code == 250 || s->reply.code == 251) {
        t->accepted = 1;
        rc = strlist_add(&res->accepted, addr, strlen(addr));
    } else {
        char summary[1024];
        reply_summary(&s->reply, summary, sizeof(summary));
        rc = strlist_add(&res->rejected, addr, strlen(addr));
        if (rc == 0 && strlist_add(&res->rejected_reply, summary, strlen(summary)) != 0) {
            res->rejected.count--;   /* the two lists stay parallel */
            free(res->rejected.items[res->rejected.count]);
            rc = -1;
        }
    }
    if (rc != 0) {
        fail_memory(t);
    } else if (t->rcpt_read == t->env->nrcpt && res->accepted.count == 0) {
        fail_all_refused(t);
    }
}

/* The handler of each command's reply: records what the reply means. */
static void take_reply(tx *t, owe_kind kind)
{
    smtp_session *s = t->s;
    int code = s->reply.code;
    switch (kind) {
    case OWE_RSET:
    case OWE_MAIL:
        if (code != 250) {
            fail_reply(t, stage_names[kind]);
        } else if (kind == OWE_MAIL) {
            t->accepted = 1;
        }
        break;
    case OWE_RCPT:
        take_rcpt_reply(t);
        break;
    case OWE_DATA:
        if (code == 354) {
            t->data_go = 1;
        } else {
            fail_reply(t, "DATA");
        }
        break;
    case OWE_EMPTY_DATA:
        break;   /* ends a 354 that no message could use; the failure is recorded already */
    case OWE_BDAT:
        t->chunks_owed--;
        if (code != 250) {
            fail_reply(t, "BDAT");
        }
        break;
    case OWE_END_DATA:
    case OWE_BDAT_LAST:
        reply_summary(&s->reply, t->res->response, sizeof(t->res->response));
        if (code == 250) {
            t->final_ok = 1;
        } else {
            fail_reply(t, stage_names[kind]);
        }
        break;
    }
}

/* Reads the reply owed to the oldest command and hands it to its handler.
 * -1 when the connection is gone (read failure, 421). */
static int read_one(tx *t)
{
    smtp_session *s = t->s;
    int kind = chat_owed_oldest(s);
    if (kind < 0) {
        return 0;
    }
    smtp_error e;
    error_clear(&e);
    if (chat_flush(s, &e) != 0) {
        lost_writing(t, &e);
        return -1;
    }
    if (chat_read(s, stage_names[kind], &e) != 0) {
        fail_with(t, &e);
        drop(t);
        return -1;
    }
    chat_take(s);
    if (s->reply.code == 421) {
        /* RFC 5321 3.8: to any command, 421 means the server closes the channel. */
        fail_reply(t, stage_names[kind]);
        drop(t);
        return -1;
    }
    take_reply(t, (owe_kind)kind);
    return 0;
}

/* Reads every owed reply, or until the connection is gone. */
static void settle(tx *t)
{
    while (session_owed(t->s) > 0 && read_one(t) == 0) {
    }
}

/* ---- the envelope ---------------------------------------------------------------------- */

static int command_mail(tx *t)
{
    smtp_session *s = t->s;
    const smtp_envelope *env = t->env;
    smtp_buf line = SMTP_BUF_INIT;
    int rc = buf_printf(&line, "MAIL FROM:<%s>", env->mail_from);
    if (rc == 0 && env->needs_8bitmime) rc = buf_puts(&line, " BODY=8BITMIME");
    if (rc == 0 && env->needs_smtputf8) rc = buf_puts(&line, " SMTPUTF8");
    if (rc == 0 && s->caps.size) rc = buf_printf(&line, " SIZE=%llu", (unsigned long long)env->size);
    if (rc != 0) {
        fail_memory(t);
    } else {
        rc = command(t, OWE_MAIL, line.data);
    }
    buf_free(&line);
    s->transactions++;   /* the next transaction on this connection starts with RSET */
    return rc;
}

static int command_rcpt(tx *t, size_t i)
{
    smtp_buf line = SMTP_BUF_INIT;
    int rc = buf_printf(&line, "RCPT TO:<%s>", t->env->rcpt[i]);
    if (rc != 0) {
        fail_memory(t);
    } else {
        rc = command(t, OWE_RCPT, line.data);
    }
    buf_free(&line);
    return rc;
}

/* ---- DATA (RFC 5321 4.1.1.4): the body dot-stuffed into the write buffer ------------------ */

typedef struct data_sink {
    smtp_sink base;
    tx       *t;
    framer    fr;
} data_sink;

static int data_write(smtp_sink *sink, const char *data, size_t len)
{
    data_sink *d = (data_sink *)sink;
    smtp_conn *c = &d->t->s->conn;
    sink->count += len;
    while (len > 0) {
        size_t n = len > FRAME_SLICE ? FRAME_SLICE : len;
        if (framer_push(&d->fr, data, n, &c->wbuf) != 0) {
            fail_memory(d->t);
            return -1;
        }
        smtp_error e;
        error_clear(&e);
        if (c->wbuf.len >= CONN_FLUSH_AT && conn_flush(c, &e) != 0) {
            lost_writing(d->t, &e);
            return -1;
        }
        data += n;
        len -= n;
    }
    return 0;
}

/* After a 354: the message, then "." (owed the final reply). */
static int send_data(tx *t)
{
    smtp_session *s = t->s;
    data_sink d = { .base = { data_write, 0, 0 }, .t = t };
    framer_init(&d.fr, 1);
    chat_note(s, "C: <message data>");
    smtp_error e;
    error_clear(&e);
    if (t->env->render(t->env->render_ctx, &d.base, &e) != 0 || framer_finish(&d.fr, &s->conn.wbuf) != 0 ||
        chat_owe(s, OWE_END_DATA, &e) != 0) {
        if (!t->failed) {   /* else the sink failed and said why */
            if (!error_is_set(&e)) {
                error_set(&e, SMTP_ERR_MEMORY, 0, "Out of memory");
            }
            fail_with(t, &e);
        }
        drop(t);   /* DATA cannot end without "." making a truncated message whole */
        return -1;
    }
    chat_note(s, "C: . (%llu bytes)", (unsigned long long)d.base.count);
    if (chat_flush(s, &e) != 0) {
        lost_writing(t, &e);
        return -1;
    }
    s->data_complete = 1;
    return 0;
}

/* RFC 2920 3.1: a pipelining server may answer DATA 354 after refusing the
 * envelope; an empty data ends it. Only when no recipient was accepted: with one
 * accepted (a refused RSET or MAIL the server went on past) "." would deliver an
 * empty message, and closing is the only way to abandon a data (RFC 5321 4.1.1.4). */
static void end_empty_data(tx *t)
{
    if (t->res->accepted.count > 0) {
        chat_note(t->s, "*: the server took the data with recipients accepted; closing instead of an empty message");
        drop(t);
        return;
    }
    if (command(t, OWE_EMPTY_DATA, ".") == 0) {
        settle(t);
    }
}

/* ---- BDAT (RFC 3030): the chunker ------------------------------------------------------------ */

typedef struct chunker {
    smtp_sink base;
    tx       *t;
    framer    fr;
    smtp_buf  chunk;   /* framed bytes not sent yet */
} chunker;

/* Reads the replies that arrived, and waits while BDAT_WINDOW chunks are unanswered. */
static void read_arrived(tx *t)
{
    smtp_session *s = t->s;
    while (session_owed(s) > 0 && (t->chunks_owed >= BDAT_WINDOW || conn_reply_waiting(&s->conn))) {
        if (read_one(t) != 0) {
            return;
        }
    }
}

/* Sends the first n framed bytes as one chunk; LAST when nothing follows them. */
static int send_chunk(chunker *k, size_t n, int last)
{
    tx *t = k->t;
    smtp_session *s = t->s;
    if (!last && !t->envelope_read) {
        settle(t);   /* more than one chunk: the envelope's replies first */
        t->envelope_read = 1;
    }
    if (s->caps.pipelining) {
        read_arrived(t);
    }
    if (t->failed || !conn_is_open(&s->conn)) {
        return -1;   /* RFC 3030 4.2: no chunk after a refusal */
    }
    char cmd[64];
    snprintf(cmd, sizeof(cmd), "BDAT %zu%s", n, last ? " LAST" : "");
    smtp_error e;
    error_clear(&e);
    if (chat_owe(s, last ? OWE_BDAT_LAST : OWE_BDAT, &e) != 0) {
        fail_with(t, &e);
        return -1;
    }
    if (chat_send(s, cmd, NULL, &e) != 0 || conn_write(&s->conn, k->chunk.data ? k->chunk.data : "", n, &e) != 0) {
        lost_writing(t, &e);
        return -1;
    }
    chat_note(s, "C: <message data: %zu bytes>", n);
    t->chunks_owed += !last;
    buf_consume(&k->chunk, n);
    if (last) {
        if (chat_flush(s, &e) != 0) {
            lost_writing(t, &e);
            return -1;
        }
        s->data_complete = 1;   /* from here a lost connection leaves the outcome unknown */
    }
    if (!s->caps.pipelining) {
        settle(t);   /* each chunk waits for its reply */
        return t->failed ? -1 : 0;
    }
    return 0;
}

static int chunk_write(smtp_sink *sink, const char *data, size_t len)
{
    chunker *k = (chunker *)sink;
    sink->count += len;
    while (len > 0) {
        size_t n = len > FRAME_SLICE ? FRAME_SLICE : len;
        if (framer_push(&k->fr, data, n, &k->chunk) != 0) {
            fail_memory(k->t);
            return -1;
        }
        data += n;
        len -= n;
        /* Framed bytes follow a full chunk: that chunk is not the last. */
        while (k->chunk.len > BDAT_CHUNK) {
            if (send_chunk(k, BDAT_CHUNK, 0) != 0) {
                return -1;
            }
        }
    }
    return 0;
}

static int send_chunked(tx *t)
{
    chunker k = { .base = { chunk_write, 0, 0 }, .t = t, .chunk = SMTP_BUF_INIT };
    framer_init(&k.fr, 0);
    smtp_error e;
    error_clear(&e);
    int rc = t->env->render(t->env->render_ctx, &k.base, &e);
    if (rc == 0 && framer_finish(&k.fr, &k.chunk) != 0) {
        fail_memory(t);
        rc = -1;
    }
    while (rc == 0 && k.chunk.len > BDAT_CHUNK) {
        rc = send_chunk(&k, BDAT_CHUNK, 0);
    }
    if (rc == 0) {
        rc = send_chunk(&k, k.chunk.len, 1);   /* the end of the framed stream: LAST */
    }
    if (rc != 0 && !t->failed) {
        /* the renderer's own failure: an attachment that could not be read */
        if (!error_is_set(&e)) {
            error_set(&e, SMTP_ERR_IO, 0, "The message could not be rendered");
        }
        fail_with(t, &e);
    }
    buf_free(&k.chunk);
    return rc;
}

/* ---- the transaction ------------------------------------------------------------------------ */

/* Without PIPELINING: each command waits for its reply. */
static void run_lockstep(tx *t)
{
    smtp_session *s = t->s;
    if (s->transactions > 0) {
        if (command(t, OWE_RSET, "RSET") != 0) return;
        settle(t);
        if (t->failed) return;
    }
    if (command_mail(t) != 0) return;
    settle(t);
    if (t->failed) return;
    for (size_t i = 0; i < t->env->nrcpt; i++) {
        if (command_rcpt(t, i) != 0) return;
        settle(t);
        if (!conn_is_open(&s->conn)) return;
    }
    t->envelope_read = 1;
    if (t->failed) return;   /* every recipient refused */
    if (s->caps.chunking) {
        send_chunked(t);
        return;
    }
    if (command(t, OWE_DATA, "DATA") != 0) return;
    settle(t);
    if (!t->failed && t->data_go) {
        send_data(t);
    }
}

/* With PIPELINING: the envelope in one write (with a one-chunk message's data). */
static void run_pipelined(tx *t)
{
    smtp_session *s = t->s;
    if (s->transactions > 0 && command(t, OWE_RSET, "RSET") != 0) return;
    if (command_mail(t) != 0) return;
    for (size_t i = 0; i < t->env->nrcpt; i++) {
        if (command_rcpt(t, i) != 0) return;
    }
    if (s->caps.chunking) {
        send_chunked(t);
        return;
    }
    if (command(t, OWE_DATA, "DATA") != 0) return;
    settle(t);
    t->envelope_read = 1;
    if (t->failed) {
        if (t->data_go) end_empty_data(t);
        return;
    }
    if (t->data_go) {
        send_data(t);
    }
}

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
    /* RFC 6152: 8-bit content only to a server that announced 8BITMIME. Refused
     * rather than re-encoded: a raw message is the caller's exact bytes (it may
     * be signed), and the MIME writer never produces 8-bit bodies. */
    if (env->needs_8bitmime && !s->caps.eightbitmime) {
        error_set(err, SMTP_ERR_ARGUMENT, 0,
                  "8BITMIME: the message has 8-bit content (bytes above 127) but %s:%d does not offer 8BITMIME "
                  "(RFC 6152); nothing was sent",
                  s->cfg.host, s->cfg.port);
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

/* After a failure: may the message go once more on a new connection? (the opening comment) */
static int retry_safe(const tx *t)
{
    const smtp_error *e = t->err;
    if (t->accepted || conn_is_open(&t->s->conn)) {
        return 0;
    }
    return (e->kind == SMTP_ERR_REPLY && e->code == 421) || (e->kind == SMTP_ERR_NETWORK && !t->s->data_complete);
}

int session_send(smtp_session *s, const smtp_envelope *env, smtp_result *res, smtp_error *err)
{
    error_clear(err);
    s->replies_seen = 0;
    s->data_complete = 0;
    s->retry_safe = 0;
    if (session_owed(s) > 0) {
        /* Never reached through session_usable(); a late reply must not be taken as ours. */
        error_set(err, SMTP_ERR_PROTOCOL, 1, "The connection to %s:%d still owes %zu replies; not reused",
                  s->cfg.host, s->cfg.port, session_owed(s));
        conn_close(&s->conn);
        chat_owed_clear(s);
        return -1;
    }
    if (preflight(s, env, err) != 0) {
        return -1;
    }
    tx t = { .s = s, .env = env, .res = res, .err = err };
    if (s->caps.pipelining) {
        run_pipelined(&t);
    } else {
        run_lockstep(&t);
    }
    settle(&t);
    if (!t.failed && !t.final_ok) {
        error_set(err, SMTP_ERR_PROTOCOL, 1, "%s:%d: the transaction ended without a reply to the end of the data",
                  s->cfg.host, s->cfg.port);
        t.failed = 1;
    }
    if (!t.failed) {
        return 0;
    }
    if (err->kind == SMTP_ERR_NETWORK && s->data_complete && !err->outcome_unknown) {
        mark_outcome_unknown(s, err);
    }
    chat_note(s, "!: %s", err->message);
    /* A failed read, a broken stream or a half-rendered message: drop the connection. */
    if (err->kind == SMTP_ERR_NETWORK || err->kind == SMTP_ERR_PROTOCOL ||
        err->kind == SMTP_ERR_IO || err->kind == SMTP_ERR_MEMORY) {
        conn_close(&s->conn);
        chat_owed_clear(s);
    }
    s->retry_safe = retry_safe(&t);
    return -1;
}

/* Counts the message's size for SIZE= (RFC 1870 6: an estimate is fine). */
static int count_write(smtp_sink *sink, const char *data, size_t len)
{
    (void)data;
    sink->count += len;
    return 0;
}

uint64_t session_measure(const smtp_envelope *env, smtp_error *err)
{
    smtp_sink counter = { count_write, 1, 0 };
    if (env->render(env->render_ctx, &counter, err) != 0) {
        return 0;
    }
    return counter.count;
}
