/*
 * store_doc: the decrypted store as a json-c document, read and written under
 * the store's lock:
 *   {"version":1,"accounts":{"<name>":{"client":{...},"tokens":{...},
 *    "pending":{...},"authorized_at":..,"last_refresh":..,"last_error":..,
 *    "needs_reauthorization":..}}}
 * A store that cannot be read is never replaced by an empty one: a wrong key
 * leaves the file untouched; so does a file without the store's magic (some other
 * file: never renamed, not even a lock file is made beside it); a file with the
 * magic that fails its checks is moved aside; all are errors.
 */
#ifndef SMTP_STORE_DOC_H
#define SMTP_STORE_DOC_H

#include <json-c/json.h>

#include "store_file.h"
#include "token_store.h"

typedef struct store_doc {
    const token_store *ts;
    store_lock         lock;
    json_object       *root;
    json_object       *accounts;
} store_doc;

/* Locks and reads the store (an absent file is an empty store). */
int  store_doc_open(const token_store *ts, store_doc *d, smtp_error *err);
/* Encrypts and atomically replaces the file; the lock stays held. */
int  store_doc_save(store_doc *d, smtp_error *err);
/* Wipes the secrets from memory and releases the lock. */
void store_doc_close(store_doc *d);

/* The account's object; NULL with err set when it is not there (and !create). */
json_object *store_doc_account(store_doc *d, const char *account, int create, smtp_error *err);

const char  *doc_str(json_object *o, const char *key);     /* NULL when absent or empty */
long long    doc_int(json_object *o, const char *key);     /* 0 when absent */
int          doc_set_str(json_object *o, const char *key, const char *value);   /* NULL removes */
int          doc_set_int(json_object *o, const char *key, long long value);
json_object *doc_child(json_object *o, const char *key, int create);

#endif
