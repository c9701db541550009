/* stream: see stream.h. */
#include "stream.h"
#include "sigv4.h"

#include <string.h>

#include <openssl/evp.h>

/* ---- flat base64 ------------------------------------------------------------------ */

#define B64_IN_BLOCK (12 * 1024)   /* a multiple of 3: 16 KB of output a step */

uint64_t b64flat_size(uint64_t n)
{
    return 4 * ((n + 2) / 3);
}

static int b64flat_emit(b64flat_sink *s, const unsigned char *in, size_t n)
{
    unsigned char out[B64_IN_BLOCK / 3 * 4 + 1];
    int len = EVP_EncodeBlock(out, in, (int)n);
    return sink_write(s->next, (const char *)out, (size_t)len);
}

static int b64flat_write(smtp_sink *sink, const char *data, size_t len)
{
    b64flat_sink *s = (b64flat_sink *)sink;
    const unsigned char *p = (const unsigned char *)data;
    s->sink.count += len;
    while (s->npend > 0 && len > 0) {        /* complete the pending quantum first */
        s->pend[s->npend++] = *p++;
        len--;
        if (s->npend == 3) {
            if (b64flat_emit(s, s->pend, 3)) return -1;
            s->npend = 0;
        }
    }
    while (len >= 3) {
        size_t n = len >= B64_IN_BLOCK ? B64_IN_BLOCK : len - len % 3;
        if (b64flat_emit(s, p, n)) return -1;
        p += n;
        len -= n;
    }
    memcpy(s->pend + s->npend, p, len);
    s->npend += len;
    return 0;
}

void b64flat_init(b64flat_sink *s, smtp_sink *next)
{
    memset(s, 0, sizeof(*s));
    s->sink.write = b64flat_write;
    s->next = next;
}

int b64flat_finish(b64flat_sink *s)
{
    int rc = s->npend ? b64flat_emit(s, s->pend, s->npend) : 0;
    s->npend = 0;
    return rc;
}

/* ---- JSON strings ----------------------------------------------------------------- */

/* 1 for the bytes RFC 8259 7 requires escaped (and DEL, for readability). */
static int needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
}

static int json_escape_to(smtp_sink *next, const char *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if (!needs_escape(c)) continue;
        /* the bytes before it go out as they are, in one write */
        if (i > run && sink_write(next, data + run, i - run)) return -1;
        run = i + 1;
        char esc[6] = { '\\', (char)c, 0, 0, 0, 0 };
        size_t n = 2;
        if (c == '\n') esc[1] = 'n';
        else if (c == '\r') esc[1] = 'r';
        else if (c == '\t') esc[1] = 't';
        else if (c != '"' && c != '\\') {
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        if (sink_write(next, esc, n)) return -1;
    }
    return len > run ? sink_write(next, data + run, len - run) : 0;
}

static int json_escape_write(smtp_sink *sink, const char *data, size_t len)
{
    json_escape_sink *s = (json_escape_sink *)sink;
    s->sink.count += len;
    return json_escape_to(s->next, data, len);
}

void json_escape_init(json_escape_sink *s, smtp_sink *next)
{
    memset(s, 0, sizeof(*s));
    s->sink.write = json_escape_write;
    s->next = next;
}

int json_write_string(smtp_sink *sink, const char *s, size_t len)
{
    return sink_write(sink, "\"", 1) || json_escape_to(sink, s, len) || sink_write(sink, "\"", 1) ? -1 : 0;
}

int sink_puts(smtp_sink *sink, const char *s)
{
    return sink_write(sink, s, strlen(s));
}

/* ---- counting and hashing ----------------------------------------------------------- */

static int count_write(smtp_sink *sink, const char *data, size_t len)
{
    count_sink *s = (count_sink *)sink;
    s->sink.count += len;
    return s->md && EVP_DigestUpdate(s->md, data, len) != 1 ? -1 : 0;
}

int count_sink_init(count_sink *s, int sha256)
{
    memset(s, 0, sizeof(*s));
    s->sink.write = count_write;
    if (!sha256) return 0;
    s->md = EVP_MD_CTX_new();
    if (!s->md || EVP_DigestInit_ex(s->md, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(s->md);
        s->md = NULL;
        return -1;
    }
    return 0;
}

void count_sink_finish(count_sink *s, char hex[65])
{
    unsigned char md[32];
    unsigned int n = 0;
    hex[0] = '\0';
    if (s->md && EVP_DigestFinal_ex(s->md, md, &n) == 1 && n == 32) sigv4_hex(md, 32, hex);
    EVP_MD_CTX_free(s->md);
    s->md = NULL;
}
