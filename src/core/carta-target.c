/* carta-target.c: an official, institution, company or representative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-target.h"
#include "carta-model-private.h"

G_DEFINE_FINAL_TYPE (CartaTarget, carta_target, CARTA_TYPE_ENTITY)

static void
carta_target_finalize (GObject *object)
{
  CartaTarget *self = CARTA_TARGET (object);

  g_clear_pointer (&self->title, carta_text_unref);
  g_clear_pointer (&self->organization, carta_text_unref);
  g_clear_pointer (&self->salutation, carta_text_unref);
  g_clear_pointer (&self->address, carta_address_unref);
  g_free (self->email);

  G_OBJECT_CLASS (carta_target_parent_class)->finalize (object);
}

static char *
carta_target_collect_search_text (CartaEntity *entity)
{
  CartaTarget *self = CARTA_TARGET (entity);
  GString *text = g_string_new (NULL);

  carta_text_append_all_to (self->title, text);
  carta_text_append_all_to (self->organization, text);
  return g_string_free (text, FALSE);
}

static void
carta_target_class_init (CartaTargetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_target_finalize;
  CARTA_ENTITY_CLASS (klass)->collect_search_text = carta_target_collect_search_text;
}

static void
carta_target_init (CartaTarget *self)
{
}

CartaAddresseeRole
carta_target_get_role (CartaTarget *self)
{
  g_return_val_if_fail (CARTA_IS_TARGET (self), CARTA_ADDRESSEE_OFFICIAL);
  return self->role;
}

CartaText *
carta_target_get_title (CartaTarget *self)
{
  g_return_val_if_fail (CARTA_IS_TARGET (self), NULL);
  return self->title;
}

CartaText *
carta_target_get_organization (CartaTarget *self)
{
  g_return_val_if_fail (CARTA_IS_TARGET (self), NULL);
  return self->organization;
}

CartaText *
carta_target_get_salutation (CartaTarget *self)
{
  g_return_val_if_fail (CARTA_IS_TARGET (self), NULL);
  return self->salutation;
}

CartaAddress *
carta_target_get_address (CartaTarget *self)
{
  g_return_val_if_fail (CARTA_IS_TARGET (self), NULL);
  return self->address;
}

const char *
carta_target_get_email (CartaTarget *self)
{
  g_return_val_if_fail (CARTA_IS_TARGET (self), NULL);
  return self->email;
}

gboolean
carta_target_get_user_supplied (CartaTarget *self)
{
  g_return_val_if_fail (CARTA_IS_TARGET (self), FALSE);
  return self->user_supplied;
}
