/* test-letter.c: a letter being written, and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include <carta/carta.h>

static void
count_changes (CartaLetter *letter,
               guint       *n_changes)
{
  (*n_changes)++;
}

static void
test_letter_new (void)
{
  g_autoptr(CartaLetter) letter = carta_letter_new ("amnesty:write4rights", "viasna:ales-bialiatski",
                                                    NULL, "amnesty:solidarity");
  g_autoptr(CartaLetter) other = carta_letter_new (NULL, NULL, NULL, NULL);

  g_assert_true (g_uuid_string_is_valid (carta_letter_get_id (letter)));
  g_assert_cmpstr (carta_letter_get_id (letter), !=, carta_letter_get_id (other));
  g_assert_cmpstr (carta_letter_get_campaign_uid (letter), ==, "amnesty:write4rights");
  g_assert_cmpstr (carta_letter_get_case_uid (letter), ==, "viasna:ales-bialiatski");
  g_assert_null (carta_letter_get_target_uid (letter));
  g_assert_cmpstr (carta_letter_get_template_uid (letter), ==, "amnesty:solidarity");
  g_assert_null (carta_letter_get_body (letter));
  g_assert_cmpint (carta_letter_get_cursor (letter), ==, 0);
  g_assert_nonnull (carta_letter_get_enabled_paragraphs (letter));
  g_assert_null (carta_letter_get_enabled_paragraphs (letter)[0]);
  g_assert_true (g_date_time_equal (carta_letter_get_created (letter), carta_letter_get_modified (letter)));
  g_assert_cmpint (g_date_time_get_utc_offset (carta_letter_get_created (letter)), ==, 0);
}

static void
test_letter_changed (void)
{
  g_autoptr(CartaLetter) letter = carta_letter_new (NULL, "c:1", NULL, NULL);
  g_autoptr(GDateTime) created = g_date_time_ref (carta_letter_get_created (letter));
  const char *paragraphs[] = { "health", "family", NULL };
  g_auto(GStrv) names = NULL;
  guint n_changes = 0;

  g_signal_connect (letter, "changed", G_CALLBACK (count_changes), &n_changes);

  g_usleep (2000);
  carta_letter_set_body (letter, "Дорогой Алесь!");
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpint (g_date_time_compare (carta_letter_get_modified (letter), created), >, 0);
  g_assert_true (g_date_time_equal (carta_letter_get_created (letter), created));

  /* The same value again changes nothing. */
  carta_letter_set_body (letter, "Дорогой Алесь!");
  carta_letter_set_subject (letter, NULL);
  carta_letter_set_cursor (letter, 0);
  carta_letter_set_value (letter, "missing", NULL);
  carta_letter_set_enabled_paragraphs (letter, NULL);
  g_assert_cmpuint (n_changes, ==, 1);

  carta_letter_set_subject (letter, "Письмо");
  carta_letter_set_step (letter, "write");
  carta_letter_set_cursor (letter, 7);
  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, "p1");
  carta_letter_set_enabled_paragraphs (letter, paragraphs);
  carta_letter_set_enabled_paragraphs (letter, paragraphs);
  carta_letter_set_value (letter, "name_dative", "Алесю");
  carta_letter_set_value (letter, "city", "Горки");
  carta_letter_set_value (letter, "city", "Горки");
  g_assert_cmpuint (n_changes, ==, 9);

  names = carta_letter_dup_value_names (letter);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "city");
  g_assert_cmpstr (names[1], ==, "name_dative");

  carta_letter_set_value (letter, "city", NULL);
  g_assert_null (carta_letter_get_value (letter, "city"));
  g_assert_cmpstr (carta_letter_get_value (letter, "name_dative"), ==, "Алесю");
  g_assert_cmpuint (n_changes, ==, 10);

  /* Properties follow the setters. */
  g_object_set (letter, "cursor", 12, NULL);
  g_assert_cmpint (carta_letter_get_cursor (letter), ==, 12);
  g_assert_cmpuint (n_changes, ==, 11);
}

