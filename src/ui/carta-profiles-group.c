/* carta-profiles-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per sender profile: its name, whether it is a
 * pseudonym, city, country and return address, edited in place, and a
 * Delete button that asks first. Changes are saved, atomically by the
 * profile store, shortly after the last one.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-profiles-group.h"

#define SAVE_DELAY_MS 500

/* The countries a profile can name; index 0 is "another country". */
static const char * const country_codes[] = { NULL, "RU", "BY" };

struct _CartaProfilesGroup
{
  AdwBin               parent_instance;

  CartaProfileStore   *store;
  GPtrArray           *rows;
  guint                save_source;

  AdwPreferencesGroup *group;
  GtkLabel            *empty_label;
};

G_DEFINE_FINAL_TYPE (CartaProfilesGroup, carta_profiles_group, ADW_TYPE_BIN)

static void rebuild (CartaProfilesGroup *self);

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CartaProfilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carta_profile_store_save_finish (CARTA_PROFILE_STORE (source), result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      g_autofree char *message = g_strdup_printf (_("The profiles could not be saved: %s"), escaped);

      adw_preferences_group_set_description (self->group, message);
    }
}

static gboolean
save_now (gpointer user_data)
{
  CartaProfilesGroup *self = user_data;

  self->save_source = 0;
  carta_profile_store_save_async (self->store, NULL, on_saved, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_save (CartaProfilesGroup *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_now, self);
}

static char *
describe (CartaProfile *profile)
{
  const char *country = carta_profile_get_country (profile);
  const char *kind = carta_profile_get_is_pseudonym (profile) ? _("Pseudonym") : _("Real name");

  if (g_strcmp0 (country, "RU") == 0)
    /* Translators: a sender profile: "Pseudonym · Russia" */
    return g_strdup_printf (_("%s · %s"), kind, _("Russia"));
  if (g_strcmp0 (country, "BY") == 0)
    return g_strdup_printf (_("%s · %s"), kind, _("Belarus"));
  return g_strdup (kind);
}

static void
update_row_title (AdwExpanderRow *row,
                  CartaProfile   *profile)
{
  const char *label = carta_profile_get_label (profile);
  const char *name = carta_profile_get_name (profile);
  g_autofree char *subtitle = describe (profile);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label && *label ? label : (name ? name : ""));
  adw_expander_row_set_subtitle (row, subtitle);
}

static CartaProfile *
profile_of (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "profile");
}

static void
on_name_changed (GtkEditable        *editable,
                 CartaProfilesGroup *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* A profile keeps a name: an empty one is not saved. */
  if (name[0] == '\0')
    return;
  carta_profile_set_name (profile_of (editable), name);
  update_row_title (g_object_get_data (G_OBJECT (editable), "row"), profile_of (editable));
  schedule_save (self);
}

static void
on_city_changed (GtkEditable        *editable,
                 CartaProfilesGroup *self)
{
  g_autofree char *city = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  carta_profile_set_city (profile_of (editable), city[0] ? city : NULL);
  schedule_save (self);
}

static void
on_pseudonym_changed (GtkSwitch          *toggle,
                      GParamSpec         *pspec,
                      CartaProfilesGroup *self)
{
  carta_profile_set_is_pseudonym (profile_of (toggle), gtk_switch_get_active (toggle));
  update_row_title (g_object_get_data (G_OBJECT (toggle), "row"), profile_of (toggle));
  schedule_save (self);
}

static void
on_country_changed (AdwComboRow        *combo,
                    GParamSpec         *pspec,
                    CartaProfilesGroup *self)
{
  guint selected = adw_combo_row_get_selected (combo);

  carta_profile_set_country (profile_of (combo),
                             selected < G_N_ELEMENTS (country_codes) ? country_codes[selected] : NULL);
  update_row_title (g_object_get_data (G_OBJECT (combo), "row"), profile_of (combo));
  schedule_save (self);
}

static void
on_address_changed (GtkTextBuffer      *buffer,
                    CartaProfilesGroup *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  carta_profile_set_return_address (profile_of (buffer), text[0] ? text : NULL);
  schedule_save (self);
}

static void
on_delete_response (AdwMessageDialog   *dialog,
                    const char         *response,
                    CartaProfilesGroup *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    carta_profiles_group_remove (self, profile_of (dialog));
}

static void
on_delete_clicked (GtkButton          *button,
                   CartaProfilesGroup *self)
{
  CartaProfile *profile = profile_of (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Delete This Profile?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Letters already written keep their text; drafts signed with "
                                    "“%s” will ask for another sender."),
                                  carta_profile_get_name (profile));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "profile", g_object_ref (profile), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tag (gpointer      widget,
     CartaProfile *profile,
     GtkWidget    *row)
{
  g_object_set_data_full (G_OBJECT (widget), "profile", g_object_ref (profile), g_object_unref);
  g_object_set_data (G_OBJECT (widget), "row", row);
}

