/* transfer: see transfer.h. */
#include "transfer.h"
#include "../oauth/http.h"

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#define FEED_HIGH (256 * 1024)       /* queued bytes before the producer waits for libcurl */
#define MAX_REPLY (1u << 20)

typedef struct feed {
    smtp_sink  sink;
    CURLM     *multi;
    CURL      *easy;
    smtp_buf   queue;
    size_t     off;                 /* queue bytes before off were handed to libcurl */
    uint64_t   produced, total, handed;
    int        eof, paused, finished;
    CURLcode   result;
    smtp_error *err;
    /* "timeout" is seconds without progress (bytes either way), not a limit on the whole upload */
    long long  idle_limit_ms, last_progress_ms;
    curl_off_t last_up, last_down;
    int        stalled;
} feed;

static size_t queued(const feed *f)
{
    return f->queue.len - f->off;
}

static size_t read_cb(char *out, size_t size, size_t nitems, void *userdata)
{
    feed *f = userdata;
    size_t want = size * nitems, have = queued(f);
    if (have == 0) {
        if (f->eof) return 0;
        f->paused = 1;
        return CURL_READFUNC_PAUSE;
    }
    size_t n = have < want ? have : want;
    memcpy(out, f->queue.data + f->off, n);
    f->off += n;
    f->handed += n;
    if (f->off == f->queue.len) {
        buf_reset(&f->queue);
        f->off = 0;
    } else if (f->off > FEED_HIGH / 2) {
        buf_consume(&f->queue, f->off);
        f->off = 0;
    }
    return n;
}

/* Never rewinds: a body libcurl would send twice on a new connection after a reused
 * one died could duplicate the message; the caller decides instead. */
static int seek_cb(void *userdata, curl_off_t offset, int origin)
{
    feed *f = userdata;
    return origin == SEEK_SET && offset == 0 && f->handed == 0 ? CURL_SEEKFUNC_OK : CURL_SEEKFUNC_CANTSEEK;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int progress_cb(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    feed *f = userdata;
    long long now = now_ms();
    (void)dltotal; (void)ultotal;
    if (dlnow != f->last_down || ulnow != f->last_up || f->paused) {
        f->last_down = dlnow;
        f->last_up = ulnow;
        f->last_progress_ms = now;
        return 0;
    }
    if (now - f->last_progress_ms > f->idle_limit_ms) {
        f->stalled = 1;
        return 1;   /* CURLE_ABORTED_BY_CALLBACK */
    }
    return 0;
}

static void collect_done(feed *f)
{
    int left;
    CURLMsg *msg;
    while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
        if (msg->msg == CURLMSG_DONE && msg->easy_handle == f->easy) {
            f->finished = 1;
            f->result = msg->data.result;
        }
    }
}

/* Lets libcurl work until the queue holds at most low bytes (the producer's turn
 * again) or, once the body is complete, until the transfer ends. */
static void drive(feed *f, size_t low)
{
    for (;;) {
        if (f->finished || (!f->eof && queued(f) <= low)) return;
        if (f->paused) {
            f->paused = 0;
            curl_easy_pause(f->easy, CURLPAUSE_CONT);
        }
        int running = 0;
        curl_multi_perform(f->multi, &running);
        collect_done(f);
        if (f->finished) return;
        if (f->paused) continue;   /* the queue ran dry: the check above hands over to the producer */
        curl_multi_poll(f->multi, NULL, 0, 1000, NULL);
    }
}

static int feed_write(smtp_sink *sink, const char *data, size_t len)
{
    feed *f = (feed *)sink;
    if (f->finished) {
        error_set(f->err, SMTP_ERR_NETWORK, 1, "the request ended before the body was sent");
        return -1;
    }
    if (f->produced + len > f->total) {
        error_set(f->err, SMTP_ERR_IO, 0, "the message changed while it was being sent (an attachment grew)");
        return -1;
    }
    if (buf_append(&f->queue, data, len) != 0) {
        error_set(f->err, SMTP_ERR_MEMORY, 0, "Out of memory sending the message");
        return -1;
    }
    f->produced += len;
    sink->count += len;
    if (queued(f) >= FEED_HIGH) drive(f, FEED_HIGH / 4);
    if (f->finished) {
        error_set(f->err, SMTP_ERR_NETWORK, 1, "the request ended before the body was sent");
        return -1;
    }
    return 0;
}

