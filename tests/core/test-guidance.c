/* test-guidance.c: the guidance checker, word counts and scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta.h>

#include "carta-test-util.h"

static CartaRuleset *
load_ruleset (CartaFeed **feed_out)
{
  *feed_out = carta_test_load_good_feed ("test");
  return g_ptr_array_index (carta_feed_get_rulesets (*feed_out), 0);
}

static void
test_check (void)
{
  g_autoptr(CartaFeed) feed = NULL;
  CartaRuleset *ruleset = load_ruleset (&feed);
  const char *text = "Здравствуйте! Я думаю о войне и о вас. OK? Погода спокойна.";
  g_autoptr(GArray) issues = carta_guidance_check (ruleset, text, "ru");
  CartaGuidanceIssue *issue;

  g_assert_cmpuint (issues->len, ==, 2);

  issue = &g_array_index (issues, CartaGuidanceIssue, 0);
  g_assert_cmpstr (issue->rule->id, ==, "war");
  g_assert_cmpint (strncmp (text + issue->start, "войне", issue->end - issue->start), ==, 0);
  g_assert_cmpuint (issue->end - issue->start, ==, strlen ("войне"));

  issue = &g_array_index (issues, CartaGuidanceIssue, 1);
  g_assert_cmpstr (issue->rule->id, ==, "latin");
  g_assert_cmpint (strncmp (text + issue->start, "OK", 2), ==, 0);
  g_clear_pointer (&issues, g_array_unref);

  /* The war rule is for Russian letters only; the Latin one for all. */
  issues = carta_guidance_check (ruleset, text, "be");
  g_assert_cmpuint (issues->len, ==, 1);
  g_clear_pointer (&issues, g_array_unref);

  issues = carta_guidance_check (ruleset, "Всё хорошо, пишите.", "ru");
  g_assert_cmpuint (issues->len, ==, 0);
  g_clear_pointer (&issues, g_array_unref);

  /* Placeholders still to fill in are not the writer's Latin words. */
  issues = carta_guidance_check (ruleset, "С теплом, {sender_name}. Привет {ok", "ru");
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_cmpstr (g_array_index (issues, CartaGuidanceIssue, 0).rule->id, ==, "latin");
}

static void
assert_same_issues (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CartaGuidanceIssue *x = &g_array_index (a, CartaGuidanceIssue, i);
      CartaGuidanceIssue *y = &g_array_index (b, CartaGuidanceIssue, i);

      g_assert_true (x->rule == y->rule);
      g_assert_cmpuint (x->start, ==, y->start);
      g_assert_cmpuint (x->end, ==, y->end);
    }
}

static void
test_checker (void)
{
  g_autoptr(CartaFeed) feed = NULL;
  CartaRuleset *ruleset = load_ruleset (&feed);
  g_autoptr(CartaGuidanceChecker) checker = carta_guidance_checker_new (ruleset, "ru");
  const char *first = "Здравствуйте!\n\nЯ думаю о войне.\n\nOK, до встречи.";
  const char *second = "Здравствуйте!\n\nЯ думаю о войне и о войне.\n\nOK, до встречи.";
  g_autoptr(GArray) whole = NULL;
  g_autoptr(GArray) cached = NULL;

  g_assert_true (carta_guidance_checker_get_ruleset (checker) == ruleset);
  g_assert_cmpstr (carta_guidance_checker_get_language (checker), ==, "ru");

  /* The same marks as a check of the whole text, offsets included… */
  whole = carta_guidance_check (ruleset, first, "ru");
  cached = carta_guidance_checker_check (checker, first);
  g_assert_cmpuint (whole->len, ==, 2);
  assert_same_issues (whole, cached);
  g_clear_pointer (&whole, g_array_unref);
  g_clear_pointer (&cached, g_array_unref);

  /* …also after one paragraph changed and the others came from memory. */
  whole = carta_guidance_check (ruleset, second, "ru");
  cached = carta_guidance_checker_check (checker, second);
  g_assert_cmpuint (whole->len, ==, 3);
  assert_same_issues (whole, cached);
  g_assert_cmpint (strncmp (second + g_array_index (cached, CartaGuidanceIssue, 2).start, "OK", 2), ==, 0);
}

static void
test_words (void)
{
  g_assert_cmpuint (carta_guidance_count_words (""), ==, 0);
  g_assert_cmpuint (carta_guidance_count_words ("  \n\n "), ==, 0);
  g_assert_cmpuint (carta_guidance_count_words ("Здравствуйте, Иван Иванович!"), ==, 3);
  g_assert_cmpuint (carta_guidance_count_words ("Кара-Мурза - п'ять слов"), ==, 3);
  g_assert_cmpuint (carta_guidance_count_words ("It's 2026 — and then"), ==, 4);
  g_assert_cmpuint (carta_guidance_count_words ("ilia's end-"), ==, 2);
  g_assert_cmpuint (carta_guidance_count_words ("Dear {target_salutation}, {oops"), ==, 3);
}

static void
test_scripts (void)
{
  g_assert_cmpstr (carta_guidance_detect_script ("Здравствуйте, Иван!"), ==, "Cyrl");
  g_assert_cmpstr (carta_guidance_detect_script ("Hello, Иван!"), ==, "Latn");
  g_assert_cmpstr (carta_guidance_detect_script ("שלום"), ==, "Hebr");
  g_assert_cmpstr (carta_guidance_detect_script ("გამარჯობა"), ==, "Geor");
  g_assert_null (carta_guidance_detect_script ("2026 — !"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guidance/check", test_check);
  g_test_add_func ("/guidance/checker", test_checker);
  g_test_add_func ("/guidance/words", test_words);
  g_test_add_func ("/guidance/scripts", test_scripts);

  return g_test_run ();
}
