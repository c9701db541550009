/* config: see config.h. */
#include "config.h"
#include "core/oauth/token_store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CONFIG_BYTES (64 * 1024)
#define MAX_SECRET_BYTES (16 * 1024)

void sm_config_init(sm_config *c)
{
    memset(c, 0, sizeof(*c));
    c->timeout = 30;
}

static void wipe_free(char *p)
{
    if (p) {
        memset(p, 0, strlen(p));
        free(p);
    }
}

void sm_config_free(sm_config *c)
{
    char **plain[] = { &c->path, &c->host, &c->username, &c->password_file, &c->from, &c->helo, &c->cafile,
                       &c->token_store, &c->token_key_file, &c->oauth_account, &c->spool, &c->log };
    for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
        free(*plain[i]);
    }
    wipe_free(c->password);
    sm_config_init(c);
}

/* ---- one line ----------------------------------------------------------------- */

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* The value as written: trimmed, or the inside of "..." with \" and \\ undone. */
static char *parse_value(const char *v, size_t n, char *why, size_t whylen)
{
    while (n && is_space(*v)) { v++; n--; }
    while (n && is_space(v[n - 1])) n--;
    if (memchr(v, '\0', n)) {
        snprintf(why, whylen, "the value contains a NUL byte");
        return NULL;
    }
    if (memchr(v, '\r', n)) {
        /* helo goes into "EHLO <helo>\r\n": a CR must not end a command early (RFC 5321 2.3.8) */
        snprintf(why, whylen, "the value contains a CR");
        return NULL;
    }
    char *out = malloc(n + 1);
    if (!out) {
        snprintf(why, whylen, "out of memory");
        return NULL;
    }
    size_t o = 0;
    if (n >= 1 && v[0] == '"') {
        size_t i = 1;
        for (; i < n && v[i] != '"'; i++) {
            if (v[i] == '\\' && i + 1 < n && (v[i + 1] == '"' || v[i + 1] == '\\')) i++;
            out[o++] = v[i];
        }
        if (i != n - 1) {
            snprintf(why, whylen, i >= n ? "the closing quote is missing" : "text after the closing quote");
            free(out);
            return NULL;
        }
    } else {
        memcpy(out, v, n);
        o = n;
    }
    out[o] = '\0';
    return out;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

static int set_enum(const char *key, const char *v, int *out, char *why, size_t whylen)
{
    static const char *const sec[] = { "starttls", "tls", "none" };
    static const char *const auth[] = { "auto", "plain", "login", "xoauth2", "none", "oauthbearer" };
    int is_sec = strcmp(key, "security") == 0;
    const char *const *names = is_sec ? sec : auth;
    int count = is_sec ? 3 : 6;
    for (int i = 0; i < count; i++) {
        if (strcasecmp(v, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    snprintf(why, whylen, is_sec ? "security must be starttls, tls or none, not '%.60s'"
                                 : "auth must be auto, plain, login, xoauth2, oauthbearer or none, not '%.60s'", v);
    return -1;
}

/* The string setting named key, or NULL. */
static char **string_slot(sm_config *c, const char *key)
{
    struct { const char *name; char **slot; } keys[] = {
        { "host", &c->host }, { "username", &c->username }, { "password", &c->password },
        { "password_file", &c->password_file }, { "from", &c->from }, { "helo", &c->helo },
        { "cafile", &c->cafile }, { "token_store", &c->token_store }, { "token_key_file", &c->token_key_file },
        { "oauth_account", &c->oauth_account }, { "spool", &c->spool }, { "log", &c->log },
    };
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (strcmp(key, keys[i].name) == 0) return keys[i].slot;
    }
    return NULL;
}

static int set_key(sm_config *c, const char *key, char *value, char *why, size_t whylen)
{
    char **slot = string_slot(c, key);
    if (slot) {
        if (*slot) {
            snprintf(why, whylen, "'%s' is set twice", key);
            wipe_free(value);
            return -1;
        }
        *slot = value;
        return 0;
    }
    int rc = -1, e;
    if (strcmp(key, "port") == 0) {
        rc = parse_int(value, 1, 65535, &c->port);
        if (rc) snprintf(why, whylen, "port must be a number from 1 to 65535, not '%.60s'", value);
    } else if (strcmp(key, "timeout") == 0) {
        rc = parse_int(value, 1, 3600, &c->timeout);
        if (rc) snprintf(why, whylen, "timeout must be a number of seconds from 1 to 3600, not '%.60s'", value);
    } else if (strcmp(key, "security") == 0 || strcmp(key, "auth") == 0) {
        rc = set_enum(key, value, &e, why, whylen);
        if (rc == 0 && key[0] == 's') { c->security = (smtp_security)e; c->security_set = 1; }
        if (rc == 0 && key[0] == 'a') { c->auth = e == 5 ? AUTH_OAUTHBEARER : (smtp_auth)e; c->auth_set = 1; }
    } else {
        snprintf(why, whylen, "unknown key '%.60s'", key);
    }
    wipe_free(value);
    return rc;
}

static int parse_line(sm_config *c, const char *line, size_t n, char *why, size_t whylen)
{
    while (n && is_space(*line)) { line++; n--; }
    if (n && line[n - 1] == '\r') n--;
    if (n == 0 || line[0] == '#') return 0;
    const char *eq = memchr(line, '=', n);
    if (!eq) {
        snprintf(why, whylen, "expected 'key = value'");
        return -1;
    }
    size_t klen = (size_t)(eq - line);
    while (klen && is_space(line[klen - 1])) klen--;
    char key[32];
    if (klen == 0 || klen >= sizeof(key)) {
        snprintf(why, whylen, klen ? "unknown key" : "a key is missing before '='");
        return -1;
    }
    memcpy(key, line, klen);
    key[klen] = '\0';
    char *value = parse_value(eq + 1, (size_t)(line + n - (eq + 1)), why, whylen);
    if (!value) return -1;
    return set_key(c, key, value, why, whylen);
}

int sm_config_parse(sm_config *c, const char *text, size_t len, char *why, size_t whylen)
{
    size_t lineno = 0, pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
        lineno++;
        char inner[512] = "";
        if (parse_line(c, text + pos, n, inner, sizeof(inner)) != 0) {
            snprintf(why, whylen, "line %zu: %s", lineno, inner);
            return -1;
        }
        pos += n + (nl ? 1 : 0);
    }
    return 0;
}

/* ---- the settings together ------------------------------------------------------ */

int sm_config_check(sm_config *c, char *why, size_t whylen)
{
    if (!c->host || !*c->host) {
        snprintf(why, whylen, "host is not set");
        return -1;
    }
    if (c->password && c->password_file) {
        snprintf(why, whylen, "set either password or password_file, not both");
        return -1;
    }
    int oauth = c->auth == AUTH_XOAUTH2 || c->auth == AUTH_OAUTHBEARER || c->token_store;
    if (oauth && (!c->token_store || !c->token_key_file || !c->oauth_account)) {
        snprintf(why, whylen, "XOAUTH2 needs token_store, token_key_file and oauth_account");
        return -1;
    }
    if (c->token_store && (c->password || c->password_file)) {
        snprintf(why, whylen, "set either a password or a token_store, not both");
        return -1;
    }
    if (c->token_store && !c->auth_set) {
        c->auth = AUTH_XOAUTH2;
    }
    if (c->oauth_account && !token_store_valid_account(c->oauth_account)) {
        snprintf(why, whylen, "oauth_account must be 1-128 characters of A-Z a-z 0-9 . _ @ + -");
        return -1;
    }
    if (c->spool && c->spool[0] != '/') {
        snprintf(why, whylen, "spool must be an absolute path");
        return -1;
    }
    if (c->log && strcmp(c->log, "syslog") != 0 && c->log[0] != '/') {
        snprintf(why, whylen, "log must be syslog or an absolute path");
        return -1;
    }
    if (!c->security_set && c->port == 465) {
        c->security = SEC_TLS;
    }
    if (!c->port) {
        c->port = c->security == SEC_TLS ? 465 : 587;
    }
    if (!c->username && c->from && (c->password || c->password_file || c->token_store)) {
        c->username = strdup(c->from);
    }
    return 0;
}

/* ---- files ---------------------------------------------------------------------- */

static int readable_by_others(const struct stat *st)
{
    return (st->st_mode & (S_IRGRP | S_IROTH)) != 0;
}

/* Reads a whole small regular file. */
static int read_small(const char *path, size_t cap, char **out, size_t *outlen, struct stat *st,
                      char *why, size_t whylen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        snprintf(why, whylen, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || (size_t)st->st_size > cap) {
        snprintf(why, whylen, "%s is not a regular file of at most %zu bytes", path, cap);
        close(fd);
        return -1;
    }
    char *data = malloc((size_t)st->st_size + 1);
    ssize_t n = data ? read(fd, data, (size_t)st->st_size) : -1;
    close(fd);
    if (n < 0) {
        snprintf(why, whylen, "cannot read %s: %s", path, data ? strerror(errno) : "out of memory");
        free(data);
        return -1;
    }
    data[n] = '\0';
    *out = data;
    *outlen = (size_t)n;
    return 0;
}

int sm_read_secret(const char *path, const char *what, char **out, size_t *outlen, char *why, size_t whylen)
{
    struct stat st;
    char *data;
    size_t n;
    if (read_small(path, MAX_SECRET_BYTES, &data, &n, &st, why, whylen) != 0) {
        return -1;
    }
    if (readable_by_others(&st)) {
        snprintf(why, whylen, "%s (%s) is readable by group or others (mode %04o); chmod 600 %s", path, what,
                 (unsigned)(st.st_mode & 07777), path);
        memset(data, 0, n);
        free(data);
        return -1;
    }
    if (n && data[n - 1] == '\n') data[--n] = '\0';
    if (n == 0 || memchr(data, '\0', n)) {
        snprintf(why, whylen, "%s (%s) is %s", path, what, n ? "not text (a NUL byte)" : "empty");
        memset(data, 0, n);
        free(data);
        return -1;
    }
    *out = data;
    *outlen = n;
    return 0;
}

int sm_config_load(sm_config *c, const char *path, char *why, size_t whylen)
{
    struct stat st;
    char *text;
    size_t n;
    if (read_small(path, MAX_CONFIG_BYTES, &text, &n, &st, why, whylen) != 0) {
        return -1;
    }
    char inner[600] = "";
    int rc = sm_config_parse(c, text, n, inner, sizeof(inner));
    memset(text, 0, n);
    free(text);
    c->path = strdup(path);
    if (rc != 0 || sm_config_check(c, inner, sizeof(inner)) != 0) {
        snprintf(why, whylen, "%s: %s", path, inner);
        return -1;
    }
    if (c->password && readable_by_others(&st)) {
        snprintf(why, whylen, "%s holds a password and is readable by group or others (mode %04o); chmod 600 %s "
                 "or move the password to a password_file", path, (unsigned)(st.st_mode & 07777), path);
        return -1;
    }
    if (c->password_file) {
        size_t len;
        if (sm_read_secret(c->password_file, "password_file", &c->password, &len, why, whylen) != 0) {
            return -1;
        }
    }
    return 0;
}
