/* carta-search.c: search that matches across scripts and accents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People type names the way they have seen them written: "Bialiatski",
 * "Byalyatsky", "Бяляцкі". Folding turns each of them into the same rough
 * Latin key in two passes: first every letter becomes lower-case basic
 * Latin (Cyrillic transliterated, accents and strokes dropped); then the
 * spellings that romanisations disagree on are made equal (y/j/i, kh/h,
 * ts/tz/c, zh/z, doubled letters…). Both the text and the query go through
 * the same function, so the rules only need to be consistent, not exact.
 */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <string.h>

#include "carta-search.h"

/* Lower-case Cyrillic U+0430..U+045F to basic Latin. */
static const char * const cyrillic_lower[] = {
  /* а */ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i",
  /* к */ "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
  /* ф */ "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
  /* ю */ "yu", "ya",
  /* ѐ */ "e", "e", "dj", "g", "ye", "dz", "i", "i", "j", "l",
  /* њ */ "n", "c", "k", "i", "u", "dz",
};

static void
append_latin_for (GString  *out,
                  gunichar  ch)
{
  ch = g_unichar_tolower (ch);

  if (ch < 0x80)
    {
      if (g_ascii_isalnum (ch))
        g_string_append_c (out, (char) ch);
      else if (ch == '\'')
        ; /* Ukrainian and Belarusian apostrophes sit inside words */
      else
        g_string_append_c (out, ' ');
      return;
    }

  if (ch >= 0x430 && ch <= 0x45F)
    {
      g_string_append (out, cyrillic_lower[ch - 0x430]);
      return;
    }

  switch (ch)
    {
    case 0x491: g_string_append_c (out, 'g'); return;        /* ґ */
    case 0x2BC: case 0x2019: case 0x2018: return;            /* ʼ ’ ‘ inside words */
    case 0x142: g_string_append_c (out, 'l'); return;        /* ł */
    case 0xF8: g_string_append_c (out, 'o'); return;         /* ø */
    case 0x111: g_string_append_c (out, 'd'); return;        /* đ */
    case 0xDF: g_string_append (out, "ss"); return;          /* ß */
    case 0xE6: g_string_append (out, "ae"); return;          /* æ */
    case 0x153: g_string_append (out, "oe"); return;         /* œ */
    case 0xFE: g_string_append (out, "th"); return;          /* þ */
    case 0x131: g_string_append_c (out, 'i'); return;        /* ı */
    default: break;
    }

  if (g_unichar_ismark (ch))
    return;

  {
    gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
    gsize n = g_unichar_fully_decompose (ch, TRUE, decomposed, G_N_ELEMENTS (decomposed));

    if (n > 1 || (n == 1 && decomposed[0] != ch))
      {
        for (gsize i = 0; i < n; i++)
          append_latin_for (out, decomposed[i]);
        return;
      }
  }

  if (g_unichar_isalnum (ch))
    g_string_append_unichar (out, ch);
  else
    g_string_append_c (out, ' ');
}

typedef struct
{
  GString *out;
  char     last;
} Canon;

static void
canon_emit (Canon *c,
            char   ch)
{
  if (ch == ' ')
    {
      if (c->out->len > 0 && c->last != ' ')
        g_string_append_c (c->out, ' ');
      c->last = ' ';
      return;
    }

  if (ch == c->last)
    return;

  /* "ye"/"ie" and "e" are the same vowel in romanised Slavic names. */
  if (ch == 'e' && c->last == 'i')
    {
      c->out->str[c->out->len - 1] = 'e';
      c->last = 'e';
      return;
    }

  g_string_append_c (c->out, ch);
  c->last = ch;
}

