/* carta-composer.h: the window in which a letter is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-application.h"

G_BEGIN_DECLS

#define CARTA_TYPE_COMPOSER (carta_composer_get_type ())

G_DECLARE_FINAL_TYPE (CartaComposer, carta_composer, CARTA, COMPOSER, AdwWindow)

/* A new letter about @person and/or @campaign (either may be NULL, not
 * both), starting with the @option_index-th letter they offer
 * (carta_letter_options_for). */
CartaComposer *carta_composer_new            (CartaApplication *application,
                                              CartaCase        *person,
                                              CartaCampaign    *campaign,
                                              guint             option_index);
/* A draft, reopened where it was left. */
CartaComposer *carta_composer_new_for_letter (CartaApplication *application,
                                              CartaLetter      *letter);

CartaLetter   *carta_composer_get_letter     (CartaComposer    *self);
/* "kind", "language", "sender", "write" or "preview". */
const char    *carta_composer_get_step       (CartaComposer    *self);

G_END_DECLS
