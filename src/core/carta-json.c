/* carta-json.c: a strict JSON parser into a compact, read-only tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over a private copy of the document. Strings are decoded where
 * they lie (a decoded string is never longer than its source) and
 * terminated there. A container's children are gathered on a scratch stack
 * and moved into the arena, contiguous, when the container closes: the
 * tree is a few large blocks, and freeing it is as cheap as making it.
 */
#include "config.h"

#include <string.h>

#include "carta-json.h"

#define ARENA_BLOCK_SIZE (1024 * 1024)

typedef struct _ArenaBlock ArenaBlock;
struct _ArenaBlock
{
  ArenaBlock *next;
  gsize       size;
  gsize       used;
  /* The values follow, aligned for CartaJsonValue. */
};

/* Keeps what follows the header aligned for doubles and pointers. */
#define BLOCK_HEADER ((sizeof (ArenaBlock) + 15) & ~(gsize) 15)

typedef enum
{
  BAD_NOT_AN_ESCAPE,
  BAD_INCOMPLETE_ESCAPE,
  BAD_NUL,
  BAD_SURROGATE,
} BadKind;

typedef struct
{
  const char *text;       /* the decoded string (value or name) it spoils */
  gsize       offset;     /* of the escape in the original data */
  BadKind     kind;
  char        escape[8];  /* as written, for the message */
} BadText;

struct _CartaJsonDocument
{
  char           *buffer;     /* the decoded copy: every string points into it */
  ArenaBlock     *blocks;
  const char     *original;   /* borrowed: the caller's data, for line numbers */
  GArray         *bad_texts;  /* of BadText; NULL when there is none */
  gboolean        has_root;
  CartaJsonValue  root;
};

typedef struct
{
  CartaJsonDocument *doc;
  gsize              length;
  char              *cur;
  guint              depth;
  guint              max_depth;

  /* Children of the open containers, innermost last. */
  CartaJsonValue    *values;
  gsize              n_values;
  gsize              values_size;
  CartaJsonMember   *members;
  gsize              n_members;
  gsize              members_size;

  CartaJsonError    *error;
} Parser;

/* ------------------------------------------------------------------------
 * The arena
 */

static gpointer
arena_alloc (CartaJsonDocument *doc,
             gsize              size)
{
  ArenaBlock *block = doc->blocks;
  gpointer mem;

  size = (size + 15) & ~(gsize) 15;

  if (block == NULL || block->size - block->used < size)
    {
      /* Large arrays get a block of their own, behind the current one, so
       * that the space left in the current block is not wasted. */
      if (size > ARENA_BLOCK_SIZE / 4 && block != NULL)
        {
          ArenaBlock *own = g_malloc (BLOCK_HEADER + size);

          own->size = own->used = size;
          own->next = block->next;
          block->next = own;
          return (char *) own + BLOCK_HEADER;
        }

      block = g_malloc (BLOCK_HEADER + MAX (size, ARENA_BLOCK_SIZE));
      block->size = MAX (size, ARENA_BLOCK_SIZE);
      block->used = 0;
      block->next = doc->blocks;
      doc->blocks = block;
    }

  mem = (char *) block + BLOCK_HEADER + block->used;
  block->used += size;
  return mem;
}

/* ------------------------------------------------------------------------
 * Errors
 */

