/*
 * headers: the header section of a message handed to sendmail (RFC 5322 2.2),
 * read as PHP's mail() and other programs write it: lines ending in LF, CRLF or
 * a lone CR (the framer makes each of them a line break on the wire, so they
 * are line breaks here too), folded fields, and address lists (RFC 5322 3.4)
 * for -t. Pure functions over bytes in memory (fuzzed: fuzz_sendmail).
 */
#ifndef SM_HEADERS_H
#define SM_HEADERS_H

#include <stddef.h>

#include "core/util/strlist.h"

/* Finds where the header section ends in data[0..len). Returns 1 when found:
 * *hlen is the length of the header lines (with their line ends), *body the
 * offset where the body begins (after the empty line, when there is one; a
 * line that is not a header field ends the section and begins the body). 0:
 * every line so far is a header line and more input may follow (at_eof: 1 is
 * returned instead, with everything in the header section). */
int headers_end(const char *data, size_t len, int at_eof, size_t *hlen, size_t *body);

/* One field of a header section: data[start..end) with its line ends,
 * the name data[start..start+name_len). */
typedef struct hdr_field {
    size_t start, name_len, end;
} hdr_field;

/* Steps through the fields of a header section (as delimited by headers_end).
 * *pos starts at 0. 1 with *f filled, 0 at the end. */
int headers_next(const char *h, size_t hlen, size_t *pos, hdr_field *f);
/* 1 when the field's name is name (case-insensitive). */
int header_is(const char *h, const hdr_field *f, const char *name);
/* The field's value unfolded (line ends removed), as a malloc'd string; NULL on memory. */
char *header_value(const char *h, const hdr_field *f);
/* Length of the line end at data[i] (1 or 2), or 0 when data[i] ends no line. */
size_t line_end_at(const char *data, size_t len, size_t i);

/* The addr-specs of an address list ("A <a@x>, b@y, group: c@z;"), appended
 * to out; display names, comments and groups' names dropped. 0, or -1 with
 * why (an unterminated quote, comment or angle bracket). Addresses are not
 * checked here. */
int addrlist_parse(const char *value, size_t len, smtp_strlist *out, char *why, size_t whylen);

#endif