static void
assert_letters_equal (CartaLetter *a,
                      CartaLetter *b)
{
  g_auto(GStrv) names_a = carta_letter_dup_value_names (a);
  g_auto(GStrv) names_b = carta_letter_dup_value_names (b);

  g_assert_cmpstr (carta_letter_get_id (a), ==, carta_letter_get_id (b));
  g_assert_cmpstr (carta_letter_get_campaign_uid (a), ==, carta_letter_get_campaign_uid (b));
  g_assert_cmpstr (carta_letter_get_case_uid (a), ==, carta_letter_get_case_uid (b));
  g_assert_cmpstr (carta_letter_get_target_uid (a), ==, carta_letter_get_target_uid (b));
  g_assert_cmpstr (carta_letter_get_template_uid (a), ==, carta_letter_get_template_uid (b));
  g_assert_cmpstr (carta_letter_get_language (a), ==, carta_letter_get_language (b));
  g_assert_cmpstr (carta_letter_get_profile_id (a), ==, carta_letter_get_profile_id (b));
  g_assert_true (g_strv_equal (carta_letter_get_enabled_paragraphs (a), carta_letter_get_enabled_paragraphs (b)));
  g_assert_true (g_strv_equal ((const char * const *) names_a, (const char * const *) names_b));
  for (guint i = 0; names_a[i] != NULL; i++)
    g_assert_cmpstr (carta_letter_get_value (a, names_a[i]), ==, carta_letter_get_value (b, names_a[i]));
  g_assert_cmpstr (carta_letter_get_subject (a), ==, carta_letter_get_subject (b));
  g_assert_cmpstr (carta_letter_get_body (a), ==, carta_letter_get_body (b));
  g_assert_cmpstr (carta_letter_get_step (a), ==, carta_letter_get_step (b));
  g_assert_cmpint (carta_letter_get_cursor (a), ==, carta_letter_get_cursor (b));
  g_assert_true (g_date_time_equal (carta_letter_get_created (a), carta_letter_get_created (b)));
  g_assert_true (g_date_time_equal (carta_letter_get_modified (a), carta_letter_get_modified (b)));
}

static void
test_letter_round_trip (void)
{
  g_autoptr(CartaLetter) letter = carta_letter_new ("org:c", "org:p", "org:t", "org:tpl");
  g_autoptr(CartaLetter) copy = NULL;
  g_autoptr(CartaLetter) again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  const char *paragraphs[] = { "health", "книги", NULL };
  const char *body = "Дорогая Мария!\n\nПишу тебе из Берліна — «привет» 👋\n\n"
                     "Quotes \" and \\ backslashes\tand tabs.\n\nЖыве Беларусь!";
  JsonObject *object;

  carta_letter_set_language (letter, "ru");
  carta_letter_set_profile_id (letter, "pseudonym-1");
  carta_letter_set_enabled_paragraphs (letter, paragraphs);
  carta_letter_set_value (letter, "case_name_dative", "Марии");
  carta_letter_set_value (letter, "sender", "Ana \"Ani\" Müller");
  carta_letter_set_value (letter, "empty", "");
  carta_letter_set_subject (letter, "Письмо поддержки");
  carta_letter_set_body (letter, body);
  carta_letter_set_step (letter, "review");
  carta_letter_set_cursor (letter, 42);

  json = carta_letter_to_json (letter);
  g_assert_true (g_utf8_validate (json, -1, NULL));

  /* The file says which format it is in. */
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "body"), ==, body);

  copy = carta_letter_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  assert_letters_equal (letter, copy);
  g_assert_cmpstr (carta_letter_get_value (copy, "empty"), ==, "");

  /* Reading and writing again gives the same bytes. */
  json_again = carta_letter_to_json (copy);
  g_assert_cmpstr (json, ==, json_again);

  /* The length given counts, not a terminator. */
  again = carta_letter_new_from_json (json_again, strlen (json_again), &error);
  g_assert_no_error (error);
  assert_letters_equal (letter, again);
}

static void
test_letter_compare (void)
{
  g_autoptr(CartaLetter) older = carta_letter_new (NULL, NULL, NULL, NULL);
  g_autoptr(CartaLetter) newer = NULL;

  g_usleep (2000);
  newer = carta_letter_new (NULL, NULL, NULL, NULL);
  g_assert_cmpint (carta_letter_compare_newest_first (newer, older), <, 0);
  g_assert_cmpint (carta_letter_compare_newest_first (older, newer), >, 0);
  g_assert_cmpint (carta_letter_compare_newest_first (older, older), ==, 0);

  g_usleep (2000);
  carta_letter_set_body (older, "now the newest");
  g_assert_cmpint (carta_letter_compare_newest_first (older, newer), <, 0);
}

