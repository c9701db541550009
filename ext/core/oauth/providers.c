/* providers: see providers.h. Endpoints from the providers' published docs. */
#include "providers.h"

#include <string.h>

static const oauth_provider providers[] = {
    /* Google: https://developers.google.com/identity/protocols/oauth2/web-server;
     * https://mail.google.com/ is the only scope Gmail's SMTP accepts. */
    { "google", "https://accounts.google.com/o/oauth2/v2/auth", "https://oauth2.googleapis.com/token",
      "https://oauth2.googleapis.com/revoke", "https://mail.google.com/", "smtp.gmail.com", 587 },
    /* Microsoft identity platform v2.0, SMTP AUTH for Exchange Online. */
    { "microsoft", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
      "https://login.microsoftonline.com/common/oauth2/v2.0/token", NULL,
      "https://outlook.office.com/SMTP.Send offline_access", "smtp.office365.com", 587 },
    /* The same Microsoft endpoints for the Graph API's sendMail (HTTPS, no SMTP):
     * https://learn.microsoft.com/en-us/graph/api/user-sendmail (delegated Mail.Send). */
    { "microsoft-graph", "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
      "https://login.microsoftonline.com/common/oauth2/v2.0/token", NULL,
      "https://graph.microsoft.com/Mail.Send offline_access", "", 0 },
};

const oauth_provider *oauth_provider_find(const char *name)
{
    for (size_t i = 0; i < sizeof(providers) / sizeof(providers[0]); i++) {
        if (strcmp(providers[i].name, name) == 0) {
            return &providers[i];
        }
    }
    return 0;
}
