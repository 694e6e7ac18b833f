/* carta-ruleset.c: guidance that keeps letters from being withheld
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-ruleset.h"
#include "carta-model-private.h"

G_DEFINE_FINAL_TYPE (CartaRuleset, carta_ruleset, CARTA_TYPE_ENTITY)

void
carta_rule_free (CartaRule *rule)
{
  if (rule == NULL)
    return;

  g_free (rule->id);
  g_free (rule->category);
  g_strfreev (rule->languages);
  g_clear_pointer (&rule->patterns, g_ptr_array_unref);
  g_clear_pointer (&rule->title, carta_text_unref);
  g_clear_pointer (&rule->explanation, carta_text_unref);
  g_free (rule);
}

gboolean
carta_rule_applies_to (const CartaRule *rule,
                       const char      *lang)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  if (rule->languages == NULL || rule->languages[0] == NULL)
    return TRUE;

  return lang != NULL && g_strv_contains ((const char * const *) rule->languages, lang);
}

static void
carta_ruleset_finalize (GObject *object)
{
  CartaRuleset *self = CARTA_RULESET (object);

  g_clear_pointer (&self->title, carta_text_unref);
  g_clear_pointer (&self->summary, carta_text_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);

  G_OBJECT_CLASS (carta_ruleset_parent_class)->finalize (object);
}

static char *
carta_ruleset_collect_search_text (CartaEntity *entity)
{
  GString *text = g_string_new (NULL);

  carta_text_append_all_to (CARTA_RULESET (entity)->title, text);
  return g_string_free (text, FALSE);
}

static void
carta_ruleset_class_init (CartaRulesetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_ruleset_finalize;
  CARTA_ENTITY_CLASS (klass)->collect_search_text = carta_ruleset_collect_search_text;
}

static void
carta_ruleset_init (CartaRuleset *self)
{
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_rule_free);
}

CartaText *
carta_ruleset_get_title (CartaRuleset *self)
{
  g_return_val_if_fail (CARTA_IS_RULESET (self), NULL);
  return self->title;
}

CartaText *
carta_ruleset_get_summary (CartaRuleset *self)
{
  g_return_val_if_fail (CARTA_IS_RULESET (self), NULL);
  return self->summary;
}

GPtrArray *
carta_ruleset_get_rules (CartaRuleset *self)
{
  g_return_val_if_fail (CARTA_IS_RULESET (self), NULL);
  return self->rules;
}
