/* test-compose.c: the template engine and the letter's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta.h>

#include "carta-test-util.h"

static void
test_fill (void)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *filled = NULL;

  g_hash_table_insert (values, "case_given_name", "Иван Иванович");
  g_hash_table_insert (values, "date", "22 ноября 2026 г.");

  filled = carta_compose_fill ("{date}. Здравствуйте, {case_given_name}! {{не шаблон}} — {sender_name}, {sender_name}",
                               values, missing);
  /* Missing values stay visible for the writer to fill in, listed once. */
  g_assert_cmpstr (filled, ==, "22 ноября 2026 г.. Здравствуйте, Иван Иванович! {не шаблон} — {sender_name}, {sender_name}");
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "sender_name");
}

static void
test_values (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  CartaCase *bialiatski = g_ptr_array_index (carta_feed_get_cases (feed), 2);
  CartaCampaign *campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), 0);
  CartaTarget *ohchr = g_ptr_array_index (carta_feed_get_targets (feed), 0);
  g_autoptr(CartaProfile) sender = carta_profile_new ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 12, 0, 0);
  g_autoptr(GHashTable) ru = NULL;
  g_autoptr(GHashTable) en = NULL;
  g_autoptr(GHashTable) be = NULL;

  carta_profile_set_name (sender, "Анна");
  carta_profile_set_city (sender, "Vilnius");

  ru = carta_compose_values_new (ivanov, ohchr, campaign, sender, "ru", date);
  g_assert_cmpstr (g_hash_table_lookup (ru, "case_name"), ==, "Иванов Иван Иванович");
  /* Per-language name forms: the dative case for Russian letters. */
  g_assert_cmpstr (g_hash_table_lookup (ru, "case_name_dative"), ==, "Иванову Ивану Ивановичу");
  g_assert_cmpstr (g_hash_table_lookup (ru, "case_given_name"), ==, "Иван Иванович");
  g_assert_cmpstr (g_hash_table_lookup (ru, "case_birth_year"), ==, "1980");
  g_assert_cmpstr (g_hash_table_lookup (ru, "case_interests"), ==, "шахматы");
  g_assert_cmpstr (g_hash_table_lookup (ru, "case_facility"), ==, "ИК-0 (пример)");
  g_assert_cmpstr (g_hash_table_lookup (ru, "date"), ==, "22 ноября 2026 г.");
  g_assert_cmpstr (g_hash_table_lookup (ru, "campaign_title"), ==, "Свободу политзаключённым");
  g_assert_cmpstr (g_hash_table_lookup (ru, "sender_name"), ==, "Анна");
  g_assert_cmpstr (g_hash_table_lookup (ru, "target_salutation"), ==, "Dear High Commissioner,");
  g_assert_false (g_hash_table_contains (ru, "sender_country"));

  en = carta_compose_values_new (ivanov, NULL, campaign, NULL, "en", date);
  g_assert_cmpstr (g_hash_table_lookup (en, "date"), ==, "22 November 2026");
  g_assert_cmpstr (g_hash_table_lookup (en, "case_interests"), ==, "chess");
  g_assert_cmpstr (g_hash_table_lookup (en, "campaign_title"), ==, "Free the political prisoners");
  /* English has no dative: the name as it is. */
  g_assert_cmpstr (g_hash_table_lookup (en, "case_name_dative"), ==, "Ivan Ivanov");
  g_assert_cmpstr (g_hash_table_lookup (en, "case_given_name"), ==, "Ivan Ivanov");
  g_assert_false (g_hash_table_contains (en, "sender_name"));

  /* Nothing in Belarusian for this person: the forms are left for the
   * writer, never guessed; no interests either. */
  be = carta_compose_values_new (bialiatski, NULL, NULL, NULL, "be", date);
  g_assert_cmpstr (g_hash_table_lookup (be, "case_name"), ==, "Бяляцкі Алесь Віктаравіч");
  g_assert_cmpstr (g_hash_table_lookup (be, "case_name_latin"), ==, "Бяляцкі Алесь Віктаравіч");
  g_assert_false (g_hash_table_contains (be, "case_name_dative"));
  g_assert_false (g_hash_table_contains (be, "case_interests"));
  g_assert_cmpstr (g_hash_table_lookup (be, "date"), ==, "22 лістапада 2026 г.");
}

