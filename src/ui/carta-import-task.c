/* carta-import-task.c: lists of prisoners read, kept and removed off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-import-task.h"

#define READ_CHUNK (256 * 1024)

void
carta_import_outcome_free (CartaImportOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_clear_object (&outcome->result);
  g_clear_error (&outcome->save_error);
  g_free (outcome);
}

gboolean
carta_import_is_import_source (const char *source_id)
{
  return source_id != NULL && g_str_has_prefix (source_id, "import-");
}

char *
carta_import_describe_source (CartaFeed *feed)
{
  const char *source_id = carta_feed_get_source_id (feed);
  const char *title;

  if (g_strcmp0 (source_id, CARTA_IMPORT_SOURCE_VIASNA) == 0)
    return g_strdup (_("Viasna’s list of political prisoners in Belarus"));
  if (g_strcmp0 (source_id, CARTA_IMPORT_SOURCE_OVDINFO) == 0)
    return g_strdup (_("OVD-Info’s list of political prisoners in Russia"));

  title = carta_text_get_ui (carta_feed_get_title (feed));
  return g_strdup (title != NULL ? title : source_id);
}

/* ------------------------------------------------------------------------
 * Importing a file
 */

typedef struct {
  GFile             *file;
  CartaCatalog      *catalog;
  char              *dir;
  CartaImportResult *result;
  CartaFeed         *feed;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->catalog);
  g_free (data->dir);
  g_clear_object (&data->result);
  g_clear_object (&data->feed);
  g_free (data);
}

static char *
display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  char *shown = g_filename_display_name (name != NULL ? name : "");

  return shown;
}

/* The file's bytes, refused before they are all read when it is too large. */
static GBytes *
read_limited (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *name = display_name (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  g_autofree char *limit = g_format_size_full (CARTA_IMPORT_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: a file's name, then why it could not be read */
                   _("“%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is not a file."), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > CARTA_IMPORT_MAX_SIZE)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                   /* Translators: a file's name and the largest size Carta reads, e.g. "64.0 MiB" */
                   _("“%s” is larger than %s, the most Carta imports. Is it the right file?"), name, limit);
      return NULL;
    }

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("“%s” could not be read: %s"), name, local_error->message);
      return NULL;
    }

  /* The size can change between the check and the read. */
  for (;;)
    {
      g_autoptr(GBytes) chunk = g_input_stream_read_bytes (G_INPUT_STREAM (stream), READ_CHUNK,
                                                           cancellable, &local_error);
      gsize len;
      gconstpointer data;

      if (chunk == NULL)
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("“%s” could not be read: %s"), name, local_error->message);
          return NULL;
        }
      data = g_bytes_get_data (chunk, &len);
      if (len == 0)
        break;
      if (contents->len + len > CARTA_IMPORT_MAX_SIZE)
        {
          g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                       _("“%s” is larger than %s, the most Carta imports. Is it the right file?"), name, limit);
          return NULL;
        }
      g_byte_array_append (contents, data, len);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&contents));
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autofree char *name = display_name (data->file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *contents;
  gsize len;

  bytes = read_limited (data->file, cancellable, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->result = carta_import_from_bytes (bytes, NULL, &error);
  if (data->result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A list in another encoding fails row by row: say it once. */
  contents = g_bytes_get_data (bytes, &len);
  if (carta_import_result_get_n_people (data->result) == 0 && len > 0 &&
      !g_utf8_validate_len (contents, len, NULL))
    {
      g_task_return_new_error (task, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8,
                               _("“%s” is not UTF-8 text. Save it as UTF-8 (in a spreadsheet, as "
                                 "“CSV UTF-8”) and import it again."), name);
      return;
    }

  if (carta_import_result_get_n_people (data->result) > 0)
    {
      data->feed = carta_import_result_build_feed (data->result, &error);
      if (data->feed == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

/* Counts new, updated and gone people against the list's earlier import. */
static void
compare_with_catalog (CartaImportOutcome *outcome,
                      CartaCatalog       *catalog,
                      CartaFeed          *feed)
{
  GListModel *sources = carta_catalog_get_sources (catalog);
  g_autoptr(GHashTable) before = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CartaFeed) earlier = NULL;
  GPtrArray *cases = carta_feed_get_cases (feed);

  for (guint i = 0; i < g_list_model_get_n_items (sources) && earlier == NULL; i++)
    {
      g_autoptr(CartaFeed) source = g_list_model_get_item (sources, i);

      if (g_str_equal (carta_feed_get_source_id (source), carta_feed_get_source_id (feed)))
        earlier = g_steal_pointer (&source);
    }
  if (earlier != NULL)
    {
      GPtrArray *earlier_cases = carta_feed_get_cases (earlier);

      for (guint i = 0; i < earlier_cases->len; i++)
        g_hash_table_add (before, (gpointer) carta_entity_get_uid (g_ptr_array_index (earlier_cases, i)));
    }

  outcome->n_people = cases->len;
  for (guint i = 0; i < cases->len; i++)
    {
      if (g_hash_table_remove (before, carta_entity_get_uid (g_ptr_array_index (cases, i))))
        outcome->n_updated++;
      else
        outcome->n_new++;
    }
  outcome->n_gone = g_hash_table_size (before);
}

static void
on_import_saved (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(CartaImportOutcome) outcome = g_new0 (CartaImportOutcome, 1);
  g_autoptr(GError) error = NULL;

  if (!carta_import_result_save_finish (CARTA_IMPORT_RESULT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The people are still worth showing until Carta closes. */
      outcome->save_error = g_steal_pointer (&error);
    }

  outcome->result = g_object_ref (data->result);
  compare_with_catalog (outcome, data->catalog, data->feed);
  /* One change: the earlier people are replaced, never listed twice. */
  carta_catalog_add_feed (data->catalog, data->feed);
  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) carta_import_outcome_free);
}

static void
on_import_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ImportData *data = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (data->feed == NULL)
    {
      /* No one to import: the earlier import of the list stays as it was. */
      CartaImportOutcome *outcome = g_new0 (CartaImportOutcome, 1);

      outcome->result = g_object_ref (data->result);
      g_task_return_pointer (outer, outcome, (GDestroyNotify) carta_import_outcome_free);
      return;
    }

  cancellable = g_task_get_cancellable (outer);
  carta_import_result_save_async (data->result, data->dir, cancellable, on_import_saved, g_steal_pointer (&outer));
}

void
carta_import_file_async (GFile               *file,
                         CartaCatalog        *catalog,
                         const char          *dir,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (CARTA_IS_CATALOG (catalog));

  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, carta_import_file_async);

  data = g_new0 (ImportData, 1);
  data->file = g_object_ref (file);
  data->catalog = g_object_ref (catalog);
  data->dir = g_strdup (dir);

  g_task_set_task_data (outer, data, (GDestroyNotify) import_data_free);

  /* The reading and parsing in a thread; the rest, which touches the
   * catalog, back on the main loop. The outer task keeps the data alive. */
  task = g_task_new (NULL, cancellable, on_import_read, g_steal_pointer (&outer));
  g_task_set_task_data (task, data, NULL);
  g_task_run_in_thread (task, import_in_thread);
}

CartaImportOutcome *
carta_import_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Kept lists
 */

typedef struct {
  GPtrArray *feeds;
  GPtrArray *messages;
} KeptLists;

static void
kept_lists_free (KeptLists *kept)
{
  g_ptr_array_unref (kept->feeds);
  g_ptr_array_unref (kept->messages);
  g_free (kept);
}

static void
load_kept_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *dir = task_data;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  KeptLists *kept = g_new0 (KeptLists, 1);

  kept->feeds = carta_import_load_all (dir, errors);
  kept->messages = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < errors->len; i++)
    g_ptr_array_add (kept->messages, g_strdup (((GError *) g_ptr_array_index (errors, i))->message));

  g_task_return_pointer (task, kept, (GDestroyNotify) kept_lists_free);
}

