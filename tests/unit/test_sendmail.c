/* Unit tests of php-smtp-sendmail's pure parts (ext/sendmail): address lists,
 * the end of the header section, the configuration parser, the options. */
#include "unit.h"
#include "sendmail/config.h"
#include "sendmail/headers.h"
#include "sendmail/options.h"

#include <string.h>

static void test_addrlist(void)
{
    static const struct { const char *in, *out; } cases[] = {
        { "a@example.com", "a@example.com" },
        { "Alice <a@example.com>, b@example.com", "a@example.com|b@example.com" },
        { "\"Bob, Jr.\" <b@example.com>", "b@example.com" },
        { "c@example.com (a comment, with a comma)", "c@example.com" },
        { "team: d@x.example, e@x.example;, f@x.example", "d@x.example|e@x.example|f@x.example" },
        { "undisclosed-recipients:;", "" },
        { "<@relay.example:g@x.example>", "g@x.example" },
        /* a ':' inside a quoted local part ends no route (found by fuzz_sendmail_headers) */
        { "<@relay.example:\"a: b\"@x.example>", "\"a: b\"@x.example" },
        { "<@x.\"a: b\"@y.example>", "@x.\"a: b\"@y.example" },
        { " h @ x.example ", "h@x.example" },
        { "\"quoted local\"@x.example", "\"quoted local\"@x.example" },
        { "a@x.example,, ,b@x.example", "a@x.example|b@x.example" },
        { "Name (nested (comment)) <i@x.example>", "i@x.example" },
        { "\"unterminated <j@x.example>", NULL },
        { "(open comment k@x.example", NULL },
        { "Name <l@x.example", NULL },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        smtp_strlist l = SMTP_STRLIST_INIT;
        char why[200] = "", got[400] = "";
        int rc = addrlist_parse(cases[i].in, strlen(cases[i].in), &l, why, sizeof(why));
        for (size_t k = 0; k < l.count; k++) {
            strncat(got, k ? "|" : "", sizeof(got) - strlen(got) - 1);
            strncat(got, l.items[k], sizeof(got) - strlen(got) - 1);
        }
        if (cases[i].out) CHECK(rc == 0 && strcmp(got, cases[i].out) == 0, "addrlist '%s': rc %d '%s' (%s)", cases[i].in, rc, got, why);
        else CHECK(rc == -1 && why[0], "addrlist '%s' accepted: '%s'", cases[i].in, got);
        strlist_clear(&l);
    }
}

