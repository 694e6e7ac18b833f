/* carta-compose.c: from a template to a letter's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carta-compose.h"
#include "carta-language.h"

void
carta_composed_paragraph_free (CartaComposedParagraph *paragraph)
{
  if (paragraph == NULL)
    return;

  g_free (paragraph->id);
  g_free (paragraph->text);
  g_free (paragraph);
}

static void
put (GHashTable *values,
     const char *name,
     const char *value)
{
  if (value != NULL && *value != '\0')
    g_hash_table_insert (values, g_strdup (name), g_strdup (value));
}

static gboolean
language_declines_names (const char *lang)
{
  static const char * const declining[] = { "ru", "be", "uk", "pl", "lt", NULL };
  g_autofree char *base = g_strndup (lang, strcspn (lang, "-_"));

  return g_strv_contains (declining, base);
}

static const char *
text_in (CartaText  *text,
         const char *lang)
{
  const char * const langs[] = { lang, NULL };

  return carta_text_lookup (text, langs);
}

GHashTable *
carta_compose_values_new (CartaCase     *person,
                          CartaTarget   *target,
                          CartaCampaign *campaign,
                          CartaProfile  *sender,
                          const char    *lang,
                          GDateTime     *date)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (lang != NULL, values);

  if (date != NULL)
    {
      g_autofree char *formatted = carta_language_format_date (lang, date);
      put (values, "date", formatted);
    }

  if (person != NULL)
    {
      GPtrArray *interests = carta_case_get_interests (person);
      g_autofree char *year = NULL;
      const char *latin = carta_case_get_name_latin (person);

      put (values, "case_name", carta_case_get_name (person));
      put (values, "case_name_latin", latin ? latin : carta_case_get_name (person));
      put (values, "case_name_dative", carta_case_get_name_form (person, lang, "dative"));
      put (values, "case_given_name", carta_case_get_name_form (person, lang, "given"));
      /* Languages without grammatical cases use the name as it is; Russian,
       * Belarusian and Ukrainian need the real forms, typed by the writer
       * when the feed lacks them, never guessed. */
      if (!language_declines_names (lang))
        {
          const char *plain = latin ? latin : carta_case_get_name (person);

          if (!g_hash_table_contains (values, "case_name_dative"))
            put (values, "case_name_dative", plain);
          if (!g_hash_table_contains (values, "case_given_name"))
            put (values, "case_given_name", plain);
        }
      put (values, "case_facility", text_in (carta_case_get_facility (person), lang));
      if (carta_case_get_birth_year (person) > 0)
        {
          year = g_strdup_printf ("%u", carta_case_get_birth_year (person));
          put (values, "case_birth_year", year);
        }

      /* Only interests written in the letter's language: a Russian letter
       * must not carry English words. */
      if (interests->len > 0)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) items = NULL;

          for (guint i = 0; i < interests->len; i++)
            {
              const char *interest = carta_text_get (g_ptr_array_index (interests, i), lang);
              if (interest != NULL)
                g_strv_builder_add (builder, interest);
            }
          items = g_strv_builder_end (builder);
          if (items[0] != NULL)
            {
              g_autofree char *joined = carta_language_join_list (lang, (const char * const *) items);
              put (values, "case_interests", joined);
            }
        }
    }

  if (target != NULL && !carta_target_get_user_supplied (target))
    {
      put (values, "target_title", text_in (carta_target_get_title (target), lang));
      put (values, "target_name", text_in (carta_target_get_title (target), lang));
      put (values, "target_organization", text_in (carta_target_get_organization (target), lang));
      put (values, "target_salutation", text_in (carta_target_get_salutation (target), lang));
    }
  else if (target != NULL)
    {
      /* The writer says who their representative or bank is; the salutation
       * may name them, so it is filled once the name is known. */
      put (values, "target_title", text_in (carta_target_get_title (target), lang));
    }

  if (campaign != NULL)
    put (values, "campaign_title", text_in (carta_campaign_get_title (campaign), lang));

  if (sender != NULL)
    {
      put (values, "sender_name", carta_profile_get_name (sender));
      put (values, "sender_city", carta_profile_get_city (sender));
      put (values, "sender_country", carta_profile_get_country (sender));
    }

  return values;
}

