/* carta-catalog.h: every source's campaigns and cases, merged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "carta-feed.h"
#include "carta-entity.h"

G_BEGIN_DECLS

#define CARTA_TYPE_CATALOG (carta_catalog_get_type ())

G_DECLARE_FINAL_TYPE (CartaCatalog, carta_catalog, CARTA, CATALOG, GObject)

CartaCatalog *carta_catalog_new            (void);
/* Adds the feed's items, replacing everything the same source gave before. */
void          carta_catalog_add_feed       (CartaCatalog *self,
                                            CartaFeed    *feed);
gboolean      carta_catalog_remove_source  (CartaCatalog *self,
                                            const char   *source_id);
/* GListModels of CartaCampaign and CartaCase, in source order. */
GListModel   *carta_catalog_get_campaigns  (CartaCatalog *self);
GListModel   *carta_catalog_get_cases      (CartaCatalog *self);
/* A GListModel of CartaFeed, one per source. */
GListModel   *carta_catalog_get_sources    (CartaCatalog *self);
/* Finds a campaign or case by uid ("source:id"); NULL if absent. */
CartaEntity  *carta_catalog_lookup         (CartaCatalog *self,
                                            const char   *uid);

G_END_DECLS
