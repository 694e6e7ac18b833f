/* test-send.c: a finished letter printed, saved, copied, emailed and submitted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the composer's last step for letters from tests/core/fixtures/
 * good-feed.json (a prisoner in Russia, and the UN with an email address),
 * saves the letter as PDF and as text and prints it into a PDF (read back
 * with pdftotext and pdfinfo), copies it and reads the clipboard back,
 * builds the mailto: address, and checks that each letter that left is in
 * the history — except letters to an example person, which never leave.
 * Then submits letters to a loopback HTTPS server that the application's
 * session trusts through the test CA, follows them in Sent Letters through
 * a refusal and a retry, and exports the history.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "carta-application-private.h"
#include "carta-composer-private.h"
#include "carta-send-page-private.h"
#include "carta-sent-row.h"
#include "carta-sent-window-private.h"
#include "carta-window.h"
#include "ui-test-util.h"

static CartaApplication *app;
static char *home;

/* The organization's server: what it received, and whether it refuses. */
static struct
{
  SoupServer *server;
  char       *url;
  guint       n_requests;
  GPtrArray  *bodies;
  GPtrArray  *keys;
  gboolean    refuse;
} service;

static void
service_callback (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *answer = NULL;

  service.n_requests++;
  g_ptr_array_add (service.bodies, g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)));
  g_ptr_array_add (service.keys, g_strdup (key ? key : ""));

  if (service.refuse)
    {
      answer = g_strdup ("{\"error\": \"address_incomplete\", "
                         "\"message\": \"The prison address has no postal code\"}");
      soup_server_message_set_status (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, NULL);
    }
  else
    {
      answer = g_strdup_printf ("{\"receipt\": \"LTR-%u\"}", service.n_requests);
      soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
    }
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
start_service (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "tls", "server-with-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_file (path, &error);
  g_assert_no_error (error);
  service.server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (service.server, "/letters", service_callback, NULL, NULL);
  soup_server_listen_local (service.server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (service.server);
  service.url = g_strdup_printf ("https://127.0.0.1:%d/letters", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  service.bodies = g_ptr_array_new_with_free_func (g_free);
  service.keys = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
keep_ticking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so, for 20 seconds at most. */
static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  /* Wakes the loop up now and then, so that the deadline is seen. */
  guint tick = g_timeout_add (50, keep_ticking, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_true (done (data));
}

static void
wait_while_busy (CartaSendPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  ui_test_wait_ms (50);
  while (carta_send_page_get_busy (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_send_page_get_busy (page));
}

static char *
run_tool (const char *tool,
          const char *path,
          const char *option)
{
  g_autofree char *program = g_find_program_in_path (tool);
  const char *argv[] = { program, path, option, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path, NULL);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static CartaProfile *
add_profile (void)
{
  CartaProfile *profile = carta_profile_new ();

  carta_profile_set_name (profile, "Anna Example");
  carta_profile_set_city (profile, "Vilnius");
  carta_profile_store_add (carta_application_get_profiles (app), profile);
  return profile;
}

/* A composer on its last step for a letter written beforehand. */
static CartaComposer *
open_at_preview (CartaLetter *letter)
{
  CartaComposer *composer;

  carta_letter_set_step (letter, "preview");
  composer = carta_composer_new_for_letter (app, letter);
  gtk_window_present (GTK_WINDOW (composer));
  ui_test_resize (GTK_WINDOW (composer), 1000, 800);
  g_assert_cmpstr (carta_composer_get_step (composer), ==, "preview");
  return composer;
}

static void
test_prisoner_letter (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("test:release", "test:ivanov", NULL, "test:hello");
  CartaHistory *history = carta_application_get_history (app);
  guint before = carta_history_get_total (history);
  CartaComposer *composer;
  CartaSendPage *page;
  g_autofree char *pdf = g_build_filename (home, "letter.pdf", NULL);
  g_autofree char *printed = g_build_filename (home, "printed.pdf", NULL);
  g_autofree char *txt = g_build_filename (home, "letter.txt", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) txt_file = g_file_new_for_path (txt);
  g_autofree char *pdf_text = NULL;
  g_autofree char *printed_text = NULL;
  g_autofree char *text = NULL;

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_body (letter, "Здравствуйте, Иван Иванович!\n\nДумаю о Вас.\n\nС теплом,");
  composer = open_at_preview (letter);
  page = carta_composer_get_send_page (composer);
  g_assert_nonnull (page);
  ui_test_save_screenshot (GTK_WINDOW (composer), "send-prisoner");

  /* No email address for a prison. */
  g_assert_null (carta_send_page_dup_mailto (page));

  carta_send_page_save_pdf_to (page, pdf_file);
  wait_while_busy (page);
  pdf_text = run_tool ("pdftotext", pdf, "-");
  g_assert_nonnull (strstr (pdf_text, "Иванову Ивану Ивановичу, 1980 г.р."));
  g_assert_nonnull (strstr (pdf_text, "Думаю о Вас."));
  g_assert_nonnull (strstr (pdf_text, "RUSSIA"));
  g_assert_cmpuint (pdf_pages (pdf), ==, 1);

  /* Printing draws the same pages. */
  carta_send_page_print_to (page, printed);
  wait_while_busy (page);
  printed_text = run_tool ("pdftotext", printed, "-");
  g_assert_nonnull (strstr (printed_text, "Думаю о Вас."));
  g_assert_nonnull (strstr (printed_text, "Anna Example"));
  g_assert_cmpuint (pdf_pages (printed), ==, 1);

  carta_send_page_save_text_to (page, txt_file);
  wait_while_busy (page);
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "Anna Example\n\nИванову Ивану Ивановичу"));
  g_assert_true (g_str_has_suffix (text, "С теплом,\nAnna Example\n"));

  /* PDF, print and text: three letters that left, in the history. */
  g_assert_cmpuint (carta_history_get_total (history), ==, before + 3);
  g_assert_cmpuint (carta_history_count_for_case (history, "test:ivanov"), ==, 3);

  /* The person's page says so. */
  {
    CartaWindow *window = NULL;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
      if (CARTA_IS_WINDOW (l->data))
        window = l->data;
    g_assert_nonnull (window);
    g_assert_true (carta_window_show_entity (window, "test:ivanov"));
    ui_test_wait_ms (100);
    g_assert_nonnull (ui_test_find_row (GTK_WIDGET (window), "You Sent Them"));
  }

  /* A folder that cannot be written: a message, nothing recorded. */
  {
    g_autoptr(GFile) nowhere = g_file_new_for_path ("/proc/carta-cannot-write-here.pdf");

    carta_send_page_save_pdf_to (page, nowhere);
    wait_while_busy (page);
    g_assert_cmpuint (carta_history_get_total (history), ==, before + 3);
    g_assert_nonnull (strstr (carta_send_page_get_last_message (page), "could not be saved"));
    g_assert_nonnull (strstr (carta_send_page_get_last_message (page), "Your letter is safe in Carta"));

    /* Printing into a file that cannot be written says so too. */
    carta_send_page_print_to (page, "/proc/carta-cannot-print-here.pdf");
    wait_while_busy (page);
    g_test_message ("print error: %s", carta_send_page_get_last_message (page));
    g_assert_nonnull (strstr (carta_send_page_get_last_message (page), "could not be printed"));
    g_assert_cmpuint (carta_history_get_total (history), ==, before + 3);
  }

  gtk_window_destroy (GTK_WINDOW (composer));
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_appeal_copy_and_email (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("test:release", "test:ivanov", "test:ohchr", "test:appeal-un");
  CartaComposer *composer;
  CartaSendPage *page;
  g_autofree char *mailto = NULL;
  g_autofree char *copied = NULL;
  GdkClipboard *clipboard;

  carta_letter_set_language (letter, "en");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_subject (letter, "Ivan Ivanov & co");
  carta_letter_set_body (letter, "Dear High Commissioner, I ask you to act for Ivan Ivanov.");
  composer = open_at_preview (letter);
  page = carta_composer_get_send_page (composer);
  ui_test_save_screenshot (GTK_WINDOW (composer), "send-appeal");
  {
    g_autoptr(GPtrArray) unnamed = ui_test_unnamed_controls (GTK_WIDGET (page));

    for (guint i = 0; i < unnamed->len; i++)
      g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
    g_assert_cmpuint (unnamed->len, ==, 0);
    g_assert_nonnull (ui_test_find_row (GTK_WIDGET (page), "_Email…"));
  }

  /* Subject and body in the address, encoded. */
  mailto = carta_send_page_dup_mailto (page);
  g_assert_cmpstr (mailto, ==,
                   "mailto:registry@example.org?subject=Ivan%20Ivanov%20%26%20co"
                   "&body=Dear%20High%20Commissioner%2C%20I%20ask%20you%20to%20act%20for%20Ivan%20Ivanov."
                   "%0AAnna%20Example");

  /* Copied for a web form: the subject, then the letter. */
  g_signal_emit_by_name (ui_test_find_row (GTK_WIDGET (page), "_Copy the Text"), "activated");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (page));
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, "Ivan Ivanov & co\n\nDear High Commissioner, I ask you to act for Ivan Ivanov.\n"
                               "Anna Example");
  wait_while_busy (page);
  g_assert_cmpuint (carta_history_count_for_case (carta_application_get_history (app), "test:ivanov"), ==, 4);

  gtk_window_destroy (GTK_WINDOW (composer));
}

static void
test_example_person_never_leaves (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new (NULL, "carta:example-person", NULL, "carta:prisoner-letter");
  CartaHistory *history = carta_application_get_history (app);
  guint before = carta_history_get_total (history);
  g_autofree char *pdf = g_build_filename (home, "example.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  CartaComposer *composer;
  CartaSendPage *page;

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_body (letter, "Здравствуйте!");
  composer = open_at_preview (letter);
  page = carta_composer_get_send_page (composer);

  /* It can be saved to see it, but is not recorded as sent, and the
   * ways to send it are not offered. */
  g_assert_null (ui_test_find_row (GTK_WIDGET (page), "_Copy the Text"));
  carta_send_page_save_pdf_to (page, file);
  wait_while_busy (page);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (carta_history_get_total (history), ==, before);

  gtk_window_destroy (GTK_WINDOW (composer));
}

/* A draft to someone released since it was begun can be saved, not sent. */
static void
test_released_since (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("test:release", "test:markup", NULL, "test:hello");
  CartaComposer *composer;
  CartaSendPage *page;

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_body (letter, "Здравствуйте!");
  composer = open_at_preview (letter);
  page = carta_composer_get_send_page (composer);
  g_assert_null (ui_test_find_row (GTK_WIDGET (page), "_Copy the Text"));
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (page), "Save as _PDF…"));
  /* Nor submitted: the campaign's services post to prisons. */
  g_assert_cmpuint (carta_send_page_get_n_channels (page), ==, 0);
  gtk_window_destroy (GTK_WINDOW (composer));
}

typedef struct
{
  guint  requests;
  char  *last_body;
  char  *last_key;
} Server;

static void
on_letter (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Server *state = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_autofree char *receipt = g_strdup_printf ("{\"receipt\": \"R-%u\"}", ++state->requests);

  g_free (state->last_body);
  state->last_body = g_strndup (body->data, body->length);
  g_free (state->last_key);
  state->last_key = g_strdup (key);
  soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, receipt, strlen (receipt));
}

