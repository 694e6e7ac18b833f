/* carta-entity.h: what every catalog item has in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTA_TYPE_ENTITY (carta_entity_get_type ())

G_DECLARE_DERIVABLE_TYPE (CartaEntity, carta_entity, CARTA, ENTITY, GObject)

struct _CartaEntityClass
{
  GObjectClass parent_class;

  /* Text that search matches against (names in every script, titles in
   * every language). Called once; the folded key is cached. */
  char *(*collect_search_text) (CartaEntity *self);

  gpointer padding[8];
};

/* The id as the feed wrote it. */
const char *carta_entity_get_id         (CartaEntity *self);
/* The id of the source the item came from ("carta" for the bundled catalog). */
const char *carta_entity_get_source_id  (CartaEntity *self);
/* "source:id": unique across every source merged into a catalog. */
const char *carta_entity_get_uid        (CartaEntity *self);
/* The folded search key (see carta-search.h). */
const char *carta_entity_get_search_key (CartaEntity *self);
gboolean    carta_entity_matches        (CartaEntity *self,
                                         const char  *folded_query);

G_END_DECLS
