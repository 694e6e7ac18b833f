/* fuzz-feed.c: the strict feed loader never crashes, whatever it is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = carta_feed_new_from_bytes (bytes, "fuzz", &error);

  /* Exactly one of a feed and an error. */
  if ((feed == NULL) == (error == NULL))
    abort ();
  return 0;
}
