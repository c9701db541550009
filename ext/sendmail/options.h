/*
 * options: the command line, as msmtp's sendmail mode reads it (and as PHP's
 * mail(), PHPMailer and cron call sendmail): -t -i -oi -f -r -F -C -v -q -bp
 * --config= --version --test, the options real sendmail takes that mean
 * nothing here accepted and ignored, anything else a usage error.
 */
#ifndef SM_OPTIONS_H
#define SM_OPTIONS_H

#include <stddef.h>

typedef enum { MODE_SEND = 0, MODE_QUEUE, MODE_LIST, MODE_TEST, MODE_VERSION, MODE_HELP } sm_mode;

typedef struct sm_options {
    sm_mode      mode;
    int          read_recipients;     /* -t */
    int          ignore_dots;         /* -i / -oi: a lone dot is data (always so here: read to EOF) */
    int          verbose;             /* -v */
    const char  *sender;              /* -f / -r, NULL when not given */
    const char  *full_name;           /* -F */
    const char  *config;              /* -C / --config */
    const char  *test_to;             /* --test ADDR */
    const char **recipients;          /* the words after the options (each may be a list) */
    size_t       nrecipients;
} sm_options;

/* Parses argv; the strings stay argv's. 0, or -1 with why (a usage error). */
int  sm_options_parse(sm_options *o, int argc, char **argv, char *why, size_t whylen);
void sm_options_free(sm_options *o);

#endif