static gboolean G_GNUC_PRINTF (3, 4)
fail_at (Parser     *p,
         const char *at,
         const char *format,
         ...)
{
  va_list args;

  p->error->kind = CARTA_JSON_ERROR_SYNTAX;
  p->error->offset = at - p->doc->buffer;
  va_start (args, format);
  p->error->message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

static inline gsize utf8_sequence (const char *str);

/* "expected …, not “x”" for whatever character is at @at. */
static gboolean
fail_unexpected (Parser     *p,
                 const char *at,
                 const char *expected)
{
  guchar c = (guchar) *at;
  gsize n;

  /* The final NUL; a NUL inside the document is not text, as below. */
  if (c == '\0' && at == p->doc->buffer + p->length)
    return fail_at (p, at, "the document ends where %s should be", expected);
  if (c < 0x20 || c == 0x7f)
    return fail_at (p, at, "expected %s, not the control character U+%04X", expected, c);
  if (c < 0x80)
    return fail_at (p, at, "expected %s, not “%c”", expected, c);
  if ((n = utf8_sequence (at)) == 0)
    return fail_at (p, at, "expected %s, not a byte that is not UTF-8", expected);
  return fail_at (p, at, "expected %s, not “%.*s”", expected, (int) n, at);
}

static void
mark_bad (Parser     *p,
          const char *text,
          const char *escape,
          gsize       escape_length,
          BadKind     kind)
{
  BadText bad = { text, escape - p->doc->buffer, kind, { 0 } };

  /* Only the first bad escape of a string is told. */
  if (p->doc->bad_texts == NULL)
    p->doc->bad_texts = g_array_new (FALSE, FALSE, sizeof (BadText));
  else
    {
      BadText *last = &g_array_index (p->doc->bad_texts, BadText, p->doc->bad_texts->len - 1);
      if (last->text == text)
        return;
    }

  memcpy (bad.escape, escape, MIN (escape_length, sizeof bad.escape - 1));
  g_array_append_val (p->doc->bad_texts, bad);
}

/* ------------------------------------------------------------------------
 * Scanning
 */

static inline char *
skip_space (char *s)
{
  while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
    s++;
  return s;
}

/* Bytes that end a run of plain ASCII in a string: the closing quote, an
 * escape, control characters (NUL is the end of the buffer), and the lead
 * of a multi-byte sequence, which is checked on the way. */
static const guint8 string_stop[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,   /* '"' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,   /* '\\' */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* The length of the well-formed UTF-8 sequence at @s (Unicode's table 3-7:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or 0. Stops at
 * the buffer's final NUL, which is no continuation byte. */
static inline gsize
utf8_sequence (const char *str)
{
  const guchar *s = (const guchar *) str;

  if (s[0] < 0xc2)
    return 0;
  if (s[0] < 0xe0)
    return (s[1] & 0xc0) == 0x80 ? 2 : 0;
  if (s[0] < 0xf0)
    {
      guchar low = s[0] == 0xe0 ? 0xa0 : 0x80;
      guchar high = s[0] == 0xed ? 0x9f : 0xbf;

      return s[1] >= low && s[1] <= high && (s[2] & 0xc0) == 0x80 ? 3 : 0;
    }
  if (s[0] < 0xf5)
    {
      guchar low = s[0] == 0xf0 ? 0x90 : 0x80;
      guchar high = s[0] == 0xf4 ? 0x8f : 0xbf;

      return s[1] >= low && s[1] <= high && (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80 ? 4 : 0;
    }
  return 0;
}

/* Skips plain string content from @r: everything up to a quote, an
 * escape, a control character or bytes that are not UTF-8. */
static inline char *
skip_plain (char *r)
{
  for (;;)
    {
      gsize n;

      while (!string_stop[(guchar) *r])
        r++;
      if ((guchar) *r < 0x80 || (n = utf8_sequence (r)) == 0)
        return r;
      r += n;
    }
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hex digits at @s, or -1. */
static inline int
read_hex4 (const char *s)
{
  int a, b, c, d;

  if ((a = hex_value (s[0])) < 0 || (b = hex_value (s[1])) < 0 ||
      (c = hex_value (s[2])) < 0 || (d = hex_value (s[3])) < 0)
    return -1;
  return a << 12 | b << 8 | c << 4 | d;
}

/* Decodes the string whose opening quote is at p->cur, in place. */
static gboolean
parse_string (Parser      *p,
              const char **out,
              guint32     *out_length,
              guint8      *out_flags)
{
  char *start = p->cur + 1;
  char *r = start;
  char *w;

  /* Most strings have no escape: find the end without writing. */
  r = skip_plain (r);
  w = r;

  for (;;)
    {
      guchar c = (guchar) *r;

      if (c == '"')
        break;

      if (c == '\\')
        {
          char *escape = r;
          int cp;

          switch (r[1])
            {
            case '"':  *w++ = '"';  r += 2; break;
            case '\\': *w++ = '\\'; r += 2; break;
            case '/':  *w++ = '/';  r += 2; break;
            case 'b':  *w++ = '\b'; r += 2; break;
            case 'f':  *w++ = '\f'; r += 2; break;
            case 'n':  *w++ = '\n'; r += 2; break;
            case 'r':  *w++ = '\r'; r += 2; break;
            case 't':  *w++ = '\t'; r += 2; break;

            case 'u':
              cp = read_hex4 (r + 2);
              if (cp < 0)
                {
                  gsize n = 2;

                  while (n < 6 && hex_value (r[n]) >= 0)
                    n++;
                  mark_bad (p, start, escape, n, BAD_INCOMPLETE_ESCAPE);
                  *w++ = '?';
                  r += n;
                  break;
                }
              r += 6;

              if (cp >= 0xd800 && cp <= 0xdbff && r[0] == '\\' && r[1] == 'u')
                {
                  int low = read_hex4 (r + 2);

                  if (low >= 0xdc00 && low <= 0xdfff)
                    {
                      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                      r += 6;
                    }
                }

              if (cp == 0)
                {
                  mark_bad (p, start, escape, 6, BAD_NUL);
                  *w++ = '?';
                }
              else if (cp >= 0xd800 && cp <= 0xdfff)
                {
                  mark_bad (p, start, escape, 6, BAD_SURROGATE);
                  *w++ = '?';
                }
              else
                w += g_unichar_to_utf8 (cp, w);
              break;

            case '\0':
              return fail_at (p, p->cur, "the string does not end");

            default:
              {
                /* Not a JSON escape: the backslash and the whole character
                 * after it (which may take several bytes) stand for "?". */
                gsize n = 2;

                if ((guchar) r[1] >= 0x80 && (n = 1 + utf8_sequence (r + 1)) == 1)
                  return fail_at (p, r + 1, "the string is not UTF-8");

                mark_bad (p, start, escape, n, BAD_NOT_AN_ESCAPE);
                *w++ = '?';
                r += n;
              }
              break;
            }
          continue;
        }

      if (c == '\0')
        return fail_at (p, p->cur, "the string does not end");
      if (c < 0x20)
        return fail_at (p, r, "a control character (U+%04X) in a string must be written as an escape", c);
      if (c >= 0x80 && utf8_sequence (r) == 0)
        return fail_at (p, r, "the string is not UTF-8");

      /* A run of plain text after an escape: move it down. */
      {
        char *run = r;

        r = skip_plain (r);
        memmove (w, run, r - run);
        w += r - run;
      }
    }

  *w = '\0';
  p->cur = r + 1;

  if ((gsize) (w - start) > G_MAXUINT32)
    return fail_at (p, start, "the string is too long");

  *out = start;
  *out_length = (guint32) (w - start);
  *out_flags = 0;
  if (p->doc->bad_texts != NULL &&
      g_array_index (p->doc->bad_texts, BadText, p->doc->bad_texts->len - 1).text == start)
    *out_flags = CARTA_JSON_BAD_TEXT;
  return TRUE;
}

static gboolean
parse_number (Parser         *p,
              CartaJsonValue *out)
{
  char *start = p->cur;
  char *s = start;
  gboolean negative = FALSE;
  gboolean integral = TRUE;
  gboolean overflow = FALSE;
  guint64 magnitude = 0;

  if (*s == '-')
    {
      negative = TRUE;
      s++;
    }

  if (*s == '0')
    s++;
  else if (*s >= '1' && *s <= '9')
    {
      while (*s >= '0' && *s <= '9')
        {
          guint digit = *s - '0';

          if (magnitude > (G_MAXUINT64 - digit) / 10)
            overflow = TRUE;
          else
            magnitude = magnitude * 10 + digit;
          s++;
        }
    }
  else
    return fail_unexpected (p, s, "a digit");

  if (*s == '.')
    {
      integral = FALSE;
      s++;
      if (!(*s >= '0' && *s <= '9'))
        return fail_unexpected (p, s, "a digit after the decimal point");
      while (*s >= '0' && *s <= '9')
        s++;
    }

  if (*s == 'e' || *s == 'E')
    {
      integral = FALSE;
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!(*s >= '0' && *s <= '9'))
        return fail_unexpected (p, s, "a digit in the exponent");
      while (*s >= '0' && *s <= '9')
        s++;
    }

  if (integral)
    {
      out->type = CARTA_JSON_INTEGER;
      if (negative)
        out->integer = overflow || magnitude > (guint64) G_MAXINT64 ? G_MININT64 : -(gint64) magnitude;
      else
        out->integer = overflow || magnitude > (guint64) G_MAXINT64 ? G_MAXINT64 : (gint64) magnitude;
    }
  else
    {
      /* The grammar is checked: strtod reads exactly this number. Too large
       * an exponent gives an infinity, which is still not an integer. */
      out->type = CARTA_JSON_DOUBLE;
      out->number = g_ascii_strtod (start, NULL);
    }

  p->cur = s;
  return TRUE;
}

static void
push_value (Parser               *p,
            const CartaJsonValue *value)
{
  if (p->n_values == p->values_size)
    {
      p->values_size = MAX (256, p->values_size * 2);
      p->values = g_renew (CartaJsonValue, p->values, p->values_size);
    }
  p->values[p->n_values++] = *value;
}

static void
push_member (Parser                *p,
             const CartaJsonMember *member)
{
  if (p->n_members == p->members_size)
    {
      p->members_size = MAX (256, p->members_size * 2);
      p->members = g_renew (CartaJsonMember, p->members, p->members_size);
    }
  p->members[p->n_members++] = *member;
}

static inline gboolean
same_name (const CartaJsonMember *a,
           const CartaJsonMember *b)
{
  return a->name_length == b->name_length && memcmp (a->name, b->name, a->name_length) == 0;
}

/* A repeated name keeps its first place and takes the last value. */
static guint32
merge_duplicates (CartaJsonMember *members,
                  guint32          n)
{
  guint32 kept = 1;

  if (n < 2)
    return n;

  if (n <= 16)
    {
      for (guint32 i = 1; i < n; i++)
        {
          guint32 j;

          for (j = 0; j < kept; j++)
            if (same_name (&members[j], &members[i]))
              break;

          if (j < kept)
            members[j].value = members[i].value;
          else
            members[kept++] = members[i];
        }
    }
  else
    {
      /* Names are NUL-terminated and hold no NUL (a bad escape leaves a
       * "?"), so they can be hashed as C strings. */
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_hash_table_insert (seen, (gpointer) members[0].name, GUINT_TO_POINTER (1));
      for (guint32 i = 1; i < n; i++)
        {
          gpointer at = g_hash_table_lookup (seen, members[i].name);

          if (at != NULL)
            members[GPOINTER_TO_UINT (at) - 1].value = members[i].value;
          else
            {
              members[kept] = members[i];
              g_hash_table_insert (seen, (gpointer) members[kept].name, GUINT_TO_POINTER (kept + 1));
              kept++;
            }
        }
    }

  return kept;
}

static gboolean parse_value (Parser         *p,
                             CartaJsonValue *out);

static gboolean
parse_object (Parser         *p,
              CartaJsonValue *out)
{
  gsize base = p->n_members;
  guint32 n;

  p->cur = skip_space (p->cur + 1);
  if (*p->cur != '}')
    {
      for (;;)
        {
          CartaJsonMember member;

          if (*p->cur != '"')
            return fail_unexpected (p, p->cur, "a member name in double quotes");
          if (!parse_string (p, &member.name, &member.name_length, &member.flags))
            return FALSE;

          p->cur = skip_space (p->cur);
          if (*p->cur != ':')
            return fail_unexpected (p, p->cur, "“:”");
          p->cur++;

          if (!parse_value (p, &member.value))
            return FALSE;
          push_member (p, &member);

          p->cur = skip_space (p->cur);
          if (*p->cur == ',')
            {
              p->cur = skip_space (p->cur + 1);
              continue;
            }
          if (*p->cur == '}')
            break;
          return fail_unexpected (p, p->cur, "“,” or “}”");
        }
    }
  p->cur++;
  p->depth--;

  n = (guint32) (p->n_members - base);
  if (n > 1)
    n = merge_duplicates (&p->members[base], n);
  out->type = CARTA_JSON_OBJECT;
  out->flags = 0;
  out->length = n;
  out->members = NULL;
  if (n > 0)
    {
      out->members = arena_alloc (p->doc, n * sizeof (CartaJsonMember));
      memcpy (out->members, &p->members[base], n * sizeof (CartaJsonMember));
    }
  p->n_members = base;
  return TRUE;
}

static gboolean
parse_array (Parser         *p,
             CartaJsonValue *out)
{
  gsize base = p->n_values;
  gsize n;

  p->cur = skip_space (p->cur + 1);
  if (*p->cur != ']')
    {
      for (;;)
        {
          CartaJsonValue item;

          if (!parse_value (p, &item))
            return FALSE;
          push_value (p, &item);

          p->cur = skip_space (p->cur);
          if (*p->cur == ',')
            {
              p->cur++;
              continue;
            }
          if (*p->cur == ']')
            break;
          return fail_unexpected (p, p->cur, "“,” or “]”");
        }
    }
  p->cur++;
  p->depth--;

  n = p->n_values - base;
  out->type = CARTA_JSON_ARRAY;
  out->flags = 0;
  out->length = (guint32) n;
  out->items = NULL;
  if (n > 0)
    {
      out->items = arena_alloc (p->doc, n * sizeof (CartaJsonValue));
      memcpy (out->items, &p->values[base], n * sizeof (CartaJsonValue));
    }
  p->n_values = base;
  return TRUE;
}

static inline gboolean
literal (const char *s,
         const char *word)
{
  /* Stops at the buffer's final NUL, which matches no letter. */
  for (; *word; s++, word++)
    if (*s != *word)
      return FALSE;
  return TRUE;
}

static gboolean
parse_value (Parser         *p,
             CartaJsonValue *out)
{
  char *s = p->cur = skip_space (p->cur);

  out->flags = 0;
  out->length = 0;

  switch (*s)
    {
    case '{':
    case '[':
      if (++p->depth > p->max_depth)
        {
          p->error->kind = CARTA_JSON_ERROR_TOO_DEEP;
          p->error->offset = s - p->doc->buffer;
          p->error->message = g_strdup_printf ("nested more than %u levels deep", p->max_depth);
          return FALSE;
        }
      return *s == '{' ? parse_object (p, out) : parse_array (p, out);

    case '"':
      out->type = CARTA_JSON_STRING;
      return parse_string (p, &out->string, &out->length, &out->flags);

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return parse_number (p, out);

    case 't':
      if (!literal (s, "true"))
        break;
      out->type = CARTA_JSON_BOOLEAN;
      out->boolean = TRUE;
      p->cur = s + 4;
      return TRUE;

    case 'f':
      if (!literal (s, "false"))
        break;
      out->type = CARTA_JSON_BOOLEAN;
      out->boolean = FALSE;
      p->cur = s + 5;
      return TRUE;

    case 'n':
      if (!literal (s, "null"))
        break;
      out->type = CARTA_JSON_NULL;
      out->integer = 0;
      p->cur = s + 4;
      return TRUE;

    default:
      break;
    }

  return fail_unexpected (p, s, "a value");
}

/* ------------------------------------------------------------------------
 * The document
 */

CartaJsonDocument *
carta_json_document_parse (const char     *data,
                           gsize           length,
                           guint           max_depth,
                           CartaJsonError *error)
{
  g_autoptr(CartaJsonDocument) doc = g_new0 (CartaJsonDocument, 1);
  Parser p = { 0 };
  gboolean ok;
  char *s;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error != NULL, NULL);

  /* A private, NUL-terminated copy to decode in place. */
  doc->buffer = g_malloc (length + 1);
  memcpy (doc->buffer, data, length);
  doc->buffer[length] = '\0';
  doc->original = data;

  p.doc = doc;
  p.length = length;
  p.max_depth = max_depth;
  p.error = error;
  p.cur = doc->buffer;

  /* A byte order mark is allowed, as many editors write one. */
  if (length >= 3 && memcmp (p.cur, "\xef\xbb\xbf", 3) == 0)
    p.cur += 3;

  s = skip_space (p.cur);
  if (*s == '\0' && s == doc->buffer + length)
    return g_steal_pointer (&doc);

  ok = parse_value (&p, &doc->root);
  if (ok)
    {
      s = skip_space (p.cur);
      if (s != doc->buffer + length)
        ok = fail_unexpected (&p, s, "the end of the document");
    }

  g_free (p.values);
  g_free (p.members);

  if (!ok)
    return NULL;

  doc->has_root = TRUE;
  return g_steal_pointer (&doc);
}

void
carta_json_document_free (CartaJsonDocument *self)
{
  ArenaBlock *block;

  if (self == NULL)
    return;

  block = self->blocks;
  while (block != NULL)
    {
      ArenaBlock *next = block->next;
      g_free (block);
      block = next;
    }
  g_clear_pointer (&self->bad_texts, g_array_unref);
  g_free (self->buffer);
  g_free (self);
}

const CartaJsonValue *
carta_json_document_get_root (CartaJsonDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->has_root ? &self->root : NULL;
}

guint
carta_json_line_at (const char *data,
                    gsize       offset)
{
  guint line = 1;

  for (const char *c = data, *end = data + offset; (c = memchr (c, '\n', end - c)) != NULL; c++)
    line++;
  return line;
}

char *
carta_json_document_describe_bad_text (CartaJsonDocument *self,
                                       const char        *text)
{
  static const char * const what[] = {
    [BAD_NOT_AN_ESCAPE] = "is not a JSON escape",
    [BAD_INCOMPLETE_ESCAPE] = "is not a complete \\u escape",
    [BAD_NUL] = "is a NUL character",
    [BAD_SURROGATE] = "is half of a UTF-16 surrogate pair",
  };

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; self->bad_texts != NULL && i < self->bad_texts->len; i++)
    {
      BadText *bad = &g_array_index (self->bad_texts, BadText, i);

      if (bad->text == text)
        {
          g_autofree char *escape = g_utf8_make_valid (bad->escape, -1);

          return g_strdup_printf ("“%s” at byte %" G_GSIZE_FORMAT " (line %u) %s", escape, bad->offset,
                                  carta_json_line_at (self->original, bad->offset), what[bad->kind]);
        }
    }

  return g_strdup ("an escape is not text");
}

const CartaJsonValue *
carta_json_object_get (const CartaJsonValue *object,
                       const char           *name)
{
  gsize length;

  g_return_val_if_fail (object != NULL && object->type == CARTA_JSON_OBJECT, NULL);

  length = strlen (name);
  for (guint32 i = 0; i < object->length; i++)
    {
      const CartaJsonMember *member = &object->members[i];

      if (member->name_length == length && member->flags == 0 &&
          memcmp (member->name, name, length) == 0)
        return &member->value;
    }
  return NULL;
}
