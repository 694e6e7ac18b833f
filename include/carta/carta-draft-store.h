/* carta-draft-store.h: the letters being written, saved as they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "carta-letter.h"

G_BEGIN_DECLS

/* How long after the last change a letter is saved, and how long at most
 * a change waits while changes keep coming. */
#define CARTA_DRAFT_STORE_AUTOSAVE_DELAY_MS  500
#define CARTA_DRAFT_STORE_AUTOSAVE_MAX_MS    1000

/* A draft file that could not be read, and what became of it. */
typedef struct
{
  char   *file_name;      /* its base name, "ID.json" */
  char   *set_aside_as;   /* its base name now, "ID.json.corrupt"; NULL if it could not be moved */
  GError *error;          /* why it could not be read */
} CartaDraftProblem;

#define CARTA_TYPE_DRAFT_PROBLEM (carta_draft_problem_get_type ())

GType              carta_draft_problem_get_type (void) G_GNUC_CONST;
CartaDraftProblem *carta_draft_problem_copy     (const CartaDraftProblem *problem);
void               carta_draft_problem_free     (CartaDraftProblem       *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaDraftProblem, carta_draft_problem_free)

#define CARTA_TYPE_DRAFT_STORE (carta_draft_store_get_type ())

G_DECLARE_FINAL_TYPE (CartaDraftStore, carta_draft_store, CARTA, DRAFT_STORE, GObject)

/* A GListModel of CartaLetter, newest first (by "modified"); a letter that
 * changes moves to the top. Each letter is one file, ID.json (0600), in
 * @directory (NULL: the user's data directory, carta/drafts), replaced
 * atomically and synced on every save, so a crash loses at most the last
 * second of typing and never leaves a half-written draft. */
CartaDraftStore *carta_draft_store_new              (const char       *directory);
const char      *carta_draft_store_get_directory    (CartaDraftStore  *self);

/* Reads every draft in the directory, in a worker thread, into the model
 * (letters already in it are kept). A draft that cannot be read is renamed
 * ID.json.corrupt and listed in the problems; that is not an error. Fails
 * only when the directory itself cannot be read. Files a crash left half
 * written (ID.json.XXXXXX) are removed. */
void             carta_draft_store_load_async       (CartaDraftStore     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         carta_draft_store_load_finish      (CartaDraftStore     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* The drafts the loads so far have set aside, as CartaDraftProblem
 * (transfer none; notified as "problems" when it grows). */
GPtrArray       *carta_draft_store_get_problems     (CartaDraftStore  *self);

/* Adds @letter to the model and saves it now; from then on it is saved
 * after every change (see the delays above). FALSE if a letter with its id
 * is already there. */
gboolean         carta_draft_store_add              (CartaDraftStore  *self,
                                                     CartaLetter      *letter);
/* The letter with @id, or NULL (transfer none). */
CartaLetter     *carta_draft_store_lookup           (CartaDraftStore  *self,
                                                     const char       *id);

/* Removes @letter from the model and its file from the disk. Keep a
 * reference to @letter to undo: carta_draft_store_restore puts it back and
 * saves it again, as it is now. FALSE if it was not in the store. */
gboolean         carta_draft_store_delete           (CartaDraftStore  *self,
                                                     CartaLetter      *letter);
gboolean         carta_draft_store_restore          (CartaDraftStore  *self,
                                                     CartaLetter      *letter);

/* Saves every letter with unsaved changes now, without waiting for the
 * delay, and finishes when every write and removal has reached the disk.
 * Fails if a letter could not be saved (it stays in memory). For quitting. */
void             carta_draft_store_flush_async      (CartaDraftStore     *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         carta_draft_store_flush_finish     (CartaDraftStore     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Whether a letter has changes not yet on disk, or a write is under way. */
gboolean         carta_draft_store_get_busy         (CartaDraftStore  *self);

G_END_DECLS
