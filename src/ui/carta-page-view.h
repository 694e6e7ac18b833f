/* carta-page-view.h: a page of paper on screen, in its proportions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARTA_TYPE_PAGE_VIEW (carta_page_view_get_type ())

G_DECLARE_FINAL_TYPE (CartaPageView, carta_page_view, CARTA, PAGE_VIEW, GtkWidget)

/* Shows @page (a paintable with the paper's intrinsic size) as wide as it
 * is given, and as high as the paper's proportions then need. */
GtkWidget *carta_page_view_new (GdkPaintable *page);

G_END_DECLS
