/* base64: RFC 4648 encoding and decoding through OpenSSL's EVP_EncodeBlock. */
#ifndef SMTP_BASE64_H
#define SMTP_BASE64_H

#include <stddef.h>
#include "buf.h"

/* Appends the base64 of data (no line breaks). 0, or -1 on memory. */
int base64_append(smtp_buf *out, const void *data, size_t len);
/* Decodes text (padding required, no whitespace) into out. 0, or -1 when the
 * input is not valid base64 or memory runs out. */
int base64_decode(smtp_buf *out, const char *text, size_t len);

#endif
