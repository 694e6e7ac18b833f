/* carta-target.h: an official, institution, company or representative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-entity.h"
#include "carta-text.h"
#include "carta-address.h"
#include "carta-types.h"

G_BEGIN_DECLS

#define CARTA_TYPE_TARGET (carta_target_get_type ())

G_DECLARE_FINAL_TYPE (CartaTarget, carta_target, CARTA, TARGET, CartaEntity)

CartaAddresseeRole  carta_target_get_role          (CartaTarget *self);
CartaText          *carta_target_get_title         (CartaTarget *self);
CartaText          *carta_target_get_organization  (CartaTarget *self);
CartaText          *carta_target_get_salutation    (CartaTarget *self);
/* NULL when the address is not public or the user supplies it. */
CartaAddress       *carta_target_get_address       (CartaTarget *self);
const char         *carta_target_get_email         (CartaTarget *self);
/* TRUE when the user fills in who this is (their own representative, their bank). */
gboolean            carta_target_get_user_supplied (CartaTarget *self);

G_END_DECLS
