/*
 * spool: messages waiting for the relay, in a directory of their own (0700).
 * An entry is two files: ID.msg (the message as it will be sent) and ID.env
 * (its envelope and retry state, text). ID.env is written last and removed
 * first, so an entry exists exactly when its .env does. Both are fsynced and
 * the directory too before the entry counts as spooled. A process works on an
 * entry only under an exclusive flock of its .env, re-checked against the name
 * after locking, so two queue runs never send one message twice. A message
 * refused for good leaves ID.failed (the server's words) beside its ID.msg.
 */
#ifndef SM_SPOOL_H
#define SM_SPOOL_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "core/util/strlist.h"

#define SPOOL_BACKOFF_MIN 60      /* seconds after the first failed retry, doubling */
#define SPOOL_BACKOFF_MAX 3600

typedef struct sm_entry {
    char         id[96];
    char        *from;
    smtp_strlist rcpt;
    uint64_t     size;            /* wire size, for SIZE= */
    int          eightbit;
    long long    created, next;   /* Unix times: spooled, due */
    int          attempts;        /* retries so far */
    char         error[1024];     /* the last failure */
    int          lock_fd;         /* the locked .env, or -1 */
} sm_entry;

void sm_entry_init(sm_entry *e);
void sm_entry_free(sm_entry *e);   /* unlocks */

/* Creates dir (0700) when missing; refuses one that group or others may enter. 0, or -1 with why. */
int spool_check_dir(const char *dir, char *why, size_t whylen);
/* Makes the message at tmp_path (open as msg_fd) the entry e->id, with e as its envelope, durably. */
int spool_commit(const char *dir, sm_entry *e, const char *tmp_path, int msg_fd, char *why, size_t whylen);
/* A new entry id: time, pid and randomness, sorting by age. */
void spool_new_id(char *id, size_t idlen);
/* The ids of the entries, oldest first (into out). 0, or -1 with why. */
int spool_list(const char *dir, smtp_strlist *out, char *why, size_t whylen);
/* The ids of the entries that failed for good. */
int spool_list_failed(const char *dir, smtp_strlist *out, char *why, size_t whylen);
/* Locks and reads entry id. 1 locked and read; 0 another process has it or it
 * is gone; -1 with why (an unreadable entry). */
int spool_lock(const char *dir, const char *id, sm_entry *e, char *why, size_t whylen);
/* Reads an entry without locking (for listing). 0, or -1. */
int spool_peek(const char *dir, const char *id, sm_entry *e, char *why, size_t whylen);
/* Opens ID.msg for reading. fd, or -1 with why. */
int spool_open_message(const char *dir, const char *id, char *why, size_t whylen);
/* Rewrites the locked entry's envelope (retry state, remaining recipients). */
int spool_update(const char *dir, sm_entry *e, char *why, size_t whylen);
/* The locked entry was delivered: removed. */
int spool_remove(const char *dir, sm_entry *e, char *why, size_t whylen);
/* The locked entry was refused for good: ID.failed written with reason, ID.env removed. */
int spool_fail(const char *dir, sm_entry *e, const char *reason, char *why, size_t whylen);
/* Removes what an interrupted command left, older than an hour: tmp-* files,
 * and ID.msg files with neither an ID.env nor an ID.failed. */
void spool_sweep(const char *dir);
/* The wait after the n-th failed retry (n >= 1): 1 minute doubling to 1 hour. */
long long spool_backoff(int n);

#endif
