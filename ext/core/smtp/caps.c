/* caps: see caps.h. */
#include "caps.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int keyword_is(const char *line, size_t len, const char *kw)
{
    size_t k = strlen(kw);
    return len >= k && strncasecmp(line, kw, k) == 0 && (len == k || line[k] == ' ' || line[k] == '=');
}

static void add_auth_mechanisms(smtp_caps *caps, const char *p, size_t len)
{
    size_t used = strlen(caps->auth);
    if (!used) {
        caps->auth[used++] = ' ';
    }
    for (size_t i = 0; i < len && used + 2 < sizeof(caps->auth); i++) {
        char ch = p[i] == '=' ? ' ' : (char)toupper((unsigned char)p[i]);
        if (ch == ' ' && caps->auth[used - 1] == ' ') {
            continue;
        }
        caps->auth[used++] = ch;
    }
    if (caps->auth[used - 1] != ' ') {
        caps->auth[used++] = ' ';
    }
    caps->auth[used] = '\0';
}

/* RFC 5321 4.1.1.1: lines after the first are "keyword [params]". */
void caps_parse(smtp_caps *caps, const char *text)
{
    memset(caps, 0, sizeof(*caps));
    caps->esmtp = 1;
    const char *line = strchr(text, '\n');
    while (line) {
        line++;
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (keyword_is(line, len, "PIPELINING")) caps->pipelining = 1;
        else if (keyword_is(line, len, "CHUNKING")) caps->chunking = 1;
        else if (keyword_is(line, len, "8BITMIME")) caps->eightbitmime = 1;
        else if (keyword_is(line, len, "SMTPUTF8")) caps->smtputf8 = 1;
        else if (keyword_is(line, len, "STARTTLS")) caps->starttls = 1;
        else if (keyword_is(line, len, "SIZE") && len > 5) caps->size = strtoull(line + 5, NULL, 10);
        else if (keyword_is(line, len, "AUTH") && len > 5) add_auth_mechanisms(caps, line + 5, len - 5);
        line = end;
    }
}
