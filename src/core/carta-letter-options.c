/* carta-letter-options.c: which letters a case or a campaign offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-letter-options.h"

void
carta_letter_option_free (CartaLetterOption *option)
{
  if (option == NULL)
    return;

  g_clear_object (&option->template);
  g_clear_object (&option->person);
  g_clear_object (&option->target);
  g_strfreev (option->languages);
  g_free (option);
}

static gboolean
can_write_to (CartaCase *person)
{
  return carta_case_get_can_receive_letters (person) || carta_case_get_is_demo (person);
}

/* The template's languages; for a prisoner, only those the prison accepts. */
static GStrv
languages_for (CartaTemplate *template,
               CartaCase     *person)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *offered = carta_template_get_languages (template);

  for (guint i = 0; offered[i] != NULL; i++)
    {
      if (carta_template_get_addressee_role (template) == CARTA_ADDRESSEE_PRISONER &&
          person != NULL &&
          !g_strv_contains (carta_case_get_letter_languages (person), offered[i]))
        continue;
      g_strv_builder_add (builder, offered[i]);
    }

  return g_strv_builder_end (builder);
}

static void
add_option (GPtrArray     *options,
            CartaTemplate *template,
            CartaCase     *person,
            CartaTarget   *target)
{
  g_autoptr(CartaLetterOption) option = g_new0 (CartaLetterOption, 1);

  option->template = g_object_ref (template);
  option->person = person ? g_object_ref (person) : NULL;
  option->target = target ? g_object_ref (target) : NULL;
  option->languages = languages_for (template, person);

  /* A letter no accepted language can carry is no option. */
  if (option->languages[0] == NULL)
    return;

  for (guint i = 0; i < options->len; i++)
    {
      CartaLetterOption *other = g_ptr_array_index (options, i);

      if (other->template == option->template && other->person == option->person &&
          other->target == option->target)
        return;
    }

  g_ptr_array_add (options, g_steal_pointer (&option));
}

static void
add_for_template (GPtrArray     *options,
                  CartaTemplate *template,
                  CartaCase     *person,
                  GPtrArray     *targets)
{
  CartaAddresseeRole role = carta_template_get_addressee_role (template);

  if (role == CARTA_ADDRESSEE_PRISONER)
    {
      if (person != NULL && can_write_to (person))
        add_option (options, template, person, NULL);
      return;
    }

  for (guint i = 0; targets != NULL && i < targets->len; i++)
    {
      CartaTarget *target = g_ptr_array_index (targets, i);

      if (carta_target_get_role (target) == role)
        add_option (options, template, person, target);
    }
}

GPtrArray *
carta_letter_options_for (CartaCase     *person,
                          CartaCampaign *campaign)
{
  GPtrArray *options = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_letter_option_free);
  GPtrArray *targets = campaign ? carta_campaign_get_targets (campaign) : NULL;

  g_return_val_if_fail (person == NULL || CARTA_IS_CASE (person), options);
  g_return_val_if_fail (campaign == NULL || CARTA_IS_CAMPAIGN (campaign), options);

  if (person != NULL)
    {
      GPtrArray *templates = carta_case_get_templates (person);

      for (guint i = 0; i < templates->len; i++)
        add_for_template (options, g_ptr_array_index (templates, i), person, targets);
    }

  if (campaign != NULL)
    {
      GPtrArray *templates = carta_campaign_get_templates (campaign);
      GPtrArray *cases = carta_campaign_get_cases (campaign);

      for (guint i = 0; i < templates->len; i++)
        {
          CartaTemplate *template = g_ptr_array_index (templates, i);

          if (carta_template_get_addressee_role (template) == CARTA_ADDRESSEE_PRISONER && person == NULL)
            {
              /* From a campaign's page, a letter to each of its people. */
              for (guint j = 0; j < cases->len; j++)
                add_for_template (options, template, g_ptr_array_index (cases, j), NULL);
            }
          else
            add_for_template (options, template, person, targets);
        }
    }

  return options;
}

const char *
carta_letter_option_pick_language (const CartaLetterOption *option,
                                   const char * const      *preferred)
{
  g_return_val_if_fail (option != NULL, NULL);

  for (guint i = 0; preferred != NULL && preferred[i] != NULL; i++)
    for (guint j = 0; option->languages[j] != NULL; j++)
      if (g_str_equal (option->languages[j], preferred[i]))
        return option->languages[j];

  return option->languages[0];
}

CartaLetterOption *
carta_letter_option_find (CartaCatalog *catalog,
                          CartaLetter  *letter)
{
  const char *case_uid, *campaign_uid;
  CartaEntity *person, *campaign;
  g_autoptr(GPtrArray) options = NULL;

  g_return_val_if_fail (CARTA_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (CARTA_IS_LETTER (letter), NULL);

  case_uid = carta_letter_get_case_uid (letter);
  campaign_uid = carta_letter_get_campaign_uid (letter);
  person = case_uid ? carta_catalog_lookup (catalog, case_uid) : NULL;
  campaign = campaign_uid ? carta_catalog_lookup (catalog, campaign_uid) : NULL;
  if (!CARTA_IS_CASE (person))
    person = NULL;
  if (!CARTA_IS_CAMPAIGN (campaign))
    campaign = NULL;
  if (person == NULL && campaign == NULL)
    return NULL;

  options = carta_letter_options_for (CARTA_CASE (person), CARTA_CAMPAIGN (campaign));
  for (guint i = 0; i < options->len; i++)
    {
      CartaLetterOption *option = g_ptr_array_index (options, i);
      const char *target_uid = option->target ? carta_entity_get_uid (CARTA_ENTITY (option->target)) : NULL;

      if (g_strcmp0 (carta_entity_get_uid (CARTA_ENTITY (option->template)),
                     carta_letter_get_template_uid (letter)) == 0 &&
          g_strcmp0 (target_uid, carta_letter_get_target_uid (letter)) == 0)
        return g_ptr_array_steal_index (options, i);
    }

  return NULL;
}
