/* carta-page-paintable.h: one page of a letter, drawn by the renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_PAGE_PAINTABLE (carta_page_paintable_get_type ())

G_DECLARE_FINAL_TYPE (CartaPagePaintable, carta_page_paintable, CARTA, PAGE_PAINTABLE, GObject)

/* Page @page of @printable (copied) on @paper, as a GdkPaintable whose
 * intrinsic size is the paper's, in points: a GtkPicture shows it at any
 * width in the paper's proportions, exactly as it prints. */
GdkPaintable *carta_page_paintable_new (const CartaPrintable *printable,
                                        CartaPaper            paper,
                                        guint                 page);

G_END_DECLS
