/* carta-campaign-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_CAMPAIGN_PAGE (carta_campaign_page_get_type ())

G_DECLARE_FINAL_TYPE (CartaCampaignPage, carta_campaign_page, CARTA, CAMPAIGN_PAGE, AdwBin)

void           carta_campaign_page_set_campaign (CartaCampaignPage *self,
                                                 CartaCampaign     *campaign);
CartaCampaign *carta_campaign_page_get_campaign (CartaCampaignPage *self);

G_END_DECLS
