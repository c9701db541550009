/* Address and display-name parser: what it accepts is clean (no CR, LF, NUL),
 * re-checks as valid, and renders to a header that parses back to itself. */
#include "fuzz.h"
#include "core/mime/address.h"
#include "core/mime/encode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mime_address a;
    char why[256];
    if (address_parse((const char *)data, size, &a, why, sizeof(why)) != 0) {
        PROPERTY(why[0] != '\0', "rejected without a reason");
        return 0;
    }
    PROPERTY(a.email && *a.email && !strpbrk(a.email, "\r\n") && strchr(a.email, '@'), "bad email accepted");
    PROPERTY(!a.name || !strpbrk(a.name, "\r\n"), "CR/LF in a display name");
    int utf8 = 0;
    PROPERTY(address_check_email(a.email, strlen(a.email), &utf8, why, sizeof(why)) == 0, "re-check fails: %s", why);
    PROPERTY(utf8 == a.utf8, "utf8 flag differs");
    smtp_buf h = SMTP_BUF_INIT;
    PROPERTY(header_addresses(&h, "To", &a, 1) == 0, "render");
    check_crlf_lines(h.data, h.len, 998, "To header");
    PROPERTY(h.len >= 2 && h.data[h.len - 2] == '\r' && h.data[h.len - 1] == '\n', "header not terminated");
    /* the address comes back out of the rendered header */
    PROPERTY(strstr(h.data, a.email) != NULL, "address lost in rendering");
    buf_free(&h);
    address_free(&a);
    return 0;
}
