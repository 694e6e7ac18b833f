/* carta-history.h: every letter that left the machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "carta-delivery.h"

G_BEGIN_DECLS

#define CARTA_TYPE_HISTORY (carta_history_get_type ())

G_DECLARE_FINAL_TYPE (CartaHistory, carta_history, CARTA, HISTORY, GObject)

typedef enum {
  CARTA_HISTORY_EXPORT_CSV,   /* RFC 4180, UTF-8, one letter a row */
  CARTA_HISTORY_EXPORT_JSON,
} CartaHistoryExportFormat;

/* A GListModel of CartaDelivery (state SENT), oldest first, kept in @path
 * (NULL: the user's data directory, carta/history.jsonl): one JSON object
 * a line, appended and synced to disk, never rewritten. */
CartaHistory *carta_history_new             (const char    *path);
const char   *carta_history_get_path        (CartaHistory  *self);

/* Reads the file in a worker thread. A damaged line (the last one, torn by
 * a crash, or any other) is skipped and counted in @skipped. A missing
 * file is an empty history, not an error. */
void          carta_history_load_async      (CartaHistory        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      carta_history_load_finish     (CartaHistory        *self,
                                             GAsyncResult        *result,
                                             guint               *skipped,
                                             GError             **error);

/* Records @record (a sent delivery, or one made by
 * carta_delivery_new_record) on disk, then in the model. Appends made
 * together share one sync. A delivery whose id is already recorded is not
 * recorded twice. */
void          carta_history_append_async    (CartaHistory        *self,
                                             CartaDelivery       *record,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      carta_history_append_finish   (CartaHistory        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

gboolean      carta_history_contains        (CartaHistory        *self,
                                             const char          *delivery_id);
guint         carta_history_get_total       (CartaHistory        *self);
guint         carta_history_count_for_case  (CartaHistory        *self,
                                             const char          *case_uid);
guint         carta_history_count_for_campaign (CartaHistory     *self,
                                             const char          *campaign_uid);

/* The history as text in @format (what the export writes). */
char         *carta_history_to_text         (CartaHistory             *self,
                                             CartaHistoryExportFormat  format);
/* Writes the history to @file, replacing it, in a worker thread. */
void          carta_history_export_async    (CartaHistory             *self,
                                             CartaHistoryExportFormat  format,
                                             GFile                    *file,
                                             GCancellable             *cancellable,
                                             GAsyncReadyCallback       callback,
                                             gpointer                  user_data);
gboolean      carta_history_export_finish   (CartaHistory             *self,
                                             GAsyncResult             *result,
                                             GError                  **error);

G_END_DECLS
