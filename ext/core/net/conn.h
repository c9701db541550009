/*
 * conn: one buffered SMTP connection, plain or TLS. Writes are collected in a
 * buffer and leave in large writes (pipelined commands go out together); reads
 * fill a fixed buffer that the reply parser consumes from. Every network step
 * is bounded by the connection's timeout.
 */
#ifndef SMTP_CONN_H
#define SMTP_CONN_H

#include <stddef.h>
#include <openssl/ssl.h>

#include "../util/buf.h"
#include "../util/error.h"
#include "tls.h"

#define CONN_READ_BUF 16384
#define CONN_FLUSH_AT (256 * 1024)

typedef struct smtp_conn {
    int    fd;
    SSL   *ssl;
    char  *host;
    int    port;
    int    timeout_ms;
    char   rbuf[CONN_READ_BUF];
    size_t rpos, rlen;          /* unread bytes are rbuf[rpos..rlen) */
    smtp_buf wbuf;
} smtp_conn;

/* Connects (see socket_connect). 0, or -1 with err set. */
int  conn_open(smtp_conn *c, const char *host, int port, int timeout_ms, smtp_error *err);
/* Upgrades to TLS; requires that no unread bytes are buffered. */
int  conn_start_tls(smtp_conn *c, const tls_options *opts, smtp_error *err);
/* Queues bytes; flushes when the buffer passes CONN_FLUSH_AT. */
int  conn_write(smtp_conn *c, const void *data, size_t len, smtp_error *err);
int  conn_flush(smtp_conn *c, smtp_error *err);
/* Reads what is available into the read buffer, waiting until deadline
 * (monotonic ms; 0 means one timeout from now). Returns bytes read (>0), or -1
 * with err set (timeout, closed, reset). */
int  conn_fill(smtp_conn *c, long long deadline, smtp_error *err);
long long conn_deadline(const smtp_conn *c);
size_t conn_unread(const smtp_conn *c);
/* 1 when reply bytes are buffered or can be read now (a non-blocking look;
 * with TLS a readable socket may hold only a session ticket). */
int  conn_reply_waiting(smtp_conn *c);
/* 1 when the peer has closed or sent something unasked (an idle connection
 * that the server dropped, typically with 421). Does not block. */
int  conn_looks_dead(smtp_conn *c);
void conn_close(smtp_conn *c);
int  conn_is_open(const smtp_conn *c);

#endif
