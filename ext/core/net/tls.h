/*
 * tls: OpenSSL client side. Contexts are cached per verification setting (the
 * system CA bundle is loaded once per process, not once per message), sessions
 * are cached per host:port so the next connection resumes instead of doing a
 * full handshake, and the socket BIO sends with MSG_NOSIGNAL so a peer that
 * hangs up never raises SIGPIPE in the PHP process.
 */
#ifndef SMTP_TLS_H
#define SMTP_TLS_H

#include <openssl/ssl.h>
#include "../util/error.h"

typedef struct tls_options {
    int         verify_peer;   /* chain and host name checked (default on) */
    const char *cafile;        /* NULL: the system bundle */
    const char *capath;
} tls_options;

/* Performs the client handshake over fd (non-blocking) against host:port,
 * verifying as opts says. Returns the SSL, or NULL with err set naming why
 * (handshake failure, certificate rejected and the reason). */
SSL *tls_handshake(int fd, const char *host, int port, const tls_options *opts,
                   long long deadline_ms, smtp_error *err);

/* Closes the TLS layer politely (close_notify, no waiting) and frees it. */
void tls_close(SSL *ssl);

/* Text of the negotiated protocol and cipher, e.g. "TLSv1.3 TLS_AES_256_GCM_SHA384". */
void tls_describe(SSL *ssl, char *out, size_t outlen);

/* The server's certificate, for diagnostics. */
typedef struct tls_cert_info {
    char      subject[256];    /* RFC 2253, e.g. "CN=smtp.gmail.com" */
    char      issuer[256];
    long long not_before;      /* Unix time; 0 when unknown */
    long long not_after;
} tls_cert_info;

/* 0 with *out filled, or -1 when the server presented no certificate. */
int tls_peer_certificate(SSL *ssl, tls_cert_info *out);

/* 1 if the last handshake resumed a cached session. */
int tls_resumed(SSL *ssl);

#endif
