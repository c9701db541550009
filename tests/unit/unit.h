/* unit.h: the tiny assertion helper the unit test files share. */
#ifndef SMTP_UNIT_H
#define SMTP_UNIT_H

#include <stdio.h>

extern int passed, failed;

#define CHECK(cond, ...) do { if (cond) passed++; else { failed++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
    printf(__VA_ARGS__); printf("\n"); } } while (0)

/* test_oauth.c: OpenSSL's random generator fails from now on (1), or is OpenSSL's again (0). */
void unit_rand_fails(int on);

void test_oauth(void);
void test_transaction(void);
void test_api(void);
void test_sendmail(void);

#endif
