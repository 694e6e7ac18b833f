/* carta-drafts-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each draft is a row: what letter, to whom, when it was last changed.
 * Activating it reopens the composer where the writer left; its delete
 * button removes it, and an Undo button brings it back for a while.
 * Save All as PDF puts every letter written so far into one PDF, to print
 * them together after a letter-writing evening.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-composer.h"
#include "carta-drafts-group.h"
#include "carta-window.h"

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
  GtkWidget           *save_all_button;

  GCancellable        *cancellable;
  guint                saving;
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

/* ------------------------------------------------------------------------
 * Save All as PDF
 */

/* The drafts that have a text: those begun but not yet written are left out. */
static GPtrArray *
written_letters (CartaDraftsGroup *self)
{
  GPtrArray *letters = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = self->drafts ? g_list_model_get_n_items (G_LIST_MODEL (self->drafts)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaLetter) letter = g_list_model_get_item (G_LIST_MODEL (self->drafts), i);
      const char *body = carta_letter_get_body (letter);

      while (body != NULL && g_ascii_isspace (*body))
        body++;
      if (body != NULL && *body != '\0' && carta_letter_get_language (letter) != NULL)
        g_ptr_array_add (letters, g_steal_pointer (&letter));
    }

  return letters;
}

typedef struct
{
  GPtrArray  *printables;  /* CartaPrintable */
  GPtrArray  *records;     /* CartaDelivery, for the history: letters to the example person have none */
  CartaPaper  paper;
} SaveAllJob;

static void
save_all_job_free (SaveAllJob *job)
{
  g_ptr_array_unref (job->printables);
  g_ptr_array_unref (job->records);
  g_free (job);
}

static void
save_all_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SaveAllJob *job = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (!carta_renderer_save_pdfs ((const CartaPrintable * const *) job->printables->pdata, job->printables->len,
                                 job->paper, FALSE, CARTA_ENVELOPE_DL, _("Letters"), NULL, file, cancellable,
                                 &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_toast (CartaDraftsGroup *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (CARTA_IS_WINDOW (root))
    carta_window_add_toast (CARTA_WINDOW (root), adw_toast_new (escaped));
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CartaDraftsGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carta_history_append_finish (CARTA_HISTORY (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The letters were saved, but could not be added to the "
                                                    "history: %s"), error->message);
      show_toast (self, message);
    }
}

static void
on_saved_all (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CartaDraftsGroup *self = CARTA_DRAFTS_GROUP (source);
  SaveAllJob *job = g_task_get_task_data (G_TASK (result));
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  CartaHistory *history = self->application ? carta_application_get_history (self->application) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  self->saving--;
  if (self->save_all_button != NULL)
    gtk_widget_set_sensitive (self->save_all_button, self->saving == 0);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        message = g_strdup_printf (_("“%s” could not be saved: the disk is full. Your letters are safe in Carta."),
                                   name);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        message = g_strdup_printf (_("“%s” could not be saved: you may not write in that folder. "
                                     "Your letters are safe in Carta."), name);
      else
        message = g_strdup_printf (_("“%s” could not be saved: %s. Your letters are safe in Carta."),
                                   name, error->message);
      show_toast (self, message);
      return;
    }

  message = g_strdup_printf (ngettext ("%u letter saved in “%s”", "%u letters saved in “%s”",
                                       job->printables->len),
                             job->printables->len, name);
  show_toast (self, message);

  for (guint i = 0; history != NULL && i < job->records->len; i++)
    carta_history_append_async (history, g_ptr_array_index (job->records, i), self->cancellable, on_recorded,
                                g_object_ref (self));
}

/* Whom a letter is to, by name, as the history keeps it. */
static const char *
recipient_name (CartaLetter *letter,
                CartaCase   *person,
                CartaTarget *target)
{
  const char *name = carta_letter_get_value (letter, CARTA_VALUE_TARGET_NAME);

  if (target != NULL && !carta_target_get_user_supplied (target))
    return carta_text_get_ui (carta_target_get_title (target));
  if (name != NULL && *name != '\0')
    return name;
  return person ? carta_case_get_name (person) : NULL;
}

void
carta_drafts_group_save_all_to (CartaDraftsGroup *self,
                                GFile            *file)
{
  CartaCatalog *catalog;
  CartaProfileStore *profiles;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GTask) task = NULL;
  SaveAllJob *job;

  g_return_if_fail (CARTA_IS_DRAFTS_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->application != NULL);

  letters = written_letters (self);
  if (letters->len == 0)
    return;

  catalog = carta_application_get_catalog (self->application);
  profiles = carta_application_get_profiles (self->application);
  job = g_new0 (SaveAllJob, 1);
  job->printables = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_printable_free);
  job->records = g_ptr_array_new_with_free_func (g_object_unref);
  job->paper = carta_application_get_paper (self->application);

  for (guint i = 0; i < letters->len; i++)
    {
      CartaLetter *letter = g_ptr_array_index (letters, i);
      g_autoptr(CartaLetterOption) option = carta_letter_option_find (catalog, letter);
      const char *case_uid = carta_letter_get_case_uid (letter);
      const char *profile_id = carta_letter_get_profile_id (letter);
      CartaCase *person = option ? option->person : NULL;
      CartaTarget *target = option ? option->target : NULL;
      CartaProfile *profile = profile_id && profiles ? carta_profile_store_lookup (profiles, profile_id) : NULL;

      /* A letter about a cause names its person only through the case. */
      if (person == NULL && case_uid != NULL && CARTA_IS_CASE (carta_catalog_lookup (catalog, case_uid)))
        person = CARTA_CASE (carta_catalog_lookup (catalog, case_uid));

      g_ptr_array_add (job->printables, carta_compose_printable (letter, person, target, profile, now));
      /* Letters to the example person never leave, and are not counted. */
      if (person == NULL || !carta_case_get_is_demo (person))
        g_ptr_array_add (job->records,
                         carta_delivery_new_record (CARTA_DELIVERY_PDF, recipient_name (letter, person, target),
                                                    carta_letter_get_campaign_uid (letter), case_uid,
                                                    carta_letter_get_language (letter)));
    }

  task = g_task_new (self, self->cancellable, on_saved_all, NULL);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) save_all_job_free);
  g_task_set_source_tag (task, carta_drafts_group_save_all_to);
  self->saving++;
  gtk_widget_set_sensitive (self->save_all_button, FALSE);
  g_task_run_in_thread (task, save_all_in_thread);
}

static void
on_save_all_chosen (GtkNativeDialog  *dialog,
                    int               response,
                    CartaDraftsGroup *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        carta_drafts_group_save_all_to (self, file);
    }
  g_object_unref (dialog);
}

static void
on_save_all_clicked (CartaDraftsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Save All as PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the file name offered for all the letters saved together */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Letters.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_all_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

gboolean
carta_drafts_group_get_saving (CartaDraftsGroup *self)
{
  g_return_val_if_fail (CARTA_IS_DRAFTS_GROUP (self), FALSE);
  return self->saving > 0;
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
  {
    g_autoptr(GPtrArray) written = written_letters (self);

    gtk_widget_set_visible (self->save_all_button, written->len > 0);
    gtk_widget_set_sensitive (self->save_all_button, self->saving == 0);
  }
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
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_child (widget_class, CartaDraftsGroup, save_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, carta_drafts_group_undo);
}

static void
carta_drafts_group_init (CartaDraftsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
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
