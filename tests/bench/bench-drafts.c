/* bench-drafts.c: opening drafts, and what autosave costs the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-drafts [N-DRAFTS]
 * Prints:
 *   bench: draft_open <ms> ms                median time from asking a new store to load a folder
 *                                            of N (200) one-page drafts to having the letter to reopen
 *   bench: draft_open_one <ms> ms            median time to read and parse one of those drafts
 *   bench: autosave_main_loop_block <ms> ms  the longest gap between main-loop iterations (seen by a
 *                                            1 ms timeout) while a letter changes every 50 ms for 5 s
 *                                            and is autosaved; the smallest of 3 runs, so that a
 *                                            preemption by another process in one run does not count,
 *                                            while a stall autosave causes shows in every run
 *   bench: autosave_main_loop_block_baseline <ms> ms  the same typing with no store, for comparison
 *   bench: autosave_main_loop_cpu <ms> ms    the most CPU time the main thread spent between two of
 *                                            those iterations (immune to other processes; misses waits)
 *   bench: autosave_main_loop_cpu_baseline <ms> ms  the same with no store
 *   bench: autosave_serialize <ms> ms        median time to serialize a one-page letter, the only
 *                                            part of a save done on the main thread
 * Everything happens in a temporary folder, removed at the end.
 */
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include <carta/carta.h>

#define RUNS          7
#define TYPING_MS     5000
#define KEYSTROKE_MS  50

/* About one printed page: a Russian letter of some 350 words. */
static char *
one_page_body (guint seed)
{
  GString *body = g_string_new ("Уважаемый Алесь Викторович!\n\n");

  for (guint paragraph = 0; paragraph < 6; paragraph++)
    {
      for (guint sentence = 0; sentence < 5; sentence++)
        g_string_append_printf (body, "Мы пишем вам из Берлина уже %u-й раз, помним о вас и ждём вестей. ",
                                seed + paragraph * 5 + sentence);
      g_string_append (body, "\n\n");
    }
  g_string_append (body, "С уважением и надеждой,\nАнна");
  return g_string_free (body, FALSE);
}

static CartaLetter *
new_letter (guint seed)
{
  CartaLetter *letter = carta_letter_new ("bench:campaign", "bench:case", "bench:target", "bench:template");
  g_autofree char *body = one_page_body (seed);
  const char *paragraphs[] = { "health", "books", NULL };

  carta_letter_set_language (letter, "ru");
  carta_letter_set_subject (letter, "Письмо поддержки");
  carta_letter_set_enabled_paragraphs (letter, paragraphs);
  carta_letter_set_value (letter, "case_name_dative", "Алесю Викторовичу");
  carta_letter_set_body (letter, body);
  carta_letter_set_step (letter, "write");
  carta_letter_set_cursor (letter, 120);
  return letter;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n_values)
{
  qsort (values, n_values, sizeof (double), compare_doubles);
  return values[n_values / 2];
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
remove_tree (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_unlink (path);
    }
  g_rmdir (directory);
}

/* ------------------------------------------------------------------------
 * Opening
 */

static void
bench_open (const char *directory,
            guint       n_drafts)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  double open_ms[RUNS];
  double one_ms[RUNS * 10];
  gsize total_size = 0;

  for (guint i = 0; i < n_drafts; i++)
    {
      g_autoptr(CartaLetter) letter = new_letter (i);
      g_autofree char *json = carta_letter_to_json (letter);
      g_autofree char *name = g_strconcat (carta_letter_get_id (letter), ".json", NULL);
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (path, json, -1, &error))
        g_error ("%s", error->message);
      total_size += strlen (json);
      g_ptr_array_add (ids, g_strdup (carta_letter_get_id (letter)));
    }
  g_print ("# %u drafts of %" G_GSIZE_FORMAT " bytes on average\n", n_drafts, total_size / n_drafts);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(CartaDraftStore) store = carta_draft_store_new (directory);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      const char *wanted = g_ptr_array_index (ids, run % ids->len);
      gint64 start = g_get_monotonic_time ();
      CartaLetter *letter;

      carta_draft_store_load_async (store, NULL, on_done, &result);
      wait_for (&result);
      if (!carta_draft_store_load_finish (store, result, &error))
        g_error ("%s", error->message);
      letter = carta_draft_store_lookup (store, wanted);
      if (letter == NULL || carta_letter_get_body (letter) == NULL)
        g_error ("The draft to reopen was not loaded");
      open_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      if (g_list_model_get_n_items (G_LIST_MODEL (store)) != n_drafts ||
          carta_draft_store_get_problems (store)->len != 0)
        g_error ("The drafts did not all load");
    }

  for (guint run = 0; run < G_N_ELEMENTS (one_ms); run++)
    {
      g_autofree char *name = g_strconcat (g_ptr_array_index (ids, run % ids->len), ".json", NULL);
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(CartaLetter) letter = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      gint64 start = g_get_monotonic_time ();

      if (!g_file_get_contents (path, &contents, &length, &error) ||
          (letter = carta_letter_new_from_json (contents, length, &error)) == NULL)
        g_error ("%s", error->message);
      one_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("bench: draft_open %.2f ms\n", median (open_ms, RUNS));
  g_print ("bench: draft_open_one %.3f ms\n", median (one_ms, G_N_ELEMENTS (one_ms)));
}

/* ------------------------------------------------------------------------
 * Autosave while typing
 */

typedef struct
{
  CartaLetter *letter;
  GString     *body;
  gint64       last_tick;
  gint64       max_gap;
  gint64       last_tick_cpu;
  gint64       max_gap_cpu;
  gint64       end;
  guint        n_keystrokes;
  guint        n_saved;
  gboolean     done;
} Typing;

