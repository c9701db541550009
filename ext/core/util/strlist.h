/* strlist: an owned list of NUL-terminated strings (transcripts, recipients). */
#ifndef SMTP_STRLIST_H
#define SMTP_STRLIST_H

#include <stddef.h>

typedef struct smtp_strlist {
    char  **items;
    size_t  count;
    size_t  cap;
} smtp_strlist;

#define SMTP_STRLIST_INIT { NULL, 0, 0 }

/* Copies len bytes of s; returns 0, or -1 when memory runs out. */
int  strlist_add(smtp_strlist *l, const char *s, size_t len);
void strlist_clear(smtp_strlist *l);

#endif