#define VALID_HEAD "\"version\": 1, \"id\": \"2f1c7a3e-5b1d-4c1e-9f4a-0a3b5c6d7e8f\", " \
                   "\"created\": \"2024-05-01T10:00:00Z\", \"modified\": \"2024-05-01T11:00:00.5Z\""

typedef struct
{
  const char *json;
  gint        code;
  const char *in_message;    /* NULL: any message */
} BadInput;

static void
test_letter_refuses (void)
{
  const BadInput inputs[] = {
    { "", CARTA_ERROR_INVALID_JSON, NULL },
    { "   ", CARTA_ERROR_INVALID_JSON, NULL },
    { "{", CARTA_ERROR_INVALID_JSON, NULL },
    { "[1, 2]", CARTA_ERROR_INVALID_JSON, "object" },
    { "\"letter\"", CARTA_ERROR_INVALID_JSON, "object" },
    { "{" VALID_HEAD ", }", CARTA_ERROR_INVALID_JSON, NULL },
    { "{\"id\": \"2f1c7a3e-5b1d-4c1e-9f4a-0a3b5c6d7e8f\"}", CARTA_ERROR_INVALID_JSON, "version" },
    { "{\"version\": \"1\"}", CARTA_ERROR_INVALID_JSON, "version" },
    { "{\"version\": 2, \"id\": \"2f1c7a3e-5b1d-4c1e-9f4a-0a3b5c6d7e8f\"}", CARTA_ERROR_UNSUPPORTED_VERSION, "2" },
    { "{\"version\": 1.0}", CARTA_ERROR_INVALID_JSON, "version" },
    { "{\"version\": 1, \"created\": \"2024-05-01T10:00:00Z\", \"modified\": \"2024-05-01T10:00:00Z\"}",
      CARTA_ERROR_INVALID_JSON, "id" },
    { "{\"version\": 1, \"id\": \"../../etc/passwd\", \"created\": \"2024-05-01T10:00:00Z\", "
      "\"modified\": \"2024-05-01T10:00:00Z\"}", CARTA_ERROR_INVALID_JSON, "id" },
    { "{\"version\": 1, \"id\": 7}", CARTA_ERROR_INVALID_JSON, "id" },
    { "{\"version\": 1, \"id\": \"2f1c7a3e-5b1d-4c1e-9f4a-0a3b5c6d7e8f\", \"modified\": \"2024-05-01T10:00:00Z\"}",
      CARTA_ERROR_INVALID_JSON, "created" },
    { "{\"version\": 1, \"id\": \"2f1c7a3e-5b1d-4c1e-9f4a-0a3b5c6d7e8f\", \"created\": \"yesterday\", "
      "\"modified\": \"2024-05-01T10:00:00Z\"}", CARTA_ERROR_INVALID_JSON, "created" },
    { "{" VALID_HEAD ", \"body\": 12}", CARTA_ERROR_INVALID_JSON, "body" },
    { "{" VALID_HEAD ", \"body\": [\"a\"]}", CARTA_ERROR_INVALID_JSON, "body" },
    { "{" VALID_HEAD ", \"subject\": true}", CARTA_ERROR_INVALID_JSON, "subject" },
    { "{" VALID_HEAD ", \"case_uid\": {}}", CARTA_ERROR_INVALID_JSON, "case_uid" },
    { "{" VALID_HEAD ", \"values\": [\"a\"]}", CARTA_ERROR_INVALID_JSON, "values" },
    { "{" VALID_HEAD ", \"values\": {\"a\": 1}}", CARTA_ERROR_INVALID_JSON, "values" },
    { "{" VALID_HEAD ", \"values\": {\"a\": null}}", CARTA_ERROR_INVALID_JSON, "values" },
    { "{" VALID_HEAD ", \"enabled_paragraphs\": \"health\"}", CARTA_ERROR_INVALID_JSON, "enabled_paragraphs" },
    { "{" VALID_HEAD ", \"enabled_paragraphs\": [\"a\", 2]}", CARTA_ERROR_INVALID_JSON, "enabled_paragraphs" },
    { "{" VALID_HEAD ", \"cursor\": -1}", CARTA_ERROR_INVALID_JSON, "cursor" },
    { "{" VALID_HEAD ", \"cursor\": 4294967296}", CARTA_ERROR_INVALID_JSON, "cursor" },
    { "{" VALID_HEAD ", \"cursor\": 1.5}", CARTA_ERROR_INVALID_JSON, "cursor" },
    { "{" VALID_HEAD ", \"cursor\": \"3\"}", CARTA_ERROR_INVALID_JSON, "cursor" },
    { "{" VALID_HEAD ", \"body\": \"caf\xc3\"}", CARTA_ERROR_INVALID_UTF8, NULL },
    { "{" VALID_HEAD ", \"body\": \"\xff\xfe\"}", CARTA_ERROR_INVALID_UTF8, NULL },
    { "{" VALID_HEAD ", \"body\": \"\xed\xa0\x80\"}", CARTA_ERROR_INVALID_UTF8, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CartaLetter) letter = NULL;

      g_test_message ("input %u: %s", i, inputs[i].json);
      letter = carta_letter_new_from_json (inputs[i].json, -1, &error);
      g_assert_null (letter);
      g_assert_error (error, CARTA_ERROR, inputs[i].code);
      if (inputs[i].in_message != NULL)
        g_assert_nonnull (strstr (error->message, inputs[i].in_message));
    }
}

