/* carta-renderer.c: letters and envelopes laid out for paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A letter is a column of blocks (sender, addressee, date, body,
 * signature), each a Pango layout. Pagination walks their lines: a line
 * that does not fit starts a new page. Counting pages and drawing use the
 * same walk, so the count always matches what is drawn.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "carta-language.h"
#include "carta-renderer.h"

#define MM (72.0 / 25.4)

#define MARGIN_SIDE   (25 * MM)
#define MARGIN_TOP    (20 * MM)
#define MARGIN_BOTTOM (20 * MM)

#define BODY_FONT     "Serif 11"
#define SMALL_FONT    "Serif 9"
#define SUBJECT_FONT  "Serif Bold 11"
#define ENVELOPE_FONT "Sans 11"

CartaPrintable *
carta_printable_new (void)
{
  return g_new0 (CartaPrintable, 1);
}

CartaPrintable *
carta_printable_copy (const CartaPrintable *printable)
{
  CartaPrintable *copy;

  g_return_val_if_fail (printable != NULL, NULL);

  copy = carta_printable_new ();
  copy->language = g_strdup (printable->language);
  copy->sender_lines = g_strdupv (printable->sender_lines);
  copy->recipient_lines = g_strdupv (printable->recipient_lines);
  copy->date = g_strdup (printable->date);
  copy->body = g_strdup (printable->body);
  copy->signature = g_strdup (printable->signature);
  copy->subject = g_strdup (printable->subject);
  return copy;
}

void
carta_printable_free (CartaPrintable *printable)
{
  if (printable == NULL)
    return;

  g_free (printable->language);
  g_strfreev (printable->sender_lines);
  g_strfreev (printable->recipient_lines);
  g_free (printable->date);
  g_free (printable->body);
  g_free (printable->signature);
  g_free (printable->subject);
  g_free (printable);
}

/* ------------------------------------------------------------------------
 * Addressee blocks
 */

static const char *
year_of_birth_suffix (const char *lang)
{
  /* "1961 г.р." is how Russian and Belarusian envelopes give it. */
  if (g_strcmp0 (lang, "ru") == 0 || g_strcmp0 (lang, "be") == 0)
    return " г.р.";
  if (g_strcmp0 (lang, "uk") == 0)
    return " р.н.";
  return NULL;
}

GStrv
carta_recipient_lines_for_case (CartaCase  *person,
                                const char *lang)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  CartaAddress *address;
  const char *name;
  guint year;

  g_return_val_if_fail (CARTA_IS_CASE (person), NULL);

  name = carta_case_get_name_form (person, lang, "dative");
  if (name == NULL)
    name = carta_case_get_name (person);

  year = carta_case_get_birth_year (person);
  if (year > 0 && year_of_birth_suffix (lang) != NULL)
    {
      g_autofree char *line = g_strdup_printf ("%s, %u%s", name, year, year_of_birth_suffix (lang));
      g_strv_builder_add (builder, line);
    }
  else if (year > 0)
    {
      g_autofree char *line = g_strdup_printf ("%s (%u)", name, year);
      g_strv_builder_add (builder, line);
    }
  else
    g_strv_builder_add (builder, name);

  address = carta_case_get_address (person);
  if (address != NULL)
    {
      const char * const *lines = carta_address_get_lines (address);

      for (guint i = 0; lines[i] != NULL; i++)
        g_strv_builder_add (builder, lines[i]);
      if (carta_address_get_country (address) != NULL)
        g_strv_builder_add (builder, carta_address_get_country (address));
    }

  return g_strv_builder_end (builder);
}

GStrv
carta_recipient_lines_for_target (CartaTarget *target,
                                  const char  *lang)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const langs[] = { lang, NULL };
  CartaAddress *address;
  const char *organization;

  g_return_val_if_fail (CARTA_IS_TARGET (target), NULL);

  g_strv_builder_add (builder, carta_text_lookup (carta_target_get_title (target), langs));
  organization = carta_text_lookup (carta_target_get_organization (target), langs);
  if (organization != NULL)
    g_strv_builder_add (builder, organization);

  address = carta_target_get_address (target);
  if (address != NULL)
    {
      const char * const *lines = carta_address_get_lines (address);

      for (guint i = 0; lines[i] != NULL; i++)
        g_strv_builder_add (builder, lines[i]);
      if (carta_address_get_country (address) != NULL)
        g_strv_builder_add (builder, carta_address_get_country (address));
    }

  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------
 * Paper
 */

