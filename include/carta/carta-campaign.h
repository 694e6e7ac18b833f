/* carta-campaign.h: a campaign with the people and addressees it concerns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-entity.h"
#include "carta-text.h"
#include "carta-case.h"
#include "carta-target.h"
#include "carta-template.h"
#include "carta-ruleset.h"
#include "carta-channel.h"

G_BEGIN_DECLS

#define CARTA_TYPE_CAMPAIGN (carta_campaign_get_type ())

G_DECLARE_FINAL_TYPE (CartaCampaign, carta_campaign, CARTA, CAMPAIGN, CartaEntity)

CartaText    *carta_campaign_get_title       (CartaCampaign *self);
CartaText    *carta_campaign_get_summary     (CartaCampaign *self);
CartaText    *carta_campaign_get_description (CartaCampaign *self);
/* "RU", "BY", or NULL for campaigns that are not about one country. */
const char   *carta_campaign_get_region      (CartaCampaign *self);
/* The date to write before, or NULL. */
GDate        *carta_campaign_get_deadline    (CartaCampaign *self);
/* GPtrArrays of CartaCase, CartaTarget and CartaTemplate. */
GPtrArray    *carta_campaign_get_cases       (CartaCampaign *self);
GPtrArray    *carta_campaign_get_targets     (CartaCampaign *self);
GPtrArray    *carta_campaign_get_templates   (CartaCampaign *self);
CartaRuleset *carta_campaign_get_ruleset     (CartaCampaign *self);
/* A GPtrArray of CartaChannel where the campaign's letters can be submitted;
 * empty when there is none. */
GPtrArray    *carta_campaign_get_channels    (CartaCampaign *self);

G_END_DECLS
