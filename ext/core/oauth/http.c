/* http: see http.h. */
#include "http.h"

#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#define MAX_BODY (1u << 20)   /* token responses are a few hundred bytes */

int http_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void http_global_cleanup(void)
{
    curl_global_cleanup();
}

static size_t collect(char *data, size_t size, size_t n, void *userdata)
{
    smtp_buf *body = userdata;
    size_t len = size * n;
    if (body->len + len > MAX_BODY || buf_append(body, data, len) != 0) {
        return 0;   /* aborts the transfer: CURLE_WRITE_ERROR */
    }
    return len;
}

static void restrict_protocols(CURL *c)
{
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
}

void http_setup_common(void *curl, const char *ca_file)
{
    CURL *c = curl;
    restrict_protocols(c);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (ca_file && *ca_file) {
        curl_easy_setopt(c, CURLOPT_CAINFO, ca_file);
    }
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "php-smtp");
}

int http_post_form(const http_request *req, http_response *res, smtp_error *err)
{
    char curl_error[CURL_ERROR_SIZE] = "";
    res->status = 0;
    buf_reset(&res->body);
    CURL *c = curl_easy_init();
    if (!c) {
        error_set(err, SMTP_ERR_MEMORY, 1, "POST %s: libcurl could not start a request", req->url);
        return -1;
    }
    struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
    long timeout = req->timeout_ms > 0 ? req->timeout_ms : 30000;
    curl_easy_setopt(c, CURLOPT_URL, req->url);
    http_setup_common(c, req->ca_file);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout / 2 > 0 ? timeout / 2 : 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->form);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &res->body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        const char *why = rc == CURLE_WRITE_ERROR ? "the response is larger than 1 MB"
                        : curl_error[0] ? curl_error : curl_easy_strerror(rc);
        error_set(err, rc == CURLE_WRITE_ERROR ? SMTP_ERR_PROTOCOL : rc == CURLE_PEER_FAILED_VERIFICATION ||
                  rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CACERT_BADFILE ? SMTP_ERR_TLS : SMTP_ERR_NETWORK,
                  1, "POST %s: %s", req->url, why);
        return -1;
    }
    if (!res->body.data && buf_puts(&res->body, "") != 0) {
        error_set(err, SMTP_ERR_MEMORY, 1, "POST %s: out of memory", req->url);
        return -1;
    }
    return 0;
}

void http_response_free(http_response *res)
{
    if (res->body.data) {
        memset(res->body.data, 0, res->body.len);   /* it carried tokens */
    }
    buf_free(&res->body);
}

int http_form_escape(smtp_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int keep = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                   *p == '-' || *p == '.' || *p == '_' || *p == '~';
        char enc[3] = { '%', hex[*p >> 4], hex[*p & 15] };
        if (keep ? buf_append(out, p, 1) : buf_append(out, enc, 3)) {
            return -1;
        }
    }
    return buf_puts(out, "");
}

int http_form_add(smtp_buf *out, const char *name, const char *value)
{
    if ((out->len && buf_puts(out, "&")) || buf_puts(out, name) || buf_puts(out, "=")) {
        return -1;
    }
    return http_form_escape(out, value);
}
