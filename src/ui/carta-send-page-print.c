/* carta-send-page-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Print…: GtkPrintOperation draws the renderer's pages, so the letter
 * prints as the composer previewed it; the envelope, when the writer
 * wants one, follows on envelope paper of its own.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-send-page-internal.h"

/* The envelope, if any, is the last page, on paper of its own. */
static gboolean
is_envelope_page (GtkPrintOperation *operation,
                  int                page)
{
  guint letter_pages = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (operation), "letter-pages"));

  return g_object_get_data (G_OBJECT (operation), "envelope") != NULL && (guint) page >= letter_pages;
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                CartaSendPage     *self)
{
  guint pages = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (operation), "letter-pages"));

  if (g_object_get_data (G_OBJECT (operation), "envelope") != NULL)
    pages++;
  gtk_print_operation_set_n_pages (operation, pages);
}

static void
on_request_page_setup (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       GtkPageSetup      *setup,
                       CartaSendPage     *self)
{
  CartaEnvelope envelope = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (operation), "envelope")) - 1;
  g_autoptr(GtkPaperSize) size = NULL;

  if (!is_envelope_page (operation, page))
    return;

  /* Envelopes go through printers short edge first: the paper is the
   * envelope upright, the page turned. */
  size = gtk_paper_size_new (envelope == CARTA_ENVELOPE_C5 ? "iso_c5" : "iso_dl");
  gtk_page_setup_set_paper_size (setup, size);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              CartaSendPage     *self)
{
  CartaPrintable *printable = g_object_get_data (G_OBJECT (operation), "printable");
  CartaPaper paper = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (operation), "paper"));
  CartaEnvelope envelope = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (operation), "envelope")) - 1;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  gboolean on_envelope = is_envelope_page (operation, page);
  double width, height, scale;

  /* The context is in points with the origin at the paper's corner; a
   * printer whose paper differs gets the page scaled to fit. */
  if (on_envelope)
    carta_envelope_get_size (envelope, &width, &height);
  else
    carta_paper_get_size (paper, &width, &height);
  scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  if (on_envelope)
    carta_renderer_draw_envelope (printable, envelope, cr);
  else
    carta_renderer_draw_page (printable, paper, page, cr);
  cairo_restore (cr);
}

/* Once per print job, whether it ends in "done" or fails at once. */
static void
finish_print (GtkPrintOperation       *operation,
              CartaSendPage           *self,
              GtkPrintOperationResult  result,
              const GError            *error)
{
  if (g_object_get_data (G_OBJECT (operation), "finished") != NULL)
    return;
  g_object_set_data (G_OBJECT (operation), "finished", GINT_TO_POINTER (TRUE));

  self->busy--;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("The letter could not be printed (%s). Your letter is safe in Carta: "
                                   "try again, or save it as PDF and print that."),
                                 error ? error->message : _("unknown error"));
      carta_send_page_toast (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    carta_send_page_record (self, CARTA_DELIVERY_PRINT);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CartaSendPage           *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  finish_print (operation, self, result, error);
}

static void
print (CartaSendPage           *self,
       GtkPrintOperationAction  action,
       const char              *export_path)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = NULL;
  CartaPaper paper = carta_send_page_get_paper (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = carta_send_page_dup_title (self);
  CartaPrintable *printable;
  CartaEnvelope envelope;
  GtkPrintOperationResult result;

  size = gtk_paper_size_new (paper == CARTA_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  printable = carta_send_page_make_printable (self);
  g_object_set_data (G_OBJECT (operation), "letter-pages",
                     GUINT_TO_POINTER (carta_renderer_count_pages (printable, paper)));
  g_object_set_data_full (G_OBJECT (operation), "printable", printable, (GDestroyNotify) carta_printable_free);
  g_object_set_data (G_OBJECT (operation), "paper", GUINT_TO_POINTER (paper));
  /* The envelope plus one, so that none is NULL. */
  if (carta_send_page_get_envelope (self, &envelope))
    g_object_set_data (G_OBJECT (operation), "envelope", GUINT_TO_POINTER (envelope + 1));
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), self);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (on_request_page_setup), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), self);
  /* The page lives as long as the job, which may outlast its window. */
  g_object_set_data_full (G_OBJECT (operation), "page", g_object_ref (self), g_object_unref);

  self->busy++;
  result = gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    finish_print (operation, self, result, error);
}

void
carta_send_page_on_print_activated (CartaSendPage *self)
{
  print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

void
carta_send_page_print_to (CartaSendPage *self,
                          const char    *pdf_path)
{
  g_return_if_fail (CARTA_IS_SEND_PAGE (self));
  print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf_path);
}
