/*
 * log: one line per message: the envelope sender, the recipients, the size
 * sent, and the server's final reply or the error; to syslog (facility mail)
 * or appended to a file. Nothing secret reaches it: the core's messages and the
 * server's replies never carry credentials.
 */
#ifndef SM_LOG_H
#define SM_LOG_H

#include "config.h"
#include "deliver.h"

/* status: "sent", "spooled", "deferred", "failed". */
void sm_log(const sm_config *cfg, const sm_job *job, const sm_outcome *o, const char *status, const char *spool_id);

#endif
