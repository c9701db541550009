/* HTTPS API replies (ext/core/api/reply.c): any API, status, error-type header and
 * body gives a classified outcome; success only for a 2xx; authentication refusals
 * are never temporary; every text is printable; Mandrill's per-recipient lists agree. */
#include "fuzz.h"
#include "core/api/reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3) return 0;
    static const long statuses[] = { 200, 202, 400, 401, 403, 404, 413, 422, 429, 500, 502, 503, 204, 299, 100, 0 };
    api_kind k = (api_kind)(data[0] % API_COUNT);
    long status = statuses[data[1] % 16];
    api_reply_headers h;
    memset(&h, 0, sizeof(h));
    size_t tl = data[2] % 64;
    if (tl > size - 3) tl = size - 3;
    memcpy(h.error_type, data + 3, tl < sizeof(h.error_type) - 1 ? tl : sizeof(h.error_type) - 1);
    snprintf(h.request_id, sizeof(h.request_id), "%s", "req-1");
    h.retry_after = data[1];
    const char *body = (const char *)data + 3 + tl;
    size_t len = size - 3 - tl;
    api_reply r;
    api_reply_parse(k, status, &h, body, len, &r);
    PROPERTY(!r.ok || (status >= 200 && status < 300), "accepted with HTTP %ld", status);
    PROPERTY(!(r.ok && r.unknown), "both accepted and unknown");
    PROPERTY(r.ok || r.unknown || r.text[0], "a refusal without words");
    PROPERTY(!(r.auth && r.temporary), "an authentication refusal called temporary");
    PROPERTY(no_control(r.text) && no_control(r.provider_id), "control bytes in the text");
    PROPERTY(r.rejected.count == r.rejected_reply.count, "rejected lists differ");
    if (r.per_recipient) PROPERTY(r.ok == (r.accepted.count > 0), "mandrill accepted none but ok");
    if (!(status >= 200 && status < 300)) PROPERTY(!r.per_recipient && !r.ok, "per-recipient on an error");
    for (size_t i = 0; i < r.accepted.count; i++) PROPERTY(no_control(r.accepted.items[i]), "control bytes in an address");
    api_reply_free(&r);
    return 0;
}
