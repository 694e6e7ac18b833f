/* bench-catalog.c: loading and searching a catalog of 20,000 people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-catalog load|rss|search [N-CASES]
 *
 *   load    bench: catalog_load_20k <ms> ms         median of LOAD_RUNS loads: parse and validate the
 *                                                   feed from GBytes, then add it to a new catalog
 *   rss     bench: catalog_rss_20k <MiB> MB         peak resident memory of a process that generated
 *                                                   the feed and loaded it once (run it on its own)
 *   search  bench: search_keystroke_20k <ms> ms     median keystroke: fold the query, test every
 *           bench: search_keystroke_20k_worst ...   case and campaign, as the UI's filter does
 *           bench: search_keystroke_20k_first ...   the very first keystroke, which folds every key
 *
 * The feed is generated here from a fixed seed, so every run sees the same data.
 */
#include <stdio.h>
#include <stdlib.h>

#include <carta/carta.h>

#include "bench-feed.h"

#define DEFAULT_CASES 20000
#define SEED 20261122
#define LOAD_RUNS 7
#define SEARCH_ROUNDS 5

/* What a person types into the search entry, one keystroke at a time. */
static const char * const typed_queries[] = {
  "gorin", "горин", "ivan kuz", "бяляцк",
};

static CartaCatalog *
load_catalog (GBytes *bytes,
              double *elapsed_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  g_autoptr(CartaCatalog) catalog = NULL;
  gint64 start = g_get_monotonic_time ();

  feed = carta_feed_new_from_bytes (bytes, BENCH_FEED_SOURCE_ID, &error);
  if (feed == NULL)
    {
      g_printerr ("The generated feed was refused: %s\n", error->message);
      exit (1);
    }
  catalog = carta_catalog_new ();
  carta_catalog_add_feed (catalog, feed);
  if (elapsed_ms != NULL)
    *elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;

  return g_steal_pointer (&catalog);
}

static void
check_loaded (CartaCatalog *catalog,
              guint         n_cases)
{
  guint n_loaded = g_list_model_get_n_items (carta_catalog_get_cases (catalog));

  if (n_loaded != n_cases)
    {
      g_printerr ("The catalog holds %u cases, expected %u\n", n_loaded, n_cases);
      exit (1);
    }
}

static int
bench_load (GBytes *bytes,
            guint   n_cases)
{
  double times[LOAD_RUNS];

  for (guint i = 0; i < LOAD_RUNS; i++)
    {
      g_autoptr(CartaCatalog) catalog = load_catalog (bytes, &times[i]);

      check_loaded (catalog, n_cases);
    }

  g_print ("bench: catalog_load_%uk %.1f ms\n", n_cases / 1000, bench_median (times, LOAD_RUNS));
  return 0;
}

static int
bench_rss (GBytes *bytes,
           guint   n_cases)
{
  double before = bench_peak_rss_mib ();
  g_autoptr(CartaCatalog) catalog = load_catalog (bytes, NULL);

  check_loaded (catalog, n_cases);
  g_print ("# peak resident memory with the feed generated, before loading: %.1f MiB\n", before);
  g_print ("bench: catalog_rss_%uk %.1f MB\n", n_cases / 1000, bench_peak_rss_mib ());
  return 0;
}

/* One keystroke: what the case list's filter does when the query changes. */
static guint
filter_all (GListModel *models[],
            const char *query,
            double     *elapsed_ms)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *folded = carta_search_fold (query);
  guint n_matches = 0;

  for (guint m = 0; models[m] != NULL; m++)
    {
      guint n_items = g_list_model_get_n_items (models[m]);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CartaEntity) entity = g_list_model_get_item (models[m], i);

          if (carta_entity_matches (entity, folded))
            n_matches++;
        }
    }
  *elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;

  return n_matches;
}

static int
bench_search (GBytes *bytes,
              guint   n_cases)
{
  g_autoptr(CartaCatalog) catalog = load_catalog (bytes, NULL);
  GListModel *models[] = { carta_catalog_get_cases (catalog), carta_catalog_get_campaigns (catalog), NULL };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double first = -1, worst = 0;

  check_loaded (catalog, n_cases);

  for (guint round = 0; round < SEARCH_ROUNDS; round++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (typed_queries); q++)
        {
          glong n_chars = g_utf8_strlen (typed_queries[q], -1);
          guint n_matches = 0;

          for (glong typed = 1; typed <= n_chars; typed++)
            {
              g_autofree char *query = g_utf8_substring (typed_queries[q], 0, typed);
              double elapsed;

              n_matches = filter_all (models, query, &elapsed);
              if (first < 0)
                first = elapsed;
              worst = MAX (worst, elapsed);
              g_array_append_val (times, elapsed);
            }

          /* Every query names people the generator made; finding none means search is broken. */
          if (n_matches == 0)
            {
              fprintf (stderr, "Searching for \"%s\" found nothing\n", typed_queries[q]);
              return 1;
            }
          /* printf, not g_print: the query stays UTF-8 whatever the locale. */
          if (round == 0)
            printf ("# \"%s\" matches %u items\n", typed_queries[q], n_matches);
        }
    }

  g_print ("# %u keystrokes over %u items\n", times->len,
           g_list_model_get_n_items (models[0]) + g_list_model_get_n_items (models[1]));
  g_print ("bench: search_keystroke_%uk %.2f ms\n", n_cases / 1000,
           bench_median ((double *) (gpointer) times->data, times->len));
  g_print ("bench: search_keystroke_%uk_worst %.2f ms\n", n_cases / 1000, worst);
  g_print ("bench: search_keystroke_%uk_first %.2f ms\n", n_cases / 1000, first);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = NULL;
  const char *mode = argc > 1 ? argv[1] : "";
  guint n_cases = DEFAULT_CASES;

  if (argc > 2)
    n_cases = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  if (argc < 2 || argc > 3 || n_cases == 0 || n_cases > 99999)
    {
      g_printerr ("usage: %s load|rss|search [N-CASES]\n", argv[0]);
      return 2;
    }

  bytes = bench_feed_generate (n_cases, SEED);
  g_print ("# generated feed: %u cases, %.1f MiB of JSON\n", n_cases,
           g_bytes_get_size (bytes) / (1024.0 * 1024.0));

  if (g_str_equal (mode, "load"))
    return bench_load (bytes, n_cases);
  if (g_str_equal (mode, "rss"))
    return bench_rss (bytes, n_cases);
  if (g_str_equal (mode, "search"))
    return bench_search (bytes, n_cases);

  g_printerr ("usage: %s load|rss|search [N-CASES]\n", argv[0]);
  return 2;
}
