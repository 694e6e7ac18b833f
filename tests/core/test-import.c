/* test-import.c: organizations' lists of prisoners and the address splitter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include <carta/carta.h>

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GDateTime *
test_now (void)
{
  return g_date_time_new_utc (2025, 6, 1, 12, 0, 0);
}

static CartaCase *
find_case (CartaFeed  *feed,
           const char *id)
{
  GPtrArray *cases = carta_feed_get_cases (feed);

  for (guint i = 0; i < cases->len; i++)
    if (g_str_equal (carta_entity_get_id (g_ptr_array_index (cases, i)), id))
      return g_ptr_array_index (cases, i);
  return NULL;
}

static const CartaImportProblem *
find_problem (CartaImportResult *result,
              guint              line)
{
  GPtrArray *problems = carta_import_result_get_problems (result);

  for (guint i = 0; i < problems->len; i++)
    {
      const CartaImportProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line == line)
        return problem;
    }
  return NULL;
}

static CartaFeed *
import_viasna (GBytes             *bytes,
               CartaImportResult **result_out)
{
  g_autoptr(GDateTime) now = test_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaImportResult) result = NULL;
  CartaFeed *feed;

  result = carta_import_viasna_csv (bytes, NULL, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  feed = carta_import_result_build_feed (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  if (result_out != NULL)
    *result_out = g_steal_pointer (&result);
  return feed;
}

static void
test_viasna_rows (void)
{
  g_autoptr(GBytes) bytes = fixture ("import-viasna.csv");
  g_autoptr(CartaImportResult) result = NULL;
  g_autoptr(CartaFeed) feed = import_viasna (bytes, &result);
  const CartaImportProblem *problem;
  CartaCase *person;
  const char * const *lines;
  g_autofree char *birth = NULL;

  g_assert_cmpstr (carta_feed_get_source_id (feed), ==, "import-viasna");
  /* 101–104 and 106–109; 105 has too few columns, 110 an open quote. */
  g_assert_cmpuint (carta_import_result_get_n_people (result), ==, 8);
  g_assert_cmpuint (carta_feed_get_cases (feed)->len, ==, 8);

  person = find_case (feed, "viasna-101");
  g_assert_nonnull (person);
  g_assert_cmpstr (carta_case_get_name (person), ==, "Примеров Иван Петрович");
  g_assert_null (carta_case_get_name_latin (person));
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 1985);
  birth = g_date_get_day (carta_case_get_birth_date (person)) == 2 ? g_strdup ("ok") : NULL;
  g_assert_cmpstr (birth, ==, "ok");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_IMPRISONED);
  g_assert_true (carta_case_get_can_receive_letters (person));
  g_assert_cmpstr (carta_case_get_country (person), ==, "BY");
  g_assert_cmpstr (carta_text_get (carta_case_get_facility (person), "ru"), ==, "Исправительная колония № 3");
  lines = carta_address_get_lines (carta_case_get_address (person));
  g_assert_cmpstr (lines[0], ==, "211322");
  g_assert_cmpstr (lines[1], ==, "Витебская обл.");
  g_assert_cmpstr (lines[3], ==, "пос. Витьба");
  g_assert_cmpstr (lines[4], ==, "ИК-3");
  g_assert_null (lines[5]);
  g_assert_cmpstr (carta_address_get_country (carta_case_get_address (person)), ==, "REPUBLIC OF BELARUS");
  g_assert_true (g_strv_contains (carta_case_get_letter_languages (person), "ru"));
  g_assert_true (g_strv_contains (carta_case_get_letter_languages (person), "be"));
  /* Guidance and letters come from the bundled catalog. */
  g_assert_nonnull (carta_case_get_ruleset (person));
  g_assert_cmpstr (carta_entity_get_id (CARTA_ENTITY (carta_case_get_ruleset (person))), ==, "by-prison");
  g_assert_cmpuint (carta_case_get_templates (person)->len, >=, 1);
  for (guint i = 0; i < carta_case_get_templates (person)->len; i++)
    g_assert_cmpint (carta_template_get_addressee_role (g_ptr_array_index (carta_case_get_templates (person), i)),
                     ==, CARTA_ADDRESSEE_PRISONER);

  /* "ул. Володарского, 2" stays one line. */
  person = find_case (feed, "viasna-102");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_RELEASED);
  g_assert_false (carta_case_get_can_receive_letters (person));
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 1990);
  lines = carta_address_get_lines (carta_case_get_address (person));
  g_assert_cmpstr (lines[2], ==, "ул. Володарского, 2");

  person = find_case (feed, "viasna-103");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_DECEASED);
  g_assert_false (carta_case_get_can_receive_letters (person));
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 1970);

  /* A release date before today: released, whatever the status says. */
  person = find_case (feed, "viasna-104");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_RELEASED);
  g_assert_false (carta_case_get_can_receive_letters (person));

  problem = find_problem (result, 11);
  g_assert_nonnull (problem);
  g_assert_true (problem->skipped);
  g_assert_nonnull (strstr (problem->message, "columns"));

  /* A bad birthday: reported, the person imported without it. */
  problem = find_problem (result, 12);
  g_assert_nonnull (problem);
  g_assert_false (problem->skipped);
  g_assert_nonnull (strstr (problem->message, "32.13.1990"));
  person = find_case (feed, "viasna-106");
  g_assert_nonnull (person);
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 0);

  /* A name in Latin letters only is also the Latin name. */
  person = find_case (feed, "viasna-107");
  g_assert_cmpstr (carta_case_get_name_latin (person), ==, "Ivan Example");

  /* Mixed scripts and doubled quotes are kept as written. */
  person = find_case (feed, "viasna-108");
  g_assert_cmpstr (carta_case_get_name (person), ==, "Петров \"Петя\" Petrov");
  g_assert_null (carta_case_get_name_latin (person));
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_DETAINED);

  /* A release date to come changes nothing. */
  person = find_case (feed, "viasna-109");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_DETAINED);
  g_assert_true (carta_case_get_can_receive_letters (person));

  problem = find_problem (result, 20);
  g_assert_nonnull (problem);
  g_assert_true (problem->skipped);
  g_assert_nonnull (strstr (problem->message, "quote"));
  g_assert_null (find_case (feed, "viasna-110"));

  g_assert_cmpuint (carta_import_result_get_problems (result)->len, ==, 3);
}

