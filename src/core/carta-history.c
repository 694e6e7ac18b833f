/* carta-history.c: every letter that left the machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is JSON Lines, only ever appended to: a crash can at worst tear
 * the last line, which the next load skips, and the next append starts on
 * a fresh line. Appends queue up while one is being written, so a burst of
 * letters costs one fsync rather than one each.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "carta-history.h"

#define HISTORY_EXPORT_VERSION 1

struct _CartaHistory
{
  GObject     parent_instance;

  char       *path;
  GPtrArray  *records;       /* of CartaDelivery, as in the model */
  GHashTable *ids;           /* recorded or being recorded */
  /* Appends waiting for the writer, and whether it is running. */
  GPtrArray  *pending;       /* of GTask */
  gboolean    writing;
  /* The file does not end with a newline (a torn last line). */
  gboolean    needs_newline;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartaHistory, carta_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
carta_history_get_item_type (GListModel *model)
{
  return CARTA_TYPE_DELIVERY;
}

static guint
carta_history_get_n_items (GListModel *model)
{
  return CARTA_HISTORY (model)->records->len;
}

static gpointer
carta_history_get_item (GListModel *model,
                        guint       position)
{
  CartaHistory *self = CARTA_HISTORY (model);

  if (position >= self->records->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->records, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = carta_history_get_item_type;
  iface->get_n_items = carta_history_get_n_items;
  iface->get_item = carta_history_get_item;
}

static void
carta_history_finalize (GObject *object)
{
  CartaHistory *self = CARTA_HISTORY (object);

  g_free (self->path);
  g_ptr_array_unref (self->records);
  g_hash_table_unref (self->ids);
  g_ptr_array_unref (self->pending);

  G_OBJECT_CLASS (carta_history_parent_class)->finalize (object);
}

static void
carta_history_class_init (CartaHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_history_finalize;
}

static void
carta_history_init (CartaHistory *self)
{
  self->records = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
}

CartaHistory *
carta_history_new (const char *path)
{
  CartaHistory *self = g_object_new (CARTA_TYPE_HISTORY, NULL);

  self->path = path ? g_strdup (path)
                    : g_build_filename (g_get_user_data_dir (), "carta", "history.jsonl", NULL);
  return self;
}

const char *
carta_history_get_path (CartaHistory *self)
{
  g_return_val_if_fail (CARTA_IS_HISTORY (self), NULL);
  return self->path;
}

/* ------------------------------------------------------------------------
 * Loading
 */

typedef struct
{
  char      *path;
  GPtrArray *records;
  guint      skipped;
  gboolean   needs_newline;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_free (data);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *contents;
  const char *end;
  gsize size;

  data->records = g_ptr_array_new_with_free_func (g_object_unref);

  file = g_mapped_file_new (data->path, FALSE, &error);
  if (file == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  contents = g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  end = contents + size;
  data->needs_newline = size > 0 && contents[size - 1] != '\n';

  for (const char *line = contents; line != NULL && line < end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      gsize length = (newline ? newline : end) - line;
      g_autoptr(CartaDelivery) record = NULL;
      g_autoptr(GError) line_error = NULL;

      if (length > 0)
        {
          record = carta_delivery_new_from_json (line, length, &line_error);
          if (record != NULL && carta_delivery_get_state (record) == CARTA_DELIVERY_SENT)
            g_ptr_array_add (data->records, g_steal_pointer (&record));
          else
            {
              g_debug ("Skipping a damaged line in %s: %s", data->path,
                       line_error ? line_error->message : "not a sent letter");
              data->skipped++;
            }
        }
      line = newline ? newline + 1 : NULL;
    }

  g_task_return_boolean (task, TRUE);
}

void
carta_history_load_async (CartaHistory        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (CARTA_IS_HISTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_history_load_async);
  data = g_new0 (LoadData, 1);
  data->path = g_strdup (self->path);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
carta_history_load_finish (CartaHistory  *self,
                           GAsyncResult  *result,
                           guint         *skipped,
                           GError       **error)
{
  LoadData *data;
  guint before;
  guint added = 0;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (skipped != NULL)
    *skipped = data->skipped;
  /* An append that ran since started a fresh line itself. */
  if (!self->writing && self->pending->len == 0 && self->records->len == 0)
    self->needs_newline = data->needs_newline;

  /* What is already in the model was appended while loading: the file's
   * older records go first. */
  before = self->records->len;
  for (guint i = 0; i < data->records->len; i++)
    {
      CartaDelivery *record = g_ptr_array_index (data->records, i);

      if (g_hash_table_contains (self->ids, carta_delivery_get_id (record)))
        continue;
      g_hash_table_add (self->ids, g_strdup (carta_delivery_get_id (record)));
      g_ptr_array_insert (self->records, added++, g_object_ref (record));
    }
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before, before + added);

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Appending
 */

typedef struct
{
  char      *path;
  GPtrArray *lines;
  gboolean   needs_newline;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_ptr_array_unref (data->lines);
  g_free (data);
}

static gboolean
write_all (int          fd,
           const char  *text,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, text, length);

      if (written < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not record the letter in the history: %s"), g_strerror (saved));
          return FALSE;
        }
      text += written;
      length -= written;
    }
  return TRUE;
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autofree char *dir = g_path_get_dirname (data->path);
  g_autoptr(GString) text = g_string_new (NULL);
  GError *error = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not record the letter in the history: %s"), g_strerror (saved));
      return;
    }

  fd = g_open (data->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not record the letter in the history: %s"), g_strerror (saved));
      return;
    }

  /* A torn last line stays torn (the loader skips it); ours starts afresh. */
  if (data->needs_newline)
    g_string_append_c (text, '\n');
  for (guint i = 0; i < data->lines->len; i++)
    {
      g_string_append (text, g_ptr_array_index (data->lines, i));
      g_string_append_c (text, '\n');
    }

  if (!write_all (fd, text->str, text->len, &error))
    {
      close (fd);
      g_task_return_error (task, error);
      return;
    }
  if (fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not record the letter in the history: %s"), g_strerror (saved));
      return;
    }
  close (fd);
  g_task_return_boolean (task, TRUE);
}

