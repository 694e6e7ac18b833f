/* carta-composer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guided flow from a case or a campaign to a letter: which letter and
 * to whom, its language, who signs it, the writing itself (checked against
 * the guidance, spell-checked, shown paragraph by paragraph in the writer's
 * own language) and a preview of the paper. Everything the writer does is
 * in the CartaLetter, which the draft store saves as it changes: going
 * back a step, or closing the window, loses nothing.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "carta-composer-private.h"
#include "carta-detail.h"
#include "carta-page-paintable.h"
#include "carta-page-view.h"
#include "carta-send-page.h"

#define ANALYSIS_DELAY_MS 150

typedef enum {
  STEP_KIND,
  STEP_LANGUAGE,
  STEP_SENDER,
  STEP_WRITE,
  STEP_PREVIEW,
  N_STEPS
} Step;

static const char * const step_names[N_STEPS] = { "kind", "language", "sender", "write", "preview" };

/* Countries a sender profile can name, with the risk that goes with them. */
static const char * const country_codes[] = { NULL, "RU", "BY" };

struct _CartaComposer
{
  AdwWindow             parent_instance;

  CartaApplication     *application;
  CartaCase            *person;
  CartaCampaign        *campaign;
  GPtrArray            *options;          /* of CartaLetterOption */
  guint                 option_index;
  CartaLetter          *letter;
  gboolean              letter_stored;
  Step                  step;

  CartaGuidanceChecker *checker;
  CartaSpellChecker    *spell;
  char                 *spell_lang;
  CartaAnalysis        *analysis;
  char                 *analysed_text;
  guint                 analysis_source;
  gboolean              loading_buffer;
  GMenu                *spell_menu;
  GtkTextMark          *word_start;
  GtkTextMark          *word_end;

  /* Template children */
  AdwToastOverlay      *toasts;
  GtkButton            *back_button;
  GtkWidget            *undo_box;
  AdwWindowTitle       *window_title;
  GtkButton            *next_button;
  GtkToggleButton      *side_toggle;
  GtkLabel             *risk_note;
  GtkStack             *steps;
  AdwPreferencesGroup  *kind_group;
  AdwPreferencesGroup  *language_group;
  AdwPreferencesGroup  *details_group;
  AdwPreferencesGroup  *address_group;
  GtkTextView          *address_view;
  AdwPreferencesGroup  *profiles_group;
  AdwPreferencesGroup  *new_profile_group;
  AdwEntryRow          *profile_name;
  GtkSwitch            *profile_pseudonym;
  AdwEntryRow          *profile_city;
  AdwComboRow          *profile_country;
  AdwExpanderRow       *profile_address_row;
  GtkTextView          *profile_address;
  GtkButton            *add_profile_button;
  AdwFlap              *flap;
  GtkEntry             *subject_entry;
  GtkMenuButton        *paragraphs_button;
  GtkBox               *paragraphs_box;
  GtkLabel             *missing_label;
  GtkTextView          *editor;
  GtkLabel             *meter_label;
  GtkLevelBar          *meter;
  GtkLabel             *guidance_summary;
  GtkListBox           *issues_list;
  GtkBox               *translation_box;
  GtkBox               *pages_box;
  CartaSendPage        *send_page;

  /* Rows added at run time, removed when rebuilt. */
  GPtrArray            *kind_rows;
  GPtrArray            *language_rows;
  GPtrArray            *detail_rows;
  GPtrArray            *profile_rows;
};

G_DEFINE_FINAL_TYPE (CartaComposer, carta_composer, ADW_TYPE_WINDOW)

static void go_to_step       (CartaComposer *self,
                              Step           step);
static void schedule_analysis (CartaComposer *self);

/* ------------------------------------------------------------------------
 * What the letter is
 */

static CartaLetterOption *
current_option (CartaComposer *self)
{
  if (self->options == NULL || self->option_index >= self->options->len)
    return NULL;
  return g_ptr_array_index (self->options, self->option_index);
}

static CartaTemplate *
current_template (CartaComposer *self)
{
  CartaLetterOption *option = current_option (self);

  return option ? option->template : NULL;
}

static CartaTarget *
current_target (CartaComposer *self)
{
  CartaLetterOption *option = current_option (self);

  return option ? option->target : NULL;
}

static CartaCase *
current_person (CartaComposer *self)
{
  CartaLetterOption *option = current_option (self);

  return option ? option->person : self->person;
}

static CartaProfile *
current_profile (CartaComposer *self)
{
  CartaProfileStore *profiles = carta_application_get_profiles (self->application);
  const char *id = carta_letter_get_profile_id (self->letter);

  return id && profiles ? carta_profile_store_lookup (profiles, id) : NULL;
}

static const char *
letter_language (CartaComposer *self)
{
  return carta_letter_get_language (self->letter);
}

/* Letters to a prisoner follow the prison's guidance; the others, the
 * campaign's. */
static CartaRuleset *
current_ruleset (CartaComposer *self)
{
  CartaTemplate *template = current_template (self);
  CartaCase *person = current_person (self);

  if (template != NULL && person != NULL &&
      carta_template_get_addressee_role (template) == CARTA_ADDRESSEE_PRISONER)
    return carta_case_get_ruleset (person);
  if (self->campaign != NULL)
    return carta_campaign_get_ruleset (self->campaign);

  return NULL;
}

static CartaPaper
current_paper (CartaComposer *self)
{
  return carta_application_get_paper (self->application);
}

static const char *
text_in (CartaText  *text,
         const char *lang)
{
  const char * const langs[] = { lang, NULL };

  return text ? carta_text_lookup (text, langs) : NULL;
}

/* The placeholders' values in @lang: the catalog's, then the writer's. */
static GHashTable *
compute_values (CartaComposer *self,
                const char    *lang)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_auto(GStrv) names = carta_letter_dup_value_names (self->letter);
  CartaTarget *target = current_target (self);
  GHashTable *values = carta_compose_values_new (current_person (self), target, self->campaign,
                                                 current_profile (self), lang, now);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *value = carta_letter_get_value (self->letter, names[i]);

      if (value != NULL && *value != '\0')
        g_hash_table_insert (values, g_strdup (names[i]), g_strdup (value));
    }

  /* "Dear {target_name}," once the writer has said who they write to. */
  if (target != NULL && carta_target_get_user_supplied (target) &&
      !g_hash_table_contains (values, "target_salutation"))
    {
      const char *salutation = text_in (carta_target_get_salutation (target), lang);
      g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *filled = salutation ? carta_compose_fill (salutation, values, missing) : NULL;

      if (filled != NULL && missing->len == 0)
        g_hash_table_insert (values, g_strdup ("target_salutation"), g_steal_pointer (&filled));
    }

  return values;
}

static const char * const *
enabled_paragraphs (CartaComposer *self)
{
  return carta_letter_get_enabled_paragraphs (self->letter);
}

static GPtrArray *
compose_paragraphs (CartaComposer *self,
                    const char    *lang)
{
  CartaTemplate *template = current_template (self);
  g_autoptr(GHashTable) values = NULL;

  if (template == NULL || lang == NULL || !carta_template_has_language (template, lang))
    return NULL;

  values = compute_values (self, lang);
  return carta_compose_paragraphs (template, lang, values, enabled_paragraphs (self), NULL);
}

static char *
compose_body (CartaComposer *self,
              const char    *lang)
{
  g_autoptr(GPtrArray) paragraphs = compose_paragraphs (self, lang);

  return paragraphs ? carta_compose_join (paragraphs) : NULL;
}

static char *
compose_subject (CartaComposer *self,
                 const char    *lang)
{
  CartaTemplate *template = current_template (self);
  g_autoptr(GHashTable) values = NULL;
  const char *subject;

  if (template == NULL || (subject = text_in (carta_template_get_subject (template), lang)) == NULL)
    return NULL;

  values = compute_values (self, lang);
  return carta_compose_fill (subject, values, NULL);
}

