/*
 * chat: the command/reply primitives shared by the session modules: queue a
 * command (recorded in the transcript, or a redacted stand-in), read one reply
 * (recorded line by line), and turn a refusal into an error that names the
 * stage and quotes the server. Internal to the core.
 */
#ifndef SMTP_CHAT_H
#define SMTP_CHAT_H

#include "session.h"

/* Queues "line\r\n"; the transcript shows shown (NULL: the line itself). */
int  chat_send(smtp_session *s, const char *line, const char *shown, smtp_error *err);
/* Flushes queued commands. */
int  chat_flush(smtp_session *s, smtp_error *err);
/* Reads one reply into s->reply; stage names what it answers, for errors. */
int  chat_read(smtp_session *s, const char *stage, smtp_error *err);
/* Fills err from s->reply: "<stage> rejected by host:port: <code> <text>". */
void chat_refused(smtp_session *s, const char *stage, smtp_error *err);
/* Prefixes err's message with the stage, keeping everything else. */
void chat_in_stage(smtp_error *err, const char *stage);
/* The owed-reply queue (transaction.c): chat_owe records that a command of this
 * kind was written; chat_take removes the oldest and returns its kind (-1 when
 * nothing is owed); chat_owed_clear forgets everything (the connection is gone). */
int  chat_owe(smtp_session *s, int kind, smtp_error *err);
int  chat_take(smtp_session *s);
int  chat_owed_oldest(const smtp_session *s);
void chat_owed_clear(smtp_session *s);
void chat_owed_free(smtp_session *s);
void chat_note(smtp_session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