/* µs of CPU time this thread has used. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_tick (gpointer user_data)
{
  Typing *typing = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = thread_cpu_time ();

  if (typing->last_tick != 0)
    {
      typing->max_gap = MAX (typing->max_gap, now - typing->last_tick);
      typing->max_gap_cpu = MAX (typing->max_gap_cpu, now_cpu - typing->last_tick_cpu);
    }
  typing->last_tick = now;
  typing->last_tick_cpu = now_cpu;
  return G_SOURCE_CONTINUE;
}

static gboolean
on_keystroke (gpointer user_data)
{
  Typing *typing = user_data;

  if (g_get_monotonic_time () >= typing->end)
    {
      typing->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  g_string_append_unichar (typing->body, typing->n_keystrokes % 10 == 9 ? ' ' : 0x0430 + typing->n_keystrokes % 32);
  carta_letter_set_body (typing->letter, typing->body->str);
  carta_letter_set_cursor (typing->letter, (gint) g_utf8_strlen (typing->body->str, -1));
  typing->n_keystrokes++;
  return G_SOURCE_CONTINUE;
}

static void
on_saved (CartaDraftStore *store,
          CartaLetter     *letter,
          Typing          *typing)
{
  typing->n_saved++;
}

/* The longest main-loop gap, in ms, while typing into a letter, saved by
 * a store in @directory or by nothing. */
static double
type_for_a_while (const char *directory,
                  double     *max_cpu_ms)
{
  g_autoptr(CartaDraftStore) store = NULL;
  g_autoptr(CartaLetter) letter = new_letter (1);
  Typing typing = { 0 };
  guint tick_id;
  guint keystroke_id;

  typing.letter = letter;
  typing.body = g_string_new (carta_letter_get_body (letter));
  if (directory != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;

      store = carta_draft_store_new (directory);
      g_signal_connect (store, "letter-saved", G_CALLBACK (on_saved), &typing);
      carta_draft_store_add (store, letter);
      carta_draft_store_flush_async (store, NULL, on_done, &result);
      wait_for (&result);
      typing.n_saved = 0;
    }

  typing.end = g_get_monotonic_time () + TYPING_MS * G_TIME_SPAN_MILLISECOND;
  tick_id = g_timeout_add (1, on_tick, &typing);
  keystroke_id = g_timeout_add (KEYSTROKE_MS, on_keystroke, &typing);
  while (!typing.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);
  (void) keystroke_id;

  if (store != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      carta_draft_store_flush_async (store, NULL, on_done, &result);
      wait_for (&result);
      if (!carta_draft_store_flush_finish (store, result, &error))
        g_error ("%s", error->message);
      if (typing.n_saved < TYPING_MS / CARTA_DRAFT_STORE_AUTOSAVE_MAX_MS - 1)
        g_error ("Only %u saves while typing", typing.n_saved);
      g_print ("# %u keystrokes, %u saves\n", typing.n_keystrokes, typing.n_saved);
    }
  g_string_free (typing.body, TRUE);
  *max_cpu_ms = typing.max_gap_cpu / 1000.0;
  return typing.max_gap / 1000.0;
}

static void
bench_serialize (void)
{
  g_autoptr(CartaLetter) letter = new_letter (7);
  double times[101];

  for (guint run = 0; run < G_N_ELEMENTS (times); run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *json = carta_letter_to_json (letter);

      times[run] = (g_get_monotonic_time () - start) / 1000.0;
      if (json == NULL)
        g_error ("The letter did not serialize");
    }
  g_print ("bench: autosave_serialize %.3f ms\n", median (times, G_N_ELEMENTS (times)));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  g_autofree char *open_directory = NULL;
  g_autofree char *typing_directory = NULL;
  g_autoptr(GError) error = NULL;
  guint n_drafts = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200;
  double baseline;
  double block;
  double baseline_cpu = 0;
  double block_cpu = 0;

  if (n_drafts == 0)
    n_drafts = 200;

  root = g_dir_make_tmp ("bench-drafts-XXXXXX", &error);
  if (root == NULL)
    g_error ("%s", error->message);
  open_directory = g_build_filename (root, "open", NULL);
  typing_directory = g_build_filename (root, "typing", NULL);
  g_mkdir (open_directory, 0700);

  bench_open (open_directory, n_drafts);

  baseline = G_MAXDOUBLE;
  block = G_MAXDOUBLE;
  for (guint run = 0; run < 3; run++)
    {
      double run_baseline_cpu;
      double run_block_cpu;
      double run_baseline = type_for_a_while (NULL, &run_baseline_cpu);
      double run_block = type_for_a_while (typing_directory, &run_block_cpu);

      baseline = MIN (baseline, run_baseline);
      block = MIN (block, run_block);
      baseline_cpu = MAX (baseline_cpu, run_baseline_cpu);
      block_cpu = MAX (block_cpu, run_block_cpu);
    }
  g_print ("bench: autosave_main_loop_block %.2f ms\n", block);
  g_print ("bench: autosave_main_loop_block_baseline %.2f ms\n", baseline);
  g_print ("bench: autosave_main_loop_cpu %.3f ms\n", block_cpu);
  g_print ("bench: autosave_main_loop_cpu_baseline %.3f ms\n", baseline_cpu);

  bench_serialize ();

  remove_tree (open_directory);
  remove_tree (typing_directory);
  g_rmdir (root);
  return 0;
}
