/* carta-address.h: a postal address as printed lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTA_TYPE_ADDRESS (carta_address_get_type ())

/* The lines are printed as given, in the destination's script (Cyrillic
 * for Russia and Belarus); the country line is in Latin letters so that
 * the sender's post office can route it. */
typedef struct _CartaAddress CartaAddress;

GType               carta_address_get_type    (void) G_GNUC_CONST;
CartaAddress       *carta_address_new         (const char * const *lines,
                                               const char         *country);
CartaAddress       *carta_address_ref         (CartaAddress       *address);
void                carta_address_unref       (CartaAddress       *address);
const char * const *carta_address_get_lines   (const CartaAddress *address);
const char         *carta_address_get_country (const CartaAddress *address);
char               *carta_address_to_string   (const CartaAddress *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaAddress, carta_address_unref)

G_END_DECLS
