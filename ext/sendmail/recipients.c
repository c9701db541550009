/* recipients: see recipients.h. */
#include "recipients.h"
#include "headers.h"
#include "core/mime/address.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

/* The envelope recipients: the arguments (each may be a list), then with -t
 * those of To, Cc and Bcc; each once, each checked. */
int sm_recipients(const sm_options *o, const smtp_strlist *from_headers, smtp_strlist *out, int *utf8,
                  char *why, size_t whylen)
{
    smtp_strlist all = SMTP_STRLIST_INIT;
    for (size_t i = 0; i < o->nrecipients; i++) {
        char inner[200];
        if (addrlist_parse(o->recipients[i], strlen(o->recipients[i]), &all, inner, sizeof(inner)) != 0) {
            snprintf(why, whylen, "bad recipient '%.200s': %s", o->recipients[i], inner);
            strlist_clear(&all);
            return EX_DATAERR;
        }
    }
    for (size_t i = 0; o->read_recipients && i < from_headers->count; i++) {
        strlist_add(&all, from_headers->items[i], strlen(from_headers->items[i]));
    }
    int code = EX_OK;
    for (size_t i = 0; i < all.count && code == EX_OK; i++) {
        int u = 0, dup = 0;
        char inner[200];
        if (address_check_email(all.items[i], strlen(all.items[i]), &u, inner, sizeof(inner)) != 0) {
            snprintf(why, whylen, "bad recipient address '%.200s': %s", all.items[i], inner);
            code = EX_DATAERR;
            break;
        }
        for (size_t j = 0; j < out->count; j++) dup |= strcasecmp(out->items[j], all.items[i]) == 0;
        if (!dup) strlist_add(out, all.items[i], strlen(all.items[i]));
        *utf8 |= u;
    }
    strlist_clear(&all);
    if (code == EX_OK && out->count == 0) {
        snprintf(why, whylen, "no recipients: give them as arguments, or use -t to read To, Cc and Bcc");
        code = EX_USAGE;
    }
    return code;
}
