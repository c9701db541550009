/* options: see options.h. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An option's argument: attached ("-fADDR") or the next word ("-f ADDR"). */
static const char *take_arg(const char *attached, int argc, char **argv, int *i)
{
    if (*attached) return attached;
    if (*i + 1 < argc) return argv[++*i];
    return NULL;
}

static int long_option(sm_options *o, const char *w, int argc, char **argv, int *i, char *why, size_t whylen)
{
    if (strcmp(w, "--version") == 0) {
        o->mode = MODE_VERSION;
    } else if (strcmp(w, "--help") == 0) {
        o->mode = MODE_HELP;
    } else if (strncmp(w, "--config=", 9) == 0 && w[9]) {
        o->config = w + 9;
    } else if (strcmp(w, "--test") == 0 || strncmp(w, "--test=", 7) == 0) {
        o->test_to = w[6] == '=' ? w + 7 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!o->test_to || !*o->test_to) {
            snprintf(why, whylen, "--test needs the address to send the test message to");
            return -1;
        }
        o->mode = MODE_TEST;
    } else {
        snprintf(why, whylen, "unknown option '%.100s'", w);
        return -1;
    }
    return 0;
}

/* -b and -o options: the letter after them is part of the name. */
static int b_or_o_option(sm_options *o, const char *w, char *why, size_t whylen)
{
    if (strcmp(w, "-bp") == 0) {
        o->mode = MODE_LIST;
    } else if (strcmp(w, "-bm") == 0) {
        /* deliver mail the usual way: what we do anyway */
    } else if (strcmp(w, "-oi") == 0) {
        o->ignore_dots = 1;
    } else if (w[1] == 'o' && w[2]) {
        /* -oem, -odi, -oQ/dir, ...: sendmail's own options, meaningless here */
    } else {
        snprintf(why, whylen, "%s is not supported (%s)", w,
                 strcmp(w, "-bs") == 0 ? "no SMTP on standard input: give the message itself" :
                 w[1] == 'b' ? "only -bm and -bp are" : "-o needs a letter");
        return -1;
    }
    return 0;
}

/* A word of single-letter options, possibly grouped ("-ti", "-itf addr"). */
static int short_options(sm_options *o, const char *w, int argc, char **argv, int *i, char *why, size_t whylen)
{
    for (const char *p = w + 1; *p; p++) {
        const char **slot = NULL;
        const char *name = NULL;
        switch (*p) {
        case 't': o->read_recipients = 1; continue;
        case 'i': o->ignore_dots = 1; continue;
        case 'v': o->verbose = 1; continue;
        case 'G': case 'm': case 'n': continue;               /* accepted, ignored */
        case 'A': return 0;                                   /* -A with an attached argument */
        case 'q':
            if (p[1]) break;
            o->mode = MODE_QUEUE;
            continue;
        case 'f': case 'r': slot = &o->sender; name = "an envelope sender address"; break;
        case 'F': slot = &o->full_name; name = "a name"; break;
        case 'C': slot = &o->config; name = "a configuration file"; break;
        case 'B': case 'h': case 'L': case 'O': {
            const char *ignored = take_arg(p + 1, argc, argv, i);
            if (!ignored) break;
            return 0;
        }
        default: break;
        }
        if (!slot) {
            snprintf(why, whylen, "unknown option '-%c' in '%.100s'", *p, w);
            return -1;
        }
        *slot = take_arg(p + 1, argc, argv, i);
        if (!*slot) {
            snprintf(why, whylen, "-%c needs %s", *p, name);
            return -1;
        }
        return 0;
    }
    return 0;
}

int sm_options_parse(sm_options *o, int argc, char **argv, char *why, size_t whylen)
{
    memset(o, 0, sizeof(*o));
    o->recipients = calloc((size_t)(argc > 0 ? argc : 1), sizeof(char *));
    if (!o->recipients) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    for (int i = 1; i < argc; i++) {
        if (strpbrk(argv[i], "\r\n")) {
            /* no option, argument or address holds one; in --test's "To: %s", in -F's From or
             * in an address list ("a@b\nx: c@d" reads as a group) it would change the message */
            snprintf(why, whylen, "argument %d holds a line break (CR or LF)", i);
            return -1;
        }
    }
    int only_recipients = 0;
    for (int i = 1; i < argc; i++) {
        const char *w = argv[i];
        int rc = 0;
        if (only_recipients || w[0] != '-') {
            o->recipients[o->nrecipients++] = w;
        } else if (strcmp(w, "--") == 0) {
            only_recipients = 1;
        } else if (w[1] == '-') {
            rc = long_option(o, w, argc, argv, &i, why, whylen);
        } else if ((w[1] == 'b' || w[1] == 'o') && w[2] != '\0') {
            rc = b_or_o_option(o, w, why, whylen);
        } else if (w[1] == '\0') {
            snprintf(why, whylen, "'-' is not an option");
            rc = -1;
        } else {
            rc = short_options(o, w, argc, argv, &i, why, whylen);
        }
        if (rc != 0) {
            return -1;
        }
    }
    return 0;
}

void sm_options_free(sm_options *o)
{
    free(o->recipients);
    o->recipients = NULL;
}
