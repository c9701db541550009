/* fuzz.h: shared by the libFuzzer targets. A broken property aborts, which
 * libFuzzer reports as a crash with the input that caused it. */
#ifndef SMTP_FUZZ_H
#define SMTP_FUZZ_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROPERTY(cond, ...) do { if (!(cond)) { fprintf(stderr, "property violated: " __VA_ARGS__); \
    fprintf(stderr, "\n"); abort(); } } while (0)

/* A NUL-terminated copy of the input (the caller frees it). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Every CR is followed by LF and every LF preceded by CR; no line longer than max (without CRLF). */
static inline void check_crlf_lines(const char *p, size_t len, size_t max, const char *what)
{
    size_t line = 0;
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '\r') {
            PROPERTY(i + 1 < len && p[i + 1] == '\n', "%s: bare CR at %zu", what, i);
        } else if (p[i] == '\n') {
            PROPERTY(i > 0 && p[i - 1] == '\r', "%s: bare LF at %zu", what, i);
            line = 0;
            continue;
        } else {
            line++;
        }
        PROPERTY(p[i] == '\r' || line <= max, "%s: line longer than %zu at %zu", what, max, i);
    }
}

static inline int printable_ascii(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f) return 0;
    }
    return 1;
}

static inline int no_control(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f) return 0;
    }
    return 1;
}

#endif
