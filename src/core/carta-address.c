/* carta-address.c: a postal address as printed lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-address.h"

struct _CartaAddress
{
  gatomicrefcount  ref_count;
  GStrv            lines;
  char            *country;
};

G_DEFINE_BOXED_TYPE (CartaAddress, carta_address, carta_address_ref, carta_address_unref)

CartaAddress *
carta_address_new (const char * const *lines,
                   const char         *country)
{
  CartaAddress *self = g_new0 (CartaAddress, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->lines = g_strdupv ((char **) lines);
  if (self->lines == NULL)
    self->lines = g_new0 (char *, 1);
  self->country = g_strdup (country);
  return self;
}

CartaAddress *
carta_address_ref (CartaAddress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
carta_address_unref (CartaAddress *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_strfreev (self->lines);
      g_free (self->country);
      g_free (self);
    }
}

const char * const *
carta_address_get_lines (const CartaAddress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->lines;
}

const char *
carta_address_get_country (const CartaAddress *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->country;
}

/* The lines and then the country, one per line, as on an envelope. */
char *
carta_address_to_string (const CartaAddress *self)
{
  g_autoptr(GString) str = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->lines[i] != NULL; i++)
    {
      if (str->len > 0)
        g_string_append_c (str, '\n');
      g_string_append (str, self->lines[i]);
    }
  if (self->country != NULL && *self->country != '\0')
    {
      if (str->len > 0)
        g_string_append_c (str, '\n');
      g_string_append (str, self->country);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}