CartaPaper
carta_paper_for_locale (const char *locale)
{
  /* Countries that use US Letter. */
  static const char * const letter_regions[] = { "US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", NULL };
  const char *underscore;
  char region[3] = { 0 };

  if (locale == NULL || (underscore = strchr (locale, '_')) == NULL || strlen (underscore) < 3)
    return CARTA_PAPER_A4;

  region[0] = underscore[1];
  region[1] = underscore[2];
  return g_strv_contains (letter_regions, region) ? CARTA_PAPER_LETTER : CARTA_PAPER_A4;
}

gboolean
carta_paper_from_string (const char *str,
                         CartaPaper *paper)
{
  if (g_strcmp0 (str, "a4") == 0)
    *paper = CARTA_PAPER_A4;
  else if (g_strcmp0 (str, "letter") == 0)
    *paper = CARTA_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
carta_paper_get_size (CartaPaper  paper,
                      double     *width,
                      double     *height)
{
  if (paper == CARTA_PAPER_LETTER)
    {
      *width = 8.5 * 72;
      *height = 11 * 72;
    }
  else
    {
      *width = 210 * MM;
      *height = 297 * MM;
    }
}

void
carta_envelope_get_size (CartaEnvelope  envelope,
                         double        *width,
                         double        *height)
{
  /* Landscape, as they go through a printer and the post. */
  if (envelope == CARTA_ENVELOPE_C5)
    {
      *width = 229 * MM;
      *height = 162 * MM;
    }
  else
    {
      *width = 220 * MM;
      *height = 110 * MM;
    }
}

/* ------------------------------------------------------------------------
 * Layout
 */

typedef struct
{
  /* What the block is: its text, font, width and alignment… */
  char           *text;
  const char     *font;
  double          width;
  PangoAlignment  alignment;
  /* …where it goes… */
  double          x;
  double          space_before;
  /* …and either its layout (to draw) or its lines' heights (to count). */
  PangoLayout    *layout;
  GArray         *heights;
} Block;

static void
block_clear (Block *block)
{
  g_clear_pointer (&block->text, g_free);
  g_clear_object (&block->layout);
  g_clear_pointer (&block->heights, g_array_unref);
}

static PangoContext *
create_context (const char *lang)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Layout in points, with metrics that do not depend on a screen. */
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);

  if (lang != NULL)
    pango_context_set_language (context, pango_language_from_string (lang));
  pango_context_set_base_dir (context, carta_language_is_rtl (lang) ? PANGO_DIRECTION_RTL
                                                                    : PANGO_DIRECTION_LTR);
  return context;
}

static void
free_contexts (gpointer data)
{
  g_hash_table_unref (data);
}

static GPrivate thread_contexts = G_PRIVATE_INIT (free_contexts);

/* Counting pages runs on every keystroke: each thread keeps one context per
 * language instead of making one each time (drawing makes its own, as the
 * cairo target may differ). Returns a new reference. */
static PangoContext *
shared_context (const char *lang)
{
  GHashTable *contexts = g_private_get (&thread_contexts);
  PangoContext *context;

  if (contexts == NULL)
    {
      contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&thread_contexts, contexts);
    }

  context = g_hash_table_lookup (contexts, lang ? lang : "");
  if (context == NULL)
    {
      context = create_context (lang);
      g_hash_table_insert (contexts, g_strdup (lang ? lang : ""), context);
    }

  return g_object_ref (context);
}

/* Whether every line of @text (in points of @size) is likely to fit in
 * @width: a generous guess from its length, never a measurement. */
static gboolean
lines_likely_fit (const char *text,
                  double      size,
                  double      width)
{
  glong max_chars = (glong) (width / (size * 0.62));
  glong chars = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        chars = 0;
      else if (++chars > max_chars)
        return FALSE;
    }

  return TRUE;
}

