/* queue: see queue.h. */
#include "queue.h"
#include "deliver.h"
#include "log.h"
#include "spool.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

static int has_utf8(const sm_entry *e)
{
    for (const char *p = e->from; *p; p++) if ((unsigned char)*p > 127) return 1;
    for (size_t i = 0; i < e->rcpt.count; i++) {
        for (const char *p = e->rcpt.items[i]; *p; p++) if ((unsigned char)*p > 127) return 1;
    }
    return 0;
}

/* The recipients a server deferred (4xx), kept for the next run. */
static void keep_deferred(sm_entry *e, const smtp_result *res)
{
    smtp_strlist left = SMTP_STRLIST_INIT;
    for (size_t i = 0; i < res->rejected.count; i++) {
        if (res->rejected_reply.items[i][0] == '4') {
            strlist_add(&left, res->rejected.items[i], strlen(res->rejected.items[i]));
        }
    }
    strlist_clear(&e->rcpt);
    e->rcpt = left;
}

static void retry_later(const char *dir, sm_entry *e, const char *why_failed)
{
    char why[512];
    e->attempts++;
    e->next = (long long)time(NULL) + spool_backoff(e->attempts);
    snprintf(e->error, sizeof(e->error), "%s", why_failed);
    if (spool_update(dir, e, why, sizeof(why)) != 0) fprintf(stderr, "php-smtp-sendmail: %s\n", why);
}

/* What becomes of an entry after one attempt. */
static void settle(const sm_config *cfg, sm_entry *e, sm_job *job, sm_outcome *o)
{
    char why[512];
    const char *dir = cfg->spool;
    if (o->code == EX_OK) {
        int deferred = 0;
        for (size_t i = 0; i < o->res.rejected.count; i++) deferred |= o->res.rejected_reply.items[i][0] == '4';
        sm_log(cfg, job, o, "sent", e->id);
        if (deferred) {
            keep_deferred(e, &o->res);
            retry_later(dir, e, "some recipients were deferred");
        } else if (spool_remove(dir, e, why, sizeof(why)) != 0) {
            fprintf(stderr, "php-smtp-sendmail: %s\n", why);
        }
    } else if (o->message_refused || o->outcome_unknown) {
        char reason[2200];
        snprintf(reason, sizeof(reason), "%s%s", o->outcome_unknown ? "not retried: " : "", o->text);
        sm_log(cfg, job, o, "failed", e->id);
        if (spool_fail(dir, e, reason, why, sizeof(why)) != 0) fprintf(stderr, "php-smtp-sendmail: %s\n", why);
        fprintf(stderr, "php-smtp-sendmail: %s failed for good: %s\n", e->id, o->text);
    } else {
        /* temporary, or a problem of ours (credentials, TLS, configuration): it stays */
        sm_log(cfg, job, o, "deferred", e->id);
        retry_later(dir, e, o->text);
    }
}

static void try_entry(const sm_config *cfg, sm_sender *s, const char *id, long long now, int verbose)
{
    sm_entry e;
    sm_entry_init(&e);
    char why[512];
    int got = spool_lock(cfg->spool, id, &e, why, sizeof(why));
    if (got < 0) fprintf(stderr, "php-smtp-sendmail: %s\n", why);
    if (got <= 0 || e.next > now) {
        sm_entry_free(&e);
        return;
    }
    if (s->unreachable) {
        /* the relay was out of reach for an earlier entry a moment ago: this one waits as well */
        sm_job job = { e.from, (const char *const *)e.rcpt.items, e.rcpt.count, -1, e.size, e.eightbit, 0 };
        sm_outcome o;
        sm_outcome_init(&o);
        o.code = s->unreachable_code;
        snprintf(o.text, sizeof(o.text), "%s", s->unreachable_text);
        settle(cfg, &e, &job, &o);
        sm_outcome_free(&o);
        sm_entry_free(&e);
        return;
    }
    int fd = spool_open_message(cfg->spool, id, why, sizeof(why));
    if (fd < 0) {
        fprintf(stderr, "php-smtp-sendmail: %s\n", why);
        sm_entry_free(&e);
        return;
    }
    sm_job job = { e.from, (const char *const *)e.rcpt.items, e.rcpt.count, fd, e.size, e.eightbit, has_utf8(&e) };
    sm_outcome o;
    sm_outcome_init(&o);
    sm_send(s, &job, &o);
    if (verbose) {
        for (size_t i = 0; i < s->session.transcript.count; i++) fprintf(stderr, "%s\n", s->session.transcript.items[i]);
    }
    strlist_clear(&s->session.transcript);
    settle(cfg, &e, &job, &o);
    sm_outcome_free(&o);
    close(fd);
    sm_entry_free(&e);
}

