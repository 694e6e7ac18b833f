/* carta-send-page.h: where a finished letter leaves the machine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-application.h"

G_BEGIN_DECLS

#define CARTA_TYPE_SEND_PAGE (carta_send_page_get_type ())

G_DECLARE_FINAL_TYPE (CartaSendPage, carta_send_page, CARTA, SEND_PAGE, AdwBin)

CartaSendPage *carta_send_page_new (void);

/* The letter to print, save, copy, email or submit, and what it needs
 * from the catalog; all but @application and @letter may be NULL. The page
 * keeps references, and follows the letter's changes. */
void carta_send_page_set_letter (CartaSendPage    *self,
                                 CartaApplication *application,
                                 CartaLetter      *letter,
                                 CartaTemplate    *template,
                                 CartaCampaign    *campaign,
                                 CartaCase        *person,
                                 CartaTarget      *target,
                                 CartaProfile     *sender);

G_END_DECLS
