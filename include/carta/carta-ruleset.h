/* carta-ruleset.h: guidance that keeps letters from being withheld
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-entity.h"
#include "carta-text.h"

G_BEGIN_DECLS

#define CARTA_TYPE_RULESET (carta_ruleset_get_type ())

G_DECLARE_FINAL_TYPE (CartaRuleset, carta_ruleset, CARTA, RULESET, CartaEntity)

typedef enum {
  CARTA_RULE_ADVICE,
  CARTA_RULE_WARNING,
} CartaRuleSeverity;

typedef struct
{
  char              *id;
  /* "war", "case-details", "insult", "latin-script", "abbreviation", … */
  char              *category;
  CartaRuleSeverity  severity;
  /* The letter languages the rule applies to; empty means all. */
  GStrv              languages;
  /* Case-insensitive regular expressions; a match marks the text. */
  GPtrArray         *patterns;   /* of GRegex */
  CartaText         *title;
  CartaText         *explanation;
} CartaRule;

CartaText *carta_ruleset_get_title       (CartaRuleset *self);
CartaText *carta_ruleset_get_summary     (CartaRuleset *self);
/* CartaRule structs owned by the ruleset, in order. */
GPtrArray *carta_ruleset_get_rules       (CartaRuleset *self);
gboolean   carta_rule_applies_to         (const CartaRule *rule,
                                          const char      *lang);

G_END_DECLS
