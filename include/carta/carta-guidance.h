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

G_END_DECLS
