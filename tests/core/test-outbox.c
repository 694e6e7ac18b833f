/* test-outbox.c: submitting letters to a real HTTPS server on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <carta/carta.h>

/* Every wait in these tests ends, one way or the other, within this. */
#define WAIT_LIMIT_MS 15000

typedef struct
{
  SoupServer   *server;
  guint16       port;
  SoupSession  *session;
  char         *directory;
  CartaHistory *history;
  GNetworkMonitor *monitor;
  /* What the server saw. */
  guint         n_requests;
  GHashTable   *letters;         /* Idempotency-Key → body of the first request */
  GHashTable   *attempts;        /* Idempotency-Key → GUINT_TO_POINTER (requests) */
  GPtrArray    *keys;            /* every request's key, in order */
  GArray       *times;           /* every request's monotonic time */
  gboolean      same_bytes;      /* every retry carried the first request's body */
  char         *last_token;
  char         *last_content_type;
  GPtrArray    *paused;
  guint         n_held;
} Fixture;

/* ------------------------------------------------------------------------
 * The server
 */

static void
answer_json (SoupServerMessage *msg,
             guint              status,
             const char        *content_type,
             const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
answer_receipt (SoupServerMessage *msg,
                const char        *key)
{
  g_autofree char *body = g_strdup_printf ("{\"receipt\": \"R-%s\"}", key);

  answer_json (msg, SOUP_STATUS_CREATED, "application/json", body);
}

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
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *key = soup_message_headers_get_one (request, "Idempotency-Key");
  g_autoptr(GBytes) bytes = NULL;
  GBytes *first;
  guint attempt;
  gint64 now = g_get_monotonic_time ();

  f->n_requests++;
  g_ptr_array_add (f->keys, g_strdup (key ? key : ""));
  g_array_append_val (f->times, now);
  g_free (f->last_token);
  f->last_token = g_strdup (soup_message_headers_get_one (request, "OSDI-API-Token"));
  g_free (f->last_content_type);
  f->last_content_type = g_strdup (soup_message_headers_get_content_type (request, NULL));

  if (key == NULL || soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      answer_json (msg, SOUP_STATUS_BAD_REQUEST, "application/json",
                   "{\"error\": \"no_key\", \"message\": \"Idempotency-Key is required\"}");
      return;
    }

  bytes = soup_message_body_flatten (body);
  first = g_hash_table_lookup (f->letters, key);
  if (first == NULL)
    g_hash_table_insert (f->letters, g_strdup (key), g_bytes_ref (bytes));
  else if (!g_bytes_equal (first, bytes))
    f->same_bytes = FALSE;
  attempt = GPOINTER_TO_UINT (g_hash_table_lookup (f->attempts, key)) + 1;
  g_hash_table_insert (f->attempts, g_strdup (key), GUINT_TO_POINTER (attempt));

  if (g_str_equal (path, "/ok"))
    answer_receipt (msg, key);
  else if (g_str_equal (path, "/osdi"))
    {
      g_autofree char *outreach = g_strdup_printf ("{\"identifiers\": [\"action_network:%s\"], "
                                                   "\"_links\": {\"self\": {\"href\": \"https://x/%s\"}}}",
                                                   key, key);
      answer_json (msg, SOUP_STATUS_CREATED, "application/hal+json", outreach);
    }
  else if (g_str_equal (path, "/flaky") && attempt == 1)
    answer_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "application/json",
                 "{\"error\": \"internal\", \"message\": \"try later\"}");
  else if (g_str_equal (path, "/busy") && attempt == 1)
    {
      soup_message_headers_replace (response, "Retry-After", "1");
      answer_json (msg, 429, "application/json", "{\"error\": \"rate_limited\", \"message\": \"slow down\"}");
    }
  else if (g_str_equal (path, "/busy-date") && attempt == 1)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (utc, 2);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      soup_message_headers_replace (response, "Retry-After", date);
      answer_json (msg, 429, "application/json", "{\"error\": \"rate_limited\", \"message\": \"slow down\"}");
    }
  else if ((g_str_equal (path, "/hold-once") && attempt == 1) || g_str_equal (path, "/hold"))
    {
      /* Keeps the request: a timeout, a cancel or a kill ends it. */
      f->n_held++;
      soup_server_message_pause (msg);
      g_ptr_array_add (f->paused, g_object_ref (msg));
    }
  else if (g_str_equal (path, "/drop") && attempt == 1)
    {
      /* The letter is recorded, then the answer is lost. */
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
      g_io_stream_close (stream, NULL, NULL);
    }
  else if (g_str_equal (path, "/malformed"))
    answer_json (msg, SOUP_STATUS_OK, "text/html", "<html><body>Thanks!</body></html>");
  else if (g_str_equal (path, "/no-receipt"))
    answer_json (msg, SOUP_STATUS_OK, "application/json", "{\"thanks\": true}");
  else if (g_str_equal (path, "/refuse"))
    answer_json (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "application/json",
                 "{\"error\": \"address_incomplete\", \"message\": \"The prison address has no postal code\"}");
  else
    answer_receipt (msg, key);
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

