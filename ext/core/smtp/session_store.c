/* session_store: see session_store.h. */
#include "session_store.h"

#include <stdio.h>
#include <string.h>

static void wipe(smtp_buf *b)
{
    if (b->data) {
        memset(b->data, 0, b->len);
    }
    buf_free(b);
}

int session_open_with_store(smtp_session *s, const smtp_config *cfg, token_store *ts, const char *account,
                            smtp_error *err)
{
    smtp_buf token = SMTP_BUF_INIT, fresh = SMTP_BUF_INIT;
    smtp_config run = *cfg;
    int rc = -2;
    if (token_store_access_token(ts, account, NULL, &token, err) == 0) {
        run.oauth_token = token.data;
        rc = session_open(s, &run, err);
    }
    if (rc == -1 && s->auth_rejected) {
        smtp_error refused = *err;
        session_note(s, "*: the server refused the access token; refreshing it and trying once more");
        if (token_store_access_token(ts, account, token.data, &fresh, err) != 0) {
            size_t used = strlen(err->message);
            snprintf(err->message + used, sizeof(err->message) - used, " (after: %s)", refused.message);
            rc = -2;
        } else {
            run.oauth_token = fresh.data;
            rc = session_open(s, &run, err);
        }
    }
    wipe(&token);
    wipe(&fresh);
    return rc;
}
