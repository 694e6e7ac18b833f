/* carta-guidance.h: checking a letter against its guidance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-ruleset.h"

G_BEGIN_DECLS

typedef struct
{
  /* Borrowed from the ruleset, which must outlive the issue. */
  const CartaRule *rule;
  /* The marked text, as byte offsets into the checked text. */
  gsize            start;
  gsize            end;
} CartaGuidanceIssue;

/* Every place in @text that a rule of @ruleset applying to @lang marks, in
 * order of position. Returns a GArray of CartaGuidanceIssue. */
GArray     *carta_guidance_check        (CartaRuleset *ruleset,
                                         const char   *text,
                                         const char   *lang);
/* Words as a reader counts them: runs of letters and digits, with inner
 * apostrophes and hyphens ("п'ять", "Кара-Мурза" count once). */
guint       carta_guidance_count_words  (const char   *text);
/* The script most letters of @text are written in ("Cyrl", "Latn",
 * "Geor", "Hebr"…), or NULL when it has no letters. */
const char *carta_guidance_detect_script (const char  *text);

#define CARTA_TYPE_GUIDANCE_CHECKER (carta_guidance_checker_get_type ())

G_DECLARE_FINAL_TYPE (CartaGuidanceChecker, carta_guidance_checker, CARTA, GUIDANCE_CHECKER, GObject)

/* Checks letters in @lang against @ruleset as the writer types: paragraphs
 * already checked are not read again, so a keystroke costs one paragraph.
 * A mark never spans two paragraphs. */
CartaGuidanceChecker *carta_guidance_checker_new      (CartaRuleset         *ruleset,
                                                       const char           *lang);
CartaRuleset         *carta_guidance_checker_get_ruleset (CartaGuidanceChecker *self);
const char           *carta_guidance_checker_get_language (CartaGuidanceChecker *self);
/* Like carta_guidance_check() on the whole @text: a GArray of CartaGuidanceIssue. */
GArray               *carta_guidance_checker_check    (CartaGuidanceChecker *self,
                                                       const char           *text);

G_END_DECLS
