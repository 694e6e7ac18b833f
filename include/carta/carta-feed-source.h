/* carta-feed-source.h: a feed an organization publishes over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "carta-feed.h"

G_BEGIN_DECLS

#define CARTA_TYPE_FEED_SOURCE (carta_feed_source_get_type ())

G_DECLARE_FINAL_TYPE (CartaFeedSource, carta_feed_source, CARTA, FEED_SOURCE, GObject)

typedef enum {
  CARTA_FEED_SOURCE_NEW,        /* never fetched, nothing cached */
  CARTA_FEED_SOURCE_UPDATING,
  CARTA_FEED_SOURCE_OK,         /* the feed is current */
  CARTA_FEED_SOURCE_FAILED,     /* the last refresh failed; the last good copy, if any, stays */
} CartaFeedSourceState;

/* A source for @url (https:// only), caching in @cache_dir (NULL: the
 * user's cache directory, carta/feeds). */
CartaFeedSource      *carta_feed_source_new               (const char       *url,
                                                           const char       *cache_dir);
const char           *carta_feed_source_get_url           (CartaFeedSource  *self);
/* "feed-" and a hash of the URL: the namespace of the feed's ids. */
const char           *carta_feed_source_get_id            (CartaFeedSource  *self);
CartaFeedSourceState  carta_feed_source_get_state         (CartaFeedSource  *self);
/* The last good copy, or NULL. */
CartaFeed            *carta_feed_source_get_feed          (CartaFeedSource  *self);
/* When the last good copy was fetched or confirmed unchanged; may be NULL. */
GDateTime            *carta_feed_source_get_updated       (CartaFeedSource  *self);
/* Why the last refresh failed, in words a user understands; NULL if it did not. */
const char           *carta_feed_source_get_error_message (CartaFeedSource  *self);

/* Reads the cached copy (in a worker thread). Not having one is no error. */
void                  carta_feed_source_load_cache_async  (CartaFeedSource  *self,
                                                           GCancellable     *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer          user_data);
gboolean              carta_feed_source_load_cache_finish (CartaFeedSource  *self,
                                                           GAsyncResult     *result,
                                                           GError          **error);
/* Fetches the feed if it changed (ETag / If-Modified-Since), checks it
 * and, only when it is valid, makes it the new good copy and caches it.
 * Refuses redirects away from https:// and bodies over 64 MiB. */
void                  carta_feed_source_refresh_async     (CartaFeedSource  *self,
                                                           SoupSession      *session,
                                                           GCancellable     *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer          user_data);
/* TRUE when the feed changed; FALSE with no error when it did not (304). */
gboolean              carta_feed_source_refresh_finish    (CartaFeedSource  *self,
                                                           GAsyncResult     *result,
                                                           GError          **error);

G_END_DECLS
