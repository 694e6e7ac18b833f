/* bench-import.c: importing a 5,000-row Viasna list
 *
 * Prints
 *   bench: import_5000 <ms> ms   median of 5 runs: parse the CSV, split the
 *                                addresses, build and load the feed with
 *                                the bundled guidance and templates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>

#include <carta/carta.h>

#define ROWS 5000
#define RUNS 5

static const char * const statuses[] = { "active", "active", "active", "former", "np" };

static GBytes *
generate_list (void)
{
  GString *csv = g_string_new ("\xEF\xBB\xBF" "id,url,name,status,birthday,gender,arrested,articles,"
                               "verdict_date,decision,penalty,judge,prosecutor,prison,declaration,"
                               "release_date,died\r\n");

  for (guint i = 0; i < ROWS; i++)
    g_string_append_printf (csv,
                            "%u,https://prisoners.example.org/%u,\"Примеров Иван %u\",%s,%02u.%02u.%u,"
                            "м,2021-05-01,\"ч. 1 ст. 342, ч. 2 ст. 361-1\",2021-12-01,,"
                            "\"%u года колонии\",Судья,Прокурор,"
                            "\"Исправительная колония № %u\r\n2%05u, Витебская обл., г. Примерск, ул. Лесная, д. %u\r\nИК-%u\","
                            ",%s,%s\r\n",
                            i, i, i, statuses[i % G_N_ELEMENTS (statuses)],
                            1 + i % 28, 1 + i % 12, 1950 + i % 50,
                            1 + i % 9, 1 + i % 30, i % 100000, 1 + i % 200, 1 + i % 30,
                            i % 97 == 0 ? "2020-01-01" : "",
                            i % 211 == 0 ? "2023-01-01" : "");

  gsize len = csv->len;

  return g_bytes_new_take (g_string_free (csv, FALSE), len);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) bytes = generate_list ();
  double times[RUNS];

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CartaImportResult) result = NULL;
      g_autoptr(CartaFeed) feed = NULL;
      gint64 start = g_get_monotonic_time ();

      result = carta_import_viasna_csv (bytes, NULL, NULL, &error);
      if (result != NULL)
        feed = carta_import_result_build_feed (result, &error);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;

      if (feed == NULL)
        {
          g_printerr ("bench-import: %s\n", error->message);
          return EXIT_FAILURE;
        }
      if (carta_feed_get_cases (feed)->len != ROWS ||
          carta_import_result_get_problems (result)->len != 0)
        {
          g_printerr ("bench-import: %u people and %u problems instead of %d and 0\n",
                      carta_feed_get_cases (feed)->len, carta_import_result_get_problems (result)->len, ROWS);
          return EXIT_FAILURE;
        }
    }

  qsort (times, RUNS, sizeof times[0], compare_doubles);
  g_print ("bench: import_5000 %.0f ms\n", times[RUNS / 2]);
  return EXIT_SUCCESS;
}
