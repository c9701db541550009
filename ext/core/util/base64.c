/* base64: thin layer over OpenSSL's block encoder (see base64.h). */
#include "base64.h"

#include <openssl/evp.h>

int base64_append(smtp_buf *out, const void *data, size_t len)
{
    size_t need = 4 * ((len + 2) / 3);
    if (buf_reserve(out, need + 1) != 0) {
        return -1;
    }
    int n = EVP_EncodeBlock((unsigned char *)out->data + out->len, data, (int)len);
    out->len += (size_t)n;
    out->data[out->len] = '\0';
    return 0;
}

int base64_decode(smtp_buf *out, const char *text, size_t len)
{
    if (len % 4 != 0) {
        return -1;
    }
    if (buf_reserve(out, len / 4 * 3 + 1) != 0) {
        return -1;
    }
    int n = EVP_DecodeBlock((unsigned char *)out->data + out->len, (const unsigned char *)text, (int)len);
    if (n < 0) {
        return -1;
    }
    /* EVP_DecodeBlock counts padding as zero bytes: take them back off. */
    if (len >= 1 && text[len - 1] == '=') n--;
    if (len >= 2 && text[len - 2] == '=') n--;
    out->len += (size_t)n;
    out->data[out->len] = '\0';
    return 0;
}
