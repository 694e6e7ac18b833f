/* carta-drafts-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each draft is a row: what letter, to whom, when it was last changed.
 * Activating it reopens the composer where the writer left; its delete
 * button removes it, and an Undo button brings it back for a while.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-composer.h"
#include "carta-drafts-group.h"

/* How long a deleted draft can be brought back. */
#define UNDO_TIMEOUT_S 10

struct _CartaDraftsGroup
{
  AdwBin               parent_instance;

  CartaApplication    *application;
  CartaDraftStore     *drafts;
  CartaLetter         *deleted;
  guint                undo_source;

  AdwPreferencesGroup *group;
  GtkListBox          *list;
  GtkRevealer         *undo_revealer;
  GtkLabel            *undo_label;
};

G_DEFINE_FINAL_TYPE (CartaDraftsGroup, carta_drafts_group, ADW_TYPE_BIN)

/* What a draft is and to whom, from the catalog: templates and targets
 * are found through the letters its case or campaign offers. */
static void
describe (CartaCatalog *catalog,
          CartaLetter  *letter,
          char        **title,
          char        **whom)
{
  const char *case_uid = carta_letter_get_case_uid (letter);
  const char *campaign_uid = carta_letter_get_campaign_uid (letter);
  CartaEntity *person = case_uid ? carta_catalog_lookup (catalog, case_uid) : NULL;
  CartaEntity *campaign = campaign_uid ? carta_catalog_lookup (catalog, campaign_uid) : NULL;
  g_autoptr(GPtrArray) options = NULL;

  if (!CARTA_IS_CASE (person))
    person = NULL;
  if (!CARTA_IS_CAMPAIGN (campaign))
    campaign = NULL;

  if (person != NULL || campaign != NULL)
    options = carta_letter_options_for (CARTA_CASE (person), CARTA_CAMPAIGN (campaign));
  for (guint i = 0; options != NULL && i < options->len; i++)
    {
      CartaLetterOption *option = g_ptr_array_index (options, i);

      if (*title == NULL &&
          g_strcmp0 (carta_entity_get_uid (CARTA_ENTITY (option->template)),
                     carta_letter_get_template_uid (letter)) == 0)
        *title = g_strdup (carta_text_get_ui (carta_template_get_title (option->template)));
      if (*whom == NULL && option->target != NULL &&
          g_strcmp0 (carta_entity_get_uid (CARTA_ENTITY (option->target)),
                     carta_letter_get_target_uid (letter)) == 0)
        *whom = g_strdup (carta_text_get_ui (carta_target_get_title (option->target)));
    }

  if (*whom == NULL && person != NULL)
    *whom = g_strdup (carta_case_get_name (CARTA_CASE (person)));
  if (*whom == NULL && campaign != NULL)
    *whom = g_strdup (carta_text_get_ui (carta_campaign_get_title (CARTA_CAMPAIGN (campaign))));
}

static void on_delete_clicked (GtkButton *button, CartaDraftsGroup *self);

static GtkWidget *
make_row (CartaDraftsGroup *self,
          CartaLetter      *letter)
{
  CartaCatalog *catalog = carta_application_get_catalog (self->application);
  g_autofree char *title = NULL;
  g_autofree char *whom = NULL;
  g_autofree char *when = g_date_time_format (carta_letter_get_modified (letter), "%x %H:%M");
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete;

  describe (catalog, letter, &title, &whom);

  /* Names are data, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : _("Letter"));
  if (whom != NULL)
    /* Translators: whom a draft is to, then when it was last changed */
    subtitle = g_strdup_printf (_("%s · %s"), whom, when);
  else
    subtitle = g_strdup (when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete, _("Delete Draft"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Draft"), -1);
  gtk_widget_add_css_class (delete, "flat");
  g_object_set_data_full (G_OBJECT (delete), "letter", g_object_ref (letter), g_object_unref);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "letter", g_object_ref (letter), g_object_unref);
  return row;
}

static void
rebuild (CartaDraftsGroup *self)
{
  GtkWidget *child;
  GPtrArray *problems;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  n = self->drafts ? g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaLetter) letter = g_list_model_get_item (G_LIST_MODEL (self->drafts), i);
      gtk_list_box_append (self->list, make_row (self, letter));
    }

  /* Damaged drafts were set aside, not deleted: say so. */
  problems = self->drafts ? carta_draft_store_get_problems (self->drafts) : NULL;
  if (problems != NULL && problems->len > 0)
    {
      g_autofree char *description = g_strdup_printf (ngettext ("%u damaged draft could not be read. "
                                                                "It was set aside in the drafts folder, not deleted.",
                                                                "%u damaged drafts could not be read. "
                                                                "They were set aside in the drafts folder, not deleted.",
                                                                problems->len),
                                                      problems->len);
      adw_preferences_group_set_description (self->group, description);
    }
  else
    adw_preferences_group_set_description (self->group, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self),
                          n > 0 || self->deleted != NULL || (problems != NULL && problems->len > 0));
}

