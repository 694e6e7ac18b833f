/* test-people.c: people added by hand, kept across restarts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include <carta/carta.h>

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = carta_people_save_finish (CARTA_PEOPLE (object), result, &wait->error);
  wait->done = TRUE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = carta_people_load_finish (CARTA_PEOPLE (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
save (CartaPeople *people)
{
  Wait wait = { 0 };

  carta_people_save_async (people, NULL, saved_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (wait.error);
  return wait.ok;
}

static gboolean
load (CartaPeople  *people,
      GError      **error)
{
  Wait wait = { 0 };

  carta_people_load_async (people, NULL, loaded_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.ok;
}

static CartaPerson *
example_person (void)
{
  CartaPerson *person = carta_person_new ();
  static const char * const languages[] = { "ru", "be", NULL };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_address_warning_free);

  person->name = g_strdup ("  Примерова Анна Сергеевна ");
  person->name_latin = g_strdup ("Anna Primerova");
  person->birth_year = 1991;
  person->facility = g_strdup ("ИК-4");
  person->country = g_strdup ("BY");
  person->letter_languages = g_strdupv ((char **) languages);
  carta_person_set_address_block (person, "246035, г. Гомель, ул. Антошкина, д. 3", warnings);
  g_assert_cmpuint (warnings->len, ==, 0);
  return person;
}

static void
count_changes (CartaPeople *people,
               guint       *n_changes)
{
  (*n_changes)++;
}

static void
test_round_trip (void)
{
  g_autoptr(CartaPeople) people = carta_people_new (NULL);
  g_autoptr(CartaPeople) reloaded = NULL;
  g_autoptr(CartaPerson) person = example_person ();
  g_autoptr(CartaPerson) second = example_person ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *expected_path = g_build_filename (g_get_user_data_dir (), "carta", "people.json", NULL);
  const CartaPerson *found;
  guint n_changes = 0;

  g_assert_cmpstr (carta_people_get_path (people), ==, expected_path);
  g_signal_connect (people, "changed", G_CALLBACK (count_changes), &n_changes);

  /* No file yet: an empty list, not an error. */
  g_assert_true (load (people, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carta_people_get_n_people (people), ==, 0);

  id = carta_people_add (people, person, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (id, "person-"));
  second_id = carta_people_add (people, second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, !=, second_id);
  g_assert_cmpuint (carta_people_get_n_people (people), ==, 2);

  /* Edit one, delete the other. */
  g_free (person->facility);
  person->facility = g_strdup ("ИК-17");
  person->status = CARTA_CASE_STATUS_RELEASED;
  g_assert_true (carta_people_update (people, id, person, &error));
  g_assert_no_error (error);
  g_assert_true (carta_people_remove (people, second_id));
  g_assert_false (carta_people_remove (people, second_id));
  g_assert_cmpuint (n_changes, ==, 5);
  g_assert_true (save (people));
  g_assert_true (g_file_test (expected_path, G_FILE_TEST_IS_REGULAR));

  reloaded = carta_people_new (NULL);
  g_assert_true (load (reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (carta_people_get_n_people (reloaded), ==, 1);
  found = carta_people_lookup (reloaded, id);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->name, ==, "Примерова Анна Сергеевна");
  g_assert_cmpstr (found->name_latin, ==, "Anna Primerova");
  g_assert_cmpuint (found->birth_year, ==, 1991);
  g_assert_cmpstr (found->facility, ==, "ИК-17");
  g_assert_cmpstr (found->country, ==, "BY");
  g_assert_cmpint (found->status, ==, CARTA_CASE_STATUS_RELEASED);
  g_assert_cmpuint (g_strv_length (found->address_lines), ==, 3);
  g_assert_cmpstr (found->address_lines[0], ==, "246035");
  g_assert_cmpstr (found->address_lines[2], ==, "ул. Антошкина, д. 3");
  g_assert_cmpuint (g_strv_length (found->letter_languages), ==, 2);
  g_assert_null (carta_people_lookup (reloaded, second_id));
}

static void
test_feed (void)
{
  g_autoptr(CartaPeople) people = carta_people_new (NULL);
  g_autoptr(CartaPerson) person = example_person ();
  g_autoptr(CartaFeed) feed = NULL;
  g_autoptr(CartaCatalog) catalog = carta_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *uid = NULL;
  CartaCase *found;

  id = carta_people_add (people, person, &error);
  g_assert_no_error (error);
  feed = carta_people_build_feed (people, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carta_feed_get_source_id (feed), ==, "user");
  g_assert_cmpuint (carta_feed_get_cases (feed)->len, ==, 1);

  carta_catalog_add_feed (catalog, feed);
  uid = g_strconcat ("user:", id, NULL);
  found = CARTA_CASE (carta_catalog_lookup (catalog, uid));
  g_assert_nonnull (found);
  g_assert_cmpstr (carta_case_get_name (found), ==, "Примерова Анна Сергеевна");
  g_assert_cmpstr (carta_text_get (carta_case_get_facility (found), "ru"), ==, "ИК-4");
  g_assert_cmpstr (carta_address_get_country (carta_case_get_address (found)), ==, "REPUBLIC OF BELARUS");
  g_assert_cmpstr (carta_entity_get_id (CARTA_ENTITY (carta_case_get_ruleset (found))), ==, "by-prison");
  g_assert_cmpuint (carta_case_get_templates (found)->len, >=, 1);
  g_assert_true (carta_case_get_can_receive_letters (found));
}

static void
test_invalid (void)
{
  g_autoptr(CartaPeople) people = carta_people_new (NULL);
  g_autoptr(CartaPerson) person = example_person ();
  g_autoptr(GError) error = NULL;
  char *id;

  g_free (person->name);
  person->name = g_strdup ("   ");
  id = carta_people_add (people, person, &error);
  g_assert_null (id);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_clear_error (&error);

  g_free (person->name);
  person->name = g_strdup ("Иванов");
  person->birth_year = 1800;
  g_assert_null (carta_people_add (people, person, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_clear_error (&error);

  person->birth_year = 0;
  g_clear_pointer (&person->letter_languages, g_strfreev);
  g_assert_null (carta_people_add (people, person, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_clear_error (&error);

  g_assert_false (carta_people_update (people, "person-none", person, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_UNKNOWN_REFERENCE);
  g_assert_cmpuint (carta_people_get_n_people (people), ==, 0);
}

static void
test_damaged_file (void)
{
  g_autoptr(CartaPeople) people = carta_people_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = g_strconcat (carta_people_get_path (people), ".damaged", NULL);
  g_autofree char *dir = g_path_get_dirname (carta_people_get_path (people));

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (carta_people_get_path (people), "{\"carta_people\": 1, \"people\": [", -1, &error);
  g_assert_no_error (error);

  g_assert_false (load (people, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, aside));
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (carta_people_get_path (people), G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Damaged again: the first damaged copy stays as it was. */
  g_file_set_contents (carta_people_get_path (people), "not json", -1, &error);
  g_assert_no_error (error);
  g_assert_false (load (people, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autofree char *second = g_strconcat (carta_people_get_path (people), ".damaged-2", NULL);
    g_autofree char *first_contents = NULL;
    g_autofree char *second_contents = NULL;

    g_assert_true (g_file_get_contents (aside, &first_contents, NULL, NULL));
    g_assert_true (g_file_get_contents (second, &second_contents, NULL, NULL));
    g_assert_cmpstr (first_contents, ==, "{\"carta_people\": 1, \"people\": [");
    g_assert_cmpstr (second_contents, ==, "not json");
  }

  /* And the store saves anew. */
  {
    g_autoptr(CartaPerson) person = example_person ();
    g_autofree char *id = carta_people_add (people, person, &error);

    g_assert_no_error (error);
    g_assert_true (save (people));
    g_assert_true (g_file_test (carta_people_get_path (people), G_FILE_TEST_IS_REGULAR));
  }
}

/* Undoing a removal gives the person back under their own id. */
static void
test_insert (void)
{
  g_autoptr(CartaPeople) people = carta_people_new (NULL);
  g_autoptr(CartaPerson) person = example_person ();
  g_autoptr(CartaPerson) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = carta_people_add (people, person, &error);
  g_autofree char *second = carta_people_add (people, person, &error);
  guint n_changes = 0;

  g_assert_no_error (error);
  g_signal_connect (people, "changed", G_CALLBACK (count_changes), &n_changes);

  removed = carta_person_copy (carta_people_lookup (people, first));
  g_assert_true (carta_people_remove (people, first));
  g_assert_true (carta_people_insert (people, 0, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpuint (carta_people_get_n_people (people), ==, 2);
  g_assert_cmpstr (carta_people_get_nth (people, 0)->id, ==, first);
  g_assert_cmpstr (carta_people_get_nth (people, 1)->id, ==, second);
  g_assert_cmpstr (carta_people_get_nth (people, 0)->name, ==, "Примерова Анна Сергеевна");

  /* Once is enough; and an id the store did not give is refused. */
  g_assert_false (carta_people_insert (people, 0, removed, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_clear_error (&error);
  g_free (removed->id);
  removed->id = g_strdup ("made-up");
  g_assert_false (carta_people_insert (people, 0, removed, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_clear_error (&error);

  /* Past the end: appended. */
  g_assert_true (carta_people_remove (people, first));
  g_free (removed->id);
  removed->id = g_strdup (first);
  g_assert_true (carta_people_insert (people, 99, removed, &error));
  g_assert_cmpstr (carta_people_get_nth (people, 1)->id, ==, first);
}

static void
test_overlapping_saves (void)
{
  g_autoptr(CartaPeople) people = carta_people_new (NULL);
  g_autoptr(CartaPeople) reloaded = carta_people_new (NULL);
  g_autoptr(GError) error = NULL;
  Wait waits[20] = { 0 };

  /* Twenty saves in flight, each after one more person: the file ends with all of them. */
  for (guint i = 0; i < G_N_ELEMENTS (waits); i++)
    {
      g_autoptr(CartaPerson) person = example_person ();
      g_autofree char *id = NULL;

      g_free (person->name);
      person->name = g_strdup_printf ("Человек %u", i);
      id = carta_people_add (people, person, &error);
      g_assert_no_error (error);
      carta_people_save_async (people, NULL, saved_cb, &waits[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (waits); i++)
    {
      while (!waits[i].done)
        g_main_context_iteration (NULL, TRUE);
      g_assert_no_error (waits[i].error);
    }

  g_assert_true (load (reloaded, &error));
  g_assert_cmpuint (carta_people_get_n_people (reloaded), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/people/round-trip", test_round_trip);
  g_test_add_func ("/people/feed", test_feed);
  g_test_add_func ("/people/invalid", test_invalid);
  g_test_add_func ("/people/damaged-file", test_damaged_file);
  g_test_add_func ("/people/insert", test_insert);
  g_test_add_func ("/people/overlapping-saves", test_overlapping_saves);

  return g_test_run ();
}
