/* test-catalog.c: merging sources into one catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta.h>

#include "carta-test-util.h"

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_merge_sources (void)
{
  g_autoptr(CartaCatalog) catalog = carta_catalog_new ();
  g_autoptr(CartaFeed) first = carta_test_load_good_feed ("first");
  g_autoptr(CartaFeed) second = carta_test_load_good_feed ("second");
  GListModel *cases = carta_catalog_get_cases (catalog);
  CartaEntity *found;

  carta_catalog_add_feed (catalog, first);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (carta_catalog_get_campaigns (catalog)), ==, 1);

  /* The same ids from another source do not collide. */
  carta_catalog_add_feed (catalog, second);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (carta_catalog_get_sources (catalog)), ==, 2);

  found = carta_catalog_lookup (catalog, "first:ivanov");
  g_assert_nonnull (found);
  g_assert_cmpstr (carta_entity_get_source_id (found), ==, "first");
  found = carta_catalog_lookup (catalog, "second:ivanov");
  g_assert_nonnull (found);
  g_assert_cmpstr (carta_entity_get_source_id (found), ==, "second");
  g_assert_true (CARTA_IS_CAMPAIGN (carta_catalog_lookup (catalog, "second:release")));
  g_assert_null (carta_catalog_lookup (catalog, "ivanov"));
  g_assert_null (carta_catalog_lookup (catalog, "third:ivanov"));
}

static void
test_replace_source (void)
{
  g_autoptr(CartaCatalog) catalog = carta_catalog_new ();
  g_autoptr(CartaFeed) first = carta_test_load_good_feed ("first");
  g_autoptr(CartaFeed) second = carta_test_load_good_feed ("second");
  g_autoptr(CartaFeed) first_again = carta_test_load_good_feed ("first");
  GListModel *cases = carta_catalog_get_cases (catalog);
  guint n_signals = 0;

  carta_catalog_add_feed (catalog, first);
  carta_catalog_add_feed (catalog, second);

  /* A new copy of a source replaces the old one in one change. */
  g_signal_connect (cases, "items-changed", G_CALLBACK (count_changes), &n_signals);
  carta_catalog_add_feed (catalog, first_again);
  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (carta_catalog_get_sources (catalog)), ==, 2);
  g_assert_true (carta_catalog_lookup (catalog, "first:ivanov") ==
                 g_ptr_array_index (carta_feed_get_cases (first_again), 0));
  g_signal_handlers_disconnect_by_func (cases, count_changes, &n_signals);

  g_assert_true (carta_catalog_remove_source (catalog, "first"));
  g_assert_false (carta_catalog_remove_source (catalog, "first"));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 4);
  g_assert_null (carta_catalog_lookup (catalog, "first:ivanov"));
  g_assert_nonnull (carta_catalog_lookup (catalog, "second:ivanov"));

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CartaEntity) entity = g_list_model_get_item (cases, i);
      g_assert_cmpstr (carta_entity_get_source_id (entity), ==, "second");
    }
}

static void
test_failed_load_changes_nothing (void)
{
  g_autoptr(CartaCatalog) catalog = carta_catalog_new ();
  g_autoptr(CartaFeed) first = carta_test_load_good_feed ("first");
  g_autoptr(GError) error = NULL;
  const char *json = "{\"carta_feed\": 1, \"source\": {}}";
  g_autoptr(GBytes) broken = g_bytes_new_static (json, strlen (json));
  g_autoptr(CartaFeed) feed = NULL;

  carta_catalog_add_feed (catalog, first);

  /* A refused feed gives nothing to add: the last good copy stays. */
  feed = carta_feed_new_from_bytes (broken, "first", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_assert_cmpuint (g_list_model_get_n_items (carta_catalog_get_cases (catalog)), ==, 4);
  g_assert_nonnull (carta_catalog_lookup (catalog, "first:ivanov"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/catalog/merge-sources", test_merge_sources);
  g_test_add_func ("/catalog/replace-source", test_replace_source);
  g_test_add_func ("/catalog/failed-load-changes-nothing", test_failed_load_changes_nothing);

  return g_test_run ();
}
