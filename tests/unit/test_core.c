/*
 * Unit tests of the plain-C core, built with system and library include paths
 * only (no php.h anywhere): reply parser, framer (dot-stuffing, CRLF), header
 * encoders, quoted-printable, address checks, SASL payloads. Table-driven.
 */
#include <stdio.h>
#include <string.h>

#include "core/mime/address.h"
#include "core/mime/encode.h"
#include "core/sasl/sasl.h"
#include "core/smtp/framer.h"
#include "core/smtp/reply.h"
#include "core/smtp/session.h"
#include "core/util/base64.h"

#include "unit.h"

int passed, failed;


static void test_reply_parser(void)
{
    static const struct { const char *in; int status; int code; const char *enhanced; const char *text; } cases[] = {
        { "250 OK\r\n", REPLY_DONE, 250, "", "OK" },
        { "250-a\r\n250-b\r\n250 c\r\n", REPLY_DONE, 250, "", "a\nb\nc" },
        { "550 5.1.1 User unknown\r\n", REPLY_DONE, 550, "5.1.1", "5.1.1 User unknown" },
        { "250 4.1.1 class mismatch\r\n", REPLY_DONE, 250, "", "4.1.1 class mismatch" },
        { "250\r\n", REPLY_DONE, 250, "", "" },
        { "250 bare lf\n", REPLY_DONE, 250, "", "bare lf" },
        { "25O oops\r\n", REPLY_ERROR, 0, "", NULL },
        { "250-a\r\n251 b\r\n", REPLY_ERROR, 0, "", NULL },
        { "999 x\r\n", REPLY_ERROR, 0, "", NULL },
        { "250xno\r\n", REPLY_ERROR, 0, "", NULL },
        { "250-partial\r\n", REPLY_NEED_MORE, 0, "", NULL },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        smtp_reply r;
        reply_parser p;
        reply_init(&r);
        reply_parser_start(&p, &r);
        size_t used;
        reply_status st = reply_parser_feed(&p, cases[i].in, strlen(cases[i].in), &used);
        CHECK(st == cases[i].status, "reply case %zu: status %d", i, st);
        if (st == REPLY_DONE) {
            CHECK(r.code == cases[i].code, "reply case %zu: code %d", i, r.code);
            CHECK(strcmp(r.enhanced, cases[i].enhanced) == 0, "reply case %zu: enhanced %s", i, r.enhanced);
            CHECK(strcmp(r.text.data, cases[i].text) == 0, "reply case %zu: text %s", i, r.text.data);
        }
        reply_free(&r);
    }
    /* Byte-at-a-time feeding gives the same result and stops at the reply's end. */
    const char *two = "250-x\r\n250 y\r\n354 next\r\n";
    smtp_reply r;
    reply_parser p;
    reply_init(&r);
    reply_parser_start(&p, &r);
    size_t off = 0, used;
    reply_status st = REPLY_NEED_MORE;
    while (st == REPLY_NEED_MORE && off < strlen(two)) {
        st = reply_parser_feed(&p, two + off, 1, &used);
        off += used;
    }
    CHECK(st == REPLY_DONE && r.code == 250 && off == 14, "byte feeding: st %d code %d off %zu", st, r.code, off);
    /* An over-long line is refused, not buffered. */
    char big[6000];
    memset(big, 'x', sizeof(big));
    memcpy(big, "220 ", 4);
    reply_parser_start(&p, &r);
    CHECK(reply_parser_feed(&p, big, sizeof(big), &used) == REPLY_ERROR, "long line accepted");
    reply_free(&r);
}

