/*
 * queue: the spool's two commands. -q sends every entry that is due, over one
 * connection, each under its lock; -bp lists the entries and those that failed.
 */
#ifndef SM_QUEUE_H
#define SM_QUEUE_H

#include "config.h"

/* -q: returns the exit status (0 unless the spool cannot be read). */
int sm_queue_run(const sm_config *cfg, int verbose);
/* -bp: prints the spool to stdout; returns the exit status. */
int sm_queue_list(const sm_config *cfg);

#endif
