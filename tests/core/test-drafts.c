/* test-drafts.c: the draft store saves every change, safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run as "test-drafts --draft-writer DIRECTORY", the program is the child
 * of the crash test instead: it keeps changing one draft and prints
 * "saved N" after each save that wrote state N, until it is killed.
 */
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include <carta/carta.h>

/* Every wait in these tests ends, one way or the other, within this. */
#define WAIT_LIMIT_MS 20000

typedef struct
{
  char            *directory;
  CartaDraftStore *store;
  guint            n_saved;
  guint            n_failed;
  GError          *last_error;
  GPtrArray       *saved_times;   /* of gint64*, monotonic */
} Fixture;

static void
on_letter_saved (CartaDraftStore *store,
                 CartaLetter     *letter,
                 Fixture         *f)
{
  gint64 *now = g_new (gint64, 1);

  *now = g_get_monotonic_time ();
  g_ptr_array_add (f->saved_times, now);
  f->n_saved++;
}

static void
on_save_failed (CartaDraftStore *store,
                CartaLetter     *letter,
                GError          *error,
                Fixture         *f)
{
  f->n_failed++;
  g_clear_error (&f->last_error);
  f->last_error = g_error_copy (error);
}

static void
watch_store (Fixture *f)
{
  g_signal_connect (f->store, "letter-saved", G_CALLBACK (on_letter_saved), f);
  g_signal_connect (f->store, "save-failed", G_CALLBACK (on_save_failed), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->directory = g_build_filename (g_get_user_data_dir (), "drafts-under-test", NULL);
  f->saved_times = g_ptr_array_new_with_free_func (g_free);
  f->store = carta_draft_store_new (f->directory);
  watch_store (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_error (&f->last_error);
  g_ptr_array_unref (f->saved_times);
  g_free (f->directory);
}

static gboolean
on_wait_limit (gpointer user_data)
{
  g_error ("A wait went on for more than %d ms", WAIT_LIMIT_MS);
  return G_SOURCE_REMOVE;
}

static gboolean
on_heartbeat (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_UNTIL(condition)                                                  \
  G_STMT_START {                                                               \
    guint limit_id = g_timeout_add (WAIT_LIMIT_MS, on_wait_limit, NULL);       \
    guint beat_id = g_timeout_add (5, on_heartbeat, NULL);                     \
    while (!(condition))                                                       \
      g_main_context_iteration (NULL, TRUE);                                   \
    g_source_remove (limit_id);                                                \
    g_source_remove (beat_id);                                                 \
  } G_STMT_END

/* Runs the main loop for @ms, as an idle application would. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  WAIT_UNTIL (g_get_monotonic_time () >= end);
}

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
load (CartaDraftStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carta_draft_store_load_async (store, NULL, on_async_done, &result);
  WAIT_UNTIL (result != NULL);
  g_assert_true (carta_draft_store_load_finish (store, result, &error));
  g_assert_no_error (error);
}

static gboolean
flush (CartaDraftStore  *store,
       GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carta_draft_store_flush_async (store, NULL, on_async_done, &result);
  WAIT_UNTIL (result != NULL);
  return carta_draft_store_flush_finish (store, result, error);
}

static void
assert_flushed (CartaDraftStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (flush (store, &error));
  g_assert_no_error (error);
  g_assert_false (carta_draft_store_get_busy (store));
}

static char *
draft_path (Fixture     *f,
            CartaLetter *letter)
{
  g_autofree char *name = g_strconcat (carta_letter_get_id (letter), ".json", NULL);

  return g_build_filename (f->directory, name, NULL);
}

static char *
read_draft (Fixture     *f,
            CartaLetter *letter)
{
  g_autofree char *path = draft_path (f, letter);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      return NULL;
    }
  return contents;
}

/* The file holds exactly the letter as it is now. */
static void
assert_on_disk (Fixture     *f,
                CartaLetter *letter)
{
  g_autofree char *contents = read_draft (f, letter);
  g_autofree char *expected = carta_letter_to_json (letter);

  g_assert_nonnull (contents);
  g_assert_cmpstr (contents, ==, expected);
}

static GStrv
list_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_strv_builder_add (builder, name);
  return g_strv_builder_end (builder);
}

static CartaLetter *
new_letter (const char *body)
{
  CartaLetter *letter = carta_letter_new ("org:campaign", "org:case", NULL, "org:template");

  carta_letter_set_language (letter, "ru");
  carta_letter_set_body (letter, body);
  return letter;
}

/* ------------------------------------------------------------------------
 * Saving
 */

static void
test_drafts_default_directory (void)
{
  g_autoptr(CartaDraftStore) store = carta_draft_store_new (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "carta", "drafts", NULL);

  g_assert_cmpstr (carta_draft_store_get_directory (store), ==, expected);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == CARTA_TYPE_LETTER);
  /* No folder yet is no drafts yet, not an error. */
  load (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (carta_draft_store_get_problems (store)->len, ==, 0);
}

static void
test_drafts_add_saves (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CartaLetter) letter = new_letter ("Дорогая Мария!");
  g_autoptr(CartaLetter) same_id = NULL;
  g_autoptr(CartaLetter) item = NULL;
  g_autofree char *path = draft_path (f, letter);
  g_autofree char *json = NULL;
  g_auto(GStrv) names = NULL;
  GStatBuf buf;

  g_assert_true (carta_draft_store_add (f->store, letter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (f->store), 0);
  g_assert_true (item == letter);
  g_assert_true (carta_draft_store_lookup (f->store, carta_letter_get_id (letter)) == letter);
  g_assert_true (carta_draft_store_get_busy (f->store));

  /* A new letter is written at once, not after the delay. */
  WAIT_UNTIL (f->n_saved == 1);
  assert_on_disk (f, letter);
  g_assert_false (carta_draft_store_get_busy (f->store));

  /* Only the user may read it; and no temporary file is left. */
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  names = list_directory (f->directory);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_true (g_str_has_suffix (path, names[0]));

  /* The same letter, or another with its id, is not added twice. */
  g_assert_false (carta_draft_store_add (f->store, letter));
  json = carta_letter_to_json (letter);
  same_id = carta_letter_new_from_json (json, -1, NULL);
  g_assert_false (carta_draft_store_add (f->store, same_id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
}

static void
test_drafts_autosave_delay (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CartaLetter) letter = new_letter ("Hello");
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  gint64 changed_at;
  gint64 saved_at;
  guint n_saved_typing;
  gint64 typing_start;

  carta_draft_store_add (f->store, letter);
  WAIT_UNTIL (f->n_saved == 1);
  before = read_draft (f, letter);

  /* One change: not written at once, but about 500 ms later. */
  changed_at = g_get_monotonic_time ();
  carta_letter_set_body (letter, "Hello, Maria");
  g_assert_true (carta_draft_store_get_busy (f->store));
  spin (200);
  during = read_draft (f, letter);
  g_assert_cmpstr (during, ==, before);
  g_assert_cmpuint (f->n_saved, ==, 1);
  WAIT_UNTIL (f->n_saved == 2);
  saved_at = *(gint64 *) g_ptr_array_index (f->saved_times, 1);
  g_assert_cmpint (saved_at - changed_at, >=, CARTA_DRAFT_STORE_AUTOSAVE_DELAY_MS * 1000);
  assert_on_disk (f, letter);

  /* Steady typing, a change every 100 ms for 3 s: saved at least every
   * second meanwhile, yet far less often than it changes. */
  typing_start = g_get_monotonic_time ();
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *body = g_strdup_printf ("Hello, Maria %u", i);

      carta_letter_set_body (letter, body);
      spin (100);
    }
  n_saved_typing = f->n_saved - 2;
  g_test_message ("saves while typing for 3 s: %u", n_saved_typing);
  g_assert_cmpuint (n_saved_typing, >=, 2);
  g_assert_cmpuint (n_saved_typing, <=, 8);
  for (guint i = 2; i < f->saved_times->len; i++)
    {
      gint64 at = *(gint64 *) g_ptr_array_index (f->saved_times, i);
      gint64 previous = MAX (typing_start, *(gint64 *) g_ptr_array_index (f->saved_times, i - 1));

      /* The delay and the write; generous, for a loaded machine. */
      g_assert_cmpint (at - previous, <, 1800 * 1000);
    }

  WAIT_UNTIL (!carta_draft_store_get_busy (f->store));
  assert_on_disk (f, letter);
}

static void
test_drafts_concurrent (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CartaDraftStore) store = NULL;
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) names = NULL;
  CartaLetter *busiest;

  /* No delay, so that writes overlap changes all the time. */
  g_clear_object (&f->store);
  f->store = g_object_new (CARTA_TYPE_DRAFT_STORE, "directory", f->directory,
                           "autosave-delay-ms", 0, "autosave-max-ms", 0, NULL);
  watch_store (f);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *body = g_strdup_printf ("Письмо %u", i);
      CartaLetter *letter = new_letter (body);

      g_ptr_array_add (letters, letter);
      g_assert_true (carta_draft_store_add (f->store, letter));
    }

  /* Rounds of changes to every letter, with the main loop turning only
   * now and then, and one letter changed far more often. */
  busiest = g_ptr_array_index (letters, 7);
  for (guint round = 0; round < 25; round++)
    {
      for (guint i = 0; i < letters->len; i++)
        {
          g_autofree char *body = g_strdup_printf ("Письмо %u, правка %u", i, round);

          carta_letter_set_body (g_ptr_array_index (letters, i), body);
          carta_letter_set_cursor (g_ptr_array_index (letters, i), round);
        }
      for (guint k = 0; k < 20; k++)
        {
          g_autofree char *body = g_strdup_printf ("Самое частое письмо, правка %u.%u", round, k);

          carta_letter_set_body (busiest, body);
          g_main_context_iteration (NULL, FALSE);
        }
    }

  assert_flushed (f->store);
  g_assert_cmpuint (f->n_failed, ==, 0);
  /* More than one write per letter happened, yet far fewer than changes. */
  g_assert_cmpuint (f->n_saved, >, letters->len);
  for (guint i = 0; i < letters->len; i++)
    assert_on_disk (f, g_ptr_array_index (letters, i));
  g_assert_cmpstr (carta_letter_get_body (busiest), ==, "Самое частое письмо, правка 24.19");

  /* Nothing but the drafts in the folder. */
  names = list_directory (f->directory);
  g_assert_cmpuint (g_strv_length (names), ==, letters->len);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (g_str_has_suffix (names[i], ".json"));

  /* And another store reads them all back as they were left. */
  store = carta_draft_store_new (f->directory);
  load (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, letters->len);
  for (guint i = 0; i < letters->len; i++)
    {
      CartaLetter *letter = g_ptr_array_index (letters, i);
      CartaLetter *loaded = carta_draft_store_lookup (store, carta_letter_get_id (letter));

      g_assert_nonnull (loaded);
      g_assert_cmpstr (carta_letter_get_body (loaded), ==, carta_letter_get_body (letter));
      g_assert_cmpint (carta_letter_get_cursor (loaded), ==, carta_letter_get_cursor (letter));
    }
}

