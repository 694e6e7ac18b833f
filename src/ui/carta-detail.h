/* carta-detail.h: the groups of facts campaign and case pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

/* Rows added to a group are remembered on it, so the group can be emptied
 * when the page shows another item. Titles and subtitles are plain text. */
AdwActionRow *carta_detail_add_row      (AdwPreferencesGroup *group,
                                         const char          *title,
                                         const char          *subtitle);
void          carta_detail_clear        (AdwPreferencesGroup *group);
/* Shows the group only when it has rows. */
void          carta_detail_update       (AdwPreferencesGroup *group);

/* The letters on offer, one row each. */
void          carta_detail_add_letters  (AdwPreferencesGroup *group,
                                         GPtrArray           *options,
                                         const char          *action_name);
/* The guidance: its summary as the group's description, a row per rule. */
void          carta_detail_add_guidance (AdwPreferencesGroup *group,
                                         CartaRuleset        *ruleset);
/* "Russian, Belarusian" in the user's language; with autonyms,
 * "Russian (русский), Belarusian (беларуская)". */
char         *carta_detail_languages    (const char * const  *languages,
                                         gboolean             with_autonyms);
/* "Imprisoned", "Released", "Example — not a real person". */
const char   *carta_detail_case_status  (CartaCase           *person);
const char   *carta_detail_role_name    (CartaAddresseeRole   role);

G_END_DECLS
