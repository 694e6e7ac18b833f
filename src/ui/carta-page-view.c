/* carta-page-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkPicture keeps a paintable's proportions inside whatever height it is
 * given; a page in a scrolling column needs the opposite: its height
 * follows from its width. This widget asks for exactly that.
 */
#include "config.h"

#include "carta-page-view.h"

struct _CartaPageView
{
  GtkWidget     parent_instance;

  GdkPaintable *page;
};

G_DEFINE_FINAL_TYPE (CartaPageView, carta_page_view, GTK_TYPE_WIDGET)

static double
aspect (CartaPageView *self)
{
  double ratio = gdk_paintable_get_intrinsic_aspect_ratio (self->page);

  return ratio > 0 ? ratio : 1;
}

static GtkSizeRequestMode
carta_page_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
carta_page_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CartaPageView *self = CARTA_PAGE_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Any width from a thumbnail to the paper's own size in points. */
      *minimum = 120;
      *natural = MAX (*minimum, gdk_paintable_get_intrinsic_width (self->page));
    }
  else
    {
      int width = for_size >= 0 ? for_size : gdk_paintable_get_intrinsic_width (self->page);

      *minimum = *natural = (int) (width / aspect (self) + 0.5);
    }
}

static void
carta_page_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CartaPageView *self = CARTA_PAGE_VIEW (widget);

  gdk_paintable_snapshot (self->page, snapshot,
                          gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static void
carta_page_view_dispose (GObject *object)
{
  g_clear_object (&CARTA_PAGE_VIEW (object)->page);

  G_OBJECT_CLASS (carta_page_view_parent_class)->dispose (object);
}

static void
carta_page_view_class_init (CartaPageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_page_view_dispose;
  widget_class->get_request_mode = carta_page_view_get_request_mode;
  widget_class->measure = carta_page_view_measure;
  widget_class->snapshot = carta_page_view_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
carta_page_view_init (CartaPageView *self)
{
}

GtkWidget *
carta_page_view_new (GdkPaintable *page)
{
  CartaPageView *self;

  g_return_val_if_fail (GDK_IS_PAINTABLE (page), NULL);

  self = g_object_new (CARTA_TYPE_PAGE_VIEW, NULL);
  self->page = g_object_ref (page);
  return GTK_WIDGET (self);
}
