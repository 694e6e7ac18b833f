/* test-feed-source.c: fetching feeds from a real HTTPS server on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta.h>
#include <carta/carta-feed-source.h>
#include <carta/carta-network.h>
#include <carta/carta-feed-manager.h>

typedef struct
{
  SoupServer   *server;
  SoupSession  *session;
  GUri         *base;
  char         *feed_json;
  char         *cache_dir;
  guint         n_requests;
  guint         n_conditional;
  GPtrArray    *paused;
} Fixture;

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  f->n_requests++;

  if (g_str_equal (path, "/feed.json"))
    {
      const char *etag = soup_message_headers_get_one (request, "If-None-Match");

      if (etag != NULL)
        f->n_conditional++;
      if (g_strcmp0 (etag, "\"v1\"") == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_message_headers_replace (response, "ETag", "\"v1\"");
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        f->feed_json, strlen (f->feed_json));
    }
  else if (g_str_equal (path, "/invalid.json"))
    {
      const char *body = "{\"carta_feed\": 1, \"source\": {\"title\": {\"en\": \"x\"}}, \"cases\": [{\"id\": \"a\"}]}";
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/error"))
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (g_str_equal (path, "/to-http"))
    {
      soup_message_headers_replace (response, "Location", "http://127.0.0.1:1/feed.json");
      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
    }
  else if (g_str_equal (path, "/to-https"))
    {
      soup_message_headers_replace (response, "Location", "/feed.json");
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
    }
  else if (g_str_equal (path, "/huge-declared"))
    {
      /* Says it is huge: refused before anything is read. */
      soup_message_headers_set_content_length (response, (goffset) CARTA_FEED_MAX_SIZE + 1);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else if (g_str_equal (path, "/huge-chunked"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      gsize chunk_size = 1024 * 1024;
      g_autofree char *chunk = g_malloc (chunk_size);

      /* No length announced: the limit must hold while streaming. */
      memset (chunk, ' ', chunk_size);
      soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      for (guint i = 0; i < 66; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, chunk_size);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/slow"))
    {
      /* Never answers: the client's timeout must end the wait. */
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static GTlsCertificate *
load_certificate (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", name, NULL);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = g_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  return certificate;
}

static void
fixture_start_server (Fixture    *f,
                      const char *certificate_name)
{
  g_autoptr(GTlsCertificate) certificate = load_certificate (certificate_name);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (f->server, NULL, server_callback, f, NULL);
  soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (f->server);
  g_assert_nonnull (uris);
  f->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  certificate_name)
{
  g_autofree char *ca_path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "ca.pem", NULL);
  g_autofree char *feed_path = g_test_build_filename (G_TEST_DIST, "fixtures", "good-feed.json", NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (feed_path, &f->feed_json, NULL, &error);
  g_assert_no_error (error);

  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->cache_dir = g_build_filename (g_get_user_cache_dir (), "carta", "feeds", NULL);
  fixture_start_server (f, certificate_name ? certificate_name : "server-with-key.pem");

  f->session = carta_network_session_new (NULL, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);
  soup_session_set_tls_database (f->session, database);
  soup_session_set_timeout (f->session, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < f->paused->len; i++)
    {
      soup_server_message_set_status (g_ptr_array_index (f->paused, i), SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (g_ptr_array_index (f->paused, i));
    }
  g_ptr_array_unref (f->paused);
  g_clear_object (&f->session);
  if (f->server)
    soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_uri_unref);
  g_free (f->feed_json);
  g_free (f->cache_dir);
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return g_strdup_printf ("https://127.0.0.1:%d%s", g_uri_get_port (f->base), path);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
refresh (Fixture          *f,
         CartaFeedSource  *source,
         GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carta_feed_source_refresh_async (source, f->session, NULL, on_done, &result);
  g_assert_cmpint (carta_feed_source_get_state (source), !=, CARTA_FEED_SOURCE_OK);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return carta_feed_source_refresh_finish (source, result, error);
}

static CartaFeedSource *
source_for (Fixture    *f,
            const char *path)
{
  g_autofree char *url = url_for (f, path);
  return carta_feed_source_new (url, f->cache_dir);
}

static void
assert_failed_with (CartaFeedSource *source,
                    const GError    *error,
                    const char      *words)
{
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_FAILED);
  g_assert_cmpint (carta_feed_source_get_state (source), ==, CARTA_FEED_SOURCE_FAILED);
  if (strstr (carta_feed_source_get_error_message (source), words) == NULL)
    g_error ("expected “%s” in “%s”", words, carta_feed_source_get_error_message (source));
}

static void
test_ok_then_not_modified (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = source_for (f, "/feed.json");
  g_autoptr(GError) error = NULL;
  CartaFeed *feed;

  g_assert_cmpint (carta_feed_source_get_state (source), ==, CARTA_FEED_SOURCE_NEW);
  g_assert_true (g_str_has_prefix (carta_feed_source_get_id (source), "feed-"));

  g_assert_true (refresh (f, source, &error));
  g_assert_no_error (error);
  g_assert_cmpint (carta_feed_source_get_state (source), ==, CARTA_FEED_SOURCE_OK);
  g_assert_null (carta_feed_source_get_error_message (source));
  g_assert_nonnull (carta_feed_source_get_updated (source));
  feed = carta_feed_source_get_feed (source);
  g_assert_nonnull (feed);
  g_assert_cmpstr (carta_feed_get_source_id (feed), ==, carta_feed_source_get_id (source));
  g_assert_cmpuint (carta_feed_get_cases (feed)->len, ==, 4);
  g_assert_cmpuint (f->n_conditional, ==, 0);

  /* Unchanged: the server answers 304 and the same feed stays. */
  g_assert_false (refresh (f, source, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_conditional, ==, 1);
  g_assert_true (carta_feed_source_get_feed (source) == feed);
  g_assert_cmpint (carta_feed_source_get_state (source), ==, CARTA_FEED_SOURCE_OK);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = source_for (f, "/missing.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh (f, source, &error));
  assert_failed_with (source, error, "404");
  g_assert_null (carta_feed_source_get_feed (source));
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = source_for (f, "/error");
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh (f, source, &error));
  assert_failed_with (source, error, "500");
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = source_for (f, "/slow");
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh (f, source, &error));
  assert_failed_with (source, error, "did not answer in time");
}

static void
test_oversize (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CartaFeedSource) declared = source_for (f, "/huge-declared");
  g_autoptr(CartaFeedSource) chunked = source_for (f, "/huge-chunked");
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh (f, declared, &error));
  assert_failed_with (declared, error, "larger than 64 MiB");
  g_clear_error (&error);

  g_assert_false (refresh (f, chunked, &error));
  assert_failed_with (chunked, error, "larger than 64 MiB");
}

static void
test_invalid_keeps_last_good (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = source_for (f, "/feed.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  CartaFeed *good;

  g_assert_true (refresh (f, source, &error));
  good = carta_feed_source_get_feed (source);

  /* The publisher breaks the feed: the user keeps the last good copy. */
  g_free (f->feed_json);
  f->feed_json = g_strdup ("{\"carta_feed\": 1, \"source\": {\"title\": {\"en\": \"x\"}}, \"cases\": [{\"id\": \"a\"}]}");
  soup_session_abort (f->session);
  {
    /* Ask again without validators, as after a cache loss. */
    g_autoptr(CartaFeedSource) fresh = source_for (f, "/invalid.json");

    g_assert_false (refresh (f, fresh, &error));
    assert_failed_with (fresh, error, "$.cases[0]: missing member “name”");
    g_assert_null (carta_feed_source_get_feed (fresh));
    g_clear_error (&error);
  }
  g_assert_true (carta_feed_source_get_feed (source) == good);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CartaFeedSource) insecure = source_for (f, "/to-http");
  g_autoptr(CartaFeedSource) secure = source_for (f, "/to-https");
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh (f, insecure, &error));
  assert_failed_with (insecure, error, "not secure");
  g_clear_error (&error);

  g_assert_true (refresh (f, secure, &error));
  g_assert_no_error (error);
  g_assert_nonnull (carta_feed_source_get_feed (secure));
}

