/* headers: see headers.h. */
#include "headers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t line_end_at(const char *data, size_t len, size_t i)
{
    if (data[i] == '\n') return 1;
    if (data[i] == '\r') return i + 1 < len && data[i + 1] == '\n' ? 2 : 1;
    return 0;
}

/* RFC 5322 2.2: field-name = 1*ftext (printable ASCII but ':'), then ':'. */
static size_t field_name_len(const char *line, size_t n)
{
    size_t i = 0;
    while (i < n && line[i] > ' ' && line[i] < 127 && line[i] != ':') i++;
    return i > 0 && i < n && line[i] == ':' ? i : 0;
}

int headers_end(const char *data, size_t len, int at_eof, size_t *hlen, size_t *body)
{
    size_t pos = 0;
    int in_field = 0;
    while (pos < len) {
        size_t i = pos;
        while (i < len && data[i] != '\n' && data[i] != '\r') i++;
        if (i == len || (data[i] == '\r' && i + 1 == len && !at_eof)) {
            break;   /* an incomplete line: wait for more, or judge it at EOF below */
        }
        size_t eol = line_end_at(data, len, i);
        if (i == pos) {                               /* the empty line */
            *hlen = pos;
            *body = i + eol;
            return 1;
        }
        int cont = in_field && (data[pos] == ' ' || data[pos] == '\t');
        if (!cont && !field_name_len(data + pos, i - pos)) {
            *hlen = *body = pos;                      /* not a header line: the body begins */
            return 1;
        }
        in_field = 1;
        pos = i + eol;
    }
    if (!at_eof) return 0;
    /* EOF: a last line without a line end is a header line when it looks like one */
    if (pos < len) {
        int cont = in_field && (data[pos] == ' ' || data[pos] == '\t');
        if (!cont && !field_name_len(data + pos, len - pos)) {
            *hlen = *body = pos;
            return 1;
        }
    }
    *hlen = *body = len;
    return 1;
}

/* End of the line starting at pos (after its line end). */
static size_t next_line(const char *h, size_t hlen, size_t pos)
{
    while (pos < hlen && h[pos] != '\n' && h[pos] != '\r') pos++;
    return pos < hlen ? pos + line_end_at(h, hlen, pos) : pos;
}

int headers_next(const char *h, size_t hlen, size_t *pos, hdr_field *f)
{
    if (*pos >= hlen) return 0;
    f->start = *pos;
    f->name_len = field_name_len(h + *pos, hlen - *pos);
    size_t p = next_line(h, hlen, *pos);
    while (p < hlen && (h[p] == ' ' || h[p] == '\t')) p = next_line(h, hlen, p);
    f->end = *pos = p;
    return 1;
}

int header_is(const char *h, const hdr_field *f, const char *name)
{
    size_t n = strlen(name);
    return f->name_len == n && strncasecmp(h + f->start, name, n) == 0;
}

char *header_value(const char *h, const hdr_field *f)
{
    size_t from = f->start + f->name_len + 1;
    size_t n = f->end > from ? f->end - from : 0;
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = from; i < f->end; i++) {
        if (h[i] != '\r' && h[i] != '\n') out[o++] = h[i];
    }
    out[o] = '\0';
    return out;
}

/* ---- address lists ------------------------------------------------------------- */

typedef struct addr_acc {
    char  *text;      /* the mailbox without comments and (outside quotes) whitespace */
    size_t len;
    char  *angle;     /* the inside of <...>, when seen */
    size_t alen;
    int    in_angle;
} addr_acc;

static void acc_put(addr_acc *a, char ch)
{
    if (a->in_angle) a->angle[a->alen++] = ch;
    else a->text[a->len++] = ch;
}

/* The ':' that ends an obsolete route, outside any quoted string (a ':' inside
 * "..." belongs to the local part); NULL when there is none. */
static const char *route_end(const char *s, size_t n)
{
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') quoted = !quoted;
        else if (s[i] == '\\' && quoted && i + 1 < n) i++;
        else if (s[i] == ':' && !quoted) return s + i;
    }
    return NULL;
}

/* An addr-spec from the text collected for one mailbox, appended to out. */
static int acc_finish(addr_acc *a, smtp_strlist *out)
{
    const char *s = a->angle ? a->angle : a->text;
    size_t n = a->angle ? a->alen : a->len;
    int had_angle = a->angle != NULL;
    a->len = a->alen = 0;
    a->angle = NULL;
    if (had_angle) {
        /* RFC 5322 4.4 obsolete route: "<@relay:user@host>" */
        const char *colon = n && s[0] == '@' ? route_end(s, n) : NULL;
        if (colon) { n -= (size_t)(colon + 1 - s); s = colon + 1; }
    }
    return n ? strlist_add(out, s, n) : 0;   /* s still points into the buffers: they are reused, not freed */
}

int addrlist_parse(const char *v, size_t len, smtp_strlist *out, char *why, size_t whylen)
{
    addr_acc a = { malloc(len + 1), 0, NULL, 0, 0 };
    char *angle_buf = malloc(len + 1);
    int rc = (a.text && angle_buf) ? 0 : -1;
    if (rc) snprintf(why, whylen, "out of memory");
    for (size_t i = 0; rc == 0 && i < len; i++) {
        char ch = v[i];
        if (ch == '"') {                                   /* quoted-string: kept whole */
            acc_put(&a, ch);
            for (i++; i < len && v[i] != '"'; i++) {
                if (v[i] == '\\' && i + 1 < len) acc_put(&a, v[i++]);
                acc_put(&a, v[i]);
            }
            if (i >= len) { snprintf(why, whylen, "a quoted string is not closed"); rc = -1; break; }
            acc_put(&a, '"');
        } else if (ch == '(') {                            /* comment, nested: dropped */
            int depth = 1;
            for (i++; i < len && depth; i++) {
                if (v[i] == '\\') i++;
                else if (v[i] == '(') depth++;
                else if (v[i] == ')') depth--;
            }
            if (depth) { snprintf(why, whylen, "a comment is not closed"); rc = -1; break; }
            i--;
        } else if (ch == '<' && !a.in_angle) {
            a.in_angle = 1;
            a.angle = angle_buf;
            a.alen = 0;
        } else if (ch == '>' && a.in_angle) {
            a.in_angle = 0;
        } else if (a.in_angle) {
            if (ch != ' ' && ch != '\t') acc_put(&a, ch);
        } else if (ch == ',' || ch == ';') {
            rc = acc_finish(&a, out);
            if (rc) snprintf(why, whylen, "out of memory");
        } else if (ch == ':') {                            /* "group:" : its name is not an address */
            a.len = 0;
            a.angle = NULL;
        } else if (ch != ' ' && ch != '\t') {
            acc_put(&a, ch);
        }
    }
    if (rc == 0 && a.in_angle) { snprintf(why, whylen, "a '<' is not closed"); rc = -1; }
    if (rc == 0) rc = acc_finish(&a, out);
    free(a.text);
    free(angle_buf);
    return rc;
}
