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

/* ------------------------------------------------------------------------
 * The checker that remembers paragraphs
 */

#define MAX_CACHED_PARAGRAPHS 512

struct _CartaGuidanceChecker
{
  GObject       parent_instance;

  CartaRuleset *ruleset;
  char         *lang;
  /* paragraph text → GArray of CartaGuidanceIssue, offsets in the paragraph */
  GHashTable   *cache;
};

G_DEFINE_FINAL_TYPE (CartaGuidanceChecker, carta_guidance_checker, G_TYPE_OBJECT)

static void
carta_guidance_checker_finalize (GObject *object)
{
  CartaGuidanceChecker *self = CARTA_GUIDANCE_CHECKER (object);

  g_clear_object (&self->ruleset);
  g_free (self->lang);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (carta_guidance_checker_parent_class)->finalize (object);
}

static void
carta_guidance_checker_class_init (CartaGuidanceCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_guidance_checker_finalize;
}

static void
carta_guidance_checker_init (CartaGuidanceChecker *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

CartaGuidanceChecker *
carta_guidance_checker_new (CartaRuleset *ruleset,
                            const char   *lang)
{
  CartaGuidanceChecker *self;

  g_return_val_if_fail (CARTA_IS_RULESET (ruleset), NULL);

  self = g_object_new (CARTA_TYPE_GUIDANCE_CHECKER, NULL);
  self->ruleset = g_object_ref (ruleset);
  self->lang = g_strdup (lang);
  return self;
}

CartaRuleset *
carta_guidance_checker_get_ruleset (CartaGuidanceChecker *self)
{
  g_return_val_if_fail (CARTA_IS_GUIDANCE_CHECKER (self), NULL);
  return self->ruleset;
}

const char *
carta_guidance_checker_get_language (CartaGuidanceChecker *self)
{
  g_return_val_if_fail (CARTA_IS_GUIDANCE_CHECKER (self), NULL);
  return self->lang;
}

GArray *
carta_guidance_checker_check (CartaGuidanceChecker *self,
                              const char           *text)
{
  GArray *issues = g_array_new (FALSE, FALSE, sizeof (CartaGuidanceIssue));
  const char *start;

  g_return_val_if_fail (CARTA_IS_GUIDANCE_CHECKER (self), issues);
  g_return_val_if_fail (text != NULL, issues);

  /* Forget old paragraphs now and then rather than grow without end. */
  if (g_hash_table_size (self->cache) > MAX_CACHED_PARAGRAPHS)
    g_hash_table_remove_all (self->cache);

  start = text;
  while (*start != '\0')
    {
      const char *end = strstr (start, "\n\n");
      gsize len = end ? (gsize) (end - start) : strlen (start);
      g_autofree char *paragraph = g_strndup (start, len);
      GArray *found = g_hash_table_lookup (self->cache, paragraph);

      if (found == NULL)
        {
          found = carta_guidance_check (self->ruleset, paragraph, self->lang);
          g_hash_table_insert (self->cache, g_steal_pointer (&paragraph), found);
        }

      for (guint i = 0; i < found->len; i++)
        {
          CartaGuidanceIssue issue = g_array_index (found, CartaGuidanceIssue, i);

          issue.start += start - text;
          issue.end += start - text;
          g_array_append_val (issues, issue);
        }

      if (end == NULL)
        break;
      start = end + 2;
    }

  return issues;
}
