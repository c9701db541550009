/*
 * intake: the message on standard input, as PHP's mail() and other programs
 * write it, copied to a file in constant memory, ready to be sent: its header
 * section read (the recipients of To, Cc and Bcc for -t), Bcc removed, Date,
 * Message-ID and From added when missing (never a second one), the body kept
 * byte for byte (the core's framer makes the line ends CRLF and stuffs dots).
 */
#ifndef SM_INTAKE_H
#define SM_INTAKE_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "core/util/strlist.h"

#define SM_MAX_HEADER_BYTES (1024 * 1024)

typedef struct sm_intake_opts {
    int         read_recipients;   /* -t: collect To, Cc, Bcc */
    const char *sender;            /* the envelope sender (-f, else the config's from); NULL: From's */
    const char *full_name;         /* -F: the name for an added From */
    const char *dir;               /* where the file goes (the spool, or a temporary directory) */
    int         keep_name;         /* 1: the file keeps its name (it may be spooled), 0: unlinked at once */
} sm_intake_opts;

typedef struct sm_message {
    int          fd;               /* the copy, read back with pread */
    char         path[PATH_MAX];   /* its name while it has one */
    uint64_t     size;             /* bytes in the file */
    uint64_t     wire_size;        /* bytes with every line end CRLF (for SIZE=) */
    int          eightbit;         /* a byte above 127 somewhere */
    smtp_strlist header_rcpts;     /* -t */
    char        *from_addr;        /* the first address of the From field, or NULL */
    char         message_id[320];  /* the Message-ID (given or added), without <> */
} sm_message;

void sm_message_init(sm_message *m);
/* Closes the file, unlinks it when it still has a name, frees the rest. */
void sm_message_free(sm_message *m);

/* Reads pre[0..prelen) then fd (fd < 0: none) to EOF into a new file in
 * o->dir. 0; -1 with why and *exit_code (65 a bad header, 74 unreadable
 * input, 75 the file cannot be written). */
int sm_intake(int fd, const char *pre, size_t prelen, const sm_intake_opts *o, sm_message *m, int *exit_code,
              char *why, size_t whylen);

#endif
