/* framer: CRLF normalisation and dot-stuffing (see framer.h). */
#include "framer.h"

#include <string.h>

void framer_init(framer *f, int dot_stuff)
{
    f->dot_stuff = dot_stuff;
    f->at_line_start = 1;
    f->pending_cr = 0;
}

static size_t plain_span(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len && p[i] != '\r' && p[i] != '\n') {
        i++;
    }
    return i;
}

int framer_push(framer *f, const char *in, size_t len, smtp_buf *out)
{
    /* Worst case every byte doubles: reserve once. */
    if (buf_reserve(out, len * 2 + 2) != 0) {
        return -1;
    }
    char *o = out->data + out->len;
    size_t i = 0;
    while (i < len) {
        if (f->pending_cr) {
            /* CR then anything: the line ends here; a following LF belongs to it. */
            f->pending_cr = 0;
            *o++ = '\r';
            *o++ = '\n';
            f->at_line_start = 1;
            if (in[i] == '\n') {
                i++;
                continue;
            }
        }
        char ch = in[i];
        if (ch == '\r') {
            f->pending_cr = 1;
            i++;
            continue;
        }
        if (ch == '\n') {
            *o++ = '\r';
            *o++ = '\n';
            f->at_line_start = 1;
            i++;
            continue;
        }
        if (f->at_line_start && f->dot_stuff && ch == '.') {
            *o++ = '.';   /* RFC 5321 4.5.2: a leading '.' is doubled */
        }
        size_t n = plain_span(in + i, len - i);
        memcpy(o, in + i, n);
        o += n;
        i += n;
        f->at_line_start = 0;
    }
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
    return 0;
}

int framer_finish(framer *f, smtp_buf *out)
{
    if (f->pending_cr || !f->at_line_start) {
        if (buf_append(out, "\r\n", 2) != 0) {
            return -1;
        }
    }
    f->pending_cr = 0;
    f->at_line_start = 1;
    return f->dot_stuff ? buf_append(out, ".\r\n", 3) : 0;
}
