/*
 * socket: TCP connection set-up. Resolves with getaddrinfo and tries every
 * address in turn (IPv6 and IPv4) with a non-blocking connect bounded by a
 * timeout, so that "name did not resolve", "connection refused" and "timed out"
 * (the port-blocked-by-your-host case) are told apart in the error message.
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