/* Whether the body is still what the template gave, untouched. */
static gboolean
body_is_untouched (CartaComposer *self)
{
  const char *body = carta_letter_get_body (self->letter);
  g_autofree char *composed = NULL;

  if (body == NULL || *body == '\0')
    return TRUE;
  composed = compose_body (self, letter_language (self));
  return g_strcmp0 (body, composed) == 0;
}

static const char *
placeholder_label (const char *name)
{
  static const struct { const char *name; const char *label; } labels[] = {
    /* Translators: a name in the dative case, as Russian and Belarusian letters address people */
    { "case_name_dative", N_("Their Full Name in the Dative (to whom?)") },
    { "case_given_name", N_("Their Given Name (and Patronymic)") },
    { "case_facility", N_("Prison or Facility") },
    { "case_interests", N_("Their Interests") },
    { "target_name", N_("Name of the Addressee") },
    { "target_title", N_("Title of the Addressee") },
    { "target_organization", N_("Organization") },
    { "target_salutation", N_("Salutation") },
    { "campaign_title", N_("Campaign") },
    { "sender_name", N_("Your Name") },
    { "sender_city", N_("Your City") },
    { "sender_country", N_("Your Country") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return _(labels[i].label);
  return name;
}

/* ------------------------------------------------------------------------
 * The draft store
 */

static void
store_letter (CartaComposer *self)
{
  CartaDraftStore *drafts = carta_application_get_drafts (self->application);

  if (self->letter_stored || drafts == NULL)
    return;

  if (carta_draft_store_lookup (drafts, carta_letter_get_id (self->letter)) == NULL &&
      !carta_draft_store_add (drafts, self->letter))
    {
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (_("The letter cannot be saved as you write: "
                                                    "the drafts folder is not writable.")));
      return;
    }
  self->letter_stored = TRUE;
}

static void
replace_letter (CartaComposer *self)
{
  CartaLetterOption *option = current_option (self);
  g_autoptr(CartaLetter) letter = NULL;
  const char *profile_id = self->letter ? carta_letter_get_profile_id (self->letter) : NULL;

  letter = carta_letter_new (self->campaign ? carta_entity_get_uid (CARTA_ENTITY (self->campaign)) : NULL,
                             option && option->person ? carta_entity_get_uid (CARTA_ENTITY (option->person)) : NULL,
                             option && option->target ? carta_entity_get_uid (CARTA_ENTITY (option->target)) : NULL,
                             option ? carta_entity_get_uid (CARTA_ENTITY (option->template)) : NULL);
  if (profile_id != NULL)
    carta_letter_set_profile_id (letter, profile_id);

  /* The optional paragraphs the template switches on by itself. */
  if (option != NULL)
    {
      GPtrArray *paragraphs = carta_template_get_paragraphs (option->template);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) enabled = NULL;

      for (guint i = 0; i < paragraphs->len; i++)
        {
          CartaParagraph *paragraph = g_ptr_array_index (paragraphs, i);
          if (paragraph->optional && paragraph->enabled_by_default)
            g_strv_builder_add (builder, paragraph->id);
        }
      enabled = g_strv_builder_end (builder);
      carta_letter_set_enabled_paragraphs (letter, (const char * const *) enabled);
    }
  g_set_object (&self->letter, letter);
  self->letter_stored = FALSE;
}

/* ------------------------------------------------------------------------
 * Rows made at run time
 */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* An activatable row with a check button in a group of @group_with. */
static AdwActionRow *
add_choice_row (AdwPreferencesGroup *group,
                GPtrArray           *rows,
                const char          *title,
                const char          *subtitle,
                GtkCheckButton      *group_with,
                gboolean             active)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *title_markup = g_markup_escape_text (title ? title : "", -1);
  g_autofree char *subtitle_markup = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  if (subtitle_markup != NULL)
    adw_action_row_set_subtitle (row, subtitle_markup);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group_with != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group_with);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (row, check);
  adw_action_row_set_activatable_widget (row, check);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (rows, row);
  return row;
}

static GtkCheckButton *
row_check (AdwActionRow *row)
{
  return GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (row));
}

/* ------------------------------------------------------------------------
 * Step 1: which letter
 */

static void
on_kind_toggled (GtkCheckButton *check,
                 CartaComposer  *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "option-index"));

  if (!gtk_check_button_get_active (check) || index == self->option_index)
    return;

  self->option_index = index;
  /* Another letter. The one begun stays among the drafts if it has text;
   * one with nothing written yet is dropped. */
  if (self->letter_stored &&
      (carta_letter_get_body (self->letter) == NULL || *carta_letter_get_body (self->letter) == '\0'))
    carta_draft_store_delete (carta_application_get_drafts (self->application), self->letter);
  replace_letter (self);
}

static void
build_kind_step (CartaComposer *self)
{
  GtkCheckButton *first = NULL;

  clear_rows (self->kind_group, self->kind_rows);
  for (guint i = 0; self->options != NULL && i < self->options->len; i++)
    {
      CartaLetterOption *option = g_ptr_array_index (self->options, i);
      g_autofree char *languages = carta_detail_languages ((const char * const *) option->languages, FALSE);
      g_autofree char *subtitle = NULL;
      const char *whom;
      AdwActionRow *row;

      if (option->target != NULL)
        whom = carta_text_get_ui (carta_target_get_title (option->target));
      else if (option->person != NULL)
        whom = carta_case_get_name (option->person);
      else
        whom = carta_detail_role_name (carta_template_get_addressee_role (option->template));

      /* Translators: who a letter is to, then the languages it can be written in */
      subtitle = g_strdup_printf (_("%s · in %s"), whom, languages);
      row = add_choice_row (self->kind_group, self->kind_rows,
                            carta_text_get_ui (carta_template_get_title (option->template)),
                            subtitle, first, i == self->option_index);
      g_object_set_data (G_OBJECT (row_check (row)), "option-index", GUINT_TO_POINTER (i));
      g_signal_connect (row_check (row), "toggled", G_CALLBACK (on_kind_toggled), self);
      if (first == NULL)
        first = row_check (row);
    }
}

/* ------------------------------------------------------------------------
 * Step 2: the language, and the details the catalog lacks
 */

static void build_details (CartaComposer *self);

static void
set_language (CartaComposer *self,
              const char    *lang)
{
  /* A body in the old language is replaced only when untouched. */
  if (body_is_untouched (self))
    {
      carta_letter_set_body (self->letter, NULL);
      carta_letter_set_subject (self->letter, NULL);
    }
  carta_letter_set_language (self->letter, lang);
  build_details (self);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CartaComposer    *self)
{
  const char *lang = g_object_get_data (G_OBJECT (dialog), "language");

  if (g_strcmp0 (response, "replace") == 0)
    {
      carta_letter_set_body (self->letter, NULL);
      carta_letter_set_subject (self->letter, NULL);
      set_language (self, lang);
    }
  else
    {
      /* Back to the language the text is in. */
      for (guint i = 0; i < self->language_rows->len; i++)
        {
          AdwActionRow *row = g_ptr_array_index (self->language_rows, i);
          const char *row_lang = g_object_get_data (G_OBJECT (row_check (row)), "language");

          if (g_strcmp0 (row_lang, letter_language (self)) == 0)
            gtk_check_button_set_active (row_check (row), TRUE);
        }
    }
}

static void
on_language_toggled (GtkCheckButton *check,
                     CartaComposer  *self)
{
  const char *lang = g_object_get_data (G_OBJECT (check), "language");
  AdwMessageDialog *dialog;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  const char *old_langs[2] = { NULL, NULL };
  const char *new_langs[2] = { lang, NULL };

  if (!gtk_check_button_get_active (check) || g_strcmp0 (lang, letter_language (self)) == 0)
    return;

  if (body_is_untouched (self))
    {
      set_language (self, lang);
      return;
    }

  old_langs[0] = letter_language (self);
  old_name = carta_detail_languages (old_langs, FALSE);
  new_name = carta_detail_languages (new_langs, FALSE);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Start the Letter Again?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  /* Translators: the letter's language now, then the one chosen */
                                  _("Your letter is written in %s. Starting again in %s replaces its text "
                                    "with the template; your changes to it are lost."),
                                  old_name, new_name);
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep My Text"),
                                    "replace", _("_Start Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "language", g_strdup (lang), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_detail_changed (GtkEditable   *editable,
                   CartaComposer *self)
{
  const char *name = g_object_get_data (G_OBJECT (editable), "placeholder");
  const char *body = carta_letter_get_body (self->letter);
  gboolean untouched = body != NULL && *body != '\0' && body_is_untouched (self);

  carta_letter_set_value (self->letter, name, gtk_editable_get_text (editable));

  /* A text still as the template made it follows the corrected value; a
   * text the writer changed is theirs to correct. */
  if (untouched)
    {
      g_autofree char *again = compose_body (self, letter_language (self));
      g_autofree char *subject = compose_subject (self, letter_language (self));

      carta_letter_set_body (self->letter, again);
      if (subject != NULL)
        carta_letter_set_subject (self->letter, subject);
    }
}

