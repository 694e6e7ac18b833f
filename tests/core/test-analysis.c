/* test-analysis.c: what the composer tells the writer about a letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <carta/carta.h>

#include "carta-test-util.h"
#include <carta/carta-analysis.h>

static void
test_analyze (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaRuleset *ruleset = g_ptr_array_index (carta_feed_get_rulesets (feed), 0);
  CartaTemplate *hello = g_ptr_array_index (carta_feed_get_templates (feed), 0);
  g_autoptr(CartaPrintable) printable = carta_printable_new ();
  g_autoptr(CartaAnalysis) analysis = NULL;
  g_autoptr(CartaGuidanceChecker) checker = NULL;

  printable->language = g_strdup ("ru");
  printable->body = g_strdup ("Здравствуйте, {case_given_name}!\n\n"
                              "Я думаю о войне.\n\n"
                              "I hope this letter finds you well.\n\n"
                              "С теплом, {sender_name} {не шаблон}");

  checker = carta_guidance_checker_new (ruleset, "ru");
  analysis = carta_analyze (printable, checker, hello, CARTA_PAPER_A4);

  /* "войне" (war) and the Latin words. */
  g_assert_cmpuint (analysis->issues->len, >=, 2);
  /* A placeholder counts as one word. */
  g_assert_cmpuint (analysis->words, ==, 18);
  g_assert_cmpuint (analysis->pages, ==, 1);
  g_assert_cmpuint (analysis->max_words, ==, 300);
  g_assert_cmpuint (analysis->max_pages, ==, 1);
  g_assert_cmpuint (analysis->missing->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (analysis->missing, 0), ==, "case_given_name");
  g_assert_cmpstr (g_ptr_array_index (analysis->missing, 1), ==, "sender_name");
  g_assert_cmpuint (analysis->foreign_paragraphs->len, ==, 1);
  g_assert_cmpuint (g_array_index (analysis->foreign_paragraphs, guint, 0), ==, 2);
}

static void
test_no_ruleset (void)
{
  g_autoptr(CartaPrintable) printable = carta_printable_new ();
  g_autoptr(CartaAnalysis) analysis = NULL;

  printable->language = g_strdup ("en");
  analysis = carta_analyze (printable, NULL, NULL, CARTA_PAPER_LETTER);
  g_assert_cmpuint (analysis->issues->len, ==, 0);
  g_assert_cmpuint (analysis->words, ==, 0);
  g_assert_cmpuint (analysis->max_words, ==, 0);
  g_assert_cmpuint (analysis->missing->len, ==, 0);
  g_assert_cmpuint (analysis->foreign_paragraphs->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/analysis/analyze", test_analyze);
  g_test_add_func ("/analysis/no-ruleset", test_no_ruleset);

  return g_test_run ();
}
