/* carta-letter-options.h: which letters a case or a campaign offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-campaign.h"
#include "carta-case.h"
#include "carta-catalog.h"
#include "carta-letter.h"
#include "carta-target.h"
#include "carta-template.h"

G_BEGIN_DECLS

typedef struct
{
  CartaTemplate *template;
  /* The person written to or about; NULL for letters about a cause. */
  CartaCase     *person;
  /* The addressee when it is not the prisoner; NULL for solidarity letters. */
  CartaTarget   *target;
  /* The languages the letter can be written in: those of the template
   * that the addressee accepts (a Russian prison: Russian only). */
  GStrv          languages;
} CartaLetterOption;

void       carta_letter_option_free       (CartaLetterOption *option);

/* The letters that can be written from a case's page or a campaign's page:
 * only those whose addressee is known (or one the writer fills in, such as
 * their own representative) and, for letters to a prisoner, only where the
 * person can receive letters (or is the demo person). Either argument may be
 * NULL. Returns a GPtrArray of CartaLetterOption. */
GPtrArray *carta_letter_options_for       (CartaCase          *person,
                                           CartaCampaign      *campaign);
/* The language to start with: the first of @preferred (the writer's default
 * letter language, then the UI's) that the option has, else its first. */
/* The option @letter was begun from, among those its case or campaign in
 * @catalog offers, matched by template and addressee; NULL when the
 * catalog no longer offers it. */
CartaLetterOption *carta_letter_option_find (CartaCatalog *catalog,
                                             CartaLetter  *letter);
const char *carta_letter_option_pick_language (const CartaLetterOption *option,
                                               const char * const      *preferred);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaLetterOption, carta_letter_option_free)

G_END_DECLS
