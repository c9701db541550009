/* tls: OpenSSL handshake, context and session caches, SIGPIPE-free BIO (see tls.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "tls.h"
#include "socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- the socket BIO: recv/send with MSG_NOSIGNAL ---------------------------------- */

static int bio_sock_write(BIO *b, const char *data, int len)
{
    int fd = *(int *)BIO_get_data(b);
    BIO_clear_retry_flags(b);
    ssize_t n = send(fd, data, (size_t)len, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        BIO_set_retry_write(b);
    }
    return (int)n;
}

static int bio_sock_read(BIO *b, char *data, int len)
{
    int fd = *(int *)BIO_get_data(b);
    BIO_clear_retry_flags(b);
    ssize_t n = recv(fd, data, (size_t)len, 0);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        BIO_set_retry_read(b);
    }
    return (int)n;
}

static long bio_sock_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b; (void)num; (void)ptr;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static int bio_sock_create(BIO *b)
{
    BIO_set_init(b, 1);
    return 1;
}

static int bio_sock_destroy(BIO *b)
{
    free(BIO_get_data(b));
    BIO_set_data(b, NULL);
    return 1;
}

static BIO_METHOD *socket_method(void)
{
    static BIO_METHOD *method;
    pthread_mutex_lock(&cache_lock);
    if (!method) {
        method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "php-smtp socket");
        BIO_meth_set_write(method, bio_sock_write);
        BIO_meth_set_read(method, bio_sock_read);
        BIO_meth_set_ctrl(method, bio_sock_ctrl);
        BIO_meth_set_create(method, bio_sock_create);
        BIO_meth_set_destroy(method, bio_sock_destroy);
    }
    pthread_mutex_unlock(&cache_lock);
    return method;
}

static BIO *socket_bio(int fd)
{
    BIO *b = BIO_new(socket_method());
    int *p = malloc(sizeof(int));
    if (!b || !p) {
        BIO_free(b);
        free(p);
        return NULL;
    }
    *p = fd;
    BIO_set_data(b, p);
    return b;
}

/* ---- the session cache: one resumable session per host:port and trust setting ----
 * Known limit: against Postfix with TLS 1.3 every other connection resumes.
 * OpenSSL marks a TLS 1.3 ticket not resumable once a client used it (RFC 8446
 * C.4: clients SHOULD NOT reuse tickets, which would let observers link the
 * connections), and Postfix sends no new ticket on a resumed connection
 * (checked with openssl s_client -sess_in/-sess_out). We keep to the RFC. */

#define SESSION_SLOTS 16
static struct { char key[400]; SSL_SESSION *sess; } sessions[SESSION_SLOTS];
static int session_key_index = -1;

static int store_session(SSL *ssl, SSL_SESSION *sess)
{
    const char *key = SSL_get_ex_data(ssl, session_key_index);
    if (!key || !SSL_SESSION_is_resumable(sess)) {
        return 0;
    }
    pthread_mutex_lock(&cache_lock);
    int slot = -1;
    for (int i = 0; i < SESSION_SLOTS; i++) {
        if (strcmp(sessions[i].key, key) == 0) { slot = i; break; }
        if (slot < 0 && !sessions[i].sess) slot = i;
    }
    if (slot < 0) {
        slot = (int)(((unsigned char)key[0] + strlen(key)) % SESSION_SLOTS);
    }
    if (sessions[slot].sess) {
        SSL_SESSION_free(sessions[slot].sess);
    }
    snprintf(sessions[slot].key, sizeof(sessions[slot].key), "%s", key);
    sessions[slot].sess = sess;   /* the callback's reference becomes ours */
    pthread_mutex_unlock(&cache_lock);
    return 1;
}

/* host:port and everything that decided whether the server was trusted: a session
 * is resumed only under the verification it passed (resuming skips the chain
 * check, so a session verified against one CA file must not serve another). */
static char *session_key(const char *host, int port, const tls_options *o)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    int ok = md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
             EVP_DigestUpdate(md, o->cafile ? o->cafile : "", o->cafile ? strlen(o->cafile) + 1 : 0) &&
             EVP_DigestUpdate(md, "|", 1) &&
             EVP_DigestUpdate(md, o->capath ? o->capath : "", o->capath ? strlen(o->capath) + 1 : 0) &&
             EVP_DigestFinal_ex(md, digest, &dlen);
    EVP_MD_CTX_free(md);
    if (!ok || dlen < 8) return NULL;   /* no key: no resumption, never a wrong one */
    size_t len = strlen(host) + 64;
    char *key = malloc(len);
    if (key) {
        snprintf(key, len, "%s:%d:%d:%02x%02x%02x%02x%02x%02x%02x%02x", host, port, o->verify_peer,
                 digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7]);
    }
    return key;
}