static void
test_letter_accepts_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaLetter) letter = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2024, 5, 1, 8, 0, 0);

  /* Optional members may be null or absent; a date with an offset is
   * kept as the same instant, in UTC; members a later version adds are
   * ignored. */
  letter = carta_letter_new_from_json ("{" "\"version\": 1, \"id\": \"2f1c7a3e-5b1d-4c1e-9f4a-0a3b5c6d7e8f\", "
                                       "\"created\": \"2024-05-01T10:00:00+02:00\", "
                                       "\"modified\": \"2024-05-01T11:00:00Z\", \"body\": null, "
                                       "\"values\": null, \"future\": [1, 2, 3]}", -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (letter);
  g_assert_null (carta_letter_get_body (letter));
  g_assert_null (carta_letter_get_enabled_paragraphs (letter)[0]);
  g_assert_true (g_date_time_equal (carta_letter_get_created (letter), expected));
  g_assert_cmpint (g_date_time_get_utc_offset (carta_letter_get_created (letter)), ==, 0);
}

static void
test_letter_size_limit (void)
{
  g_autoptr(CartaLetter) letter = carta_letter_new (NULL, NULL, NULL, NULL);
  g_autoptr(CartaLetter) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *body = NULL;
  char *with_nul;
  gsize length;

  /* Just under the limit still reads. */
  body = g_strnfill (CARTA_LETTER_MAX_JSON_SIZE - 1024, 'a');
  carta_letter_set_body (letter, body);
  json = carta_letter_to_json (letter);
  g_assert_cmpuint (strlen (json), <=, CARTA_LETTER_MAX_JSON_SIZE);
  copy = carta_letter_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carta_letter_get_body (copy), ==, body);
  g_clear_object (&copy);
  g_free (json);

  /* Just over it does not, valid as it is. */
  g_free (body);
  body = g_strnfill (CARTA_LETTER_MAX_JSON_SIZE, 'a');
  carta_letter_set_body (letter, body);
  json = carta_letter_to_json (letter);
  copy = carta_letter_new_from_json (json, -1, &error);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  g_assert_null (copy);
  g_clear_error (&error);

  /* A NUL inside a length-given buffer is refused, not truncated. */
  g_free (json);
  carta_letter_set_body (letter, "short");
  json = carta_letter_to_json (letter);
  length = strlen (json);
  with_nul = strstr (json, "short");
  with_nul[2] = '\0';
  copy = carta_letter_new_from_json (json, length, &error);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8);
  g_assert_null (copy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/letter/new", test_letter_new);
  g_test_add_func ("/letter/changed", test_letter_changed);
  g_test_add_func ("/letter/round-trip", test_letter_round_trip);
  g_test_add_func ("/letter/compare", test_letter_compare);
  g_test_add_func ("/letter/refuses", test_letter_refuses);
  g_test_add_func ("/letter/accepts-minimal", test_letter_accepts_minimal);
  g_test_add_func ("/letter/size-limit", test_letter_size_limit);

  return g_test_run ();
}