static void
on_row_activated (CartaDraftsGroup *self,
                  GtkListBoxRow    *row)
{
  CartaLetter *letter = g_object_get_data (G_OBJECT (row), "letter");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CartaComposer *composer;

  if (letter == NULL)
    return;

  composer = carta_composer_new_for_letter (self->application, letter);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (composer), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (composer));
}

static gboolean
forget_deleted (gpointer user_data)
{
  CartaDraftsGroup *self = user_data;

  self->undo_source = 0;
  g_clear_object (&self->deleted);
  gtk_revealer_set_reveal_child (self->undo_revealer, FALSE);
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
delete_letter (CartaDraftsGroup *self,
               CartaLetter      *letter)
{
  g_autoptr(CartaLetter) kept = g_object_ref (letter);

  if (!carta_draft_store_delete (self->drafts, kept))
    {
      gtk_label_set_text (self->undo_label, _("The draft could not be deleted."));
      gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
      return;
    }

  g_set_object (&self->deleted, kept);
  gtk_label_set_text (self->undo_label, _("Draft deleted"));
  gtk_revealer_set_reveal_child (self->undo_revealer, TRUE);
  g_clear_handle_id (&self->undo_source, g_source_remove);
  self->undo_source = g_timeout_add_seconds (UNDO_TIMEOUT_S, forget_deleted, self);
  rebuild (self);
}

static void
on_delete_clicked (GtkButton        *button,
                   CartaDraftsGroup *self)
{
  delete_letter (self, g_object_get_data (G_OBJECT (button), "letter"));
}

void
carta_drafts_group_undo (CartaDraftsGroup *self)
{
  g_return_if_fail (CARTA_IS_DRAFTS_GROUP (self));

  if (self->deleted != NULL && !carta_draft_store_restore (self->drafts, self->deleted))
    {
      gtk_label_set_text (self->undo_label, _("The draft could not be brought back."));
      return;
    }
  g_clear_handle_id (&self->undo_source, g_source_remove);
  forget_deleted (self);
}

static void
carta_drafts_group_dispose (GObject *object)
{
  CartaDraftsGroup *self = CARTA_DRAFTS_GROUP (object);

  g_clear_handle_id (&self->undo_source, g_source_remove);
  if (self->drafts != NULL)
    g_signal_handlers_disconnect_by_data (self->drafts, self);
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_clear_object (&self->drafts);
  g_clear_object (&self->application);
  g_clear_object (&self->deleted);

  G_OBJECT_CLASS (carta_drafts_group_parent_class)->dispose (object);
}

static void
carta_drafts_group_class_init (CartaDraftsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_drafts_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-drafts-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaDraftsGroup, group);
  gtk_widget_class_bind_template_child (widget_class, CartaDraftsGroup, list);
  gtk_widget_class_bind_template_child (widget_class, CartaDraftsGroup, undo_revealer);
  gtk_widget_class_bind_template_child (widget_class, CartaDraftsGroup, undo_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, carta_drafts_group_undo);
}

static void
carta_drafts_group_init (CartaDraftsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
carta_drafts_group_set_application (CartaDraftsGroup *self,
                                    CartaApplication *application)
{
  g_return_if_fail (CARTA_IS_DRAFTS_GROUP (self));
  g_return_if_fail (CARTA_IS_APPLICATION (application));

  g_set_object (&self->application, application);
  g_set_object (&self->drafts, carta_application_get_drafts (application));
  if (self->drafts != NULL)
    g_signal_connect_swapped (self->drafts, "items-changed", G_CALLBACK (rebuild), self);
  /* Titles come from the catalog, which may still be loading. */
  g_signal_connect_swapped (application, "notify::loading", G_CALLBACK (rebuild), self);
  rebuild (self);
}

guint
carta_drafts_group_get_n_drafts (CartaDraftsGroup *self)
{
  g_return_val_if_fail (CARTA_IS_DRAFTS_GROUP (self), 0);
  return self->drafts ? g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) : 0;
}

void
carta_drafts_group_delete (CartaDraftsGroup *self,
                           guint             index)
{
  g_autoptr(CartaLetter) letter = NULL;

  g_return_if_fail (CARTA_IS_DRAFTS_GROUP (self));

  letter = g_list_model_get_item (G_LIST_MODEL (self->drafts), index);
  if (letter != NULL)
    delete_letter (self, letter);
}