static void
test_http_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = carta_feed_source_new ("http://127.0.0.1:1/feed.json", f->cache_dir);
  g_autoptr(GError) error = NULL;
  guint before = f->n_requests;

  g_assert_false (refresh (f, source, &error));
  assert_failed_with (source, error, "https://");
  g_assert_cmpuint (f->n_requests, ==, before);
}

static void
test_offline_uses_cache (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *url = url_for (f, "/feed.json");
  g_autoptr(CartaFeedSource) first = carta_feed_source_new (url, f->cache_dir);
  g_autoptr(CartaFeedSource) after_restart = carta_feed_source_new (url, f->cache_dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (f, first, &error));

  /* The server goes away; a new start reads the cached copy… */
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);

  carta_feed_source_load_cache_async (after_restart, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (carta_feed_source_load_cache_finish (after_restart, result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (carta_feed_source_get_feed (after_restart));
  g_assert_cmpuint (carta_feed_get_cases (carta_feed_source_get_feed (after_restart))->len, ==, 4);
  g_assert_cmpint (carta_feed_source_get_state (after_restart), ==, CARTA_FEED_SOURCE_OK);

  /* …and a refresh that cannot connect keeps it. */
  g_assert_false (refresh (f, after_restart, &error));
  assert_failed_with (after_restart, error, "Could not connect");
  g_assert_nonnull (carta_feed_source_get_feed (after_restart));
}

static void
test_untrusted_certificate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = source_for (f, "/feed.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh (f, source, &error));
  assert_failed_with (source, error, "not trusted");
  g_assert_cmpuint (f->n_requests, ==, 0);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CartaFeedSource) source = source_for (f, "/slow");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carta_feed_source_refresh_async (source, f->session, cancellable, on_done, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_feed_source_refresh_finish (source, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Not shown to the user as a failure. */
  g_assert_cmpint (carta_feed_source_get_state (source), !=, CARTA_FEED_SOURCE_FAILED);
  g_assert_null (carta_feed_source_get_error_message (source));
}

static void
test_manager (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CartaCatalog) catalog = carta_catalog_new ();
  g_autoptr(CartaFeedManager) manager = carta_feed_manager_new (catalog, f->cache_dir);
  g_autofree char *good = url_for (f, "/feed.json");
  g_autofree char *missing = url_for (f, "/missing.json");
  const char * const both[] = { good, missing, good, NULL };
  const char * const none[] = { NULL };
  GListModel *sources = carta_feed_manager_get_sources (manager);
  CartaFeedSource *broken;
  gint64 deadline;

  carta_feed_manager_set_session (manager, f->session);
  g_assert_cmpuint (f->n_requests, ==, 0);

  /* The same URL twice is one subscription. */
  carta_feed_manager_set_urls (manager, both);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (carta_catalog_get_cases (catalog)) < 4 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (carta_catalog_get_cases (catalog)), ==, 4);

  broken = g_list_model_get_item (sources, 1);
  while (carta_feed_source_get_state (broken) != CARTA_FEED_SOURCE_FAILED &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (carta_feed_source_get_state (broken), ==, CARTA_FEED_SOURCE_FAILED);
  g_object_unref (broken);

  /* Unsubscribing takes the feed's people out of the catalog. */
  carta_feed_manager_set_urls (manager, none);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (carta_catalog_get_cases (catalog)), ==, 0);
}

static void
test_proxy_setting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) tor = carta_network_session_new ("socks5://127.0.0.1:9050", &error);
  g_autoptr(SoupSession) bad = NULL;
  GProxyResolver *resolver;
  g_auto(GStrv) proxies = NULL;

  g_assert_no_error (error);
  resolver = soup_session_get_proxy_resolver (tor);
  g_assert_nonnull (resolver);
  proxies = g_proxy_resolver_lookup (resolver, "https://example.org/feed.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (proxies[0], ==, "socks5://127.0.0.1:9050");
  g_assert_null (proxies[1]);

  bad = carta_network_session_new ("tor please", &error);
  g_assert_null (bad);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, cert) \
  g_test_add (path, Fixture, cert, fixture_set_up, func, fixture_tear_down)

  ADD ("/feed-source/ok-then-not-modified", test_ok_then_not_modified, NULL);
  ADD ("/feed-source/not-found", test_not_found, NULL);
  ADD ("/feed-source/server-error", test_server_error, NULL);
  ADD ("/feed-source/timeout", test_timeout, NULL);
  ADD ("/feed-source/oversize", test_oversize, NULL);
  ADD ("/feed-source/invalid-keeps-last-good", test_invalid_keeps_last_good, NULL);
  ADD ("/feed-source/redirects", test_redirects, NULL);
  ADD ("/feed-source/http-refused", test_http_refused, NULL);
  ADD ("/feed-source/offline-uses-cache", test_offline_uses_cache, NULL);
  ADD ("/feed-source/untrusted-certificate", test_untrusted_certificate, "untrusted-with-key.pem");
  ADD ("/feed-source/cancel", test_cancel, NULL);
  ADD ("/feed-source/manager", test_manager, NULL);
  g_test_add_func ("/feed-source/proxy-setting", test_proxy_setting);

  return g_test_run ();
}