static SoupServer *
start_server (Fixture    *f,
              const char *certificate_name,
              guint16     port)
{
  g_autoptr(GTlsCertificate) certificate = load_certificate (certificate_name);
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);
  GSList *uris;

  soup_server_add_handler (server, NULL, server_callback, f, NULL);
  if (port == 0)
    soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  else
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
      soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
    }
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  f->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/* A network monitor the test switches on and off. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static gboolean
test_monitor_initable_init_impl (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_impl;
}

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_MONITOR (monitor)->available;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
}

static GNetworkMonitor *
network_monitor_new (gboolean available)
{
  TestMonitor *monitor = g_object_new (TEST_TYPE_MONITOR, NULL);

  monitor->available = available;
  return G_NETWORK_MONITOR (monitor);
}

static void
set_network_available (GNetworkMonitor *monitor,
                       gboolean         available)
{
  TEST_MONITOR (monitor)->available = available;
  g_object_notify (G_OBJECT (monitor), "network-available");
  g_signal_emit_by_name (monitor, "network-changed", available);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *ca_path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "ca.pem", NULL);
  g_autofree char *history_path = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  f->letters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  f->attempts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->keys = g_ptr_array_new_with_free_func (g_free);
  f->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->same_bytes = TRUE;
  f->server = start_server (f, "server-with-key.pem", 0);

  f->session = carta_network_session_new (NULL, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (ca_path, &error);
  g_assert_no_error (error);
  soup_session_set_tls_database (f->session, database);
  soup_session_set_timeout (f->session, 1);

  f->directory = g_build_filename (g_get_user_data_dir (), "carta", "outbox", NULL);
  history_path = g_build_filename (g_get_user_data_dir (), "carta", "history.jsonl", NULL);
  f->history = carta_history_new (history_path);
  f->monitor = network_monitor_new (TRUE);
}

static void
release_paused (Fixture *f)
{
  for (guint i = 0; i < f->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (f->paused, i);
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (f->paused, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  release_paused (f);
  g_ptr_array_unref (f->paused);
  /* Let the server finish what it was doing. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->session);
  if (f->server)
    soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->history);
  g_clear_object (&f->monitor);
  g_hash_table_unref (f->letters);
  g_hash_table_unref (f->attempts);
  g_ptr_array_unref (f->keys);
  g_array_unref (f->times);
  g_free (f->last_token);
  g_free (f->last_content_type);
  g_free (f->directory);
}

/* ------------------------------------------------------------------------
 * Helpers
 */

