/*
 * client: Smtp\Client (one connection reused for many messages) and the
 * delivery steps smtp_send() shares with it: check the message, measure it,
 * (re)connect when needed, send, and turn the outcome into an array or an
 * Smtp\Exception.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php_smtp.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

typedef struct smtp_client_object {
    smtp_config  cfg;            /* owned copy */
    smtp_oauth_source oauth;     /* a TokenStore to take XOAUTH2 tokens from */
    int          want_transcript;
    smtp_session session;
    int          is_api;         /* an "api" transport: HTTPS instead of SMTP */
    api_config   api;            /* owned copy */
    api_client   api_conn;       /* the libcurl handle kept between messages */
    zend_object  std;
} smtp_client_object;

static zend_object_handlers client_handlers;

static inline smtp_client_object *client_from(zend_object *obj)
{
    return (smtp_client_object *)((char *)obj - XtOffsetOf(smtp_client_object, std));
}

/* ---- delivery ------------------------------------------------------------------- */

typedef struct recipients {
    const char **items;
    size_t       count;
} recipients;

static void add_unique(recipients *r, const char *addr)
{
    for (size_t i = 0; i < r->count; i++) {
        if (strcasecmp(r->items[i], addr) == 0) return;
    }
    r->items[r->count++] = addr;
}

static int render_message(void *ctx, smtp_sink *sink, smtp_error *err)
{
    return message_render((const mime_message *)ctx, sink, err);
}

static void list_to_array(zval *out, const smtp_strlist *l)
{
    array_init_size(out, (uint32_t)l->count);
    for (size_t i = 0; i < l->count; i++) add_next_index_string(out, l->items[i]);
}

void smtp_result_array(zval *rv, const char *message_id, const smtp_strlist *accepted, const smtp_strlist *rejected,
                       const smtp_strlist *rejected_reply, const char *response)
{
    zval acc, rej;
    array_init(rv);
    add_assoc_string(rv, "message_id", (char *)message_id);
    list_to_array(&acc, accepted);
    add_assoc_zval(rv, "accepted", &acc);
    array_init(&rej);
    for (size_t i = 0; i < rejected->count; i++) {
        add_assoc_string(&rej, rejected->items[i], rejected_reply->items[i]);
    }
    add_assoc_zval(rv, "rejected", &rej);
    add_assoc_string(rv, "response", (char *)response);
}

static void build_result(zval *rv, const mime_message *m, const smtp_result *res, const smtp_session *s,
                         int want_transcript)
{
    zval tr;
    smtp_result_array(rv, m->message_id, &res->accepted, &res->rejected, &res->rejected_reply, res->response);
    if (want_transcript) {
        smtp_transcript_to_array(&tr, &s->transcript);
        add_assoc_zval(rv, "transcript", &tr);
    }
}

/* Opens the session with a token from the store, refreshed once and retried
 * once when the server refuses it (session_open_with_store). */
static int open_with_store(smtp_session *s, const smtp_config *cfg, smtp_oauth_source *o, smtp_error *err)
{
    token_store *ts = smtp_token_store_handle(o->store, err);
    return ts ? session_open_with_store(s, cfg, ts, ZSTR_VAL(o->account), err) : -1;
}

/* Connects unless a live connection is there; *reused says which. */
static int ensure_open(smtp_session *s, const smtp_config *cfg, smtp_oauth_source *oauth, int *reused,
                       smtp_error *err)
{
    strlist_clear(&s->transcript);
    if (conn_is_open(&s->conn)) {
        if (session_usable(s)) {
            *reused = 1;
            return 0;
        }
        session_note(s, "*: the server closed the idle connection; reconnecting");
        conn_close(&s->conn);
    }
    *reused = 0;
    return smtp_open_session(s, cfg, oauth, err);
}

int smtp_open_session(smtp_session *s, const smtp_config *cfg, smtp_oauth_source *oauth, smtp_error *err)
{
    return oauth && oauth->store ? (open_with_store(s, cfg, oauth, err) == 0 ? 0 : -1) : session_open(s, cfg, err);
}

