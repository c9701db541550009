/*
 * probe: smtp_probe(), the diagnostics view of a connection. It opens a
 * session exactly as smtp_send() would (same transport keys, same TLS checks,
 * same token refresh) and reports how far it got and what it saw, then QUITs.
 * Nothing is sent; server-side problems are reported, not thrown, because a
 * diagnostics page wants every finding, not the first exception.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <time.h>

#include "php_smtp.h"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void add_capabilities(zval *rv, const smtp_caps *c)
{
    zval caps, mechs;
    array_init(&caps);
    add_assoc_bool(&caps, "esmtp", c->esmtp);
    add_assoc_bool(&caps, "starttls", c->starttls);
    add_assoc_bool(&caps, "pipelining", c->pipelining);
    add_assoc_bool(&caps, "chunking", c->chunking);
    add_assoc_bool(&caps, "8bitmime", c->eightbitmime);
    add_assoc_bool(&caps, "smtputf8", c->smtputf8);
    add_assoc_long(&caps, "size", (zend_long)c->size);
    array_init(&mechs);
    /* c->auth is " PLAIN LOGIN " */
    const char *p = c->auth;
    while (*p) {
        while (*p == ' ') p++;
        const char *end = p;
        while (*end && *end != ' ') end++;
        if (end > p) add_next_index_stringl(&mechs, p, (size_t)(end - p));
        p = end;
    }
    add_assoc_zval(&caps, "auth", &mechs);
    add_assoc_zval(rv, "capabilities", &caps);
}

static void add_tls(zval *rv, const smtp_session *s)
{
    if (!s->tls_desc[0]) {
        add_assoc_null(rv, "tls");
        add_assoc_null(rv, "certificate");
        return;
    }
    add_assoc_string(rv, "tls", s->tls_desc);
    if (!s->peer_cert.subject[0]) {
        add_assoc_null(rv, "certificate");
        return;
    }
    zval cert;
    array_init(&cert);
    add_assoc_string(&cert, "subject", s->peer_cert.subject);
    add_assoc_string(&cert, "issuer", s->peer_cert.issuer);
    add_assoc_long(&cert, "not_before", (zend_long)s->peer_cert.not_before);
    add_assoc_long(&cert, "not_after", (zend_long)s->peer_cert.not_after);
    add_assoc_bool(&cert, "verified", s->cfg.verify_peer);   /* the handshake fails otherwise */
    add_assoc_zval(rv, "certificate", &cert);
}

static void add_transcript(zval *rv, const smtp_strlist *t)
{
    zval list;
    array_init(&list);
    for (size_t i = 0; i < t->count; i++) {
        add_next_index_string(&list, t->items[i]);
    }
    add_assoc_zval(rv, "transcript", &list);
}

ZEND_FUNCTION(smtp_probe)
{
    HashTable *transport = NULL;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(transport)
    ZEND_PARSE_PARAMETERS_END();
    smtp_config cfg;
    smtp_oauth_source oauth = { NULL, NULL };
    int want_transcript = 0;   /* the report always has it */
    if (smtp_transport_is_api(transport)) {
        zend_argument_value_error(1, "is an \"api\" transport: smtp_probe() checks SMTP servers only; an HTTPS "
                                  "API is checked by sending a test message");
        RETURN_THROWS();
    }
    zend_result ok = smtp_parse_transport(transport, 1, &cfg, &want_transcript, &oauth);
    if (ok == FAILURE) {
        smtp_oauth_source_release(&oauth);
        RETURN_THROWS();
    }
    smtp_session s;
    session_init(&s);
    smtp_error err;
    error_clear(&err);
    long long started = now_ms();
    int rc = smtp_open_session(&s, &cfg, &oauth, &err);
    long long took = now_ms() - started;

    array_init(return_value);
    add_assoc_bool(return_value, "ok", rc == 0);
    /* no stage: the session never started, because the token store had no token to give */
    add_assoc_string(return_value, "stage", rc == 0 ? "done" : s.stage ? s.stage : oauth.store ? "auth" : "connect");
    if (rc == 0) {
        add_assoc_null(return_value, "error");
    } else {
        add_assoc_string(return_value, "error", err.message);
    }
    add_assoc_bool(return_value, "temporary", rc != 0 && err.temporary);
    add_assoc_long(return_value, "smtp_code", rc == 0 ? 0 : err.code);
    add_assoc_string(return_value, "host", cfg.host ? cfg.host : "");
    add_assoc_long(return_value, "port", cfg.port);
    add_assoc_string(return_value, "security", security_name(cfg.security));
    add_tls(return_value, &s);
    add_capabilities(return_value, &s.caps);
    add_assoc_bool(return_value, "authenticated", s.authenticated);
    add_assoc_long(return_value, "time_ms", (zend_long)took);
    if (rc == 0) {
        session_quit(&s);
    }
    add_transcript(return_value, &s.transcript);
    session_free(&s);
    smtp_oauth_source_release(&oauth);
}
