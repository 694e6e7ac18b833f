/* carta-import-task.h: lists of prisoners read, kept and removed off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <carta/carta.h>

G_BEGIN_DECLS

/* What importing a list did. */
typedef struct {
  CartaImportResult *result;
  /* People in the list now; of them, those Carta did not have from an
   * earlier import of the same list, and those it had and updated. */
  guint              n_people;
  guint              n_new;
  guint              n_updated;
  /* People of the earlier import who are no longer in the list. */
  guint              n_gone;
  /* Set when the people are shown but the list could not be kept for the
   * next start. */
  GError            *save_error;
} CartaImportOutcome;

void carta_import_outcome_free (CartaImportOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaImportOutcome, carta_import_outcome_free)

/* Reads @file (CSV or JSON, at most CARTA_IMPORT_MAX_SIZE bytes) and
 * imports it in a worker thread, keeps the result in @dir, and replaces the
 * list's earlier people in @catalog in one change. A list in which no one
 * could be imported changes nothing: its problems are in the outcome. */
void                carta_import_file_async  (GFile               *file,
                                              CartaCatalog        *catalog,
                                              const char          *dir,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CartaImportOutcome *carta_import_file_finish (GAsyncResult        *result,
                                              GError             **error);

/* Reads every list kept in @dir in a worker thread and adds them to
 * @catalog; @callback gets messages for the user about damaged files. */
void                carta_import_load_kept_async  (CartaCatalog        *catalog,
                                                   const char          *dir,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* A GPtrArray of messages (char *), empty when every list was read. */
GPtrArray          *carta_import_load_kept_finish (GAsyncResult        *result,
                                                   GError             **error);

/* Deletes the kept list @source_id from @dir in a worker thread, then
 * takes its people out of @catalog. */
void                carta_import_remove_async  (CartaCatalog        *catalog,
                                                const char          *dir,
                                                const char          *source_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean            carta_import_remove_finish (GAsyncResult        *result,
                                                GError             **error);

/* TRUE for the sources imports give (their ids start with "import-"). */
gboolean            carta_import_is_import_source (const char *source_id);
/* The list's name for the user: "Viasna’s list of political prisoners". */
char               *carta_import_describe_source  (CartaFeed  *feed);

G_END_DECLS
