/* EHLO capability parser: bounded copies, AUTH list always " A B " shaped. */
#include "fuzz.h"
#include "core/smtp/caps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    smtp_caps caps;
    caps_parse(&caps, text);
    size_t n = strlen(caps.auth);
    PROPERTY(n < sizeof(caps.auth), "AUTH list overflow");
    PROPERTY(n == 0 || (caps.auth[0] == ' ' && caps.auth[n - 1] == ' '), "AUTH list not space-delimited: '%s'", caps.auth);
    PROPERTY(!strstr(caps.auth, "  "), "empty mechanism in '%s'", caps.auth);
    free(text);
    return 0;
}