static GtkWidget *
make_row (CartaProfilesGroup *self,
          CartaProfile       *profile)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *name = adw_entry_row_new ();
  GtkWidget *city = adw_entry_row_new ();
  GtkWidget *pseudonym_row = adw_action_row_new ();
  GtkWidget *pseudonym = gtk_switch_new ();
  GtkWidget *country = adw_combo_row_new ();
  GtkWidget *address_row = adw_action_row_new ();
  GtkWidget *address = gtk_text_view_new ();
  GtkWidget *delete_row = adw_action_row_new ();
  GtkWidget *delete = gtk_button_new_with_mnemonic (_("_Delete Profile…"));
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);
  const char *code = carta_profile_get_country (profile);
  guint selected = 0;

  /* Names are the writer's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  update_row_title (ADW_EXPANDER_ROW (row), profile);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name to Sign With"));
  gtk_editable_set_text (GTK_EDITABLE (name), carta_profile_get_name (profile) ? carta_profile_get_name (profile) : "");
  tag (name, profile, row);
  g_signal_connect (name, "changed", G_CALLBACK (on_name_changed), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pseudonym_row), _("This Is a Pseudonym"));
  gtk_widget_set_valign (pseudonym, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (pseudonym), carta_profile_get_is_pseudonym (profile));
  gtk_accessible_update_property (GTK_ACCESSIBLE (pseudonym), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("This is a pseudonym"), -1);
  tag (pseudonym, profile, row);
  g_signal_connect (pseudonym, "notify::active", G_CALLBACK (on_pseudonym_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (pseudonym_row), pseudonym);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (pseudonym_row), pseudonym);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), pseudonym_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (city), _("City (optional)"));
  gtk_editable_set_text (GTK_EDITABLE (city), carta_profile_get_city (profile) ? carta_profile_get_city (profile) : "");
  tag (city, profile, row);
  g_signal_connect (city, "changed", G_CALLBACK (on_city_changed), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), city);

  gtk_string_list_append (countries, _("Another Country"));
  gtk_string_list_append (countries, _("Russia"));
  gtk_string_list_append (countries, _("Belarus"));
  for (guint i = 1; i < G_N_ELEMENTS (country_codes); i++)
    if (g_strcmp0 (code, country_codes[i]) == 0)
      selected = i;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (country), _("Country You Live In"));
  adw_combo_row_set_model (ADW_COMBO_ROW (country), G_LIST_MODEL (countries));
  adw_combo_row_set_selected (ADW_COMBO_ROW (country), selected);
  tag (country, profile, row);
  g_signal_connect (country, "notify::selected", G_CALLBACK (on_country_changed), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), country);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (address_row), _("Return Address"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (address_row), _("Optional. Leave empty to send letters without one."));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (address)),
                            carta_profile_get_return_address (profile) ? carta_profile_get_return_address (profile) : "",
                            -1);
  gtk_widget_set_size_request (address, 200, 64);
  gtk_widget_set_valign (address, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (address, 6);
  gtk_widget_set_margin_bottom (address, 6);
  gtk_widget_add_css_class (address, "card");
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (address), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (address), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Return address"), -1);
  tag (gtk_text_view_get_buffer (GTK_TEXT_VIEW (address)), profile, row);
  g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (address)), "changed",
                    G_CALLBACK (on_address_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (address_row), address);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), address_row);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "destructive-action");
  tag (delete, profile, row);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (delete_row), delete);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), delete_row);

  return row;
}

static void
rebuild (CartaProfilesGroup *self)
{
  guint n = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      GtkWidget *row = make_row (self, profile);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
}

static void
carta_profiles_group_dispose (GObject *object)
{
  CartaProfilesGroup *self = CARTA_PROFILES_GROUP (object);

  /* Edits not yet saved are saved now. */
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      carta_profile_store_save_async (self->store, NULL, NULL, NULL);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (carta_profiles_group_parent_class)->dispose (object);
}

static void
carta_profiles_group_finalize (GObject *object)
{
  g_ptr_array_unref (CARTA_PROFILES_GROUP (object)->rows);

  G_OBJECT_CLASS (carta_profiles_group_parent_class)->finalize (object);
}

static void
carta_profiles_group_class_init (CartaProfilesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_profiles_group_dispose;
  object_class->finalize = carta_profiles_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-profiles-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaProfilesGroup, group);
  gtk_widget_class_bind_template_child (widget_class, CartaProfilesGroup, empty_label);
}

static void
carta_profiles_group_init (CartaProfilesGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
carta_profiles_group_set_store (CartaProfilesGroup *self,
                                CartaProfileStore  *store)
{
  g_return_if_fail (CARTA_IS_PROFILES_GROUP (self));
  g_return_if_fail (CARTA_IS_PROFILE_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_swapped (store, "items-changed", G_CALLBACK (rebuild), self);
  rebuild (self);
}

void
carta_profiles_group_remove (CartaProfilesGroup *self,
                             CartaProfile       *profile)
{
  g_autoptr(CartaProfile) kept = g_object_ref (profile);

  g_return_if_fail (CARTA_IS_PROFILES_GROUP (self));

  carta_profile_store_remove (self->store, kept);
  g_clear_handle_id (&self->save_source, g_source_remove);
  save_now (self);
}
