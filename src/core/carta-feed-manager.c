/* carta-feed-manager.c: the feeds the user subscribed to, kept current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-feed-manager.h"
#include "carta-network.h"

struct _CartaFeedManager
{
  GObject       parent_instance;

  CartaCatalog *catalog;
  char         *cache_dir;
  GListStore   *sources;
  SoupSession  *session;
  GCancellable *cancellable;
  gulong        network_changed_id;
  gboolean      was_available;
};

G_DEFINE_FINAL_TYPE (CartaFeedManager, carta_feed_manager, G_TYPE_OBJECT)

static void
carta_feed_manager_dispose (GObject *object)
{
  CartaFeedManager *self = CARTA_FEED_MANAGER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->network_changed_id != 0)
    g_clear_signal_handler (&self->network_changed_id, g_network_monitor_get_default ());

  if (self->sources != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
      {
        g_autoptr(GObject) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
        g_signal_handlers_disconnect_by_data (source, self);
      }

  g_clear_object (&self->sources);
  g_clear_object (&self->session);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carta_feed_manager_parent_class)->dispose (object);
}

static void
carta_feed_manager_finalize (GObject *object)
{
  g_free (CARTA_FEED_MANAGER (object)->cache_dir);

  G_OBJECT_CLASS (carta_feed_manager_parent_class)->finalize (object);
}

static void
carta_feed_manager_class_init (CartaFeedManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carta_feed_manager_dispose;
  object_class->finalize = carta_feed_manager_finalize;
}

static void
carta_feed_manager_init (CartaFeedManager *self)
{
  self->sources = g_list_store_new (CARTA_TYPE_FEED_SOURCE);
  self->cancellable = g_cancellable_new ();
}

/* When the network comes back, feeds that could not be fetched are tried
 * again. */
static void
on_network_changed (GNetworkMonitor  *monitor,
                    gboolean          available,
                    CartaFeedManager *self)
{
  if (available && !self->was_available)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sources)); i++)
        {
          g_autoptr(CartaFeedSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

          if (carta_feed_source_get_state (source) == CARTA_FEED_SOURCE_FAILED)
            carta_feed_source_refresh_async (source, self->session, self->cancellable, NULL, NULL);
        }
    }
  self->was_available = available;
}

CartaFeedManager *
carta_feed_manager_new (CartaCatalog *catalog,
                        const char   *cache_dir)
{
  CartaFeedManager *self;

  g_return_val_if_fail (CARTA_IS_CATALOG (catalog), NULL);

  self = g_object_new (CARTA_TYPE_FEED_MANAGER, NULL);
  self->catalog = g_object_ref (catalog);
  self->cache_dir = g_strdup (cache_dir);
  self->session = carta_network_session_new (NULL, NULL);
  return self;
}

GListModel *
carta_feed_manager_get_sources (CartaFeedManager *self)
{
  g_return_val_if_fail (CARTA_IS_FEED_MANAGER (self), NULL);
  return G_LIST_MODEL (self->sources);
}

static void
on_feed_changed (CartaFeedSource  *source,
                 GParamSpec       *pspec,
                 CartaFeedManager *self)
{
  CartaFeed *feed = carta_feed_source_get_feed (source);

  if (feed != NULL)
    carta_catalog_add_feed (self->catalog, feed);
}

static void
on_cache_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CartaFeedSource *source = CARTA_FEED_SOURCE (object);
  g_autoptr(CartaFeedManager) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carta_feed_source_load_cache_finish (source, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("The cached copy of %s is unusable: %s", carta_feed_source_get_url (source), error->message);
    }

  /* Still subscribed? The user may have removed it meanwhile. */
  if (self->sources != NULL && g_list_store_find (self->sources, source, NULL))
    carta_feed_source_refresh_async (source, self->session, self->cancellable, NULL, NULL);
}

static CartaFeedSource *
find_source (CartaFeedManager *self,
             const char       *url,
             guint            *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaFeedSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (g_str_equal (carta_feed_source_get_url (source), url))
        {
          if (position)
            *position = i;
          return source;
        }
    }

  return NULL;
}

void
carta_feed_manager_set_urls (CartaFeedManager   *self,
                             const char * const *urls)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  guint n;

  g_return_if_fail (CARTA_IS_FEED_MANAGER (self));

  /* The network monitor is only needed, and only started, once there is
   * a feed to fetch: a start without feeds stays quick and silent. */
  if (urls != NULL && urls[0] != NULL && self->network_changed_id == 0)
    {
      GNetworkMonitor *monitor = g_network_monitor_get_default ();

      self->was_available = g_network_monitor_get_network_available (monitor);
      self->network_changed_id = g_signal_connect (monitor, "network-changed",
                                                   G_CALLBACK (on_network_changed), self);
    }

  for (guint i = 0; urls != NULL && urls[i] != NULL; i++)
    {
      CartaFeedSource *existing = find_source (self, urls[i], NULL);
      gboolean duplicate = FALSE;

      for (guint j = 0; j < wanted->len; j++)
        duplicate |= g_str_equal (carta_feed_source_get_url (g_ptr_array_index (wanted, j)), urls[i]);
      if (duplicate)
        continue;

      if (existing != NULL)
        g_ptr_array_add (wanted, g_object_ref (existing));
      else
        {
          CartaFeedSource *source = carta_feed_source_new (urls[i], self->cache_dir);

          g_signal_connect (source, "notify::feed", G_CALLBACK (on_feed_changed), self);
          g_ptr_array_add (wanted, source);
          g_ptr_array_add (added, source);
        }
    }

  /* Sources no longer wanted leave the catalog. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaFeedSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (!g_ptr_array_find (wanted, source, NULL))
        {
          g_signal_handlers_disconnect_by_data (source, self);
          carta_catalog_remove_source (self->catalog, carta_feed_source_get_id (source));
        }
    }

  g_list_store_splice (self->sources, 0, n, wanted->pdata, wanted->len);

  for (guint i = 0; i < added->len; i++)
    carta_feed_source_load_cache_async (g_ptr_array_index (added, i), self->cancellable,
                                        on_cache_loaded, g_object_ref (self));
}

gboolean
carta_feed_manager_set_proxy (CartaFeedManager  *self,
                              const char        *proxy_url,
                              GError           **error)
{
  g_autoptr(SoupSession) session = NULL;

  g_return_val_if_fail (CARTA_IS_FEED_MANAGER (self), FALSE);

  session = carta_network_session_new (proxy_url, error);
  if (session == NULL)
    return FALSE;

  carta_feed_manager_set_session (self, session);
  return TRUE;
}

void
carta_feed_manager_set_session (CartaFeedManager *self,
                                SoupSession      *session)
{
  g_return_if_fail (CARTA_IS_FEED_MANAGER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  /* Requests already on their way through the old route are stopped. */
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_set_object (&self->session, session);
}

void
carta_feed_manager_refresh_all (CartaFeedManager *self)
{
  guint n;

  g_return_if_fail (CARTA_IS_FEED_MANAGER (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaFeedSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (carta_feed_source_get_state (source) != CARTA_FEED_SOURCE_UPDATING)
        carta_feed_source_refresh_async (source, self->session, self->cancellable, NULL, NULL);
    }
}
