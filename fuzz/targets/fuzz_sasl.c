/* SASL error challenge decoding (the XOAUTH2 / OAUTHBEARER 334 JSON): whatever
 * the server sends, the description is bounded printable ASCII. */
#include "fuzz.h"
#include "core/sasl/sasl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *challenge = fuzz_string(data, size);
    char out[256];
    memset(out, 'x', sizeof(out));
    sasl_describe_oauth_error(challenge, out, sizeof(out));
    PROPERTY(memchr(out, '\0', sizeof(out)) != NULL, "not terminated");
    PROPERTY(printable_ascii(out), "non-printable byte in '%s'", out);
    free(challenge);
    return 0;
}