static size_t body_cb(char *data, size_t size, size_t n, void *userdata)
{
    api_http_reply *r = userdata;
    size_t len = size * n;
    if (r->body.len + len > MAX_REPLY) return 0;
    return buf_append(&r->body, data, len) == 0 ? len : 0;
}

static void header_value(const char *line, size_t len, size_t namelen, char *out, size_t max)
{
    const char *v = line + namelen;
    size_t n = len - namelen;
    while (n && (*v == ' ' || *v == '\t')) { v++; n--; }
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ')) n--;
    api_printable(v, n, out, max);
}

static size_t header_cb(char *line, size_t size, size_t n, void *userdata)
{
    api_http_reply *r = userdata;
    size_t len = size * n;
    char v[64];
    if (len > 5 && strncmp(line, "HTTP/", 5) == 0) {
        memset(&r->headers, 0, sizeof(r->headers));     /* a new response (after 100 Continue) */
        size_t sp = strcspn(line, " \r\n");
        snprintf(r->http_version, sizeof(r->http_version), "%.*s", (int)(sp < 11 ? sp : 11), line);
    } else if (len > 11 && strncasecmp(line, "request-id:", 11) == 0) {
        header_value(line, len, 11, r->headers.request_id, sizeof(r->headers.request_id));
    } else if (len > 13 && strncasecmp(line, "x-message-id:", 13) == 0) {
        header_value(line, len, 13, r->headers.message_id, sizeof(r->headers.message_id));
    } else if (len > 17 && strncasecmp(line, "x-amzn-errortype:", 17) == 0) {
        header_value(line, len, 17, r->headers.error_type, sizeof(r->headers.error_type));
    } else if (len > 12 && strncasecmp(line, "retry-after:", 12) == 0) {
        header_value(line, len, 12, v, sizeof(v));
        long secs = strtol(v, NULL, 10);
        if (v[0] >= '0' && v[0] <= '9') {
            r->headers.retry_after = secs > 86400 ? 86400 : (int)secs;
        } else {
            time_t when = curl_getdate(v, NULL);            /* RFC 9110 10.2.3: an HTTP-date */
            time_t now = time(NULL);
            if (when > now) r->headers.retry_after = when - now > 86400 ? 86400 : (int)(when - now);
        }
    }
    return len;
}

static int ensure_handles(api_client *c, smtp_error *err)
{
    if (!c->multi) c->multi = curl_multi_init();
    if (!c->easy) c->easy = curl_easy_init();
    if (!c->multi || !c->easy) {
        error_set(err, SMTP_ERR_MEMORY, 1, "libcurl could not start a request");
        return -1;
    }
    return 0;
}

static struct curl_slist *header_list(const char *const *headers)
{
    struct curl_slist *list = NULL;
    for (size_t i = 0; headers && headers[i]; i++) {
        struct curl_slist *next = curl_slist_append(list, headers[i]);
        if (!next) { api_header_list_free(NULL, list); return NULL; }
        list = next;
    }
    return list;
}

/* curl_slist_append copied each header (the credentials among them) and
 * curl_slist_free_all frees without wiping: the copies are wiped first, and the
 * kept handle forgets the list. libcurl's own copy (the request it writes) cannot
 * be reached through its API. */
void api_header_list_free(void *easy, struct curl_slist *list)
{
    if (easy) curl_easy_setopt((CURL *)easy, CURLOPT_HTTPHEADER, NULL);
    for (struct curl_slist *l = list; l; l = l->next) {
        if (l->data) OPENSSL_cleanse(l->data, strlen(l->data));
    }
    curl_slist_free_all(list);
}

static void set_options(CURL *e, const api_transfer *t, struct curl_slist *hdrs, feed *f, api_http_reply *r,
                        char *errbuf)
{
    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, t->url);
    http_setup_common(e, t->ca_file);
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)t->body_len);
    curl_easy_setopt(e, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(e, CURLOPT_READDATA, f);
    curl_easy_setopt(e, CURLOPT_SEEKFUNCTION, seek_cb);
    curl_easy_setopt(e, CURLOPT_SEEKDATA, f);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, body_cb);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)(t->timeout_ms > 0 ? t->timeout_ms : 30000));
    f->idle_limit_ms = t->timeout_ms > 0 ? t->timeout_ms : 30000;
    f->last_progress_ms = now_ms();
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, progress_cb);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, f);
    curl_easy_setopt(e, CURLOPT_UPLOAD_BUFFERSIZE, 256L * 1024);
}

