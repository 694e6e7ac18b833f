/* carta-catalog.c: every source's campaigns and cases, merged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-catalog.h"
#include "carta-campaign.h"
#include "carta-case.h"

struct _CartaCatalog
{
  GObject     parent_instance;

  GListStore *sources;     /* of CartaFeed */
  GListStore *campaigns;   /* of CartaCampaign */
  GListStore *cases;       /* of CartaCase */
  GHashTable *by_uid;      /* uid → CartaEntity, borrowed from the stores */
};

G_DEFINE_FINAL_TYPE (CartaCatalog, carta_catalog, G_TYPE_OBJECT)

static void
carta_catalog_finalize (GObject *object)
{
  CartaCatalog *self = CARTA_CATALOG (object);

  g_clear_pointer (&self->by_uid, g_hash_table_unref);
  g_clear_object (&self->sources);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->cases);

  G_OBJECT_CLASS (carta_catalog_parent_class)->finalize (object);
}

static void
carta_catalog_class_init (CartaCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_catalog_finalize;
}

static void
carta_catalog_init (CartaCatalog *self)
{
  self->sources = g_list_store_new (CARTA_TYPE_FEED);
  self->campaigns = g_list_store_new (CARTA_TYPE_CAMPAIGN);
  self->cases = g_list_store_new (CARTA_TYPE_CASE);
  self->by_uid = g_hash_table_new (g_str_hash, g_str_equal);
}

CartaCatalog *
carta_catalog_new (void)
{
  return g_object_new (CARTA_TYPE_CATALOG, NULL);
}

/* Where the items of @source_id are in @store (they are always contiguous,
 * as a feed's items are added in one splice), and how many there are. */
static void
find_source_range (GListStore *store,
                   const char *source_id,
                   guint      *position,
                   guint      *n_items)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  *position = n;
  *n_items = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaEntity) entity = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (carta_entity_get_source_id (entity), source_id) == 0)
        {
          if (*n_items == 0)
            *position = i;
          (*n_items)++;
        }
      else if (*n_items > 0)
        break;
    }
}

static void
replace_source_items (CartaCatalog *self,
                      GListStore   *store,
                      const char   *source_id,
                      GPtrArray    *items)
{
  guint position, n_removed;

  find_source_range (store, source_id, &position, &n_removed);

  for (guint i = 0; i < n_removed; i++)
    {
      g_autoptr(CartaEntity) old = g_list_model_get_item (G_LIST_MODEL (store), position + i);
      g_hash_table_remove (self->by_uid, carta_entity_get_uid (old));
    }

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CartaEntity *entity = g_ptr_array_index (items, i);
      g_hash_table_insert (self->by_uid, (gpointer) carta_entity_get_uid (entity), entity);
    }

  g_list_store_splice (store, position, n_removed,
                       items ? items->pdata : NULL, items ? items->len : 0);
}

void
carta_catalog_add_feed (CartaCatalog *self,
                        CartaFeed    *feed)
{
  const char *source_id;
  guint position, n;

  g_return_if_fail (CARTA_IS_CATALOG (self));
  g_return_if_fail (CARTA_IS_FEED (feed));

  source_id = carta_feed_get_source_id (feed);

  replace_source_items (self, self->campaigns, source_id, carta_feed_get_campaigns (feed));
  replace_source_items (self, self->cases, source_id, carta_feed_get_cases (feed));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (position = 0; position < n; position++)
    {
      g_autoptr(CartaFeed) old = g_list_model_get_item (G_LIST_MODEL (self->sources), position);
      if (g_str_equal (carta_feed_get_source_id (old), source_id))
        break;
    }
  g_list_store_splice (self->sources, position, position < n ? 1 : 0, (gpointer *) &feed, 1);
}

gboolean
carta_catalog_remove_source (CartaCatalog *self,
                             const char   *source_id)
{
  guint n;

  g_return_val_if_fail (CARTA_IS_CATALOG (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (g_str_equal (carta_feed_get_source_id (feed), source_id))
        {
          replace_source_items (self, self->campaigns, source_id, NULL);
          replace_source_items (self, self->cases, source_id, NULL);
          g_list_store_remove (self->sources, i);
          return TRUE;
        }
    }

  return FALSE;
}

GListModel *
carta_catalog_get_campaigns (CartaCatalog *self)
{
  g_return_val_if_fail (CARTA_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->campaigns);
}

GListModel *
carta_catalog_get_cases (CartaCatalog *self)
{
  g_return_val_if_fail (CARTA_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->cases);
}

GListModel *
carta_catalog_get_sources (CartaCatalog *self)
{
  g_return_val_if_fail (CARTA_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->sources);
}

CartaEntity *
carta_catalog_lookup (CartaCatalog *self,
                      const char   *uid)
{
  g_return_val_if_fail (CARTA_IS_CATALOG (self), NULL);
  g_return_val_if_fail (uid != NULL, NULL);

  return g_hash_table_lookup (self->by_uid, uid);
}