zend_result smtp_deliver(smtp_session *s, const smtp_config *cfg, smtp_oauth_source *oauth, int want_transcript,
                         mime_message *m, zval *return_value)
{
    smtp_error err;
    error_clear(&err);
    if (message_prepare(m, &err) != 0) {
        smtp_throw(&err, NULL);
        return FAILURE;
    }
    recipients rcpt = { ecalloc(m->nto + m->ncc + m->nbcc + 1, sizeof(char *)), 0 };
    for (size_t i = 0; i < m->nto; i++) add_unique(&rcpt, m->to[i].email);
    for (size_t i = 0; i < m->ncc; i++) add_unique(&rcpt, m->cc[i].email);
    for (size_t i = 0; i < m->nbcc; i++) add_unique(&rcpt, m->bcc[i].email);

    smtp_envelope env = {
        .mail_from = m->envelope_from ? m->envelope_from : m->from.email,
        .rcpt = rcpt.items,
        .nrcpt = rcpt.count,
        .needs_smtputf8 = message_needs_smtputf8(m),
        .needs_8bitmime = message_needs_8bit(m),
        .render = render_message,
        .render_ctx = m,
    };
    env.size = session_measure(&env, &err);
    zend_result rc = FAILURE;
    smtp_result res;
    result_init(&res);
    int reused = 0;
    if (error_is_set(&err) || ensure_open(s, cfg, oauth, &reused, &err) != 0) {
        smtp_throw_message(&err, &s->transcript, m->message_id);
        goto out;
    }
    if (session_send(s, &env, &res, &err) != 0) {
        /* A kept connection the server had closed or was closing (died unseen while idle,
         * a 421 to RSET or MAIL) before it accepted any part of this message: once more on
         * a new connection. Never when anything was accepted (it could arrive twice). */
        if (reused && s->retry_safe) {
            session_note(s, "*: the kept connection closed before the server accepted any of the message; "
                            "sending it once more on a new connection");
            result_free(&res);
            result_init(&res);
            if (smtp_open_session(s, cfg, oauth, &err) == 0 && session_send(s, &env, &res, &err) == 0) {
                goto sent;
            }
        }
        smtp_throw_message(&err, &s->transcript, m->message_id);
        goto out;
    }
sent:
    build_result(return_value, m, &res, s, want_transcript);
    rc = SUCCESS;
out:
    result_free(&res);
    efree(rcpt.items);
    return rc;
}

/* ---- Smtp\Client ----------------------------------------------------------------- */

static zend_object *client_create(zend_class_entry *ce)
{
    smtp_client_object *c = zend_object_alloc(sizeof(smtp_client_object), ce);
    session_init(&c->session);
    api_client_init(&c->api_conn);
    zend_object_std_init(&c->std, ce);
    object_properties_init(&c->std, ce);
    c->std.handlers = &client_handlers;
    return &c->std;
}

static void client_free(zend_object *obj)
{
    smtp_client_object *c = client_from(obj);
    session_quit(&c->session);   /* QUIT on destruction */
    session_free(&c->session);
    config_free(&c->cfg);
    api_client_free(&c->api_conn);
    api_config_free(&c->api);
    smtp_oauth_source_release(&c->oauth);
    zend_object_std_dtor(obj);
}

/* Smtp\Client over an HTTPS API: the configuration copied, a fresh libcurl handle. */
static void client_construct_api(smtp_client_object *c, HashTable *transport)
{
    api_config parsed;
    if (smtp_parse_api_transport(transport, 1, &parsed, &c->want_transcript, &c->oauth) == FAILURE) {
        smtp_oauth_source_release(&c->oauth);
        return;
    }
    api_client_free(&c->api_conn);
    api_config_free(&c->api);
    if (api_config_copy(&c->api, &parsed) != 0) {
        zend_throw_error(NULL, "Out of memory");
        return;
    }
    c->is_api = 1;
}

ZEND_METHOD(Smtp_Client, __construct)
{
    HashTable *transport = NULL;
    ZEND_PARSE_PARAMETERS_START(0, 1)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(transport)
    ZEND_PARSE_PARAMETERS_END();
    smtp_client_object *c = client_from(Z_OBJ_P(ZEND_THIS));
    if (c->cfg.host || c->is_api) {
        /* A second call would keep the open connection and its login under a new
         * configuration: one client is one server and one identity. */
        zend_throw_error(NULL, "Smtp\\Client is already constructed: make a new Smtp\\Client for another transport");
        RETURN_THROWS();
    }
    smtp_config parsed;
    smtp_oauth_source_release(&c->oauth);
    if (smtp_transport_is_api(transport)) {
        client_construct_api(c, transport);
        return;
    }
    zend_result ok = smtp_parse_transport(transport, 1, &parsed, &c->want_transcript, &c->oauth);
    if (ok == FAILURE) {
        smtp_oauth_source_release(&c->oauth);
        RETURN_THROWS();
    }
    config_free(&c->cfg);
    if (config_copy(&c->cfg, &parsed) != 0) {
        zend_throw_error(NULL, "Out of memory");
        RETURN_THROWS();
    }
}