static PangoLayout *
make_layout (PangoContext   *context,
             const char     *text,
             const char     *font,
             double          width,
             PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *description = pango_font_description_from_string (font);
  gboolean try_unwrapped;

  try_unwrapped = lines_likely_fit (text, (double) pango_font_description_get_size (description) / PANGO_SCALE,
                                    width);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  /* Pango shapes a line that it may wrap twice, even when it fits. Short
   * lines are laid out first as they are, which shapes them once (a layout
   * that may ellipsize does not wrap); only if one does not fit after all
   * is the block wrapped. A line that fits is the same either way. */
  if (try_unwrapped)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* Data, never markup. */
  pango_layout_set_text (layout, text, -1);
  if (try_unwrapped && pango_layout_is_ellipsized (layout))
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_font_description_free (description);
  return layout;
}

static char *
join_lines (GStrv lines)
{
  return lines ? g_strjoinv ("\n", lines) : NULL;
}

static void
add_block (GArray         *blocks,
           char           *text,
           const char     *font,
           double          width,
           PangoAlignment  alignment,
           double          x,
           double          space_before)
{
  Block block = { text, font, width, alignment, x, blocks->len ? space_before : 0, NULL, NULL };

  g_array_append_val (blocks, block);
}

/* Where the paragraph after the one starting at @start begins: past the
 * next line break followed by a line of nothing but spaces and tabs, or
 * NULL at the last paragraph. */
static const char *
next_paragraph (const char *start)
{
  for (const char *p = strchr (start, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    {
      const char *q = p + 1;

      while (*q == ' ' || *q == '\t')
        q++;
      if (*q == '\n')
        return q + 1;
    }

  return NULL;
}

/* The blocks of a letter on a page of @width points, not laid out yet. */
static GArray *
letter_blocks (const CartaPrintable *printable,
               double                width)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  double content = width - 2 * MARGIN_SIDE;
  gboolean rtl = carta_language_is_rtl (printable->language);

  g_array_set_clear_func (blocks, (GDestroyNotify) block_clear);

  if (printable->sender_lines && printable->sender_lines[0])
    add_block (blocks, join_lines (printable->sender_lines), SMALL_FONT, content / 2, PANGO_ALIGN_LEFT,
               rtl ? width - MARGIN_SIDE - content / 2 : MARGIN_SIDE, 0);

  /* The addressee sits in the far half, where window envelopes show it. */
  if (printable->recipient_lines && printable->recipient_lines[0])
    add_block (blocks, join_lines (printable->recipient_lines), BODY_FONT, content / 2, PANGO_ALIGN_LEFT,
               rtl ? MARGIN_SIDE : MARGIN_SIDE + content / 2, 18);

  if (printable->date)
    add_block (blocks, g_strdup (printable->date), BODY_FONT, content, PANGO_ALIGN_RIGHT, MARGIN_SIDE, 24);

  if (printable->subject && *printable->subject)
    add_block (blocks, g_strdup (printable->subject), SUBJECT_FONT, content, PANGO_ALIGN_LEFT, MARGIN_SIDE, 24);

  if (printable->body)
    {
      gboolean first = TRUE;

      /* Paragraphs are separated by lines empty but for spaces or tabs. */
      for (const char *start = printable->body, *end; start != NULL; start = end)
        {
          char *paragraph;

          end = next_paragraph (start);
          paragraph = g_strstrip (g_strndup (start, end ? (gsize) (end - start) : strlen (start)));
          if (*paragraph == '\0')
            {
              g_free (paragraph);
              continue;
            }
          add_block (blocks, paragraph, BODY_FONT, content, PANGO_ALIGN_LEFT, MARGIN_SIDE, first ? 24 : 8);
          first = FALSE;
        }
    }

  if (printable->signature)
    add_block (blocks, g_strdup (printable->signature), BODY_FONT, content, PANGO_ALIGN_LEFT, MARGIN_SIDE, 4);

  /* Left above is where lines start, right where they end (the date): in
   * a right-to-left letter they start on the right. Pango flips it again
   * for lines that run the other way, such as an address in Russian. */
  for (guint i = 0; rtl && i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);

      if (block->alignment == PANGO_ALIGN_LEFT)
        block->alignment = PANGO_ALIGN_RIGHT;
      else if (block->alignment == PANGO_ALIGN_RIGHT)
        block->alignment = PANGO_ALIGN_LEFT;
    }

  return blocks;
}