static void
add_detail_row (CartaComposer *self,
                const char    *name,
                const char    *fallback)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *value = carta_letter_get_value (self->letter, name);

  if (value == NULL || *value == '\0')
    value = fallback;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), placeholder_label (name));
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_object_set_data_full (G_OBJECT (row), "placeholder", g_strdup (name), g_free);
  g_signal_connect (row, "changed", G_CALLBACK (on_detail_changed), self);
  adw_preferences_group_add (self->details_group, row);
  g_ptr_array_add (self->detail_rows, row);
}

/* The name forms a letter may use, which the writer can always correct. */
static const char * const name_forms[] = { "case_name_dative", "case_given_name" };

/* Whether any paragraph of @template in @lang contains @needle. */
static gboolean
template_uses (CartaTemplate *template,
               const char    *lang,
               const char    *needle)
{
  GPtrArray *paragraphs = carta_template_get_paragraphs (template);
  const char *closing = text_in (carta_template_get_closing (template), lang);

  for (guint i = 0; i < paragraphs->len; i++)
    {
      const char *text = carta_text_get (((CartaParagraph *) g_ptr_array_index (paragraphs, i))->text, lang);
      if (text != NULL && strstr (text, needle) != NULL)
        return TRUE;
    }
  return closing != NULL && strstr (closing, needle) != NULL;
}

/* Entries for the placeholders the catalog cannot fill in this language
 * (a name's dative form, one's representative's name). The sender's
 * details come from the profile, the date from the calendar. */
static void
build_details (CartaComposer *self)
{
  CartaTemplate *template = current_template (self);
  CartaTarget *target = current_target (self);
  const char *lang = letter_language (self);
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) paragraphs = NULL;
  gboolean user_supplied = target != NULL && carta_target_get_user_supplied (target);

  clear_rows (self->details_group, self->detail_rows);

  if (template != NULL && lang != NULL && carta_template_has_language (template, lang))
    {
      const char * const all[] = { NULL };
      GPtrArray *template_paragraphs = carta_template_get_paragraphs (template);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      /* Every paragraph, optional ones too, so that switching one on
       * later finds its details filled in. */
      for (guint i = 0; i < template_paragraphs->len; i++)
        g_ptr_array_add (ids, ((CartaParagraph *) g_ptr_array_index (template_paragraphs, i))->id);
      g_ptr_array_add (ids, NULL);

      /* Without the writer's values: what they typed keeps its row. */
      values = carta_compose_values_new (current_person (self), target, self->campaign, NULL, lang, NULL);
      paragraphs = carta_compose_paragraphs (template, lang, values,
                                             ids->len > 1 ? (const char * const *) ids->pdata : all,
                                             missing);
      if (text_in (carta_template_get_subject (template), lang) != NULL)
        g_free (carta_compose_fill (text_in (carta_template_get_subject (template), lang), values, missing));
    }

  if (user_supplied && !g_ptr_array_find_with_equal_func (missing, "target_name", g_str_equal, NULL))
    g_ptr_array_insert (missing, 0, g_strdup ("target_name"));

  for (guint i = 0; i < missing->len; i++)
    {
      const char *name = g_ptr_array_index (missing, i);

      if (g_str_has_prefix (name, "sender_") || g_str_equal (name, "date"))
        continue;
      /* The salutation follows from the name the writer gives. */
      if (user_supplied && g_str_equal (name, "target_salutation"))
        continue;
      add_detail_row (self, name, NULL);
    }

  /* Name forms the feed gave are offered too: the writer may correct them. */
  for (guint i = 0; paragraphs != NULL && i < G_N_ELEMENTS (name_forms); i++)
    {
      const char *form = values ? g_hash_table_lookup (values, name_forms[i]) : NULL;
      g_autofree char *needle = g_strdup_printf ("{%s}", name_forms[i]);
      gboolean used = template_uses (template, lang, needle);

      if (used && form != NULL &&
          !g_ptr_array_find_with_equal_func (missing, name_forms[i], g_str_equal, NULL))
        add_detail_row (self, name_forms[i], form);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), self->detail_rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->address_group), user_supplied);
}

static void
on_address_changed (GtkTextBuffer *buffer,
                    CartaComposer *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  carta_letter_set_value (self->letter, CARTA_VALUE_TARGET_ADDRESS, text);
}

static void
build_language_step (CartaComposer *self)
{
  CartaLetterOption *option = current_option (self);
  GtkCheckButton *first = NULL;
  GtkTextBuffer *address = gtk_text_view_get_buffer (self->address_view);
  const char *typed_address = carta_letter_get_value (self->letter, CARTA_VALUE_TARGET_ADDRESS);

  clear_rows (self->language_group, self->language_rows);

  if (option != NULL && letter_language (self) == NULL)
    {
      g_autofree char *preferred = g_settings_get_string (carta_application_get_settings (self->application),
                                                          "default-letter-language");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) langs = NULL;

      if (preferred[0] != '\0')
        g_strv_builder_add (builder, preferred);
      g_strv_builder_addv (builder, (const char **) carta_ui_languages ());
      langs = g_strv_builder_end (builder);
      carta_letter_set_language (self->letter,
                                 carta_letter_option_pick_language (option, (const char * const *) langs));
    }

  for (guint i = 0; option != NULL && option->languages[i] != NULL; i++)
    {
      const char *lang = option->languages[i];
      const char *langs[2] = { lang, NULL };
      g_autofree char *name = carta_detail_languages (langs, FALSE);
      AdwActionRow *row = add_choice_row (self->language_group, self->language_rows, name,
                                          carta_language_get_autonym (lang), first,
                                          g_strcmp0 (lang, letter_language (self)) == 0);

      g_object_set_data_full (G_OBJECT (row_check (row)), "language", g_strdup (lang), g_free);
      g_signal_connect (row_check (row), "toggled", G_CALLBACK (on_language_toggled), self);
      if (first == NULL)
        first = row_check (row);
    }

  g_signal_handlers_block_by_func (address, on_address_changed, self);
  gtk_text_buffer_set_text (address, typed_address ? typed_address : "", -1);
  g_signal_handlers_unblock_by_func (address, on_address_changed, self);

  build_details (self);
}

/* ------------------------------------------------------------------------
 * Step 3: the sender
 */

static void
update_risk_note (CartaComposer *self)
{
  CartaProfile *profile = current_profile (self);
  guint country = adw_combo_row_get_selected (self->profile_country);
  gboolean at_risk = (profile != NULL && carta_profile_is_at_risk (profile)) ||
                     (self->step == STEP_SENDER && country > 0 && country < G_N_ELEMENTS (country_codes));

  gtk_widget_set_visible (GTK_WIDGET (self->risk_note), at_risk);
}

