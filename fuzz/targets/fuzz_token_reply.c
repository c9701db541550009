/* Token endpoint replies (RFC 6749 5.1/5.2): any status and body gives a
 * classified outcome; an OK carries a token; error texts have no control bytes. */
#include "fuzz.h"
#include "core/oauth/oauth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    static const long statuses[] = { 200, 400, 401, 403, 404, 429, 500, 503 };
    long status = statuses[data[0] % 8];
    oauth_token_reply r;
    oauth_parse_token_reply(status, (const char *)data + 1, size - 1, &r);
    PROPERTY(r.outcome >= OAUTH_REPLY_OK && r.outcome <= OAUTH_REPLY_MALFORMED, "outcome");
    if (r.outcome == OAUTH_REPLY_OK) {
        PROPERTY(status == 200 && r.access_token && *r.access_token, "OK without a token");
    } else {
        PROPERTY(!r.access_token, "token on failure");
    }
    PROPERTY(no_control(r.error) && no_control(r.description), "control bytes in the error text");
    PROPERTY(r.expires_in >= -1 && r.refresh_expires_in >= -1, "negative lifetime");
    oauth_token_reply_free(&r);
    return 0;
}
