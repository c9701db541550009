/*
 * Unit tests of the HTTPS API core: the SigV4 signer against AWS's published
 * vectors (the Signature Version 4 test suite's get-vanilla, get-vanilla-query-
 * order-key-case and post-x-www-form-urlencoded, and the IAM ListUsers example of
 * "Create a signed AWS API request"), the streaming encoders, the exactness of
 * the MIME writer's count (it becomes Content-Length) and the reply classifier.
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "unit.h"
#include "core/api/body.h"
#include "core/api/reply.h"
#include "core/api/sigv4.h"
#include "core/api/stream.h"
#include "core/api/transfer.h"
#include "core/mime/message.h"
#include "core/util/base64.h"

static const char EMPTY_SHA[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

static void test_sigv4(void)
{
    static const struct {
        const char *name, *method, *host, *query, *ctype, *body, *region, *service, *authz;
    } v[] = {
        { "get-vanilla", "GET", "example.amazonaws.com", "", NULL, "", "us-east-1", "service",
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "get-vanilla-query-order-key-case", "GET", "example.amazonaws.com", "Param1=value1&Param2=value2", NULL, "",
          "us-east-1", "service",
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "post-x-www-form-urlencoded", "POST", "example.amazonaws.com", "", "application/x-www-form-urlencoded",
          "Param1=value1", "us-east-1", "service",
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
          "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
        { "IAM ListUsers", "GET", "iam.amazonaws.com", "Action=ListUsers&Version=2010-05-08",
          "application/x-www-form-urlencoded; charset=utf-8", "", "us-east-1", "iam",
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
          "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7" },
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        char sha[65];
        sigv4_sha256_hex(v[i].body, strlen(v[i].body), sha);
        sigv4_request r = { .method = v[i].method, .host = v[i].host, .path = "/", .query = v[i].query,
                            .content_type = v[i].ctype, .amz_date = "20150830T123600Z", .payload_sha256 = sha,
                            .region = v[i].region, .service = v[i].service, .access_key_id = "AKIDEXAMPLE",
                            .secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
        smtp_buf out = SMTP_BUF_INIT, creq = SMTP_BUF_INIT, sts = SMTP_BUF_INIT;
        CHECK(sigv4_authorization(&r, &out, &creq, &sts) == 0 && strcmp(out.data, v[i].authz) == 0,
              "sigv4 %s: %s", v[i].name, out.data);
        if (i == 0) {
            CHECK(strcmp(creq.data, "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                                    "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0,
                  "get-vanilla canonical request: %s", creq.data);
        }
        if (i == 2) {
            CHECK(strcmp(sha, "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e") == 0, "form hash %s", sha);
        }
        if (i == 3) {
            CHECK(strcmp(sts.data, "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
                                   "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59") == 0,
                  "IAM string to sign: %s", sts.data);
        }
        buf_free(&out); buf_free(&creq); buf_free(&sts);
    }
    /* a session token is signed too */
    sigv4_request r = { .method = "POST", .host = "email.eu-west-1.amazonaws.com", .path = "/v2/email/outbound-emails",
                        .query = "", .content_type = "application/json", .amz_date = "20260101T000000Z",
                        .session_token = "tok", .payload_sha256 = EMPTY_SHA, .region = "eu-west-1", .service = "ses",
                        .access_key_id = "AKID", .secret_access_key = "secret" };
    smtp_buf out = SMTP_BUF_INIT, creq = SMTP_BUF_INIT;
    sigv4_authorization(&r, &out, &creq, NULL);
    CHECK(strstr(out.data, "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,") != NULL &&
          strstr(creq.data, "\nx-amz-security-token:tok\n") != NULL && !strstr(out.data, "secret"),
          "session token signed: %s", out.data);
    char date[17];
    sigv4_amz_date(1440938160, date);
    CHECK(strcmp(date, "20150830T123600Z") == 0, "amz date %s", date);
    buf_free(&out); buf_free(&creq);
}

typedef struct mem_sink { smtp_sink sink; smtp_buf buf; } mem_sink;