static void
lay_out_blocks (GArray       *blocks,
                PangoContext *context)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);

      block->layout = make_layout (context, block->text, block->font, block->width, block->alignment);
      pango_layout_set_justify (block->layout, FALSE);
    }
}

/* The heights of a block's lines, in points: what counting pages needs. */
static GArray *
measure_lines (PangoLayout *layout)
{
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (double));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      double height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;
      g_array_append_val (heights, height);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return heights;
}

/* Counting pages runs on every keystroke, and a keystroke changes one
 * paragraph: each thread remembers the line heights of the blocks it
 * measured (by language, font, width and text), a bounded number of them. */
#define MEASURED_MAX 512

static GPrivate thread_measured = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

static void
measure_blocks (GArray       *blocks,
                PangoContext *context,
                const char   *lang)
{
  GHashTable *measured = g_private_get (&thread_measured);

  if (measured == NULL)
    {
      measured = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      g_private_set (&thread_measured, measured);
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);
      g_autofree char *key = g_strdup_printf ("%s|%s|%.3f|%d|%s", lang ? lang : "", block->font,
                                              block->width, block->alignment, block->text);
      GArray *heights = g_hash_table_lookup (measured, key);

      if (heights == NULL)
        {
          g_autoptr(PangoLayout) layout = make_layout (context, block->text, block->font,
                                                       block->width, block->alignment);

          heights = measure_lines (layout);
          if (g_hash_table_size (measured) >= MEASURED_MAX)
            g_hash_table_remove_all (measured);
          g_hash_table_insert (measured, g_steal_pointer (&key), heights);
        }
      block->heights = g_array_ref (heights);
    }
}

/* Walks every line; draws those on @draw_page when @cr is given (the
 * blocks are laid out), or only counts (the blocks are measured). Returns
 * the number of pages. */
static guint
paginate (GArray  *blocks,
          double   page_height,
          cairo_t *cr,
          guint    draw_page)
{
  double bottom = page_height - MARGIN_BOTTOM;
  double y = MARGIN_TOP;
  guint page = 0;
  gboolean page_empty = TRUE;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = &g_array_index (blocks, Block, i);
      PangoLayoutIter *iter = block->layout ? pango_layout_get_iter (block->layout) : NULL;
      guint line = 0;

      if (!page_empty)
        y += block->space_before;

      do
        {
          PangoRectangle logical;
          double height;

          if (iter != NULL)
            {
              pango_layout_iter_get_line_extents (iter, NULL, &logical);
              height = (double) logical.height / PANGO_SCALE;
            }
          else
            height = g_array_index (block->heights, double, line);

          if (!page_empty && y + height > bottom)
            {
              page++;
              y = MARGIN_TOP;
              page_empty = TRUE;
            }

          if (cr != NULL && iter != NULL && page == draw_page)
            {
              double baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;

              cairo_move_to (cr, block->x + (double) logical.x / PANGO_SCALE, y + baseline);
              pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
            }

          y += height;
          page_empty = FALSE;
          line++;
        }
      while (iter != NULL ? pango_layout_iter_next_line (iter) : line < block->heights->len);

      if (iter != NULL)
        pango_layout_iter_free (iter);
    }

  return page + 1;
}

guint
carta_renderer_count_pages (const CartaPrintable *printable,
                            CartaPaper            paper)
{
  g_autoptr(GObject) context_owner = NULL;
  PangoContext *context;
  g_autoptr(GArray) blocks = NULL;
  double width, height;

  g_return_val_if_fail (printable != NULL, 0);

  carta_paper_get_size (paper, &width, &height);
  context = shared_context (printable->language);
  context_owner = G_OBJECT (context);
  blocks = letter_blocks (printable, width);
  measure_blocks (blocks, context, printable->language);
  return paginate (blocks, height, NULL, 0);
}

