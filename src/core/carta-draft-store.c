/* carta-draft-store.c: the letters being written, saved as they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A letter is serialized on the main thread (a few kilobytes) and written
 * in a worker thread with g_file_set_contents_full (temporary file, fsync,
 * rename), so the file on disk is always one whole state of the letter.
 *
 * Each letter's file has at most one operation in flight (a write or a
 * removal); what is asked for meanwhile is done once it ends, with the
 * letter's latest state. So the last state always wins on disk, and a
 * removal undone at once cannot race with the write that undoes it.
 * Different letters' files are written concurrently.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "carta-draft-store.h"
#include "carta-error.h"

#define DRAFT_SUFFIX     ".json"
#define CORRUPT_SUFFIX   ".corrupt"

/* ------------------------------------------------------------------------
 * Problems
 */

CartaDraftProblem *
carta_draft_problem_copy (const CartaDraftProblem *problem)
{
  CartaDraftProblem *copy = g_new0 (CartaDraftProblem, 1);

  copy->file_name = g_strdup (problem->file_name);
  copy->set_aside_as = g_strdup (problem->set_aside_as);
  copy->error = problem->error ? g_error_copy (problem->error) : NULL;
  return copy;
}

void
carta_draft_problem_free (CartaDraftProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->file_name);
  g_free (problem->set_aside_as);
  g_clear_error (&problem->error);
  g_free (problem);
}

G_DEFINE_BOXED_TYPE (CartaDraftProblem, carta_draft_problem, carta_draft_problem_copy, carta_draft_problem_free)

/* ------------------------------------------------------------------------
 * The store
 */

typedef struct
{
  CartaDraftStore *store;         /* not a reference: entries die with it */
  CartaLetter     *letter;
  char            *path;
  gulong           changed_id;
  guint            autosave_id;
  gint64           first_unsaved; /* monotonic µs of the oldest unsaved change, 0: none */
  gboolean         in_model;      /* else its file is to be removed */
  gboolean         dirty;         /* changes not yet serialized */
  gboolean         writing;       /* an operation on the file is in flight */
  gboolean         write_again;   /* and another one is due after it */
  gboolean         failed;        /* the last write failed */
} Entry;

struct _CartaDraftStore
{
  GObject       parent_instance;

  char         *directory;
  guint         autosave_delay_ms;
  guint         autosave_max_ms;

