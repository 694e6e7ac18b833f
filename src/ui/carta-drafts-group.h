/* carta-drafts-group.h: the letters being written, on the main page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-application.h"

G_BEGIN_DECLS

#define CARTA_TYPE_DRAFTS_GROUP (carta_drafts_group_get_type ())

G_DECLARE_FINAL_TYPE (CartaDraftsGroup, carta_drafts_group, CARTA, DRAFTS_GROUP, AdwBin)

/* Lists @application's drafts, newest first, and follows their changes. */
void   carta_drafts_group_set_application (CartaDraftsGroup *self,
                                           CartaApplication *application);
/* Rows on show, for tests: drafts, and the undo row after a deletion. */
guint  carta_drafts_group_get_n_drafts    (CartaDraftsGroup *self);
/* Deletes the @index-th draft, offering undo, as its delete button does. */
void   carta_drafts_group_delete          (CartaDraftsGroup *self,
                                           guint             index);
/* Undoes the last deletion, as the Undo button does. */
void   carta_drafts_group_undo            (CartaDraftsGroup *self);
/* Saves every written draft into one PDF at @file, in a worker thread, as
 * Save All as PDF does once a file is chosen. */
void   carta_drafts_group_save_all_to     (CartaDraftsGroup *self,
                                           GFile            *file);
/* Whether a Save All as PDF is under way. */
gboolean carta_drafts_group_get_saving    (CartaDraftsGroup *self);

G_END_DECLS
