/* Dot-stuffing and CRLF framing (RFC 5321 4.5.2, RFC 3030): for any body in
 * any pieces, the output has only CRLF line ends, never ends the data early,
 * and un-stuffs back to the body with its line ends made CRLF. */
#include "fuzz.h"
#include "core/smtp/framer.h"

/* The body with CR, LF and CRLF each made CRLF, plus a final CRLF if missing. */
static void normalise(const char *p, size_t len, smtp_buf *out)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '\r' || p[i] == '\n') {
            if (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n') i++;
            buf_puts(out, "\r\n");
        } else {
            buf_append(out, p + i, 1);
        }
    }
    if (out->len && !(out->len >= 2 && memcmp(out->data + out->len - 2, "\r\n", 2) == 0)) buf_puts(out, "\r\n");
    buf_puts(out, "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    int dot_stuff = data[0] & 1;
    size_t step = (data[0] >> 1) + 1;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    framer f;
    framer_init(&f, dot_stuff);
    smtp_buf out = SMTP_BUF_INIT, expect = SMTP_BUF_INIT, unstuffed = SMTP_BUF_INIT;
    for (size_t off = 0; off < len; off += step) {
        PROPERTY(framer_push(&f, body + off, len - off < step ? len - off : step, &out) == 0, "push");
    }
    PROPERTY(framer_finish(&f, &out) == 0, "finish");
    buf_puts(&out, "");
    check_crlf_lines(out.data, out.len, (size_t)-1, "framed body");
    size_t payload = out.len;
    if (dot_stuff) {
        PROPERTY(out.len >= 3 && memcmp(out.data + out.len - 3, ".\r\n", 3) == 0, "no terminator");
        payload -= 3;
        PROPERTY(payload == 0 || (payload >= 2 && memcmp(out.data + payload - 2, "\r\n", 2) == 0),
                 "terminator not at a line start");
    }
    /* walk the lines: in DATA mode no line is a lone "." before the end; undo stuffing */
    for (size_t i = 0; i < payload;) {
        const char *nl = memchr(out.data + i, '\n', payload - i);
        size_t line_end = nl ? (size_t)(nl - out.data) + 1 : payload;
        const char *line = out.data + i;
        size_t n = line_end - i;
        if (dot_stuff) {
            PROPERTY(!(n == 3 && memcmp(line, ".\r\n", 3) == 0), "early end of data at %zu", i);
            if (line[0] == '.') { PROPERTY(n > 1 && line[1] == '.', "unstuffed dot at %zu", i); line++; n--; }
        }
        buf_append(&unstuffed, line, n);
        i = line_end;
    }
    buf_puts(&unstuffed, "");
    normalise(body, len, &expect);
    PROPERTY(unstuffed.len == expect.len && memcmp(unstuffed.data, expect.data, expect.len) == 0,
             "framing changed the body");
    buf_free(&out);
    buf_free(&expect);
    buf_free(&unstuffed);
    return 0;
}