static void
test_paragraphs (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  CartaTemplate *hello = g_ptr_array_index (carta_feed_get_templates (feed), 0);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 12, 0, 0);
  g_autoptr(GHashTable) values = carta_compose_values_new (ivanov, NULL, NULL, NULL, "ru", date);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paragraphs = NULL;
  g_autoptr(GPtrArray) split = NULL;
  g_autofree char *body = NULL;
  const char * const with_interests[] = { "interests", NULL };
  const char * const none[] = { NULL };
  CartaComposedParagraph *paragraph;

  /* The optional paragraph is off by default in this template. */
  paragraphs = carta_compose_paragraphs (hello, "ru", values, NULL, missing);
  g_assert_cmpuint (paragraphs->len, ==, 2);
  paragraph = g_ptr_array_index (paragraphs, 0);
  g_assert_cmpstr (paragraph->id, ==, "greeting");
  g_assert_cmpstr (paragraph->text, ==, "Здравствуйте, Иван Иванович!");
  paragraph = g_ptr_array_index (paragraphs, 1);
  g_assert_cmpstr (paragraph->id, ==, "closing");
  g_assert_cmpstr (paragraph->text, ==, "С теплом, {sender_name}");
  g_assert_cmpuint (missing->len, ==, 1);
  g_clear_pointer (&paragraphs, g_ptr_array_unref);

  /* Switched on by the writer. */
  paragraphs = carta_compose_paragraphs (hello, "ru", values, with_interests, NULL);
  g_assert_cmpuint (paragraphs->len, ==, 3);
  paragraph = g_ptr_array_index (paragraphs, 1);
  g_assert_cmpstr (paragraph->id, ==, "interests");
  g_assert_cmpstr (paragraph->text, ==, "Я знаю, что вы любите шахматы.");

  body = carta_compose_join (paragraphs);
  g_assert_cmpstr (body, ==, "Здравствуйте, Иван Иванович!\n\nЯ знаю, что вы любите шахматы.\n\nС теплом, {sender_name}");
  split = carta_compose_split (body);
  g_assert_cmpuint (split->len, ==, 3);
  g_assert_cmpstr (((CartaComposedParagraph *) g_ptr_array_index (split, 2))->text, ==, "С теплом, {sender_name}");
  g_clear_pointer (&paragraphs, g_ptr_array_unref);
  g_clear_pointer (&split, g_ptr_array_unref);

  /* Writers' own blank lines and spaces do not make empty paragraphs. */
  split = carta_compose_split ("\n\nПервый\nабзац.\n  \n\n\nВторой.\n");
  g_assert_cmpuint (split->len, ==, 2);
  g_assert_cmpstr (((CartaComposedParagraph *) g_ptr_array_index (split, 0))->text, ==, "Первый\nабзац.");

  /* Switched off explicitly. */
  paragraphs = carta_compose_paragraphs (hello, "ru", values, none, NULL);
  g_assert_cmpuint (paragraphs->len, ==, 2);
  g_clear_pointer (&paragraphs, g_ptr_array_unref);

  /* A language the template does not have gives nothing, not English. */
  g_assert_null (carta_compose_paragraphs (hello, "de", values, NULL, NULL));
  g_assert_null (carta_compose_paragraphs (hello, "be", values, NULL, NULL));
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 8, 9, 0, 0);
  struct { const char *lang; const char *expected; } cases[] = {
    { "en", "8 March 2026" },
    { "ru", "8 марта 2026 г." },
    { "be", "8 сакавіка 2026 г." },
    { "uk", "8 березня 2026 р." },
    { "pl", "8 marca 2026" },
    { "lt", "2026 m. kovo 8 d." },
    { "de", "8. März 2026" },
    { "fr", "8 mars 2026" },
    { "es", "8 de marzo de 2026" },
    { "he", "8 במרץ 2026" },
    { "ka", "8 მარტი, 2026" },
    { "xx", "8 March 2026" },
    { "pt-BR", "8 March 2026" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = carta_language_format_date (cases[i].lang, date);
      g_assert_cmpstr (formatted, ==, cases[i].expected);
    }
}

