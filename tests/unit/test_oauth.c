/*
 * Unit tests of the OAuth core: store encryption (round trip, wrong key,
 * truncation, every flipped byte), token endpoint replies, PKCE, the
 * authorization URL, form encoding and secret redaction.
 */
#define OPENSSL_SUPPRESS_DEPRECATED   /* RAND_set_rand_method: a generator that fails, for one test */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/rand.h>
#include <openssl/sha.h>

#include "unit.h"
#include "core/oauth/grant.h"
#include "core/oauth/http.h"
#include "core/oauth/oauth.h"
#include "core/oauth/store_crypto.h"
#include "core/oauth/store_file.h"
#include "core/mime/message.h"
#include "core/util/base64.h"

static const char KEY[] = "unit-test-key-0123456789";

static void test_store_crypto(void)
{
    const char *doc = "{\"version\":1,\"accounts\":{\"a\":{\"tokens\":{\"refresh_token\":\"1//secret\"}}}}";
    smtp_buf sealed = SMTP_BUF_INIT, again = SMTP_BUF_INIT, plain = SMTP_BUF_INIT;
    smtp_error err;
    error_clear(&err);
    CHECK(store_seal(KEY, strlen(KEY), doc, strlen(doc), &sealed, &err) == 0, "seal: %s", err.message);
    CHECK(sealed.len == STORE_HEADER_LEN + strlen(doc) + STORE_TAG_LEN, "sealed length %zu", sealed.len);
    CHECK(memmem(sealed.data, sealed.len, "secret", 6) == NULL, "plaintext visible in the sealed bytes");
    const unsigned char *bytes = (const unsigned char *)sealed.data;
    CHECK(store_open(KEY, strlen(KEY), bytes, sealed.len, &plain) == STORE_OPEN_OK, "open");
    CHECK(plain.len == strlen(doc) && strcmp(plain.data, doc) == 0, "round trip");
    store_seal(KEY, strlen(KEY), doc, strlen(doc), &again, &err);
    CHECK(memcmp(sealed.data + 8, again.data + 8, 16) != 0 && memcmp(sealed.data + 40, again.data + 40, 12) != 0,
          "salt and nonce are fresh per write");
    CHECK(store_open("another-key-0123456789", 22, bytes, sealed.len, &plain) == STORE_OPEN_WRONG_KEY, "wrong key");
    CHECK(store_open(KEY, strlen(KEY), bytes, sealed.len - 1, &plain) == STORE_OPEN_TRUNCATED, "truncated");
    CHECK(store_open(KEY, strlen(KEY), bytes, 30, &plain) == STORE_OPEN_TRUNCATED, "short header");
    CHECK(store_open(KEY, strlen(KEY), (const unsigned char *)"{}", 2, &plain) == STORE_OPEN_NOT_A_STORE, "foreign");
    /* Flipping any single bit outside the key check is caught by GCM (header = AAD). */
    int undetected = 0;
    for (size_t i = 0; i < sealed.len; i++) {
        if (i >= 24 && i < 40) continue;   /* key check bytes: reported as a wrong key instead */
        sealed.data[i] ^= 0x01;
        store_open_result r = store_open(KEY, strlen(KEY), bytes, sealed.len, &plain);
        if (r == STORE_OPEN_OK) undetected++;
        sealed.data[i] ^= 0x01;
    }
    CHECK(undetected == 0, "%d flipped bytes went undetected", undetected);
    buf_free(&sealed);
    buf_free(&again);
    buf_free(&plain);
}

