/* test-letter-options.c: which letters a case or a campaign offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <carta/carta.h>

#include "carta-test-util.h"
#include <carta/carta-letter-options.h>

static CartaLetterOption *
option (GPtrArray *options,
        guint      i)
{
  return g_ptr_array_index (options, i);
}

static const char *
id_of (gpointer entity)
{
  return entity ? carta_entity_get_id (CARTA_ENTITY (entity)) : NULL;
}

static void
test_case_alone (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  CartaCase *released = g_ptr_array_index (carta_feed_get_cases (feed), 1);
  CartaCase *bialiatski = g_ptr_array_index (carta_feed_get_cases (feed), 2);
  g_autoptr(GPtrArray) options = carta_letter_options_for (ivanov, NULL);
  g_autoptr(GPtrArray) none = carta_letter_options_for (released, NULL);
  g_autoptr(GPtrArray) belarus = carta_letter_options_for (bialiatski, NULL);
  const char * const only_russian[] = { "ru", NULL };

  /* A Russian prison takes Russian letters only, though the template has English too. */
  g_assert_cmpuint (options->len, ==, 1);
  g_assert_cmpstr (id_of (option (options, 0)->template), ==, "hello");
  g_assert_true (option (options, 0)->person == ivanov);
  g_assert_null (option (options, 0)->target);
  g_assert_cmpstrv (option (options, 0)->languages, only_russian);

  /* Released people cannot be written to. */
  g_assert_cmpuint (none->len, ==, 0);

  /* Belarus takes Belarusian or Russian; this template has only Russian of the two. */
  g_assert_cmpuint (belarus->len, ==, 1);
  g_assert_cmpstrv (option (belarus, 0)->languages, only_russian);
}

static void
test_campaign (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCampaign *campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), 0);
  g_autoptr(GPtrArray) options = carta_letter_options_for (NULL, campaign);
  const char * const un_languages[] = { "en", "fr", NULL };
  const char * const preferred[] = { "de", "fr", NULL };

  /* A letter to each person of the campaign, and the appeal to the UN body;
   * the representative has no template, so nothing is offered for them. */
  g_assert_cmpuint (options->len, ==, 3);
  g_assert_cmpstr (id_of (option (options, 0)->person), ==, "ivanov");
  g_assert_cmpstr (id_of (option (options, 1)->person), ==, "bialiatski");
  g_assert_cmpstr (id_of (option (options, 2)->template), ==, "appeal-un");
  g_assert_cmpstr (id_of (option (options, 2)->target), ==, "ohchr");
  g_assert_null (option (options, 2)->person);
  g_assert_cmpstrv (option (options, 2)->languages, un_languages);

  g_assert_cmpstr (carta_letter_option_pick_language (option (options, 2), preferred), ==, "fr");
  g_assert_cmpstr (carta_letter_option_pick_language (option (options, 0), preferred), ==, "ru");
}

static void
test_case_in_campaign (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  CartaCampaign *campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), 0);
  g_autoptr(GPtrArray) options = carta_letter_options_for (ivanov, campaign);

  /* No duplicates: the case's own letter is offered once, plus the appeal about them. */
  g_assert_cmpuint (options->len, ==, 2);
  g_assert_cmpstr (id_of (option (options, 0)->template), ==, "hello");
  g_assert_cmpstr (id_of (option (options, 1)->template), ==, "appeal-un");
  g_assert_true (option (options, 1)->person == ivanov);
}

/* A draft finds the letter it was begun from again, through the catalog. */
static void
test_find (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  g_autoptr(CartaCatalog) catalog = carta_catalog_new ();
  CartaCampaign *campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), 0);
  g_autoptr(GPtrArray) options = carta_letter_options_for (NULL, campaign);
  const char *campaign_uid = carta_entity_get_uid (CARTA_ENTITY (campaign));

  carta_catalog_add_feed (catalog, feed);

  for (guint i = 0; i < options->len; i++)
    {
      CartaLetterOption *expected = option (options, i);
      g_autoptr(CartaLetter) letter =
        carta_letter_new (campaign_uid,
                          expected->person ? carta_entity_get_uid (CARTA_ENTITY (expected->person)) : NULL,
                          expected->target ? carta_entity_get_uid (CARTA_ENTITY (expected->target)) : NULL,
                          carta_entity_get_uid (CARTA_ENTITY (expected->template)));
      g_autoptr(CartaLetterOption) found = carta_letter_option_find (catalog, letter);

      g_assert_nonnull (found);
      g_assert_true (found->template == expected->template);
      g_assert_true (found->person == expected->person);
      g_assert_true (found->target == expected->target);
    }

  /* A template or an addressee the catalog no longer has. */
  {
    g_autoptr(CartaLetter) gone = carta_letter_new (campaign_uid, NULL, NULL, "test:no-such-template");
    g_autoptr(CartaLetter) nowhere = carta_letter_new ("test:no-such-campaign", NULL, NULL,
                                                       carta_entity_get_uid (CARTA_ENTITY (option (options, 0)->template)));
    g_autoptr(CartaLetterOption) none = carta_letter_option_find (catalog, gone);
    g_autoptr(CartaLetterOption) nothing = carta_letter_option_find (catalog, nowhere);

    g_assert_null (none);
    g_assert_null (nothing);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/letter-options/case-alone", test_case_alone);
  g_test_add_func ("/letter-options/campaign", test_campaign);
  g_test_add_func ("/letter-options/case-in-campaign", test_case_in_campaign);
  g_test_add_func ("/letter-options/find", test_find);

  return g_test_run ();
}
