/* carta-import-report.c: importing a list of prisoners, and what came of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is read and parsed in a worker thread (carta-import-task.c);
 * this window shows that it is being read, then how many people came in,
 * new or updated, and every row that was left out or imported without one
 * of its values, by its line in the file.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-detail.h"
#include "carta-import-report.h"
#include "carta-import-task.h"

/* A list with more problems than this is not worth reading row by row. */
#define MAX_PROBLEM_ROWS 200

struct _CartaImportReport
{
  AdwWindow            parent_instance;

  GCancellable        *cancellable;

  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwStatusPage       *failed_page;
  GtkLabel            *summary_title;
  GtkLabel            *summary_details;
  AdwPreferencesGroup *problems_group;
};

G_DEFINE_FINAL_TYPE (CartaImportReport, carta_import_report, ADW_TYPE_WINDOW)

static void
carta_import_report_dispose (GObject *object)
{
  CartaImportReport *self = CARTA_IMPORT_REPORT (object);

  /* Closed while the list is read: nothing is imported. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carta_import_report_parent_class)->dispose (object);
}

static void
carta_import_report_class_init (CartaImportReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_import_report_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-import-report.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaImportReport, window_title);
  gtk_widget_class_bind_template_child (widget_class, CartaImportReport, stack);
  gtk_widget_class_bind_template_child (widget_class, CartaImportReport, failed_page);
  gtk_widget_class_bind_template_child (widget_class, CartaImportReport, summary_title);
  gtk_widget_class_bind_template_child (widget_class, CartaImportReport, summary_details);
  gtk_widget_class_bind_template_child (widget_class, CartaImportReport, problems_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
carta_import_report_init (CartaImportReport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

const char *
carta_import_report_get_state (CartaImportReport *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_REPORT (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* ------------------------------------------------------------------------
 * The report
 */

static char *
describe_counts (const CartaImportOutcome *outcome)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Only worth saying when the list was imported before. */
  if (outcome->n_updated == 0 && outcome->n_gone == 0)
    return NULL;

  if (outcome->n_new > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u new person", "%u new people", outcome->n_new),
                                             outcome->n_new));
  if (outcome->n_updated > 0)
    /* Translators: people imported before whose details the list updated */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u updated", "%u updated", outcome->n_updated),
                                             outcome->n_updated));
  if (outcome->n_gone > 0)
    /* Translators: people an earlier import of the list had, and this one no longer has */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u no longer on the list", "%u no longer on the list",
                                                       outcome->n_gone),
                                             outcome->n_gone));
  g_ptr_array_add (parts, NULL);
  /* Translators: the parts of "3 new people, 9 updated" */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
show_summary (CartaImportReport        *self,
              const CartaImportOutcome *outcome)
{
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *counts = describe_counts (outcome);

  if (outcome->n_people == 0)
    {
      title = g_strdup (_("No One Was Imported"));
      if (carta_import_result_get_problems (outcome->result)->len > 0)
        g_string_append (details, _("No row of the list could be read. Nothing Carta had before was changed."));
      else
        g_string_append (details, _("The list has no one in it. Nothing Carta had before was changed."));
    }
  else
    {
      title = g_strdup_printf (ngettext ("%u Person Imported", "%u People Imported", outcome->n_people),
                               outcome->n_people);
      if (counts != NULL)
        {
          /* Translators: "3 new people, 9 updated." */
          g_string_append_printf (details, _("%s."), counts);
          g_string_append_c (details, ' ');
        }

      if (outcome->save_error != NULL)
        g_string_append_printf (details, _("The list could not be kept for the next time Carta starts (%s): "
                                           "its people are shown until Carta closes."),
                                outcome->save_error->message);
      else
        g_string_append (details, _("They are in the list of people now. Importing a newer copy of the list "
                                    "updates them."));
    }

  gtk_label_set_text (self->summary_title, title);
  gtk_label_set_text (self->summary_details, details->str);
}

static void
show_problems (CartaImportReport *self,
               GPtrArray         *problems)
{
  g_autofree char *title = NULL;

  carta_detail_clear (self->problems_group);

  for (guint i = 0; i < problems->len; i++)
    {
      const CartaImportProblem *problem = g_ptr_array_index (problems, i);

      if (i < MAX_PROBLEM_ROWS)
        {
          /* The message names the line; it may quote the file, and is
           * shown as written. */
          AdwActionRow *row = carta_detail_add_row (self->problems_group, problem->message,
                                                    problem->skipped ? _("Left out")
                                                                     : _("Imported without this value"));
          GtkWidget *icon = gtk_image_new_from_icon_name (problem->skipped ? "dialog-warning-symbolic"
                                                                           : "dialog-information-symbolic");

          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          problem->skipped ? _("Left out") : _("Imported"), -1);
          adw_action_row_add_prefix (row, icon);
        }
    }

  if (problems->len > MAX_PROBLEM_ROWS)
    {
      guint more = problems->len - MAX_PROBLEM_ROWS;
      g_autofree char *rest = g_strdup_printf (ngettext ("And %u more problem", "And %u more problems", more), more);

      carta_detail_add_row (self->problems_group, rest, NULL);
    }

  title = g_strdup_printf (ngettext ("%u Row Needs Attention", "%u Rows Need Attention", problems->len),
                           problems->len);
  /* A group's title is markup. */
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);
    adw_preferences_group_set_title (self->problems_group, escaped);
  }
  carta_detail_update (self->problems_group);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CartaImportReport) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaImportOutcome) outcome = carta_import_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (outcome == NULL)
    {
      /* A status page's description is markup; the message may quote the file. */
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->failed_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }

  show_summary (self, outcome);
  show_problems (self, carta_import_result_get_problems (outcome->result));
  gtk_stack_set_visible_child_name (self->stack, "done");
}

CartaImportReport *
carta_import_report_run (CartaWindow      *window,
                         CartaApplication *application,
                         GFile            *file)
{
  CartaImportReport *self;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CARTA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (CARTA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (CARTA_TYPE_IMPORT_REPORT, "transient-for", window, NULL);
  basename = g_file_get_basename (file);
  name = g_filename_display_name (basename ? basename : "");
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_stack_set_visible_child_name (self->stack, "working");
  gtk_window_present (GTK_WINDOW (self));

  carta_import_file_async (file, carta_application_get_catalog (application),
                           carta_application_get_imports_dir (application),
                           self->cancellable, on_imported, g_object_ref (self));
  return self;
}

/* ------------------------------------------------------------------------
 * Choosing the file
 */

typedef struct {
  CartaWindow      *window;
  CartaApplication *application;
} Choice;

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Choice *choice = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    carta_import_report_run (choice->window, choice->application, file);

  g_object_unref (choice->window);
  g_object_unref (choice->application);
  g_free (choice);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
carta_import_report_choose_file (CartaWindow      *window,
                                 CartaApplication *application)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Choice *choice;

  g_return_if_fail (CARTA_IS_WINDOW (window));
  g_return_if_fail (CARTA_IS_APPLICATION (application));

  chooser = gtk_file_chooser_native_new (_("Import a List of Prisoners"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, _("Lists of prisoners (CSV, JSON)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);

  choice = g_new0 (Choice, 1);
  choice->window = g_object_ref (window);
  choice->application = g_object_ref (application);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