static void
test_viasna_bom_crlf (void)
{
  g_autoptr(GBytes) bytes = text_bytes ("\xEF\xBB\xBF" "id,name,status,prison,verdict_date\r\n"
                                        "7,Иванова Мария,active,\"ИК-4\r\n246035, г. Гомель\",2020-01-01\r\n"
                                        "\r\n"
                                        "8,Сидоров Пётр,active,\"ИК-1\r\n211440, г. Новополоцк\",2021-01-01\r\n");
  g_autoptr(CartaImportResult) result = NULL;
  g_autoptr(CartaFeed) feed = import_viasna (bytes, &result);
  CartaCase *person;
  const char * const *lines;

  g_assert_cmpuint (carta_import_result_get_problems (result)->len, ==, 0);
  g_assert_cmpuint (carta_feed_get_cases (feed)->len, ==, 2);
  person = find_case (feed, "viasna-7");
  g_assert_nonnull (person);
  g_assert_cmpstr (carta_text_get (carta_case_get_facility (person), "ru"), ==, "ИК-4");
  lines = carta_address_get_lines (carta_case_get_address (person));
  g_assert_cmpstr (lines[0], ==, "246035");
  g_assert_cmpstr (lines[1], ==, "г. Гомель");
  g_assert_null (lines[2]);
  g_assert_nonnull (find_case (feed, "viasna-8"));
}

static void
test_viasna_recovers_after_open_quote (void)
{
  g_autoptr(GBytes) bytes = text_bytes ("id,name,status,prison\n"
                                        "1,\"Открытая,active,ИК-1\n"
                                        "2,Закрытая,active,ИК-2\n"
                                        "3,Третья,active,\"ИК-3\n"
                                        "211440, г. Новополоцк\"\n");
  g_autoptr(CartaImportResult) result = NULL;
  g_autoptr(CartaFeed) feed = import_viasna (bytes, &result);
  const CartaImportProblem *problem;

  problem = find_problem (result, 2);
  g_assert_nonnull (problem);
  g_assert_true (problem->skipped);
  g_assert_cmpuint (problem->record, ==, 1);
  /* The rest of the list is read from the next line on. */
  g_assert_null (find_case (feed, "viasna-1"));
  g_assert_nonnull (find_case (feed, "viasna-2"));
  g_assert_nonnull (find_case (feed, "viasna-3"));
}

