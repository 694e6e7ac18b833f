/* carta-analysis.h: everything the composer tells the writer about a letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-guidance.h"
#include "carta-renderer.h"
#include "carta-template.h"

G_BEGIN_DECLS

typedef struct
{
  /* CartaGuidanceIssue, byte offsets into the body. */
  GArray    *issues;
  guint      words;
  /* Printed pages of the whole letter (addresses, date, body, signature). */
  guint      pages;
  /* The template's limits; 0 when it sets none. */
  guint      max_words;
  guint      max_pages;
  /* Placeholders still in the body, "{sender_name}": values to fill in. */
  GPtrArray *missing;
  /* Indexes of the body's paragraphs written in another script than the
   * letter's language uses (a Latin paragraph in a Russian letter). */
  GArray    *foreign_paragraphs;
} CartaAnalysis;

void           carta_analysis_free (CartaAnalysis        *analysis);

/* Checks @printable's body with @checker (may be NULL; made for the
 * letter's language) and measures the letter on @paper against @template's
 * limits (@template may be NULL). Fast enough to run on every keystroke. */
CartaAnalysis *carta_analyze       (const CartaPrintable *printable,
                                    CartaGuidanceChecker *checker,
                                    CartaTemplate        *template,
                                    CartaPaper            paper);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaAnalysis, carta_analysis_free)

G_END_DECLS