static void start_writing (CartaHistory *self);

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CartaHistory *self = CARTA_HISTORY (object);
  g_autoptr(GPtrArray) batch = user_data;
  g_autoptr(GError) error = NULL;
  guint before = self->records->len;
  guint added = 0;

  self->writing = FALSE;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->needs_newline = FALSE;
      for (guint i = 0; i < batch->len; i++)
        {
          CartaDelivery *record = g_task_get_task_data (g_ptr_array_index (batch, i));
          g_ptr_array_add (self->records, g_object_ref (record));
          added++;
        }
    }
  else
    {
      /* Not recorded: another append may try again. */
      for (guint i = 0; i < batch->len; i++)
        {
          CartaDelivery *record = g_task_get_task_data (g_ptr_array_index (batch, i));
          g_hash_table_remove (self->ids, carta_delivery_get_id (record));
        }
    }

  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, added);

  for (guint i = 0; i < batch->len; i++)
    {
      GTask *task = g_ptr_array_index (batch, i);
      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  if (self->pending->len > 0)
    start_writing (self);
}

static void
start_writing (CartaHistory *self)
{
  g_autoptr(GTask) writer = NULL;
  GPtrArray *batch;
  WriteData *data;

  batch = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->writing = TRUE;

  data = g_new0 (WriteData, 1);
  data->path = g_strdup (self->path);
  data->needs_newline = self->needs_newline;
  data->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < batch->len; i++)
    {
      CartaDelivery *record = g_task_get_task_data (g_ptr_array_index (batch, i));
      g_ptr_array_add (data->lines, carta_delivery_to_json (record, TRUE));
    }

  /* Not cancellable: a letter half-recorded is worse than one recorded. */
  writer = g_task_new (self, NULL, on_written, batch);
  g_task_set_source_tag (writer, start_writing);
  g_task_set_task_data (writer, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (writer, write_in_thread);
}

