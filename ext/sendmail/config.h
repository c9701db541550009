/*
 * config: php-smtp-sendmail's configuration file: "key = value" lines, '#'
 * comments, a value optionally in double quotes (\" and \\ inside). The parser
 * is a pure function over the text (fuzzed: fuzz/targets/fuzz_sendmail.c); the
 * loader adds the file rules: a file holding a password, and any password or
 * key file, must not be readable by group or others (as msmtp requires).
 */
#ifndef SM_CONFIG_H
#define SM_CONFIG_H

#include <stddef.h>

#include "core/smtp/session.h"

#define SM_DEFAULT_CONFIG "/etc/php-smtp/sendmail.conf"

typedef struct sm_config {
    char         *path;            /* the file it came from */
    char         *host;
    int           port;            /* 0 until sm_config_check: 587, or 465 for tls */
    smtp_security security;
    smtp_auth     auth;
    char         *username, *password, *password_file;
    char         *from, *helo, *cafile;
    int           timeout;         /* seconds per network step */
    char         *token_store, *token_key_file, *oauth_account;
    char         *spool, *log;
    int           security_set, auth_set;
} sm_config;

void sm_config_init(sm_config *c);
void sm_config_free(sm_config *c);   /* wipes the password */

/* Parses text into c (which must be freshly initialised). 0, or -1 with why
 * ("line 3: unknown key 'hots'"). Never reads a file. */
int sm_config_parse(sm_config *c, const char *text, size_t len, char *why, size_t whylen);
/* Checks the settings together (host given, one password source, what
 * xoauth2 needs) and fills defaults. 0, or -1 with why. */
int sm_config_check(sm_config *c, char *why, size_t whylen);
/* Reads, parses and checks path; the password file's content replaces
 * password_file. 0, or -1 with why (every failure is a configuration error). */
int sm_config_load(sm_config *c, const char *path, char *why, size_t whylen);

/* A secret alone in a file (one trailing newline ignored), refused when the
 * file is readable by group or others. *out is malloc'd; wipe it after use.
 * 0, or -1 with why naming the file. */
int sm_read_secret(const char *path, const char *what, char **out, size_t *outlen, char *why, size_t whylen);

#endif
