/* carta-case.h: a person to write to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-entity.h"
#include "carta-text.h"
#include "carta-address.h"
#include "carta-types.h"
#include "carta-channel.h"

G_BEGIN_DECLS

#define CARTA_TYPE_CASE (carta_case_get_type ())

G_DECLARE_FINAL_TYPE (CartaCase, carta_case, CARTA, CASE, CartaEntity)

typedef struct _CartaRuleset CartaRuleset;

/* Name in the native script ("Горинов Алексей Александрович"). */
const char         *carta_case_get_name                (CartaCase   *self);
/* Name in Latin script ("Alexei Gorinov"); may be NULL. */
const char         *carta_case_get_name_latin          (CartaCase   *self);
/* A grammatical form of the name for a language ("ru", "dative"); NULL if unknown. */
const char         *carta_case_get_name_form           (CartaCase   *self,
                                                        const char  *lang,
                                                        const char  *form);
/* 0 when unknown. */
guint               carta_case_get_birth_year          (CartaCase   *self);
/* The full date of birth when the feed gives it (for birthday reminders), or NULL. */
GDate              *carta_case_get_birth_date          (CartaCase   *self);
CartaCaseStatus     carta_case_get_status              (CartaCase   *self);
/* ISO 3166-1 alpha-2 code of the country holding the person ("RU", "BY"). */
const char         *carta_case_get_country             (CartaCase   *self);
CartaText          *carta_case_get_story               (CartaCase   *self);
/* A GPtrArray of CartaText, one per interest. */
GPtrArray          *carta_case_get_interests           (CartaCase   *self);
CartaText          *carta_case_get_facility            (CartaCase   *self);
CartaAddress       *carta_case_get_address             (CartaCase   *self);
const char * const *carta_case_get_letter_languages    (CartaCase   *self);
/* What the feed says, and FALSE for released or deceased people. */
gboolean            carta_case_get_can_receive_letters (CartaCase   *self);
/* A demo case is not a real person: letters can be written, never delivered. */
gboolean            carta_case_get_is_demo             (CartaCase   *self);
/* The guidance that applies to letters to this person; may be NULL. */
CartaRuleset       *carta_case_get_ruleset             (CartaCase   *self);
/* A GPtrArray of CartaTemplate the case offers. */
GPtrArray          *carta_case_get_templates           (CartaCase   *self);
/* A GPtrArray of CartaChannel where letters to the person can be submitted;
 * empty when there is none. */
GPtrArray          *carta_case_get_channels            (CartaCase   *self);

G_END_DECLS
