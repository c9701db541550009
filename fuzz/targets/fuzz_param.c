/* MIME parameter encoder (RFC 2045 quoted-string / RFC 2231 continuations):
 * only CRLF folds, bounded lines, and the value decodes back exactly. */
#include "fuzz.h"
#include "core/mime/encode.h"

static int hex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Reassembles, reading in order from just after "attachment": either
 * ;CRLF SP filename="..." or ;CRLF SP filename*0*=UTF-8''.. ;CRLF SP filename*1*=.. */
static int decode_param(const char *p, smtp_buf *out)
{
    p += strlen("Content-Disposition: attachment");
    static const char quoted[] = ";\r\n filename=\"";
    if (strncmp(p, quoted, sizeof(quoted) - 1) == 0) {
        for (p += sizeof(quoted) - 1; *p && *p != '"'; p++) {
            if (*p == '\\' && !*++p) return -1;
            buf_append(out, p, 1);
        }
        return *p == '"' && p[1] == '\0' ? buf_puts(out, "") : -1;
    }
    for (int part = 0; *p; part++) {
        char key[40];
        snprintf(key, sizeof(key), ";\r\n filename*%d*=%s", part, part == 0 ? "UTF-8''" : "");
        if (strncmp(p, key, strlen(key)) != 0) return -1;
        for (p += strlen(key); *p && *p != ';'; p++) {
            if (*p == '%') {
                int a = hex(p[1]), b = a < 0 ? -1 : hex(p[2]);
                if (b < 0) return -1;
                char c = (char)(a * 16 + b);
                buf_append(out, &c, 1);
                p += 2;
            } else {
                buf_append(out, p, 1);
            }
        }
    }
    return buf_puts(out, "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *value = fuzz_string(data, size);
    size_t len = strlen(value);
    smtp_buf h = SMTP_BUF_INIT, decoded = SMTP_BUF_INIT;
    buf_puts(&h, "Content-Disposition: attachment");
    PROPERTY(param_append(&h, "filename", value) == 0, "encode");
    check_crlf_lines(h.data, h.len, 998, "parameter");
    PROPERTY(decode_param(h.data, &decoded) == 0, "undecodable: %s", h.data);
    PROPERTY(decoded.len == len && (len == 0 || memcmp(decoded.data, value, len) == 0), "decodes to something else: %s", h.data);
    buf_free(&h);
    buf_free(&decoded);
    free(value);
    return 0;
}
