/* test-spell.c: spell checking with the installed hunspell dictionaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta-spell.h>

static CartaSpellChecker *
checker_or_skip (const char *lang)
{
  CartaSpellChecker *checker = carta_spell_checker_new (lang);

  if (checker == NULL)
    {
      g_autofree char *message = g_strdup_printf ("no %s dictionary is installed (hunspell-%s)", lang, lang);
      g_test_skip (message);
    }
  return checker;
}

static void
test_russian (void)
{
  g_autoptr(CartaSpellChecker) checker = checker_or_skip ("ru");
  g_auto(GStrv) suggestions = NULL;
  g_autoptr(GArray) misspellings = NULL;
  const char *text = "Здравствуйте! Пишу вам из Вильнюса, здесь выпал первый снек.";
  CartaMisspelling *misspelling;

  if (checker == NULL)
    return;

  g_assert_cmpstr (carta_spell_checker_get_language (checker), ==, "ru");
  g_assert_true (carta_spell_checker_check_word (checker, "здравствуйте", -1));
  g_assert_false (carta_spell_checker_check_word (checker, "здраствуйте", -1));

  suggestions = carta_spell_checker_suggest (checker, "здраствуйте", -1, 5);
  g_assert_nonnull (suggestions);
  g_assert_true (g_strv_contains ((const char * const *) suggestions, "здравствуйте"));
  g_assert_cmpuint (g_strv_length (suggestions), <=, 5);

  misspellings = carta_spell_checker_check_text (checker, text);
  g_assert_cmpuint (misspellings->len, ==, 1);
  misspelling = &g_array_index (misspellings, CartaMisspelling, 0);
  g_assert_cmpint (strncmp (text + misspelling->start, "снек", misspelling->end - misspelling->start), ==, 0);
  g_assert_cmpuint (misspelling->end - misspelling->start, ==, strlen ("снек"));
}

static void
test_other_languages (void)
{
  const char *words[][2] = {
    { "be", "дзякуй" },
    { "uk", "дякую" },
    { "pl", "dziękuję" },
    { "de", "danke" },
    { "fr", "merci" },
    { "es", "gracias" },
    { "en", "thanks" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(CartaSpellChecker) checker = carta_spell_checker_new (words[i][0]);

      if (checker == NULL)
        {
          g_test_message ("no dictionary for %s", words[i][0]);
          g_test_incomplete ("not every letter language has a dictionary installed");
          continue;
        }
      g_assert_true (carta_spell_checker_check_word (checker, words[i][1], -1));
    }
}

static void
test_unknown_language (void)
{
  g_autoptr(CartaSpellChecker) checker = carta_spell_checker_new ("xx");
  g_auto(GStrv) langs = carta_spell_checker_list_languages ();

  g_assert_null (checker);
  g_assert_nonnull (langs);
  g_assert_false (g_strv_contains ((const char * const *) langs, "xx"));
}

static void
test_skips_digits_and_other_scripts (void)
{
  g_autoptr(CartaSpellChecker) checker = checker_or_skip ("ru");
  g_autoptr(GArray) misspellings = NULL;

  if (checker == NULL)
    return;

  /* "ИК-2" has a digit; "Vilnius" is another script: the guidance
   * checker speaks about Latin letters, not the speller. */
  misspellings = carta_spell_checker_check_text (checker, "Колония ИК-2, город Vilnius, 2026 год.");
  g_assert_cmpuint (misspellings->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spell/russian", test_russian);
  g_test_add_func ("/spell/other-languages", test_other_languages);
  g_test_add_func ("/spell/unknown-language", test_unknown_language);
  g_test_add_func ("/spell/skips-digits-and-other-scripts", test_skips_digits_and_other_scripts);

  return g_test_run ();
}
