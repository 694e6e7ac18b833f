/* carta-guidance.c: checking a letter against its guidance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carta-guidance.h"

/* The closing brace of a "{placeholder}" starting at @p, or NULL. */
static const char *
placeholder_end (const char *p)
{
  const char *end = strpbrk (p + 1, "{} \t\n");

  return end != NULL && *end == '}' ? end : NULL;
}

static gboolean
inside_placeholder (const char *text,
                    gsize       start,
                    gsize       end)
{
  for (const char *p = strchr (text, '{'); p != NULL && (gsize) (p - text) < end; p = strchr (p + 1, '{'))
    {
      const char *close = placeholder_end (p);

      if (close != NULL && (gsize) (p - text) <= start && end <= (gsize) (close - text) + 1)
        return TRUE;
    }
  return FALSE;
}

static int
compare_issues (gconstpointer a,
                gconstpointer b)
{
  const CartaGuidanceIssue *x = a;
  const CartaGuidanceIssue *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

GArray *
carta_guidance_check (CartaRuleset *ruleset,
                      const char   *text,
                      const char   *lang)
{
  GArray *issues = g_array_new (FALSE, FALSE, sizeof (CartaGuidanceIssue));
  GPtrArray *rules;

  g_return_val_if_fail (CARTA_IS_RULESET (ruleset), issues);
  g_return_val_if_fail (text != NULL, issues);

  rules = carta_ruleset_get_rules (ruleset);
  for (guint i = 0; i < rules->len; i++)
    {
      const CartaRule *rule = g_ptr_array_index (rules, i);

      if (!carta_rule_applies_to (rule, lang))
        continue;

      for (guint j = 0; j < rule->patterns->len; j++)
        {
          g_autoptr(GMatchInfo) match = NULL;

          g_regex_match (g_ptr_array_index (rule->patterns, j), text, 0, &match);
          while (g_match_info_matches (match))
            {
              CartaGuidanceIssue issue = { rule, 0, 0 };
              int start, end;

              if (g_match_info_fetch_pos (match, 0, &start, &end) && end > start &&
                  !inside_placeholder (text, start, end))
                {
                  issue.start = start;
                  issue.end = end;
                  g_array_append_val (issues, issue);
                }
              if (!g_match_info_next (match, NULL))
                break;
            }
        }
    }

  g_array_sort (issues, compare_issues);
  return issues;
}

guint
carta_guidance_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint words = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      /* A placeholder not filled in yet stands for one word. */
      const char *end;

      if (ch == '{' && (end = placeholder_end (p)) != NULL)
        {
          words++;
          in_word = FALSE;
          p = end;
          continue;
        }

      if (g_unichar_isalnum (ch) || g_unichar_ismark (ch))
        {
          if (!in_word)
            words++;
          in_word = TRUE;
        }
      else if (in_word && (ch == '\'' || ch == 0x2019 || ch == 0x2BC || ch == '-'))
        {
          /* Inside a word only when a letter follows. */
          gunichar next = g_utf8_get_char (g_utf8_next_char (p));
          in_word = g_unichar_isalnum (next);
        }
      else
        in_word = FALSE;
    }

  return words;
}

const char *
carta_guidance_detect_script (const char *text)
{
  static const struct { GUnicodeScript script; const char *code; } codes[] = {
    { G_UNICODE_SCRIPT_CYRILLIC, "Cyrl" },
    { G_UNICODE_SCRIPT_LATIN, "Latn" },
    { G_UNICODE_SCRIPT_GEORGIAN, "Geor" },
    { G_UNICODE_SCRIPT_HEBREW, "Hebr" },
    { G_UNICODE_SCRIPT_ARABIC, "Arab" },
    { G_UNICODE_SCRIPT_GREEK, "Grek" },
    { G_UNICODE_SCRIPT_ARMENIAN, "Armn" },
  };
  guint counts[G_N_ELEMENTS (codes)] = { 0 };
  guint best = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      GUnicodeScript script;
      const char *end;

      /* Placeholders are Latin names of values, not the writer's words. */
      if (ch == '{' && (end = placeholder_end (p)) != NULL)
        {
          p = end;
          continue;
        }

      if (!g_unichar_isalpha (ch))
        continue;
      script = g_unichar_get_script (ch);
      for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
        if (codes[i].script == script)
          {
            counts[i]++;
            any = TRUE;
          }
    }

  if (!any)
    return NULL;

  for (guint i = 1; i < G_N_ELEMENTS (codes); i++)
    if (counts[i] > counts[best])
      best = i;

  return codes[best].code;
}