static void test_headers_end(void)
{
    static const struct { const char *in; int eof, found; size_t hlen, body; } cases[] = {
        { "To: a@b\nSubject: x\n\nbody", 1, 1, 19, 20 },
        { "To: a@b\r\nSubject: x\r\n\r\nbody", 1, 1, 21, 23 },
        { "To: a@b\rSubject: x\r\rbody", 1, 1, 19, 20 },              /* lone CRs are line ends too */
        { "To: a@b\n folded\n\nb", 1, 1, 16, 17 },
        { "To: a@b\nnot a header line\n", 1, 1, 8, 8 },             /* the body begins without an empty line */
        { "body only\n", 1, 1, 0, 0 },
        { " starts with a space\n", 1, 1, 0, 0 },
        { "From foo@bar Mon Jan 1\nTo: x\n\n", 1, 1, 0, 0 },       /* an mbox From_ line is not a field */
        { "To: a@b\nSubject: no body", 1, 1, 24, 24 },
        { "To: a@b\nSubject: no body", 0, 0, 0, 0 },                /* more may come */
        { "To: a@b\r", 0, 0, 0, 0 },                               /* a CR that may be followed by LF */
        { "To: a@b\n\n", 0, 1, 8, 9 },
        { "", 1, 1, 0, 0 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t hlen = 0, body = 0;
        int found = headers_end(cases[i].in, strlen(cases[i].in), cases[i].eof, &hlen, &body);
        CHECK(found == cases[i].found && (!found || (hlen == cases[i].hlen && body == cases[i].body)),
              "headers_end case %zu: %d %zu %zu", i, found, hlen, body);
    }
    const char *h = "To: a@b,\n c@d\nBcc: e@f\n";
    size_t pos = 0, n = 0;
    hdr_field f;
    while (headers_next(h, strlen(h), &pos, &f)) {
        char *v = header_value(h, &f);
        if (n == 0) CHECK(header_is(h, &f, "to") && strcmp(v, " a@b, c@d") == 0, "folded To: '%s'", v);
        if (n == 1) CHECK(header_is(h, &f, "BCC") && strcmp(v, " e@f") == 0, "Bcc: '%s'", v);
        free(v);
        n++;
    }
    CHECK(n == 2, "fields: %zu", n);
}

static void test_config(void)
{
    static const struct { const char *text; const char *why; } cases[] = {
        { "host = smtp.example.com\n# comment\n  # indented comment\n\nport=465\n", NULL },
        { "host = x\npassword = \"with \\\"quotes\\\" and # hash\"\n", NULL },
        { "host = x\npassword = trailing # is part of the value\n", NULL },
        { "hots = x\n", "line 1: unknown key 'hots'" },
        { "host = x\nhost = y\n", "line 2: 'host' is set twice" },
        { "host x\n", "line 1: expected 'key = value'" },
        { "host = x\nport = 70000\n", "line 2: port must be a number from 1 to 65535, not '70000'" },
        { "host = x\nsecurity = ssl\n", "line 2: security must be starttls, tls or none, not 'ssl'" },
        { "host = \"open\n", "line 1: the closing quote is missing" },
        { "host = \"a\" b\n", "line 1: text after the closing quote" },
        { "= x\n", "line 1: a key is missing before '='" },
        /* a CR inside a value would reach a command line ("EHLO a\rMAIL FROM:...") */
        { "host = x\nhelo = a\rMAIL FROM:<x@y.test>\n", "line 2: the value contains a CR" },
        { "host = \"x\ry\"\r\n", "line 1: the value contains a CR" },
        { "host = x\r\nport = 25\r\n", NULL },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        sm_config c;
        char why[300] = "";
        sm_config_init(&c);
        int rc = sm_config_parse(&c, cases[i].text, strlen(cases[i].text), why, sizeof(why));
        if (cases[i].why) CHECK(rc == -1 && strcmp(why, cases[i].why) == 0, "config case %zu: '%s'", i, why);
        else CHECK(rc == 0, "config case %zu refused: %s", i, why);
        if (i == 1) CHECK(c.password && strcmp(c.password, "with \"quotes\" and # hash") == 0, "quoted: '%s'", c.password);
        if (i == 2) CHECK(c.password && strcmp(c.password, "trailing # is part of the value") == 0, "hash: '%s'", c.password);
        sm_config_free(&c);
    }
    static const struct { const char *text; const char *why; int port; int security; } checks[] = {
        { "host = x\n", NULL, 587, SEC_STARTTLS },
        { "host = x\nport = 465\n", NULL, 465, SEC_TLS },
        { "host = x\nsecurity = tls\n", NULL, 465, SEC_TLS },
        { "port = 25\n", "host is not set", 0, 0 },
        { "host = x\npassword = a\npassword_file = /p\n", "set either password or password_file, not both", 0, 0 },
        { "host = x\nauth = xoauth2\n", "XOAUTH2 needs token_store, token_key_file and oauth_account", 0, 0 },
        { "host = x\nspool = relative\n", "spool must be an absolute path", 0, 0 },
        { "host = x\nlog = relative.log\n", "log must be syslog or an absolute path", 0, 0 },
    };
    for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
        sm_config c;
        char why[300] = "";
        sm_config_init(&c);
        int rc = sm_config_parse(&c, checks[i].text, strlen(checks[i].text), why, sizeof(why));
        rc = rc ? rc : sm_config_check(&c, why, sizeof(why));
        if (checks[i].why) CHECK(rc == -1 && strcmp(why, checks[i].why) == 0, "check case %zu: '%s'", i, why);
        else CHECK(rc == 0 && c.port == checks[i].port && (int)c.security == checks[i].security,
                   "check case %zu: rc %d port %d security %d (%s)", i, rc, c.port, (int)c.security, why);
        sm_config_free(&c);
    }
}

