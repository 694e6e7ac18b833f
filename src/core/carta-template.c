/* carta-template.c: a letter template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carta-error.h"
#include "carta-template.h"
#include "carta-model-private.h"

G_DEFINE_FINAL_TYPE (CartaTemplate, carta_template, CARTA_TYPE_ENTITY)

/* Keep in step with docs/feed-format.md. */
static const char * const known_placeholders[] = {
  "case_name",
  "case_name_latin",
  "case_name_dative",
  "case_given_name",
  "case_birth_year",
  "case_facility",
  "case_interests",
  "target_name",
  "target_title",
  "target_organization",
  "target_salutation",
  "sender_name",
  "sender_city",
  "sender_country",
  "date",
  "campaign_title",
  NULL
};

void
carta_paragraph_free (CartaParagraph *paragraph)
{
  if (paragraph == NULL)
    return;

  g_free (paragraph->id);
  g_clear_pointer (&paragraph->text, carta_text_unref);
  g_free (paragraph);
}

static void
carta_template_finalize (GObject *object)
{
  CartaTemplate *self = CARTA_TEMPLATE (object);

  g_clear_pointer (&self->title, carta_text_unref);
  g_clear_pointer (&self->subject, carta_text_unref);
  g_clear_pointer (&self->paragraphs, g_ptr_array_unref);
  g_clear_pointer (&self->closing, carta_text_unref);
  g_strfreev (self->languages);

  G_OBJECT_CLASS (carta_template_parent_class)->finalize (object);
}

static char *
carta_template_collect_search_text (CartaEntity *entity)
{
  GString *text = g_string_new (NULL);

  carta_text_append_all_to (CARTA_TEMPLATE (entity)->title, text);
  return g_string_free (text, FALSE);
}

static void
carta_template_class_init (CartaTemplateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_template_finalize;
  CARTA_ENTITY_CLASS (klass)->collect_search_text = carta_template_collect_search_text;
}

static void
carta_template_init (CartaTemplate *self)
{
  self->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_paragraph_free);
  self->languages = g_new0 (char *, 1);
}

CartaLetterKind
carta_template_get_kind (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), CARTA_LETTER_SOLIDARITY);
  return self->kind;
}

CartaAddresseeRole
carta_template_get_addressee_role (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), CARTA_ADDRESSEE_PRISONER);
  return self->addressee_role;
}

CartaText *
carta_template_get_title (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), NULL);
  return self->title;
}

CartaText *
carta_template_get_subject (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), NULL);
  return self->subject;
}

GPtrArray *
carta_template_get_paragraphs (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), NULL);
  return self->paragraphs;
}

CartaText *
carta_template_get_closing (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), NULL);
  return self->closing;
}

guint
carta_template_get_max_words (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), 0);
  return self->max_words;
}

guint
carta_template_get_max_pages (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), 0);
  return self->max_pages;
}

const char * const *
carta_template_get_languages (CartaTemplate *self)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), NULL);
  return (const char * const *) self->languages;
}

gboolean
carta_template_has_language (CartaTemplate *self,
                             const char    *lang)
{
  g_return_val_if_fail (CARTA_IS_TEMPLATE (self), FALSE);
  return lang != NULL && g_strv_contains ((const char * const *) self->languages, lang);
}

static gboolean
text_has_or_absent (CartaText  *text,
                    const char *lang)
{
  return text == NULL || carta_text_has (text, lang);
}

void
carta_template_update_languages (CartaTemplate *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) candidates = carta_text_dup_languages (self->title);

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      const char *lang = candidates[i];
      gboolean complete = text_has_or_absent (self->subject, lang) &&
                          text_has_or_absent (self->closing, lang);

      for (guint j = 0; complete && j < self->paragraphs->len; j++)
        {
          CartaParagraph *paragraph = g_ptr_array_index (self->paragraphs, j);
          complete = carta_text_has (paragraph->text, lang);
        }

      if (complete)
        g_strv_builder_add (builder, lang);
    }

  g_strfreev (self->languages);
  self->languages = g_strv_builder_end (builder);
}

const char * const *
carta_template_known_placeholders (void)
{
  return known_placeholders;
}

GPtrArray *
carta_template_parse_placeholders (const char  *text,
                                   GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  while (*p)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          p += 2;
          continue;
        }
      if (p[0] == '}' && p[1] == '}')
        {
          p += 2;
          continue;
        }
      if (p[0] == '}')
        {
          g_set_error (error, CARTA_ERROR, CARTA_ERROR_PLACEHOLDER,
                       "a “}” without its “{” (write “}}” for a brace)");
          return NULL;
        }
      if (p[0] == '{')
        {
          const char *end = strchr (p + 1, '}');
          g_autofree char *name = NULL;

          if (end == NULL)
            {
              g_set_error (error, CARTA_ERROR, CARTA_ERROR_PLACEHOLDER,
                           "a “{” without its “}” (write “{{” for a brace)");
              return NULL;
            }

          name = g_strndup (p + 1, end - p - 1);
          if (!g_strv_contains (known_placeholders, name))
            {
              g_autofree char *shown = g_utf8_make_valid (name, MIN (strlen (name), 64));
              g_set_error (error, CARTA_ERROR, CARTA_ERROR_PLACEHOLDER,
                           "unknown placeholder “{%s}”", shown);
              return NULL;
            }

          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, g_steal_pointer (&name));
          p = end + 1;
          continue;
        }
      p++;
    }

  return g_steal_pointer (&names);
}