static gboolean
on_wait_limit (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails the test after the limit. */
static void
wait_for (Condition  condition,
          gpointer   data)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (WAIT_LIMIT_MS, on_wait_limit, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  g_assert_false (expired);
}

/* Runs the main loop for @ms, whatever happens. */
static void
run_for (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, on_wait_limit, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
outbox_is_empty (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) == 0;
}

typedef struct
{
  CartaDelivery      *delivery;
  CartaDeliveryState  state;
} StateWait;

static gboolean
delivery_reached (gpointer data)
{
  StateWait *wait = data;
  return carta_delivery_get_state (wait->delivery) == wait->state;
}

static void
wait_for_state (CartaDelivery      *delivery,
                CartaDeliveryState  state)
{
  StateWait wait = { delivery, state };
  wait_for (delivery_reached, &wait);
}

typedef struct
{
  Fixture *f;
  guint    n;
} CountWait;

static gboolean
requests_reached (gpointer data)
{
  CountWait *wait = data;
  return wait->f->n_requests >= wait->n;
}

static void
wait_for_requests (Fixture *f,
                   guint    n)
{
  CountWait wait = { f, n };
  wait_for (requests_reached, &wait);
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return g_strdup_printf ("https://127.0.0.1:%u%s", f->port, path);
}

static CartaDelivery *
make_delivery (Fixture    *f,
               const char *path)
{
  static const char * const address[] = { "ФКУ ИК-6 УФСИН России", "ул. Ленина, 1", "г. Энск, 123456", NULL };
  CartaSubmission submission = {
    .subject = "Письмо поддержки",
    .body = "Дорогой Иван,\n\nМы помним о вас, \"держитесь\".",
    .language = "ru",
    .campaign_uid = "demo:campaign-1",
    .case_uid = "demo:ivan",
    .recipient_name = "Иванов Иван Иванович",
    .recipient_address_lines = address,
    .recipient_country = "RU",
    .sender_name = "Anna",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = carta_submitter_build_body (CARTA_DELIVERY_FORWARD, &submission, &error);
  g_autofree char *url = url_for (f, path);

  g_assert_no_error (error);
  return carta_delivery_new_submission (CARTA_DELIVERY_FORWARD, url, body, NULL,
                                        submission.recipient_name, submission.campaign_uid,
                                        submission.case_uid, submission.language);
}

static CartaOutbox *
make_outbox (Fixture *f)
{
  CartaOutbox *outbox = carta_outbox_new (f->session, f->directory, f->history, f->monitor);

  /* Retries within milliseconds, not seconds. */
  g_object_set (outbox, "retry-base-ms", 50, "retry-max-ms", 400, NULL);
  return outbox;
}

static void
enqueue (CartaOutbox   *outbox,
         CartaDelivery *delivery)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carta_outbox_enqueue_async (outbox, delivery, NULL, on_done, &result);
  wait_for (result_arrived, &result);
  carta_outbox_enqueue_finish (outbox, result, &error);
  g_assert_no_error (error);
}

static char *
delivery_path (Fixture       *f,
               CartaDelivery *delivery)
{
  g_autofree char *name = g_strconcat (carta_delivery_get_id (delivery), ".json", NULL);
  return g_build_filename (f->directory, name, NULL);
}

static guint
requests_with_key (Fixture    *f,
                   const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (f->attempts, key));
}

typedef struct
{
  CartaHistory *history;
  guint         total;
} HistoryWait;

static gboolean
history_reached (gpointer data)
{
  HistoryWait *wait = data;
  return carta_history_get_total (wait->history) >= wait->total;
}

/* The history records a letter just after it leaves the outbox. */
static void
wait_for_history (Fixture *f,
                  guint    total)
{
  HistoryWait wait = { f->history, total };
  wait_for (history_reached, &wait);
  g_assert_cmpuint (carta_history_get_total (f->history), ==, total);
}

/* Waits until the file is gone (the delete runs in a worker thread). */
static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* ------------------------------------------------------------------------
 * Tests
 */