static int mem_write(smtp_sink *s, const char *data, size_t len)
{
    s->count += len;
    return buf_append(&((mem_sink *)s)->buf, data, len);
}

static void test_streams(void)
{
    unsigned char data[1000];
    for (size_t i = 0; i < sizeof(data); i++) data[i] = (unsigned char)(i * 7 + 3);
    smtp_buf want = SMTP_BUF_INIT;
    base64_append(&want, data, sizeof(data));
    for (size_t step = 1; step <= 13; step += 3) {
        mem_sink m = { { mem_write, 0, 0 }, SMTP_BUF_INIT };
        b64flat_sink b;
        b64flat_init(&b, &m.sink);
        for (size_t off = 0; off < sizeof(data); off += step) {
            sink_write(&b.sink, (const char *)data + off, off + step > sizeof(data) ? sizeof(data) - off : step);
        }
        b64flat_finish(&b);
        CHECK(m.buf.len == want.len && memcmp(m.buf.data, want.data, want.len) == 0 &&
              b64flat_size(sizeof(data)) == want.len, "flat base64 in steps of %zu", step);
        buf_free(&m.buf);
    }
    buf_free(&want);
    /* every byte value through the JSON escaper parses back (bytes < 0x80) */
    char all[128];
    for (int i = 0; i < 128; i++) all[i] = (char)i;
    mem_sink m = { { mem_write, 0, 0 }, SMTP_BUF_INIT };
    json_write_string(&m.sink, all, sizeof(all));
    json_object *o = json_tokener_parse(m.buf.data);
    CHECK(o && json_object_get_string_len(o) == 128 && memcmp(json_object_get_string(o), all, 128) == 0,
          "JSON escape round trip: %s", m.buf.data);
    json_object_put(o);
    buf_free(&m.buf);
    count_sink c;
    count_sink_init(&c, 1);
    char hex[65];
    sink_write(&c.sink, "Param1=", 7);
    sink_write(&c.sink, "value1", 6);
    count_sink_finish(&c, hex);
    CHECK(c.sink.count == 13 && strcmp(hex, "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e") == 0,
          "count and hash in pieces: %s", hex);
}

/* The count the MIME writer gives without reading attachments is exactly what it writes. */
/* A message from `from` to b@example.test, nothing else set. */
static void from_to(mime_message *m, const char *from)
{
    char why[128];
    message_init(m);
    address_parse(from, strlen(from), &m->from, why, sizeof(why));
    m->to = calloc(1, sizeof(mime_address));
    m->nto = 1;
    address_parse("b@example.test", 14, &m->to[0], why, sizeof(why));
}

static void test_exact_count(void)
{
    char path[] = "/tmp/php-smtp-unit-XXXXXX";
    int fd = mkstemp(path);
    char block[4096];
    for (size_t i = 0; i < sizeof(block); i++) block[i] = (char)(i * 13);
    for (int i = 0; i < 25; i++) CHECK(write(fd, block, sizeof(block)) == (ssize_t)sizeof(block), "write");
    CHECK(write(fd, block, 77) == 77, "write");
    close(fd);
    mime_message msg;
    char why[128];
    smtp_error err;
    error_clear(&err);
    from_to(&msg, "Alice <a@example.test>");
    msg.bcc = calloc(1, sizeof(mime_address));
    msg.nbcc = 1;
    address_parse("hidden@example.test", 19, &msg.bcc[0], why, sizeof(why));
    msg.subject = strdup("Grüße");
    msg.text = strdup("hello\n");
    msg.text_len = 6;
    msg.html = strdup("<p>héllo</p>");
    msg.html_len = strlen(msg.html);
    msg.attachments = calloc(2, sizeof(mime_attachment));
    msg.nattachments = 2;
    msg.attachments[0].path = strdup(path);
    msg.attachments[0].type = strdup("application/octet-stream");
    message_check_path(path, &msg.attachments[0].file_size, why, sizeof(why));
    msg.attachments[1].data = strdup("tiny");
    msg.attachments[1].data_len = 4;
    msg.attachments[1].type = strdup("text/plain");
    msg.attachments[1].name = strdup("t.txt");
    message_prepare(&msg, &err);
    for (int bcc = 0; bcc <= 1; bcc++) {
        mem_sink counted = { { mem_write, 1, 0 }, SMTP_BUF_INIT }, real = { { mem_write, 0, 0 }, SMTP_BUF_INIT };
        message_render_bcc(&msg, bcc, &counted.sink, &err);
        message_render_bcc(&msg, bcc, &real.sink, &err);
        CHECK(counted.sink.count == real.buf.len, "count_only %llu vs rendered %zu (bcc %d)",
              (unsigned long long)counted.sink.count, real.buf.len, bcc);
        CHECK((strstr(real.buf.data, "\r\nBcc: hidden@example.test\r\n") != NULL) == bcc, "Bcc header only when asked");
        buf_free(&counted.buf);
        buf_free(&real.buf);
    }
    message_free(&msg);
    unlink(path);
}

