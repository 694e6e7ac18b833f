/* carta-import-sources.c: the lists the user imported and the people they
 * added, kept in the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-import-sources.h"
#include "carta-import-task.h"

struct _CartaImportSources
{
  GObject       parent_instance;

  CartaCatalog *catalog;
  CartaPeople  *people;
  char         *imports_dir;
  GCancellable *cancellable;
  /* Feeds are built in threads: only the newest may reach the catalog. */
  guint64       generation;
  guint         saves;
};

G_DEFINE_FINAL_TYPE (CartaImportSources, carta_import_sources, G_TYPE_OBJECT)

enum {
  PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report (CartaImportSources *self,
        const char         *title,
        const char         *details)
{
  g_signal_emit (self, signals[PROBLEM], 0, title, details);
}

/* ------------------------------------------------------------------------
 * The people, as a source of the catalog
 */

typedef struct {
  GPtrArray *people;
  guint64    generation;
} PeopleSnapshot;

static void
people_snapshot_free (PeopleSnapshot *snapshot)
{
  g_ptr_array_unref (snapshot->people);
  g_free (snapshot);
}

static void
build_feed_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PeopleSnapshot *snapshot = task_data;
  g_autoptr(CartaPeople) copy = carta_people_new (NULL);
  GError *error = NULL;
  CartaFeed *feed;

  /* A copy of the store, which only the main thread touches. */
  for (guint i = 0; i < snapshot->people->len; i++)
    if (!carta_people_insert (copy, i, g_ptr_array_index (snapshot->people, i), &error))
      {
        g_task_return_error (task, error);
        return;
      }

  feed = carta_people_build_feed (copy, &error);
  if (feed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, feed, g_object_unref);
}

static void
on_feed_built (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CartaImportSources *self = CARTA_IMPORT_SOURCES (source);
  PeopleSnapshot *snapshot = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = g_task_propagate_pointer (G_TASK (result), &error);

  /* A later change is on its way: this one is already out of date. */
  if (snapshot->generation != self->generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (feed == NULL)
    report (self, _("The people you added cannot be shown"), error->message);
  else if (carta_feed_get_cases (feed)->len > 0)
    carta_catalog_add_feed (self->catalog, feed);
  else
    carta_catalog_remove_source (self->catalog, CARTA_PEOPLE_SOURCE_ID);
}

static void
on_people_changed (CartaImportSources *self)
{
  g_autoptr(GTask) task = NULL;
  PeopleSnapshot *snapshot = g_new0 (PeopleSnapshot, 1);
  guint n = carta_people_get_n_people (self->people);

  snapshot->people = g_ptr_array_new_full (n, (GDestroyNotify) carta_person_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (snapshot->people, carta_person_copy (carta_people_get_nth (self->people, i)));
  snapshot->generation = ++self->generation;

  task = g_task_new (self, self->cancellable, on_feed_built, NULL);
  g_task_set_source_tag (task, on_people_changed);
  g_task_set_task_data (task, snapshot, (GDestroyNotify) people_snapshot_free);
  g_task_run_in_thread (task, build_feed_in_thread);
}

/* ------------------------------------------------------------------------
 * Reading and writing
 */

static void
on_kept_lists_loaded (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CartaImportSources) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = carta_import_load_kept_finish (result, &error);

  if (messages == NULL)
    return;

  for (guint i = 0; i < messages->len; i++)
    report (self, _("An imported list could not be read"), g_ptr_array_index (messages, i));
}

static void
on_people_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CartaImportSources) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carta_people_load_finish (CARTA_PEOPLE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    report (self, _("The people you added could not be read"), error->message);
}

void
carta_import_sources_load (CartaImportSources *self,
                           GCancellable       *cancellable)
{
  g_return_if_fail (CARTA_IS_IMPORT_SOURCES (self));

  g_set_object (&self->cancellable, cancellable);
  carta_import_load_kept_async (self->catalog, self->imports_dir, cancellable,
                                on_kept_lists_loaded, g_object_ref (self));
  carta_people_load_async (self->people, cancellable, on_people_loaded, g_object_ref (self));
}

static void
on_people_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CartaImportSources) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saves--;
  if (!carta_people_save_finish (CARTA_PEOPLE (source), result, &error))
    report (self, _("The people you added could not be saved"), error->message);
}

void
carta_import_sources_save_people (CartaImportSources *self)
{
  g_return_if_fail (CARTA_IS_IMPORT_SOURCES (self));

  self->saves++;
  carta_people_save_async (self->people, NULL, on_people_saved, g_object_ref (self));
}

gboolean
carta_import_sources_get_busy (CartaImportSources *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_SOURCES (self), FALSE);
  return self->saves > 0;
}

/* ------------------------------------------------------------------------
 * The object
 */

static void
carta_import_sources_dispose (GObject *object)
{
  CartaImportSources *self = CARTA_IMPORT_SOURCES (object);

  if (self->people != NULL)
    g_signal_handlers_disconnect_by_data (self->people, self);
  g_clear_object (&self->people);
  g_clear_object (&self->catalog);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carta_import_sources_parent_class)->dispose (object);
}

static void
carta_import_sources_finalize (GObject *object)
{
  g_free (CARTA_IMPORT_SOURCES (object)->imports_dir);

  G_OBJECT_CLASS (carta_import_sources_parent_class)->finalize (object);
}

static void
carta_import_sources_class_init (CartaImportSourcesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carta_import_sources_dispose;
  object_class->finalize = carta_import_sources_finalize;

  signals[PROBLEM] = g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
carta_import_sources_init (CartaImportSources *self)
{
}

CartaImportSources *
carta_import_sources_new (CartaCatalog *catalog,
                          const char   *imports_dir,
                          const char   *people_path)
{
  CartaImportSources *self;

  g_return_val_if_fail (CARTA_IS_CATALOG (catalog), NULL);

  self = g_object_new (CARTA_TYPE_IMPORT_SOURCES, NULL);
  self->catalog = g_object_ref (catalog);
  /* Fixed once: the lists are kept where they were found. */
  self->imports_dir = imports_dir != NULL ? g_strdup (imports_dir) : carta_import_get_default_dir ();
  self->people = carta_people_new (people_path);
  g_signal_connect_swapped (self->people, "changed", G_CALLBACK (on_people_changed), self);
  return self;
}

CartaPeople *
carta_import_sources_get_people (CartaImportSources *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_SOURCES (self), NULL);
  return self->people;
}

const char *
carta_import_sources_get_imports_dir (CartaImportSources *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_SOURCES (self), NULL);
  return self->imports_dir;
}
