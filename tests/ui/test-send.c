/* test-send.c: a finished letter printed, saved, copied and emailed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the composer's last step for letters from tests/core/fixtures/
 * good-feed.json (a prisoner in Russia, and the UN with an email address),
 * saves the letter as PDF and as text and prints it into a PDF (read back
 * with pdftotext and pdfinfo), copies it and reads the clipboard back,
 * builds the mailto: address, and checks that each letter that left is in
 * the history — except letters to an example person, which never leave.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "carta-application-private.h"
#include "carta-composer-private.h"
#include "carta-send-page-private.h"
#include "carta-window.h"
#include "ui-test-util.h"

static CartaApplication *app;
static char *home;

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

static void
disable_animations (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
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

  /* The test feed, as a source of its own. */
  feed_path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "good-feed.json", NULL);
  g_assert_true (g_file_get_contents (feed_path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  feed = carta_feed_new_from_bytes (bytes, "test", &error);
  g_assert_no_error (error);
  carta_catalog_add_feed (carta_application_get_catalog (app), feed);

  g_test_add_func ("/send/prisoner-letter", test_prisoner_letter);
  g_test_add_func ("/send/appeal-copy-and-email", test_appeal_copy_and_email);
  g_test_add_func ("/send/example-person-never-leaves", test_example_person_never_leaves);
  g_test_add_func ("/send/submit", test_submit);
  g_test_add_func ("/send/released-since", test_released_since);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
