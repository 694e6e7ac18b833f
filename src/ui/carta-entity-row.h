/* carta-entity-row.h: a campaign or a person in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_ENTITY_ROW (carta_entity_row_get_type ())

G_DECLARE_FINAL_TYPE (CartaEntityRow, carta_entity_row, CARTA, ENTITY_ROW, GtkWidget)

GtkWidget *carta_entity_row_new        (void);
void       carta_entity_row_set_entity (CartaEntityRow *self,
                                        CartaEntity    *entity);

G_END_DECLS
