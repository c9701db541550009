/*
 * store_crypto: the token store's file format, sealed with AES-256-GCM.
 *
 *   offset  size  field
 *        0     8  magic "PSMTPTS" + format version 0x01
 *        8    16  salt (random per write)
 *       24    16  key check: HKDF-SHA256(key, salt, "php-smtp token store v1 key check")
 *       40    12  GCM nonce (random per write)
 *       52     4  ciphertext length, big-endian
 *       56     n  ciphertext of the JSON document
 *     56+n    16  GCM tag; the 56 header bytes are the additional authenticated data
 *
 * The AES key is HKDF-SHA256(key, salt, "php-smtp token store v1 aes-256-gcm")
 * (RFC 5869). The key check tells a wrong key apart from a damaged file without
 * revealing anything about the key. Any standard library can read the format
 * (the tests decrypt it with PHP's hash_hkdf and openssl_decrypt).
 */
#ifndef SMTP_STORE_CRYPTO_H
#define SMTP_STORE_CRYPTO_H

#include <stddef.h>

#include "../util/buf.h"
#include "../util/error.h"

#define STORE_MAGIC        "PSMTPTS\x01"
#define STORE_MAGIC_LEN    8
#define STORE_HEADER_LEN   56
#define STORE_TAG_LEN      16

typedef enum {
    STORE_OPEN_OK = 0,
    STORE_OPEN_NOT_A_STORE,   /* wrong magic: some other file */
    STORE_OPEN_TRUNCATED,     /* shorter or longer than its header says */
    STORE_OPEN_WRONG_KEY,     /* the key check does not match */
    STORE_OPEN_DAMAGED,       /* right key, but the tag does not verify */
    STORE_OPEN_NO_MEMORY
} store_open_result;

/* Encrypts plain into out (replacing its content). 0, or -1 with err set. */
int store_seal(const void *key, size_t keylen, const char *plain, size_t plen,
               smtp_buf *out, smtp_error *err);

/* Decrypts a whole file's bytes into plain (NUL-terminated). */
store_open_result store_open(const void *key, size_t keylen, const unsigned char *data, size_t len,
                             smtp_buf *plain);

#endif