static void
on_profile_toggled (GtkCheckButton *check,
                    CartaComposer  *self)
{
  CartaProfile *profile = g_object_get_data (G_OBJECT (check), "profile");

  if (!gtk_check_button_get_active (check))
    return;
  carta_letter_set_profile_id (self->letter, carta_profile_get_id (profile));
  update_risk_note (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

static void
build_sender_step (CartaComposer *self)
{
  CartaProfileStore *profiles = carta_application_get_profiles (self->application);
  GtkCheckButton *first = NULL;
  guint n = profiles ? g_list_model_get_n_items (G_LIST_MODEL (profiles)) : 0;

  clear_rows (self->profiles_group, self->profile_rows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaProfile) profile = g_list_model_get_item (G_LIST_MODEL (profiles), i);
      const char *label = carta_profile_get_label (profile);
      const char *name = carta_profile_get_name (profile);
      g_autofree char *subtitle = carta_profile_get_is_pseudonym (profile)
                                  /* Translators: a sender's name that is not their real one */
                                  ? g_strdup_printf (_("%s (pseudonym)"), name)
                                  : g_strdup (name);
      AdwActionRow *row = add_choice_row (self->profiles_group, self->profile_rows,
                                          label && *label ? label : name,
                                          label && *label ? subtitle : (carta_profile_get_is_pseudonym (profile) ? _("Pseudonym") : NULL),
                                          first,
                                          g_strcmp0 (carta_profile_get_id (profile),
                                                     carta_letter_get_profile_id (self->letter)) == 0);

      g_object_set_data_full (G_OBJECT (row_check (row)), "profile", g_object_ref (profile), g_object_unref);
      g_signal_connect (row_check (row), "toggled", G_CALLBACK (on_profile_toggled), self);
      if (first == NULL)
        first = row_check (row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->profiles_group), n > 0);
  adw_preferences_group_set_title (self->new_profile_group,
                                   n > 0 ? _("Another Sender Profile") : _("New Sender Profile"));
  update_risk_note (self);
}

static void
on_profiles_saved (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartaComposer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carta_profile_store_save_finish (CARTA_PROFILE_STORE (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The profile could not be saved: %s"), error->message);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
    }
}

static char *
text_view_get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_add_profile_clicked (CartaComposer *self)
{
  CartaProfileStore *profiles = carta_application_get_profiles (self->application);
  g_autoptr(CartaProfile) profile = carta_profile_new ();
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->profile_name))));
  g_autofree char *city = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->profile_city))));
  guint country = adw_combo_row_get_selected (self->profile_country);

  if (name[0] == '\0' || profiles == NULL)
    return;

  carta_profile_set_name (profile, name);
  carta_profile_set_is_pseudonym (profile, gtk_switch_get_active (self->profile_pseudonym));
  if (city[0] != '\0')
    carta_profile_set_city (profile, city);
  if (country < G_N_ELEMENTS (country_codes))
    carta_profile_set_country (profile, country_codes[country]);
  if (adw_expander_row_get_enable_expansion (self->profile_address_row))
    {
      g_autofree char *address = g_strstrip (text_view_get_text (self->profile_address));

      if (address[0] != '\0')
        carta_profile_set_return_address (profile, address);
    }

  carta_profile_store_add (profiles, profile);
  carta_profile_store_save_async (profiles, NULL, on_profiles_saved, g_object_ref (self));
  carta_letter_set_profile_id (self->letter, carta_profile_get_id (profile));

  gtk_editable_set_text (GTK_EDITABLE (self->profile_name), "");
  gtk_editable_set_text (GTK_EDITABLE (self->profile_city), "");
  gtk_switch_set_active (self->profile_pseudonym, FALSE);
  adw_expander_row_set_enable_expansion (self->profile_address_row, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->profile_address), "", -1);

  build_sender_step (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

static void
on_profile_name_changed (CartaComposer *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->profile_name));
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_profile_button), stripped[0] != '\0');
}

/* ------------------------------------------------------------------------
 * Step 4: writing
 */

static GtkTextBuffer *
editor_buffer (CartaComposer *self)
{
  return gtk_text_view_get_buffer (self->editor);
}

static char *
editor_text (CartaComposer *self)
{
  return text_view_get_text (self->editor);
}

static void
load_buffer (CartaComposer *self)
{
  GtkTextBuffer *buffer = editor_buffer (self);
  const char *body = carta_letter_get_body (self->letter);
  GtkTextIter cursor;

  self->loading_buffer = TRUE;
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, body ? body : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, &cursor, carta_letter_get_cursor (self->letter));
  gtk_text_buffer_place_cursor (buffer, &cursor);
  self->loading_buffer = FALSE;
}

/* Values the writer typed since the text was made replace the
 * placeholders left in it. */
static void
apply_values_to_body (CartaComposer *self)
{
  const char *body = carta_letter_get_body (self->letter);
  g_autoptr(GHashTable) values = NULL;
  g_autofree char *filled = NULL;
  const char *subject = carta_letter_get_subject (self->letter);

  if (body == NULL || strchr (body, '{') == NULL)
    return;

  values = compute_values (self, letter_language (self));
  filled = carta_compose_fill (body, values, NULL);
  if (g_strcmp0 (filled, body) != 0)
    carta_letter_set_body (self->letter, filled);
  if (subject != NULL && strchr (subject, '{') != NULL)
    {
      g_autofree char *filled_subject = carta_compose_fill (subject, values, NULL);
      carta_letter_set_subject (self->letter, filled_subject);
    }
}

static void
on_paragraph_toggled (GtkCheckButton *check,
                      CartaComposer  *self)
{
  const char *id = g_object_get_data (G_OBJECT (check), "paragraph");
  gboolean on = gtk_check_button_get_active (check);
  CartaTemplate *template = current_template (self);
  GPtrArray *all = carta_template_get_paragraphs (template);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) enabled = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GtkTextBuffer *buffer = editor_buffer (self);
  const char *lang = letter_language (self);
  CartaComposedParagraph *changed = NULL;

  before = compose_paragraphs (self, lang);

  for (guint i = 0; i < all->len; i++)
    {
      CartaParagraph *paragraph = g_ptr_array_index (all, i);
      gboolean was = FALSE;

      if (!paragraph->optional)
        continue;
      for (guint j = 0; before != NULL && j < before->len; j++)
        if (g_strcmp0 (((CartaComposedParagraph *) g_ptr_array_index (before, j))->id, paragraph->id) == 0)
          was = TRUE;
      if (g_str_equal (paragraph->id, id) ? on : was)
        g_strv_builder_add (builder, paragraph->id);
    }
  enabled = g_strv_builder_end (builder);
  carta_letter_set_enabled_paragraphs (self->letter, (const char * const *) enabled);
  after = compose_paragraphs (self, lang);

  /* The paragraph's text, as the template words it in this letter. */
  for (guint j = 0; j < (on ? after : before)->len; j++)
    {
      CartaComposedParagraph *paragraph = g_ptr_array_index (on ? after : before, j);
      if (g_strcmp0 (paragraph->id, id) == 0)
        changed = paragraph;
    }
  if (changed == NULL)
    return;

  if (on)
    {
      GtkTextIter where, match_start, match_end;
      g_autofree char *insert = NULL;
      CartaComposedParagraph *next = NULL;

      /* Before the paragraph that follows it in the template, if the text
       * still has it; otherwise at the end. */
      for (guint j = 0; j + 1 < after->len; j++)
        if (g_ptr_array_index (after, j) == changed)
          next = g_ptr_array_index (after, j + 1);

      gtk_text_buffer_get_start_iter (buffer, &where);
      if (next != NULL &&
          gtk_text_iter_forward_search (&where, next->text, GTK_TEXT_SEARCH_TEXT_ONLY,
                                        &match_start, &match_end, NULL))
        {
          where = match_start;
          insert = g_strconcat (changed->text, "\n\n", NULL);
        }
      else
        {
          gtk_text_buffer_get_end_iter (buffer, &where);
          insert = g_strconcat ("\n\n", changed->text, NULL);
        }
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_insert (buffer, &where, insert, -1);
      gtk_text_buffer_end_user_action (buffer);
    }
  else
    {
      GtkTextIter start, match_start, match_end;

      gtk_text_buffer_get_start_iter (buffer, &start);
      if (!gtk_text_iter_forward_search (&start, changed->text, GTK_TEXT_SEARCH_TEXT_ONLY,
                                         &match_start, &match_end, NULL))
        {
          adw_toast_overlay_add_toast (self->toasts,
                                       adw_toast_new (_("You changed this paragraph: remove it from the text yourself.")));
          return;
        }
      /* With the blank line that separated it. */
      if (!gtk_text_iter_starts_line (&match_start) || gtk_text_iter_get_offset (&match_start) > 0)
        {
          GtkTextIter probe = match_start;

          if (gtk_text_iter_backward_chars (&probe, 2))
            {
              g_autofree char *gap = gtk_text_iter_get_text (&probe, &match_start);
              if (g_str_equal (gap, "\n\n"))
                match_start = probe;
            }
        }
      else
        {
          GtkTextIter probe = match_end;

          if (gtk_text_iter_forward_chars (&probe, 2))
            {
              g_autofree char *gap = gtk_text_iter_get_text (&match_end, &probe);
              if (g_str_equal (gap, "\n\n"))
                match_end = probe;
            }
        }
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete (buffer, &match_start, &match_end);
      gtk_text_buffer_end_user_action (buffer);
    }
}