static void test_framer(void)
{
    static const struct { const char *in; int dot; const char *out; } cases[] = {
        { "a\nb", 1, "a\r\nb\r\n.\r\n" },
        { ".x\r\n..y\r\n.\r\n", 1, "..x\r\n...y\r\n..\r\n.\r\n" },
        { "bare\rcr\n.\n", 1, "bare\r\ncr\r\n..\r\n.\r\n" },
        { "a\r\n.\r\nMAIL FROM", 1, "a\r\n..\r\nMAIL FROM\r\n.\r\n" },
        { "x\n.\ny", 0, "x\r\n.\r\ny\r\n" },
        { "", 1, ".\r\n" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        /* fed in two pieces split everywhere, so CR/LF across a boundary is covered */
        size_t n = strlen(cases[i].in);
        for (size_t cut = 0; cut <= n; cut++) {
            framer f;
            smtp_buf out = SMTP_BUF_INIT;
            framer_init(&f, cases[i].dot);
            framer_push(&f, cases[i].in, cut, &out);
            framer_push(&f, cases[i].in + cut, n - cut, &out);
            framer_finish(&f, &out);
            CHECK(out.data && strcmp(out.data, cases[i].out) == 0, "framer case %zu cut %zu: [%s]", i, cut, out.data);
            buf_free(&out);
        }
    }
}

static void test_headers(void)
{
    smtp_buf b = SMTP_BUF_INIT;
    header_unstructured(&b, "Subject", "Hello", 5);
    CHECK(strcmp(b.data, "Subject: Hello\r\n") == 0, "ascii subject: %s", b.data);
    buf_reset(&b);
    const char *s = "Grüße";
    header_unstructured(&b, "Subject", s, strlen(s));
    CHECK(strcmp(b.data, "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n") == 0, "utf8 subject: %s", b.data);
    buf_reset(&b);
    char longs[400];
    memset(longs, 0, sizeof(longs));
    for (int i = 0; i < 40; i++) strcat(longs, "word ");
    header_unstructured(&b, "Subject", longs, strlen(longs));
    int ok = 1;
    for (char *line = b.data; line && *line;) {
        char *end = strstr(line, "\r\n");
        if (end - line > 78) ok = 0;
        line = end ? end + 2 : NULL;
    }
    CHECK(ok && !strstr(b.data, "\n\r") , "folding: %s", b.data);
    buf_reset(&b);
    mime_address a = { "a@example.com", "Doe, John \"JD\"", 0 };
    header_addresses(&b, "To", &a, 1);
    CHECK(strcmp(b.data, "To: \"Doe, John \\\"JD\\\"\" <a@example.com>\r\n") == 0, "quoted name: %s", b.data);
    buf_reset(&b);
    param_append(&b, "filename", "résumé.pdf");
    CHECK(strcmp(b.data, ";\r\n filename*0*=UTF-8''r%C3%A9sum%C3%A9.pdf") == 0, "rfc2231: %s", b.data);
    buf_reset(&b);
    qp_encode(&b, "caf\xc3\xa9 = ok \nend ", 16);
    CHECK(strcmp(b.data, "caf=C3=A9 =3D ok=20\r\nend=20") == 0, "qp: %s", b.data);
    buf_free(&b);
}

static void test_addresses(void)
{
    static const struct { const char *in; int ok; const char *email; const char *name; } cases[] = {
        { "a@example.com", 1, "a@example.com", NULL },
        { "Ann <a@example.com>", 1, "a@example.com", "Ann" },
        { "\"Doe, John\" <j@example.com>", 1, "j@example.com", "Doe, John" },
        { "\"quoted local\"@example.com", 1, "\"quoted local\"@example.com", NULL },
        { "josé@exämple.com", 1, "josé@exämple.com", NULL },
        { "a@[127.0.0.1]", 1, "a@[127.0.0.1]", NULL },
        { "no-at-sign", 0, NULL, NULL },
        { "a@b\r\nRCPT TO:<x@y>", 0, NULL, NULL },
        { "a b@example.com", 0, NULL, NULL },
        { "a@example.com (comment)", 0, NULL, NULL },
        { "<a@example.com", 0, NULL, NULL },
        { ".a@example.com", 0, NULL, NULL },
        { "a@exa_mple.com", 0, NULL, NULL },
        { "a@", 0, NULL, NULL },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        mime_address a;
        char why[200];
        int rc = address_parse(cases[i].in, strlen(cases[i].in), &a, why, sizeof(why));
        CHECK((rc == 0) == cases[i].ok, "address %zu (%s): rc %d %s", i, cases[i].in, rc, rc ? why : "");
        if (rc == 0 && cases[i].ok) {
            CHECK(strcmp(a.email, cases[i].email) == 0, "address %zu email %s", i, a.email);
            CHECK((a.name == NULL && cases[i].name == NULL) || (a.name && cases[i].name && strcmp(a.name, cases[i].name) == 0),
                  "address %zu name %s", i, a.name ? a.name : "(null)");
            address_free(&a);
        }
    }
}

static void test_sasl(void)
{
    smtp_buf b = SMTP_BUF_INIT;
    sasl_plain(&b, "user", "pass");
    CHECK(strcmp(b.data, "AHVzZXIAcGFzcw==") == 0, "plain: %s", b.data);
    buf_reset(&b);
    sasl_xoauth2(&b, "u@example.com", "tok");
    smtp_buf d = SMTP_BUF_INIT;
    base64_decode(&d, b.data, b.len);
    CHECK(d.len == 36 && memcmp(d.data, "user=u@example.com\001auth=Bearer tok\001\001", 36) == 0, "xoauth2");
    char why[256];
    /* Google's error challenge */
    sasl_describe_oauth_error("eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==", why, sizeof(why));
    CHECK(strcmp(why, "status 401, schemes bearer, scope https://mail.google.com/") == 0, "oauth error: %s", why);
    buf_free(&b);
    buf_free(&d);
    /* every mechanism has its name (OAUTHBEARER was past the end of the table) */
    static const struct { smtp_auth a; const char *name; } names[] = {
        { AUTH_AUTO, "auto" }, { AUTH_PLAIN, "plain" }, { AUTH_LOGIN, "login" }, { AUTH_XOAUTH2, "xoauth2" },
        { AUTH_NONE, "none" }, { AUTH_OAUTHBEARER, "oauthbearer" },
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        CHECK(strcmp(auth_name(names[i].a), names[i].name) == 0, "auth_name(%d): %s", (int)names[i].a, auth_name(names[i].a));
    }
}

int main(void)
{
    test_reply_parser();
    test_framer();
    test_headers();
    test_addresses();
    test_sasl();
    test_oauth();
    test_api();
    test_transaction();
    test_sendmail();
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