static void
test_lists (void)
{
  const char * const three[] = { "книги", "шахматы", "музыку", NULL };
  const char * const one[] = { "chess", NULL };
  const char * const two[] = { "ספרים", "מוזיקה", NULL };
  g_autofree char *ru = carta_language_join_list ("ru", three);
  g_autofree char *en = carta_language_join_list ("en", one);
  g_autofree char *he = carta_language_join_list ("he", two);

  g_assert_cmpstr (ru, ==, "книги, шахматы и музыку");
  g_assert_cmpstr (en, ==, "chess");
  g_assert_cmpstr (he, ==, "ספרים ומוזיקה");

  g_assert_cmpstr (carta_language_get_autonym ("be"), ==, "беларуская");
  g_assert_null (carta_language_get_autonym ("xx"));
  g_assert_true (carta_language_is_rtl ("he"));
  g_assert_false (carta_language_is_rtl ("ru"));
  g_assert_cmpstr (carta_language_get_script ("ru"), ==, "Cyrl");
  g_assert_cmpstr (carta_language_get_script ("pl"), ==, "Latn");
}

static void
test_printable (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  CartaTarget *my_mp = g_ptr_array_index (carta_feed_get_targets (feed), 1);
  g_autoptr(CartaProfile) sender = carta_profile_new ();
  g_autoptr(CartaLetter) letter = carta_letter_new ("test:release", "test:ivanov", NULL, "test:hello");
  g_autoptr(CartaLetter) appeal = carta_letter_new ("test:release", NULL, "test:my-mp", "test:appeal-un");
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 12, 0, 0);
  g_autoptr(CartaPrintable) printable = NULL;
  g_autoptr(CartaPrintable) to_mp = NULL;

  carta_profile_set_name (sender, "Анна");
  carta_letter_set_language (letter, "ru");
  carta_letter_set_body (letter, "Здравствуйте!\n\nС уважением,");

  /* No return address: the sender block is the name alone. */
  printable = carta_compose_printable (letter, ivanov, NULL, sender, date);
  g_assert_cmpstr (printable->language, ==, "ru");
  g_assert_cmpuint (g_strv_length (printable->sender_lines), ==, 1);
  g_assert_cmpstr (printable->sender_lines[0], ==, "Анна");
  g_assert_cmpstr (printable->signature, ==, "Анна");
  g_assert_cmpstr (printable->date, ==, "22 ноября 2026 г.");
  g_assert_cmpstr (printable->body, ==, "Здравствуйте!\n\nС уважением,");
  g_assert_true (g_strv_contains ((const char * const *) printable->recipient_lines, "ИК-0"));

  /* A representative the writer names: their lines, blank ones dropped. */
  carta_profile_set_return_address (sender, "Gedimino pr. 1\nVilnius");
  carta_letter_set_language (appeal, "en");
  carta_letter_set_value (appeal, CARTA_VALUE_TARGET_NAME, "Jane Doe MP");
  carta_letter_set_value (appeal, CARTA_VALUE_TARGET_ADDRESS, "House of Commons\n\n  London SW1A 0AA  \n");
  to_mp = carta_compose_printable (appeal, NULL, my_mp, sender, NULL);
  g_assert_cmpuint (g_strv_length (to_mp->sender_lines), ==, 3);
  g_assert_cmpstr (to_mp->sender_lines[2], ==, "Vilnius");
  g_assert_cmpuint (g_strv_length (to_mp->recipient_lines), ==, 3);
  g_assert_cmpstr (to_mp->recipient_lines[0], ==, "Jane Doe MP");
  g_assert_cmpstr (to_mp->recipient_lines[2], ==, "London SW1A 0AA");
  g_assert_null (to_mp->date);
  g_assert_null (printable->subject);
  g_assert_cmpstr (to_mp->body, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/compose/fill", test_fill);
  g_test_add_func ("/compose/values", test_values);
  g_test_add_func ("/compose/paragraphs", test_paragraphs);
  g_test_add_func ("/compose/dates", test_dates);
  g_test_add_func ("/compose/lists", test_lists);
  g_test_add_func ("/compose/printable", test_printable);

  return g_test_run ();
}