static SSL_SESSION *find_session(const char *key)
{
    SSL_SESSION *found = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < SESSION_SLOTS; i++) {
        if (sessions[i].sess && strcmp(sessions[i].key, key) == 0) {
            found = sessions[i].sess;
            SSL_SESSION_up_ref(found);
            break;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return found;
}

/* ---- the context cache: one SSL_CTX per verification setting ---------------------- */

#define CTX_SLOTS 8
static struct { int verify; char *cafile, *capath; SSL_CTX *ctx; } contexts[CTX_SLOTS];

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static SSL_CTX *new_context(const tls_options *o, smtp_error *err)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        error_set(err, SMTP_ERR_MEMORY, 0, "Could not create a TLS context");
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, store_session);
    if (o->verify_peer) {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
        int ok = (o->cafile || o->capath)
                 ? SSL_CTX_load_verify_locations(ctx, o->cafile, o->capath)
                 : SSL_CTX_set_default_verify_paths(ctx);
        if (!ok) {
            char why[256];
            ERR_error_string_n(ERR_get_error(), why, sizeof(why));
            error_set(err, SMTP_ERR_TLS, 0, "Could not load the CA certificates from %s: %s",
                      o->cafile ? o->cafile : o->capath ? o->capath : "the system bundle", why);
            SSL_CTX_free(ctx);
            return NULL;
        }
    } else {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    }
    return ctx;
}

/* Returns a referenced context (caller frees with SSL_CTX_free). */
static SSL_CTX *get_context(const tls_options *o, smtp_error *err)
{
    pthread_mutex_lock(&cache_lock);
    if (session_key_index < 0) {
        session_key_index = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    }
    for (int i = 0; i < CTX_SLOTS; i++) {
        if (contexts[i].ctx && contexts[i].verify == o->verify_peer &&
            same(contexts[i].cafile, o->cafile) && same(contexts[i].capath, o->capath)) {
            SSL_CTX *ctx = contexts[i].ctx;
            SSL_CTX_up_ref(ctx);
            pthread_mutex_unlock(&cache_lock);
            return ctx;
        }
    }
    SSL_CTX *ctx = new_context(o, err);
    if (ctx) {
        for (int i = 0; i < CTX_SLOTS; i++) {
            if (!contexts[i].ctx) {
                contexts[i].verify = o->verify_peer;
                contexts[i].cafile = o->cafile ? strdup(o->cafile) : NULL;
                contexts[i].capath = o->capath ? strdup(o->capath) : NULL;
                contexts[i].ctx = ctx;
                SSL_CTX_up_ref(ctx);
                break;
            }
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return ctx;
}

/* ---- the handshake --------------------------------------------------------------- */

static int is_ip_literal(const char *host)
{
    unsigned char tmp[16];
    return inet_pton(AF_INET, host, tmp) == 1 || inet_pton(AF_INET6, host, tmp) == 1;
}

static int configure_names(SSL *ssl, const char *host, int verify)
{
    if (is_ip_literal(host)) {
        return !verify || X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host);
    }
    /* RFC 6066 3: SNI carries DNS names only. */
    if (!SSL_set_tlsext_host_name(ssl, host)) {
        return 0;
    }
    if (verify) {
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        return SSL_set1_host(ssl, host);
    }
    return 1;
}

/* What to do about a certificate, by what was wrong with it. */
static const char *certificate_advice(long vr)
{
    switch (vr) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return "the server's certificate is outside its validity period: its administrator must renew it "
               "(or this machine's clock is wrong)";
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return "the certificate is for another name: connect with the host name it was issued for";
    case X509_V_ERR_CERT_REVOKED:
        return "the certificate was revoked";
    default:
        return "set 'cafile' to the CA that signed it, or fix the server's certificate";
    }
}

