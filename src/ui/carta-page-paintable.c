/* carta-page-paintable.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-page-paintable.h"

struct _CartaPagePaintable
{
  GObject         parent_instance;

  CartaPrintable *printable;
  CartaPaper      paper;
  guint           page;
};

static void carta_page_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartaPagePaintable, carta_page_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, carta_page_paintable_iface_init))

static void
carta_page_paintable_snapshot (GdkPaintable *paintable,
                               GdkSnapshot  *snapshot,
                               double        width,
                               double        height)
{
  CartaPagePaintable *self = CARTA_PAGE_PAINTABLE (paintable);
  double paper_width, paper_height;
  cairo_t *cr;

  carta_paper_get_size (self->paper, &paper_width, &paper_height);

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* Paper is white whatever the style. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / paper_width, height / paper_height);
  carta_renderer_draw_page (self->printable, self->paper, self->page, cr);
  cairo_destroy (cr);
}

static int
carta_page_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  double width, height;

  carta_paper_get_size (CARTA_PAGE_PAINTABLE (paintable)->paper, &width, &height);
  return (int) width;
}

static int
carta_page_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  double width, height;

  carta_paper_get_size (CARTA_PAGE_PAINTABLE (paintable)->paper, &width, &height);
  return (int) height;
}

static GdkPaintableFlags
carta_page_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_CONTENTS | GDK_PAINTABLE_STATIC_SIZE;
}

static void
carta_page_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = carta_page_paintable_snapshot;
  iface->get_intrinsic_width = carta_page_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = carta_page_paintable_get_intrinsic_height;
  iface->get_flags = carta_page_paintable_get_flags;
}

static void
carta_page_paintable_finalize (GObject *object)
{
  carta_printable_free (CARTA_PAGE_PAINTABLE (object)->printable);

  G_OBJECT_CLASS (carta_page_paintable_parent_class)->finalize (object);
}

static void
carta_page_paintable_class_init (CartaPagePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_page_paintable_finalize;
}

static void
carta_page_paintable_init (CartaPagePaintable *self)
{
}

GdkPaintable *
carta_page_paintable_new (const CartaPrintable *printable,
                          CartaPaper            paper,
                          guint                 page)
{
  CartaPagePaintable *self;

  g_return_val_if_fail (printable != NULL, NULL);

  self = g_object_new (CARTA_TYPE_PAGE_PAINTABLE, NULL);
  self->printable = carta_printable_copy (printable);
  self->paper = paper;
  self->page = page;
  return GDK_PAINTABLE (self);
}