static void
build_paragraph_toggles (CartaComposer *self)
{
  CartaTemplate *template = current_template (self);
  GPtrArray *paragraphs = template ? carta_template_get_paragraphs (template) : NULL;
  g_autoptr(GPtrArray) composed = compose_paragraphs (self, letter_language (self));
  gboolean any = FALSE;

  clear_box (self->paragraphs_box);

  for (guint i = 0; paragraphs != NULL && i < paragraphs->len; i++)
    {
      CartaParagraph *paragraph = g_ptr_array_index (paragraphs, i);
      const char *ui_text = carta_text_get_ui (paragraph->text);
      g_autofree char *label = NULL;
      GtkWidget *check;
      gboolean on = FALSE;

      if (!paragraph->optional)
        continue;
      for (guint j = 0; composed != NULL && j < composed->len; j++)
        if (g_strcmp0 (((CartaComposedParagraph *) g_ptr_array_index (composed, j))->id, paragraph->id) == 0)
          on = TRUE;

      /* The paragraph's opening words, in the writer's language. */
      if (g_utf8_strlen (ui_text, -1) > 60)
        {
          g_autofree char *opening = g_utf8_substring (ui_text, 0, 57);
          label = g_strconcat (opening, "…", NULL);
        }
      else
        label = g_strdup (ui_text);
      check = gtk_check_button_new_with_label (label);
      gtk_widget_set_tooltip_text (check, ui_text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
      g_object_set_data_full (G_OBJECT (check), "paragraph", g_strdup (paragraph->id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_paragraph_toggled), self);
      gtk_box_append (self->paragraphs_box, check);
      any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->paragraphs_button), any);
}

static void
on_subject_changed (GtkEditable   *editable,
                    CartaComposer *self)
{
  if (!self->loading_buffer)
    carta_letter_set_subject (self->letter, gtk_editable_get_text (editable));
}

static void
prepare_write_step (CartaComposer *self)
{
  const char *lang = letter_language (self);
  const char *subject;

  if (carta_letter_get_body (self->letter) == NULL || *carta_letter_get_body (self->letter) == '\0')
    {
      g_autofree char *body = compose_body (self, lang);
      g_autofree char *composed_subject = compose_subject (self, lang);

      carta_letter_set_body (self->letter, body ? body : "");
      if (composed_subject != NULL)
        carta_letter_set_subject (self->letter, composed_subject);
    }
  else
    apply_values_to_body (self);

  store_letter (self);

  /* The checkers follow the letter's language. */
  g_clear_object (&self->checker);
  if (current_ruleset (self) != NULL && lang != NULL)
    self->checker = carta_guidance_checker_new (current_ruleset (self), lang);
  if (g_strcmp0 (self->spell_lang, lang) != 0)
    {
      g_clear_object (&self->spell);
      g_free (self->spell_lang);
      self->spell_lang = g_strdup (lang);
      self->spell = lang ? carta_spell_checker_new (lang) : NULL;
    }

  /* A Russian letter stays left to right inside a Hebrew interface. */
  gtk_widget_set_direction (GTK_WIDGET (self->editor),
                            lang && carta_language_is_rtl (lang) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (self->subject_entry),
                            lang && carta_language_is_rtl (lang) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  self->loading_buffer = TRUE;
  subject = carta_letter_get_subject (self->letter);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), subject ? subject : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subject_entry), subject != NULL && *subject != '\0');
  self->loading_buffer = FALSE;

  build_paragraph_toggles (self);
  load_buffer (self);
  schedule_analysis (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* Byte offset @offset of @text as a buffer iterator. */
static void
iter_at_byte (GtkTextBuffer *buffer,
              const char    *text,
              gsize          offset,
              GtkTextIter   *iter)
{
  gtk_text_buffer_get_iter_at_offset (buffer, iter, g_utf8_pointer_to_offset (text, text + offset));
}

static GtkWidget *
wrapped_label (const char *text,
               const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static void
show_issues (CartaComposer *self,
             const char    *text)
{
  GArray *issues = self->analysis->issues;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->issues_list))) != NULL)
    gtk_list_box_remove (self->issues_list, child);

  if (current_ruleset (self) == NULL)
    gtk_label_set_text (self->guidance_summary, _("There is no guidance for this letter."));
  else if (issues->len == 0)
    gtk_label_set_text (self->guidance_summary, _("Nothing in the letter goes against the guidance."));
  else
    {
      g_autofree char *summary = g_strdup_printf (ngettext ("%u place may keep the letter from its reader. "
                                                            "Nothing stops you sending it; here is why.",
                                                            "%u places may keep the letter from its reader. "
                                                            "Nothing stops you sending it; here is why.",
                                                            issues->len),
                                                  issues->len);
      gtk_label_set_text (self->guidance_summary, summary);
    }

  for (guint i = 0; i < issues->len; i++)
    {
      CartaGuidanceIssue *issue = &g_array_index (issues, CartaGuidanceIssue, i);
      g_autofree char *marked = g_strndup (text + issue->start, issue->end - issue->start);
      g_autofree char *quoted = g_strdup_printf ("“%s”", marked);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *row = gtk_list_box_row_new ();
      const char *title = carta_text_get_ui (issue->rule->title);

      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 10);
      gtk_box_append (GTK_BOX (box), wrapped_label (title, "heading"));
      gtk_box_append (GTK_BOX (box), wrapped_label (quoted, "carta-marked"));
      gtk_box_append (GTK_BOX (box), wrapped_label (carta_text_get_ui (issue->rule->explanation), "dim-label"));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_object_set_data (G_OBJECT (row), "issue-index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->issues_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->issues_list), issues->len > 0);
}

static void
on_issue_activated (CartaComposer *self,
                    GtkListBoxRow *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "issue-index"));
  GtkTextBuffer *buffer = editor_buffer (self);
  CartaGuidanceIssue *issue;
  GtkTextIter start, end;

  if (self->analysis == NULL || index >= self->analysis->issues->len)
    return;

  issue = &g_array_index (self->analysis->issues, CartaGuidanceIssue, index);
  iter_at_byte (buffer, self->analysed_text, issue->start, &start);
  iter_at_byte (buffer, self->analysed_text, issue->end, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->editor, &start, 0.1, FALSE, 0, 0);
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

static void
show_meter (CartaComposer *self)
{
  CartaAnalysis *analysis = self->analysis;
  g_autofree char *words = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *text = NULL;
  gboolean too_long = (analysis->max_words > 0 && analysis->words > analysis->max_words) ||
                      (analysis->max_pages > 0 && analysis->pages > analysis->max_pages);

  if (analysis->max_words > 0)
    /* Translators: words in the letter, then the most the template advises */
    words = g_strdup_printf (ngettext ("%u word of %u", "%u words of %u", analysis->words),
                             analysis->words, analysis->max_words);
  else
    words = g_strdup_printf (ngettext ("%u word", "%u words", analysis->words), analysis->words);

  if (analysis->max_pages > 0)
    pages = g_strdup_printf (ngettext ("%u page of %u", "%u pages of %u", analysis->pages),
                             analysis->pages, analysis->max_pages);
  else
    pages = g_strdup_printf (ngettext ("%u page", "%u pages", analysis->pages), analysis->pages);

  /* Translators: the length meter, "120 words · 1 page" */
  text = g_strdup_printf (_("%s · %s"), words, pages);
  gtk_label_set_text (self->meter_label, text);
  if (too_long)
    gtk_widget_add_css_class (GTK_WIDGET (self->meter_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->meter_label), "warning");

  gtk_widget_set_visible (GTK_WIDGET (self->meter), analysis->max_words > 0);
  if (analysis->max_words > 0)
    {
      gtk_level_bar_set_max_value (self->meter, analysis->max_words);
      gtk_level_bar_set_value (self->meter, MIN (analysis->words, analysis->max_words));
    }
}

