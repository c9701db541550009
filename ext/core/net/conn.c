/* conn: buffered plain/TLS connection with deadlines (see conn.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "conn.h"
#include "socket.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

int conn_open(smtp_conn *c, const char *host, int port, int timeout_ms, smtp_error *err)
{
    memset(c, 0, sizeof(*c));
    c->fd = -1;
    c->host = strdup(host);
    c->port = port;
    c->timeout_ms = timeout_ms;
    if (!c->host) {
        error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory");
        return -1;
    }
    c->fd = socket_connect(host, port, timeout_ms, err);
    return c->fd < 0 ? -1 : 0;
}

int conn_is_open(const smtp_conn *c)
{
    return c->fd >= 0;
}

int conn_start_tls(smtp_conn *c, const tls_options *opts, smtp_error *err)
{
    c->ssl = tls_handshake(c->fd, c->host, c->port, opts, monotonic_ms() + c->timeout_ms, err);
    return c->ssl ? 0 : -1;
}

long long conn_deadline(const smtp_conn *c)
{
    return monotonic_ms() + c->timeout_ms;
}

size_t conn_unread(const smtp_conn *c)
{
    return c->rlen - c->rpos;
}

static void lost(smtp_conn *c, const char *what, int e, smtp_error *err)
{
    error_set(err, SMTP_ERR_NETWORK, 1, "Connection to %s:%d lost while %s: %s", c->host, c->port,
              what, e ? strerror(e) : "closed by the server");
}

static void timed_out(smtp_conn *c, const char *what, smtp_error *err)
{
    error_set(err, SMTP_ERR_NETWORK, 1, "Timed out after %d s %s %s:%d", (c->timeout_ms + 999) / 1000,
              what, c->host, c->port);
}

/* One write attempt: bytes written, 0 to wait (events set), -1 with errno / err. */
static ssize_t write_some(smtp_conn *c, const char *p, size_t len, short *events)
{
    if (!c->ssl) {
        ssize_t n = send(c->fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            *events = POLLOUT;
            return 0;
        }
        return n;
    }
    ERR_clear_error();
    int n = SSL_write(c->ssl, p, len > 0x40000000 ? 0x40000000 : (int)len);
    if (n > 0) {
        return n;
    }
    int e = SSL_get_error(c->ssl, n);
    if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
        *events = e == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN;
        return 0;
    }
    if (e != SSL_ERROR_SYSCALL || errno == 0) {
        errno = EPIPE;
    }
    return -1;
}

int conn_flush(smtp_conn *c, smtp_error *err)
{
    size_t off = 0;
    long long deadline = monotonic_ms() + c->timeout_ms;
    while (off < c->wbuf.len) {
        short events = 0;
        ssize_t n = write_some(c, c->wbuf.data + off, c->wbuf.len - off, &events);
        if (n < 0) {
            lost(c, "sending", errno, err);
            buf_reset(&c->wbuf);
            return -1;
        }
        if (n > 0) {
            off += (size_t)n;
            deadline = monotonic_ms() + c->timeout_ms;  /* progress restarts the clock */
            continue;
        }
        if (socket_wait(c->fd, events, deadline) <= 0) {
            timed_out(c, "sending to", err);
            buf_reset(&c->wbuf);
            return -1;
        }
    }
    buf_reset(&c->wbuf);
    return 0;
}

int conn_write(smtp_conn *c, const void *data, size_t len, smtp_error *err)
{
    if (buf_append(&c->wbuf, data, len) != 0) {
        error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory");
        return -1;
    }
    return c->wbuf.len >= CONN_FLUSH_AT ? conn_flush(c, err) : 0;
}

/* One read attempt: bytes, 0 to wait (events set), -1 closed/error (errno 0 for EOF). */
static ssize_t read_some(smtp_conn *c, char *p, size_t len, short *events)
{
    if (!c->ssl) {
        ssize_t n = recv(c->fd, p, len, 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            *events = POLLIN;
            return 0;
        }
        if (n == 0) {
            errno = 0;
            return -1;
        }
        return n;
    }
    ERR_clear_error();
    int n = SSL_read(c->ssl, p, (int)len);
    if (n > 0) {
        return n;
    }
    int e = SSL_get_error(c->ssl, n);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
        *events = e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
        return 0;
    }
    if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && errno == 0)) {
        errno = 0;
    } else if (e != SSL_ERROR_SYSCALL) {
        errno = EPROTO;
    }
    return -1;
}

int conn_fill(smtp_conn *c, long long deadline, smtp_error *err)
{
    if (c->rpos == c->rlen) {
        c->rpos = c->rlen = 0;
    } else if (c->rlen == sizeof(c->rbuf)) {
        memmove(c->rbuf, c->rbuf + c->rpos, c->rlen - c->rpos);
        c->rlen -= c->rpos;
        c->rpos = 0;
    }
    if (deadline <= 0) {
        deadline = monotonic_ms() + c->timeout_ms;
    }
    for (;;) {
        short events = 0;
        ssize_t n = read_some(c, c->rbuf + c->rlen, sizeof(c->rbuf) - c->rlen, &events);
        if (n > 0) {
            c->rlen += (size_t)n;
            return (int)n;
        }
        if (n < 0) {
            lost(c, "waiting for the reply", errno, err);
            return -1;
        }
        if (socket_wait(c->fd, events, deadline) <= 0) {
            timed_out(c, "waiting for a reply from", err);
            return -1;
        }
    }
}

int conn_reply_waiting(smtp_conn *c)
{
    if (c->fd < 0) {
        return 0;
    }
    if (conn_unread(c) > 0 || (c->ssl && SSL_pending(c->ssl) > 0)) {
        return 1;
    }
    struct pollfd p = { .fd = c->fd, .events = POLLIN };
    return poll(&p, 1, 0) > 0;
}

int conn_looks_dead(smtp_conn *c)
{
    if (c->fd < 0) {
        return 1;
    }
    if (conn_unread(c) > 0) {
        return 1;
    }
    c->rpos = c->rlen = 0;
    struct pollfd p = { .fd = c->fd, .events = POLLIN };
    if (poll(&p, 1, 0) == 0) {
        return 0;
    }
    /* Readable while idle: EOF, a reset or a 421 goodbye mean dead; a TLS 1.3
     * session ticket is consumed by the read and means alive. */
    short events = 0;
    ssize_t n = read_some(c, c->rbuf + c->rlen, sizeof(c->rbuf) - c->rlen, &events);
    if (n > 0) {
        c->rlen += (size_t)n;
    }
    return n != 0;
}

void conn_close(smtp_conn *c)
{
    if (c->ssl) {
        tls_close(c->ssl);
        c->ssl = NULL;
    }
    if (c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
    free(c->host);
    c->host = NULL;
    buf_free(&c->wbuf);
    c->rpos = c->rlen = 0;
}