void
carta_renderer_draw_page (const CartaPrintable *printable,
                          CartaPaper            paper,
                          guint                 page,
                          cairo_t              *cr)
{
  g_autoptr(GObject) context_owner = NULL;
  PangoContext *context;
  g_autoptr(GArray) blocks = NULL;
  double width, height;

  g_return_if_fail (printable != NULL);
  g_return_if_fail (cr != NULL);

  carta_paper_get_size (paper, &width, &height);
  context = create_context (printable->language);
  context_owner = G_OBJECT (context);
  blocks = letter_blocks (printable, width);
  lay_out_blocks (blocks, context);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  paginate (blocks, height, cr, page);
  cairo_restore (cr);
}

static void
draw_text_block (cairo_t      *cr,
                 PangoContext *context,
                 const char   *text,
                 const char   *font,
                 double        x,
                 double        y,
                 double        width)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font, width, PANGO_ALIGN_LEFT);

  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_envelope (const CartaPrintable *printable,
               CartaEnvelope         envelope,
               PangoContext         *context,
               cairo_t              *cr)
{
  double width, height;

  carta_envelope_get_size (envelope, &width, &height);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  /* Sender in the top left, addressee in the lower right: the layout of
   * both Russian and international envelopes. */
  if (printable->sender_lines && printable->sender_lines[0])
    {
      g_autofree char *text = join_lines (printable->sender_lines);
      draw_text_block (cr, context, text, SMALL_FONT, 12 * MM, 10 * MM, width * 0.45);
    }

  if (printable->recipient_lines && printable->recipient_lines[0])
    {
      g_autofree char *text = join_lines (printable->recipient_lines);
      g_autoptr(PangoLayout) layout = make_layout (context, text, ENVELOPE_FONT, width * 0.5, PANGO_ALIGN_LEFT);
      PangoRectangle logical;
      double y;

      pango_layout_get_extents (layout, NULL, &logical);
      y = MAX (height * 0.45, height - 12 * MM - (double) logical.height / PANGO_SCALE);
      cairo_move_to (cr, width * 0.45, y);
      pango_cairo_show_layout (cr, layout);
    }

  cairo_restore (cr);
}

void
carta_renderer_draw_envelope (const CartaPrintable *printable,
                              CartaEnvelope         envelope,
                              cairo_t              *cr)
{
  g_autoptr(GObject) context = NULL;

  g_return_if_fail (printable != NULL);
  g_return_if_fail (cr != NULL);

  context = G_OBJECT (create_context (printable->language));
  draw_envelope (printable, envelope, PANGO_CONTEXT (context), cr);
}