  GPtrArray    *items;            /* of Entry, in the model's order */
  GHashTable   *entries;          /* id → Entry: in the model or with a file operation in flight */
  GPtrArray    *problems;         /* of CartaDraftProblem */
  GPtrArray    *flushes;          /* of GTask waiting for the writes to end */
  gboolean      busy;
  GCancellable *cancellable;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartaDraftStore, carta_draft_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_AUTOSAVE_DELAY_MS,
  PROP_AUTOSAVE_MAX_MS,
  PROP_BUSY,
  PROP_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_LETTER_SAVED,
  SIGNAL_SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void persist (Entry *entry);

/* ------------------------------------------------------------------------
 * Entries
 */

static void on_letter_changed (CartaLetter *letter,
                               Entry       *entry);

static void
entry_clear (Entry *entry)
{
  g_clear_signal_handler (&entry->changed_id, entry->letter);
  g_clear_handle_id (&entry->autosave_id, g_source_remove);
  g_clear_object (&entry->letter);
  g_free (entry->path);
}

static Entry *
entry_new (CartaDraftStore *self,
           CartaLetter     *letter)
{
  Entry *entry = g_rc_box_new0 (Entry);
  g_autofree char *name = g_strconcat (carta_letter_get_id (letter), DRAFT_SUFFIX, NULL);

  entry->store = self;
  entry->letter = g_object_ref (letter);
  entry->path = g_build_filename (self->directory, name, NULL);
  return entry;
}

static Entry *
entry_ref (Entry *entry)
{
  return g_rc_box_acquire (entry);
}

static void
entry_unref (Entry *entry)
{
  g_rc_box_release_full (entry, (GDestroyNotify) entry_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_unref)

static gboolean
find_item (CartaDraftStore *self,
           Entry           *entry,
           guint           *position)
{
  return g_ptr_array_find (self->items, entry, position);
}

static void
update_busy (CartaDraftStore *self)
{
  GHashTableIter iter;
  gpointer value;
  gboolean busy = FALSE;

  g_hash_table_iter_init (&iter, self->entries);
  while (!busy && g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;

      busy = entry->writing || (entry->in_model && entry->dirty);
    }
  if (busy == self->busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ------------------------------------------------------------------------
 * GListModel
 */

static GType
carta_draft_store_get_item_type (GListModel *model)
{
  return CARTA_TYPE_LETTER;
}

static guint
carta_draft_store_get_n_items (GListModel *model)
{
  return CARTA_DRAFT_STORE (model)->items->len;
}

static gpointer
carta_draft_store_get_item (GListModel *model,
                            guint       position)
{
  CartaDraftStore *self = CARTA_DRAFT_STORE (model);
  Entry *entry;

  if (position >= self->items->len)
    return NULL;
  entry = g_ptr_array_index (self->items, position);
  return g_object_ref (entry->letter);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = carta_draft_store_get_item_type;
  iface->get_n_items = carta_draft_store_get_n_items;
  iface->get_item = carta_draft_store_get_item;
}

/* Where @entry belongs among the items (which must not hold it). */
static guint
sorted_position (CartaDraftStore *self,
                 Entry           *entry)
{
  guint low = 0;
  guint high = self->items->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      Entry *other = g_ptr_array_index (self->items, middle);

      if (carta_letter_compare_newest_first (other->letter, entry->letter) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static void
insert_item (CartaDraftStore *self,
             Entry           *entry)
{
  guint position = sorted_position (self, entry);

  g_ptr_array_insert (self->items, position, entry);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/* A changed letter is the newest: it moves up, usually to the top. */
static void
resort_item (CartaDraftStore *self,
             Entry           *entry)
{
  guint old_position;
  guint new_position;

  if (!find_item (self, entry, &old_position))
    return;
  g_ptr_array_remove_index (self->items, old_position);
  new_position = sorted_position (self, entry);
  g_ptr_array_insert (self->items, new_position, entry);
  if (new_position == old_position)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), MIN (old_position, new_position),
                              ABS ((gint) old_position - (gint) new_position) + 1,
                              ABS ((gint) old_position - (gint) new_position) + 1);
}

/* ------------------------------------------------------------------------
 * Writing
 */

typedef struct
{
  char *path;
  char *directory;
  char *contents;    /* NULL: remove the file */
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_free (data->directory);
  g_free (data->contents);
  g_free (data);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;
  gsize length;

  if (data->contents == NULL)
    {
      if (g_unlink (data->path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                   _("Could not remove the draft %s: %s"),
                                   data->path, g_strerror (saved_errno));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A draft that could not be read back is not worth writing. */
  length = strlen (data->contents);
  if (length > CARTA_LETTER_MAX_JSON_SIZE)
    {
      g_task_return_new_error (task, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                               _("The letter is too long to be saved as a draft (more than %d KiB)"),
                               CARTA_LETTER_MAX_JSON_SIZE / 1024);
      return;
    }

  if (g_mkdir_with_parents (data->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               _("Could not make the drafts folder %s: %s"),
                               data->directory, g_strerror (saved_errno));
      return;
    }

  /* Letters can put people at risk: only the user reads them. */
  if (!g_file_set_contents_full (data->path, data->contents, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
complete_flushes (CartaDraftStore *self)
{
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) flushes = NULL;
  g_autoptr(GError) error = NULL;

  if (self->flushes->len == 0)
    return;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;

      if (entry->writing)
        return;
      if (entry->in_model && entry->failed && error == NULL)
        g_set_error (&error, CARTA_ERROR, CARTA_ERROR_FAILED,
                     _("The draft “%s” could not be saved"),
                     carta_letter_get_subject (entry->letter) ? carta_letter_get_subject (entry->letter)
                                                              : carta_letter_get_id (entry->letter));
    }

  flushes = g_steal_pointer (&self->flushes);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < flushes->len; i++)
    {
      GTask *task = g_ptr_array_index (flushes, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Entry) entry = user_data;
  CartaDraftStore *self = CARTA_DRAFT_STORE (object);
  WriteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean wrote = data->contents != NULL;

  entry->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (wrote)
        {
          /* Kept in memory and tried again on the next change or flush. */
          entry->dirty = TRUE;
          entry->failed = TRUE;
        }
      g_signal_emit (self, signals[SIGNAL_SAVE_FAILED], 0, entry->letter, error);
    }
  else if (wrote)
    {
      entry->failed = FALSE;
      g_signal_emit (self, signals[SIGNAL_LETTER_SAVED], 0, entry->letter);
    }

  if (entry->write_again)
    {
      entry->write_again = FALSE;
      persist (entry);
    }
  else if (!entry->in_model && !entry->writing &&
           g_hash_table_lookup (self->entries, carta_letter_get_id (entry->letter)) == entry)
    g_hash_table_remove (self->entries, carta_letter_get_id (entry->letter));

  update_busy (self);
  complete_flushes (self);
}

/* Brings the letter's file up to date: its latest state, or no file once
 * it is deleted. After the operation in flight, if there is one. */
static void
persist (Entry *entry)
{
  CartaDraftStore *self = entry->store;
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_clear_handle_id (&entry->autosave_id, g_source_remove);
  if (entry->writing)
    {
      entry->write_again = TRUE;
      return;
    }

  data = g_new0 (WriteData, 1);
  data->path = g_strdup (entry->path);
  data->directory = g_strdup (self->directory);
  if (entry->in_model)
    data->contents = carta_letter_to_json (entry->letter);
  entry->dirty = FALSE;
  entry->first_unsaved = 0;
  entry->writing = TRUE;

  /* Not cancellable: half an operation helps nobody, and the temporary
   * file makes a write all or nothing anyway. */
  task = g_task_new (self, NULL, on_written, entry_ref (entry));
  g_task_set_source_tag (task, persist);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_in_thread);
  update_busy (self);
}

static gboolean
on_autosave (gpointer user_data)
{
  Entry *entry = user_data;

  entry->autosave_id = 0;
  if (entry->in_model && entry->dirty)
    persist (entry);
  return G_SOURCE_REMOVE;
}

/* Saves 500 ms after the last change, but no later than 1 s after the
 * first unsaved one, so that steady typing is saved too. */
static void
on_letter_changed (CartaLetter *letter,
                   Entry       *entry)
{
  CartaDraftStore *self = entry->store;
  gint64 now = g_get_monotonic_time ();
  gint64 delay_ms;

  entry->dirty = TRUE;
  if (entry->first_unsaved == 0)
    entry->first_unsaved = now;
  delay_ms = MIN ((gint64) self->autosave_delay_ms,
                  (gint64) self->autosave_max_ms - (now - entry->first_unsaved) / 1000);
  delay_ms = MAX (delay_ms, 0);

  g_clear_handle_id (&entry->autosave_id, g_source_remove);
  entry->autosave_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) delay_ms, on_autosave,
                                           entry_ref (entry), (GDestroyNotify) entry_unref);
  resort_item (self, entry);
  update_busy (self);
}

/* Puts @letter in the model; @save: and writes it (it is not on disk yet,
 * or not as it is now). */
static gboolean
track (CartaDraftStore *self,
       CartaLetter     *letter,
       gboolean         save)
{
  const char *id = carta_letter_get_id (letter);
  Entry *entry = g_hash_table_lookup (self->entries, id);

  if (entry != NULL && entry->in_model)
    return FALSE;

  if (entry == NULL)
    {
      entry = entry_new (self, letter);
      g_hash_table_insert (self->entries, g_strdup (id), entry);
    }
  else if (entry->letter != letter)
    g_set_object (&entry->letter, letter);

  entry->in_model = TRUE;
  entry->changed_id = g_signal_connect (letter, "changed", G_CALLBACK (on_letter_changed), entry);
  insert_item (self, entry);
  if (save)
    {
      entry->dirty = TRUE;
      persist (entry);
    }
  return TRUE;
}

gboolean
carta_draft_store_add (CartaDraftStore *self,
                       CartaLetter     *letter)
{
  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (CARTA_IS_LETTER (letter), FALSE);

  return track (self, letter, TRUE);
}

gboolean
carta_draft_store_restore (CartaDraftStore *self,
                           CartaLetter     *letter)
{
  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (CARTA_IS_LETTER (letter), FALSE);

  return track (self, letter, TRUE);
}

gboolean
carta_draft_store_delete (CartaDraftStore *self,
                          CartaLetter     *letter)
{
  Entry *entry;
  guint position;

  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (CARTA_IS_LETTER (letter), FALSE);

  entry = g_hash_table_lookup (self->entries, carta_letter_get_id (letter));
  if (entry == NULL || !entry->in_model || entry->letter != letter ||
      !find_item (self, entry, &position))
    return FALSE;

  entry->in_model = FALSE;
  entry->dirty = FALSE;
  entry->failed = FALSE;
  g_clear_signal_handler (&entry->changed_id, entry->letter);
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  persist (entry);
  return TRUE;
}

CartaLetter *
carta_draft_store_lookup (CartaDraftStore *self,
                          const char      *id)
{
  Entry *entry;

  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, id);
  return entry != NULL && entry->in_model ? entry->letter : NULL;
}

gboolean
carta_draft_store_get_busy (CartaDraftStore *self)
{
  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), FALSE);
  return self->busy;
}

GPtrArray *
carta_draft_store_get_problems (CartaDraftStore *self)
{
  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), NULL);
  return self->problems;
}