static void
show_missing (CartaComposer *self)
{
  GPtrArray *missing = self->analysis->missing;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < missing->len; i++)
    {
      const char *placeholder = g_ptr_array_index (missing, i);
      g_autofree char *name = g_strndup (placeholder + 1, strlen (placeholder) - 2);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, g_str_has_prefix (placeholder, "{") ? placeholder_label (name) : placeholder);
    }

  if (missing->len > 0)
    /* Translators: the list of details still to fill in; they are in the Language step */
    text = g_strdup_printf (_("Still to fill in: %s. Give them in an earlier step, or write them in the text."),
                            names->str);
  gtk_label_set_text (self->missing_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->missing_label), missing->len > 0);
}

/* Beside each paragraph of the letter, the template's in the writer's
 * language; the writer's own paragraphs are marked as such, and flagged
 * when written in another script than the letter's. */
static void
show_translation (CartaComposer *self,
                  const char    *text)
{
  CartaTemplate *template = current_template (self);
  const char *lang = letter_language (self);
  const char *ui_lang = NULL;
  g_autoptr(GPtrArray) body = carta_compose_split (text);
  g_autoptr(GPtrArray) letter_paragraphs = NULL;
  g_autoptr(GPtrArray) ui_paragraphs = NULL;
  const char * const *ui_langs = carta_ui_languages ();

  clear_box (self->translation_box);

  for (guint i = 0; template != NULL && ui_langs[i] != NULL && ui_lang == NULL; i++)
    if (carta_template_has_language (template, ui_langs[i]))
      ui_lang = ui_langs[i];

  letter_paragraphs = compose_paragraphs (self, lang);
  ui_paragraphs = ui_lang ? compose_paragraphs (self, ui_lang) : NULL;

  if (ui_lang != NULL && g_strcmp0 (ui_lang, lang) == 0)
    gtk_box_append (self->translation_box,
                    wrapped_label (_("The letter is in your language."), "dim-label"));

  for (guint i = 0; i < body->len; i++)
    {
      CartaComposedParagraph *paragraph = g_ptr_array_index (body, i);
      const char *translation = NULL;
      gboolean foreign = FALSE;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      for (guint j = 0; letter_paragraphs != NULL && ui_paragraphs != NULL && j < letter_paragraphs->len; j++)
        {
          CartaComposedParagraph *from_template = g_ptr_array_index (letter_paragraphs, j);

          if (g_strcmp0 (from_template->text, paragraph->text) == 0)
            {
              /* The same paragraph, by id, in the writer's language. */
              for (guint k = 0; k < ui_paragraphs->len; k++)
                {
                  CartaComposedParagraph *in_ui = g_ptr_array_index (ui_paragraphs, k);
                  if (g_strcmp0 (in_ui->id, from_template->id) == 0)
                    translation = in_ui->text;
                }
              break;
            }
        }

      for (guint j = 0; self->analysis && j < self->analysis->foreign_paragraphs->len; j++)
        if (g_array_index (self->analysis->foreign_paragraphs, guint, j) == i)
          foreign = TRUE;

      gtk_widget_add_css_class (box, "card");
      gtk_widget_add_css_class (box, "carta-translation");
      if (translation != NULL)
        gtk_box_append (GTK_BOX (box), wrapped_label (translation, NULL));
      else
        {
          gtk_box_append (GTK_BOX (box), wrapped_label (_("Your own words, not from the template:"), "dim-label"));
          gtk_box_append (GTK_BOX (box), wrapped_label (paragraph->text, NULL));
        }
      if (foreign)
        gtk_box_append (GTK_BOX (box),
                        wrapped_label (_("Written in another alphabet than the letter: a censor may withhold it."),
                                       "warning"));
      gtk_box_append (self->translation_box, box);
    }
}

static void
mark_text (CartaComposer *self,
           const char    *text)
{
  GtkTextBuffer *buffer = editor_buffer (self);
  GtkTextIter start, end;
  g_autoptr(GArray) misspelt = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "guidance", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "misspelt", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "placeholder", &start, &end);

  for (guint i = 0; i < self->analysis->issues->len; i++)
    {
      CartaGuidanceIssue *issue = &g_array_index (self->analysis->issues, CartaGuidanceIssue, i);

      iter_at_byte (buffer, text, issue->start, &start);
      iter_at_byte (buffer, text, issue->end, &end);
      gtk_text_buffer_apply_tag_by_name (buffer, "guidance", &start, &end);
    }

  if (self->spell != NULL)
    {
      misspelt = carta_spell_checker_check_text (self->spell, text);
      for (guint i = 0; i < misspelt->len; i++)
        {
          CartaMisspelling *word = &g_array_index (misspelt, CartaMisspelling, i);

          iter_at_byte (buffer, text, word->start, &start);
          iter_at_byte (buffer, text, word->end, &end);
          gtk_text_buffer_apply_tag_by_name (buffer, "misspelt", &start, &end);
        }
    }

  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *close = strchr (p, '}');

      if (close == NULL)
        break;
      iter_at_byte (buffer, text, p - text, &start);
      iter_at_byte (buffer, text, close + 1 - text, &end);
      gtk_text_buffer_apply_tag_by_name (buffer, "placeholder", &start, &end);
    }
}

static gboolean
run_analysis (gpointer user_data)
{
  CartaComposer *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(CartaPrintable) printable = NULL;
  g_autofree char *text = editor_text (self);

  self->analysis_source = 0;

  printable = carta_compose_printable (self->letter, current_person (self), current_target (self),
                                       current_profile (self), now);
  g_free (printable->body);
  printable->body = g_strdup (text);

  g_clear_pointer (&self->analysis, carta_analysis_free);
  self->analysis = carta_analyze (printable, self->checker, current_template (self), current_paper (self));
  g_free (self->analysed_text);
  self->analysed_text = g_strdup (text);

  mark_text (self, text);
  show_issues (self, text);
  show_meter (self);
  show_missing (self);
  show_translation (self, text);

  return G_SOURCE_REMOVE;
}

static void
schedule_analysis (CartaComposer *self)
{
  g_clear_handle_id (&self->analysis_source, g_source_remove);
  self->analysis_source = g_timeout_add (ANALYSIS_DELAY_MS, run_analysis, self);
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   CartaComposer *self)
{
  g_autofree char *text = NULL;

  if (self->loading_buffer)
    return;

  text = editor_text (self);
  carta_letter_set_body (self->letter, text);
  schedule_analysis (self);
}

static void
on_cursor_moved (GtkTextBuffer *buffer,
                 GParamSpec    *pspec,
                 CartaComposer *self);

/* The suggestions for the misspelt word at @iter, offered in the text
 * view's context menu (by mouse, or by the Menu key at the cursor). */
static void
offer_suggestions (CartaComposer *self,
                   GtkTextIter   *iter)
{
  GtkTextBuffer *buffer = editor_buffer (self);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "misspelt");
  GtkTextIter start = *iter, end = *iter;
  g_autofree char *word = NULL;
  g_auto(GStrv) suggestions = NULL;

  g_menu_remove_all (self->spell_menu);

  if (self->spell == NULL ||
      !(gtk_text_iter_has_tag (iter, tag) || gtk_text_iter_ends_tag (iter, tag)))
    return;

  if (!gtk_text_iter_starts_tag (&start, tag))
    gtk_text_iter_backward_to_tag_toggle (&start, tag);
  if (!gtk_text_iter_ends_tag (&end, tag))
    gtk_text_iter_forward_to_tag_toggle (&end, tag);

  word = gtk_text_iter_get_text (&start, &end);
  suggestions = carta_spell_checker_suggest (self->spell, word, -1, 5);

  gtk_text_buffer_move_mark (buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (buffer, self->word_end, &end);

  if (suggestions == NULL || suggestions[0] == NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Suggestions"), "composer.no-suggestions");
      g_menu_append_item (self->spell_menu, item);
      return;
    }
  for (guint i = 0; suggestions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target (item, "composer.replace-word", "s", suggestions[i]);
      g_menu_append_item (self->spell_menu, item);
    }
}

