/* carta-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_APPLICATION (carta_application_get_type ())

G_DECLARE_FINAL_TYPE (CartaApplication, carta_application, CARTA, APPLICATION, AdwApplication)

CartaApplication *carta_application_new            (void);
/* The catalog every window shows: the bundled catalog and the user's feeds. */
CartaCatalog     *carta_application_get_catalog    (CartaApplication *self);
CartaFeedManager *carta_application_get_feeds      (CartaApplication *self);
GSettings        *carta_application_get_settings   (CartaApplication *self);
/* The letters being written, and whom they are from. */
CartaDraftStore  *carta_application_get_drafts     (CartaApplication *self);
CartaProfileStore *carta_application_get_profiles  (CartaApplication *self);
/* Every letter printed, saved, emailed or submitted. */
CartaHistory     *carta_application_get_history    (CartaApplication *self);
/* Letters submitted online, until they are sent. */
CartaOutbox      *carta_application_get_outbox     (CartaApplication *self);
/* The paper letters are laid out on: the preference, or the locale's. */
CartaPaper        carta_application_get_paper      (CartaApplication *self);
/* TRUE while the bundled catalog is being read. */
gboolean          carta_application_get_loading    (CartaApplication *self);
/* Why the bundled catalog could not be read, or NULL. */
const char       *carta_application_get_load_error (CartaApplication *self);
/* The people the user added by hand: a source of the catalog that follows
 * the store's changes. */
CartaPeople      *carta_application_get_people     (CartaApplication *self);
/* Writes the people in a worker thread; a failure is reported. */
void              carta_application_save_people    (CartaApplication *self);
/* Where imported lists are kept. */
const char       *carta_application_get_imports_dir (CartaApplication *self);
/* Tells the user about a problem (plain text): in the window, or as soon
 * as there is one. */
void              carta_application_report         (CartaApplication *self,
                                                    const char       *title,
                                                    const char       *details);

G_END_DECLS