const char *
carta_draft_store_get_directory (CartaDraftStore *self)
{
  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), NULL);
  return self->directory;
}

/* ------------------------------------------------------------------------
 * Flushing
 */

void
carta_draft_store_flush_async (CartaDraftStore     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTA_IS_DRAFT_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_draft_store_flush_async);

  for (guint i = 0; i < self->items->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->items, i);

      if (entry->dirty)
        persist (entry);
    }

  g_ptr_array_add (self->flushes, g_steal_pointer (&task));
  complete_flushes (self);
}

gboolean
carta_draft_store_flush_finish (CartaDraftStore  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carta_draft_store_flush_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Loading
 */

typedef struct
{
  char      *directory;
  GPtrArray *letters;     /* of CartaLetter */
  GPtrArray *problems;    /* of CartaDraftProblem */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->directory);
  g_ptr_array_unref (data->letters);
  g_ptr_array_unref (data->problems);
  g_free (data);
}

/* "ID.json.XXXXXX": what g_file_set_contents leaves when it is killed
 * before its rename. */
static gboolean
is_leftover_temporary (const char *name)
{
  const char *suffix = strstr (name, DRAFT_SUFFIX ".");

  return suffix != NULL && strlen (suffix) == strlen (DRAFT_SUFFIX) + 1 + 6 &&
         strchr (suffix + strlen (DRAFT_SUFFIX) + 1, '.') == NULL;
}