static void test_replies(void)
{
    static const struct {
        api_kind k; long status; const char *type; const char *body;
        int ok, temporary, auth; const char *id, *text;
    } c[] = {
        { API_GMAIL, 200, "", "{\"id\":\"18c1\",\"threadId\":\"18c1\",\"labelIds\":[\"SENT\"]}", 1, 0, 0, "18c1", "" },
        { API_GMAIL, 401, "", "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}",
          0, 0, 1, "", "UNAUTHENTICATED: Request had invalid authentication credentials." },
        { API_GMAIL, 429, "", "{\"error\":{\"code\":429,\"message\":\"User-rate limit exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}",
          0, 1, 0, "", "RESOURCE_EXHAUSTED: User-rate limit exceeded" },
        { API_GRAPH, 400, "", "{\"error\":{\"code\":\"ErrorInvalidRecipients\",\"message\":\"At least one recipient is not valid.\"}}",
          0, 0, 0, "", "ErrorInvalidRecipients: At least one recipient is not valid." },
        { API_MAILGUN, 200, "", "{\"id\":\"<20260101.1@mg.example.test>\",\"message\":\"Queued. Thank you.\"}", 1, 0, 0,
          "<20260101.1@mg.example.test>", "" },
        { API_MAILGUN, 401, "", "Forbidden", 0, 0, 1, "", "Forbidden" },
        { API_MAILGUN, 503, "", "<html><body>busy</body></html>", 0, 1, 0, "", "an HTML page instead of the API's JSON" },
        { API_SES, 200, "", "{\"MessageId\":\"0100018c-abc\"}", 1, 0, 0, "0100018c-abc", "" },
        { API_SES, 400, "MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/",
          "{\"message\":\"Email address is not verified.\"}", 0, 0, 0, "", "MessageRejected: Email address is not verified." },
        { API_SES, 403, "", "{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\",\"message\":\"The request signature we calculated does not match\"}",
          0, 0, 1, "", "InvalidSignatureException: The request signature we calculated does not match" },
        { API_SES, 400, "ThrottlingException", "{\"message\":\"Maximum sending rate exceeded.\"}", 0, 1, 0, "",
          "ThrottlingException: Maximum sending rate exceeded." },
        { API_SENDGRID, 400, "", "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"from.email\",\"help\":null}]}",
          0, 0, 0, "", "Does not contain a valid address. (from.email)" },
        { API_POSTMARK, 200, "", "{\"To\":\"b@x\",\"SubmittedAt\":\"2026-01-01T00:00:00Z\",\"MessageID\":\"b7bc2f4a\",\"ErrorCode\":0,\"Message\":\"OK\"}",
          1, 0, 0, "b7bc2f4a", "" },
        { API_POSTMARK, 422, "", "{\"ErrorCode\":300,\"Message\":\"Invalid email request\"}", 0, 0, 0, "",
          "ErrorCode 300: Invalid email request" },
        { API_MANDRILL, 500, "", "{\"status\":\"error\",\"code\":-1,\"name\":\"Invalid_Key\",\"message\":\"Invalid API key\"}",
          0, 0, 1, "", "Invalid_Key: Invalid API key" },
        { API_MANDRILL, 500, "", "{\"status\":\"error\",\"code\":-2,\"name\":\"GeneralError\",\"message\":\"try later\"}",
          0, 1, 0, "", "GeneralError: try later" },
        { API_MANDRILL, 500, "", "{\"status\":\"error\",\"code\":-2,\"name\":\"ValidationError\",\"message\":\"bad\"}",
          0, 0, 0, "", "ValidationError: bad" },
        { API_MANDRILL, 200, "", "[{\"email\":\"a@x\",\"status\":\"sent\",\"_id\":\"abc123\"},{\"email\":\"b@x\",\"status\":\"rejected\",\"reject_reason\":\"hard-bounce\"}]",
          1, 0, 0, "abc123", "" },
        { API_MANDRILL, 200, "", "[{\"email\":\"b@x\",\"status\":\"invalid\"}]", 0, 0, 0, "", "b@x (invalid)" },
    };
    for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
        api_reply_headers h;
        memset(&h, 0, sizeof(h));
        snprintf(h.error_type, sizeof(h.error_type), "%s", c[i].type);
        api_reply r;
        api_reply_parse(c[i].k, c[i].status, &h, c[i].body, strlen(c[i].body), &r);
        CHECK(r.ok == c[i].ok && r.temporary == c[i].temporary && r.auth == c[i].auth &&
              strcmp(r.provider_id, c[i].id) == 0 && (c[i].ok || strcmp(r.text, c[i].text) == 0),
              "reply %zu (%s %ld): ok=%d temp=%d auth=%d id=%s text=%s", i, api_name(c[i].k), c[i].status, r.ok,
              r.temporary, r.auth, r.provider_id, r.text);
        if (i == 17) {
            CHECK(r.accepted.count == 1 && r.rejected.count == 1 && strcmp(r.rejected_reply.items[0], "rejected hard-bounce") == 0,
                  "mandrill per recipient");
        }
        api_reply_free(&r);
    }
    /* Graph answers 202 with no body: its id is the request-id header; SendGrid's is X-Message-Id */
    api_reply_headers h;
    memset(&h, 0, sizeof(h));
    snprintf(h.request_id, sizeof(h.request_id), "%s", "5f1c-req");
    snprintf(h.message_id, sizeof(h.message_id), "%s", "sg-id-1");
    api_reply r;
    api_reply_parse(API_GRAPH, 202, &h, "", 0, &r);
    CHECK(r.ok && strcmp(r.provider_id, "5f1c-req") == 0, "graph id %s", r.provider_id);
    api_reply_parse(API_SENDGRID, 202, &h, "", 0, &r);
    CHECK(r.ok && strcmp(r.provider_id, "sg-id-1") == 0, "sendgrid id %s", r.provider_id);
    api_reply_parse(API_MANDRILL, 200, &h, "<html>", 6, &r);
    CHECK(!r.ok && r.unknown, "mandrill 200 without a list is an unknown outcome");
    char out[16];
    const char *ctl = "a\r\nb\x01\x7f" "c\xc3\xa9\xc3\xa9\xc3\xa9";
    api_printable(ctl, strlen(ctl), out, sizeof(out));
    CHECK(strcmp(out, "a b c\xc3\xa9\xc3\xa9") == 0 || strcmp(out, "a b c\xc3\xa9\xc3\xa9\xc3\xa9") == 0, "printable: %s", out);
}