static void network_error(const feed *f, CURLcode rc, const char *errbuf, const api_http_reply *r, smtp_error *err)
{
    char stalled[96];
    snprintf(stalled, sizeof(stalled), "no progress for %.1f s (the timeout)", f->idle_limit_ms / 1000.0);
    const char *why = f->stalled ? stalled : errbuf[0] ? errbuf : curl_easy_strerror(rc);
    int tls = rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CACERT_BADFILE;
    /* A kept-alive connection that died with no reply: libcurl retries on a new one and
     * asks to rewind, which seek_cb refuses, and its upload count starts again at 0. If
     * every byte had gone to libcurl, the server may have read the whole request. */
    int rewound_whole = rc == CURLE_SEND_FAIL_REWIND && f->handed == f->total;
    if (r->whole_body_sent || rewound_whole) {
        error_set(err, SMTP_ERR_NETWORK, 1, "Outcome unknown: the whole message was sent but no reply came (%s), "
                  "so it may or may not have been accepted; do not resend blindly", why);
        err->outcome_unknown = 1;
        return;
    }
    error_set(err, tls ? SMTP_ERR_TLS : SMTP_ERR_NETWORK, 1, "%s%s", why,
              rc == CURLE_SEND_FAIL_REWIND ? " (the connection was lost while sending)" : "");
}

int api_transfer_run(api_client *c, const api_transfer *t, api_http_reply *r, smtp_error *err)
{
    char errbuf[CURL_ERROR_SIZE] = "";
    memset(r, 0, sizeof(*r));
    if (ensure_handles(c, err) != 0) return -1;
    struct curl_slist *hdrs = header_list(t->headers);
    if (!hdrs && t->headers && t->headers[0]) {
        error_set(err, SMTP_ERR_MEMORY, 1, "Out of memory building the request's headers; nothing was sent");
        return -1;
    }
    feed f = { .sink = { .write = feed_write }, .multi = c->multi, .easy = c->easy, .total = t->body_len };
    set_options(c->easy, t, hdrs, &f, r, errbuf);
    curl_multi_add_handle(c->multi, c->easy);
    smtp_error produced;
    error_clear(&produced);
    f.err = &produced;
    int prc = t->produce(t->ctx, &f.sink, &produced);
    if (prc == 0 && f.produced != f.total) {
        error_set(&produced, SMTP_ERR_IO, 0, "the message changed while it was being sent (%llu bytes instead of %llu)",
                  (unsigned long long)f.produced, (unsigned long long)f.total);
        prc = -1;
    }
    if (prc != 0 && !f.finished) {
        /* our side failed (a file, memory): abandon the request, the body is incomplete */
        curl_multi_remove_handle(c->multi, c->easy);
        api_header_list_free(c->easy, hdrs);
        buf_free(&f.queue);
        *err = produced;
        return -1;
    }
    f.eof = 1;
    drive(&f, 0);
    curl_off_t up = 0;
    curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &r->status);
    curl_easy_getinfo(c->easy, CURLINFO_SIZE_UPLOAD_T, &up);
    r->whole_body_sent = f.produced == f.total && queued(&f) == 0 && (uint64_t)up == f.total;
    curl_multi_remove_handle(c->multi, c->easy);
    api_header_list_free(c->easy, hdrs);
    buf_free(&f.queue);
    if (r->status >= 200 && r->status < 300 && !r->whole_body_sent) {
        /* A success status for a message that had not all left: whatever the API
         * kept, it is not the message (RFC 9110 15.3 answers the whole request). */
        error_set(err, SMTP_ERR_PROTOCOL, 1, "Outcome unknown: the API answered HTTP %ld before the whole message "
                  "was sent (%llu of %llu bytes), so it may have kept part of it; do not resend blindly", r->status,
                  (unsigned long long)up, (unsigned long long)f.total);
        err->outcome_unknown = 1;
        err->http_status = (int)r->status;
        return -1;
    }
    if (r->status < 200) r->status = 0;
    if (f.result != CURLE_OK && f.result != CURLE_WRITE_ERROR && r->status == 0) {
        network_error(&f, f.result, errbuf, r, err);
        return -1;
    }
    if (r->status == 0) {
        error_set(err, SMTP_ERR_PROTOCOL, 1, "no HTTP reply (%s)", errbuf[0] ? errbuf : "reply too large");
        return -1;
    }
    if (!r->body.data && buf_puts(&r->body, "") != 0) {
        error_set(err, SMTP_ERR_MEMORY, 1, "Out of memory reading the reply");
        return -1;
    }
    return 0;
}

void api_http_reply_free(api_http_reply *r)
{
    buf_free(&r->body);
}