static void test_options(void)
{
    static const struct { const char *argv[10]; const char *expect; } cases[] = {
        { { "sendmail", "-t", "-i", NULL }, "t i" },
        { { "sendmail", "-oi", "-f", "a@b", "-t", NULL }, "t i f=a@b" },
        { { "sendmail", "-fa@b", "-Fname", "x@y", NULL }, "f=a@b F=name rcpt=x@y" },
        { { "sendmail", "-ti", "-r", "r@s", NULL }, "t i f=r@s" },
        { { "sendmail", "-odi", "-oem", "-G", "-m", "-n", "-B", "8BITMIME", NULL }, "" },
        { { "sendmail", "-h", "10", "-L", "tag", "-Ovalue", "-Afoo", "-bm", NULL }, "" },
        { { "sendmail", "--", "-weird@x", NULL }, "rcpt=-weird@x" },
        { { "sendmail", "-C", "/c", "--config=/d", NULL }, "C=/d" },
        { { "sendmail", "-q", NULL }, "q" },
        { { "sendmail", "-bp", NULL }, "bp" },
        { { "sendmail", "--test", "u@v", NULL }, "test=u@v" },
        { { "sendmail", "-bs", NULL }, "error: -bs is not supported (no SMTP on standard input: give the message itself)" },
        { { "sendmail", "-X", NULL }, "error: unknown option '-X' in '-X'" },
        { { "sendmail", "-f", NULL }, "error: -f needs an envelope sender address" },
        { { "sendmail", "-q1h", NULL }, "error: unknown option '-q' in '-q1h'" },
        /* "To: %s" of the --test message, a group "x\ny:" in an address list, a header from -F */
        { { "sendmail", "--test", "u@v\nBcc: w@x", NULL }, "error: argument 2 holds a line break (CR or LF)" },
        { { "sendmail", "-t", "u@v\r\nx: w@x", NULL }, "error: argument 2 holds a line break (CR or LF)" },
        { { "sendmail", "-F", "Name\rX-Evil: 1", "u@v", NULL }, "error: argument 2 holds a line break (CR or LF)" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int argc = 0;
        while (cases[i].argv[argc]) argc++;
        sm_options o;
        char why[300] = "", got[400] = "";
        if (sm_options_parse(&o, argc, (char **)cases[i].argv, why, sizeof(why)) != 0) {
            snprintf(got, sizeof(got), "error: %s", why);
        } else {
            snprintf(got, sizeof(got), "%s%s%s%s", o.read_recipients ? "t " : "", o.ignore_dots ? "i " : "",
                     o.mode == MODE_QUEUE ? "q " : "", o.mode == MODE_LIST ? "bp " : "");
            size_t n = strlen(got);
            if (o.sender) n += snprintf(got + n, sizeof(got) - n, "f=%s ", o.sender);
            if (o.full_name) n += snprintf(got + n, sizeof(got) - n, "F=%s ", o.full_name);
            if (o.config) n += snprintf(got + n, sizeof(got) - n, "C=%s ", o.config);
            if (o.test_to) n += snprintf(got + n, sizeof(got) - n, "test=%s ", o.test_to);
            for (size_t r = 0; r < o.nrecipients; r++) n += snprintf(got + n, sizeof(got) - n, "rcpt=%s ", o.recipients[r]);
            if (n && got[n - 1] == ' ') got[n - 1] = '\0';
        }
        CHECK(strcmp(got, cases[i].expect) == 0, "options case %zu: '%s'", i, got);
        sm_options_free(&o);
    }
}

void test_sendmail(void)
{
    test_addrlist();
    test_headers_end();
    test_config();
    test_options();
}