static void
test_success (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = make_delivery (f, "/ok");
  g_autofree char *path = delivery_path (f, delivery);
  g_autofree char *receipt = g_strconcat ("R-", carta_delivery_get_id (delivery), NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GBytes *sent;
  JsonObject *root;
  JsonObject *recipient;

  enqueue (outbox, delivery);
  wait_for (outbox_is_empty, outbox);

  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpstr (carta_delivery_get_receipt (delivery), ==, receipt);
  g_assert_nonnull (carta_delivery_get_sent (delivery));
  g_assert_null (carta_delivery_get_last_error (delivery));
  g_assert_cmpuint (carta_delivery_get_attempts (delivery), ==, 1);
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), ==, carta_delivery_get_id (delivery));
  g_assert_cmpstr (f->last_content_type, ==, "application/json");
  g_assert_null (f->last_token);

  /* The body is the forwarding protocol's, Cyrillic intact. */
  sent = g_hash_table_lookup (f->letters, carta_delivery_get_id (delivery));
  json_parser_load_from_data (parser, g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "carta_submission"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "campaign_id"), ==, "demo:campaign-1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "letter"), "body"), ==,
                   "Дорогой Иван,\n\nМы помним о вас, \"держитесь\".");
  recipient = json_object_get_object_member (root, "recipient");
  g_assert_cmpstr (json_object_get_string_member (recipient, "name"), ==, "Иванов Иван Иванович");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (recipient, "address_lines")), ==, 3);
  /* Only the name was shared: no email, no address. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "sender"), "name"), ==, "Anna");
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "sender"), "email"));
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "sender"), "postal_address"));

  /* Moved to the history; the outbox file goes. */
  wait_for (file_gone, path);
  g_assert_cmpuint (carta_history_get_total (f->history), ==, 1);
  g_assert_true (carta_history_contains (f->history, carta_delivery_get_id (delivery)));
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = make_delivery (f, "/flaky");

  enqueue (outbox, delivery);
  wait_for (outbox_is_empty, outbox);

  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpuint (carta_delivery_get_attempts (delivery), ==, 2);
  g_assert_cmpuint (f->n_requests, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), ==, g_ptr_array_index (f->keys, 1));
  g_assert_true (f->same_bytes);
  g_assert_cmpuint (g_hash_table_size (f->letters), ==, 1);
}

static void
check_waited (Fixture *f,
              const char *path,
              gint64      at_least_us)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = make_delivery (f, path);
  gint64 waited;

  enqueue (outbox, delivery);
  wait_for_requests (f, 1);
  wait_for_state (delivery, CARTA_DELIVERY_QUEUED);
  /* The message says why it waits. */
  g_assert_nonnull (carta_delivery_get_last_error (delivery));
  g_assert_nonnull (carta_delivery_get_next_attempt (delivery));
  wait_for (outbox_is_empty, outbox);

  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpuint (f->n_requests, ==, 2);
  waited = g_array_index (f->times, gint64, 1) - g_array_index (f->times, gint64, 0);
  /* The backoff alone would be 25–75 ms: the server's wait was honoured. */
  g_assert_cmpint (waited, >=, at_least_us);
  g_assert_cmpstr (g_ptr_array_index (f->keys, 0), ==, g_ptr_array_index (f->keys, 1));
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  check_waited (f, "/busy", G_USEC_PER_SEC - 20000);
}

static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  data)
{
  /* An HTTP-date two seconds ahead, at a second's precision. */
  check_waited (f, "/busy-date", G_USEC_PER_SEC - 20000);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = make_delivery (f, "/hold-once");

  enqueue (outbox, delivery);
  wait_for (outbox_is_empty, outbox);

  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpuint (f->n_held, ==, 1);
  g_assert_cmpuint (f->n_requests, ==, 2);
  g_assert_cmpuint (requests_with_key (f, carta_delivery_get_id (delivery)), ==, 2);
  /* The session gives up after a second. */
  g_assert_cmpint (g_array_index (f->times, gint64, 1) - g_array_index (f->times, gint64, 0), >=,
                   G_USEC_PER_SEC - 50000);
}

static void
test_connection_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = NULL;
  guint16 port = f->port;

  /* Nobody listens there for now. */
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  delivery = make_delivery (f, "/ok");

  enqueue (outbox, delivery);
  /* Two attempts fail, and it waits for a third. */
  while (carta_delivery_get_attempts (delivery) < 2 ||
         carta_delivery_get_state (delivery) != CARTA_DELIVERY_QUEUED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (carta_delivery_get_state (delivery), !=, CARTA_DELIVERY_FAILED);
  g_assert_cmpint (carta_delivery_get_state (delivery), !=, CARTA_DELIVERY_SENT);
  g_assert_nonnull (strstr (carta_delivery_get_last_error (delivery), "Could not connect"));
  g_assert_cmpuint (f->n_requests, ==, 0);

  /* The server comes up: the next attempt gets through. */
  f->server = start_server (f, "server-with-key.pem", port);
  wait_for (outbox_is_empty, outbox);
  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_cmpuint (carta_delivery_get_attempts (delivery), >=, 3);
}

