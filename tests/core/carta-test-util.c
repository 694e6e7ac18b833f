/* carta-test-util.c: what the core's tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "carta-test-util.h"

CartaFeed *
carta_test_load_good_feed (const char *source_id)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "good-feed.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CartaFeed *feed;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  feed = carta_feed_new_from_bytes (bytes, source_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}
