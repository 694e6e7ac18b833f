/* fuzz-csv.c: the Viasna importer never crashes, and what it imports loads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"
#include "carta-import-private.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
  g_autoptr(CartaImportResult) result = carta_import_viasna_csv (bytes, NULL, now, &error);
  g_autoptr(CartaFeed) feed = NULL;

  if ((result == NULL) == (error == NULL))
    abort ();
  if (result == NULL || carta_import_result_get_n_people (result) == 0)
    return 0;

  /* Whatever the importer accepts, the strict loader must accept too:
   * otherwise one odd row would lose the whole list. */
  feed = carta_import_result_build_people_feed (result, &error);
  if (feed == NULL)
    {
      g_printerr ("the imported people do not load: %s\n", error->message);
      abort ();
    }
  if (carta_feed_get_cases (feed)->len != carta_import_result_get_n_people (result))
    abort ();
  return 0;
}
