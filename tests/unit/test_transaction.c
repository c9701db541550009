/*
 * Unit test of the transaction's reply accounting (transaction.c) against a
 * scripted SMTP peer: a thread on the other end of a socketpair that answers
 * each command (RSET, MAIL, RCPT, DATA, the end of the data, each BDAT chunk)
 * from a script. For every combination of PIPELINING and CHUNKING, a small
 * message, one measured just under a chunk that frames above it (bare LF
 * becomes CRLF) and a three-chunk one, replies sent at once or held back
 * ("late", as a pipelining server may), a clean run counts the replies a transaction is
 * owed; then the script breaks at EVERY one of those points in turn: that
 * reply is a refusal (554), a 421 followed by a close, or the peer just
 * closes. Each time the outcome is checked (sent only when the server accepted
 * the message; the server's code and words otherwise), and that the
 * transaction left nothing owed: either the connection is closed, or the next
 * command on it (NOOP) gets its own reply and not a late one; and that a new
 * connection may take the message again only when none of it was accepted.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "unit.h"
#include "core/smtp/chat.h"
#include "core/smtp/session.h"

typedef enum { ACT_REPLY = 0, ACT_REFUSE, ACT_421, ACT_CLOSE } action;

#define MAX_CMDS 64

typedef struct peer {
    int     fd;
    int     late;               /* hold replies until the client pauses or ends the data */
    int     break_at;           /* command index that gets `act` (-1: none) */
    action  act;
    int     ncmds;              /* commands answered (NOOP not counted) */
    char    verbs[MAX_CMDS][8]; /* what each was: "RSET", "MAIL", "RCPT", "DATA", ".", "BDAT", "LAST" */
    char    in[8192];
    size_t  inlen;
    char    out[8192];
    size_t  outlen;
    int     refused_chunk;
    int     empty_queued;       /* a data of no bytes was accepted: an empty message went out */
} peer;

/* ---- the scripted peer ------------------------------------------------------------ */

static int peer_fill(peer *p)
{
    if (p->late && p->outlen) {
        /* late: replies go out only when the client has paused */
        struct pollfd pf = { .fd = p->fd, .events = POLLIN };
        if (poll(&pf, 1, 10) == 0 && p->outlen) {
            if (send(p->fd, p->out, p->outlen, MSG_NOSIGNAL) < 0) return -1;
            p->outlen = 0;
        }
    }
    if (p->inlen == sizeof(p->in)) return -1;
    ssize_t n = read(p->fd, p->in + p->inlen, sizeof(p->in) - p->inlen);
    if (n <= 0) return -1;
    p->inlen += (size_t)n;
    return 0;
}

static void peer_take(peer *p, size_t n)
{
    memmove(p->in, p->in + n, p->inlen - n);
    p->inlen -= n;
}

static int peer_line(peer *p, char *line, size_t max)
{
    for (;;) {
        char *nl = memchr(p->in, '\n', p->inlen);
        if (nl) {
            size_t n = (size_t)(nl - p->in) + 1;
            size_t body = n >= 2 && nl[-1] == '\r' ? n - 2 : n - 1;
            size_t keep = body < max - 1 ? body : max - 1;
            memcpy(line, p->in, keep);
            line[keep] = '\0';
            peer_take(p, n);
            return 0;
        }
        if (peer_fill(p) != 0) return -1;
    }
}

/* Discards n bytes of chunk data. */
static int peer_skip(peer *p, size_t n)
{
    while (n > 0) {
        if (p->inlen == 0 && peer_fill(p) != 0) return -1;
        size_t k = n < p->inlen ? n : p->inlen;
        peer_take(p, k);
        n -= k;
    }
    return 0;
}

/* Reads DATA's body up to and including the ".\r\n" line: 1 when the body was empty. */
static int peer_until_dot(peer *p)
{
    int first = 1;   /* nothing consumed yet: the body may be just ".\r\n" */
    for (;;) {
        if (first && p->inlen >= 3) {
            if (memcmp(p->in, ".\r\n", 3) == 0) {
                peer_take(p, 3);
                return 1;
            }
            first = 0;
        }
        char *m = memmem(p->in, p->inlen, "\r\n.\r\n", 5);
        if (m) {
            peer_take(p, (size_t)(m - p->in) + 5);
            return 0;
        }
        if (!first && p->inlen > 4) {
            peer_take(p, p->inlen - 4);
        }
        if (peer_fill(p) != 0) return -1;
    }
}

