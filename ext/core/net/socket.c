/* socket: resolve, connect with timeout, wait for readiness (see socket.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int socket_wait(int fd, short events, long long deadline_ms)
{
    for (;;) {
        long long left = deadline_ms - monotonic_ms();
        if (left <= 0) {
            return 0;
        }
        struct pollfd p = { .fd = fd, .events = events };
        int r = poll(&p, 1, left > 0x7fffffff ? 0x7fffffff : (int)left);
        if (r > 0) {
            return 1;
        }
        if (r == 0) {
            return 0;
        }
        if (errno != EINTR) {
            return -1;
        }
    }
}

/* RFC 8305 5: the recommended Connection Attempt Delay. */
#define ATTEMPT_DELAY_MS 250
#define MAX_ADDRS        16

typedef struct attempt {
    const struct addrinfo *ai;
    int       fd;         /* -1 when not started or finished */
    long long started;
    int       err;        /* why it failed: an errno, ETIMEDOUT for no answer */
} attempt;

/* RFC 8305 4: alternate the address families, starting with the first's. */
static size_t order_addresses(struct addrinfo *res, attempt *out, size_t max)
{
    const struct addrinfo *pending[MAX_ADDRS * 4];
    size_t n = 0, count = 0;
    for (const struct addrinfo *ai = res; ai && n < sizeof(pending) / sizeof(pending[0]); ai = ai->ai_next) {
        pending[n++] = ai;
    }
    int family = n ? pending[0]->ai_family : 0;
    while (count < n && count < max) {
        size_t pick = n;
        for (size_t i = 0; i < n; i++) {
            if (pending[i] && (pending[i]->ai_family == family || pick == n)) {
                pick = i;
                if (pending[i]->ai_family == family) break;
            }
        }
        if (pick == n) break;
        out[count++] = (attempt){ pending[pick], -1, 0, 0 };
        family = pending[pick]->ai_family == AF_INET6 ? AF_INET : AF_INET6;
        pending[pick] = NULL;
    }
    return count;
}

static void describe_addr(const struct addrinfo *ai, char *out, size_t outlen)
{
    char host[INET6_ADDRSTRLEN] = "?";
    getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    snprintf(out, outlen, ai->ai_family == AF_INET6 ? "[%s]" : "%s", host);
}

/* Starts a non-blocking connect: 1 connected, 0 in progress, -1 failed (a->err). */
static int start_attempt(attempt *a)
{
    a->started = monotonic_ms();
    a->fd = socket(a->ai->ai_family, a->ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai->ai_protocol);
    if (a->fd < 0) {
        a->err = errno;
        return -1;
    }
    if (connect(a->fd, a->ai->ai_addr, a->ai->ai_addrlen) == 0) {
        return 1;
    }
    if (errno == EINPROGRESS) {
        return 0;
    }
    a->err = errno;
    close(a->fd);
    a->fd = -1;
    return -1;
}

/* A started attempt's socket became writable: 1 connected, -1 failed (a->err). */
static int finish_attempt(attempt *a)
{
    int soerr = 0;
    socklen_t len = sizeof(soerr);
    if (getsockopt(a->fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0) {
        soerr = errno;
    }
    if (soerr == 0) {
        return 1;
    }
    a->err = soerr;
    close(a->fd);
    a->fd = -1;
    return -1;
}

/* Waits for the started attempts until wait_until; returns the index of one
 * that connected, or -1. Attempts that failed are closed (err set). */
static int wait_attempts(attempt *a, size_t started, long long wait_until, int *failed_one)
{
    struct pollfd p[MAX_ADDRS];
    size_t idx[MAX_ADDRS], np = 0;
    for (size_t i = 0; i < started; i++) {
        if (a[i].fd >= 0) {
            p[np] = (struct pollfd){ .fd = a[i].fd, .events = POLLOUT };
            idx[np++] = i;
        }
    }
    long long left = wait_until - monotonic_ms();
    if (np == 0 || left <= 0) {
        return -1;
    }
    int r = poll(p, np, left > 0x7fffffff ? 0x7fffffff : (int)left);
    for (size_t j = 0; r > 0 && j < np; j++) {
        if (p[j].revents == 0) {
            continue;
        }
        if (finish_attempt(&a[idx[j]]) == 1) {
            return (int)idx[j];
        }
        *failed_one = 1;
    }
    return -1;
}

/* Writes "addr: why; addr: why" and returns how many attempts timed out. */
static size_t describe_failures(const attempt *a, size_t n, char *out, size_t outlen, long long now)
{
    size_t used = 0, timeouts = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char addr[INET6_ADDRSTRLEN + 2], why[64];
        describe_addr(a[i].ai, addr, sizeof(addr));
        if (a[i].err == ETIMEDOUT) {
            timeouts++;
            snprintf(why, sizeof(why), "no answer within %.1f s", (double)(now - a[i].started) / 1000.0);
        } else {
            snprintf(why, sizeof(why), "%s", strerror(a[i].err));
        }
        int k = snprintf(out + used, outlen - used, "%s%s: %s", used ? "; " : "", addr, why);
        if (k > 0 && (size_t)k < outlen - used) {
            used += (size_t)k;
        }
    }
    return timeouts;
}

