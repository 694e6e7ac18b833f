/* carta-network.c: the one place Carta's HTTP session is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "carta-error.h"
#include "carta-network.h"

static gboolean
is_usable_proxy (const char *proxy_url)
{
  static const char * const schemes[] = { "socks5", "socks4a", "socks4", "socks", "http", "https", NULL };
  g_autoptr(GUri) uri = g_uri_parse (proxy_url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL &&
         g_strv_contains (schemes, g_uri_get_scheme (uri)) &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

SoupSession *
carta_network_session_new (const char  *proxy_url,
                           GError     **error)
{
  g_autoptr(SoupSession) session = NULL;

  session = soup_session_new_with_options ("user-agent", "Carta/" PACKAGE_VERSION,
                                           "timeout", CARTA_NETWORK_TIMEOUT,
                                           "idle-timeout", 60,
                                           "max-conns-per-host", 4,
                                           NULL);

  if (proxy_url != NULL && *proxy_url != '\0')
    {
      g_autoptr(GProxyResolver) resolver = NULL;

      if (!is_usable_proxy (proxy_url))
        {
          g_set_error (error, CARTA_ERROR, CARTA_ERROR_FAILED,
                       _("“%s” is not a proxy address such as socks5://127.0.0.1:9050"), proxy_url);
          return NULL;
        }

      /* No exceptions: with a proxy set, nothing bypasses it. */
      resolver = g_simple_proxy_resolver_new (proxy_url, NULL);
      soup_session_set_proxy_resolver (session, resolver);
    }

  return g_steal_pointer (&session);
}

char *
carta_network_describe_error (const GError *error,
                              const char   *host)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (host == NULL)
    host = "";

  if (error->domain == G_TLS_ERROR)
    return g_strdup_printf (_("The secure connection to %s failed: its certificate is not trusted. "
                              "Check the address, or ask the feed’s publisher."), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_strdup_printf (_("%s did not answer in time. Try again later."), host);

  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    return g_strdup_printf (_("Could not find %s. Check the address and your connection."), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return g_strdup_printf (_("Could not connect to %s. Check your connection and proxy settings."), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED))
    return g_strdup_printf (_("The proxy refused the connection to %s. Check the proxy settings."), host);

  if (error->domain == CARTA_ERROR)
    return g_strdup (error->message);

  return g_strdup_printf (_("Could not reach %s: %s"), host, error->message);
}

char *
carta_network_describe_status (guint       status,
                               const char *reason)
{
  if (reason == NULL || *reason == '\0')
    reason = soup_status_get_phrase (status);

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    return g_strdup_printf (_("The feed is not there any more (the server answered %u, %s). "
                              "Check the address."), status, reason);
  if (status >= 500)
    return g_strdup_printf (_("The server has a problem (it answered %u, %s). Carta will try again later."),
                            status, reason);
  return g_strdup_printf (_("The server refused the request (it answered %u, %s)."), status, reason);
}
