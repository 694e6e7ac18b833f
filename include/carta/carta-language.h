/* carta-language.h: what a letter's language needs, whatever the UI's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A letter can be written in a language whose locale is not installed,
 * so dates and lists are written from tables here, not with the C library.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "22 ноября 2026 г.", "22 November 2026", "22. November 2026". */
char        *carta_language_format_date (const char          *lang,
                                         GDateTime           *date);
/* "chess, books and music" in the language's own words. */
char        *carta_language_join_list   (const char          *lang,
                                         const char * const  *items);
/* The language's name in itself ("русский", "беларуская"); NULL if unknown. */
const char  *carta_language_get_autonym (const char          *lang);
/* TRUE for scripts written right to left (Hebrew, Arabic). */
gboolean     carta_language_is_rtl      (const char          *lang);
/* The main script of a language: "Cyrl", "Latn", "Geor", "Hebr"; NULL if unknown. */
const char  *carta_language_get_script  (const char          *lang);

G_END_DECLS
