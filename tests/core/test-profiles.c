/* test-profiles.c: sender profiles and their store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include <carta/carta.h>

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_round_trip (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "carta", "profiles.json", NULL);
  g_autoptr(CartaProfileStore) store = carta_profile_store_new (NULL);
  g_autoptr(CartaProfileStore) reloaded = carta_profile_store_new (NULL);
  g_autoptr(CartaProfile) official = carta_profile_new ();
  g_autoptr(CartaProfile) pseudonym = carta_profile_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CartaProfile *found;

  carta_profile_set_label (official, "Officials");
  carta_profile_set_name (official, "Jane <b>Doe</b>");
  carta_profile_set_return_address (official, "1 High Street\nLeeds\nUNITED KINGDOM");
  carta_profile_set_country (official, "GB");
  carta_profile_set_label (pseudonym, "Prisoners");
  carta_profile_set_name (pseudonym, "Птица");
  carta_profile_set_is_pseudonym (pseudonym, TRUE);
  carta_profile_set_return_address (pseudonym, "");
  g_assert_null (carta_profile_get_return_address (pseudonym));

  carta_profile_store_add (store, official);
  carta_profile_store_add (store, pseudonym);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  carta_profile_store_save_async (store, NULL, on_done, &result);
  g_assert_true (carta_profile_store_save_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&result);

  carta_profile_store_load_async (reloaded, NULL, on_done, &result);
  g_assert_true (carta_profile_store_load_finish (reloaded, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 2);

  found = carta_profile_store_lookup (reloaded, carta_profile_get_id (pseudonym));
  g_assert_nonnull (found);
  g_assert_true (found != pseudonym);
  g_assert_cmpstr (carta_profile_get_name (found), ==, "Птица");
  g_assert_true (carta_profile_get_is_pseudonym (found));
  g_assert_null (carta_profile_get_return_address (found));

  found = carta_profile_store_lookup (reloaded, carta_profile_get_id (official));
  g_assert_cmpstr (carta_profile_get_name (found), ==, "Jane <b>Doe</b>");
  g_assert_cmpstr (carta_profile_get_return_address (found), ==, "1 High Street\nLeeds\nUNITED KINGDOM");
  g_assert_false (carta_profile_get_is_pseudonym (found));

  carta_profile_store_remove (reloaded, found);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
}

static void
test_missing_file (void)
{
  g_autoptr(CartaProfileStore) store = carta_profile_store_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* No profiles yet is not an error. */
  carta_profile_store_load_async (store, NULL, on_done, &result);
  g_assert_true (carta_profile_store_load_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_corrupt_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "carta", NULL);
  g_autofree char *path = g_build_filename (dir, "profiles.json", NULL);
  g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
  g_autoptr(CartaProfileStore) store = carta_profile_store_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"profiles\": [ {\"id\": ", -1, NULL));

  /* Reported, and kept aside for the user rather than overwritten. */
  carta_profile_store_load_async (store, NULL, on_done, &result);
  g_assert_false (carta_profile_store_load_finish (store, wait_for (&result), &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_at_risk (void)
{
  g_autoptr(CartaProfile) profile = carta_profile_new ();

  g_assert_false (carta_profile_is_at_risk (profile));
  carta_profile_set_country (profile, "BY");
  g_assert_true (carta_profile_is_at_risk (profile));
  carta_profile_set_country (profile, "RU");
  g_assert_true (carta_profile_is_at_risk (profile));
  carta_profile_set_country (profile, "LT");
  g_assert_false (carta_profile_is_at_risk (profile));
  g_assert_true (g_uuid_string_is_valid (carta_profile_get_id (profile)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/profiles/round-trip", test_round_trip);
  g_test_add_func ("/profiles/missing-file", test_missing_file);
  g_test_add_func ("/profiles/corrupt-file", test_corrupt_file);
  g_test_add_func ("/profiles/at-risk", test_at_risk);

  return g_test_run ();
}