static void
test_untrusted (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  f->server = start_server (f, "untrusted-with-key.pem", 0);
  delivery = make_delivery (f, "/ok");
  path = delivery_path (f, delivery);

  enqueue (outbox, delivery);
  wait_for_state (delivery, CARTA_DELIVERY_FAILED);
  g_assert_nonnull (strstr (carta_delivery_get_last_error (delivery), "certificate is not trusted"));
  g_assert_cmpuint (f->n_requests, ==, 0);

  /* Not retried on its own. */
  run_for (300);
  g_assert_cmpuint (carta_delivery_get_attempts (delivery), ==, 1);
  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_FAILED);
  g_assert_null (carta_delivery_get_next_attempt (delivery));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 1);

  /* The failure is on disk too, so a restart does not resend. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"state\":\"failed\""));
}

static void
check_fails (Fixture    *f,
             const char *path,
             const char *expected_words)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = make_delivery (f, path);

  enqueue (outbox, delivery);
  wait_for_state (delivery, CARTA_DELIVERY_FAILED);
  g_assert_nonnull (strstr (carta_delivery_get_last_error (delivery), expected_words));
  run_for (200);
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_null (carta_delivery_get_receipt (delivery));
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  check_fails (f, "/malformed", "does not follow the protocol");
}

static void
test_no_receipt (Fixture       *f,
                 gconstpointer  data)
{
  check_fails (f, "/no-receipt", "does not follow the protocol");
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  /* The server's own words reach the user. */
  check_fails (f, "/refuse", "The prison address has no postal code");
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) first = make_delivery (f, "/drop");
  g_autoptr(CartaDelivery) second = make_delivery (f, "/drop");
  g_autofree char *receipt = g_strconcat ("R-", carta_delivery_get_id (first), NULL);
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);

  enqueue (outbox, first);
  enqueue (outbox, second);
  wait_for (outbox_is_empty, outbox);

  /* Each letter was received, its answer lost, and sent again under the
   * same key: two letters, four requests, two keys. */
  g_assert_cmpuint (f->n_requests, ==, 4);
  for (guint i = 0; i < f->keys->len; i++)
    g_hash_table_add (distinct, g_ptr_array_index (f->keys, i));
  g_assert_cmpuint (g_hash_table_size (distinct), ==, 2);
  g_assert_cmpuint (g_hash_table_size (f->letters), ==, 2);
  g_assert_true (f->same_bytes);
  g_assert_cmpstr (carta_delivery_get_receipt (first), ==, receipt);
  wait_for_history (f, 2);
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CartaOutbox) outbox = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Offline: three letters wait on disk. */
  set_network_available (f->monitor, FALSE);
  outbox = make_outbox (f);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CartaDelivery) delivery = make_delivery (f, "/ok");
      g_autofree char *path = delivery_path (f, delivery);
      struct stat info;

      enqueue (outbox, delivery);
      g_ptr_array_add (ids, g_strdup (carta_delivery_get_id (delivery)));
      g_assert_cmpint (g_stat (path, &info), ==, 0);
      g_assert_cmpint (info.st_mode & 0777, ==, 0600);
    }
  run_for (100);
  g_assert_cmpuint (f->n_requests, ==, 0);
  g_clear_object (&outbox);

  /* The next start, online. */
  set_network_available (f->monitor, TRUE);
  outbox = make_outbox (f);
  carta_outbox_load_async (outbox, NULL, on_done, &result);
  wait_for (result_arrived, &result);
  carta_outbox_load_finish (outbox, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 3);

  wait_for (outbox_is_empty, outbox);
  g_assert_cmpuint (f->n_requests, ==, 3);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpuint (requests_with_key (f, g_ptr_array_index (ids, i)), ==, 1);
  wait_for_history (f, 3);
}

