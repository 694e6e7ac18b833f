/* carta-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "carta-application.h"
#include "carta-drafts-group.h"

G_BEGIN_DECLS

#define CARTA_TYPE_WINDOW (carta_window_get_type ())

G_DECLARE_FINAL_TYPE (CartaWindow, carta_window, CARTA, WINDOW, AdwApplicationWindow)

CartaWindow *carta_window_new            (CartaApplication *application);
/* What the sidebar shows now, after the search: campaigns, then people. */
GListModel  *carta_window_get_results    (CartaWindow      *self);
void         carta_window_set_search     (CartaWindow      *self,
                                          const char       *text);
/* Shows the page of a campaign or case (by uid); FALSE if it is not there. */
gboolean     carta_window_show_entity    (CartaWindow      *self,
                                          const char       *uid);
/* The name of the visible state of the content: "loading", "empty",
 * "error", "campaign" or "case". */
const char  *carta_window_get_content    (CartaWindow      *self);

/* How many birthdays and deadlines the first page lists now. */
guint        carta_window_get_n_reminders (CartaWindow     *self);

/* The letters in progress on the first page. */
CartaDraftsGroup *carta_window_get_drafts_group (CartaWindow *self);

void         carta_window_add_toast      (CartaWindow      *self,
                                          AdwToast         *toast);
/* A problem the user should know about (plain text), with its details
 * behind a button. */
void         carta_window_report         (CartaWindow      *self,
                                          const char       *title,
                                          const char       *details);

G_END_DECLS