static void peer_flush(peer *p)
{
    if (p->outlen && send(p->fd, p->out, p->outlen, MSG_NOSIGNAL) < 0) {
        p->outlen = 0;
    }
    p->outlen = 0;
}

static void peer_say(peer *p, const char *text, int end_of_group)
{
    size_t n = strlen(text);
    if (p->outlen + n > sizeof(p->out)) peer_flush(p);
    memcpy(p->out + p->outlen, text, n);
    p->outlen += n;
    if (!p->late || end_of_group) peer_flush(p);
}

/* Answers the command at the current index; -1 when the script ends the connection. */
static int peer_answer(peer *p, const char *verb, const char *normal, int end_of_group)
{
    int i = p->ncmds++;
    if (i < MAX_CMDS) snprintf(p->verbs[i], sizeof(p->verbs[i]), "%s", verb);
    if (i == p->break_at) {
        switch (p->act) {
        case ACT_REFUSE:
            if (strcmp(verb, "BDAT") == 0) p->refused_chunk = 1;
            peer_say(p, "554 5.7.1 scripted refusal\r\n", end_of_group);
            return 0;
        case ACT_421:
            peer_say(p, "421 4.3.2 scripted shutdown\r\n", 1);
            return -1;
        case ACT_CLOSE:
            peer_flush(p);
            return -1;
        case ACT_REPLY:
            break;
        }
    }
    if (p->refused_chunk && (strcmp(verb, "BDAT") == 0 || strcmp(verb, "LAST") == 0)) {
        normal = "554 5.5.0 Error: transaction failed\r\n";   /* as Postfix answers pipelined chunks after a refusal */
    }
    peer_say(p, normal, end_of_group);
    return 0;
}

static int peer_command(peer *p, const char *line)
{
    if (strncmp(line, "BDAT ", 5) == 0) {
        char *end;
        size_t n = strtoul(line + 5, &end, 10);
        int last = strcmp(end, " LAST") == 0;
        if (peer_skip(p, n) != 0) return -1;
        int rc = peer_answer(p, last ? "LAST" : "BDAT", last ? "250 2.0.0 Ok: queued as T\r\n" : "250 2.0.0 chunk ok\r\n", last);
        if (last) p->refused_chunk = 0;
        return rc;
    }
    if (strcmp(line, "NOOP") == 0) {
        peer_say(p, "250 2.0.0 NOOP ok\r\n", 1);
        return 0;
    }
    if (strcmp(line, "RSET") == 0) return peer_answer(p, "RSET", "250 2.0.0 Ok\r\n", 0);
    if (strncmp(line, "MAIL ", 5) == 0) return peer_answer(p, "MAIL", "250 2.1.0 Ok\r\n", 0);
    if (strncmp(line, "RCPT ", 5) == 0) return peer_answer(p, "RCPT", "250 2.1.5 Ok\r\n", 0);
    if (strcmp(line, "DATA") == 0) {
        int was_refused = p->ncmds == p->break_at && p->act == ACT_REFUSE;
        if (peer_answer(p, "DATA", "354 go ahead\r\n", 1) != 0) return -1;
        if (was_refused) return 0;
        int empty = peer_until_dot(p);
        if (empty < 0) return -1;
        int k = p->ncmds;
        if (peer_answer(p, ".", "250 2.0.0 Ok: queued as T\r\n", 1) != 0) return -1;
        p->empty_queued |= empty && !(k == p->break_at && p->act == ACT_REFUSE);
        return 0;
    }
    peer_say(p, "502 5.5.2 unknown\r\n", 1);
    return 0;
}

static void *peer_main(void *arg)
{
    peer *p = arg;
    char line[1100];
    while (peer_line(p, line, sizeof(line)) == 0 && peer_command(p, line) == 0) {
    }
    peer_flush(p);
    shutdown(p->fd, SHUT_RDWR);
    return NULL;
}

/* ---- the client side ---------------------------------------------------------------- */

typedef struct body { size_t size; } body;

/* A message of about `size` bytes with bare-LF line ends (the framer makes them CRLF). */
static int render_body(void *ctx, smtp_sink *sink, smtp_error *err)
{
    (void)err;
    const body *b = ctx;
    static const char head[] = "Subject: scripted\n\n";
    char line[72];
    memset(line, 'x', sizeof(line) - 1);
    line[sizeof(line) - 1] = '\n';
    if (sink_write(sink, head, sizeof(head) - 1) != 0) return -1;
    for (size_t done = sizeof(head) - 1; done < b->size; done += sizeof(line)) {
        if (sink_write(sink, line, sizeof(line)) != 0) return -1;
    }
    return 0;
}

