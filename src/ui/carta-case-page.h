/* carta-case-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_CASE_PAGE (carta_case_page_get_type ())

G_DECLARE_FINAL_TYPE (CartaCasePage, carta_case_page, CARTA, CASE_PAGE, AdwBin)

void       carta_case_page_set_case (CartaCasePage *self,
                                     CartaCase     *person);
CartaCase *carta_case_page_get_case (CartaCasePage *self);

G_END_DECLS
