/* The transaction's reply accounting (transaction.c) against any byte stream a
 * server could send: the first byte picks PIPELINING, CHUNKING, RSET first, the
 * number of recipients and the message size; the rest is the server's whole
 * side of the conversation, waiting in a socketpair. Whatever it says, after
 * session_send nothing is owed; a connection left open has had exactly one
 * reply read per command written (counted from the transcript); "sent" needs a
 * 250 to the end of the data and an accepted recipient; a second try is offered
 * only when the connection closed before any of the message was accepted. */
#include "fuzz.h"
#include "core/smtp/session.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

static size_t body_size;

static int render(void *ctx, smtp_sink *sink, smtp_error *err)
{
    (void)ctx;
    (void)err;
    static const char line[] = "0123456789 abcdefghijklmnopqrstuvwxyz\n.dot line\r\n";
    if (sink_write(sink, "Subject: f\r\n\r\n", 14) != 0) return -1;
    for (size_t done = 0; done < body_size; done += sizeof(line) - 1) {
        if (sink_write(sink, line, sizeof(line) - 1) != 0) return -1;
    }
    return 0;
}

/* Commands the client wrote, from its transcript: every "C: " line but the
 * data itself ("C: <message data...>"). */
static int commands_written(const smtp_session *s)
{
    int n = 0;
    for (size_t i = 0; i < s->transcript.count; i++) {
        const char *l = s->transcript.items[i];
        n += strncmp(l, "C: ", 3) == 0 && strncmp(l, "C: <message data", 16) != 0;
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) return 0;
    uint8_t flags = data[0];
    if (size - 1 > 0 && write(fds[1], data + 1, size - 1) != (ssize_t)(size - 1)) abort();
    shutdown(fds[1], SHUT_WR);   /* after the script: the server closed */
    fcntl(fds[0], F_SETFL, O_NONBLOCK);

    smtp_session s;
    session_init(&s);
    s.cfg.host = strdup("fuzz");
    s.cfg.port = 25;
    s.conn.fd = fds[0];
    s.conn.host = strdup("fuzz");
    s.conn.port = 25;
    s.conn.timeout_ms = 200;
    s.caps.esmtp = 1;
    s.caps.pipelining = flags & 1;
    s.caps.chunking = (flags >> 1) & 1;
    s.transactions = (flags >> 2) & 1;
    s.caps.eightbitmime = 1;
    const char *rcpt[] = { "a@example.test", "b@example.test", "c@example.test" };
    size_t nrcpt = ((flags >> 3) & 3) % 3 + 1;
    body_size = (flags & 0x20) ? 40000 : 100;   /* both fit the socket buffer: writes never wait */
    smtp_envelope env = { .mail_from = "f@example.test", .rcpt = rcpt, .nrcpt = nrcpt, .size = body_size,
                          .render = render };
    smtp_result res;
    smtp_error err;
    result_init(&res);
    int rc = session_send(&s, &env, &res, &err);

    PROPERTY(session_owed(&s) == 0, "%zu replies still owed", session_owed(&s));
    PROPERTY(rc != 0 || (strncmp(res.response, "250", 3) == 0 && res.accepted.count >= 1),
             "sent without a 250 to the data or an accepted recipient: \"%s\"", res.response);
    PROPERTY(!err.outcome_unknown || err.kind == SMTP_ERR_NETWORK, "unknown outcome of kind %d", err.kind);
    /* a second try on a new connection only for a failure that closed this one before any
     * part of the message was accepted, never after the whole data left unanswered */
    PROPERTY(!s.retry_safe || (rc != 0 && !conn_is_open(&s.conn) && res.accepted.count == 0 && !err.outcome_unknown &&
                                (err.code == 421 || !s.data_complete)),
             "retry_safe after rc %d, open %d, %zu accepted, unknown %d: %s", rc, conn_is_open(&s.conn),
             res.accepted.count, err.outcome_unknown, err.message);
    if (conn_is_open(&s.conn)) {
        PROPERTY(rc == 0 || err.kind == SMTP_ERR_REPLY, "kept the connection after error kind %d: %s", err.kind,
                 err.message);
        PROPERTY(commands_written(&s) == s.replies_seen, "kept the connection with %d commands and %d replies read",
                 commands_written(&s), s.replies_seen);
    }
    result_free(&res);
    session_free(&s);
    close(fds[1]);
    return 0;
}