typedef struct outcome {
    int        rc;
    smtp_error err;
    size_t     accepted, rejected;
    char       response[1024];
    int        open_after;      /* the connection was kept */
    size_t     owed_after;
    int        noop_own_reply;  /* the next command got its own reply */
    int        retry_safe;      /* session_send said the message may go again on a new connection */
    peer       p;
} outcome;

static void run_one(int pipelining, int chunking, size_t size, int late, int break_at, action act, outcome *o)
{
    int fds[2];
    memset(o, 0, sizeof(*o));
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
        CHECK(0, "socketpair: %s", strerror(errno));
        return;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    o->p.fd = fds[1];
    o->p.late = late;
    o->p.break_at = break_at;
    o->p.act = act;
    pthread_t th;
    pthread_create(&th, NULL, peer_main, &o->p);

    smtp_session s;
    session_init(&s);
    s.cfg.host = strdup("scripted");
    s.cfg.port = 25;
    s.conn.fd = fds[0];
    s.conn.host = strdup("scripted");
    s.conn.port = 25;
    s.conn.timeout_ms = 3000;
    s.caps.esmtp = 1;
    s.caps.pipelining = pipelining;
    s.caps.chunking = chunking;
    s.caps.eightbitmime = 1;
    s.transactions = 1;   /* as on a kept connection: the transaction starts with RSET */
    const char *rcpt[] = { "a@example.test", "b@example.test" };
    body b = { size };
    smtp_envelope env = { .mail_from = "s@example.test", .rcpt = rcpt, .nrcpt = 2, .size = size,
                          .render = render_body, .render_ctx = &b };
    smtp_result res;
    result_init(&res);
    o->rc = session_send(&s, &env, &res, &o->err);
    o->accepted = res.accepted.count;
    o->rejected = res.rejected.count;
    snprintf(o->response, sizeof(o->response), "%s", res.response);
    o->open_after = conn_is_open(&s.conn);
    o->retry_safe = s.retry_safe;
    o->owed_after = session_owed(&s);
    if (o->open_after) {
        smtp_error e;
        if (chat_send(&s, "NOOP", NULL, &e) == 0 && chat_flush(&s, &e) == 0 && chat_read(&s, "NOOP", &e) == 0) {
            o->noop_own_reply = s.reply.code == 250 && s.reply.text.data && strstr(s.reply.text.data, "NOOP ok");
        }
    }
    result_free(&res);
    session_free(&s);   /* closes our end: the peer sees EOF */
    pthread_join(th, NULL);
    close(fds[1]);
}

static const char *const act_names[] = { "reply", "554", "421", "close" };

