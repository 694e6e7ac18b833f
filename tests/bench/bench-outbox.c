/* bench-outbox.c: submitting a thousand queued letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-outbox CA.pem SERVER-WITH-KEY.pem [N-LETTERS]
 * Prints:
 *   bench: outbox_submit_1000 <ms> ms   from queueing the first letter (synced to disk) to the last one
 *                                       recorded in the history, against an HTTPS server on loopback
 *   bench: outbox_duplicates <n> letters letters the server received more than once (must be 0)
 *   bench: outbox_rss <MiB> MB          peak resident memory of the process meanwhile
 * The server runs in its own thread, so that it does not share the outbox's main loop.
 */
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include <carta/carta.h>

typedef struct
{
  GMutex      lock;
  GHashTable *received;     /* Idempotency-Key → times received */
  guint       duplicates;
  GMainLoop  *loop;
  GMainContext *context;
  GTlsCertificate *certificate;
  guint16     port;
  GMutex      ready_lock;
  GCond       ready;
  gboolean    is_ready;
} Server;

static void
serve (SoupServer        *soup_server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Server *server = user_data;
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_autofree char *answer = NULL;
  guint times;
  gsize length;

  if (key == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_REQUEST, NULL);
      return;
    }

  g_mutex_lock (&server->lock);
  times = GPOINTER_TO_UINT (g_hash_table_lookup (server->received, key)) + 1;
  g_hash_table_insert (server->received, g_strdup (key), GUINT_TO_POINTER (times));
  if (times == 2)
    server->duplicates++;
  g_mutex_unlock (&server->lock);

  answer = g_strdup_printf ("{\"receipt\": \"R-%s\"}", key);
  length = strlen (answer);
  soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, g_steal_pointer (&answer), length);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  soup_server = soup_server_new ("tls-certificate", server->certificate, NULL);
  soup_server_add_handler (soup_server, NULL, serve, server, NULL);
  if (!soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Could not listen: %s", error->message);
  uris = soup_server_get_uris (soup_server);

  g_mutex_lock (&server->ready_lock);
  server->port = g_uri_get_port (uris->data);
  server->is_ready = TRUE;
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->ready_lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);
  soup_server_disconnect (soup_server);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
on_enqueued (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!carta_outbox_enqueue_finish (CARTA_OUTBOX (source), result, &error))
    g_error ("Could not queue a letter: %s", error->message);

}

static gboolean
keep_awake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  carta_history_load_finish (CARTA_HISTORY (source), result, NULL, NULL);
  *(gboolean *) user_data = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const address[] = { "ФКУ ИК-2 УФСИН России по Ивановской обл.", "153000, г. Иваново", NULL };
  Server server = { 0, };
  g_autoptr(GThread) thread = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(CartaHistory) history = NULL;
  g_autoptr(CartaOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *outbox_dir = NULL;
  g_autofree char *history_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *ca_path = NULL;
  guint n_letters = 1000;
  gboolean loaded = FALSE;
  gint64 start;
  gint64 limit;
  double elapsed_ms;

  if (argc < 3)
    {
      g_printerr ("Usage: %s CA.pem SERVER-WITH-KEY.pem [N-LETTERS]\n", argv[0]);
      return 2;
    }
  if (argc > 3)
    n_letters = (guint) g_ascii_strtoull (argv[3], NULL, 10);

  /* GIO's base monitor: online, whatever this machine's routes say. */
  g_setenv ("GIO_USE_NETWORK_MONITOR", "base", TRUE);

  g_mutex_init (&server.lock);
  g_mutex_init (&server.ready_lock);
  g_cond_init (&server.ready);
  server.received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  ca_path = g_canonicalize_filename (argv[1], NULL);
  server.certificate = g_tls_certificate_new_from_file (argv[2], &error);
  if (server.certificate == NULL)
    g_error ("%s", error->message);
  thread = g_thread_new ("server", server_thread, &server);
  g_mutex_lock (&server.ready_lock);
  while (!server.is_ready)
    g_cond_wait (&server.ready, &server.ready_lock);
  g_mutex_unlock (&server.ready_lock);

  session = carta_network_session_new (NULL, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca_path, &error);
  if (database == NULL)
    g_error ("%s", error->message);
  soup_session_set_tls_database (session, database);

  directory = g_dir_make_tmp ("bench-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  outbox_dir = g_build_filename (directory, "outbox", NULL);
  history_path = g_build_filename (directory, "history.jsonl", NULL);
  history = carta_history_new (history_path);
  carta_history_load_async (history, NULL, on_loaded, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  outbox = carta_outbox_new (session, outbox_dir, history, NULL);
  url = g_strdup_printf ("https://127.0.0.1:%u/letters", server.port);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_letters; i++)
    {
      g_autofree char *name = g_strdup_printf ("Иванов Иван %u", i);
      g_autofree char *text = g_strdup_printf ("Дорогой Иван,\n\nписьмо номер %u. Держитесь!", i);
      CartaSubmission submission = {
        .subject = "Письмо поддержки",
        .body = text,
        .language = "ru",
        .campaign_uid = "bench:campaign",
        .case_uid = "bench:case",
        .recipient_name = name,
        .recipient_address_lines = address,
        .sender_name = "Anna",
      };
      g_autoptr(GBytes) body = carta_submitter_build_body (CARTA_DELIVERY_FORWARD, &submission, &error);
      g_autoptr(CartaDelivery) delivery = NULL;

      g_assert_no_error (error);
      delivery = carta_delivery_new_submission (CARTA_DELIVERY_FORWARD, url, body, NULL, name,
                                                submission.campaign_uid, submission.case_uid, "ru");
      carta_outbox_enqueue_async (outbox, delivery, NULL, on_enqueued, NULL);
    }

  /* Wakes the loop up, so that the time limit is noticed. */
  g_timeout_add (100, keep_awake, NULL);
  limit = start + 120 * G_USEC_PER_SEC;
  while (carta_history_get_total (history) < n_letters && g_get_monotonic_time () < limit)
    {
      g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (outbox)) && i < 8; i++)
        {
          g_autoptr(CartaDelivery) delivery = g_list_model_get_item (G_LIST_MODEL (outbox), i);
          if (carta_delivery_get_state (delivery) == CARTA_DELIVERY_FAILED)
            g_error ("A letter failed: %s", carta_delivery_get_last_error (delivery));
        }
    }
  elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (carta_history_get_total (history) < n_letters)
    g_error ("Only %u of %u letters were sent in time", carta_history_get_total (history), n_letters);

  g_print ("bench: outbox_submit_%u %.0f ms\n", n_letters, elapsed_ms);
  g_mutex_lock (&server.lock);
  g_print ("bench: outbox_duplicates %u letters\n", server.duplicates);
  if (g_hash_table_size (server.received) != n_letters)
    g_error ("The server received %u distinct letters, not %u", g_hash_table_size (server.received), n_letters);
  g_mutex_unlock (&server.lock);
  g_print ("bench: outbox_rss %.1f MB\n", peak_rss_mib ());

  /* Let the last deletions finish, then tidy up. */
  g_clear_object (&outbox);
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_main_loop_quit (server.loop);
  g_thread_join (g_steal_pointer (&thread));
  {
    g_autoptr(GDir) dir = g_dir_open (outbox_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (outbox_dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (outbox_dir);
  g_unlink (history_path);
  g_rmdir (directory);

  g_hash_table_unref (server.received);
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_object_unref (server.certificate);
  return 0;
}
