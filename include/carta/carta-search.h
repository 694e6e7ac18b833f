/* carta-search.h: search that matches across scripts and accents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folds @text to a search key: lower case, accents removed, Cyrillic
 * transliterated to Latin, and the usual romanisation variants made equal
 * ("Бяляцкі", "Bialiatski" and "Byalyatsky" fold alike; so do "Łódź" and
 * "lodz"). Words are separated by single spaces. */
char     *carta_search_fold    (const char *text);
/* TRUE when every word of @folded_query occurs in @folded_key. */
gboolean  carta_search_matches (const char *folded_key,
                                const char *folded_query);

G_END_DECLS
