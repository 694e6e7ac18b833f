/* carta-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta-feed-manager.h>
#include <carta/carta-profile.h>

G_BEGIN_DECLS

#define CARTA_TYPE_PREFERENCES_WINDOW (carta_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CartaPreferencesWindow, carta_preferences_window, CARTA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Preferences stored in @settings (schema io.github.carta.Carta); the feeds'
 * states come from @manager. */
GtkWidget *carta_preferences_window_new (GtkWindow        *parent,
                                         GSettings        *settings,
                                         CartaFeedManager *manager);

/* The sender profiles to edit on the Senders page. */
void       carta_preferences_window_set_profiles (CartaPreferencesWindow *self,
                                                  CartaProfileStore      *profiles);

/* The imported lists among @catalog's sources, kept in @dir. */
void       carta_preferences_window_set_imports  (CartaPreferencesWindow *self,
                                                  CartaCatalog           *catalog,
                                                  const char             *dir);

G_END_DECLS
