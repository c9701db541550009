/*
 * socket: TCP connection set-up. Resolves with getaddrinfo and races the
 * addresses (IPv6 and IPv4 alternating) as RFC 8305 says: the next one starts
 * when the previous has not answered within 250 ms or has failed, the first to
 * connect wins, all within one timeout; so a silent first address does not eat
 * the timeout. "Name did not resolve", "connection refused" and "timed out" (the
 * port-blocked-by-your-host case) are told apart, and the error lists each
 * address with how it failed.
 */
#ifndef SMTP_SOCKET_H
#define SMTP_SOCKET_H

#include <stddef.h>
#include "../util/error.h"

/* Returns a connected, non-blocking socket with TCP_NODELAY, or -1 with err set. */
int socket_connect(const char *host, int port, int timeout_ms, smtp_error *err);

/* Waits until fd is readable (events POLLIN) or writable (POLLOUT) or the
 * deadline (monotonic ms) passes. 1 ready, 0 timed out, -1 error (errno). */
int socket_wait(int fd, short events, long long deadline_ms);

long long monotonic_ms(void);

/* 1 when the connected peer of fd is a loopback address (127/8, ::1). */
int socket_peer_is_loopback(int fd);

/* Writes the local address of fd as an RFC 5321 address literal ("[127.0.0.1]",
 * "[IPv6:::1]") into out. */
void socket_local_literal(int fd, char *out, size_t outlen);

#endif
