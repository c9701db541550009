/* log: see log.h. */
#include "log.h"
#include "core/util/buf.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

/* Appends text with control bytes and quotes made harmless (a log line stays one line). */
static void put_clean(smtp_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        char c = ch < 32 || ch == 127 ? ' ' : ch == '"' ? '\'' : (char)ch;
        buf_append(b, &c, 1);
    }
}

static void compose(smtp_buf *b, const sm_job *job, const sm_outcome *o, const char *status, const char *spool_id)
{
    buf_puts(b, "from=<");
    put_clean(b, job->from);
    buf_puts(b, "> to=");
    for (size_t i = 0; i < job->nrcpt; i++) {
        buf_puts(b, i ? ",<" : "<");
        put_clean(b, job->rcpt[i]);
        buf_puts(b, ">");
    }
    buf_printf(b, " size=%llu status=%s", (unsigned long long)job->wire_size, status);
    if (spool_id) {
        buf_puts(b, " spool=");
        put_clean(b, spool_id);
    }
    for (size_t i = 0; i < o->res.rejected.count; i++) {
        buf_puts(b, " refused=<");
        put_clean(b, o->res.rejected.items[i]);
        buf_puts(b, ">:\"");
        put_clean(b, o->res.rejected_reply.items[i]);
        buf_puts(b, "\"");
    }
    buf_printf(b, " exit=%d %s=\"", o->code, o->code == 0 ? "reply" : "error");
    put_clean(b, o->text);
    buf_puts(b, "\"");
}

void sm_log(const sm_config *cfg, const sm_job *job, const sm_outcome *o, const char *status, const char *spool_id)
{
    smtp_buf line = SMTP_BUF_INIT;
    compose(&line, job, o, status, spool_id);
    if (!line.data) return;
    if (!cfg->log || strcmp(cfg->log, "syslog") == 0) {
        openlog("php-smtp-sendmail", LOG_PID, LOG_MAIL);
        syslog(o->code == 0 ? LOG_INFO : LOG_ERR, "%s", line.data);
        closelog();
    } else {
        smtp_buf full = SMTP_BUF_INIT;
        char when[40];
        time_t now = time(NULL);
        struct tm tm;
        strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S%z", localtime_r(&now, &tm));
        buf_printf(&full, "%s php-smtp-sendmail[%ld]: %s\n", when, (long)getpid(), line.data);
        int fd = open(cfg->log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        /* one write: lines of concurrent processes never interleave (O_APPEND) */
        if (fd < 0 || !full.data || write(fd, full.data, full.len) != (ssize_t)full.len) {
            fprintf(stderr, "php-smtp-sendmail: cannot write the log %s: %m\n", cfg->log);
        }
        if (fd >= 0) close(fd);
        buf_free(&full);
    }
    buf_free(&line);
}
