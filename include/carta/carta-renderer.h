/* carta-renderer.h: letters and envelopes laid out for paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One renderer draws the composer's preview, prints, and writes PDF, so
 * what the writer sees is what prints. It needs cairo and Pango only: no
 * display.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "carta-case.h"
#include "carta-target.h"

G_BEGIN_DECLS

typedef enum {
  CARTA_PAPER_A4,
  CARTA_PAPER_LETTER,
} CartaPaper;

typedef enum {
  CARTA_ENVELOPE_DL,
  CARTA_ENVELOPE_C5,
} CartaEnvelope;

/* What goes on the page; every member may be NULL. */
typedef struct
{
  /* The letter's language: fonts, hyphenation and direction follow it. */
  char  *language;
  /* The sender's name and, only if the writer gave one, return address. */
  GStrv  sender_lines;
  /* The addressee block, country line last. */
  GStrv  recipient_lines;
  char  *date;
  /* Paragraphs separated by blank lines; the closing is the last one. */
  char  *body;
  /* The name under the closing. */
  char  *signature;
  /* The subject line, above the body (appeals have one). */
  char  *subject;
} CartaPrintable;

CartaPrintable *carta_printable_new             (void);
CartaPrintable *carta_printable_copy            (const CartaPrintable *printable);
void            carta_printable_free            (CartaPrintable *printable);

/* The addressee block for a person, following the destination's postal
 * conventions: in Russian and Belarusian the name in the dative case (when
 * known) with the year of birth, the facility's address in Cyrillic, the
 * country in Latin capitals. */
GStrv           carta_recipient_lines_for_case   (CartaCase      *person,
                                                  const char     *lang);
GStrv           carta_recipient_lines_for_target (CartaTarget    *target,
                                                  const char     *lang);

/* A4, or US Letter where the locale uses it (en_US, en_CA, es_MX, …). */
CartaPaper      carta_paper_for_locale          (const char     *locale);
gboolean        carta_paper_from_string         (const char     *str,
                                                 CartaPaper     *paper);
/* The paper's size in points (1/72 inch). */
void            carta_paper_get_size            (CartaPaper      paper,
                                                 double         *width,
                                                 double         *height);
void            carta_envelope_get_size         (CartaEnvelope   envelope,
                                                 double         *width,
                                                 double         *height);

guint           carta_renderer_count_pages      (const CartaPrintable *printable,
                                                 CartaPaper            paper);
/* Draws page @page (from 0) of the letter on @cr, in points, at the origin. */
void            carta_renderer_draw_page        (const CartaPrintable *printable,
                                                 CartaPaper            paper,
                                                 guint                 page,
                                                 cairo_t              *cr);
void            carta_renderer_draw_envelope    (const CartaPrintable *printable,
                                                 CartaEnvelope         envelope,
                                                 cairo_t              *cr);
/* Writes the letter (and, with @with_envelope, its envelope as a last page)
 * as a PDF. @author may be NULL: it is written only if the writer agrees. */
gboolean        carta_renderer_write_pdf        (const CartaPrintable *printable,
                                                 CartaPaper            paper,
                                                 gboolean              with_envelope,
                                                 CartaEnvelope         envelope,
                                                 const char           *title,
                                                 const char           *author,
                                                 GOutputStream        *output,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
/* Writes several letters as one PDF, each from a new page (and each
 * followed by its envelope with @with_envelopes), for printing them
 * together: the fonts are embedded once. Stops at the first error, or
 * when @cancellable is cancelled. */
gboolean        carta_renderer_write_pdfs       (const CartaPrintable * const *printables,
                                                 guint                         n_printables,
                                                 CartaPaper                    paper,
                                                 gboolean                      with_envelopes,
                                                 CartaEnvelope                 envelope,
                                                 const char                   *title,
                                                 const char                   *author,
                                                 GOutputStream                *output,
                                                 GCancellable                 *cancellable,
                                                 GError                      **error);
/* Writes the letters as one PDF to @file, as carta_renderer_write_pdfs(),
 * replacing the file whole or not at all: after an error or cancellation
 * it is as it was (or absent, if it was). */
gboolean        carta_renderer_save_pdfs        (const CartaPrintable * const *printables,
                                                 guint                         n_printables,
                                                 CartaPaper                    paper,
                                                 gboolean                      with_envelopes,
                                                 CartaEnvelope                 envelope,
                                                 const char                   *title,
                                                 const char                   *author,
                                                 GFile                        *file,
                                                 GCancellable                 *cancellable,
                                                 GError                      **error);

/* The letter as plain UTF-8 text, in the order of the page: sender,
 * addressee, date, @subject (NULL: the printable's), body, signature; blocks
 * separated by blank lines, ending with a newline. */
char           *carta_printable_to_text          (const CartaPrintable *printable,
                                                  const char           *subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaPrintable, carta_printable_free)

G_END_DECLS
