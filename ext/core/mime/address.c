/* address: mailbox parsing and checking (see address.h). */
#include "address.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char *why, size_t whylen, const char *msg)
{
    snprintf(why, whylen, "%s", msg);
    return -1;
}

int utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n;
        unsigned min;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xe0) == 0xc0) { n = 1; min = 0x80; c &= 0x1f; }
        else if ((c & 0xf0) == 0xe0) { n = 2; min = 0x800; c &= 0x0f; }
        else if ((c & 0xf8) == 0xf0) { n = 3; min = 0x10000; c &= 0x07; }
        else return 0;
        unsigned cp = c;
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (p[i + k] & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        i += n + 1;
    }
    return 1;
}

/* RFC 5322 3.2.3 atext. */
static int is_atext(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 1;
    return c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static int check_local(const char *p, size_t len, int *utf8, char *why, size_t whylen)
{
    if (len == 0) return fail(why, whylen, "has an empty local part");
    if (len > 64) return fail(why, whylen, "has a local part longer than 64 characters (RFC 5321 4.5.3.1.1)");
    if (p[0] == '"') {
        /* quoted-string: printable ASCII (and UTF-8) with \-escapes, no controls */
        if (len < 2 || p[len - 1] != '"') return fail(why, whylen, "has an unterminated quoted local part");
        for (size_t i = 1; i + 1 < len; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c < 0x20 || c == 0x7f) return fail(why, whylen, "contains a control character");
            if (c >= 0x80) *utf8 = 1;
            if (c == '\\') { i++; if (i + 1 >= len) return fail(why, whylen, "ends with a backslash"); continue; }
            if (c == '"') return fail(why, whylen, "has an unescaped quote in its local part");
        }
        return 0;
    }
    if (p[0] == '.' || p[len - 1] == '.') return fail(why, whylen, "has a local part that starts or ends with a dot");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '.') {
            if (p[i + 1] == '.') return fail(why, whylen, "has two dots in a row");
            continue;
        }
        if (c >= 0x80) { *utf8 = 1; continue; }
        if (c < 0x20 || c == 0x7f) return fail(why, whylen, "contains a control character");
        if (!is_atext(c)) {
            char msg[96];
            snprintf(msg, sizeof(msg), "contains '%c', which needs quoting in a local part", c);
            return fail(why, whylen, msg);
        }
    }
    return 0;
}

static int check_domain(const char *p, size_t len, int *utf8, char *why, size_t whylen)
{
    if (len == 0) return fail(why, whylen, "has an empty domain");
    if (len > 253) return fail(why, whylen, "has a domain longer than 253 characters");
    if (p[0] == '[') {
        /* RFC 5321 4.1.3 address literal: digits, dots, colons, hex, "IPv6:" */
        if (p[len - 1] != ']') return fail(why, whylen, "has an unterminated address literal");
        for (size_t i = 1; i + 1 < len; i++) {
            unsigned char c = (unsigned char)p[i];
            if (!(c == '.' || c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                  (c >= 'A' && c <= 'F') || c == 'I' || c == 'P' || c == 'v')) {
                return fail(why, whylen, "has an invalid address literal");
            }
        }
        return 0;
    }
    size_t label = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '.') {
            if (label == 0) return fail(why, whylen, "has an empty domain label");
            if (p[i - 1] == '-') return fail(why, whylen, "has a domain label ending with '-'");
            label = 0;
            continue;
        }
        if (c >= 0x80) { *utf8 = 1; label++; continue; }   /* IDN, sent as UTF-8 with SMTPUTF8 */
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
            if (c < 0x20 || c == 0x7f) return fail(why, whylen, "contains a control character");
            char msg[96];
            snprintf(msg, sizeof(msg), "has '%c' in its domain", c);
            return fail(why, whylen, msg);
        }
        if (label == 0 && c == '-') return fail(why, whylen, "has a domain label starting with '-'");
        if (++label > 63) return fail(why, whylen, "has a domain label longer than 63 characters");
    }
    if (label == 0) return fail(why, whylen, "has a domain ending with a dot");
    return 0;
}

