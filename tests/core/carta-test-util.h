/* carta-test-util.h: what the core's tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <carta/carta.h>

G_BEGIN_DECLS

/* fixtures/good-feed.json loaded under @source_id; the test fails if it does not load. */
CartaFeed *carta_test_load_good_feed (const char *source_id);

G_END_DECLS
