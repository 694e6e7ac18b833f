/* carta-case.c: a person to write to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-case.h"
#include "carta-model-private.h"

G_DEFINE_FINAL_TYPE (CartaCase, carta_case, CARTA_TYPE_ENTITY)

static void
carta_case_finalize (GObject *object)
{
  CartaCase *self = CARTA_CASE (object);

  g_free (self->name);
  g_free (self->name_latin);
  g_free (self->name_forms);
  g_free (self->country);
  g_clear_pointer (&self->birth_date, g_date_free);
  g_clear_pointer (&self->story, carta_text_unref);
  g_clear_pointer (&self->interests, g_ptr_array_unref);
  g_clear_pointer (&self->facility, carta_text_unref);
  g_clear_pointer (&self->address, carta_address_unref);
  g_strfreev (self->letter_languages);
  g_clear_object (&self->ruleset);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->channels, g_ptr_array_unref);

  G_OBJECT_CLASS (carta_case_parent_class)->finalize (object);
}

/* Names in both scripts, the facility and the address: people search for
 * a prisoner by name, and sometimes by the colony they are held in. */
static char *
carta_case_collect_search_text (CartaEntity *entity)
{
  CartaCase *self = CARTA_CASE (entity);
  GString *text = g_string_new (self->name);

  /* Appended piece by piece: a printf per piece shows in the time a
   * large feed takes to load. */
  if (self->name_latin)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, self->name_latin);
    }
  carta_text_append_all_to (self->facility, text);
  if (self->address)
    {
      const char * const *lines = carta_address_get_lines (self->address);
      for (guint i = 0; lines[i]; i++)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, lines[i]);
        }
    }

  return g_string_free (text, FALSE);
}

static void
carta_case_class_init (CartaCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CartaEntityClass *entity_class = CARTA_ENTITY_CLASS (klass);

  object_class->finalize = carta_case_finalize;
  entity_class->collect_search_text = carta_case_collect_search_text;
}

static void
carta_case_init (CartaCase *self)
{
  self->interests = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_text_unref);
  self->templates = g_ptr_array_new_with_free_func (g_object_unref);
  self->channels = g_ptr_array_new_with_free_func (g_object_unref);
  self->can_receive_letters = TRUE;
}

const char *
carta_case_get_name (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->name;
}

const char *
carta_case_get_name_latin (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->name_latin;
}

const char *
carta_case_get_name_form (CartaCase  *self,
                          const char *lang,
                          const char *form)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);

  if (self->name_forms == NULL || lang == NULL || form == NULL)
    return NULL;

  for (guint i = 0; self->name_forms[i] != NULL; i += 3)
    if (g_str_equal (self->name_forms[i], lang) && g_str_equal (self->name_forms[i + 1], form))
      return self->name_forms[i + 2];
  return NULL;
}

guint
carta_case_get_birth_year (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), 0);
  return self->birth_year;
}

GDate *
carta_case_get_birth_date (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->birth_date;
}

CartaCaseStatus
carta_case_get_status (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), CARTA_CASE_STATUS_UNKNOWN);
  return self->status;
}

const char *
carta_case_get_country (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->country;
}

CartaText *
carta_case_get_story (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->story;
}

GPtrArray *
carta_case_get_interests (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->interests;
}

CartaText *
carta_case_get_facility (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->facility;
}

CartaAddress *
carta_case_get_address (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->address;
}

const char * const *
carta_case_get_letter_languages (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return (const char * const *) self->letter_languages;
}

gboolean
carta_case_get_can_receive_letters (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), FALSE);

  if (self->status == CARTA_CASE_STATUS_RELEASED ||
      self->status == CARTA_CASE_STATUS_DECEASED)
    return FALSE;

  return self->can_receive_letters;
}

gboolean
carta_case_get_is_demo (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), FALSE);
  return self->is_demo;
}

CartaRuleset *
carta_case_get_ruleset (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->ruleset;
}

GPtrArray *
carta_case_get_templates (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->templates;
}

GPtrArray *
carta_case_get_channels (CartaCase *self)
{
  g_return_val_if_fail (CARTA_IS_CASE (self), NULL);
  return self->channels;
}
