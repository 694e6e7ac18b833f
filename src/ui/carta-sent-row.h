/* carta-sent-row.h: one letter in Sent Letters, waiting or gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_SENT_ROW (carta_sent_row_get_type ())

G_DECLARE_FINAL_TYPE (CartaSentRow, carta_sent_row, CARTA, SENT_ROW, AdwActionRow)

/* A row that follows @delivery's progress. With @outbox, the letter is
 * still in it and the row offers Retry, Cancel and Remove as its state
 * allows; without, it is a letter in the history. */
GtkWidget     *carta_sent_row_new          (CartaDelivery *delivery,
                                            CartaOutbox   *outbox);
CartaDelivery *carta_sent_row_get_delivery (CartaSentRow  *self);

G_END_DECLS