static void handshake_error(SSL *ssl, int rc, const char *host, int port, smtp_error *err)
{
    long vr = SSL_get_verify_result(ssl);
    if (vr != X509_V_OK) {
        error_set(err, SMTP_ERR_TLS, 0, "TLS certificate of %s:%d rejected: %s (%s)",
                  host, port, X509_verify_cert_error_string(vr), certificate_advice(vr));
        return;
    }
    unsigned long e = ERR_peek_last_error();
    char why[256] = "";
    if (e) {
        ERR_error_string_n(e, why, sizeof(why));
    } else if (SSL_get_error(ssl, rc) == SSL_ERROR_SYSCALL) {
        snprintf(why, sizeof(why), "%s", errno ? strerror(errno) : "connection closed by the server");
    } else {
        snprintf(why, sizeof(why), "error %d", SSL_get_error(ssl, rc));
    }
    error_set(err, SMTP_ERR_TLS, 0, "TLS handshake with %s:%d failed: %s", host, port, why);
}

SSL *tls_handshake(int fd, const char *host, int port, const tls_options *opts,
                   long long deadline_ms, smtp_error *err)
{
    SSL_CTX *ctx = get_context(opts, err);
    if (!ctx) {
        return NULL;
    }
    SSL *ssl = SSL_new(ctx);
    SSL_CTX_free(ctx);  /* the SSL holds its own reference */
    BIO *bio = ssl ? socket_bio(fd) : NULL;
    if (!bio) {
        SSL_free(ssl);
        error_set(err, SMTP_ERR_MEMORY, 0, "Out of memory setting up TLS");
        return NULL;
    }
    SSL_set_bio(ssl, bio, bio);
    char *key = session_key(host, port, opts);
    SSL_set_ex_data(ssl, session_key_index, key);
    if (!configure_names(ssl, host, opts->verify_peer)) {
        error_set(err, SMTP_ERR_TLS, 0, "Could not set the TLS server name %s", host);
        goto fail;
    }
    SSL_SESSION *cached = key ? find_session(key) : NULL;
    if (cached) {
        SSL_set_session(ssl, cached);
        SSL_SESSION_free(cached);
    }
    ERR_clear_error();
    for (;;) {
        int rc = SSL_connect(ssl);
        if (rc == 1) {
            return ssl;
        }
        int e = SSL_get_error(ssl, rc);
        short ev = e == SSL_ERROR_WANT_READ ? POLLIN : e == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
        if (!ev) {
            handshake_error(ssl, rc, host, port, err);
            goto fail;
        }
        if (socket_wait(fd, ev, deadline_ms) <= 0) {
            error_set(err, SMTP_ERR_TLS, 1, "TLS handshake with %s:%d timed out", host, port);
            goto fail;
        }
    }
fail:
    tls_close(ssl);
    return NULL;
}

void tls_close(SSL *ssl)
{
    if (!ssl) {
        return;
    }
    char *key = SSL_get_ex_data(ssl, session_key_index);
    SSL_shutdown(ssl);  /* one close_notify, not waiting for the peer's */
    SSL_free(ssl);
    free(key);
    ERR_clear_error();
}

void tls_describe(SSL *ssl, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s %s", SSL_get_version(ssl), SSL_get_cipher_name(ssl));
}

static void name_text(const X509_NAME *name, char *out, size_t outlen)
{
    out[0] = '\0';
    BIO *bio = BIO_new(BIO_s_mem());
    if (!bio) return;
    if (X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253) >= 0) {
        int n = BIO_read(bio, out, (int)outlen - 1);
        out[n > 0 ? n : 0] = '\0';
    }
    BIO_free(bio);
}

static long long time_of(const ASN1_TIME *t)
{
    struct tm tm;
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return 0;
    return (long long)timegm(&tm);
}

int tls_peer_certificate(SSL *ssl, tls_cert_info *out)
{
    memset(out, 0, sizeof(*out));
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    X509 *cert = SSL_get1_peer_certificate(ssl);
#else
    X509 *cert = SSL_get_peer_certificate(ssl);
#endif
    if (!cert) return -1;
    name_text(X509_get_subject_name(cert), out->subject, sizeof(out->subject));
    name_text(X509_get_issuer_name(cert), out->issuer, sizeof(out->issuer));
    out->not_before = time_of(X509_get0_notBefore(cert));
    out->not_after = time_of(X509_get0_notAfter(cert));
    X509_free(cert);
    return 0;
}

int tls_resumed(SSL *ssl)
{
    return SSL_session_reused(ssl);
}
