/* carta-import-address.c: a pasted facility address split into envelope lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "carta-import.h"

/* The feed format's limit. */
#define FEED_MAX_ADDRESS_LINES 12
#define MAX_ADDRESS_CHARS      512

void
carta_address_warning_free (CartaAddressWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->message);
  g_free (warning);
}

static void
add_warning (GPtrArray               *warnings,
             CartaAddressWarningKind  kind,
             char                    *message)
{
  CartaAddressWarning *warning;

  if (warnings == NULL)
    {
      g_free (message);
      return;
    }

  warning = g_new0 (CartaAddressWarning, 1);
  warning->kind = kind;
  warning->message = message;
  g_ptr_array_add (warnings, warning);
}

/* Whitespace and control characters become single spaces; the ends are trimmed. */
static char *
clean_part (const char *part)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = part; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_postcode (const char *part)
{
  if (strlen (part) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isdigit (part[i]))
      return FALSE;
  return TRUE;
}

/* A part that belongs to the street before it: "д. 1", "корп. 2", "15А". */
static gboolean
is_house_part (const char *part)
{
  static const char * const prefixes[] = {
    "д.", "д ", "дом", "корп", "к.", "стр.", "строение", "зд.", "здание", "влад", "уч.", "участок", NULL
  };
  g_autofree char *lower = g_utf8_strdown (part, -1);

  if (g_ascii_isdigit (part[0]) && !is_postcode (part) && g_utf8_strlen (part, -1) <= 6)
    return TRUE;

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (lower, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* A part that names a street: the house parts after it join its line. */
static gboolean
is_street_part (const char *part)
{
  static const char * const prefixes[] = {
    "ул.", "ул ", "улица", "вул.", "вуліца", "пр.", "пр-т", "проспект", "пер.", "переулок", "ш.", "шоссе",
    "пл.", "площадь", "наб.", "набережная", "б-р", "бульвар", "тракт", "мкр", "микрорайон", "проезд",
    "тупик", "аллея", "завулак", "праезд", NULL
  };
  g_autofree char *lower = g_utf8_strdown (part, -1);

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (lower, prefixes[i]))
      return TRUE;
  return g_str_has_suffix (lower, " ул.") || g_str_has_suffix (lower, " улица") ||
         g_str_has_suffix (lower, " шоссе") || g_str_has_suffix (lower, " ш.");
}

static void
check_script (char       **lines,
              const char  *country,
              GPtrArray   *warnings)
{
  gboolean cyrillic = FALSE;
  gboolean latin = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    for (const char *p = lines[i]; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        GUnicodeScript script;

        if (!g_unichar_isalpha (c))
          continue;
        script = g_unichar_get_script (c);
        if (script == G_UNICODE_SCRIPT_CYRILLIC)
          cyrillic = TRUE;
        else if (script == G_UNICODE_SCRIPT_LATIN)
          latin = TRUE;
      }

  if (!cyrillic)
    add_warning (warnings, CARTA_ADDRESS_WARNING_NOT_CYRILLIC,
                 g_strdup_printf (_("The address is not in Cyrillic letters: the post in %s expects "
                                    "it in Russian or Belarusian."),
                                  g_strcmp0 (country, "BY") == 0 ? _("Belarus") : _("Russia")));
  else if (latin)
    add_warning (warnings, CARTA_ADDRESS_WARNING_LATIN_LETTERS,
                 g_strdup (_("The address mixes Latin and Cyrillic letters: check that letters such "
                             "as “A”, “C” or “O” are Cyrillic.")));
}

char **
carta_import_split_address (const char *block,
                            const char *country,
                            GPtrArray  *warnings)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) raw = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *current = NULL;
  gboolean in_street = FALSE;
  gboolean checked_country;
  gboolean postcode = FALSE;
  guint n_lines;
  gsize total_chars = 0;

  if (block == NULL || !g_utf8_validate (block, -1, NULL))
    block = "";

  /* Lists put the parts on lines, between commas, or both. Splitting at
   * both and joining a street to its house number gives the envelope's
   * lines either way. */
  raw = g_strsplit_set (block, "\r\n,", -1);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *part = clean_part (raw[i]);

      if (*part == '\0')
        {
          g_free (part);
          continue;
        }
      g_ptr_array_add (parts, part);
    }

  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);

      if (i == 0 && is_postcode (part))
        {
          /* The postcode starts the address: it keeps the first line. */
          g_strv_builder_add (builder, part);
          continue;
        }

      if (in_street && is_house_part (part))
        {
          char *joined = g_strconcat (current, ", ", part, NULL);
          g_free (current);
          current = joined;
          continue;
        }

      if (current != NULL)
        g_strv_builder_add (builder, current);
      g_clear_pointer (&current, g_free);
      current = g_strdup (part);
      in_street = is_street_part (part);
    }
  if (current != NULL)
    g_strv_builder_add (builder, current);

  lines = g_strv_builder_end (builder);
  n_lines = g_strv_length (lines);

  if (n_lines > FEED_MAX_ADDRESS_LINES)
    {
      /* Nothing is dropped: the surplus joins the last line. */
      g_autofree char *tail = g_strjoinv (", ", lines + FEED_MAX_ADDRESS_LINES - 1);

      for (guint i = FEED_MAX_ADDRESS_LINES - 1; i < n_lines; i++)
        g_clear_pointer (&lines[i], g_free);
      lines[FEED_MAX_ADDRESS_LINES - 1] = g_steal_pointer (&tail);
    }

  if (n_lines == 0)
    {
      add_warning (warnings, CARTA_ADDRESS_WARNING_EMPTY, g_strdup (_("The address is empty.")));
      return g_steal_pointer (&lines);
    }

  if (n_lines > CARTA_ADDRESS_MAX_LINES)
    add_warning (warnings, CARTA_ADDRESS_WARNING_TOO_MANY_LINES,
                 g_strdup_printf (_("The address has %u lines; an envelope has room for %d."),
                                  n_lines, CARTA_ADDRESS_MAX_LINES));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      glong chars = g_utf8_strlen (lines[i], -1);

      total_chars += chars;
      if (chars > CARTA_ADDRESS_MAX_LINE_CHARS)
        add_warning (warnings, CARTA_ADDRESS_WARNING_LINE_TOO_LONG,
                     g_strdup_printf (_("Line %u of the address has %ld characters; more than %d do "
                                        "not fit on an envelope."),
                                      i + 1, chars, CARTA_ADDRESS_MAX_LINE_CHARS));

      /* A postcode anywhere counts: Belarusian addresses often put it after the street. */
      for (const char *p = lines[i]; *p != '\0'; p++)
        if (g_ascii_isdigit (*p) && (p == lines[i] || !g_ascii_isdigit (p[-1])))
          {
            guint digits = 0;

            while (g_ascii_isdigit (p[digits]))
              digits++;
            if (digits == 6)
              postcode = TRUE;
            p += digits - 1;
          }
    }

  if (total_chars > MAX_ADDRESS_CHARS)
    add_warning (warnings, CARTA_ADDRESS_WARNING_TOO_LONG,
                 g_strdup_printf (_("The address is %u characters long; check that "
                                    "only the address was pasted."), (guint) total_chars));

  checked_country = g_strcmp0 (country, "RU") == 0 || g_strcmp0 (country, "BY") == 0;
  if (checked_country && !postcode)
    add_warning (warnings, CARTA_ADDRESS_WARNING_NO_POSTCODE,
                 g_strdup (_("The address has no six-digit postcode.")));
  if (checked_country)
    check_script (lines, country, warnings);

  return g_steal_pointer (&lines);
}