static void
on_sender_exited (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_killed_mid_send (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *sender = g_test_build_filename (G_TEST_BUILT, "outbox-sender", NULL);
  g_autofree char *ca_path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "ca.pem", NULL);
  g_autofree char *url = url_for (f, "/hold-once");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CartaOutbox) outbox = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gboolean exited = FALSE;
  CartaDelivery *delivery;

  /* GIO's base monitor: online, whatever this machine's routes say. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_NETWORK_MONITOR", "base", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, sender, f->directory, url, ca_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, on_sender_exited, &exited);

  /* The server holds the letter; the process dies before any answer. */
  wait_for_requests (f, 1);
  g_assert_cmpuint (f->n_held, ==, 1);
  g_subprocess_send_signal (process, SIGKILL);
  wait_for (flag_set, &exited);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  key = g_strdup (g_ptr_array_index (f->keys, 0));
  release_paused (f);

  /* The next start finds it and sends it again, under the same key. */
  outbox = make_outbox (f);
  carta_outbox_load_async (outbox, NULL, on_done, &result);
  wait_for (result_arrived, &result);
  carta_outbox_load_finish (outbox, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 1);
  delivery = g_list_model_get_item (G_LIST_MODEL (outbox), 0);
  g_assert_cmpstr (carta_delivery_get_id (delivery), ==, key);

  wait_for (outbox_is_empty, outbox);
  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpuint (f->n_requests, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->keys, 1), ==, key);
  g_assert_cmpuint (g_hash_table_size (f->letters), ==, 1);
  g_assert_true (f->same_bytes);
  g_object_unref (delivery);
}

static void
test_cancel_and_retry (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = NULL;
  g_autoptr(CartaDelivery) queued = make_delivery (f, "/ok");
  g_autoptr(CartaDelivery) in_flight = make_delivery (f, "/hold");
  g_autofree char *path = delivery_path (f, queued);
  g_autofree char *contents = NULL;

  /* A queued letter is cancelled while offline, and stays unsent. */
  set_network_available (f->monitor, FALSE);
  outbox = make_outbox (f);
  enqueue (outbox, queued);
  g_assert_true (carta_outbox_cancel (outbox, queued));
  g_assert_cmpint (carta_delivery_get_state (queued), ==, CARTA_DELIVERY_CANCELLED);
  g_assert_false (carta_outbox_cancel (outbox, queued));
  set_network_available (f->monitor, TRUE);
  run_for (300);
  g_assert_cmpuint (f->n_requests, ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"state\":\"cancelled\""));

  /* Retried, it goes. */
  g_assert_true (carta_outbox_retry (outbox, queued));
  wait_for_state (queued, CARTA_DELIVERY_SENT);
  g_assert_cmpuint (f->n_requests, ==, 1);

  /* One in flight is aborted. */
  enqueue (outbox, in_flight);
  wait_for_requests (f, 2);
  g_assert_cmpint (carta_delivery_get_state (in_flight), ==, CARTA_DELIVERY_SENDING);
  g_assert_cmpuint (carta_outbox_get_n_sending (outbox), ==, 1);
  g_assert_true (carta_outbox_cancel (outbox, in_flight));
  while (carta_outbox_get_n_sending (outbox) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (carta_delivery_get_state (in_flight), ==, CARTA_DELIVERY_CANCELLED);
  run_for (200);
  g_assert_cmpuint (f->n_requests, ==, 2);

  /* A cancelled letter can be forgotten. */
  path = (g_free (path), delivery_path (f, in_flight));
  g_assert_true (carta_outbox_remove (outbox, in_flight));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 0);
  wait_for (file_gone, path);
}

static void
test_network_monitor (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = NULL;
  g_autoptr(CartaDelivery) delivery = make_delivery (f, "/ok");

  set_network_available (f->monitor, FALSE);
  outbox = make_outbox (f);
  enqueue (outbox, delivery);
  run_for (300);
  g_assert_cmpuint (f->n_requests, ==, 0);
  g_assert_cmpuint (carta_delivery_get_attempts (delivery), ==, 0);
  g_assert_true (carta_outbox_get_busy (outbox));

  set_network_available (f->monitor, TRUE);
  wait_for (outbox_is_empty, outbox);
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_false (carta_outbox_get_busy (outbox));
}

