/* error: failure reports of the core (see error.h). */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_clear(smtp_error *e)
{
    memset(e, 0, sizeof(*e));
}

void error_set(smtp_error *e, smtp_error_kind kind, int temporary, const char *fmt, ...)
{
    error_clear(e);
    e->kind = kind;
    e->temporary = temporary;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof(e->message), fmt, ap);
    va_end(ap);
}

int error_is_set(const smtp_error *e)
{
    return e->kind != SMTP_ERR_NONE;
}