static void
test_viasna_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) no_status = text_bytes ("id,name,prison\n1,Иванов,ИК-1\n");
  g_autoptr(GBytes) bad_header = text_bytes ("id,na\xFFme,status,prison\n");
  g_autoptr(GBytes) bad_row = text_bytes ("id,name,status,prison\n1,Ив\xC3\x28нов,active,ИК-1\n2,Петров,active,ИК-2\n");
  g_autoptr(GBytes) quote_then_text = text_bytes ("id,name,status,prison\n1,\"Иванов\"x,active,ИК-1\n");
  g_autoptr(CartaImportResult) result = NULL;
  g_autoptr(GString) big = g_string_new ("id,name,status,prison\n1,");
  g_autoptr(GBytes) big_bytes = NULL;
  const CartaImportProblem *problem;

  result = carta_import_viasna_csv (no_status, NULL, NULL, &error);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_assert_nonnull (strstr (error->message, "“status”"));
  g_assert_null (result);
  g_clear_error (&error);

  result = carta_import_viasna_csv (bad_header, NULL, NULL, &error);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8);
  g_assert_null (result);
  g_clear_error (&error);

  result = carta_import_viasna_csv (bad_row, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carta_import_result_get_n_people (result), ==, 1);
  problem = find_problem (result, 2);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "UTF-8"));
  g_clear_object (&result);

  result = carta_import_viasna_csv (quote_then_text, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carta_import_result_get_n_people (result), ==, 0);
  g_assert_nonnull (find_problem (result, 2));
  g_clear_object (&result);

  /* A field over 64 KiB makes its row fail, not the list. */
  for (guint i = 0; i < CARTA_IMPORT_MAX_FIELD + 10; i++)
    g_string_append_c (big, 'a');
  g_string_append (big, ",active,ИК-1\n2,Петров,active,ИК-2\n");
  big_bytes = g_bytes_new (big->str, big->len);
  result = carta_import_viasna_csv (big_bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carta_import_result_get_n_people (result), ==, 1);
  g_assert_nonnull (find_problem (result, 2));
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) rows = g_string_new ("id,name,status,prison\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartaImportResult) result = NULL;
  gsize huge_len = CARTA_IMPORT_MAX_SIZE + 1;
  char *huge = g_malloc0 (huge_len);
  g_autoptr(GBytes) huge_bytes = g_bytes_new_take (huge, huge_len);

  result = carta_import_viasna_csv (huge_bytes, NULL, NULL, &error);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  g_assert_null (result);
  g_clear_error (&error);

  result = carta_import_ovdinfo_json (huge_bytes, NULL, &error);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  g_clear_error (&error);

  for (guint i = 0; i <= CARTA_IMPORT_MAX_ROWS; i++)
    g_string_append_printf (rows, "%u,И,active,\n", i);
  bytes = g_bytes_new (rows->str, rows->len);
  result = carta_import_viasna_csv (bytes, NULL, NULL, &error);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  g_assert_null (result);
}

static void
test_reimport (void)
{
  g_autoptr(CartaCatalog) catalog = carta_catalog_new ();
  g_autoptr(GBytes) first_bytes = fixture ("import-viasna.csv");
  g_autoptr(GBytes) second_bytes = fixture ("import-viasna-v2.csv");
  g_autoptr(CartaFeed) first = import_viasna (first_bytes, NULL);
  g_autoptr(CartaFeed) again = import_viasna (first_bytes, NULL);
  g_autoptr(CartaFeed) second = import_viasna (second_bytes, NULL);
  GListModel *cases = carta_catalog_get_cases (catalog);
  CartaEntity *found;
  const char * const *lines;

  carta_catalog_add_feed (catalog, first);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 8);

  /* The same list again: the same people, not twice as many. */
  carta_catalog_add_feed (catalog, again);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 8);

  carta_catalog_add_feed (catalog, second);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (carta_catalog_get_sources (catalog)), ==, 1);

  found = carta_catalog_lookup (catalog, "import-viasna:viasna-101");
  g_assert_nonnull (found);
  g_assert_cmpstr (carta_text_get (carta_case_get_facility (CARTA_CASE (found)), "ru"), ==,
                   "Исправительная колония № 17");
  lines = carta_address_get_lines (carta_case_get_address (CARTA_CASE (found)));
  g_assert_cmpstr (lines[0], ==, "213004");
  g_assert_cmpstr (lines[1], ==, "г. Шклов");
  g_assert_cmpstr (lines[2], ==, "ул. 1-я Заводская, 1");
  g_assert_null (carta_catalog_lookup (catalog, "import-viasna:viasna-102"));
  g_assert_nonnull (carta_catalog_lookup (catalog, "import-viasna:viasna-111"));
}

