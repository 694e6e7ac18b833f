/* carta-channel.h: where a campaign or case receives letters online
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "carta-delivery.h"
#include "carta-text.h"

G_BEGIN_DECLS

#define CARTA_TYPE_CHANNEL (carta_channel_get_type ())

G_DECLARE_FINAL_TYPE (CartaChannel, carta_channel, CARTA, CHANNEL, GObject)

/* A submission channel a feed offers: @kind is CARTA_DELIVERY_FORWARD or
 * CARTA_DELIVERY_OSDI, @url the endpoint letters are posted to, and @name
 * the organization that receives them there. Immutable. */
CartaChannel        *carta_channel_new      (CartaDeliveryChannel  kind,
                                             const char           *url,
                                             CartaText            *name);

CartaDeliveryChannel carta_channel_get_kind (CartaChannel         *self);
const char          *carta_channel_get_url  (CartaChannel         *self);
CartaText           *carta_channel_get_name (CartaChannel         *self);

G_END_DECLS