/* libcurl's allocations, watched (curl_global_init_mem): while armed, every block it
 * frees is searched for the secret first. */
static const char WATCHED[] = "unit-secret-7f3a9c";
static int watch_armed, watch_seen, watch_allocs;

static void watch_block(void *p)
{
    if (p && watch_armed && memmem(p, malloc_usable_size(p), WATCHED, sizeof(WATCHED) - 1)) watch_seen++;
}
static void *watch_malloc(size_t n) { watch_allocs++; return malloc(n); }
static void watch_free(void *p) { watch_block(p); free(p); }
static char *watch_strdup(const char *s) { watch_allocs++; return strdup(s); }
static void *watch_calloc(size_t n, size_t size) { watch_allocs++; return calloc(n, size); }
static void *watch_realloc(void *p, size_t n)
{
    void *q = malloc(n);   /* never in place: the block given up is searched too */
    if (q && p) {
        size_t old = malloc_usable_size(p);
        memcpy(q, p, old < n ? old : n);
        watch_free(p);
    }
    return q;
}

static struct curl_slist *secret_headers(void)
{
    struct curl_slist *l = curl_slist_append(NULL, "Authorization: Bearer unit-secret-7f3a9c");
    return curl_slist_append(l, "X-Postmark-Server-Token: unit-secret-7f3a9c");
}