static void
test_ovdinfo (void)
{
  g_autoptr(GBytes) bytes = fixture ("import-ovdinfo.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaImportResult) result = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  GPtrArray *problems;
  CartaCase *person;
  const char * const *lines;
  GPtrArray *interests;

  result = carta_import_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carta_import_result_get_format (result), ==, CARTA_IMPORT_FORMAT_OVDINFO_JSON);
  g_assert_cmpstr (carta_import_result_get_source_id (result), ==, "import-ovdinfo");
  feed = carta_import_result_build_feed (result, &error);
  g_assert_no_error (error);

  person = find_case (feed, "ovdinfo-p-17");
  g_assert_nonnull (person);
  g_assert_cmpstr (carta_case_get_name (person), ==, "Примерный Олег Игоревич");
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 1979);
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_IMPRISONED);
  g_assert_cmpstr (carta_case_get_country (person), ==, "RU");
  g_assert_cmpstr (carta_case_get_letter_languages (person)[0], ==, "ru");
  g_assert_null (carta_case_get_letter_languages (person)[1]);
  g_assert_cmpstr (carta_entity_get_id (CARTA_ENTITY (carta_case_get_ruleset (person))), ==, "ru-prison");
  g_assert_cmpstr (carta_text_get (carta_case_get_facility (person), "ru"), ==, "ИК-2 Владимирской области");
  lines = carta_address_get_lines (carta_case_get_address (person));
  g_assert_cmpstr (lines[0], ==, "601446");
  g_assert_cmpstr (lines[1], ==, "Владимирская обл.");
  g_assert_cmpstr (lines[2], ==, "г. Вязники");
  g_assert_cmpstr (lines[3], ==, "ул. Металлистов, д. 1");
  g_assert_cmpstr (lines[4], ==, "ФКУ ИК-2 УФСИН России по Владимирской области");
  g_assert_cmpstr (carta_address_get_country (carta_case_get_address (person)), ==, "RUSSIA");
  interests = carta_case_get_interests (person);
  g_assert_cmpuint (interests->len, ==, 2);
  g_assert_cmpstr (carta_text_get (g_ptr_array_index (interests, 0), "ru"), ==, "шахматы");

  /* Only a remand prison: detained; the birth year as a string. */
  person = find_case (feed, "ovdinfo-p-18");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_DETAINED);
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 1990);
  g_assert_cmpstr (carta_text_get (carta_case_get_facility (person), "ru"), ==, "СИЗО-1 Москвы");

  person = find_case (feed, "ovdinfo-p-19");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_RELEASED);
  g_assert_false (carta_case_get_can_receive_letters (person));

  person = find_case (feed, "ovdinfo-p-20");
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_DECEASED);

  /* No id: one derived from the name, the same on every import. */
  g_assert_cmpuint (carta_feed_get_cases (feed)->len, ==, 5);
  for (guint i = 0; i < carta_feed_get_cases (feed)->len; i++)
    {
      CartaCase *other = g_ptr_array_index (carta_feed_get_cases (feed), i);

      if (g_str_equal (carta_case_get_name (other), "Безымянный Id"))
        {
          g_assert_true (g_str_has_prefix (carta_entity_get_id (CARTA_ENTITY (other)), "ovdinfo-"));
          g_assert_cmpuint (carta_case_get_birth_year (other), ==, 0);
        }
    }

  /* Not an object, no name, a bad birth year (kept), a repeated id. */
  problems = carta_import_result_get_problems (result);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_cmpuint (((CartaImportProblem *) g_ptr_array_index (problems, 0))->record, ==, 5);
  g_assert_true (((CartaImportProblem *) g_ptr_array_index (problems, 0))->skipped);
}

