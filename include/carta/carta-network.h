/* carta-network.h: the one place Carta's HTTP session is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Seconds before an unanswered request fails. */
#define CARTA_NETWORK_TIMEOUT 30

/* A session with Carta's user agent and timeouts. With @proxy_url (for
 * example "socks5://127.0.0.1:9050" for Tor) every request goes through
 * that proxy; with NULL or "" the system's proxy settings apply. Returns
 * NULL and sets @error when @proxy_url is not a usable proxy address. */
SoupSession *carta_network_session_new     (const char  *proxy_url,
                                            GError     **error);
/* A message that the user can read, in the UI's language, for a failed
 * request: "Could not connect to example.org", "The server's certificate
 * is not trusted", "The server answered 404 (Not Found)". */
char        *carta_network_describe_error  (const GError *error,
                                            const char   *host);
char        *carta_network_describe_status (guint         status,
                                            const char   *reason);

G_END_DECLS
