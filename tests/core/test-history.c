/* test-history.c: the record of letters sent, its crash safety and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include <carta/carta.h>

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  gint64 limit = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < limit)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (*result);
  return *result;
}

static char *
history_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "carta", "history.jsonl", NULL);
}

static guint
load (CartaHistory *history)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint skipped = G_MAXUINT;

  carta_history_load_async (history, NULL, on_done, &result);
  carta_history_load_finish (history, wait_result (&result), &skipped, &error);
  g_assert_no_error (error);
  return skipped;
}

static void
append (CartaHistory  *history,
        CartaDelivery *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carta_history_append_async (history, record, NULL, on_done, &result);
  carta_history_append_finish (history, wait_result (&result), &error);
  g_assert_no_error (error);
}

static CartaDelivery *
submitted (const char *recipient,
           const char *case_uid,
           const char *receipt)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  CartaDelivery *delivery = carta_delivery_new_submission (CARTA_DELIVERY_FORWARD, "https://post.example.org/l",
                                                           body, NULL, recipient, "demo:camp", case_uid, "ru");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  carta_delivery_set_receipt (delivery, receipt);
  carta_delivery_set_sent (delivery, now);
  carta_delivery_set_state (delivery, CARTA_DELIVERY_SENT);
  return delivery;
}

static void
count_added (GListModel *model,
             guint       position,
             guint       removed,
             guint       added,
             guint      *changes)
{
  *changes += added;
}

static void
test_counts_and_reload (void)
{
  g_autofree char *path = history_path ();
  g_autoptr(CartaHistory) history = carta_history_new (path);
  g_autoptr(CartaHistory) reloaded = carta_history_new (path);
  g_autoptr(CartaDelivery) printed = carta_delivery_new_record (CARTA_DELIVERY_PRINT, "Иван", NULL, "demo:ivan", "ru");
  g_autoptr(CartaDelivery) pdf = carta_delivery_new_record (CARTA_DELIVERY_PDF, "Иван", NULL, "demo:ivan", "ru");
  g_autoptr(CartaDelivery) emailed = carta_delivery_new_record (CARTA_DELIVERY_EMAIL, "Olga", "demo:camp",
                                                                "demo:olga", "en");
  g_autoptr(CartaDelivery) sent = submitted ("Иван", "demo:ivan", "R-1");
  CartaDelivery *first;
  guint changes = 0;

  g_assert_cmpuint (load (history), ==, 0);
  g_assert_cmpuint (carta_history_get_total (history), ==, 0);
  g_signal_connect (history, "items-changed", G_CALLBACK (count_added), &changes);

  append (history, printed);
  append (history, pdf);
  append (history, emailed);
  append (history, sent);
  /* The same letter is not recorded twice. */
  append (history, sent);

  g_assert_cmpuint (carta_history_get_total (history), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 4);
  g_assert_cmpuint (changes, ==, 4);
  g_assert_cmpuint (carta_history_count_for_case (history, "demo:ivan"), ==, 3);
  g_assert_cmpuint (carta_history_count_for_case (history, "demo:olga"), ==, 1);
  g_assert_cmpuint (carta_history_count_for_case (history, "demo:nobody"), ==, 0);
  g_assert_cmpuint (carta_history_count_for_campaign (history, "demo:camp"), ==, 2);

  /* Another start reads the same. */
  g_assert_cmpuint (load (reloaded), ==, 0);
  g_assert_cmpuint (carta_history_get_total (reloaded), ==, 4);
  g_assert_cmpuint (carta_history_count_for_case (reloaded, "demo:ivan"), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (reloaded), 0);
  g_assert_cmpint (carta_delivery_get_channel (first), ==, CARTA_DELIVERY_PRINT);
  g_assert_cmpstr (carta_delivery_get_recipient_name (first), ==, "Иван");
  g_object_unref (first);
  first = g_list_model_get_item (G_LIST_MODEL (reloaded), 3);
  g_assert_cmpstr (carta_delivery_get_receipt (first), ==, "R-1");
  g_assert_true (carta_history_contains (reloaded, carta_delivery_get_id (sent)));
  g_object_unref (first);
}

static void
test_torn_line (void)
{
  g_autofree char *path = history_path ();
  g_autoptr(CartaHistory) history = carta_history_new (path);
  g_autoptr(CartaHistory) after_crash = NULL;
  g_autoptr(CartaHistory) after_append = NULL;
  g_autoptr(CartaDelivery) one = carta_delivery_new_record (CARTA_DELIVERY_TEXT, "A", NULL, "demo:a", "en");
  g_autoptr(CartaDelivery) two = carta_delivery_new_record (CARTA_DELIVERY_TEXT, "B", NULL, "demo:b", "en");
  g_autofree char *contents = NULL;
  g_autoptr(GString) torn = NULL;
  g_autoptr(GError) error = NULL;

  append (history, one);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (contents, "\n"));

  /* A crash in the middle of the next line. */
  torn = g_string_new (contents);
  g_string_append (torn, "{\"carta_delivery\":1,\"id\":\"5b0c");
  g_file_set_contents (path, torn->str, -1, &error);
  g_assert_no_error (error);

  after_crash = carta_history_new (path);
  g_assert_cmpuint (load (after_crash), ==, 1);
  g_assert_cmpuint (carta_history_get_total (after_crash), ==, 1);

  /* The next record starts on a line of its own. */
  append (after_crash, two);
  after_append = carta_history_new (path);
  g_assert_cmpuint (load (after_append), ==, 1);
  g_assert_cmpuint (carta_history_get_total (after_append), ==, 2);
  g_assert_cmpuint (carta_history_count_for_case (after_append, "demo:b"), ==, 1);
}