static void
test_osdi (Fixture       *f,
           gconstpointer  data)
{
  static const char * const lines[] = { "1 Main Street", NULL };
  static const char * const tags[] = { "carta", NULL };
  CartaSubmission submission = {
    .subject = "Free Ivan Ivanov",
    .body = "Dear Prosecutor General,\n\nRelease Ivan Ivanov.",
    .language = "en",
    .target_title = "Prosecutor General",
    .target_given_name = "Igor",
    .target_family_name = "Krasnov",
    .target_organization = "Prosecutor General's Office",
    .sender_given_name = "Anna",
    .sender_family_name = "Smith",
    .sender_email = "anna@example.org",
    .sender_address_lines = lines,
    .sender_locality = "Springfield",
    .sender_postal_code = "12345",
    .sender_country = "US",
    .tags = tags,
  };
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CartaDelivery) delivery = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *url = url_for (f, "/osdi");
  g_autofree char *receipt = NULL;
  JsonObject *root;
  JsonObject *person;
  JsonObject *target;

  /* Action Network cannot record an outreach without an email address. */
  submission.sender_email = NULL;
  g_assert_null (carta_submitter_build_body (CARTA_DELIVERY_OSDI, &submission, &error));
  g_assert_error (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INCOMPLETE);
  g_clear_error (&error);
  submission.sender_email = "anna@example.org";

  /* Bytes that are not UTF-8 are refused, naming where they are. */
  {
    const char *subject = submission.subject;

    submission.subject = "Letter \xff\xfe";
    g_assert_null (carta_submitter_build_body (CARTA_DELIVERY_OSDI, &submission, &error));
    g_assert_error (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INCOMPLETE);
    g_assert_nonnull (strstr (error->message, "subject"));
    g_clear_error (&error);
    submission.subject = subject;
  }

  body = carta_submitter_build_body (CARTA_DELIVERY_OSDI, &submission, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "postal mail");
  g_assert_cmpstr (json_object_get_string_member (root, "message"), ==, submission.body);
  person = json_object_get_object_member (root, "person");
  g_assert_cmpstr (json_object_get_string_member (person, "family_name"), ==, "Smith");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (person, "email_addresses"), 0), "address"), ==,
                   "anna@example.org");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (person, "postal_addresses"), 0), "postal_code"), ==, "12345");
  target = json_array_get_object_element (json_object_get_array_member (root, "targets"), 0);
  g_assert_cmpstr (json_object_get_string_member (target, "organization"), ==, "Prosecutor General's Office");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "add_tags"), 0), ==, "carta");

  delivery = carta_delivery_new_submission (CARTA_DELIVERY_OSDI, url, body, "secret-token",
                                            "Prosecutor General", NULL, "demo:ivan", "en");
  enqueue (outbox, delivery);
  wait_for (outbox_is_empty, outbox);

  receipt = g_strconcat ("action_network:", carta_delivery_get_id (delivery), NULL);
  g_assert_cmpstr (carta_delivery_get_receipt (delivery), ==, receipt);
  g_assert_cmpstr (f->last_token, ==, "secret-token");
  g_assert_true (g_bytes_equal (g_hash_table_lookup (f->letters, carta_delivery_get_id (delivery)), body));
}