ZEND_METHOD(Smtp_Client, send)
{
    HashTable *message;
    ZEND_PARSE_PARAMETERS_START(1, 1)
        Z_PARAM_ARRAY_HT(message)
    ZEND_PARSE_PARAMETERS_END();
    smtp_client_object *c = client_from(Z_OBJ_P(ZEND_THIS));
    if (c->is_api) {
        mime_message am;
        message_init(&am);
        if (smtp_parse_message(message, 1, &am) == SUCCESS) {
            smtp_api_deliver(&c->api_conn, &c->api, &c->oauth, c->want_transcript, &am, return_value);
        }
        message_free(&am);
        return;
    }
    if (!c->cfg.host) {
        zend_throw_error(NULL, "Smtp\\Client was not constructed");
        RETURN_THROWS();
    }
    mime_message m;
    message_init(&m);
    if (smtp_parse_message(message, 1, &m) == SUCCESS) {
        smtp_deliver(&c->session, &c->cfg, &c->oauth, c->want_transcript, &m, return_value);
    }
    message_free(&m);
}

ZEND_METHOD(Smtp_Client, close)
{
    ZEND_PARSE_PARAMETERS_NONE();
    smtp_client_object *c = client_from(Z_OBJ_P(ZEND_THIS));
    session_quit(&c->session);
    api_client_free(&c->api_conn);   /* closes the kept HTTPS connections */
    api_client_init(&c->api_conn);
}

void smtp_client_register(void)
{
    smtp_ce_client->create_object = client_create;
    memcpy(&client_handlers, zend_get_std_object_handlers(), sizeof(client_handlers));
    client_handlers.offset = XtOffsetOf(smtp_client_object, std);
    client_handlers.free_obj = client_free;
    client_handlers.clone_obj = NULL;
}

/* ---- smtp_send() ---------------------------------------------------------------- */

/* smtp_send() with an "api" transport: one request on a handle of its own. */
static void send_over_api(HashTable *message, HashTable *transport, zval *return_value)
{
    api_config cfg;
    smtp_oauth_source oauth = { NULL, NULL };
    int want_transcript = 0;
    if (smtp_parse_api_transport(transport, 2, &cfg, &want_transcript, &oauth) == SUCCESS) {
        mime_message m;
        message_init(&m);
        if (smtp_parse_message(message, 1, &m) == SUCCESS) {
            api_client c;
            api_client_init(&c);
            smtp_api_deliver(&c, &cfg, &oauth, want_transcript, &m, return_value);
            api_client_free(&c);
        }
        message_free(&m);
    }
    smtp_oauth_source_release(&oauth);
}

ZEND_FUNCTION(smtp_send)
{
    HashTable *message, *transport = NULL;
    ZEND_PARSE_PARAMETERS_START(1, 2)
        Z_PARAM_ARRAY_HT(message)
        Z_PARAM_OPTIONAL
        Z_PARAM_ARRAY_HT(transport)
    ZEND_PARSE_PARAMETERS_END();
    smtp_config cfg;
    smtp_oauth_source oauth = { NULL, NULL };
    int want_transcript = 0;
    if (smtp_transport_is_api(transport)) {
        send_over_api(message, transport, return_value);
        return;
    }
    zend_result ok = smtp_parse_transport(transport, 2, &cfg, &want_transcript, &oauth);
    if (ok == FAILURE) {
        smtp_oauth_source_release(&oauth);
        RETURN_THROWS();
    }
    mime_message m;
    message_init(&m);
    if (smtp_parse_message(message, 1, &m) == SUCCESS) {
        smtp_session s;
        session_init(&s);
        smtp_deliver(&s, &cfg, &oauth, want_transcript, &m, return_value);
        session_quit(&s);
        session_free(&s);
    }
    message_free(&m);
    smtp_oauth_source_release(&oauth);
}