/* Renames the file out of the way, to NAME.corrupt (or NAME.corrupt-2 …
 * if an earlier one is there), so that it is neither read again nor lost. */
static char *
set_aside (const char *directory,
           const char *name)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *new_name = i == 1 ? g_strconcat (name, CORRUPT_SUFFIX, NULL)
                                         : g_strdup_printf ("%s" CORRUPT_SUFFIX "-%u", name, i);
      g_autofree char *new_path = g_build_filename (directory, new_name, NULL);

      if (g_file_test (new_path, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, new_path) != 0)
        return NULL;
      return g_steal_pointer (&new_name);
    }
  return NULL;
}

static CartaLetter *
read_draft (const char  *directory,
            const char  *name,
            GError     **error)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected_id = g_strndup (name, strlen (name) - strlen (DRAFT_SUFFIX));
  g_autoptr(CartaLetter) letter = NULL;
  GStatBuf buf;
  gsize length;

  /* Neither a huge file nor a device is read. */
  if (g_stat (path, &buf) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return NULL;
    }
  if (!S_ISREG (buf.st_mode))
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_FAILED, _("The draft is not a file"));
      return NULL;
    }
  if (buf.st_size > CARTA_LETTER_MAX_JSON_SIZE)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                   _("The draft is larger than %d KiB"), CARTA_LETTER_MAX_JSON_SIZE / 1024);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  letter = carta_letter_new_from_json (contents, length, error);
  if (letter == NULL)
    return NULL;
  /* A copied file would otherwise be two drafts with one id, one of them
   * never saved again. */
  if (g_strcmp0 (carta_letter_get_id (letter), expected_id) != 0)
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                           _("The draft's id does not match its file's name"));
      return NULL;
    }
  return g_steal_pointer (&letter);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (data->directory, 0, &error);
  if (dir == NULL)
    {
      /* No folder yet: no drafts yet. */
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("Could not read the drafts folder: %s"), error->message);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GError) draft_error = NULL;
      CartaDraftProblem *problem;
      CartaLetter *letter;

      if (g_task_return_error_if_cancelled (task))
        return;

      if (is_leftover_temporary (name))
        {
          g_autofree char *path = g_build_filename (data->directory, name, NULL);

          g_unlink (path);
          continue;
        }
      if (!g_str_has_suffix (name, DRAFT_SUFFIX))
        continue;

      letter = read_draft (data->directory, name, &draft_error);
      if (letter != NULL)
        {
          g_ptr_array_add (data->letters, letter);
          continue;
        }

      problem = g_new0 (CartaDraftProblem, 1);
      problem->file_name = g_strdup (name);
      problem->error = g_steal_pointer (&draft_error);
      problem->set_aside_as = set_aside (data->directory, name);
      g_ptr_array_add (data->problems, problem);
    }

  g_task_return_boolean (task, TRUE);
}