static void check_case(const char *name, const outcome *clean, int k, action act, const outcome *o, int pipelined_data)
{
    const char *verb = clean->p.verbs[k];
    /* Nothing is owed after a transaction, whatever happened. */
    CHECK(o->owed_after == 0, "%s: %s at #%d (%s): %zu replies still owed", name, act_names[act], k, verb, o->owed_after);
    CHECK(!o->open_after || o->noop_own_reply, "%s: %s at #%d (%s): the kept connection gave NOOP a late reply", name,
          act_names[act], k, verb);
    CHECK(o->rc != 0 || strstr(o->response, "queued as T"), "%s: %s at #%d (%s): reported as sent with \"%s\"", name,
          act_names[act], k, verb, o->response);
    /* RFC 2920 3.1's empty data ends a 354 only when no recipient was accepted: with
     * one accepted, the server would deliver an empty message. */
    CHECK(!o->p.empty_queued, "%s: %s at #%d (%s): the server accepted an empty message (\".\" after 354)", name,
          act_names[act], k, verb);
    /* Another connection may take the message only when the server accepted none of it (no 250
     * to MAIL or a RCPT: the break is at RSET or MAIL) and said 421, or closed before the whole
     * data left (after that, it may have been delivered). */
    int none_accepted = strcmp(verb, "RSET") == 0 || strcmp(verb, "MAIL") == 0;
    int safe = act == ACT_421 ? none_accepted : act == ACT_CLOSE ? none_accepted && !o->err.outcome_unknown : 0;
    CHECK(o->retry_safe == safe, "%s: %s at #%d (%s): retry_safe %d, expected %d (%s)", name, act_names[act], k, verb,
          o->retry_safe, safe, o->err.message);
    if (act == ACT_REFUSE && strcmp(verb, "RCPT") == 0) {
        CHECK(o->rc == 0 && o->accepted == 1 && o->rejected == 1, "%s: one RCPT refused at #%d: rc %d (%s)", name, k,
              o->rc, o->err.message);
    } else if (act == ACT_REFUSE) {
        CHECK(o->rc == -1 && o->err.code == 554 && strstr(o->err.message, "scripted refusal"),
              "%s: 554 to %s (#%d): rc %d code %d: %s", name, verb, k, o->rc, o->err.code, o->err.message);
        /* Pipelined DATA past a refused RSET or MAIL that the peer ignored (it accepted the
         * recipients and said 354): only closing abandons that data. */
        int abandoned = pipelined_data && (strcmp(verb, "RSET") == 0 || strcmp(verb, "MAIL") == 0);
        CHECK(o->open_after != abandoned, "%s: 554 to %s (#%d) %s the connection", name, verb, k,
              abandoned ? "kept" : "closed");
    } else if (act == ACT_421) {
        CHECK(o->rc == -1 && o->err.code == 421 && o->err.temporary && strstr(o->err.message, "scripted shutdown"),
              "%s: 421 to %s (#%d): rc %d code %d: %s", name, verb, k, o->rc, o->err.code, o->err.message);
        CHECK(!o->open_after, "%s: 421 to %s (#%d) left the connection open", name, verb, k);
    } else {
        CHECK(o->rc == -1 && o->err.kind == SMTP_ERR_NETWORK && o->err.temporary && !o->open_after,
              "%s: closed before #%d (%s): rc %d kind %d open %d: %s", name, k, verb, o->rc, o->err.kind,
              o->open_after, o->err.message);
        /* A close after the whole message left, before its reply: maybe delivered. */
        int after_data = strcmp(verb, ".") == 0 || strcmp(verb, "LAST") == 0;
        CHECK(!after_data || o->err.outcome_unknown, "%s: closed before the final reply: not marked unknown: %s", name,
              o->err.message);
        CHECK(!o->err.outcome_unknown || strncmp(o->err.message, "Outcome unknown", 15) == 0,
              "%s: closed before #%d (%s): %s", name, k, verb, o->err.message);
    }
}

void test_transaction(void)
{
    /* one chunk; just under 1 MiB as measured, two chunks once framed (each bare LF
     * becomes CRLF); three chunks */
    static const size_t sizes[] = { 300, 1024 * 1024 - 2000, 2 * 1024 * 1024 + 300000 };
    static const int chunks[] = { 1, 2, 3 };
    static const char *const size_names[] = { "small", "1 MiB - 2000 (LF)", "3-chunk" };
    for (int caps = 0; caps < 4; caps++) {
        int pipelining = caps & 1, chunking = (caps >> 1) & 1;
        for (int si = 0; si < 3; si++) {
            for (int late = 0; late < 2; late++) {
                if (late && !pipelining) continue;   /* lock-step: nothing can be late */
                char name[96];
                snprintf(name, sizeof(name), "%s%s%s, %s message", pipelining ? "PIPELINING " : "",
                         chunking ? "CHUNKING " : "", late ? "late replies" : "prompt replies", size_names[si]);
                outcome *clean = calloc(1, sizeof(*clean)), *o = calloc(1, sizeof(*o));
                run_one(pipelining, chunking, sizes[si], late, -1, ACT_REPLY, clean);
                CHECK(clean->rc == 0 && clean->accepted == 2 && strstr(clean->response, "queued as T") &&
                      clean->noop_own_reply, "%s: clean run: rc %d: %s", name, clean->rc, clean->err.message);
                int expect = 4 + (chunking ? chunks[si] : 2);   /* RSET MAIL RCPT RCPT + data */
                CHECK(clean->p.ncmds == expect, "%s: clean run answered %d commands, expected %d", name,
                      clean->p.ncmds, expect);
                for (int k = 0; k < clean->p.ncmds && k < MAX_CMDS; k++) {
                    for (int act = ACT_REFUSE; act <= ACT_CLOSE; act++) {
                        run_one(pipelining, chunking, sizes[si], late, k, (action)act, o);
                        check_case(name, clean, k, (action)act, o, pipelining && !chunking);
                    }
                }
                free(clean);
                free(o);
            }
        }
    }
}
