/* carta-profile.h: who a letter is from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People often write under a real name to officials and under one
 * consistent pseudonym to prisoners; each is a profile.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CARTA_TYPE_PROFILE (carta_profile_get_type ())

G_DECLARE_FINAL_TYPE (CartaProfile, carta_profile, CARTA, PROFILE, GObject)

CartaProfile *carta_profile_new                (void);
const char   *carta_profile_get_id             (CartaProfile *self);
/* What the user calls the profile: "Letters to prisoners". */
const char   *carta_profile_get_label          (CartaProfile *self);
void          carta_profile_set_label          (CartaProfile *self,
                                                const char   *label);
/* The name letters are signed with: a real name or a pseudonym. */
const char   *carta_profile_get_name           (CartaProfile *self);
void          carta_profile_set_name           (CartaProfile *self,
                                                const char   *name);
gboolean      carta_profile_get_is_pseudonym   (CartaProfile *self);
void          carta_profile_set_is_pseudonym   (CartaProfile *self,
                                                gboolean      is_pseudonym);
const char   *carta_profile_get_city           (CartaProfile *self);
void          carta_profile_set_city           (CartaProfile *self,
                                                const char   *city);
/* ISO 3166-1 alpha-2 code of the country the sender lives in, or NULL. */
const char   *carta_profile_get_country        (CartaProfile *self);
void          carta_profile_set_country        (CartaProfile *self,
                                                const char   *country);
/* Optional: lines separated by "\n"; NULL when letters carry none. */
const char   *carta_profile_get_return_address (CartaProfile *self);
void          carta_profile_set_return_address (CartaProfile *self,
                                                const char   *return_address);
const char   *carta_profile_get_email          (CartaProfile *self);
void          carta_profile_set_email          (CartaProfile *self,
                                                const char   *email);
/* TRUE when the sender lives where writing such letters is dangerous
 * (Russia, Belarus): the UI then explains the risks. */
gboolean      carta_profile_is_at_risk         (CartaProfile *self);

#define CARTA_TYPE_PROFILE_STORE (carta_profile_store_get_type ())

G_DECLARE_FINAL_TYPE (CartaProfileStore, carta_profile_store, CARTA, PROFILE_STORE, GObject)

/* A GListModel of CartaProfile kept in @path (NULL: the user's config
 * directory, carta/profiles.json), written atomically by save_async. */
CartaProfileStore *carta_profile_store_new         (const char         *path);
void               carta_profile_store_load_async  (CartaProfileStore  *self,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean           carta_profile_store_load_finish (CartaProfileStore  *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void               carta_profile_store_add         (CartaProfileStore  *self,
                                                    CartaProfile       *profile);
void               carta_profile_store_remove      (CartaProfileStore  *self,
                                                    CartaProfile       *profile);
CartaProfile      *carta_profile_store_lookup      (CartaProfileStore  *self,
                                                    const char         *id);
void               carta_profile_store_save_async  (CartaProfileStore  *self,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean           carta_profile_store_save_finish (CartaProfileStore  *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

G_END_DECLS
