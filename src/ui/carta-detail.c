/* carta-detail.c: the groups of facts campaign and case pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-detail.h"

#define ROWS_KEY "carta-detail-rows"

static GPtrArray *
rows_of (AdwPreferencesGroup *group)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), ROWS_KEY);

  if (rows == NULL)
    {
      rows = g_ptr_array_new ();
      g_object_set_data_full (G_OBJECT (group), ROWS_KEY, rows, (GDestroyNotify) g_ptr_array_unref);
    }
  return rows;
}

AdwActionRow *
carta_detail_add_row (AdwPreferencesGroup *group,
                      const char          *title,
                      const char          *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Catalog text is data: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 0);
    }
  adw_action_row_set_title_lines (row, 0);

  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (rows_of (group), row);
  return row;
}

void
carta_detail_clear (AdwPreferencesGroup *group)
{
  GPtrArray *rows = rows_of (group);

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
}

void
carta_detail_update (AdwPreferencesGroup *group)
{
  gtk_widget_set_visible (GTK_WIDGET (group), rows_of (group)->len > 0);
}

const char *
carta_detail_role_name (CartaAddresseeRole role)
{
  switch (role)
    {
    case CARTA_ADDRESSEE_PRISONER:
      return _("To the prisoner");
    case CARTA_ADDRESSEE_OFFICIAL:
      return _("To an official");
    case CARTA_ADDRESSEE_REPRESENTATIVE:
      return _("To your representative");
    case CARTA_ADDRESSEE_COMPANY:
      return _("To a company or bank");
    case CARTA_ADDRESSEE_INTERNATIONAL_BODY:
      return _("To an international body");
    default:
      return NULL;
    }
}

const char *
carta_detail_case_status (CartaCase *person)
{
  if (carta_case_get_is_demo (person))
    return _("Example — not a real person");

  switch (carta_case_get_status (person))
    {
    case CARTA_CASE_STATUS_DETAINED:
      return _("Detained");
    case CARTA_CASE_STATUS_IMPRISONED:
      return _("Imprisoned");
    case CARTA_CASE_STATUS_RELEASED:
      return _("Released");
    case CARTA_CASE_STATUS_DECEASED:
      return _("Deceased");
    case CARTA_CASE_STATUS_UNKNOWN:
    default:
      return _("Situation unknown");
    }
}

/* The letter languages feeds use most, named in the user's language. */
static const struct {
  const char *code;
  const char *name;
} language_names[] = {
  { "be", N_("Belarusian") },
  { "de", N_("German") },
  { "en", N_("English") },
  { "es", N_("Spanish") },
  { "fr", N_("French") },
  { "he", N_("Hebrew") },
  { "ka", N_("Georgian") },
  { "lt", N_("Lithuanian") },
  { "pl", N_("Polish") },
  { "ru", N_("Russian") },
  { "uk", N_("Ukrainian") },
};

static const char *
language_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (g_strcmp0 (language_names[i].code, code) == 0)
      return _(language_names[i].name);

  return NULL;
}

char *
carta_detail_languages (const char * const *languages,
                        gboolean            with_autonyms)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; languages != NULL && languages[i] != NULL; i++)
    {
      const char *name = language_name (languages[i]);
      const char *autonym = carta_language_get_autonym (languages[i]);

      if (i > 0)
        g_string_append (names, ", ");

      if (name == NULL)
        g_string_append (names, autonym ? autonym : languages[i]);
      else if (with_autonyms && autonym != NULL && g_strcmp0 (name, autonym) != 0)
        /* Translators: a language's name, then its name in itself: "Russian (русский)" */
        g_string_append_printf (names, _("%s (%s)"), name, autonym);
      else
        g_string_append (names, name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

void
carta_detail_add_letters (AdwPreferencesGroup *group,
                          GPtrArray           *options,
                          const char          *action_name)
{
  for (guint i = 0; i < options->len; i++)
    {
      CartaLetterOption *option = g_ptr_array_index (options, i);
      g_autofree char *languages = carta_detail_languages ((const char * const *) option->languages, FALSE);
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;
      const char *whom;

      if (option->target != NULL)
        whom = carta_text_get_ui (carta_target_get_title (option->target));
      else if (option->person != NULL)
        whom = carta_case_get_name (option->person);
      else
        whom = carta_detail_role_name (carta_template_get_addressee_role (option->template));

      /* Translators: who a letter is to, then the languages it can be written in */
      subtitle = g_strdup_printf (_("%s · in %s"), whom, languages);
      row = carta_detail_add_row (group, carta_text_get_ui (carta_template_get_title (option->template)), subtitle);
      if (action_name != NULL)
        {
          GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_uint32 (i));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action_name);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (row, arrow);
        }
    }
  carta_detail_update (group);
}

static char *
escape_or_null (const char *text)
{
  return text != NULL ? g_markup_escape_text (text, -1) : NULL;
}

void
carta_detail_add_guidance (AdwPreferencesGroup *group,
                           CartaRuleset        *ruleset)
{
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  GPtrArray *rules;

  if (ruleset == NULL)
    {
      carta_detail_update (group);
      return;
    }

  /* A group's title and description are markup: catalog text is escaped. */
  title = escape_or_null (carta_text_get_ui (carta_ruleset_get_title (ruleset)));
  summary = escape_or_null (carta_text_get_ui (carta_ruleset_get_summary (ruleset)));
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, summary);

  rules = carta_ruleset_get_rules (ruleset);
  for (guint i = 0; i < rules->len; i++)
    {
      CartaRule *rule = g_ptr_array_index (rules, i);
      AdwActionRow *row = carta_detail_add_row (group, carta_text_get_ui (rule->title),
                                                carta_text_get_ui (rule->explanation));
      GtkWidget *icon = gtk_image_new_from_icon_name (rule->severity == CARTA_RULE_WARNING
                                                      ? "dialog-warning-symbolic"
                                                      : "dialog-information-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rule->severity == CARTA_RULE_WARNING
                                      ? _("Letters are likely to be withheld")
                                      : _("Advice"), -1);
      adw_action_row_add_prefix (row, icon);
    }
  carta_detail_update (group);
}
