/* carta-spell.h: spell checking in a letter's language (enchant-2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTA_TYPE_SPELL_CHECKER (carta_spell_checker_get_type ())

G_DECLARE_FINAL_TYPE (CartaSpellChecker, carta_spell_checker, CARTA, SPELL_CHECKER, GObject)

typedef struct
{
  /* Byte offsets of a misspelt word in the checked text. */
  gsize start;
  gsize end;
} CartaMisspelling;

/* A checker for @lang ("ru", "be", "en"…), or NULL when no dictionary
 * for it is installed. */
CartaSpellChecker *carta_spell_checker_new        (const char        *lang);
const char        *carta_spell_checker_get_language (CartaSpellChecker *self);
gboolean           carta_spell_checker_check_word (CartaSpellChecker *self,
                                                   const char        *word,
                                                   gssize             length);
/* Up to @max suggestions for a misspelt word. */
GStrv              carta_spell_checker_suggest    (CartaSpellChecker *self,
                                                   const char        *word,
                                                   gssize             length,
                                                   guint              max);
/* Every misspelt word of @text: a GArray of CartaMisspelling. Words with
 * digits, and words in another script than the dictionary's, are left to
 * the guidance checker. */
GArray            *carta_spell_checker_check_text (CartaSpellChecker *self,
                                                   const char        *text);
/* The letter languages for which a dictionary is installed. */
GStrv              carta_spell_checker_list_languages (void);

G_END_DECLS
