/*
 * error: how the core reports a failure to its caller. Every failing core
 * function fills one smtp_error; the binding turns it into a PHP exception.
 * The message always names the stage (what was being done) and, when a server
 * answered, carries the server's own words.
 */
#ifndef SMTP_ERROR_H
#define SMTP_ERROR_H

typedef enum {
    SMTP_ERR_NONE = 0,
    SMTP_ERR_ARGUMENT,      /* caller's input is invalid: nothing was sent */
    SMTP_ERR_NETWORK,       /* resolve / connect / read / write / timeout */
    SMTP_ERR_TLS,           /* handshake or certificate */
    SMTP_ERR_PROTOCOL,      /* malformed or hostile server reply */
    SMTP_ERR_REPLY,         /* the server refused (a 4xx/5xx reply) */
    SMTP_ERR_SECURITY,      /* a policy refusal: no STARTTLS, injection, plaintext auth */
    SMTP_ERR_MEMORY,
    SMTP_ERR_IO             /* local files */
} smtp_error_kind;

typedef struct smtp_error {
    smtp_error_kind kind;
    int  code;              /* SMTP reply code, 0 when none applies */
    char enhanced[16];      /* RFC 3463 status such as "5.7.8", or "" */
    int  temporary;         /* 4xx, timeouts, connection loss */
    int  outcome_unknown;   /* connection lost after the final dot: maybe delivered */
    int  http_status;       /* HTTPS API transports: the HTTP status, 0 when none arrived */
    int  retry_after;       /* seconds the API asked to wait (Retry-After), 0 when it did not */
    char message[2048];
} smtp_error;

void error_clear(smtp_error *e);
/* Sets kind and message (printf-style); code/enhanced cleared, temporary as given. */
void error_set(smtp_error *e, smtp_error_kind kind, int temporary, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int  error_is_set(const smtp_error *e);

#endif
