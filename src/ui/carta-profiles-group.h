/* carta-profiles-group.h: the sender profiles, edited and removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_PROFILES_GROUP (carta_profiles_group_get_type ())

G_DECLARE_FINAL_TYPE (CartaProfilesGroup, carta_profiles_group, CARTA, PROFILES_GROUP, AdwBin)

/* Shows @store's profiles; edits are saved half a second after the last. */
void carta_profiles_group_set_store (CartaProfilesGroup *self,
                                     CartaProfileStore  *store);
/* Removes a profile and saves, as the confirmation of its Delete does. */
void carta_profiles_group_remove    (CartaProfilesGroup *self,
                                     CartaProfile       *profile);

G_END_DECLS
