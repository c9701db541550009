/* SMTP reply parser (RFC 5321 4.2): fed whole and in pieces, it must agree with
 * itself, stay within its caps, and only ever report codes 200-599. */
#include "fuzz.h"
#include "core/smtp/reply.h"

static reply_status parse(const uint8_t *data, size_t size, size_t step, smtp_reply *r, size_t *used_total)
{
    reply_parser p;
    reply_parser_start(&p, r);
    reply_status st = REPLY_NEED_MORE;
    size_t off = 0;
    while (st == REPLY_NEED_MORE && off < size) {
        size_t n = size - off < step ? size - off : step, used = 0;
        st = reply_parser_feed(&p, (const char *)data + off, n, &used);
        PROPERTY(used <= n, "consumed more than given");
        PROPERTY(st != REPLY_NEED_MORE || used == n, "need more but did not consume everything");
        off += used;
    }
    *used_total = off;
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t step = (data[0] % 16) + 1;
    data++, size--;
    smtp_reply whole, pieces;
    reply_init(&whole);
    reply_init(&pieces);
    size_t used_whole, used_pieces;
    reply_status a = parse(data, size, size ? size : 1, &whole, &used_whole);
    reply_status b = parse(data, size, step, &pieces, &used_pieces);
    PROPERTY(a == b, "whole %d vs pieces %d", a, b);
    if (a == REPLY_DONE) {
        PROPERTY(whole.code >= 200 && whole.code <= 599, "code %d", whole.code);
        PROPERTY(whole.code == pieces.code && used_whole == used_pieces, "pieces disagree");
        PROPERTY(whole.text.len == pieces.text.len &&
                 (whole.text.len == 0 || memcmp(whole.text.data, pieces.text.data, whole.text.len) == 0),
                 "texts differ");
        PROPERTY(whole.text.len <= REPLY_MAX_TEXT && whole.lines <= REPLY_MAX_LINES, "caps exceeded");
        for (size_t i = 0; i < whole.text.len; i++) {
            unsigned char c = (unsigned char)whole.text.data[i];
            PROPERTY(c >= 0x20 || c == '\n' || c == '\t', "control byte 0x%02x in the reply text", c);
        }
        PROPERTY(strlen(whole.enhanced) < sizeof(whole.enhanced), "enhanced status overflow");
    }
    reply_free(&whole);
    reply_free(&pieces);
    return 0;
}
