/*
 * php-smtp-sendmail: a sendmail-compatible command on php-smtp's C core (no
 * PHP). Reads the options (options.c) and the configuration (config.c), copies
 * the message from standard input (intake.c), sends it (deliver.c) or spools
 * it when the relay is out of reach (spool.c), logs one line (log.c), and exits
 * with a sysexits.h status. -q and -bp work on the spool (queue.c).
 */
#include "config.h"
#include "deliver.h"
#include "headers.h"
#include "intake.h"
#include "log.h"
#include "options.h"
#include "queue.h"
#include "recipients.h"
#include "spool.h"
#include "core/mime/address.h"
#include "core/oauth/http.h"

#include <openssl/crypto.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#define VERSION "0.1.0"

static int fail(int code, const char *what)
{
    fprintf(stderr, "php-smtp-sendmail: %s\n", what);
    return code;
}

static void usage(FILE *to)
{
    fputs("usage: php-smtp-sendmail [-t] [-i] [-f sender] [-F name] [-C file] [-v] [--] [recipient...]\n"
          "       php-smtp-sendmail -q | -bp | --test address | --version   [-C file]\n"
          "The configuration is " SM_DEFAULT_CONFIG " unless -C or PHP_SMTP_SENDMAIL_CONFIG names another.\n", to);
}

static void print_transcript(FILE *to, const smtp_session *s)
{
    for (size_t i = 0; i < s->transcript.count; i++) fprintf(to, "%s\n", s->transcript.items[i]);
}

/* A temporary failure with a spool: the copy becomes a spool entry. */
static int spool_it(const sm_config *cfg, sm_message *m, const sm_job *job, const smtp_strlist *only,
                    const char *error, char *id, size_t idlen)
{
    sm_entry e;
    sm_entry_init(&e);
    spool_new_id(e.id, sizeof(e.id));
    e.from = strdup(job->from);
    for (size_t i = 0; only ? i < only->count : i < job->nrcpt; i++) {
        const char *r = only ? only->items[i] : job->rcpt[i];
        strlist_add(&e.rcpt, r, strlen(r));
    }
    e.size = job->wire_size;
    e.eightbit = job->eightbit;
    e.created = e.next = (long long)time(NULL);
    snprintf(e.error, sizeof(e.error), "%s", error);
    char why[600];
    int rc = e.from ? spool_commit(cfg->spool, &e, m->path, m->fd, why, sizeof(why)) : -1;
    if (rc == 0) {
        m->path[0] = '\0';   /* the copy is the entry now */
        snprintf(id, idlen, "%s", e.id);
    } else {
        fprintf(stderr, "php-smtp-sendmail: %s\n", e.from ? why : "out of memory");
    }
    sm_entry_free(&e);
    return rc;
}

/* After sending: name refused recipients; spool what a server deferred. */
static int conclude(const sm_config *cfg, const sm_options *o, sm_message *m, const sm_job *job, sm_outcome *out)
{
    char id[96] = "";
    smtp_strlist deferred = SMTP_STRLIST_INIT;
    for (size_t i = 0; i < out->res.rejected.count; i++) {
        fprintf(stderr, "php-smtp-sendmail: recipient <%s> refused: %s\n", out->res.rejected.items[i],
                out->res.rejected_reply.items[i]);
        if (out->code == EX_OK && out->res.rejected_reply.items[i][0] == '4') {
            strlist_add(&deferred, out->res.rejected.items[i], strlen(out->res.rejected.items[i]));
        }
    }
    int can_spool = cfg->spool && o->mode == MODE_SEND;
    if (out->code == EX_OK) {
        if (can_spool && deferred.count) spool_it(cfg, m, job, &deferred, "deferred by the server", id, sizeof(id));
        sm_log(cfg, job, out, "sent", id[0] ? id : NULL);
    } else if (can_spool && out->temporary && !out->outcome_unknown &&
               spool_it(cfg, m, job, NULL, out->text, id, sizeof(id)) == 0) {
        sm_log(cfg, job, out, "spooled", id);
        fprintf(stderr, "php-smtp-sendmail: %s; spooled as %s in %s (php-smtp-sendmail -q retries it)\n", out->text,
                id, cfg->spool);
        out->code = EX_OK;
    } else {
        sm_log(cfg, job, out, "failed", NULL);
        fprintf(stderr, "php-smtp-sendmail: %s\n", out->text);
    }
    strlist_clear(&deferred);
    return out->code;
}

