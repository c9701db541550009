/* strlist: owned list of strings (see strlist.h). */
#include "strlist.h"

#include <stdlib.h>
#include <string.h>

int strlist_add(smtp_strlist *l, const char *s, size_t len)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->items, cap * sizeof(*p));
        if (!p) {
            return -1;
        }
        l->items = p;
        l->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        return -1;
    }
    memcpy(copy, s, len);
    copy[len] = '\0';
    l->items[l->count++] = copy;
    return 0;
}

void strlist_clear(smtp_strlist *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i]);
    }
    free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}
