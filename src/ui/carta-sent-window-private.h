/* carta-sent-window-private.h: what the Sent Letters tests may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-sent-window.h"

G_BEGIN_DECLS

/* As Export as CSV… and Export as JSON… do once a file is chosen. */
void      carta_sent_window_export_to      (CartaSentWindow          *self,
                                            CartaHistoryExportFormat  format,
                                            GFile                    *file);
/* Whether an export is still being written. */
gboolean  carta_sent_window_get_busy       (CartaSentWindow          *self);
/* Rows on show: letters in the outbox, and letters in the history. */
guint     carta_sent_window_get_n_waiting  (CartaSentWindow          *self);
guint     carta_sent_window_get_n_shown    (CartaSentWindow          *self);

G_END_DECLS
