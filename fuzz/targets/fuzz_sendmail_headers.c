/* php-smtp-sendmail's header scanner and address lists (ext/sendmail/headers.c):
 * the end of the header section found in any input, the same whether the bytes
 * come at once or in pieces; fields cover the section exactly, each starts
 * with a field name; unfolded values hold no line break; address-list items
 * are non-empty with no whitespace or line break outside quotes (the address
 * checker judges the rest). */
#include "fuzz.h"
#include "sendmail/headers.h"

static void check_items(const smtp_strlist *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const char *s = l->items[i];
        PROPERTY(*s, "an empty address");
        int quoted = 0;
        for (; *s; s++) {
            if (*s == '"') quoted = !quoted;
            else if (*s == '\\' && quoted && s[1]) s++;
            else if (!quoted) PROPERTY(*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n', "whitespace in an address");
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *d = (const char *)data;
    size_t hlen, body;
    PROPERTY(headers_end(d, size, 1, &hlen, &body) == 1, "no end at EOF");
    PROPERTY(hlen <= body && body <= size, "offsets out of order");
    for (size_t cut = 0; cut < size; cut += 1 + size / 16) {   /* as read() might hand the bytes over */
        size_t h2, b2;
        if (headers_end(d, cut, 0, &h2, &b2)) PROPERTY(h2 == hlen && b2 == body, "a prefix of %zu decided otherwise", cut);
    }
    size_t pos = 0, expect = 0;
    hdr_field f;
    while (headers_next(d, hlen, &pos, &f)) {
        PROPERTY(f.start == expect && f.end > f.start && f.end <= hlen, "fields not contiguous");
        PROPERTY(f.name_len > 0, "a field without a name at %zu", f.start);
        expect = f.end;
        char *v = header_value(d, &f);
        PROPERTY(v && !strchr(v, '\r') && !strchr(v, '\n'), "a line break in an unfolded value");
        smtp_strlist l = SMTP_STRLIST_INIT;
        char why[200] = "";
        if (addrlist_parse(v, strlen(v), &l, why, sizeof(why)) == 0) check_items(&l);
        else PROPERTY(why[0], "refused without a reason");
        strlist_clear(&l);
        free(v);
    }
    PROPERTY(expect == hlen, "fields end at %zu, the section at %zu", expect, hlen);
    return 0;
}