static gint
compare_letters (gconstpointer a,
                 gconstpointer b)
{
  return carta_letter_compare_newest_first (*(CartaLetter * const *) a, *(CartaLetter * const *) b);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  CartaDraftStore *self = CARTA_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Newest first, so that each insertion is at the end. */
  g_ptr_array_sort (data->letters, compare_letters);
  for (guint i = 0; i < data->letters->len; i++)
    track (self, g_ptr_array_index (data->letters, i), FALSE);

  if (data->problems->len > 0)
    {
      for (guint i = 0; i < data->problems->len; i++)
        g_ptr_array_add (self->problems, carta_draft_problem_copy (g_ptr_array_index (data->problems, i)));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
    }

  g_task_return_boolean (task, TRUE);
}

void
carta_draft_store_load_async (CartaDraftStore     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  LoadData *data;

  g_return_if_fail (CARTA_IS_DRAFT_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_draft_store_load_async);

  data = g_new0 (LoadData, 1);
  data->directory = g_strdup (self->directory);
  data->letters = g_ptr_array_new_with_free_func (g_object_unref);
  data->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_draft_problem_free);

  thread_task = g_task_new (self, cancellable, on_loaded, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, load_in_thread);
  g_task_set_task_data (thread_task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (thread_task, load_in_thread);
}

