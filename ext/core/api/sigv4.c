/* sigv4: see sigv4.h. The steps follow AWS's "Create a signed AWS API request". */
#include "sigv4.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

void sigv4_hex(const unsigned char *bytes, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[bytes[i] >> 4];
        out[2 * i + 1] = hex[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

void sigv4_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[SHA256_DIGEST_LENGTH];
    SHA256(data, len, md);
    sigv4_hex(md, sizeof(md), out);
}

void sigv4_amz_date(time_t t, char out[17])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static void hmac(const void *key, size_t keylen, const char *msg, unsigned char out[32])
{
    unsigned int n = 32;
    HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, strlen(msg), out, &n);
}

/* The headers signed, lower-case and sorted by name: content-type, host, x-amz-date, x-amz-security-token. */
static int canonical_request(const sigv4_request *r, smtp_buf *out, const char **signed_headers)
{
    int rc = buf_printf(out, "%s\n%s\n%s\n", r->method, r->path, r->query ? r->query : "");
    if (r->content_type) rc |= buf_printf(out, "content-type:%s\n", r->content_type);
    rc |= buf_printf(out, "host:%s\nx-amz-date:%s\n", r->host, r->amz_date);
    if (r->session_token) rc |= buf_printf(out, "x-amz-security-token:%s\n", r->session_token);
    *signed_headers = r->content_type ? (r->session_token ? "content-type;host;x-amz-date;x-amz-security-token"
                                                          : "content-type;host;x-amz-date")
                                      : (r->session_token ? "host;x-amz-date;x-amz-security-token"
                                                          : "host;x-amz-date");
    rc |= buf_printf(out, "\n%s\n%s", *signed_headers, r->payload_sha256);
    return rc ? -1 : 0;
}

int sigv4_authorization(const sigv4_request *r, smtp_buf *out, smtp_buf *canonical, smtp_buf *to_sign)
{
    smtp_buf creq = SMTP_BUF_INIT, sts = SMTP_BUF_INIT, key = SMTP_BUF_INIT;
    const char *signed_headers;
    char date[9], creq_hash[65], sig_hex[65];
    unsigned char k[32], sig[32];
    snprintf(date, sizeof(date), "%.8s", r->amz_date);
    int rc = canonical_request(r, &creq, &signed_headers);
    if (rc == 0) {
        sigv4_sha256_hex(creq.data, creq.len, creq_hash);
        rc = buf_printf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s", r->amz_date, date, r->region,
                        r->service, creq_hash);
    }
    /* kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
    if (rc == 0) rc = buf_printf(&key, "AWS4%s", r->secret_access_key);
    if (rc == 0) {
        hmac(key.data, key.len, date, k);
        hmac(k, 32, r->region, k);
        hmac(k, 32, r->service, k);
        hmac(k, 32, "aws4_request", k);
        hmac(k, 32, sts.data, sig);
        sigv4_hex(sig, sizeof(sig), sig_hex);
        rc = buf_printf(out, "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, SignedHeaders=%s, Signature=%s",
                        r->access_key_id, date, r->region, r->service, signed_headers, sig_hex);
    }
    if (rc == 0 && canonical) rc = buf_append(canonical, creq.data, creq.len);
    if (rc == 0 && to_sign) rc = buf_append(to_sign, sts.data, sts.len);
    OPENSSL_cleanse(k, sizeof(k));
    if (key.data) OPENSSL_cleanse(key.data, key.len);
    buf_free(&creq);
    buf_free(&sts);
    buf_free(&key);
    return rc ? -1 : 0;
}
