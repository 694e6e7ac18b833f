/* carta-compose.h: from a template to a letter's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-campaign.h"
#include "carta-letter.h"
#include "carta-renderer.h"
#include "carta-case.h"
#include "carta-profile.h"
#include "carta-target.h"
#include "carta-template.h"

G_BEGIN_DECLS

typedef struct
{
  /* The template paragraph's id, or NULL for text the writer added. */
  char *id;
  char *text;
} CartaComposedParagraph;

void        carta_composed_paragraph_free (CartaComposedParagraph *paragraph);

/* The values of the placeholders for a letter in @lang: placeholder name →
 * text. Any of the objects may be NULL; what cannot be known is left out
 * (a Russian letter needs the dative form of the name: from the feed, or
 * typed by the writer). @date is the letter's date. */
GHashTable *carta_compose_values_new      (CartaCase     *person,
                                           CartaTarget   *target,
                                           CartaCampaign *campaign,
                                           CartaProfile  *sender,
                                           const char    *lang,
                                           GDateTime     *date);

/* @text with every {placeholder} replaced from @values and "{{" / "}}"
 * unescaped. A placeholder without a value stays as "{name}" so that the
 * writer sees it, and its name is added to @missing when given. */
char       *carta_compose_fill            (const char    *text,
                                           GHashTable    *values,
                                           GPtrArray     *missing);

/* The template's paragraphs in @lang, filled in: the mandatory ones, and
 * the optional ones listed in @enabled (NULL: each optional paragraph's
 * default). The closing is the last paragraph, with id "closing". Returns a
 * GPtrArray of CartaComposedParagraph, or NULL when the template lacks @lang. */
GPtrArray  *carta_compose_paragraphs      (CartaTemplate      *template,
                                           const char         *lang,
                                           GHashTable         *values,
                                           const char * const *enabled,
                                           GPtrArray          *missing);

/* The paragraphs joined with blank lines: the letter's body. */
char       *carta_compose_join            (GPtrArray          *paragraphs);
/* A body split back into paragraphs at blank lines (ids left NULL). */
GPtrArray  *carta_compose_split           (const char         *body);

/* Letter values the writer types for an addressee they supply themselves
 * (their representative, their bank): a name, and the postal address as
 * lines separated by "\n". */
#define CARTA_VALUE_TARGET_NAME     "target_name"
#define CARTA_VALUE_TARGET_ADDRESS  "target_address"

/* What @letter puts on paper: the sender block (the profile's name and,
 * only when the profile has one, its return address), the addressee block
 * (the prisoner's, the target's, or the one the writer typed for a target
 * they supply), @date in the letter's language, the body and the signature.
 * Every argument but @letter may be NULL. */
CartaPrintable *carta_compose_printable   (CartaLetter   *letter,
                                           CartaCase     *person,
                                           CartaTarget   *target,
                                           CartaProfile  *sender,
                                           GDateTime     *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaComposedParagraph, carta_composed_paragraph_free)

G_END_DECLS
