/* chat: command/reply primitives with transcript and error wording (see chat.h). */
#include "chat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void chat_note(smtp_session *s, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (n > 0) {
        strlist_add(&s->transcript, line, strlen(line));
    }
}

int chat_send(smtp_session *s, const char *line, const char *shown, smtp_error *err)
{
    chat_note(s, "C: %s", shown ? shown : line);
    if (conn_write(&s->conn, line, strlen(line), err) != 0 ||
        conn_write(&s->conn, "\r\n", 2, err) != 0) {
        return -1;
    }
    return 0;
}

int chat_flush(smtp_session *s, smtp_error *err)
{
    return conn_flush(&s->conn, err);
}

/* Records each line of the reply as the server sent it ("S: 250-SIZE ..."). */
static void record_reply(smtp_session *s)
{
    const smtp_reply *r = &s->reply;
    const char *p = r->text.data ? r->text.data : "";
    for (int i = 0; i < r->lines; i++) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char sep = (i + 1 < r->lines) ? '-' : ' ';
        chat_note(s, "S: %d%c%.*s", r->code, sep, (int)(len > 500 ? 500 : len), p);
        p = nl ? nl + 1 : p + len;
    }
}

int chat_read(smtp_session *s, const char *stage, smtp_error *err)
{
    reply_parser parser;
    reply_parser_start(&parser, &s->reply);
    smtp_conn *c = &s->conn;
    /* One deadline for the whole reply: a server trickling a byte at a time
     * cannot hold the client beyond the timeout. */
    long long deadline = conn_deadline(c);
    for (;;) {
        if (conn_unread(c) == 0 && conn_fill(c, deadline, err) < 0) {
            chat_in_stage(err, stage);
            return -1;
        }
        size_t used = 0;
        reply_status st = reply_parser_feed(&parser, c->rbuf + c->rpos, conn_unread(c), &used);
        c->rpos += used;
        if (st == REPLY_DONE) {
            s->replies_seen++;
            record_reply(s);
            return 0;
        }
        if (st == REPLY_ERROR) {
            error_set(err, SMTP_ERR_PROTOCOL, 1, "%s: malformed reply from %s:%d: %s", stage,
                      s->cfg.host, s->cfg.port, parser.error);
            chat_note(s, "!: malformed reply: %s", parser.error);
            return -1;
        }
    }
}

void chat_refused(smtp_session *s, const char *stage, smtp_error *err)
{
    char summary[1500];
    reply_summary(&s->reply, summary, sizeof(summary));
    error_set(err, SMTP_ERR_REPLY, reply_is_temporary(s->reply.code), "%s rejected by %s:%d: %s",
              stage, s->cfg.host, s->cfg.port, summary);
    err->code = s->reply.code;
    snprintf(err->enhanced, sizeof(err->enhanced), "%s", s->reply.enhanced);
}

void chat_in_stage(smtp_error *err, const char *stage)
{
    char copy[sizeof(err->message)];
    memcpy(copy, err->message, sizeof(copy));
    size_t n = strlen(stage);
    if (n + 2 >= sizeof(err->message)) {
        return;
    }
    memcpy(err->message, stage, n);
    memcpy(err->message + n, ": ", 2);
    /* The tail may be cut to fit; the stage always shows. */
    memcpy(err->message + n + 2, copy, sizeof(err->message) - n - 3);
    err->message[sizeof(err->message) - 1] = '\0';
}

/* ---- the owed-reply queue: a ring of command kinds ------------------------------- */

int chat_owe(smtp_session *s, int kind, smtp_error *err)
{
    smtp_owed *q = &s->owed;
    if (q->count == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        unsigned char *k = malloc(cap);
        if (!k) {
            error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory");
            return -1;
        }
        for (size_t i = 0; i < q->count; i++) {
            k[i] = q->kind[(q->head + i) % q->cap];
        }
        free(q->kind);
        q->kind = k;
        q->cap = cap;
        q->head = 0;
    }
    q->kind[(q->head + q->count) % q->cap] = (unsigned char)kind;
    q->count++;
    return 0;
}

int chat_owed_oldest(const smtp_session *s)
{
    return s->owed.count ? s->owed.kind[s->owed.head] : -1;
}

int chat_take(smtp_session *s)
{
    smtp_owed *q = &s->owed;
    if (q->count == 0) {
        return -1;
    }
    int kind = q->kind[q->head];
    q->head = (q->head + 1) % q->cap;
    q->count--;
    return kind;
}

void chat_owed_clear(smtp_session *s)
{
    s->owed.head = s->owed.count = 0;
}

void chat_owed_free(smtp_session *s)
{
    free(s->owed.kind);
    memset(&s->owed, 0, sizeof(s->owed));
}
