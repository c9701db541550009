/* store_doc: see store_doc.h. */
#include "store_doc.h"
#include "store_crypto.h"
#include "oauth.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

/* json-c frees strings without clearing them; tokens must not outlive their use.
 * Wipes the strings of o and keeps it (oauth_json_put releases one reference). */
static void wipe_strings(json_object *o)
{
    oauth_json_put(json_object_get(o));
}

static int empty_document(store_doc *d, smtp_error *err)
{
    d->root = json_object_new_object();
    d->accounts = json_object_new_object();
    if (!d->root || !d->accounts || json_object_object_add(d->root, "version", json_object_new_int(1)) ||
        json_object_object_add(d->root, "accounts", d->accounts)) {
        error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
        return -1;
    }
    return 0;
}

static const char *damage_reason(store_open_result r)
{
    switch (r) {
    case STORE_OPEN_TRUNCATED:   return "it is truncated (shorter or longer than its header says)";
    case STORE_OPEN_DAMAGED:     return "its content fails the integrity check (modified or damaged)";
    default:                     return "its content is not a valid document";
    }
}

/* A file without the store's magic is some other file (a typo in the path, a
 * configuration file): it is refused and never touched, read-only call or not. */
static int refuse_foreign(const char *path, smtp_error *err)
{
    error_set(err, SMTP_ERR_IO, 0,
              "token store %s: the file is not a php-smtp token store (it does not begin with the store's header); "
              "it was left untouched: name a new file, or remove this one if it is meant to be a store", path);
    return -1;
}

/* Moves the damaged file aside and reports both facts in one error. */
static int report_damage(store_doc *d, const char *reason, smtp_error *err)
{
    char moved[4200];
    smtp_error move_err;
    error_clear(&move_err);
    if (store_file_move_aside(d->ts->path, moved, sizeof(moved), &move_err) != 0) {
        error_set(err, SMTP_ERR_IO, 0, "token store %s cannot be read: %s; %s", d->ts->path, reason, move_err.message);
    } else {
        error_set(err, SMTP_ERR_IO, 0,
                  "token store %s cannot be read: %s. It was moved to %s (kept for inspection); "
                  "the accounts in it must be set up and authorized again", d->ts->path, reason, moved);
    }
    return -1;
}

static int parse_document(store_doc *d, const smtp_buf *plain, smtp_error *err)
{
    json_object *root = plain->data ? oauth_json_parse(plain->data, plain->len) : NULL;
    json_object *accounts = NULL;
    if (!root || !json_object_is_type(root, json_type_object) ||
        !json_object_object_get_ex(root, "accounts", &accounts) || !json_object_is_type(accounts, json_type_object)) {
        oauth_json_put(root);
        return report_damage(d, damage_reason(STORE_OPEN_OK), err);
    }
    d->root = root;
    d->accounts = accounts;
    return 0;
}

int store_doc_open(const token_store *ts, store_doc *d, smtp_error *err)
{
    memset(d, 0, sizeof(*d));
    d->ts = ts;
    d->lock.fd = -1;
    int ours = store_file_starts_with(ts->path, STORE_MAGIC, STORE_MAGIC_LEN, err);
    if (ours <= 0) {
        return ours < 0 ? -1 : refuse_foreign(ts->path, err);
    }
    if (store_lock_take(ts->path, &d->lock, err) != 0) {
        return -1;
    }
    smtp_buf raw = SMTP_BUF_INIT, plain = SMTP_BUF_INIT;
    int missing = 0, rc = -1;
    if (store_file_read(ts->path, &raw, &missing, err) != 0) {
        goto out;
    }
    if (missing) {
        rc = empty_document(d, err);
        goto out;
    }
    store_open_result r = store_open(ts->key, ts->keylen, (const unsigned char *)raw.data, raw.len, &plain);
    if (r == STORE_OPEN_OK) {
        rc = parse_document(d, &plain, err);
    } else if (r == STORE_OPEN_WRONG_KEY) {
        error_set(err, SMTP_ERR_IO, 0,
                  "token store %s: the key does not match the one it was written with (was the key changed?); "
                  "the file was left untouched", ts->path);
    } else if (r == STORE_OPEN_NOT_A_STORE) {
        rc = refuse_foreign(ts->path, err);   /* replaced by another file since the check above */
    } else if (r == STORE_OPEN_NO_MEMORY) {
        error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
    } else {
        rc = report_damage(d, damage_reason(r), err);
    }
out:
    if (plain.data) OPENSSL_cleanse(plain.data, plain.cap);
    buf_free(&plain);
    buf_free(&raw);
    if (rc != 0) {
        store_doc_close(d);
    }
    return rc;
}

int store_doc_save(store_doc *d, smtp_error *err)
{
    size_t len = 0;
    const char *text = json_object_to_json_string_length(d->root, JSON_C_TO_STRING_PLAIN, &len);
    smtp_buf sealed = SMTP_BUF_INIT;
    if (!text) {
        error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
        return -1;
    }
    int rc = store_seal(d->ts->key, d->ts->keylen, text, len, &sealed, err);
    OPENSSL_cleanse((char *)text, len);
    if (rc == 0) {
        rc = store_file_replace(d->ts->path, sealed.data, sealed.len, err);
    }
    buf_free(&sealed);
    return rc;
}

void store_doc_close(store_doc *d)
{
    if (d->root) {
        oauth_json_put(d->root);
    }
    d->root = d->accounts = NULL;
    store_lock_release(&d->lock);
}

json_object *store_doc_account(store_doc *d, const char *account, int create, smtp_error *err)
{
    json_object *a = NULL;
    if (json_object_object_get_ex(d->accounts, account, &a) && json_object_is_type(a, json_type_object)) {
        return a;
    }
    if (!create) {
        error_set(err, SMTP_ERR_ARGUMENT, 0, "account '%s' is not in the token store %s (setClient() adds it)",
                  account, d->ts->path);
        return NULL;
    }
    a = json_object_new_object();
    if (!a || json_object_object_add(d->accounts, account, a) != 0) {
        json_object_put(a);
        error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
        return NULL;
    }
    return a;
}

const char *doc_str(json_object *o, const char *key)
{
    json_object *v;
    if (o && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)) {
        const char *s = json_object_get_string(v);
        return *s ? s : NULL;
    }
    return NULL;
}

long long doc_int(json_object *o, const char *key)
{
    json_object *v;
    if (o && json_object_object_get_ex(o, key, &v) &&
        (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_boolean))) {
        return json_object_get_int64(v);
    }
    return 0;
}

static void wipe_member(json_object *o, const char *key)
{
    json_object *old;
    if (json_object_object_get_ex(o, key, &old)) {
        wipe_strings(old);
    }
}

int doc_set_str(json_object *o, const char *key, const char *value)
{
    wipe_member(o, key);
    if (!value) {
        json_object_object_del(o, key);
        return 0;
    }
    json_object *v = json_object_new_string(value);
    return v && json_object_object_add(o, key, v) == 0 ? 0 : -1;
}

int doc_set_int(json_object *o, const char *key, long long value)
{
    json_object *v = json_object_new_int64(value);
    return v && json_object_object_add(o, key, v) == 0 ? 0 : -1;
}

json_object *doc_child(json_object *o, const char *key, int create)
{
    json_object *c = NULL;
    if (json_object_object_get_ex(o, key, &c) && json_object_is_type(c, json_type_object)) {
        return c;
    }
    if (!create) {
        return NULL;
    }
    c = json_object_new_object();
    if (!c || json_object_object_add(o, key, c) != 0) {
        json_object_put(c);
        return NULL;
    }
    return c;
}
