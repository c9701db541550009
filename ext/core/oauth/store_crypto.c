/* store_crypto: see store_crypto.h for the format. */
#include "store_crypto.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#define SALT_OFF   8
#define CHECK_OFF  24
#define NONCE_OFF  40
#define LEN_OFF    52
#define SALT_LEN   16
#define CHECK_LEN  16
#define NONCE_LEN  12

static const char INFO_KEY[] = "php-smtp token store v1 aes-256-gcm";
static const char INFO_CHECK[] = "php-smtp token store v1 key check";

/* HKDF-SHA256 (RFC 5869) of key with salt and info into out[outlen]. */
static int hkdf(const void *key, size_t keylen, const unsigned char *salt, const char *info,
                unsigned char *out, size_t outlen)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
    int ok = ctx && EVP_PKEY_derive_init(ctx) > 0 &&
             EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) > 0 &&
             EVP_PKEY_CTX_set1_hkdf_salt(ctx, salt, SALT_LEN) > 0 &&
             EVP_PKEY_CTX_set1_hkdf_key(ctx, key, (int)keylen) > 0 &&
             EVP_PKEY_CTX_add1_hkdf_info(ctx, (const unsigned char *)info, (int)strlen(info)) > 0 &&
             EVP_PKEY_derive(ctx, out, &outlen) > 0;
    EVP_PKEY_CTX_free(ctx);
    return ok ? 0 : -1;
}

static void put_be32(unsigned char *p, size_t v)
{
    p[0] = (unsigned char)(v >> 24); p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);  p[3] = (unsigned char)v;
}

static size_t get_be32(const unsigned char *p)
{
    return ((size_t)p[0] << 24) | ((size_t)p[1] << 16) | ((size_t)p[2] << 8) | p[3];
}

/* One GCM pass: encrypt (enc=1) or decrypt-and-verify (enc=0) in into out. */
static int gcm(int enc, const unsigned char *aeskey, const unsigned char *nonce, const unsigned char *aad,
               const unsigned char *in, size_t len, unsigned char *out, unsigned char *tag)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n = 0, ok = ctx && EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) > 0 &&
                    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN, NULL) > 0 &&
                    EVP_CipherInit_ex(ctx, NULL, NULL, aeskey, nonce, enc) > 0 &&
                    EVP_CipherUpdate(ctx, NULL, &n, aad, STORE_HEADER_LEN) > 0 &&
                    (len == 0 || EVP_CipherUpdate(ctx, out, &n, in, (int)len) > 0);
    if (ok && !enc) {
        ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, STORE_TAG_LEN, tag) > 0;
    }
    ok = ok && EVP_CipherFinal_ex(ctx, out + (len ? n : 0), &n) > 0;
    if (ok && enc) {
        ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, STORE_TAG_LEN, tag) > 0;
    }
    EVP_CIPHER_CTX_free(ctx);
    return ok ? 0 : -1;
}

int store_seal(const void *key, size_t keylen, const char *plain, size_t plen, smtp_buf *out, smtp_error *err)
{
    unsigned char aeskey[32];
    buf_reset(out);
    if (plen > 0x7fffffffu || buf_reserve(out, STORE_HEADER_LEN + plen + STORE_TAG_LEN + 1) != 0) {
        error_set(err, SMTP_ERR_MEMORY, 0, "token store: out of memory");
        return -1;
    }
    unsigned char *h = (unsigned char *)out->data;
    memcpy(h, STORE_MAGIC, 8);
    if (RAND_bytes(h + SALT_OFF, SALT_LEN) != 1 || RAND_bytes(h + NONCE_OFF, NONCE_LEN) != 1 ||
        hkdf(key, keylen, h + SALT_OFF, INFO_CHECK, h + CHECK_OFF, CHECK_LEN) != 0 ||
        hkdf(key, keylen, h + SALT_OFF, INFO_KEY, aeskey, sizeof(aeskey)) != 0) {
        error_set(err, SMTP_ERR_IO, 0, "token store: OpenSSL could not derive the encryption key");
        return -1;
    }
    put_be32(h + LEN_OFF, plen);
    int rc = gcm(1, aeskey, h + NONCE_OFF, h, (const unsigned char *)plain, plen,
                 h + STORE_HEADER_LEN, h + STORE_HEADER_LEN + plen);
    OPENSSL_cleanse(aeskey, sizeof(aeskey));
    if (rc != 0) {
        error_set(err, SMTP_ERR_IO, 0, "token store: OpenSSL AES-256-GCM encryption failed");
        return -1;
    }
    out->len = STORE_HEADER_LEN + plen + STORE_TAG_LEN;
    return 0;
}

store_open_result store_open(const void *key, size_t keylen, const unsigned char *data, size_t len,
                             smtp_buf *plain)
{
    if (len < 8 || memcmp(data, STORE_MAGIC, 8) != 0) {
        return STORE_OPEN_NOT_A_STORE;
    }
    if (len < STORE_HEADER_LEN + STORE_TAG_LEN ||
        get_be32(data + LEN_OFF) != len - STORE_HEADER_LEN - STORE_TAG_LEN) {
        return STORE_OPEN_TRUNCATED;
    }
    size_t clen = len - STORE_HEADER_LEN - STORE_TAG_LEN;
    unsigned char check[CHECK_LEN], aeskey[32], tag[STORE_TAG_LEN];
    if (hkdf(key, keylen, data + SALT_OFF, INFO_CHECK, check, CHECK_LEN) != 0) {
        return STORE_OPEN_NO_MEMORY;
    }
    if (CRYPTO_memcmp(check, data + CHECK_OFF, CHECK_LEN) != 0) {
        return STORE_OPEN_WRONG_KEY;
    }
    buf_reset(plain);
    if (buf_reserve(plain, clen + 1) != 0 || hkdf(key, keylen, data + SALT_OFF, INFO_KEY, aeskey, 32) != 0) {
        return STORE_OPEN_NO_MEMORY;
    }
    memcpy(tag, data + STORE_HEADER_LEN + clen, STORE_TAG_LEN);
    int rc = gcm(0, aeskey, data + NONCE_OFF, data, data + STORE_HEADER_LEN, clen,
                 (unsigned char *)plain->data, tag);
    OPENSSL_cleanse(aeskey, sizeof(aeskey));
    if (rc != 0) {
        OPENSSL_cleanse(plain->data, clen);
        return STORE_OPEN_DAMAGED;
    }
    plain->len = clen;
    plain->data[clen] = '\0';
    return STORE_OPEN_OK;
}