/* A feed whose campaign offers a forwarding service on this machine. */
static void
add_forwarding_feed (guint port)
{
  g_autofree char *json = g_strdup_printf (
    "{\"carta_feed\": 1, \"source\": {\"title\": {\"en\": \"Forwarders\"}},"
    " \"templates\": [{\"id\": \"note\", \"kind\": \"solidarity\", \"addressee\": \"prisoner\","
    "   \"title\": {\"en\": \"A note\", \"ru\": \"Записка\"}, \"paragraphs\": [{\"id\": \"p\", \"text\": {\"ru\": \"Привет!\"}}]}],"
    " \"cases\": [{\"id\": \"petrov\", \"name\": \"Петров Пётр\", \"status\": \"imprisoned\","
    "   \"letter_languages\": [\"ru\"], \"templates\": [\"note\"],"
    "   \"address\": {\"lines\": [\"000000, г. Пример\", \"ИК-1\"], \"country\": \"RUSSIA\"}}],"
    " \"campaigns\": [{\"id\": \"post\", \"title\": {\"en\": \"Post for prisoners\"}, \"summary\": {\"en\": \"Letters posted for you.\"}, \"cases\": [\"petrov\"],"
    "   \"templates\": [\"note\"], \"channels\": [{\"type\": \"forward\","
    "   \"url\": \"http://127.0.0.1:%u/letters\", \"name\": {\"en\": \"Letters & Co\"}}]}]}", port);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = carta_feed_new_from_bytes (bytes, "fwd", &error);

  g_assert_no_error (error);
  carta_catalog_add_feed (carta_application_get_catalog (app), feed);
}

