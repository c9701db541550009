/* Token store file decoding: arbitrary bytes never open; anything sealed opens
 * to itself; any flipped byte of a sealed file is detected. */
#include "fuzz.h"
#include "core/oauth/store_crypto.h"

#include <json-c/json.h>

static const char KEY[] = "fuzz-key-0123456789abcdef";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    smtp_buf plain = SMTP_BUF_INIT, sealed = SMTP_BUF_INIT;
    store_open_result r = store_open(KEY, strlen(KEY), data, size, &plain);
    PROPERTY(r != STORE_OPEN_OK, "random bytes authenticated");

    smtp_error err;
    error_clear(&err);
    PROPERTY(store_seal(KEY, strlen(KEY), (const char *)data, size, &sealed, &err) == 0, "seal failed");
    PROPERTY(store_open(KEY, strlen(KEY), (const unsigned char *)sealed.data, sealed.len, &plain) == STORE_OPEN_OK,
             "sealed data does not open");
    PROPERTY(plain.len == size && memcmp(plain.data, data, size) == 0, "round trip differs");
    json_object_put(json_tokener_parse(plain.data));   /* the document parser on whatever came out */
    if (size > 0) {
        size_t at = data[0] % sealed.len;
        sealed.data[at] ^= (char)(data[size - 1] | 1);
        r = store_open(KEY, strlen(KEY), (const unsigned char *)sealed.data, sealed.len, &plain);
        PROPERTY(r != STORE_OPEN_OK, "flipped byte %zu not detected", at);
    }
    buf_free(&plain);
    buf_free(&sealed);
    return 0;
}