static void
test_ovdinfo_bad_input (void)
{
  static const char * const bad[] = {
    "", "{}", "{\"persons\": 3}", "[1, 2", "\"text\"", "[\"\xFF\"]", NULL
  };
  g_autoptr(GString) deep = g_string_new (NULL);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = text_bytes (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CartaImportResult) result = carta_import_ovdinfo_json (bytes, NULL, &error);

      g_assert_null (result);
      g_assert_error (error, CARTA_ERROR, error->code);
    }

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(GBytes) bytes = g_bytes_new (deep->str, deep->len);
    g_autoptr(GError) error = NULL;
    g_autoptr(CartaImportResult) result = carta_import_ovdinfo_json (bytes, NULL, &error);

    g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
    g_assert_null (result);
  }

  /* A bad byte is placed by its line, which an editor shows. */
  {
    g_autoptr(GBytes) bytes = text_bytes ("[\n {\"name\": \"a\"},\n {\"name\": \"\xFF\"}]");
    g_autoptr(GError) error = NULL;
    g_autoptr(CartaImportResult) result = carta_import_ovdinfo_json (bytes, NULL, &error);

    g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8);
    g_assert_nonnull (strstr (error->message, "Line 3 "));
  }
}

static gboolean
has_warning (GPtrArray               *warnings,
             CartaAddressWarningKind  kind)
{
  for (guint i = 0; i < warnings->len; i++)
    if (((CartaAddressWarning *) g_ptr_array_index (warnings, i))->kind == kind)
      return TRUE;
  return FALSE;
}

static void
test_split_address (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_address_warning_free);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) many = g_string_new ("123456");

  lines = carta_import_split_address ("  601446, Владимирская обл., г. Вязники,  ул. Металлистов, д. 1, "
                                      "ФКУ ИК-2 УФСИН России по Владимирской области ",
                                      "RU", warnings);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "601446");
  g_assert_cmpstr (lines[3], ==, "ул. Металлистов, д. 1");
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&lines, g_strfreev);

  /* Pasted as lines, with blank lines and a postcode at the end. */
  lines = carta_import_split_address ("ИК-15\r\n\r\nСлавгородское шоссе, 183\n212013 г. Могилёв\n", "BY", warnings);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[1], ==, "Славгородское шоссе, 183");
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&lines, g_strfreev);

  lines = carta_import_split_address ("Some street 5, Minsk", "BY", warnings);
  g_assert_true (has_warning (warnings, CARTA_ADDRESS_WARNING_NO_POSTCODE));
  g_assert_true (has_warning (warnings, CARTA_ADDRESS_WARNING_NOT_CYRILLIC));
  g_ptr_array_set_size (warnings, 0);
  g_clear_pointer (&lines, g_strfreev);

  /* A Latin "C" in a Cyrillic word. */
  lines = carta_import_split_address ("220030, г. Минск, ул. Cадовая, 2", "BY", warnings);
  g_assert_true (has_warning (warnings, CARTA_ADDRESS_WARNING_LATIN_LETTERS));
  g_assert_false (has_warning (warnings, CARTA_ADDRESS_WARNING_NO_POSTCODE));
  g_ptr_array_set_size (warnings, 0);
  g_clear_pointer (&lines, g_strfreev);

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (many, ", часть %u", i);
  g_string_append (many, ", очень длинная строка адреса, в которой слишком много слов для одного конверта");
  lines = carta_import_split_address (many->str, "RU", warnings);
  g_assert_cmpuint (g_strv_length (lines), ==, 12);
  g_assert_true (g_str_has_suffix (lines[11], "для одного конверта"));
  g_assert_true (has_warning (warnings, CARTA_ADDRESS_WARNING_TOO_MANY_LINES));
  g_assert_true (has_warning (warnings, CARTA_ADDRESS_WARNING_LINE_TOO_LONG));
  g_ptr_array_set_size (warnings, 0);
  g_clear_pointer (&lines, g_strfreev);

  lines = carta_import_split_address (" , \n ", "RU", warnings);
  g_assert_null (lines[0]);
  g_assert_true (has_warning (warnings, CARTA_ADDRESS_WARNING_EMPTY));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  carta_import_result_save_finish (CARTA_IMPORT_RESULT (object), result, error);
  *(gboolean *) g_object_get_data (object, "done") = TRUE;
}

