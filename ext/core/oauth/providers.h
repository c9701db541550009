/* providers: presets for the OAuth providers whose SMTP servers take XOAUTH2. */
#ifndef SMTP_PROVIDERS_H
#define SMTP_PROVIDERS_H

typedef struct oauth_provider {
    const char *name;
    const char *auth_endpoint;
    const char *token_endpoint;
    const char *revoke_endpoint;   /* NULL: the provider has none */
    const char *scope;
    const char *smtp_host;
    int         smtp_port;
} oauth_provider;

/* NULL when the name is unknown. */
const oauth_provider *oauth_provider_find(const char *name);

#endif