void
carta_history_append_async (CartaHistory        *self,
                            CartaDelivery       *record,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTA_IS_HISTORY (self));
  g_return_if_fail (CARTA_IS_DELIVERY (record));
  g_return_if_fail (carta_delivery_get_state (record) == CARTA_DELIVERY_SENT);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_history_append_async);
  g_task_set_task_data (task, g_object_ref (record), g_object_unref);

  if (g_hash_table_contains (self->ids, carta_delivery_get_id (record)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_hash_table_add (self->ids, g_strdup (carta_delivery_get_id (record)));
  g_ptr_array_add (self->pending, g_steal_pointer (&task));
  if (!self->writing)
    start_writing (self);
}

gboolean
carta_history_append_finish (CartaHistory  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
carta_history_contains (CartaHistory *self,
                        const char   *delivery_id)
{
  g_return_val_if_fail (CARTA_IS_HISTORY (self), FALSE);
  return delivery_id != NULL && g_hash_table_contains (self->ids, delivery_id);
}

guint
carta_history_get_total (CartaHistory *self)
{
  g_return_val_if_fail (CARTA_IS_HISTORY (self), 0);
  return self->records->len;
}

guint
carta_history_count_for_case (CartaHistory *self,
                              const char   *case_uid)
{
  guint count = 0;

  g_return_val_if_fail (CARTA_IS_HISTORY (self), 0);

  for (guint i = 0; i < self->records->len; i++)
    if (g_strcmp0 (carta_delivery_get_case_uid (g_ptr_array_index (self->records, i)), case_uid) == 0)
      count++;
  return count;
}

guint
carta_history_count_for_campaign (CartaHistory *self,
                                  const char   *campaign_uid)
{
  guint count = 0;

  g_return_val_if_fail (CARTA_IS_HISTORY (self), 0);

  for (guint i = 0; i < self->records->len; i++)
    if (g_strcmp0 (carta_delivery_get_campaign_uid (g_ptr_array_index (self->records, i)), campaign_uid) == 0)
      count++;
  return count;
}

/* ------------------------------------------------------------------------
 * Export
 */

enum {
  COLUMN_SENT,
  COLUMN_CHANNEL,
  COLUMN_RECIPIENT,
  COLUMN_CASE,
  COLUMN_CAMPAIGN,
  COLUMN_LANGUAGE,
  COLUMN_RECEIPT,
  COLUMN_ID,
  N_COLUMNS
};

static const char * const column_names[N_COLUMNS] = {
  "sent", "channel", "recipient", "case_id", "campaign_id", "language", "receipt", "id",
};

/* Plain strings, so that the worker thread touches no shared object. */
static GPtrArray *
snapshot_rows (CartaHistory *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < self->records->len; i++)
    {
      CartaDelivery *record = g_ptr_array_index (self->records, i);
      GDateTime *sent = carta_delivery_get_sent (record);
      char **row = g_new0 (char *, N_COLUMNS + 1);

      row[COLUMN_SENT] = sent ? g_date_time_format_iso8601 (sent) : g_strdup ("");
      row[COLUMN_CHANNEL] = g_strdup (carta_delivery_channel_to_string (carta_delivery_get_channel (record)));
#define COPY(column, getter) row[column] = g_strdup (getter (record) ? getter (record) : "")
      COPY (COLUMN_RECIPIENT, carta_delivery_get_recipient_name);
      COPY (COLUMN_CASE, carta_delivery_get_case_uid);
      COPY (COLUMN_CAMPAIGN, carta_delivery_get_campaign_uid);
      COPY (COLUMN_LANGUAGE, carta_delivery_get_language);
      COPY (COLUMN_RECEIPT, carta_delivery_get_receipt);
      COPY (COLUMN_ID, carta_delivery_get_id);
#undef COPY
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static void
append_csv_field (GString    *csv,
                  const char *value)
{
  /* A spreadsheet would run a cell that starts like a formula; names come
   * from feeds, so such a cell is written as text. */
  gboolean formula = strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0';

  if (!formula && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (csv, value);
      return;
    }

  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static char *
rows_to_csv (GPtrArray *rows)
{
  GString *csv = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (csv, ',');
      append_csv_field (csv, column_names[c]);
    }
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (csv, ',');
          append_csv_field (csv, row[c]);
        }
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}

static char *
rows_to_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "carta_history");
  json_builder_add_int_value (builder, HISTORY_EXPORT_VERSION);
  json_builder_set_member_name (builder, "letters");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      json_builder_begin_object (builder);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (*row[c] == '\0')
            continue;
          json_builder_set_member_name (builder, column_names[c]);
          json_builder_add_string_value (builder, row[c]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static char *
rows_to_text (GPtrArray                *rows,
              CartaHistoryExportFormat  format)
{
  return format == CARTA_HISTORY_EXPORT_CSV ? rows_to_csv (rows) : rows_to_json (rows);
}

char *
carta_history_to_text (CartaHistory             *self,
                       CartaHistoryExportFormat  format)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CARTA_IS_HISTORY (self), NULL);

  rows = snapshot_rows (self);
  return rows_to_text (rows, format);
}

typedef struct
{
  GPtrArray                *rows;
  CartaHistoryExportFormat  format;
  GFile                    *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_ptr_array_unref (data->rows);
  g_object_unref (data->file);
  g_free (data);
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autofree char *text = rows_to_text (data->rows, data->format);
  GError *error = NULL;

  if (!g_file_replace_contents (data->file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
carta_history_export_async (CartaHistory             *self,
                            CartaHistoryExportFormat  format,
                            GFile                    *file,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (CARTA_IS_HISTORY (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_history_export_async);
  data = g_new0 (ExportData, 1);
  data->rows = snapshot_rows (self);
  data->format = format;
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_in_thread);
}

gboolean
carta_history_export_finish (CartaHistory  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