static int send_message(const sm_options *o, const sm_config *cfg)
{
    char why[2300] = "";
    const char *sender = o->sender ? o->sender : cfg->from;
    int utf8 = 0, code;
    if (sender && *sender && address_check_email(sender, strlen(sender), &utf8, why, sizeof(why)) != 0) {
        char inner[400];
        snprintf(inner, sizeof(inner), "bad envelope sender '%.200s': %s", sender, why);
        return fail(EX_DATAERR, inner);
    }
    if (o->mode == MODE_TEST &&
        address_check_email(o->test_to, strlen(o->test_to), &utf8, why, sizeof(why)) != 0) {
        char inner[400];
        snprintf(inner, sizeof(inner), "bad --test address '%.200s': %s", o->test_to, why);
        return fail(EX_DATAERR, inner);   /* checked before it goes into the To field */
    }
    char test[1024];
    char host[256] = "localhost";
    gethostname(host, sizeof(host) - 1);
    size_t testlen = o->mode == MODE_TEST
        ? (size_t)snprintf(test, sizeof(test), "To: %s\nSubject: php-smtp-sendmail test message\n\n"
                           "This is a test message from php-smtp-sendmail on %s.\n", o->test_to, host) : 0;
    sm_intake_opts io = { o->read_recipients, sender && *sender ? sender : NULL, o->full_name,
                          cfg->spool ? cfg->spool : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp"), cfg->spool != NULL };
    sm_message m;
    sm_message_init(&m);
    smtp_strlist rcpt = SMTP_STRLIST_INIT;
    sm_options run = *o;
    const char *test_rcpt[1] = { o->test_to };
    if (o->mode == MODE_TEST) { run.recipients = test_rcpt; run.nrecipients = 1; run.read_recipients = 0; }
    if (sm_intake(o->mode == MODE_TEST ? -1 : 0, test, testlen, &io, &m, &code, why, sizeof(why)) != 0 ||
        (code = sm_recipients(&run, &m.header_rcpts, &rcpt, &utf8, why, sizeof(why))) != EX_OK) {
        goto out;
    }
    const char *from = io.sender ? io.sender : m.from_addr;
    if (!from || (!io.sender && address_check_email(from, strlen(from), &utf8, why, sizeof(why)) != 0)) {
        snprintf(why, sizeof(why), "no usable envelope sender: set from in %s or give -f ADDRESS", cfg->path);
        code = EX_CONFIG;
        goto out;
    }
    sm_sender s;
    if (sm_sender_init(&s, cfg, o->verbose || o->mode == MODE_TEST, why, sizeof(why)) != 0) {
        code = EX_CONFIG;
        goto out;
    }
    sm_job job = { from, (const char *const *)rcpt.items, rcpt.count, m.fd, m.wire_size, m.eightbit, utf8 };
    sm_outcome res;
    sm_outcome_init(&res);
    sm_send(&s, &job, &res);
    session_quit(&s.session);
    if (o->verbose || o->mode == MODE_TEST) print_transcript(o->mode == MODE_TEST ? stdout : stderr, &s.session);
    code = conclude(cfg, o, &m, &job, &res);
    if (o->mode == MODE_TEST) printf("%s: %s\n", code == EX_OK ? "sent" : "failed", res.text);
    sm_outcome_free(&res);
    sm_sender_free(&s);
    why[0] = '\0';
out:
    if (why[0]) fprintf(stderr, "php-smtp-sendmail: %s\n", why);
    strlist_clear(&rcpt);
    sm_message_free(&m);
    return code;
}

int main(int argc, char **argv)
{
    char why[1200];
    sm_options o;
    signal(SIGPIPE, SIG_IGN);
    if (sm_options_parse(&o, argc, argv, why, sizeof(why)) != 0) {
        sm_options_free(&o);
        fprintf(stderr, "php-smtp-sendmail: %s (php-smtp-sendmail --help shows the usage)\n", why);
        return EX_USAGE;
    }
    if (o.mode == MODE_VERSION || o.mode == MODE_HELP) {
        if (o.mode == MODE_VERSION) printf("php-smtp-sendmail " VERSION " (%s)\n", OpenSSL_version(OPENSSL_VERSION));
        else usage(stdout);
        sm_options_free(&o);
        return EX_OK;
    }
    const char *path = o.config ? o.config : getenv("PHP_SMTP_SENDMAIL_CONFIG");
    sm_config cfg;
    sm_config_init(&cfg);
    int code;
    if (sm_config_load(&cfg, path && *path ? path : SM_DEFAULT_CONFIG, why, sizeof(why)) != 0 ||
        (cfg.spool && spool_check_dir(cfg.spool, why, sizeof(why)) != 0)) {
        code = fail(EX_CONFIG, why);
    } else if (cfg.token_store && http_global_init() != 0) {
        code = fail(EX_TEMPFAIL, "libcurl could not be initialised");
    } else if (o.mode == MODE_QUEUE) {
        code = sm_queue_run(&cfg, o.verbose);
    } else if (o.mode == MODE_LIST) {
        code = sm_queue_list(&cfg);
    } else {
        code = send_message(&o, &cfg);
    }
    if (cfg.token_store) http_global_cleanup();
    sm_config_free(&cfg);
    sm_options_free(&o);
    return code;
}