typedef struct
{
  GOutputStream *output;
  GCancellable  *cancellable;
  GError        *error;
} PdfWriter;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  PdfWriter *writer = closure;

  if (writer->error != NULL ||
      !g_output_stream_write_all (writer->output, data, length, NULL, writer->cancellable, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

/* A page drawn, not yet written: what it holds, and its size. */
typedef struct
{
  cairo_surface_t *recording;
  double           width;
  double           height;
} RecordedPage;

static void
recorded_page_clear (RecordedPage *page)
{
  g_clear_pointer (&page->recording, cairo_surface_destroy);
}

static cairo_t *
record_page (GArray *pages,
             double  width,
             double  height)
{
  cairo_rectangle_t extents = { 0, 0, width, height };
  RecordedPage page = { cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents), width, height };
  cairo_t *cr = cairo_create (page.recording);

  g_array_append_val (pages, page);
  cairo_set_source_rgb (cr, 0, 0, 0);
  return cr;
}

/* Lays the letter out and draws its pages, and its envelope after them if
 * asked, on recording surfaces: everything but writing the PDF. */
static GArray *
record_letter (const CartaPrintable *printable,
               CartaPaper            paper,
               gboolean              with_envelope,
               CartaEnvelope         envelope)
{
  GArray *pages = g_array_new (FALSE, TRUE, sizeof (RecordedPage));
  g_autoptr(GObject) context_owner = NULL;
  PangoContext *context;
  g_autoptr(GArray) blocks = NULL;
  double width, height;
  guint n_pages;

  g_array_set_clear_func (pages, (GDestroyNotify) recorded_page_clear);

  carta_paper_get_size (paper, &width, &height);
  context = shared_context (printable->language);
  context_owner = G_OBJECT (context);
  blocks = letter_blocks (printable, width);
  lay_out_blocks (blocks, context);
  n_pages = paginate (blocks, height, NULL, 0);

  for (guint page = 0; page < n_pages; page++)
    {
      cairo_t *cr = record_page (pages, width, height);

      paginate (blocks, height, cr, page);
      cairo_destroy (cr);
    }

  if (with_envelope)
    {
      double envelope_width, envelope_height;
      cairo_t *cr;

      carta_envelope_get_size (envelope, &envelope_width, &envelope_height);
      cr = record_page (pages, envelope_width, envelope_height);
      draw_envelope (printable, envelope, context, cr);
      cairo_destroy (cr);
    }

  return pages;
}

static void
write_pages (GArray          *pages,
             cairo_surface_t *surface,
             cairo_t         *cr)
{
  for (guint i = 0; i < pages->len; i++)
    {
      RecordedPage *page = &g_array_index (pages, RecordedPage, i);

      cairo_pdf_surface_set_size (surface, page->width, page->height);
      cairo_set_source_surface (cr, page->recording, 0, 0);
      cairo_paint (cr);
      cairo_show_page (cr);
    }
}

/* Draws each page of the letter, and its envelope after them if asked,
 * on the PDF surface of @cr, which is at the paper's size. */
static void
write_letter (const CartaPrintable *printable,
              CartaPaper            paper,
              gboolean              with_envelope,
              CartaEnvelope         envelope,
              cairo_surface_t      *surface,
              cairo_t              *cr)
{
  g_autoptr(GArray) pages = NULL;

  pages = record_letter (printable, paper, with_envelope, envelope);
  write_pages (pages, surface, cr);
}

/* Several letters are written in two stages that run side by side: a
 * thread lays each letter out and draws it on recording surfaces while
 * the caller's thread writes the letters before it into the PDF. */
#define RECORD_AHEAD 8

typedef struct
{
  const CartaPrintable * const *printables;
  guint                         n_printables;
  CartaPaper                    paper;
  gboolean                      with_envelopes;
  CartaEnvelope                 envelope;
  GAsyncQueue                  *recorded;  /* each letter's pages, in order */
  GAsyncQueue                  *room;      /* one token for each letter that may be recorded ahead */
  gint                          stop;
} Recorder;

static gpointer
record_in_thread (gpointer data)
{
  Recorder *recorder = data;

  for (guint i = 0; i < recorder->n_printables; i++)
    {
      g_async_queue_pop (recorder->room);
      if (g_atomic_int_get (&recorder->stop))
        break;
      g_async_queue_push (recorder->recorded,
                          record_letter (recorder->printables[i], recorder->paper, recorder->with_envelopes,
                                         recorder->envelope));
    }

  return NULL;
}

static void
write_letters (const CartaPrintable * const *printables,
               guint                         n_printables,
               CartaPaper                    paper,
               gboolean                      with_envelopes,
               CartaEnvelope                 envelope,
               cairo_surface_t              *surface,
               cairo_t                      *cr,
               GCancellable                 *cancellable,
               GError                      **error)
{
  Recorder recorder = { printables, n_printables, paper, with_envelopes, envelope, NULL, NULL, 0 };
  g_autoptr(GThread) thread = NULL;
  GArray *pages;

  recorder.recorded = g_async_queue_new_full ((GDestroyNotify) g_array_unref);
  recorder.room = g_async_queue_new ();
  for (guint i = 0; i < RECORD_AHEAD; i++)
    g_async_queue_push (recorder.room, GINT_TO_POINTER (1));

  thread = g_thread_try_new ("carta-render", record_in_thread, &recorder, NULL);

  for (guint i = 0; i < n_printables && *error == NULL; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      if (thread != NULL)
        {
          pages = g_async_queue_pop (recorder.recorded);
          g_async_queue_push (recorder.room, GINT_TO_POINTER (1));
        }
      else
        pages = record_letter (printables[i], paper, with_envelopes, envelope);

      write_pages (pages, surface, cr);
      g_array_unref (pages);
    }

  if (thread != NULL)
    {
      /* Stopped early: the recorder is told so, and woken if it waits. */
      g_atomic_int_set (&recorder.stop, 1);
      g_async_queue_push (recorder.room, GINT_TO_POINTER (1));
      g_thread_join (g_steal_pointer (&thread));
    }

  g_async_queue_unref (recorder.recorded);
  g_async_queue_unref (recorder.room);
}

gboolean
carta_renderer_write_pdfs (const CartaPrintable * const *printables,
                           guint                         n_printables,
                           CartaPaper                    paper,
                           gboolean                      with_envelopes,
                           CartaEnvelope                 envelope,
                           const char                   *title,
                           const char                   *author,
                           GOutputStream                *output,
                           GCancellable                 *cancellable,
                           GError                      **error)
{
  PdfWriter writer = { output, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (printables != NULL || n_printables == 0, FALSE);
  g_return_val_if_fail (n_printables > 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  carta_paper_get_size (paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &writer, width, height);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Carta " PACKAGE_VERSION);
  cr = cairo_create (surface);

  /* One document: the fonts are embedded once for all the letters. */
  if (n_printables == 1)
    write_letter (printables[0], paper, with_envelopes, envelope, surface, cr);
  else
    write_letters (printables, n_printables, paper, with_envelopes, envelope, surface, cr, cancellable,
                   &writer.error);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer.error != NULL)
    {
      g_propagate_error (error, writer.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write the PDF: %s",
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

gboolean
carta_renderer_write_pdf (const CartaPrintable *printable,
                          CartaPaper            paper,
                          gboolean              with_envelope,
                          CartaEnvelope         envelope,
                          const char           *title,
                          const char           *author,
                          GOutputStream        *output,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_return_val_if_fail (printable != NULL, FALSE);

  return carta_renderer_write_pdfs (&printable, 1, paper, with_envelope, envelope, title, author,
                                    output, cancellable, error);
}

/* Stops a replacement that failed: the file is left as it was, and a file
 * that was not there before is not left half-written. */
static void
abandon_replacement (GFileOutputStream *output,
                     GFile             *file,
                     gboolean           existed)
{
  g_autoptr(GCancellable) abandon = g_cancellable_new ();

  /* Closing with a cancelled cancellable drops what was written to the
   * file's temporary copy instead of putting it in the file's place. */
  g_cancellable_cancel (abandon);
  g_output_stream_close (G_OUTPUT_STREAM (output), abandon, NULL);
  if (!existed)
    g_file_delete (file, NULL, NULL);
}

gboolean
carta_renderer_save_pdfs (const CartaPrintable * const *printables,
                          guint                         n_printables,
                          CartaPaper                    paper,
                          gboolean                      with_envelopes,
                          CartaEnvelope                 envelope,
                          const char                   *title,
                          const char                   *author,
                          GFile                        *file,
                          GCancellable                 *cancellable,
                          GError                      **error)
{
  g_autoptr(GFileOutputStream) output = NULL;
  gboolean existed;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  existed = g_file_query_exists (file, NULL);
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (output == NULL)
    return FALSE;

  if (!carta_renderer_write_pdfs (printables, n_printables, paper, with_envelopes, envelope, title, author,
                                  G_OUTPUT_STREAM (output), cancellable, error))
    {
      abandon_replacement (output, file, existed);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, error);
}

static void
append_block (GString    *text,
              const char *block)
{
  if (block == NULL || *block == '\0')
    return;
  if (text->len > 0)
    g_string_append (text, "\n\n");
  g_string_append (text, block);
}

char *
carta_printable_to_text (const CartaPrintable *printable,
                         const char           *subject)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *sender = NULL;
  g_autofree char *recipient = NULL;

  g_return_val_if_fail (printable != NULL, NULL);

  sender = join_lines (printable->sender_lines);
  recipient = join_lines (printable->recipient_lines);
  append_block (text, sender);
  append_block (text, recipient);
  append_block (text, printable->date);
  append_block (text, subject ? subject : printable->subject);
  append_block (text, printable->body);
  if (printable->signature != NULL && *printable->signature != '\0')
    {
      /* The signature goes under the closing, as on paper. */
      g_string_append (text, text->len > 0 ? "\n" : "");
      g_string_append (text, printable->signature);
    }
  g_string_append_c (text, '\n');
  return g_string_free (g_steal_pointer (&text), FALSE);
}