static void
on_cursor_moved (GtkTextBuffer *buffer,
                 GParamSpec    *pspec,
                 CartaComposer *self)
{
  GtkTextIter cursor;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  if (!self->loading_buffer)
    carta_letter_set_cursor (self->letter, gtk_text_iter_get_offset (&cursor));
  offer_suggestions (self, &cursor);
}

static void
on_editor_pressed (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   CartaComposer   *self)
{
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->editor, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->editor, &iter, bx, by))
    offer_suggestions (self, &iter);
}

static void
replace_word_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CartaComposer *self = CARTA_COMPOSER (widget);
  GtkTextBuffer *buffer = editor_buffer (self);
  const char *word = g_variant_get_string (parameter, NULL);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->word_end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, word, -1);
  gtk_text_buffer_end_user_action (buffer);
}

/* ------------------------------------------------------------------------
 * Step 5: the preview
 */

static void
build_preview (CartaComposer *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(CartaPrintable) printable = carta_compose_printable (self->letter, current_person (self),
                                                                 current_target (self),
                                                                 current_profile (self), now);
  CartaPaper paper = current_paper (self);
  guint pages = carta_renderer_count_pages (printable, paper);

  clear_box (self->pages_box);
  for (guint i = 0; i < pages; i++)
    {
      g_autoptr(GdkPaintable) paintable = carta_page_paintable_new (printable, paper, i);
      GtkWidget *picture = carta_page_view_new (paintable);
      g_autofree char *label = g_strdup_printf (_("Page %u of %u"), i + 1, pages);

      gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, printable->body,
                                      -1);
      gtk_widget_add_css_class (picture, "carta-page");
      gtk_box_append (self->pages_box, picture);
    }

  carta_send_page_set_letter (self->send_page, self->application, self->letter, current_template (self),
                              self->campaign, current_person (self), current_target (self),
                              current_profile (self));
}

/* ------------------------------------------------------------------------
 * Moving between the steps
 */

static gboolean
step_complete (CartaComposer *self)
{
  switch (self->step)
    {
    case STEP_KIND:
      return current_option (self) != NULL;
    case STEP_LANGUAGE:
      return letter_language (self) != NULL;
    case STEP_SENDER:
      return current_profile (self) != NULL;
    case STEP_WRITE:
    case STEP_PREVIEW:
    case N_STEPS:
    default:
      return TRUE;
    }
}

static void
update_header (CartaComposer *self)
{
  GtkStackPage *page = gtk_stack_get_page (self->steps, gtk_stack_get_visible_child (self->steps));
  CartaTemplate *template = current_template (self);

  adw_window_title_set_title (self->window_title, gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title,
                                 template ? carta_text_get_ui (carta_template_get_title (template)) : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.back", self->step > STEP_KIND &&
                                 !(self->step == STEP_WRITE && current_option (self) == NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), self->step < STEP_PREVIEW);
  gtk_button_set_label (self->next_button, self->step == STEP_WRITE ? _("_Preview") : _("_Next"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), step_complete (self));
  gtk_widget_set_visible (self->undo_box, self->step == STEP_WRITE);
  gtk_widget_set_visible (GTK_WIDGET (self->side_toggle), self->step == STEP_WRITE);
  update_risk_note (self);
}

static void
go_to_step (CartaComposer *self,
            Step           step)
{
  /* A letter whose template left the catalog can still be written. */
  if (current_option (self) == NULL && step < STEP_WRITE)
    step = STEP_WRITE;

  self->step = step;
  switch (step)
    {
    case STEP_KIND:
      build_kind_step (self);
      break;
    case STEP_LANGUAGE:
      build_language_step (self);
      /* From here on, what the writer chooses is kept as a draft. */
      store_letter (self);
      break;
    case STEP_SENDER:
      build_sender_step (self);
      break;
    case STEP_WRITE:
      prepare_write_step (self);
      break;
    case STEP_PREVIEW:
      build_preview (self);
      break;
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }

  carta_letter_set_step (self->letter, step_names[step]);
  gtk_stack_set_visible_child_name (self->steps, step_names[step]);
  update_header (self);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartaComposer *self = CARTA_COMPOSER (widget);

  if (self->step < STEP_PREVIEW && step_complete (self))
    go_to_step (self, self->step + 1);
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartaComposer *self = CARTA_COMPOSER (widget);

  if (self->step > STEP_KIND)
    go_to_step (self, self->step - 1);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartaComposer *self = CARTA_COMPOSER (widget);

  if (self->step == STEP_WRITE && gtk_text_buffer_get_can_undo (editor_buffer (self)))
    gtk_text_buffer_undo (editor_buffer (self));
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartaComposer *self = CARTA_COMPOSER (widget);

  if (self->step == STEP_WRITE && gtk_text_buffer_get_can_redo (editor_buffer (self)))
    gtk_text_buffer_redo (editor_buffer (self));
}

static void
update_undo (CartaComposer *self)
{
  GtkTextBuffer *buffer = editor_buffer (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.undo", gtk_text_buffer_get_can_undo (buffer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.redo", gtk_text_buffer_get_can_redo (buffer));
}

/* ------------------------------------------------------------------------
 * The object
 */

static void
carta_composer_dispose (GObject *object)
{
  CartaComposer *self = CARTA_COMPOSER (object);

  g_clear_handle_id (&self->analysis_source, g_source_remove);

  G_OBJECT_CLASS (carta_composer_parent_class)->dispose (object);
}

static void
carta_composer_finalize (GObject *object)
{
  CartaComposer *self = CARTA_COMPOSER (object);

  g_clear_object (&self->application);
  g_clear_object (&self->person);
  g_clear_object (&self->campaign);
  g_clear_pointer (&self->options, g_ptr_array_unref);
  g_clear_object (&self->letter);
  g_clear_object (&self->checker);
  g_clear_object (&self->spell);
  g_free (self->spell_lang);
  g_clear_pointer (&self->analysis, carta_analysis_free);
  g_free (self->analysed_text);
  g_clear_object (&self->spell_menu);
  g_ptr_array_unref (self->kind_rows);
  g_ptr_array_unref (self->language_rows);
  g_ptr_array_unref (self->detail_rows);
  g_ptr_array_unref (self->profile_rows);

  G_OBJECT_CLASS (carta_composer_parent_class)->finalize (object);
}

