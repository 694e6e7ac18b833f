/* carta-campaign.c: a campaign with the people and addressees it concerns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-campaign.h"
#include "carta-model-private.h"

G_DEFINE_FINAL_TYPE (CartaCampaign, carta_campaign, CARTA_TYPE_ENTITY)

static void
carta_campaign_finalize (GObject *object)
{
  CartaCampaign *self = CARTA_CAMPAIGN (object);

  g_clear_pointer (&self->title, carta_text_unref);
  g_clear_pointer (&self->summary, carta_text_unref);
  g_clear_pointer (&self->description, carta_text_unref);
  g_free (self->region);
  g_clear_pointer (&self->deadline, g_date_free);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_object (&self->ruleset);

  G_OBJECT_CLASS (carta_campaign_parent_class)->finalize (object);
}

/* Titles and summaries in every language the feed has. */
static char *
carta_campaign_collect_search_text (CartaEntity *entity)
{
  CartaCampaign *self = CARTA_CAMPAIGN (entity);
  GString *text = g_string_new (NULL);

  carta_text_append_all_to (self->title, text);
  carta_text_append_all_to (self->summary, text);
  return g_string_free (text, FALSE);
}

static void
carta_campaign_class_init (CartaCampaignClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_campaign_finalize;
  CARTA_ENTITY_CLASS (klass)->collect_search_text = carta_campaign_collect_search_text;
}

static void
carta_campaign_init (CartaCampaign *self)
{
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
  self->targets = g_ptr_array_new_with_free_func (g_object_unref);
  self->templates = g_ptr_array_new_with_free_func (g_object_unref);
  self->channels = g_ptr_array_new_with_free_func (g_object_unref);
}

CartaText *
carta_campaign_get_title (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->title;
}

CartaText *
carta_campaign_get_summary (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->summary;
}

CartaText *
carta_campaign_get_description (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->description;
}

const char *
carta_campaign_get_region (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->region;
}

GDate *
carta_campaign_get_deadline (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->deadline;
}

GPtrArray *
carta_campaign_get_cases (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->cases;
}

GPtrArray *
carta_campaign_get_targets (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->targets;
}

GPtrArray *
carta_campaign_get_templates (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->templates;
}

CartaRuleset *
carta_campaign_get_ruleset (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->ruleset;
}

GPtrArray *
carta_campaign_get_channels (CartaCampaign *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN (self), NULL);
  return self->channels;
}
