/* bench-feed-refresh.c: refreshing a feed that did not change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-feed-refresh CA.pem SERVER-WITH-KEY.pem
 * Prints:
 *   bench: feed_refresh_304 <ms> ms   median time of a refresh answered 304 Not Modified
 * against an HTTPS server on loopback serving a 2,000-person feed.
 */
#include <string.h>

#include <carta/carta.h>
#include <carta/carta-feed-source.h>
#include <carta/carta-network.h>

#define ROUNDS 50

static char *feed_json;

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  const char *etag = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");

  if (g_strcmp0 (etag, "\"same\"") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"same\"");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, feed_json, strlen (feed_json));
}

static char *
generate_feed (guint n)
{
  GString *json = g_string_new ("{\"carta_feed\": 1, \"source\": {\"title\": {\"en\": \"Bench\"}}, \"cases\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"p%u\", \"name\": \"Иванов Иван %u\", \"status\": \"imprisoned\", "
                            "\"letter_languages\": [\"ru\"], \"address\": {\"lines\": [\"000000, обл.\", "
                            "\"ИК-%u\"], \"country\": \"RUSSIA\"}}",
                            i ? ", " : "", i, i, i % 50);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
refresh (CartaFeedSource *source,
         SoupSession     *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  carta_feed_source_refresh_async (source, session, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  changed = carta_feed_source_refresh_finish (source, result, &error);
  if (error != NULL)
    g_error ("refresh failed: %s", error->message);
  return changed;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(CartaFeedSource) source = NULL;
  g_autofree char *cache = g_dir_make_tmp ("carta-bench-XXXXXX", NULL);
  g_autofree char *url = NULL;
  double times[ROUNDS];
  GSList *uris;

  if (argc != 3)
    {
      g_printerr ("usage: %s CA.pem SERVER-WITH-KEY.pem\n", argv[0]);
      return 2;
    }

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  feed_json = generate_feed (2000);

  certificate = g_tls_certificate_new_from_file (argv[2], &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, serve, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/feed.json", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  session = carta_network_session_new (NULL, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (argv[1], &error);
  g_assert_no_error (error);
  soup_session_set_tls_database (session, database);

  source = carta_feed_source_new (url, cache);
  if (!refresh (source, session))
    g_error ("the first refresh should fetch the feed");

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (refresh (source, session))
        g_error ("an unchanged feed was fetched again");
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  qsort (times, ROUNDS, sizeof (double), compare_doubles);
  g_print ("bench: feed_refresh_304 %.2f ms\n", times[ROUNDS / 2]);
  return 0;
}
