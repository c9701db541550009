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

/* One non-blocking connect attempt: 0 connected, else an errno (ETIMEDOUT on timeout). */
static int connect_one(int fd, const struct addrinfo *ai, long long deadline)
{
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
        return 0;
    }
    if (errno != EINPROGRESS) {
        return errno;
    }
    int r = socket_wait(fd, POLLOUT, deadline);
    if (r == 0) {
        return ETIMEDOUT;
    }
    if (r < 0) {
        return errno;
    }
    int soerr = 0;
    socklen_t len = sizeof(soerr);
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
    return soerr;
}

static void describe_addr(const struct addrinfo *ai, char *out, size_t outlen)
{
    char host[INET6_ADDRSTRLEN] = "?";
    getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof(host), NULL, 0, NI_NUMERICHOST);
    snprintf(out, outlen, ai->ai_family == AF_INET6 ? "[%s]" : "%s", host);
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

    /* Tried addresses and why each failed, so the message says everything. */
    char tried[1024] = "";
    size_t used = 0;
    int last_errno = 0, all_timeouts = 1;
    long long deadline = monotonic_ms() + timeout_ms;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            last_errno = errno;
            all_timeouts = 0;
            continue;
        }
        int e = connect_one(fd, ai, deadline);
        if (e == 0) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            freeaddrinfo(res);
            return fd;
        }
        close(fd);
        char addr[INET6_ADDRSTRLEN + 2];
        describe_addr(ai, addr, sizeof(addr));
        int n = snprintf(tried + used, sizeof(tried) - used, "%s%s: %s", used ? "; " : "", addr,
                         e == ETIMEDOUT ? "timed out" : strerror(e));
        if (n > 0 && (size_t)n < sizeof(tried) - used) {
            used += (size_t)n;
        }
        last_errno = e;
        if (e != ETIMEDOUT) {
            all_timeouts = 0;
        }
        if (monotonic_ms() >= deadline) {
            break;
        }
    }
    freeaddrinfo(res);
    if (last_errno == ETIMEDOUT && all_timeouts) {
        error_set(err, SMTP_ERR_NETWORK, 1,
                  "Connection to %s:%d timed out after %d s (%s): the port is probably blocked "
                  "by a firewall or your hosting provider",
                  host, port, (timeout_ms + 999) / 1000, tried);
    } else if (last_errno == ECONNREFUSED) {
        error_set(err, SMTP_ERR_NETWORK, 1,
                  "Connection to %s:%d refused (%s): no SMTP server is listening on that port",
                  host, port, tried);
    } else {
        error_set(err, SMTP_ERR_NETWORK, 1, "Could not connect to %s:%d (%s)", host, port,
                  used ? tried : strerror(last_errno));
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
