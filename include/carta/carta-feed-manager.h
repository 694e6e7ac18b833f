/* carta-feed-manager.h: the feeds the user subscribed to, kept current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-catalog.h"
#include "carta-feed-source.h"

G_BEGIN_DECLS

#define CARTA_TYPE_FEED_MANAGER (carta_feed_manager_get_type ())

G_DECLARE_FINAL_TYPE (CartaFeedManager, carta_feed_manager, CARTA, FEED_MANAGER, GObject)

/* Feeds go into @catalog as they load; @cache_dir may be NULL (the user's
 * cache directory). Nothing is requested until carta_feed_manager_set_urls
 * names a feed: Carta makes no request the user did not configure. */
CartaFeedManager *carta_feed_manager_new         (CartaCatalog      *catalog,
                                                  const char        *cache_dir);
/* A GListModel of CartaFeedSource, in the order of the URLs. */
GListModel       *carta_feed_manager_get_sources (CartaFeedManager  *self);
/* Subscribes to exactly these feeds: new ones are loaded from the cache
 * and refreshed, removed ones leave the catalog. */
void              carta_feed_manager_set_urls    (CartaFeedManager  *self,
                                                  const char * const *urls);
/* "" or NULL: the system's proxy settings; otherwise every request goes
 * through this proxy (e.g. socks5://127.0.0.1:9050). */
gboolean          carta_feed_manager_set_proxy   (CartaFeedManager  *self,
                                                  const char        *proxy_url,
                                                  GError           **error);
/* Refreshes every feed now, one request per feed. */
void              carta_feed_manager_refresh_all (CartaFeedManager  *self);
/* Replaces the session (tests give one that trusts their test CA). */
void              carta_feed_manager_set_session (CartaFeedManager  *self,
                                                  SoupSession       *session);

G_END_DECLS