static void
on_kept_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CartaCatalog *catalog = g_task_get_source_object (outer);
  g_autoptr(GError) error = NULL;
  KeptLists *kept = g_task_propagate_pointer (G_TASK (result), &error);

  if (kept == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < kept->feeds->len; i++)
    carta_catalog_add_feed (catalog, g_ptr_array_index (kept->feeds, i));
  g_task_return_pointer (outer, g_ptr_array_ref (kept->messages), (GDestroyNotify) g_ptr_array_unref);
  kept_lists_free (kept);
}

void
carta_import_load_kept_async (CartaCatalog        *catalog,
                              const char          *dir,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTA_IS_CATALOG (catalog));

  outer = g_task_new (catalog, cancellable, callback, user_data);
  g_task_set_source_tag (outer, carta_import_load_kept_async);

  task = g_task_new (NULL, cancellable, on_kept_loaded, g_steal_pointer (&outer));
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_run_in_thread (task, load_kept_in_thread);
}

GPtrArray *
carta_import_load_kept_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Removing a kept list
 */

typedef struct {
  char *dir;
  char *source_id;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_free (data->dir);
  g_free (data->source_id);
  g_free (data);
}

static void
remove_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RemoveData *data = task_data;
  GError *error = NULL;

  /* Not there is as good as removed. */
  if (!carta_import_delete_saved (data->dir, data->source_id, &error) && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_removed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CartaCatalog *catalog = g_task_get_source_object (outer);
  RemoveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  carta_catalog_remove_source (catalog, data->source_id);
  g_task_return_boolean (outer, TRUE);
}

void
carta_import_remove_async (CartaCatalog        *catalog,
                           const char          *dir,
                           const char          *source_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  RemoveData *data;

  g_return_if_fail (CARTA_IS_CATALOG (catalog));
  g_return_if_fail (source_id != NULL);

  outer = g_task_new (catalog, cancellable, callback, user_data);
  g_task_set_source_tag (outer, carta_import_remove_async);

  data = g_new0 (RemoveData, 1);
  data->dir = g_strdup (dir);
  data->source_id = g_strdup (source_id);
  task = g_task_new (NULL, cancellable, on_removed, g_steal_pointer (&outer));
  g_task_set_task_data (task, data, (GDestroyNotify) remove_data_free);
  g_task_run_in_thread (task, remove_in_thread);
}

gboolean
carta_import_remove_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