/* ------------------------------------------------------------------------
 * Deleting
 */

static void
test_drafts_delete_restore (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CartaLetter) keep = new_letter ("keep");
  g_autoptr(CartaLetter) letter = new_letter ("delete me");
  g_autofree char *path = draft_path (f, letter);

  carta_draft_store_add (f->store, keep);
  carta_draft_store_add (f->store, letter);
  assert_flushed (f->store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (carta_draft_store_delete (f->store, letter));
  g_assert_false (carta_draft_store_delete (f->store, letter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_assert_null (carta_draft_store_lookup (f->store, carta_letter_get_id (letter)));
  assert_flushed (f->store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A deleted letter's changes are not saved. */
  carta_letter_set_body (letter, "changed while deleted");
  spin (50);
  g_assert_false (carta_draft_store_get_busy (f->store));
  assert_flushed (f->store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Undo: back in the model and on disk, as it is now. */
  g_assert_true (carta_draft_store_restore (f->store, letter));
  g_assert_false (carta_draft_store_restore (f->store, letter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);
  assert_flushed (f->store);
  assert_on_disk (f, letter);

  /* Delete and undo at once, before the removal reached the disk: the
   * letter ends on disk, whichever order the threads run in. */
  for (guint i = 0; i < 20; i++)
    {
      g_assert_true (carta_draft_store_delete (f->store, letter));
      g_assert_true (carta_draft_store_restore (f->store, letter));
    }
  assert_flushed (f->store);
  assert_on_disk (f, letter);

  /* And delete without undo right after an undo. */
  g_assert_true (carta_draft_store_restore (f->store, letter) == FALSE);
  g_assert_true (carta_draft_store_delete (f->store, letter));
  assert_flushed (f->store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_on_disk (f, keep);
  g_assert_cmpuint (f->n_failed, ==, 0);
}

/* ------------------------------------------------------------------------
 * Loading
 */

static void
write_file (const char *directory,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (directory, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
write_letter (const char  *directory,
              CartaLetter *letter)
{
  g_autofree char *name = g_strconcat (carta_letter_get_id (letter), ".json", NULL);
  g_autofree char *json = carta_letter_to_json (letter);

  write_file (directory, name, json, -1);
}

static const CartaDraftProblem *
find_problem (CartaDraftStore *store,
              const char      *file_name)
{
  GPtrArray *problems = carta_draft_store_get_problems (store);

  for (guint i = 0; i < problems->len; i++)
    {
      const CartaDraftProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->file_name, file_name) == 0)
        return problem;
    }
  return NULL;
}

static void
assert_set_aside (Fixture    *f,
                  const char *file_name,
                  GQuark      domain,
                  gint        code)
{
  const CartaDraftProblem *problem = find_problem (f->store, file_name);
  g_autofree char *old_path = g_build_filename (f->directory, file_name, NULL);
  g_autofree char *new_name = g_strconcat (file_name, ".corrupt", NULL);
  g_autofree char *new_path = g_build_filename (f->directory, new_name, NULL);

  g_assert_nonnull (problem);
  g_assert_error (problem->error, domain, code);
  g_assert_cmpstr (problem->set_aside_as, ==, new_name);
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_drafts_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CartaLetter) good1 = new_letter ("first good");
  g_autoptr(CartaLetter) good2 = new_letter ("second good");
  g_autoptr(CartaLetter) other = new_letter ("someone else's id");
  g_autofree char *leftover = g_strconcat (carta_letter_get_id (good1), ".json.Ab3xYz", NULL);
  g_autofree char *leftover_path = g_build_filename (f->directory, leftover, NULL);
  g_autofree char *notes_path = g_build_filename (f->directory, "notes.txt", NULL);
  g_autofree char *other_json = carta_letter_to_json (other);
  g_autofree char *huge = g_strnfill (CARTA_LETTER_MAX_JSON_SIZE + 1, ' ');
  g_auto(GStrv) names = NULL;
  const CartaDraftProblem *problem;
  guint n_notifies = 0;
  const char *truncated_name = "0d5e7f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6.json";
  const char *wrong_type_name = "1d5e7f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6.json";
  const char *not_utf8_name = "2d5e7f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6.json";
  const char *huge_name = "3d5e7f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6.json";
  const char *copied_name = "4d5e7f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6.json";

  write_letter (f->directory, good1);
  write_letter (f->directory, good2);
  write_file (f->directory, truncated_name, "{\"version\": 1, \"id\": \"0d5e7f3a-", -1);
  write_file (f->directory, wrong_type_name,
              "{\"version\": 1, \"id\": \"1d5e7f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6\", "
              "\"created\": \"2024-05-01T10:00:00Z\", \"modified\": \"2024-05-01T10:00:00Z\", "
              "\"body\": 3}", -1);
  write_file (f->directory, not_utf8_name, "{\"body\": \"\xff\"}", -1);
  write_file (f->directory, huge_name, huge, -1);
  write_file (f->directory, copied_name, other_json, -1);
  /* A write a crash cut short, and a file that is not a draft. */
  write_file (f->directory, leftover, "{\"version\": 1, \"id\"", -1);
  write_file (f->directory, "notes.txt", "not a draft", -1);

  g_signal_connect (f->store, "notify::problems", G_CALLBACK (count_notify), &n_notifies);
  load (f->store);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);
  g_assert_nonnull (carta_draft_store_lookup (f->store, carta_letter_get_id (good1)));
  g_assert_nonnull (carta_draft_store_lookup (f->store, carta_letter_get_id (good2)));
  g_assert_cmpstr (carta_letter_get_body (carta_draft_store_lookup (f->store, carta_letter_get_id (good1))),
                   ==, "first good");

  g_assert_cmpuint (carta_draft_store_get_problems (f->store)->len, ==, 5);
  g_assert_cmpuint (n_notifies, ==, 1);
  assert_set_aside (f, truncated_name, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
  assert_set_aside (f, wrong_type_name, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
  problem = find_problem (f->store, wrong_type_name);
  g_assert_nonnull (problem != NULL ? strstr (problem->error->message, "body") : NULL);
  assert_set_aside (f, not_utf8_name, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8);
  assert_set_aside (f, huge_name, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  assert_set_aside (f, copied_name, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);

  g_assert_false (g_file_test (leftover_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (notes_path, G_FILE_TEST_EXISTS));

  /* Set aside, they are not read again; a second damaged copy of one does
   * not overwrite the first. */
  write_file (f->directory, truncated_name, "{", -1);
  load (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 2);
  g_assert_cmpuint (carta_draft_store_get_problems (f->store)->len, ==, 6);
  g_assert_cmpstr (((CartaDraftProblem *) g_ptr_array_index (carta_draft_store_get_problems (f->store), 5))->set_aside_as,
                   ==, "0d5e7f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6.json.corrupt-2");
  names = list_directory (f->directory);
  g_assert_cmpuint (g_strv_length (names), ==, 2 + 6 + 1);
}

static void
test_drafts_reload_order (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CartaDraftStore) store = NULL;
  g_autoptr(CartaLetter) oldest = new_letter ("oldest");
  g_autoptr(CartaLetter) middle = new_letter ("middle");
  g_autoptr(CartaLetter) newest = new_letter ("newest");
  const char *paragraphs[] = { "health", NULL };
  CartaLetter *expected[3];

  carta_draft_store_add (f->store, oldest);
  g_usleep (2000);
  carta_draft_store_add (f->store, middle);
  g_usleep (2000);
  carta_draft_store_add (f->store, newest);

  /* Where each one was left. */
  carta_letter_set_step (oldest, "recipient");
  g_usleep (2000);
  carta_letter_set_body (middle, "Дорогой Игорь!\n\nКак ты?");
  carta_letter_set_step (middle, "write");
  carta_letter_set_cursor (middle, 14);
  carta_letter_set_enabled_paragraphs (middle, paragraphs);
  carta_letter_set_value (middle, "case_name_dative", "Игорю");
  g_usleep (2000);
  carta_letter_set_step (newest, "review");
  carta_letter_set_cursor (newest, 3);

  /* The model follows the changes: the last one changed is on top. */
  expected[0] = newest;
  expected[1] = middle;
  expected[2] = oldest;
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CartaLetter) item = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_assert_true (item == expected[i]);
    }
  assert_flushed (f->store);

  store = carta_draft_store_new (f->directory);
  load (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CartaLetter) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (carta_letter_get_id (item), ==, carta_letter_get_id (expected[i]));
      g_assert_cmpstr (carta_letter_get_body (item), ==, carta_letter_get_body (expected[i]));
      g_assert_cmpstr (carta_letter_get_step (item), ==, carta_letter_get_step (expected[i]));
      g_assert_cmpint (carta_letter_get_cursor (item), ==, carta_letter_get_cursor (expected[i]));
      g_assert_true (g_date_time_equal (carta_letter_get_modified (item),
                                        carta_letter_get_modified (expected[i])));
    }
  g_assert_cmpstr (carta_letter_get_value (carta_draft_store_lookup (store, carta_letter_get_id (middle)),
                                           "case_name_dative"), ==, "Игорю");

  /* Changing the oldest brings it to the top, and the file follows. */
  {
    g_autoptr(CartaLetter) top = NULL;
    CartaLetter *loaded_oldest = carta_draft_store_lookup (store, carta_letter_get_id (oldest));

    g_usleep (2000);
    carta_letter_set_body (loaded_oldest, "oldest, now newest");
    top = g_list_model_get_item (G_LIST_MODEL (store), 0);
    g_assert_true (top == loaded_oldest);
    assert_flushed (store);
    g_clear_object (&store);

    store = carta_draft_store_new (f->directory);
    load (store);
    g_clear_object (&top);
    top = g_list_model_get_item (G_LIST_MODEL (store), 0);
    g_assert_cmpstr (carta_letter_get_body (top), ==, "oldest, now newest");
  }
}

/* ------------------------------------------------------------------------
 * Failing
 */

static void
test_drafts_save_failed (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "blocker", NULL);
  g_autofree char *directory = g_build_filename (blocker, "drafts", NULL);
  g_autoptr(CartaLetter) letter = new_letter ("written on a full disk");
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (CARTA_LETTER_MAX_JSON_SIZE + 1, 'x');

  /* A file where the folder should be: no write can succeed, even for
   * root, as a full disk would have it. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_clear_object (&f->store);
  g_free (f->directory);
  f->directory = g_strdup (directory);
  f->store = g_object_new (CARTA_TYPE_DRAFT_STORE, "directory", directory,
                           "autosave-delay-ms", 20, "autosave-max-ms", 40, NULL);
  watch_store (f);

  carta_draft_store_add (f->store, letter);
  WAIT_UNTIL (f->n_failed == 1);
  g_assert_error (f->last_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_cmpuint (f->n_saved, ==, 0);
  /* Still there, still unsaved. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 1);
  g_assert_true (carta_draft_store_get_busy (f->store));
  g_assert_false (flush (f->store, &error));
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_failed, ==, 2);

  /* Room again: the next change saves it. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  carta_letter_set_body (letter, "written after all");
  WAIT_UNTIL (f->n_saved == 1);
  assert_on_disk (f, letter);
  assert_flushed (f->store);

  /* Too long to be read back: refused, and the last good state stays. */
  carta_letter_set_body (letter, huge);
  WAIT_UNTIL (f->n_failed == 3);
  g_assert_error (f->last_error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  {
    g_autofree char *contents = read_draft (f, letter);
    g_autoptr(CartaLetter) on_disk = carta_letter_new_from_json (contents, -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (carta_letter_get_body (on_disk), ==, "written after all");
  }
  carta_letter_set_body (letter, "short again");
  assert_flushed (f->store);
  assert_on_disk (f, letter);
}

/* ------------------------------------------------------------------------
 * Crashing
 */

/* A letter's states are told apart by a counter; each one's body is long
 * enough (a page) that a torn write would show. */
static char *
crash_body (guint64 counter)
{
  GString *body = g_string_new ("Уважаемый Алесь!\n\n");

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (body, "Строка %u состояния %" G_GUINT64_FORMAT ": пишем тебе, помним. ", i, counter);
  g_string_append_printf (body, "\n\nС уважением, %" G_GUINT64_FORMAT, counter);
  return g_string_free (body, FALSE);
}

static guint64
letter_counter (CartaLetter *letter)
{
  const char *text = carta_letter_get_value (letter, "counter");

  return text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;
}

typedef struct
{
  CartaDraftStore *store;
  CartaLetter     *letter;
  guint64          counter;
} Writer;

static void
writer_on_saved (CartaDraftStore *store,
                 CartaLetter     *letter,
                 Writer          *writer)
{
  g_autofree char *name = g_strconcat (carta_letter_get_id (letter), ".json", NULL);
  g_autofree char *path = g_build_filename (carta_draft_store_get_directory (store), name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CartaLetter) saved = NULL;

  /* No other write of this letter runs until this returns: the file holds
   * exactly the state that was saved. */
  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (saved = carta_letter_new_from_json (contents, -1, NULL)) == NULL)
    g_error ("The draft just saved does not read back");
  g_print ("saved %" G_GUINT64_FORMAT "\n", letter_counter (saved));
  fflush (stdout);
}

static gboolean
writer_change (gpointer user_data)
{
  Writer *writer = user_data;
  g_autofree char *counter = g_strdup_printf ("%" G_GUINT64_FORMAT, ++writer->counter);
  g_autofree char *body = crash_body (writer->counter);

  /* Three changes make one state; the store may save between them, so a
   * half-changed state is also one the parent must accept (the counter
   * comes first and the body is checked against it). */
  carta_letter_set_value (writer->letter, "counter", counter);
  carta_letter_set_body (writer->letter, body);
  carta_letter_set_cursor (writer->letter, (gint) (writer->counter % 1000));
  return G_SOURCE_CONTINUE;
}

static int
run_draft_writer (const char *directory)
{
  Writer writer = { 0 };
  g_autoptr(CartaLetter) letter = NULL;

  writer.store = g_object_new (CARTA_TYPE_DRAFT_STORE, "directory", directory,
                               "autosave-delay-ms", 3, "autosave-max-ms", 6, NULL);
  load (writer.store);
  if (carta_draft_store_get_problems (writer.store)->len > 0)
    g_error ("A draft was damaged");

  g_signal_connect (writer.store, "letter-saved", G_CALLBACK (writer_on_saved), &writer);
  if (g_list_model_get_n_items (G_LIST_MODEL (writer.store)) > 0)
    {
      letter = g_list_model_get_item (G_LIST_MODEL (writer.store), 0);
      writer.counter = letter_counter (letter);
    }
  else
    {
      letter = new_letter (NULL);
      carta_draft_store_add (writer.store, letter);
    }
  writer.letter = letter;

  g_timeout_add (1, writer_change, &writer);
  while (TRUE)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

typedef struct
{
  GPtrArray *lines;
  gboolean   done;
} Reader;

static void
on_line (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reader *reader = user_data;
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, &error);

  if (line == NULL)
    {
      g_assert_no_error (error);
      reader->done = TRUE;
      return;
    }
  g_ptr_array_add (reader->lines, line);
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, on_line, reader);
}

static void
test_drafts_crash (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  guint64 last_on_disk = 0;

  if (self_path == NULL)
    {
      g_test_skip ("The test cannot find its own program to run it as the writer");
      return;
    }

  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CartaDraftStore) store = NULL;
      g_autoptr(CartaLetter) letter = NULL;
      g_autofree char *expected_body = NULL;
      g_auto(GStrv) names = NULL;
      Reader reader = { g_ptr_array_new_with_free_func (g_free), FALSE };
      guint64 last_reported = 0;
      guint kill_after_ms = g_test_rand_int_range (20, 400);

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_path, "--draft-writer", f->directory, NULL);
      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
      g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line, &reader);

      /* Killed at a random moment once it is saving. */
      WAIT_UNTIL (reader.lines->len > 0 || reader.done);
      g_assert_false (reader.done);
      spin (kill_after_ms);
      g_subprocess_send_signal (child, SIGKILL);
      WAIT_UNTIL (reader.done);
      g_assert_true (g_subprocess_wait (child, NULL, NULL));
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      for (guint i = 0; i < reader.lines->len; i++)
        {
          const char *line = g_ptr_array_index (reader.lines, i);

          g_assert_true (g_str_has_prefix (line, "saved "));
          last_reported = MAX (last_reported, g_ascii_strtoull (line + strlen ("saved "), NULL, 10));
        }
      g_test_message ("round %u: killed after %u ms, %u saves, last reported state %" G_GUINT64_FORMAT,
                      round, kill_after_ms, reader.lines->len, last_reported);
      g_ptr_array_unref (reader.lines);

      /* A write the kill cut short leaves its temporary file, never a
       * damaged draft; loading removes it. */
      names = list_directory (f->directory);
      for (guint i = 0; names[i] != NULL; i++)
        if (!g_str_has_suffix (names[i], ".json"))
          g_test_message ("round %u: left behind: %s", round, names[i]);

      /* The draft on disk is whole, one of the states written, and no
       * older than the last one reported saved. */
      store = carta_draft_store_new (f->directory);
      load (store);
      g_assert_cmpuint (carta_draft_store_get_problems (store)->len, ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
      g_clear_pointer (&names, g_strfreev);
      names = list_directory (f->directory);
      g_assert_cmpuint (g_strv_length (names), ==, 1);
      letter = g_list_model_get_item (G_LIST_MODEL (store), 0);
      g_assert_cmpuint (letter_counter (letter), >=, last_reported);
      g_assert_cmpuint (letter_counter (letter), >=, last_on_disk);
      expected_body = crash_body (letter_counter (letter));
      if (g_strcmp0 (carta_letter_get_body (letter), expected_body) != 0)
        {
          /* Saved between the counter's change and the body's. */
          g_autofree char *previous_body = crash_body (letter_counter (letter) - 1);

          g_assert_cmpstr (carta_letter_get_body (letter), ==, previous_body);
        }
      last_on_disk = letter_counter (letter);
    }

  g_assert_cmpuint (last_on_disk, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_strcmp0 (argv[1], "--draft-writer") == 0)
    return run_draft_writer (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/drafts/default-directory", test_drafts_default_directory);
  g_test_add ("/drafts/add-saves", Fixture, NULL, fixture_set_up, test_drafts_add_saves, fixture_tear_down);
  g_test_add ("/drafts/autosave-delay", Fixture, NULL, fixture_set_up, test_drafts_autosave_delay, fixture_tear_down);
  g_test_add ("/drafts/concurrent", Fixture, NULL, fixture_set_up, test_drafts_concurrent, fixture_tear_down);
  g_test_add ("/drafts/delete-restore", Fixture, NULL, fixture_set_up, test_drafts_delete_restore, fixture_tear_down);
  g_test_add ("/drafts/corrupt", Fixture, NULL, fixture_set_up, test_drafts_corrupt, fixture_tear_down);
  g_test_add ("/drafts/reload-order", Fixture, NULL, fixture_set_up, test_drafts_reload_order, fixture_tear_down);
  g_test_add ("/drafts/save-failed", Fixture, NULL, fixture_set_up, test_drafts_save_failed, fixture_tear_down);
  g_test_add ("/drafts/crash", Fixture, NULL, fixture_set_up, test_drafts_crash, fixture_tear_down);

  return g_test_run ();
}
