/* carta-analysis.c: everything the composer tells the writer about a letter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carta-analysis.h"
#include "carta-compose.h"
#include "carta-language.h"

void
carta_analysis_free (CartaAnalysis *analysis)
{
  if (analysis == NULL)
    return;

  g_clear_pointer (&analysis->issues, g_array_unref);
  g_clear_pointer (&analysis->missing, g_ptr_array_unref);
  g_clear_pointer (&analysis->foreign_paragraphs, g_array_unref);
  g_free (analysis);
}

/* "{name}" left in the text: the composer fills known values in, so what
 * remains is for the writer to give. */
static void
find_missing (const char *body,
              GPtrArray  *missing)
{
  const char * const *known = carta_template_known_placeholders ();
  const char *p = body;

  while ((p = strchr (p, '{')) != NULL)
    {
      const char *end = strchr (p + 1, '}');
      g_autofree char *name = NULL;

      if (end == NULL)
        break;
      name = g_strndup (p + 1, end - p - 1);
      if (g_strv_contains (known, name) &&
          !g_ptr_array_find_with_equal_func (missing, name, g_str_equal, NULL))
        g_ptr_array_add (missing, g_steal_pointer (&name));
      p = end + 1;
    }
}

CartaAnalysis *
carta_analyze (const CartaPrintable *printable,
               CartaGuidanceChecker *checker,
               CartaTemplate        *template,
               CartaPaper            paper)
{
  CartaAnalysis *analysis = g_new0 (CartaAnalysis, 1);
  const char *body;
  const char *script;

  g_return_val_if_fail (printable != NULL, analysis);

  body = printable->body ? printable->body : "";
  script = carta_language_get_script (printable->language);

  analysis->issues = checker ? carta_guidance_checker_check (checker, body)
                             : g_array_new (FALSE, FALSE, sizeof (CartaGuidanceIssue));
  analysis->words = carta_guidance_count_words (body);
  analysis->pages = carta_renderer_count_pages (printable, paper);
  analysis->max_words = template ? carta_template_get_max_words (template) : 0;
  analysis->max_pages = template ? carta_template_get_max_pages (template) : 0;
  analysis->missing = g_ptr_array_new_with_free_func (g_free);
  find_missing (body, analysis->missing);

  analysis->foreign_paragraphs = g_array_new (FALSE, FALSE, sizeof (guint));
  if (script != NULL)
    {
      g_autoptr(GPtrArray) paragraphs = carta_compose_split (body);

      for (guint i = 0; i < paragraphs->len; i++)
        {
          CartaComposedParagraph *paragraph = g_ptr_array_index (paragraphs, i);
          const char *found = carta_guidance_detect_script (paragraph->text);

          if (found != NULL && !g_str_equal (found, script))
            g_array_append_val (analysis->foreign_paragraphs, i);
        }
    }

  return analysis;
}