char *
carta_compose_fill (const char *text,
                    GHashTable *values,
                    GPtrArray  *missing)
{
  g_autoptr(GString) out = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 64);
  p = text;

  while (*p)
    {
      const char *end;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (out, p[0]);
          p += 2;
          continue;
        }

      if (p[0] == '{' && (end = strchr (p + 1, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, end - p - 1);
          const char *value = values ? g_hash_table_lookup (values, name) : NULL;

          if (value != NULL)
            g_string_append (out, value);
          else
            {
              g_string_append_len (out, p, end - p + 1);
              if (missing != NULL &&
                  !g_ptr_array_find_with_equal_func (missing, name, g_str_equal, NULL))
                g_ptr_array_add (missing, g_steal_pointer (&name));
            }
          p = end + 1;
          continue;
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static CartaComposedParagraph *
composed_new (const char *id,
              char       *text)
{
  CartaComposedParagraph *paragraph = g_new0 (CartaComposedParagraph, 1);

  paragraph->id = g_strdup (id);
  paragraph->text = text;
  return paragraph;
}

GPtrArray *
carta_compose_paragraphs (CartaTemplate      *template,
                          const char         *lang,
                          GHashTable         *values,
                          const char * const *enabled,
                          GPtrArray          *missing)
{
  g_autoptr(GPtrArray) result = NULL;
  GPtrArray *paragraphs;
  CartaText *closing;

  g_return_val_if_fail (CARTA_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  if (!carta_template_has_language (template, lang))
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_composed_paragraph_free);
  paragraphs = carta_template_get_paragraphs (template);

  for (guint i = 0; i < paragraphs->len; i++)
    {
      CartaParagraph *paragraph = g_ptr_array_index (paragraphs, i);
      gboolean wanted = !paragraph->optional ||
                        (enabled ? g_strv_contains (enabled, paragraph->id)
                                 : paragraph->enabled_by_default);

      if (wanted)
        g_ptr_array_add (result,
                         composed_new (paragraph->id,
                                       carta_compose_fill (carta_text_get (paragraph->text, lang),
                                                           values, missing)));
    }

  closing = carta_template_get_closing (template);
  if (closing != NULL)
    g_ptr_array_add (result,
                     composed_new ("closing",
                                   carta_compose_fill (carta_text_get (closing, lang), values, missing)));

  return g_steal_pointer (&result);
}

char *
carta_compose_join (GPtrArray *paragraphs)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_return_val_if_fail (paragraphs != NULL, NULL);

  for (guint i = 0; i < paragraphs->len; i++)
    {
      CartaComposedParagraph *paragraph = g_ptr_array_index (paragraphs, i);

      if (i > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, paragraph->text);
    }

  return g_string_free (g_steal_pointer (&body), FALSE);
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

GPtrArray *
carta_compose_split (const char *body)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_composed_paragraph_free);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) current = g_string_new (NULL);

  g_return_val_if_fail (body != NULL, result);

  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; ; i++)
    {
      gboolean blank = lines[i] == NULL || is_blank (lines[i]);

      if (blank)
        {
          if (current->len > 0)
            g_ptr_array_add (result, composed_new (NULL, g_strdup (current->str)));
          g_string_truncate (current, 0);
          if (lines[i] == NULL)
            break;
          continue;
        }

      if (current->len > 0)
        g_string_append_c (current, '\n');
      g_string_append (current, lines[i]);
    }

  return result;
}

static GStrv
split_lines (const char *block)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  if (block == NULL)
    return NULL;

  lines = g_strsplit (block, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        g_strv_builder_add (builder, lines[i]);
    }

  return g_strv_builder_end (builder);
}

CartaPrintable *
carta_compose_printable (CartaLetter  *letter,
                         CartaCase    *person,
                         CartaTarget  *target,
                         CartaProfile *sender,
                         GDateTime    *date)
{
  g_autoptr(CartaPrintable) printable = carta_printable_new ();
  const char *lang;

  g_return_val_if_fail (CARTA_IS_LETTER (letter), NULL);

  lang = carta_letter_get_language (letter);
  if (lang == NULL)
    lang = "en";
  printable->language = g_strdup (lang);

  if (sender != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) address = split_lines (carta_profile_get_return_address (sender));

      if (carta_profile_get_name (sender) != NULL)
        g_strv_builder_add (builder, carta_profile_get_name (sender));
      if (address != NULL)
        g_strv_builder_addv (builder, (const char **) address);
      printable->sender_lines = g_strv_builder_end (builder);
      printable->signature = g_strdup (carta_profile_get_name (sender));
    }

  if (target != NULL && carta_target_get_user_supplied (target))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) address = split_lines (carta_letter_get_value (letter, CARTA_VALUE_TARGET_ADDRESS));
      const char *name = carta_letter_get_value (letter, CARTA_VALUE_TARGET_NAME);

      if (name != NULL && *name != '\0')
        g_strv_builder_add (builder, name);
      if (address != NULL)
        g_strv_builder_addv (builder, (const char **) address);
      printable->recipient_lines = g_strv_builder_end (builder);
    }
  else if (target != NULL)
    printable->recipient_lines = carta_recipient_lines_for_target (target, lang);
  else if (person != NULL)
    printable->recipient_lines = carta_recipient_lines_for_case (person, lang);

  if (date != NULL)
    printable->date = carta_language_format_date (lang, date);

  printable->body = g_strdup (carta_letter_get_body (letter) ? carta_letter_get_body (letter) : "");
  if (carta_letter_get_subject (letter) != NULL && *carta_letter_get_subject (letter) != '\0')
    printable->subject = g_strdup (carta_letter_get_subject (letter));

  return g_steal_pointer (&printable);
}