static void
test_submit (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("fwd:post", "fwd:petrov", NULL, "fwd:note");
  CartaOutbox *outbox = carta_application_get_outbox (app);
  CartaHistory *history = carta_application_get_history (app);
  Server state = { 0 };
  GSList *uris;
  guint port;
  CartaComposer *composer;
  CartaSendPage *page;
  gint64 deadline;

  soup_server_add_handler (server, "/letters", on_letter, &state, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  add_forwarding_feed (port);

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_body (letter, "Привет! Думаю о Вас.");
  composer = open_at_preview (letter);
  page = carta_composer_get_send_page (composer);
  g_assert_cmpuint (carta_send_page_get_n_channels (page), ==, 1);
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (page), "Submit to Letters & Co…"));
  /* Scrolled down to the ways out. */
  gtk_widget_grab_focus (ui_test_find_row (GTK_WIDGET (page), "Submit to Letters & Co…"));
  ui_test_wait_ms (300);
  ui_test_save_screenshot (GTK_WINDOW (composer), "send-submit");

  /* The writer shares nothing of theirs. */
  g_assert_true (carta_send_page_submit (page, 0, FALSE, NULL, &error));
  g_assert_no_error (error);
  wait_while_busy (page);

  /* On disk in the outbox first, then sent, then in the history. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((state.requests == 0 || carta_outbox_get_busy (outbox)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    {
      g_test_skip ("the network monitor says there is no network: the letter waits in the outbox");
      gtk_window_destroy (GTK_WINDOW (composer));
      return;
    }
  g_assert_cmpuint (state.requests, ==, 1);
  g_assert_nonnull (state.last_key);
  g_assert_nonnull (strstr (state.last_body, "Думаю о Вас."));
  g_assert_nonnull (strstr (state.last_body, "Петров Пётр"));
  g_assert_null (strstr (state.last_body, "Anna Example"));
  ui_test_wait_ms (200);
  g_assert_cmpuint (carta_history_count_for_case (history, "fwd:petrov"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (composer));
  g_free (state.last_body);
  g_free (state.last_key);
}

static CartaSentWindow *
open_sent_letters (GtkWidget *from)
{
  gtk_widget_activate_action (from, "app.sent-letters", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CARTA_IS_SENT_WINDOW (l->data))
      return l->data;
  g_assert_not_reached ();
}

/* Before any letter: the empty state, and nothing to export. */
static void
test_sent_letters_empty (void)
{
  GtkWindow *main_window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.sent-letters");
  CartaSentWindow *window;
  GtkWidget *status;

  g_assert_nonnull (main_window);
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>h"));
  g_assert_cmpuint (carta_history_get_total (carta_application_get_history (app)), ==, 0);

  window = open_sent_letters (GTK_WIDGET (main_window));
  /* Asked again, the same window comes to the front. */
  g_assert_true (open_sent_letters (GTK_WIDGET (main_window)) == window);
  ui_test_resize (GTK_WINDOW (window), 640, 720);
  status = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_true (gtk_widget_get_child_visible (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Letters Sent Yet");
  g_assert_false (gtk_widget_get_sensitive (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON)));
  g_assert_cmpuint (carta_sent_window_get_n_shown (window), ==, 0);
  ui_test_save_screenshot (GTK_WINDOW (window), "sent-letters-empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------------
 * Envelopes
 */

static char *
pdf_page_size (const char *path,
               const char *page)
{
  g_autofree char *program = g_find_program_in_path ("pdfinfo");
  const char *argv[] = { program, "-f", page, "-l", page, path, NULL };
  g_autofree char *out = NULL;
  const char *line;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, NULL));
  line = strstr (out, " size:");
  g_assert_nonnull (line);
  line += strlen (" size:");
  while (*line == ' ')
    line++;
  return g_strndup (line, strcspn (line, " \n") + strcspn (line + strcspn (line, " \n"), "\n"));
}

static void
test_envelope_pages (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("test:release", "test:ivanov", NULL, "test:hello");
  g_autofree char *pdf = g_build_filename (home, "with-envelope.pdf", NULL);
  g_autofree char *printed = g_build_filename (home, "printed-with-envelope.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autofree char *text = NULL;
  g_autofree char *letter_size = NULL;
  g_autofree char *envelope_size = NULL;
  CartaComposer *composer;
  CartaSendPage *page;
  AdwComboRow *envelope_row;

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_body (letter, "Здравствуйте, Иван Иванович!\n\nДумаю о Вас.");
  composer = open_at_preview (letter);
  page = carta_composer_get_send_page (composer);
  envelope_row = ADW_COMBO_ROW (ui_test_find_row (GTK_WIDGET (page), "Envelope"));
  g_assert_nonnull (envelope_row);

  /* A C5 envelope after the letter, on paper of its own. */
  adw_combo_row_set_selected (envelope_row, 2);
  carta_send_page_save_pdf_to (page, pdf_file);
  wait_while_busy (page);
  g_assert_cmpuint (pdf_pages (pdf), ==, 2);
  envelope_size = pdf_page_size (pdf, "2");
  g_assert_true (g_str_has_prefix (envelope_size, "649.1"));
  g_assert_nonnull (strstr (envelope_size, "459.2"));

  /* Printing puts a DL envelope on a page turned to its shape. */
  adw_combo_row_set_selected (envelope_row, 1);
  carta_send_page_print_to (page, printed);
  wait_while_busy (page);
  g_assert_cmpuint (pdf_pages (printed), ==, 2);
  letter_size = pdf_page_size (printed, "1");
  g_clear_pointer (&envelope_size, g_free);
  envelope_size = pdf_page_size (printed, "2");
  g_test_message ("printed: letter %s, envelope %s", letter_size, envelope_size);
  g_assert_cmpstr (letter_size, !=, envelope_size);
  g_assert_true (g_str_has_prefix (envelope_size, "623.6"));
  g_assert_nonnull (strstr (envelope_size, "311.8"));
  text = run_tool ("pdftotext", printed, "-");
  g_assert_nonnull (strstr (text, "ИК-0"));

  adw_combo_row_set_selected (envelope_row, 0);
  gtk_window_destroy (GTK_WINDOW (composer));
}

/* ------------------------------------------------------------------------
 * Submitting online, and Sent Letters
 */

static gboolean
outbox_is_empty (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (carta_application_get_outbox (app))) == 0;
}

static gboolean
history_has (gpointer data)
{
  return carta_history_get_total (carta_application_get_history (app)) >= GPOINTER_TO_UINT (data);
}

static gboolean
delivery_failed (gpointer data)
{
  return carta_delivery_get_state (CARTA_DELIVERY (data)) == CARTA_DELIVERY_FAILED;
}

static gboolean
window_idle (gpointer data)
{
  return !carta_sent_window_get_busy (CARTA_SENT_WINDOW (data));
}

static void
on_delivery_sent (CartaOutbox    *outbox,
                  CartaDelivery  *delivery,
                  CartaDelivery **sent)
{
  g_set_object (sent, delivery);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static CartaComposer *
open_submission (CartaProfile *profile)
{
  CartaLetter *letter = carta_letter_new ("test:release", "test:ivanov", NULL, "test:hello");
  CartaComposer *composer;

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_body (letter, "Здравствуйте, Иван Иванович!\n\nДумаю о Вас.\n\nС теплом,");
  composer = open_at_preview (letter);
  g_object_set_data_full (G_OBJECT (composer), "letter", letter, g_object_unref);
  return composer;
}

static GtkWidget *
find_sent_row (GtkWidget *root)
{
  return ui_test_find_widget (root, CARTA_TYPE_SENT_ROW);
}

/* The button on show under @root whose accessible name is @name. */
static GtkWidget *
find_button_by_name (GtkWidget  *root,
                             const char *name)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (GTK_IS_BUTTON (root))
    {
      g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      if (mismatch == NULL)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_by_name (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_submit_and_follow (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  CartaOutbox *outbox = carta_application_get_outbox (app);
  CartaHistory *history = carta_application_get_history (app);
  guint before = carta_history_get_total (history);
  g_autoptr(CartaDelivery) sent = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(CartaDelivery) failed = NULL;
  CartaSubmitDialog *dialog;
  CartaComposer *composer;
  CartaSendPage *page;
  CartaSentWindow *window;
  JsonObject *letter;
  GtkWidget *row;
  gulong handler;

  carta_profile_set_email (profile, "anna@example.org");
  carta_profile_set_return_address (profile, "Gedimino pr. 1\nLT-01103 Vilnius");
  handler = g_signal_connect (outbox, "delivery-sent", G_CALLBACK (on_delivery_sent), &sent);

  composer = open_submission (profile);
  page = carta_composer_get_send_page (composer);

  /* The person's service first, then the campaign's two. */
  g_assert_cmpuint (carta_send_page_get_n_channels (page), ==, 3);
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (page), "Submit to Example Letter Service…"));
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (page), "Submit to Example Solidarity Group…"));

  /* Nothing of the writer's is shared unless they tick it. */
  dialog = carta_send_page_open_submit_dialog (page, 0);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (carta_submit_dialog_get_share_name (dialog));
  g_assert_false (carta_submit_dialog_get_share_email (dialog));
  g_assert_false (carta_submit_dialog_get_share_address (dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "submit"));
  {
    g_autoptr(GPtrArray) unnamed = ui_test_unnamed_controls (GTK_WIDGET (dialog));

    for (guint i = 0; i < unnamed->len; i++)
      g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
    g_assert_cmpuint (unnamed->len, ==, 0);
  }
  ui_test_save_screenshot (GTK_WINDOW (dialog), "submit-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");

  /* Sent, with the service's receipt, and in the history. */
  wait_until (outbox_is_empty, NULL);
  wait_until (history_has, GUINT_TO_POINTER (before + 1));
  g_assert_nonnull (sent);
  g_assert_cmpint (carta_delivery_get_state (sent), ==, CARTA_DELIVERY_SENT);
  g_assert_cmpstr (carta_delivery_get_receipt (sent), ==, "LTR-1");
  g_assert_true (carta_history_contains (history, carta_delivery_get_id (sent)));
  g_assert_cmpuint (carta_history_count_for_case (history, "test:ivanov"), >=, 1);

  /* What the service got: the letter and whom it is for, no sender, and
   * no signature under the letter either. */
  g_assert_cmpuint (service.n_requests, ==, 1);
  request = parse_object (g_ptr_array_index (service.bodies, 0));
  g_assert_false (json_object_has_member (request, "sender"));
  letter = json_object_get_object_member (request, "letter");
  g_assert_cmpstr (json_object_get_string_member (letter, "language"), ==, "ru");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (letter, "body"), "С теплом,"));
  g_assert_null (strstr (g_ptr_array_index (service.bodies, 0), "Anna"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "recipient"), "name"),
                   ==, "Иванову Ивану Ивановичу, 1980 г.р.");

  /* The service refuses the next one: it waits in the outbox, failed,
   * with the service's reason, until the writer sends it again. */
  service.refuse = TRUE;
  dialog = carta_send_page_open_submit_dialog (page, 0);
  carta_submit_dialog_set_share (dialog, TRUE, FALSE, FALSE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  while (g_list_model_get_n_items (G_LIST_MODEL (outbox)) == 0)
    g_main_context_iteration (NULL, TRUE);
  failed = g_list_model_get_item (G_LIST_MODEL (outbox), 0);
  wait_until (delivery_failed, failed);
  g_assert_nonnull (strstr (carta_delivery_get_last_error (failed), "The prison address has no postal code"));

  window = open_sent_letters (GTK_WIDGET (page));
  ui_test_resize (GTK_WINDOW (window), 640, 720);
  g_assert_cmpuint (carta_sent_window_get_n_waiting (window), ==, 1);
  g_assert_cmpuint (carta_sent_window_get_n_shown (window), ==, MIN (carta_history_get_total (history), 50));
  row = find_sent_row (GTK_WIDGET (window));
  g_assert_nonnull (row);
  g_assert_true (carta_sent_row_get_delivery (CARTA_SENT_ROW (row)) == failed);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "no postal code"));
  {
    g_autoptr(GPtrArray) unnamed = ui_test_unnamed_controls (GTK_WIDGET (window));

    for (guint i = 0; i < unnamed->len; i++)
      g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
    g_assert_cmpuint (unnamed->len, ==, 0);
  }
  ui_test_save_screenshot (GTK_WINDOW (window), "sent-letters-failed");
  ui_test_resize (GTK_WINDOW (window), 360, 720);
  ui_test_save_screenshot (GTK_WINDOW (window), "sent-letters-narrow");

  /* Send Again: the same letter, the same key, now accepted. */
  service.refuse = FALSE;
  g_clear_object (&sent);
  g_signal_emit_by_name (find_button_by_name (row, "Send again"), "clicked");
  wait_until (outbox_is_empty, NULL);
  wait_until (history_has, GUINT_TO_POINTER (before + 2));
  g_assert_true (sent == failed);
  g_assert_cmpstr (carta_delivery_get_receipt (failed), ==, "LTR-3");
  g_assert_cmpuint (service.n_requests, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (service.keys, 1), ==, g_ptr_array_index (service.keys, 2));
  g_assert_cmpstr (g_ptr_array_index (service.bodies, 1), ==, g_ptr_array_index (service.bodies, 2));
  g_clear_pointer (&request, json_object_unref);
  request = parse_object (g_ptr_array_index (service.bodies, 2));
  /* The name was ticked: it signs the letter; the email was not. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "sender"), "name"),
                   ==, "Anna Example");
  g_assert_false (json_object_has_member (json_object_get_object_member (request, "sender"), "email"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_object_get_object_member (request, "letter"),
                                                                  "body"), "С теплом,\nAnna Example"));
  g_assert_cmpuint (carta_sent_window_get_n_waiting (window), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON)));
  ui_test_resize (GTK_WINDOW (window), 640, 720);
  ui_test_save_screenshot (GTK_WINDOW (window), "sent-letters");

  /* With a proxy setting that cannot be used nothing goes out: the letter
   * waits, and the window says why; the writer can stop it and remove it. */
  {
    GSettings *settings = carta_application_get_settings (app);
    g_autofree char *ca_path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "tls", "ca.pem", NULL);
    g_autoptr(GTlsDatabase) database = NULL;
    g_autoptr(CartaDelivery) waiting = NULL;
    guint requests = service.n_requests;
    GtkWidget *note;

    g_settings_set_string (settings, "proxy-url", "not a proxy");
    g_assert_null (carta_application_get_session (app));
    dialog = carta_send_page_open_submit_dialog (page, 0);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
    while (g_list_model_get_n_items (G_LIST_MODEL (outbox)) == 0)
      g_main_context_iteration (NULL, TRUE);
    ui_test_wait_ms (300);
    waiting = g_list_model_get_item (G_LIST_MODEL (outbox), 0);
    g_assert_cmpint (carta_delivery_get_state (waiting), ==, CARTA_DELIVERY_QUEUED);
    g_assert_cmpuint (service.n_requests, ==, requests);
    note = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_REVEALER);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (note)));
    ui_test_save_screenshot (GTK_WINDOW (window), "sent-letters-waiting");

    row = find_sent_row (GTK_WIDGET (window));
    g_assert_true (carta_sent_row_get_delivery (CARTA_SENT_ROW (row)) == waiting);
    g_signal_emit_by_name (find_button_by_name (row, "Do not send"), "clicked");
    g_assert_cmpint (carta_delivery_get_state (waiting), ==, CARTA_DELIVERY_CANCELLED);
    ui_test_wait_ms (100);
    g_signal_emit_by_name (find_button_by_name (row, "Remove from the outbox"), "clicked");
    wait_until (outbox_is_empty, NULL);
    g_assert_cmpuint (carta_sent_window_get_n_waiting (window), ==, 0);
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (note)));

    g_settings_set_string (settings, "proxy-url", "");
    g_assert_nonnull (carta_application_get_session (app));
    database = g_tls_file_database_new (ca_path, NULL);
    soup_session_set_tls_database (carta_application_get_session (app), database);
    g_assert_cmpuint (service.n_requests, ==, requests);
  }

  /* The history as CSV: a header and a row a letter, receipts included. */
  {
    g_autofree char *csv_path = g_build_filename (home, "history.csv", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
    g_autofree char *csv = NULL;
    g_auto(GStrv) lines = NULL;

    carta_sent_window_export_to (window, CARTA_HISTORY_EXPORT_CSV, csv_file);
    wait_until (window_idle, window);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    lines = g_strsplit (csv, "\r\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "sent,channel,recipient,"));
    /* The header, a line a letter, and the empty string after the last. */
    g_assert_cmpuint (g_strv_length (lines), ==, carta_history_get_total (history) + 2);
    g_assert_nonnull (strstr (csv, ",forward,"));
    g_assert_nonnull (strstr (csv, "LTR-1"));
    g_assert_nonnull (strstr (csv, "LTR-3"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_signal_handler_disconnect (outbox, handler);
  gtk_window_destroy (GTK_WINDOW (composer));
}

/* Action Network counts letters by the writer's email address, with the
 * organizer's token: the dialog asks for both before it lets the letter go. */
static void
test_osdi_needs_token_and_email (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  CartaComposer *composer;
  CartaSendPage *page;
  CartaSubmitDialog *dialog;
  AdwMessageDialog *message;
  guint requests = service.n_requests;

  carta_profile_set_email (profile, "anna@example.org");
  composer = open_submission (profile);
  page = carta_composer_get_send_page (composer);

  /* Without the email address the organization refuses it: Carta says so
   * before anything is queued. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (carta_send_page_submit (page, 1, TRUE, "secret-token", &error));
    g_assert_error (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INCOMPLETE);
  }

  dialog = carta_send_page_open_submit_dialog (page, 1);
  message = ADW_MESSAGE_DIALOG (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "submit"));
  carta_submit_dialog_set_token (dialog, "  secret-token ");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "submit"));
  carta_submit_dialog_set_share (dialog, FALSE, TRUE, FALSE);
  g_assert_true (adw_message_dialog_get_response_enabled (message, "submit"));
  {
    g_autofree char *token = carta_submit_dialog_dup_token (dialog);
    g_assert_cmpstr (token, ==, "secret-token");
  }
  {
    g_autoptr(GPtrArray) unnamed = ui_test_unnamed_controls (GTK_WIDGET (dialog));

    for (guint i = 0; i < unnamed->len; i++)
      g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
    g_assert_cmpuint (unnamed->len, ==, 0);
  }
  ui_test_save_screenshot (GTK_WINDOW (dialog), "submit-dialog-osdi");

  /* Cancelled: nothing is queued, nothing sent. */
  adw_message_dialog_response (message, "cancel");
  ui_test_wait_ms (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (carta_application_get_outbox (app))), ==, 0);
  g_assert_cmpuint (service.n_requests, ==, requests);

  gtk_window_destroy (GTK_WINDOW (composer));
}

/* The send page on its own, as a window shows it, wide and narrow. */
static void
test_send_page_screenshots (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("test:release", "test:ivanov", NULL, "test:hello");
  CartaSendPage *page = carta_send_page_new ();
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  CartaCatalog *catalog = carta_application_get_catalog (app);
  CartaEntity *campaign = carta_catalog_lookup (catalog, "test:release");
  CartaEntity *person = carta_catalog_lookup (catalog, "test:ivanov");

  carta_letter_set_language (letter, "ru");
  carta_letter_set_body (letter, "Здравствуйте, Иван Иванович!\n\nДумаю о Вас.");
  carta_send_page_set_letter (page, app, letter, NULL, CARTA_CAMPAIGN (campaign), CARTA_CASE (person), NULL,
                              profile);
  g_object_set (page, "margin-top", 24, "margin-bottom", 24, "margin-start", 12, "margin-end", 12, NULL);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (page));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scroller);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_resize (GTK_WINDOW (window), 800, 900);

  g_assert_cmpuint (carta_send_page_get_n_channels (page), ==, 3);
  /* Rebuilt as the letter changes: a page more when the text grows. */
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (page), "_Print…"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_test_find_row (GTK_WIDGET (page), "_Print…"))),
                   ==, "1 page of A4 paper, to sign and post");
  {
    g_autoptr(GString) long_body = g_string_new (NULL);

    for (guint i = 0; i < 80; i++)
      g_string_append (long_body, "Думаю о Вас каждый день и жду новостей.\n\n");
    carta_letter_set_body (letter, long_body->str);
    ui_test_wait_ms (100);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_test_find_row (GTK_WIDGET (page), "_Print…"))),
                     !=, "1 page of A4 paper, to sign and post");
    carta_letter_set_body (letter, "Здравствуйте, Иван Иванович!\n\nДумаю о Вас.");
    ui_test_wait_ms (100);
  }

  ui_test_save_screenshot (GTK_WINDOW (window), "send-page");
  ui_test_resize (GTK_WINDOW (window), 360, 900);
  ui_test_save_screenshot (GTK_WINDOW (window), "send-page-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
disable_animations (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static gboolean
drafts_group_idle (gpointer data)
{
  return !carta_drafts_group_get_saving (data);
}

/* Save All as PDF on the first page: every written draft in one PDF, each
 * recorded in the history; a folder that cannot be written records none. */
static void
test_save_all_drafts (void)
{
  g_autoptr(CartaProfile) profile = add_profile ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("test:release", "test:ivanov", NULL, "test:hello");
  CartaDraftStore *drafts = carta_application_get_drafts (app);
  CartaHistory *history = carta_application_get_history (app);
  CartaWindow *window = NULL;
  CartaDraftsGroup *group;
  g_autofree char *path = g_build_filename (home, "all-letters.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path ("/proc/carta-cannot-write-here.pdf");
  g_autofree char *text = NULL;
  guint total, for_ivanov;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CARTA_IS_WINDOW (l->data))
      window = l->data;
  g_assert_nonnull (window);
  group = carta_window_get_drafts_group (window);

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));
  carta_letter_set_body (letter, "Здравствуйте, Иван Иванович!\n\nПишу Вам после вечера писем.\n\nС теплом,");
  g_assert_true (carta_draft_store_add (drafts, letter));

  /* A folder that cannot be written: nothing saved, nothing recorded. */
  total = carta_history_get_total (history);
  carta_drafts_group_save_all_to (group, nowhere);
  wait_until (drafts_group_idle, group);
  ui_test_wait_ms (100);
  g_assert_cmpuint (carta_history_get_total (history), ==, total);

  for_ivanov = carta_history_count_for_case (history, "test:ivanov");
  carta_drafts_group_save_all_to (group, file);
  wait_until (drafts_group_idle, group);
  text = run_tool ("pdftotext", path, "-");
  g_assert_nonnull (strstr (text, "Пишу Вам после вечера писем."));
  g_assert_nonnull (strstr (text, "Иванову Ивану Ивановичу, 1980 г.р."));
  g_assert_nonnull (strstr (text, "Anna Example"));
  wait_until (history_has, GUINT_TO_POINTER (total + 1));
  g_assert_cmpuint (carta_history_count_for_case (history, "test:ivanov"), ==, for_ivanov + 1);

  carta_draft_store_delete (drafts, letter);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *feed_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  gint64 deadline;
  gsize length;
  int status;

  home = g_dir_make_tmp ("carta-send-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", FALSE);
  /* Online, whatever the machine's routes say: the server is on loopback. */
  g_setenv ("GIO_USE_NETWORK_MONITOR", "base", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (g_find_program_in_path ("pdftotext") == NULL || g_find_program_in_path ("pdfinfo") == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
      return 77;
    }

  app = carta_application_new ();
  g_signal_connect (app, "startup", G_CALLBACK (disable_animations), NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (carta_application_get_loading (app) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_application_get_loading (app));
  ui_test_wait_ms (300);

  /* The session trusts the test CA, as it would a real organization's. */
  {
    g_autofree char *ca_path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "tls", "ca.pem", NULL);
    g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (carta_application_get_session (app));
    soup_session_set_tls_database (carta_application_get_session (app), database);
  }
  start_service ();

  /* The test feed, as a source of its own, with the person's letter
   * service on the loopback server. */
  feed_path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "good-feed.json", NULL);
  g_assert_true (g_file_get_contents (feed_path, &contents, &length, NULL));
  {
    g_autoptr(GString) text = g_string_new (contents);

    g_clear_pointer (&contents, g_free);
    g_assert_cmpuint (g_string_replace (text, "https://letters.example.org/v1/letters", service.url, 0), ==, 1);
    length = text->len;
    contents = g_string_free (g_steal_pointer (&text), FALSE);
  }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  feed = carta_feed_new_from_bytes (bytes, "test", &error);
  g_assert_no_error (error);
  carta_catalog_add_feed (carta_application_get_catalog (app), feed);

  g_test_add_func ("/send/sent-letters-empty", test_sent_letters_empty);
  g_test_add_func ("/send/prisoner-letter", test_prisoner_letter);
  g_test_add_func ("/send/appeal-copy-and-email", test_appeal_copy_and_email);
  g_test_add_func ("/send/example-person-never-leaves", test_example_person_never_leaves);
  g_test_add_func ("/send/submit", test_submit);
  g_test_add_func ("/send/released-since", test_released_since);
  g_test_add_func ("/send/envelope-pages", test_envelope_pages);
  g_test_add_func ("/send/submit-and-follow", test_submit_and_follow);
  g_test_add_func ("/send/osdi-needs-token-and-email", test_osdi_needs_token_and_email);
  g_test_add_func ("/send/send-page-screenshots", test_send_page_screenshots);
  g_test_add_func ("/send/save-all-drafts", test_save_all_drafts);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  soup_server_disconnect (service.server);
  g_clear_object (&service.server);
  g_clear_pointer (&service.bodies, g_ptr_array_unref);
  g_clear_pointer (&service.keys, g_ptr_array_unref);
  g_free (service.url);
  return status;
}
