/* php-smtp-sendmail's configuration parser (ext/sendmail/config.c): any bytes
 * are refused with a reason or give settings in range; every string setting
 * written back as key = "value" (escaped) parses to the same settings. */
#include "fuzz.h"
#include "sendmail/config.h"
#include "core/util/buf.h"

static void put(smtp_buf *b, const char *key, const char *v)
{
    if (!v) return;
    buf_printf(b, "%s = \"", key);
    for (; *v; v++) {
        if (*v == '"' || *v == '\\') buf_append(b, "\\", 1);
        buf_append(b, v, 1);
    }
    buf_puts(b, "\"\n");
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sm_config c, again;
    char why[600] = "";
    sm_config_init(&c);
    if (sm_config_parse(&c, (const char *)data, size, why, sizeof(why)) != 0) {
        PROPERTY(why[0] != '\0', "refused without a reason");
        sm_config_free(&c);
        return 0;
    }
    const char *const strs[] = { c.host, c.username, c.password, c.password_file, c.from, c.helo, c.cafile,
                                 c.token_store, c.token_key_file, c.oauth_account, c.spool, c.log };
    for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
        PROPERTY(!strs[i] || !strpbrk(strs[i], "\r\n"), "a value holds a line break");
    }
    PROPERTY(c.port >= 0 && c.port <= 65535 && c.timeout >= 1 && c.timeout <= 3600, "number out of range");
    smtp_buf b = SMTP_BUF_INIT;
    put(&b, "host", c.host); put(&b, "username", c.username); put(&b, "password", c.password);
    put(&b, "password_file", c.password_file); put(&b, "from", c.from); put(&b, "helo", c.helo);
    put(&b, "cafile", c.cafile); put(&b, "token_store", c.token_store); put(&b, "token_key_file", c.token_key_file);
    put(&b, "oauth_account", c.oauth_account); put(&b, "spool", c.spool); put(&b, "log", c.log);
    sm_config_init(&again);
    PROPERTY(sm_config_parse(&again, b.data ? b.data : "", b.len, why, sizeof(why)) == 0, "written back, refused: %s", why);
    PROPERTY(same(c.host, again.host) && same(c.password, again.password) && same(c.from, again.from) &&
             same(c.spool, again.spool) && same(c.log, again.log) && same(c.username, again.username),
             "written back, parsed differently");
    if (sm_config_check(&c, why, sizeof(why)) == 0) {
        PROPERTY(c.host && *c.host && c.port >= 1 && c.port <= 65535, "checked settings incomplete");
    } else {
        PROPERTY(why[0] != '\0', "check refused without a reason");
    }
    buf_free(&b);
    sm_config_free(&again);
    sm_config_free(&c);
    return 0;
}