/* The header list handed to libcurl (curl_slist_append copied each credential) is
 * wiped before libcurl frees it; curl_slist_free_all alone leaves both copies. */
static void test_header_wipe(void)
{
    int hooked = curl_global_init_mem(CURL_GLOBAL_DEFAULT, watch_malloc, watch_free, watch_realloc, watch_strdup,
                                      watch_calloc) == CURLE_OK;
    struct curl_slist *plain = secret_headers(), *ours = secret_headers();
    CHECK(hooked && watch_allocs >= 4 && plain && ours,
          "libcurl's allocator was not watched (initialised before this test?): %d allocations", watch_allocs);
    watch_armed = 1;
    curl_slist_free_all(plain);
    int by_libcurl = watch_seen;
    watch_seen = 0;
    api_header_list_free(NULL, ours);
    watch_armed = 0;
    CHECK(by_libcurl == 2 && watch_seen == 0, "freed with the secret: %d by curl_slist_free_all (2 expected), %d by "
          "api_header_list_free (0 expected)", by_libcurl, watch_seen);
}

/* Mailgun's multipart/form-data boundary is random (two requests, two boundaries); when
 * OpenSSL's generator fails the send is an error naming it, nothing sent, never a fixed
 * boundary that the carried message could contain. */
static void test_form_boundary(void)
{
    mime_message msg;
    smtp_error err;
    error_clear(&err);
    from_to(&msg, "a@example.test");
    msg.text = strdup("hello\n");
    msg.text_len = 6;
    CHECK(message_prepare(&msg, &err) == 0, "prepare: %s", err.message);
    api_config cfg = { .kind = API_MAILGUN, .endpoint = "https://127.0.0.1:1", .timeout_ms = 2000,
                       .api_key = "key-unit", .domain = "mg.example.test" };
    const char *rcpt[] = { "b@example.test" };
    api_request one, two;
    int built = api_request_build(&one, &cfg, NULL, &msg, rcpt, 1, &err) == 0 &&
                api_request_build(&two, &cfg, NULL, &msg, rcpt, 1, &err) == 0;
    CHECK(built && strncmp(one.content_type, "multipart/form-data; boundary=php-smtp-form-", 44) == 0 &&
          strlen(one.content_type) == 44 + 32 && strcmp(one.content_type, two.content_type) != 0,
          "random boundaries: %s / %s (%s)", one.content_type, two.content_type, err.message);
    api_request_free(&one);
    api_request_free(&two);

    api_client c;
    api_client_init(&c);
    api_result res;
    api_result_init(&res);
    error_clear(&err);
    unit_rand_fails(1);
    int rc = api_request_build(&one, &cfg, NULL, &msg, rcpt, 1, &err);
    api_request_free(&one);
    smtp_error sent_err;
    error_clear(&sent_err);
    int sent = api_send(&c, &cfg, NULL, &msg, rcpt, 1, &res, &sent_err);
    unit_rand_fails(0);
    CHECK(rc == -1 && strstr(err.message, "random generator failed: no multipart/form-data boundary"),
          "build without randomness: %d %s", rc, err.message);
    CHECK(sent == -1 && strcmp(sent_err.message, err.message) == 0 && c.transcript.count == 0,
          "api_send without randomness: %d %s (%zu transcript lines)", sent, sent_err.message, c.transcript.count);
    api_result_free(&res);
    api_client_free(&c);
    message_free(&msg);
}

void test_api(void)
{
    test_header_wipe();   /* first: libcurl's allocator is set before libcurl's first use */
    test_form_boundary();
    test_sigv4();
    test_streams();
    test_exact_count();
    test_replies();
}