int sm_queue_run(const sm_config *cfg, int verbose)
{
    char why[600];
    smtp_strlist ids = SMTP_STRLIST_INIT;
    if (!cfg->spool) {
        fprintf(stderr, "php-smtp-sendmail: -q: no spool is configured in %s\n", cfg->path);
        return EX_CONFIG;
    }
    if (spool_check_dir(cfg->spool, why, sizeof(why)) != 0 || spool_list(cfg->spool, &ids, why, sizeof(why)) != 0) {
        fprintf(stderr, "php-smtp-sendmail: %s\n", why);
        return EX_CONFIG;
    }
    spool_sweep(cfg->spool);
    sm_sender s;
    if (ids.count && sm_sender_init(&s, cfg, verbose, why, sizeof(why)) != 0) {
        fprintf(stderr, "php-smtp-sendmail: %s\n", why);
        strlist_clear(&ids);
        return EX_CONFIG;
    }
    long long now = (long long)time(NULL);
    for (size_t i = 0; i < ids.count; i++) try_entry(cfg, &s, ids.items[i], now, verbose);
    if (ids.count) sm_sender_free(&s);
    strlist_clear(&ids);
    return EX_OK;
}

static void print_time(const char *label, long long t)
{
    char when[40];
    time_t tt = (time_t)t;
    struct tm tm;
    strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", localtime_r(&tt, &tm));
    printf("  %s %s\n", label, when);
}

int sm_queue_list(const sm_config *cfg)
{
    char why[600];
    smtp_strlist ids = SMTP_STRLIST_INIT, failed = SMTP_STRLIST_INIT;
    if (!cfg->spool) {
        fprintf(stderr, "php-smtp-sendmail: -bp: no spool is configured in %s\n", cfg->path);
        return EX_CONFIG;
    }
    if (spool_check_dir(cfg->spool, why, sizeof(why)) != 0 || spool_list(cfg->spool, &ids, why, sizeof(why)) != 0 ||
        spool_list_failed(cfg->spool, &failed, why, sizeof(why)) != 0) {
        fprintf(stderr, "php-smtp-sendmail: %s\n", why);
        strlist_clear(&ids);
        return EX_CONFIG;
    }
    if (!ids.count) printf("The spool %s is empty.\n", cfg->spool);
    for (size_t i = 0; i < ids.count; i++) {
        sm_entry e;
        sm_entry_init(&e);
        if (spool_peek(cfg->spool, ids.items[i], &e, why, sizeof(why)) != 0) {
            printf("%s  (cannot be read: %s)\n", ids.items[i], why);
            continue;
        }
        printf("%s  %llu bytes  from <%s>\n", e.id, (unsigned long long)e.size, e.from);
        for (size_t r = 0; r < e.rcpt.count; r++) printf("  to <%s>\n", e.rcpt.items[r]);
        print_time("spooled", e.created);
        if (e.attempts) printf("  retries %d\n", e.attempts);
        print_time("next try", e.next);
        if (e.error[0]) printf("  last error: %s\n", e.error);
        sm_entry_free(&e);
    }
    if (failed.count) printf("%zu message(s) failed for good (see %s/*.failed):\n", failed.count, cfg->spool);
    for (size_t i = 0; i < failed.count; i++) printf("  %s.failed\n", failed.items[i]);
    printf("%zu message(s) in the spool.\n", ids.count);
    strlist_clear(&ids);
    strlist_clear(&failed);
    return EX_OK;
}
