/* carta-channel.c: where a campaign or case receives letters online
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-channel.h"

struct _CartaChannel
{
  GObject               parent_instance;

  CartaDeliveryChannel  kind;
  char                 *url;
  CartaText            *name;
};

G_DEFINE_FINAL_TYPE (CartaChannel, carta_channel, G_TYPE_OBJECT)

static void
carta_channel_finalize (GObject *object)
{
  CartaChannel *self = CARTA_CHANNEL (object);

  g_free (self->url);
  g_clear_pointer (&self->name, carta_text_unref);

  G_OBJECT_CLASS (carta_channel_parent_class)->finalize (object);
}

static void
carta_channel_class_init (CartaChannelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_channel_finalize;
}

static void
carta_channel_init (CartaChannel *self)
{
}

CartaChannel *
carta_channel_new (CartaDeliveryChannel  kind,
                   const char           *url,
                   CartaText            *name)
{
  CartaChannel *self;

  g_return_val_if_fail (kind == CARTA_DELIVERY_FORWARD || kind == CARTA_DELIVERY_OSDI, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CARTA_TYPE_CHANNEL, NULL);
  self->kind = kind;
  self->url = g_strdup (url);
  self->name = carta_text_ref (name);
  return self;
}

CartaDeliveryChannel
carta_channel_get_kind (CartaChannel *self)
{
  g_return_val_if_fail (CARTA_IS_CHANNEL (self), CARTA_DELIVERY_FORWARD);
  return self->kind;
}

const char *
carta_channel_get_url (CartaChannel *self)
{
  g_return_val_if_fail (CARTA_IS_CHANNEL (self), NULL);
  return self->url;
}

CartaText *
carta_channel_get_name (CartaChannel *self)
{
  g_return_val_if_fail (CARTA_IS_CHANNEL (self), NULL);
  return self->name;
}