static char *
canonicalize (const char *latin)
{
  Canon c = { g_string_sized_new (strlen (latin)), ' ' };
  const char *p = latin;

  while (*p)
    {
      char a = p[0];
      char b = p[1];

      if ((guchar) a >= 0x80)
        {
          /* Another script: keep the letter as it is. */
          const char *next = g_utf8_next_char (p);
          g_string_append_len (c.out, p, next - p);
          c.last = 0;
          p = next;
          continue;
        }

      /* German "sch" is the same sound as "sh". */
      if (a == 's' && b == 'c' && p[2] == 'h')
        {
          canon_emit (&c, 's');
          p += 3;
          continue;
        }

#define DIGRAPH(x, y, to) if (a == x && b == y) { canon_emit (&c, to); p += 2; continue; }
      DIGRAPH ('k', 'h', 'h');
      DIGRAPH ('z', 'h', 'z');
      DIGRAPH ('c', 'h', 'c');
      DIGRAPH ('s', 'h', 's');
      DIGRAPH ('t', 's', 'c');
      DIGRAPH ('t', 'z', 'c');
      DIGRAPH ('s', 'z', 's');
      DIGRAPH ('c', 'z', 'c');
      DIGRAPH ('c', 'k', 'k');
      DIGRAPH ('p', 'h', 'f');
#undef DIGRAPH

      switch (a)
        {
        case 'y': case 'j': canon_emit (&c, 'i'); break;
        case 'w': canon_emit (&c, 'v'); break;
        case 'q': canon_emit (&c, 'k'); break;
        case 'g': canon_emit (&c, 'h'); break;
        case 'x': canon_emit (&c, 'k'); canon_emit (&c, 's'); break;
        default: canon_emit (&c, a); break;
        }
      p++;
    }

  if (c.out->len > 0 && c.out->str[c.out->len - 1] == ' ')
    g_string_truncate (c.out, c.out->len - 1);

  return g_string_free (c.out, FALSE);
}

char *
carta_search_fold (const char *text)
{
  g_autoptr(GString) latin = NULL;

  if (text == NULL)
    return g_strdup ("");

  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), g_strdup (""));

  latin = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    append_latin_for (latin, g_utf8_get_char (p));

  return canonicalize (latin->str);
}

/* While the user is still typing a digraph, the query holds its first
 * letter only: "bialiat|s" folds to "bialiat" but the key to "bialiac".
 * The letter the finished digraph would fold to is tried as well. */
static char
digraph_completion (const char *word,
                    gsize       len)
{
  switch (word[len - 1])
    {
    case 'k': return 'h';   /* kh */
    case 'c': return 'k';   /* ck */
    case 't': return 'c';   /* ts, tz */
    case 'p': return 'f';   /* ph */
    default: return 0;
    }
}

static gboolean
contains (const char *haystack,
          gsize       haystack_len,
          const char *needle,
          gsize       needle_len)
{
  return memmem (haystack, haystack_len, needle, needle_len) != NULL;
}

static gboolean
word_matches (const char *key,
              gsize       key_len,
              const char *word,
              gsize       len)
{
  char completion;

  if (contains (key, key_len, word, len))
    return TRUE;

  /* "s" + the "c" of an unfinished "sch" */
  if (len >= 2 && word[len - 2] == 's' && word[len - 1] == 'c' &&
      contains (key, key_len, word, len - 1))
    return TRUE;

  completion = digraph_completion (word, len);
  if (completion != 0 && len <= 64)
    {
      char alternative[64];

      memcpy (alternative, word, len - 1);
      alternative[len - 1] = completion;
      return contains (key, key_len, alternative, len);
    }

  return FALSE;
}

gboolean
carta_search_matches (const char *folded_key,
                      const char *folded_query)
{
  gsize key_len;
  const char *word;

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;
  if (folded_key == NULL)
    return FALSE;

  key_len = strlen (folded_key);
  word = folded_query;

  while (*word)
    {
      const char *end = strchr (word, ' ');
      gsize len = end ? (gsize) (end - word) : strlen (word);

      if (len > 0 && !word_matches (folded_key, key_len, word, len))
        return FALSE;

      if (end == NULL)
        break;
      word = end + 1;
    }

  return TRUE;
}