int address_check_email(const char *email, size_t len, int *utf8, char *why, size_t whylen)
{
    *utf8 = 0;
    if (len == 0) return fail(why, whylen, "is empty");
    if (memchr(email, '\r', len) || memchr(email, '\n', len)) return fail(why, whylen, "must not contain CR or LF");
    if (memchr(email, '\0', len)) return fail(why, whylen, "must not contain NUL bytes");
    if (len > 254) return fail(why, whylen, "is longer than 254 characters");
    if (!utf8_valid(email, len)) return fail(why, whylen, "is not valid UTF-8");
    const char *at = NULL;
    for (size_t i = len; i-- > 0;) {
        if (email[i] == '@') { at = email + i; break; }
    }
    if (!at) return fail(why, whylen, "has no '@'");
    size_t llen = (size_t)(at - email);
    if (check_local(email, llen, utf8, why, whylen) != 0) return -1;
    return check_domain(at + 1, len - llen - 1, utf8, why, whylen);
}

int address_check_name(const char *name, size_t len, char *why, size_t whylen)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c == '\r' || c == '\n') return fail(why, whylen, "must not contain CR or LF");
        if ((c < 0x20 && c != '\t') || c == 0x7f) return fail(why, whylen, "must not contain control characters");
    }
    if (!utf8_valid(name, len)) return fail(why, whylen, "is not valid UTF-8");
    return 0;
}

static char *copy(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

int address_make(const char *email, size_t elen, const char *name, size_t nlen, mime_address *out,
                 char *why, size_t whylen)
{
    memset(out, 0, sizeof(*out));
    if (address_check_email(email, elen, &out->utf8, why, whylen) != 0) return -1;
    if (name && address_check_name(name, nlen, why, whylen) != 0) return -1;
    out->email = copy(email, elen);
    out->name = (name && nlen) ? copy(name, nlen) : NULL;
    if (!out->email || (name && nlen && !out->name)) {
        address_free(out);
        return fail(why, whylen, "could not be stored (out of memory)");
    }
    return 0;
}

static void trim(const char **p, size_t *len)
{
    while (*len && (**p == ' ' || **p == '\t')) { (*p)++; (*len)--; }
    while (*len && ((*p)[*len - 1] == ' ' || (*p)[*len - 1] == '\t')) (*len)--;
}

int address_parse(const char *text, size_t len, mime_address *out, char *why, size_t whylen)
{
    memset(out, 0, sizeof(*out));
    if (memchr(text, '\r', len) || memchr(text, '\n', len)) return fail(why, whylen, "must not contain CR or LF");
    if (memchr(text, '\0', len)) return fail(why, whylen, "must not contain NUL bytes");
    if (!utf8_valid(text, len)) return fail(why, whylen, "is not valid UTF-8");
    trim(&text, &len);
    if (len == 0) return fail(why, whylen, "is empty");
    if (text[len - 1] != '>') {
        if (memchr(text, '<', len) || memchr(text, '>', len)) return fail(why, whylen, "has unbalanced angle brackets");
        if (text[0] != '"' && (memchr(text, ' ', len) || memchr(text, ',', len) || memchr(text, '(', len))) {
            return fail(why, whylen, "is not a single address (spaces, commas or comments outside angle brackets); "
                                     "use \"Name <user@example.com>\"");
        }
        return address_make(text, len, NULL, 0, out, why, whylen);
    }
    const char *lt = NULL;
    for (size_t i = len; i-- > 0;) {
        if (text[i] == '<') { lt = text + i; break; }
    }
    if (!lt) return fail(why, whylen, "has unbalanced angle brackets");
    const char *email = lt + 1;
    size_t elen = (size_t)(text + len - 1 - email);
    const char *name = text;
    size_t nlen = (size_t)(lt - text);
    trim(&name, &nlen);
    if (memchr(email, '<', elen) || memchr(email, '>', elen)) return fail(why, whylen, "has unbalanced angle brackets");
    /* A quoted display name: take off the quotes and the backslash escapes. */
    char *unq = NULL;
    if (nlen >= 2 && name[0] == '"' && name[nlen - 1] == '"') {
        unq = malloc(nlen);
        if (!unq) return fail(why, whylen, "could not be stored (out of memory)");
        size_t j = 0;
        for (size_t i = 1; i + 1 < nlen; i++) {
            if (name[i] == '\\' && i + 2 < nlen) i++;
            unq[j++] = name[i];
        }
        name = unq;
        nlen = j;
    } else if (memchr(name, '"', nlen) || memchr(name, '<', nlen)) {
        return fail(why, whylen, "has a display name with stray quotes or angle brackets");
    }
    int rc = address_make(email, elen, nlen ? name : NULL, nlen, out, why, whylen);
    free(unq);
    return rc;
}

void address_free(mime_address *a)
{
    free(a->email);
    free(a->name);
    memset(a, 0, sizeof(*a));
}