gboolean
carta_draft_store_load_finish (CartaDraftStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (CARTA_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == carta_draft_store_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * The object
 */

static void
carta_draft_store_dispose (GObject *object)
{
  CartaDraftStore *self = CARTA_DRAFT_STORE (object);
  GHashTableIter iter;
  gpointer value;

  g_cancellable_cancel (self->cancellable);

  /* Writes in flight hold the store; what is not written yet is dropped
   * here, so flush before letting the store go. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;

      g_clear_signal_handler (&entry->changed_id, entry->letter);
      g_clear_handle_id (&entry->autosave_id, g_source_remove);
    }
  if (self->items->len > 0)
    {
      guint n_items = self->items->len;

      g_ptr_array_set_size (self->items, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_items, 0);
    }
  g_hash_table_remove_all (self->entries);

  G_OBJECT_CLASS (carta_draft_store_parent_class)->dispose (object);
}

static void
carta_draft_store_finalize (GObject *object)
{
  CartaDraftStore *self = CARTA_DRAFT_STORE (object);

  g_free (self->directory);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->flushes);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carta_draft_store_parent_class)->finalize (object);
}

static void
carta_draft_store_constructed (GObject *object)
{
  CartaDraftStore *self = CARTA_DRAFT_STORE (object);

  G_OBJECT_CLASS (carta_draft_store_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_build_filename (g_get_user_data_dir (), "carta", "drafts", NULL);
  if (self->autosave_max_ms < self->autosave_delay_ms)
    self->autosave_max_ms = self->autosave_delay_ms;
}

static void
carta_draft_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CartaDraftStore *self = CARTA_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_AUTOSAVE_DELAY_MS:
      g_value_set_uint (value, self->autosave_delay_ms);
      break;
    case PROP_AUTOSAVE_MAX_MS:
      g_value_set_uint (value, self->autosave_max_ms);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PROBLEMS:
      g_value_set_boxed (value, self->problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_draft_store_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CartaDraftStore *self = CARTA_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    case PROP_AUTOSAVE_DELAY_MS:
      self->autosave_delay_ms = g_value_get_uint (value);
      break;
    case PROP_AUTOSAVE_MAX_MS:
      self->autosave_max_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_draft_store_class_init (CartaDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = carta_draft_store_constructed;
  object_class->dispose = carta_draft_store_dispose;
  object_class->finalize = carta_draft_store_finalize;
  object_class->get_property = carta_draft_store_get_property;
  object_class->set_property = carta_draft_store_set_property;

  properties[PROP_DIRECTORY] = g_param_spec_string ("directory", NULL, NULL, NULL, construct);
  /* Tunable for tests and benchmarks; the defaults suit people. */
  properties[PROP_AUTOSAVE_DELAY_MS] = g_param_spec_uint ("autosave-delay-ms", NULL, NULL, 0, 60000,
                                                          CARTA_DRAFT_STORE_AUTOSAVE_DELAY_MS, construct);
  properties[PROP_AUTOSAVE_MAX_MS] = g_param_spec_uint ("autosave-max-ms", NULL, NULL, 0, 60000,
                                                        CARTA_DRAFT_STORE_AUTOSAVE_MAX_MS, construct);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, readable);
  properties[PROP_PROBLEMS] = g_param_spec_boxed ("problems", NULL, NULL, G_TYPE_PTR_ARRAY, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After a letter's file was written (the file then holds the state the
   * letter had when the save began). */
  signals[SIGNAL_LETTER_SAVED] = g_signal_new ("letter-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, CARTA_TYPE_LETTER);
  /* A write or a removal failed (disk full, no permission). The letter
   * stays in memory and is tried again on its next change or a flush. */
  signals[SIGNAL_SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                              CARTA_TYPE_LETTER, G_TYPE_ERROR);
}

static void
carta_draft_store_init (CartaDraftStore *self)
{
  self->items = g_ptr_array_new ();
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_draft_problem_free);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->autosave_delay_ms = CARTA_DRAFT_STORE_AUTOSAVE_DELAY_MS;
  self->autosave_max_ms = CARTA_DRAFT_STORE_AUTOSAVE_MAX_MS;
}

CartaDraftStore *
carta_draft_store_new (const char *directory)
{
  return g_object_new (CARTA_TYPE_DRAFT_STORE, "directory", directory, NULL);
}