static void
test_insecure (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(CartaDelivery) delivery = carta_delivery_new_submission (CARTA_DELIVERY_FORWARD,
                                                                     "http://example.org/letters", body,
                                                                     NULL, "X", NULL, NULL, "en");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = delivery_path (f, delivery);

  g_assert_true (carta_submitter_check_endpoint ("https://example.org/letters", NULL));
  g_assert_true (carta_submitter_check_endpoint ("http://127.0.0.1:8080/letters", NULL));
  g_assert_true (carta_submitter_check_endpoint ("http://[::1]:8080/letters", NULL));
  g_assert_false (carta_submitter_check_endpoint ("http://localhost.example.org/", NULL));
  g_assert_false (carta_submitter_check_endpoint ("ftp://example.org/", NULL));
  g_assert_false (carta_submitter_check_endpoint ("not a url", NULL));

  carta_outbox_enqueue_async (outbox, delivery, NULL, on_done, &result);
  wait_for (result_arrived, &result);
  g_assert_false (carta_outbox_enqueue_finish (outbox, result, &error));
  g_assert_error (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INSECURE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (outbox)), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_delivery_json (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"a\":\"б\"}", strlen ("{\"a\":\"б\"}"));
  g_autoptr(CartaDelivery) delivery = carta_delivery_new_submission (CARTA_DELIVERY_OSDI, "https://x.org/p?k=1",
                                                                     body, "tok", "Имя", "c:1", "s:2", "ru");
  g_autoptr(CartaDelivery) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = carta_delivery_to_json (delivery, FALSE);
  g_autofree char *history = carta_delivery_to_json (delivery, TRUE);

  g_assert_true (g_uuid_string_is_valid (carta_delivery_get_id (delivery)));
  copy = carta_delivery_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carta_delivery_get_id (copy), ==, carta_delivery_get_id (delivery));
  g_assert_cmpint (carta_delivery_get_channel (copy), ==, CARTA_DELIVERY_OSDI);
  g_assert_true (g_bytes_equal (carta_delivery_get_body (copy), body));
  g_assert_cmpstr (carta_delivery_get_token (copy), ==, "tok");
  g_assert_cmpstr (carta_delivery_get_recipient_name (copy), ==, "Имя");

  /* The history keeps neither the letter, the key, nor the path. */
  g_assert_null (strstr (history, "tok"));
  g_assert_null (strstr (history, "\\u0431"));
  g_assert_null (strstr (history, "k=1"));
  g_assert_nonnull (strstr (history, "https://x.org"));

  g_assert_null (carta_delivery_new_from_json ("{\"carta_delivery\": 2}", -1, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_UNSUPPORTED_VERSION);
  g_clear_error (&error);
  g_assert_null (carta_delivery_new_from_json ("{\"carta_delivery\": 1, \"id\": \"x\"}", -1, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
}

/* Without a session (the proxy setting cannot be used) letters wait;
 * given one, they go. */
static void
test_paused_without_session (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CartaOutbox) outbox = make_outbox (f);
  g_autoptr(CartaDelivery) delivery = make_delivery (f, "/ok");

  carta_outbox_set_session (outbox, NULL);
  enqueue (outbox, delivery);
  run_for (300);
  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_QUEUED);
  g_assert_cmpuint (f->n_requests, ==, 0);

  carta_outbox_set_session (outbox, f->session);
  wait_for (outbox_is_empty, outbox);
  g_assert_cmpint (carta_delivery_get_state (delivery), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpuint (f->n_requests, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/outbox/delivery-json", test_delivery_json);
  ADD ("/outbox/success", test_success);
  ADD ("/outbox/paused-without-session", test_paused_without_session);
  ADD ("/outbox/server-error", test_server_error);
  ADD ("/outbox/retry-after", test_retry_after);
  ADD ("/outbox/retry-after-date", test_retry_after_date);
  ADD ("/outbox/timeout", test_timeout);
  ADD ("/outbox/connection-refused", test_connection_refused);
  ADD ("/outbox/untrusted", test_untrusted);
  ADD ("/outbox/malformed", test_malformed);
  ADD ("/outbox/no-receipt", test_no_receipt);
  ADD ("/outbox/refused", test_refused);
  ADD ("/outbox/duplicate", test_duplicate);
  ADD ("/outbox/restart", test_restart);
  ADD ("/outbox/killed-mid-send", test_killed_mid_send);
  ADD ("/outbox/cancel-and-retry", test_cancel_and_retry);
  ADD ("/outbox/network-monitor", test_network_monitor);
  ADD ("/outbox/osdi", test_osdi);
  ADD ("/outbox/insecure", test_insecure);
#undef ADD

  return g_test_run ();
}