static void
carta_composer_class_init (CartaComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_composer_dispose;
  object_class->finalize = carta_composer_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, toasts);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, back_button);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, undo_box);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, window_title);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, next_button);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, side_toggle);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, risk_note);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, steps);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, kind_group);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, language_group);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, details_group);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, address_group);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, address_view);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, new_profile_group);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, profile_name);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, profile_pseudonym);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, profile_city);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, profile_country);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, profile_address_row);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, profile_address);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, add_profile_button);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, flap);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, paragraphs_button);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, paragraphs_box);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, missing_label);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, editor);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, meter_label);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, meter);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, guidance_summary);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, issues_list);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, translation_box);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, pages_box);
  gtk_widget_class_bind_template_child (widget_class, CartaComposer, send_page);
  gtk_widget_class_bind_template_callback (widget_class, on_add_profile_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_issue_activated);

  gtk_widget_class_install_action (widget_class, "composer.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "composer.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "composer.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "composer.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "composer.replace-word", "s", replace_word_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "composer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "composer.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "composer.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* An expander row's switch is its own: it gets a name here. */
static gboolean
name_enable_switch (GtkWidget  *widget,
                    const char *name)
{
  if (GTK_IS_SWITCH (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (name_enable_switch (child, name))
      return TRUE;
  return FALSE;
}

static void
carta_composer_init (CartaComposer *self)
{
  GtkTextBuffer *buffer;
  GtkStringList *countries;
  GtkGesture *click;

  g_type_ensure (CARTA_TYPE_SEND_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->kind_rows = g_ptr_array_new ();
  self->language_rows = g_ptr_array_new ();
  self->detail_rows = g_ptr_array_new ();
  self->profile_rows = g_ptr_array_new ();

  countries = gtk_string_list_new (NULL);
  gtk_string_list_append (countries, _("Another Country"));
  gtk_string_list_append (countries, _("Russia"));
  gtk_string_list_append (countries, _("Belarus"));
  adw_combo_row_set_model (self->profile_country, G_LIST_MODEL (countries));
  g_object_unref (countries);
  g_signal_connect_swapped (self->profile_country, "notify::selected", G_CALLBACK (update_risk_note), self);
  g_signal_connect_swapped (self->profile_name, "changed", G_CALLBACK (on_profile_name_changed), self);
  name_enable_switch (GTK_WIDGET (self->profile_address_row), _("Put a return address on letters"));

  buffer = editor_buffer (self);
  gtk_text_buffer_create_tag (buffer, "guidance",
                              "underline", PANGO_UNDERLINE_SINGLE,
                              "underline-rgba", &(GdkRGBA) { 0.90, 0.65, 0.04, 1.0 },
                              "background-rgba", &(GdkRGBA) { 0.96, 0.83, 0.18, 0.25 },
                              NULL);
  gtk_text_buffer_create_tag (buffer, "misspelt",
                              "underline", PANGO_UNDERLINE_ERROR,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "placeholder",
                              "background-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 0.20 },
                              NULL);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer, &start);
    self->word_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
    self->word_end = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
  }
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect (buffer, "notify::cursor-position", G_CALLBACK (on_cursor_moved), self);
  g_signal_connect_swapped (buffer, "notify::can-undo", G_CALLBACK (update_undo), self);
  g_signal_connect_swapped (buffer, "notify::can-redo", G_CALLBACK (update_undo), self);
  g_signal_connect (gtk_text_view_get_buffer (self->address_view), "changed",
                    G_CALLBACK (on_address_changed), self);
  g_signal_connect (self->subject_entry, "changed", G_CALLBACK (on_subject_changed), self);
  update_undo (self);

  self->spell_menu = g_menu_new ();
  gtk_text_view_set_extra_menu (self->editor, G_MENU_MODEL (self->spell_menu));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (on_editor_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->editor), GTK_EVENT_CONTROLLER (click));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.no-suggestions", FALSE);
}

static CartaComposer *
composer_new (CartaApplication *application,
              CartaCase        *person,
              CartaCampaign    *campaign)
{
  CartaComposer *self = g_object_new (CARTA_TYPE_COMPOSER, "application", application, NULL);

  self->application = g_object_ref (application);
  g_set_object (&self->person, person);
  g_set_object (&self->campaign, campaign);
  self->options = person || campaign ? carta_letter_options_for (person, campaign)
                                     : g_ptr_array_new_with_free_func ((GDestroyNotify) carta_letter_option_free);
  return self;
}

CartaComposer *
carta_composer_new (CartaApplication *application,
                    CartaCase        *person,
                    CartaCampaign    *campaign,
                    guint             option_index)
{
  CartaComposer *self;

  g_return_val_if_fail (CARTA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (person != NULL || campaign != NULL, NULL);

  self = composer_new (application, person, campaign);
  self->option_index = MIN (option_index, self->options->len > 0 ? self->options->len - 1 : 0);
  replace_letter (self);
  go_to_step (self, STEP_KIND);
  return self;
}

CartaComposer *
carta_composer_new_for_letter (CartaApplication *application,
                               CartaLetter      *letter)
{
  CartaCatalog *catalog;
  CartaEntity *person = NULL;
  CartaEntity *campaign = NULL;
  CartaComposer *self;
  const char *step_name;
  Step step = STEP_WRITE;

  g_return_val_if_fail (CARTA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CARTA_IS_LETTER (letter), NULL);

  catalog = carta_application_get_catalog (application);
  if (carta_letter_get_case_uid (letter) != NULL)
    person = carta_catalog_lookup (catalog, carta_letter_get_case_uid (letter));
  if (carta_letter_get_campaign_uid (letter) != NULL)
    campaign = carta_catalog_lookup (catalog, carta_letter_get_campaign_uid (letter));

  self = composer_new (application,
                       CARTA_IS_CASE (person) ? CARTA_CASE (person) : NULL,
                       CARTA_IS_CAMPAIGN (campaign) ? CARTA_CAMPAIGN (campaign) : NULL);
  self->letter = g_object_ref (letter);
  self->letter_stored = TRUE;

  /* The letter it was; gone when the catalog no longer has it. */
  self->option_index = G_MAXUINT;
  for (guint i = 0; i < self->options->len; i++)
    {
      CartaLetterOption *option = g_ptr_array_index (self->options, i);
      const char *target_uid = option->target ? carta_entity_get_uid (CARTA_ENTITY (option->target)) : NULL;

      if (g_strcmp0 (carta_entity_get_uid (CARTA_ENTITY (option->template)),
                     carta_letter_get_template_uid (letter)) == 0 &&
          g_strcmp0 (target_uid, carta_letter_get_target_uid (letter)) == 0)
        self->option_index = i;
    }
  if (current_option (self) == NULL)
    adw_toast_overlay_add_toast (self->toasts,
                                 adw_toast_new (_("This letter’s template is no longer in the catalog. "
                                                  "Its text is kept and can still be written.")));

  step_name = carta_letter_get_step (letter);
  for (guint i = 0; i < N_STEPS; i++)
    if (g_strcmp0 (step_name, step_names[i]) == 0)
      step = i;
  /* Its language chosen before, the steps that need one come back in order. */
  if (step > STEP_LANGUAGE && carta_letter_get_language (letter) == NULL)
    step = STEP_LANGUAGE;
  if (step > STEP_SENDER && carta_letter_get_profile_id (letter) == NULL)
    step = STEP_SENDER;
  if (step == STEP_LANGUAGE)
    build_language_step (self);
  go_to_step (self, step);
  return self;
}

CartaLetter *
carta_composer_get_letter (CartaComposer *self)
{
  g_return_val_if_fail (CARTA_IS_COMPOSER (self), NULL);
  return self->letter;
}

const char *
carta_composer_get_step (CartaComposer *self)
{
  g_return_val_if_fail (CARTA_IS_COMPOSER (self), NULL);
  return step_names[self->step];
}

GtkTextView *
carta_composer_get_editor (CartaComposer *self)
{
  return self->editor;
}

GtkListBox *
carta_composer_get_issues_list (CartaComposer *self)
{
  return self->issues_list;
}

GtkBox *
carta_composer_get_translation_box (CartaComposer *self)
{
  return self->translation_box;
}

GtkBox *
carta_composer_get_pages_box (CartaComposer *self)
{
  return self->pages_box;
}

GtkWidget *
carta_composer_get_risk_note (CartaComposer *self)
{
  return GTK_WIDGET (self->risk_note);
}

GtkLabel *
carta_composer_get_meter_label (CartaComposer *self)
{
  return self->meter_label;
}

void
carta_composer_analyze_now (CartaComposer *self)
{
  if (self->analysis_source != 0)
    {
      g_clear_handle_id (&self->analysis_source, g_source_remove);
      run_analysis (self);
    }
}

GMenuModel *
carta_composer_get_spell_menu (CartaComposer *self)
{
  return G_MENU_MODEL (self->spell_menu);
}

CartaRuleset *
carta_composer_get_ruleset (CartaComposer *self)
{
  return current_ruleset (self);
}

GtkBox *
carta_composer_get_paragraphs_box (CartaComposer *self)
{
  return self->paragraphs_box;
}

CartaSendPage *
carta_composer_get_send_page (CartaComposer *self)
{
  return self->send_page;
}