static void
test_export (void)
{
  g_autofree char *path = history_path ();
  g_autoptr(CartaHistory) history = carta_history_new (path);
  g_autoptr(CartaDelivery) tricky = submitted ("Smith, \"Jo\"\nJr.", "demo:x", "R,1");
  g_autoptr(CartaDelivery) cyrillic = carta_delivery_new_record (CARTA_DELIVERY_PDF, "Алесь Бяляцкі", NULL,
                                                                 "demo:ales", "be");
  g_autoptr(CartaDelivery) formula = carta_delivery_new_record (CARTA_DELIVERY_PRINT, "=HYPERLINK(\"x\")", NULL,
                                                                "demo:f", "en");
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *export_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonArray *letters;
  JsonObject *letter;

  append (history, tricky);
  append (history, cyrillic);
  append (history, formula);

  csv = carta_history_to_text (history, CARTA_HISTORY_EXPORT_CSV);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  g_assert_true (g_str_has_prefix (csv, "sent,channel,recipient,case_id,campaign_id,language,receipt,id\r\n"));
  /* RFC 4180: quotes doubled, the field quoted, the newline kept inside. */
  g_assert_nonnull (strstr (csv, ",forward,\"Smith, \"\"Jo\"\"\nJr.\",demo:x,demo:camp,ru,\"R,1\","));
  expected = g_strdup_printf (",pdf,Алесь Бяляцкі,demo:ales,,be,,%s\r\n", carta_delivery_get_id (cyrillic));
  g_assert_nonnull (strstr (csv, expected));
  /* A formula is text, not something a spreadsheet runs. */
  g_assert_nonnull (strstr (csv, ",print,\"'=HYPERLINK(\"\"x\"\")\",demo:f,"));
  /* Header, three rows, and nothing after the last CRLF. */
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");

  json = carta_history_to_text (history, CARTA_HISTORY_EXPORT_JSON);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  letters = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "letters");
  g_assert_cmpuint (json_array_get_length (letters), ==, 3);
  letter = json_array_get_object_element (letters, 0);
  g_assert_cmpstr (json_object_get_string_member (letter, "recipient"), ==, "Smith, \"Jo\"\nJr.");
  g_assert_cmpstr (json_object_get_string_member (letter, "receipt"), ==, "R,1");
  g_assert_cmpstr (json_object_get_string_member (letter, "channel"), ==, "forward");
  letter = json_array_get_object_element (letters, 1);
  g_assert_cmpstr (json_object_get_string_member (letter, "recipient"), ==, "Алесь Бяляцкі");
  g_assert_false (json_object_has_member (letter, "receipt"));

  /* The export writes the same text, off the main loop. */
  export_path = g_build_filename (g_get_user_data_dir (), "export.csv", NULL);
  file = g_file_new_for_path (export_path);
  carta_history_export_async (history, CARTA_HISTORY_EXPORT_CSV, file, NULL, on_done, &result);
  carta_history_export_finish (history, wait_result (&result), &error);
  g_assert_no_error (error);
  g_file_get_contents (export_path, &written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (written, ==, csv);
}

static void
test_many_appends_at_once (void)
{
  g_autofree char *path = history_path ();
  g_autoptr(CartaHistory) history = carta_history_new (path);
  g_autoptr(CartaHistory) reloaded = carta_history_new (path);
  GAsyncResult *slots[50] = { NULL, };

  /* Appends made together all land, in order. */
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autofree char *name = g_strdup_printf ("R%u", i);
      g_autoptr(CartaDelivery) record = carta_delivery_new_record (CARTA_DELIVERY_PRINT, name, NULL, "demo:m", "en");
      carta_history_append_async (history, record, NULL, on_done, &slots[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autoptr(GError) error = NULL;
      carta_history_append_finish (history, wait_result (&slots[i]), &error);
      g_assert_no_error (error);
      g_object_unref (slots[i]);
    }

  g_assert_cmpuint (carta_history_get_total (history), ==, 50);
  g_assert_cmpuint (load (reloaded), ==, 0);
  g_assert_cmpuint (carta_history_count_for_case (reloaded, "demo:m"), ==, 50);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(CartaDelivery) record = g_list_model_get_item (G_LIST_MODEL (reloaded), i);
      g_autofree char *name = g_strdup_printf ("R%u", i);
      g_assert_cmpstr (carta_delivery_get_recipient_name (record), ==, name);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/history/counts-and-reload", test_counts_and_reload);
  g_test_add_func ("/history/torn-line", test_torn_line);
  g_test_add_func ("/history/export", test_export);
  g_test_add_func ("/history/many-appends-at-once", test_many_appends_at_once);

  return g_test_run ();
}