/* Connection attempts staggered as RFC 8305 5 says: the next address starts when
 * the previous has not answered within ATTEMPT_DELAY_MS, or at once when it
 * failed; the started ones race until the deadline and the first to connect
 * wins. A silent first address (often IPv6) costs a quarter second, not the
 * whole timeout. Returns the index of the winner, or -1; *tried says how many
 * were started (each failed one has err set). */
static int race(attempt *a, size_t n, int timeout_ms, size_t *tried)
{
    long long deadline = monotonic_ms() + timeout_ms;
    long long next_at = 0;
    size_t next = 0;
    int winner = -1;
    while (winner < 0) {
        long long now = monotonic_ms();
        if (now >= deadline) {
            break;
        }
        int active = 0;
        for (size_t i = 0; i < next; i++) active += a[i].fd >= 0;
        if (next < n && (now >= next_at || !active)) {
            int r = start_attempt(&a[next]);
            next++;
            if (r == 1) {
                winner = (int)next - 1;
            }
            next_at = r == 0 ? now + ATTEMPT_DELAY_MS : now;
            continue;
        }
        if (!active) {
            break;   /* every address failed */
        }
        int failed_one = 0;
        winner = wait_attempts(a, next, next < n && next_at < deadline ? next_at : deadline, &failed_one);
        if (failed_one) {
            next_at = 0;   /* RFC 8305 5: after a failure the next attempt starts at once */
        }
    }
    for (size_t i = 0; i < next; i++) {
        if ((int)i != winner && a[i].fd >= 0) {
            close(a[i].fd);
            a[i].fd = -1;
            a[i].err = ETIMEDOUT;
        }
    }
    *tried = next;
    return winner;
}

int socket_connect(const char *host, int port, int timeout_ms, smtp_error *err)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_family = AF_UNSPEC,
                              .ai_flags = AI_ADDRCONFIG };
    struct addrinfo *res = NULL;
    char portstr[16];
    snprintf(portstr, sizeof(portstr), "%d", port);
    int rc = getaddrinfo(host, portstr, &hints, &res);
    if (rc == EAI_ADDRFAMILY || rc == EAI_NONAME) {
        hints.ai_flags = 0; /* loopback-only hosts have no configured address family */
        rc = getaddrinfo(host, portstr, &hints, &res);
    }
    if (rc != 0) {
        int temporary = (rc == EAI_AGAIN);
        error_set(err, SMTP_ERR_NETWORK, temporary,
                  "Could not resolve %s: %s (check the host name and this server's DNS)",
                  host, gai_strerror(rc));
        return -1;
    }
    attempt a[MAX_ADDRS];
    size_t n = order_addresses(res, a, MAX_ADDRS), tried = 0;
    int w = race(a, n, timeout_ms, &tried);
    int fd = w >= 0 ? a[w].fd : -1;
    if (fd >= 0) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        freeaddrinfo(res);
        return fd;
    }
    /* Each address tried and how it failed, so the message says everything. */
    char list[1024];
    size_t timeouts = describe_failures(a, tried, list, sizeof(list), monotonic_ms());
    size_t refused = 0;
    for (size_t i = 0; i < tried; i++) refused += a[i].err == ECONNREFUSED;
    char untried[64] = "";
    if (tried < n) {
        snprintf(untried, sizeof(untried), "; %zu more address%s not tried in time", n - tried, n - tried > 1 ? "es" : "");
    }
    freeaddrinfo(res);
    if (tried > 0 && timeouts == tried) {
        error_set(err, SMTP_ERR_NETWORK, 1,
                  "Connection to %s:%d timed out after %d s (%s%s): the port is probably blocked "
                  "by a firewall or your hosting provider",
                  host, port, (timeout_ms + 999) / 1000, list, untried);
    } else if (tried > 0 && refused == tried) {
        error_set(err, SMTP_ERR_NETWORK, 1,
                  "Connection to %s:%d refused (%s%s): no SMTP server is listening on that port",
                  host, port, list, untried);
    } else {
        error_set(err, SMTP_ERR_NETWORK, 1, "Could not connect to %s:%d%s (%s%s)", host, port,
                  tried > 1 ? " on any address" : "", tried ? list : "no address", untried);
    }
    return -1;
}

int socket_peer_is_loopback(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getpeername(fd, (struct sockaddr *)&ss, &len) != 0) {
        return 0;
    }
    if (ss.ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)&ss;
        return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
    }
    if (ss.ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&ss;
        if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) {
            return 1;
        }
        if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
            return in6->sin6_addr.s6_addr[12] == 127;
        }
    }
    return 0;
}

void socket_local_literal(int fd, char *out, size_t outlen)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char host[INET6_ADDRSTRLEN] = "127.0.0.1";
    if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0) {
        getnameinfo((struct sockaddr *)&ss, len, host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    }
    /* RFC 5321 4.1.3: IPv6 literals carry the "IPv6:" tag. */
    snprintf(out, outlen, ss.ss_family == AF_INET6 ? "[IPv6:%s]" : "[%s]", host);
}