static void test_token_replies(void)
{
    static const struct {
        long status; const char *body; oauth_reply_outcome outcome; const char *error; long long expires;
    } cases[] = {
        { 200, "{\"access_token\":\"ya29.x\",\"expires_in\":3599,\"token_type\":\"Bearer\"}", OAUTH_REPLY_OK, "", 3599 },
        { 200, "{\"access_token\":\"ya29.x\",\"expires_in\":\"3600\"}", OAUTH_REPLY_OK, "", 3600 },
        { 200, "{\"access_token\":\"ya29.x\"}", OAUTH_REPLY_OK, "", -1 },
        { 200, "{\"access_token\":\"\"}", OAUTH_REPLY_MALFORMED, "", -1 },
        { 200, "{\"access_token\":42}", OAUTH_REPLY_MALFORMED, "", -1 },
        { 200, "{\"access_token\": \"ya29.trunc", OAUTH_REPLY_MALFORMED, "", -1 },
        { 200, "{\"access_token\":\"a\"} trailing", OAUTH_REPLY_MALFORMED, "", -1 },
        { 200, "[\"access_token\"]", OAUTH_REPLY_MALFORMED, "", -1 },
        { 200, "", OAUTH_REPLY_MALFORMED, "", -1 },
        { 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}", OAUTH_REPLY_REFUSED, "invalid_grant", -1 },
        { 401, "{\"error\":\"invalid_client\"}", OAUTH_REPLY_REFUSED, "invalid_client", -1 },
        { 503, "{\"error\":\"temporarily_unavailable\"}", OAUTH_REPLY_TEMPORARY, "temporarily_unavailable", -1 },
        { 400, "{\"error\":\"temporarily_unavailable\"}", OAUTH_REPLY_TEMPORARY, "temporarily_unavailable", -1 },
        { 500, "<html>oops</html>", OAUTH_REPLY_TEMPORARY, "", -1 },
        { 429, "{\"error\":\"rate_limit_exceeded\"}", OAUTH_REPLY_TEMPORARY, "rate_limit_exceeded", -1 },
        { 404, "not here", OAUTH_REPLY_REFUSED, "", -1 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        oauth_token_reply r;
        oauth_parse_token_reply(cases[i].status, cases[i].body, strlen(cases[i].body), &r);
        CHECK(r.outcome == cases[i].outcome, "reply %zu: outcome %d (%s)", i, r.outcome, r.description);
        CHECK(strcmp(r.error, cases[i].error) == 0, "reply %zu: error %s", i, r.error);
        CHECK(r.expires_in == cases[i].expires, "reply %zu: expires_in %lld", i, r.expires_in);
        oauth_token_reply_free(&r);
    }
    /* refresh token expiry under its three names; rotation */
    const char *names[] = { "refresh_token_expires_in", "refresh_token_timeout", "authorization_expires_in" };
    for (int i = 0; i < 3; i++) {
        char body[200];
        snprintf(body, sizeof(body), "{\"access_token\":\"a\",\"refresh_token\":\"1//n\",\"%s\":604799}", names[i]);
        oauth_token_reply r;
        oauth_parse_token_reply(200, body, strlen(body), &r);
        CHECK(r.refresh_expires_in == 604799 && r.refresh_token && strcmp(r.refresh_token, "1//n") == 0,
              "%s: %lld", names[i], r.refresh_expires_in);
        oauth_token_reply_free(&r);
    }
    /* a reply that does not parse may hold a token: described, never quoted */
    static const struct { long status; const char *body; } unparsed[] = {
        { 200, "{\"access_token\": \"ya29.trunc" }, { 200, "<html>ya29.portal</html>" },
        { 500, "{\"access_token\":\"ya29.five\"" }, { 200, "ya29.plain" }, { 502, "  [\"ya29.list\"" },
    };
    for (size_t i = 0; i < sizeof(unparsed) / sizeof(unparsed[0]); i++) {
        oauth_token_reply t;
        oauth_parse_token_reply(unparsed[i].status, unparsed[i].body, strlen(unparsed[i].body), &t);
        CHECK(!strstr(t.description, "ya29") && strstr(t.description, "bytes"), "unparsed %zu quoted: %s", i, t.description);
        oauth_token_reply_free(&t);
    }
    /* control characters in the server's words do not reach error messages raw */
    oauth_token_reply r;
    const char *evil = "{\"error\":\"x\\r\\ny\",\"error_description\":\"a\\u0000b\\nc\"}";
    oauth_parse_token_reply(400, evil, strlen(evil), &r);
    CHECK(!strpbrk(r.error, "\r\n") && !strpbrk(r.description, "\r\n"), "control characters kept: %s", r.description);
    oauth_token_reply_free(&r);
}

static void test_pkce_and_url(void)
{
    char verifier[PKCE_VERIFIER_LEN + 1], challenge[PKCE_VERIFIER_LEN + 1], other[PKCE_VERIFIER_LEN + 1];
    CHECK(oauth_pkce(verifier, challenge) == 0 && strlen(verifier) == 43 && strlen(challenge) == 43, "pkce lengths");
    CHECK(strspn(verifier, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43, "verifier alphabet");
    oauth_pkce(other, challenge);
    CHECK(strcmp(verifier, other) != 0, "verifiers are random");
    /* RFC 7636 appendix B */
    unsigned char digest[SHA256_DIGEST_LENGTH];
    const char *rfc = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    SHA256((const unsigned char *)rfc, strlen(rfc), digest);
    smtp_buf b64 = SMTP_BUF_INIT;
    base64_append(&b64, digest, sizeof(digest));
    CHECK(strncmp(b64.data, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM=", 44) == 0, "S256 of the RFC example");
    buf_free(&b64);

    smtp_buf url = SMTP_BUF_INIT;
    oauth_url_params p = { "https://auth.example/o?x=1", "id", "http://localhost/cb?a=1&b=2", "s1 s2", "st&=", "CH" };
    CHECK(oauth_authorization_url(&url, &p) == 0, "url");
    CHECK(strcmp(url.data, "https://auth.example/o?x=1&response_type=code&client_id=id&redirect_uri=http%3A%2F%2F"
                 "localhost%2Fcb%3Fa%3D1%26b%3D2&scope=s1%20s2&state=st%26%3D&access_type=offline&prompt=consent"
                 "&code_challenge=CH&code_challenge_method=S256") == 0, "url: %s", url.data);
    buf_free(&url);
}

static void test_redact(void)
{
    char text[64] = "token 1//abcdef then 1//abcdef end";
    grant_redact(text, sizeof(text), "1//abcdef");
    CHECK(strcmp(text, "token <redacted> then <redacted> end") == 0, "redact: %s", text);
    char small[16] = "xx1//abcdefyy";
    grant_redact(small, sizeof(small), "1//abcdef");
    CHECK(strstr(small, "abcdef") == NULL && strlen(small) < sizeof(small), "redact in a small buffer: %s", small);
    char longer[24] = "ab";
    grant_redact(longer, sizeof(longer), "abc");   /* not present */
    CHECK(strcmp(longer, "ab") == 0, "redact absent: %s", longer);
}

static int no_bytes(unsigned char *buf, int num)
{
    (void)buf; (void)num;
    return 0;
}

static int rand_ok(void)
{
    return 1;
}

void unit_rand_fails(int on)
{
    static const RAND_METHOD failing = { NULL, no_bytes, NULL, NULL, no_bytes, rand_ok };
    RAND_set_rand_method(on ? &failing : NULL);
}

/* When OpenSSL's generator fails, nothing goes on with weaker randomness: no
 * Message-ID or boundary, no store saved (the temporary file's name was unchecked). */
static void test_random_failure(void)
{
    char path[64];
    snprintf(path, sizeof(path), "/tmp/php-smtp-unit-%ld.store", (long)getpid());
    mime_message m;
    message_init(&m);
    smtp_error err;
    error_clear(&err);
    unit_rand_fails(1);
    int prepared = message_prepare(&m, &err);
    smtp_error save_err;
    error_clear(&save_err);
    int saved = store_file_replace(path, "x", 1, &save_err);
    unit_rand_fails(0);
    CHECK(prepared == -1 && strstr(err.message, "random generator failed"), "message_prepare: %d %s", prepared, err.message);
    CHECK(saved == -1 && strstr(save_err.message, "random generator failed") && access(path, F_OK) != 0,
          "store_file_replace: %d %s", saved, save_err.message);
    unlink(path);
    message_free(&m);
}

void test_oauth(void)
{
    test_random_failure();
    test_store_crypto();
    test_token_replies();
    test_pkce_and_url();
    test_redact();
}