static void
test_saved_imports (void)
{
  g_autoptr(GBytes) bytes = fixture ("import-viasna.csv");
  g_autoptr(GBytes) json = fixture ("import-ovdinfo.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaImportResult) viasna = NULL;
  g_autoptr(CartaImportResult) ovdinfo = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autofree char *dir = carta_import_get_default_dir ();
  g_autofree char *damaged = g_build_filename (dir, "damaged.json", NULL);
  gboolean done = FALSE;
  CartaCase *person;

  viasna = carta_import_viasna_csv (bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  ovdinfo = carta_import_ovdinfo_json (json, NULL, &error);
  g_assert_no_error (error);

  g_object_set_data (G_OBJECT (viasna), "done", &done);
  carta_import_result_save_async (viasna, NULL, NULL, saved_cb, &error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);

  done = FALSE;
  g_object_set_data (G_OBJECT (ovdinfo), "done", &done);
  carta_import_result_save_async (ovdinfo, NULL, NULL, saved_cb, &error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);

  g_file_set_contents (damaged, "{\"carta_import\": 1, \"source_id\": \"damaged\"", -1, &error);
  g_assert_no_error (error);

  feeds = carta_import_load_all (NULL, errors);
  g_assert_cmpuint (feeds->len, ==, 2);
  g_assert_cmpuint (errors->len, ==, 1);
  /* The damaged file is set aside, so that no import overwrites it, and
   * the message says where it went. */
  {
    g_autofree char *aside = g_strconcat (damaged, ".damaged", NULL);
    g_autofree char *contents = NULL;
    GError *message = g_ptr_array_index (errors, 0);

    g_assert_false (g_file_test (damaged, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "{\"carta_import\": 1, \"source_id\": \"damaged\"");
    g_assert_nonnull (strstr (message->message, aside));
  }
  g_assert_cmpstr (carta_feed_get_source_id (g_ptr_array_index (feeds, 0)), ==, "import-ovdinfo");
  g_assert_cmpstr (carta_feed_get_source_id (g_ptr_array_index (feeds, 1)), ==, "import-viasna");
  g_assert_cmpuint (carta_feed_get_cases (g_ptr_array_index (feeds, 1))->len, ==, 8);
  person = find_case (g_ptr_array_index (feeds, 1), "viasna-101");
  g_assert_nonnull (person);
  g_assert_nonnull (carta_case_get_ruleset (person));
  g_assert_cmpuint (carta_case_get_templates (person)->len, >=, 1);

  g_assert_true (carta_import_delete_saved (NULL, "import-viasna", &error));
  g_assert_no_error (error);
  g_assert_false (carta_import_delete_saved (NULL, "import-viasna", &error));
  g_assert_no_error (error);
  g_clear_pointer (&feeds, g_ptr_array_unref);
  g_ptr_array_set_size (errors, 0);
  feeds = carta_import_load_all (NULL, errors);
  g_assert_cmpuint (feeds->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, 0);

  /* A good list kept under another list's name is set aside too: it
   * could be neither replaced nor removed. */
  {
    g_autofree char *kept = g_build_filename (dir, "import-ovdinfo.json", NULL);
    g_autofree char *renamed = g_build_filename (dir, "import-other.json", NULL);

    g_assert_cmpint (g_rename (kept, renamed), ==, 0);
    g_clear_pointer (&feeds, g_ptr_array_unref);
    feeds = carta_import_load_all (NULL, errors);
    g_assert_cmpuint (feeds->len, ==, 0);
    g_assert_cmpuint (errors->len, ==, 1);
    g_assert_false (g_file_test (renamed, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/viasna/rows", test_viasna_rows);
  g_test_add_func ("/import/viasna/bom-crlf", test_viasna_bom_crlf);
  g_test_add_func ("/import/viasna/open-quote", test_viasna_recovers_after_open_quote);
  g_test_add_func ("/import/viasna/bad-input", test_viasna_bad_input);
  g_test_add_func ("/import/limits", test_limits);
  g_test_add_func ("/import/reimport", test_reimport);
  g_test_add_func ("/import/ovdinfo/persons", test_ovdinfo);
  g_test_add_func ("/import/ovdinfo/bad-input", test_ovdinfo_bad_input);
  g_test_add_func ("/import/address/split", test_split_address);
  g_test_add_func ("/import/saved", test_saved_imports);

  return g_test_run ();
}
