/* carta-sent-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sent Letters: the letters waiting in the outbox, each with its state and
 * what can be done about it, and below them every letter that left —
 * newest first, a page at a time — with the total and an export of the
 * whole history as CSV or JSON.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-sent-row.h"
#include "carta-sent-window-private.h"

/* Letters of the history shown at first, and added by Show Older Letters. */
#define HISTORY_PAGE 50

struct _CartaSentWindow
{
  AdwWindow          parent_instance;

  CartaApplication  *application;
  CartaOutbox       *outbox;
  CartaHistory      *history;
  GtkSliceListModel *history_page;
  GNetworkMonitor   *monitor;
  GCancellable      *cancellable;
  guint              busy;

  AdwToastOverlay   *toast_overlay;
  GtkMenuButton     *export_button;
  GtkRevealer       *offline_revealer;
  GtkLabel          *offline_label;
  GtkStack          *stack;
  AdwPreferencesGroup *outbox_group;
  GtkListBox        *outbox_list;
  AdwPreferencesGroup *history_group;
  GtkListBox        *history_list;
  GtkButton         *more_button;
};

G_DEFINE_FINAL_TYPE (CartaSentWindow, carta_sent_window, ADW_TYPE_WINDOW)

static void
toast (CartaSentWindow *self,
       const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* ------------------------------------------------------------------------
 * What is on show
 */

static guint
n_waiting (CartaSentWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->outbox));
}

static guint
n_sent (CartaSentWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->history));
}

static void
update_offline_note (CartaSentWindow *self)
{
  g_autoptr(SoupSession) session = NULL;
  const char *note = NULL;

  g_object_get (self->outbox, "session", &session, NULL);
  if (n_waiting (self) > 0)
    {
      if (session == NULL)
        note = _("Letters wait here until the proxy setting in Preferences is fixed: Carta sends nothing "
                 "around the proxy you chose.");
      else if (!g_network_monitor_get_network_available (self->monitor))
        note = _("You are offline. Queued letters are sent when the connection returns.");
    }
  if (note != NULL)
    gtk_label_set_label (self->offline_label, note);
  gtk_revealer_set_reveal_child (self->offline_revealer, note != NULL);
}

static void
update (CartaSentWindow *self)
{
  guint waiting = n_waiting (self);
  guint sent = n_sent (self);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->history_page));
  g_autofree char *total = NULL;
  g_autofree char *queued = NULL;

  gtk_stack_set_visible_child_name (self->stack, waiting + sent == 0 ? "empty" : "letters");
  gtk_widget_set_visible (GTK_WIDGET (self->outbox_group), waiting > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), sent > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), shown < sent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sent.export", sent > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), sent > 0);

  /* Numbers only: the descriptions are markup. */
  total = g_strdup_printf (ngettext ("%u letter has left, printed, saved, emailed or submitted.",
                                     "%u letters have left, printed, saved, emailed or submitted.", sent),
                           sent);
  adw_preferences_group_set_description (self->history_group, total);
  queued = g_strdup_printf (ngettext ("%u letter waits to be submitted online.",
                                      "%u letters wait to be submitted online.", waiting),
                            waiting);
  adw_preferences_group_set_description (self->outbox_group, queued);

  update_offline_note (self);
}

static GtkWidget *
create_outbox_row (gpointer item,
                   gpointer user_data)
{
  CartaSentWindow *self = user_data;

  return carta_sent_row_new (CARTA_DELIVERY (item), self->outbox);
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  return carta_sent_row_new (CARTA_DELIVERY (item), NULL);
}

/* Newest first; the history itself is kept oldest first. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GDateTime *sent_a = carta_delivery_get_sent (CARTA_DELIVERY ((gpointer) a));
  GDateTime *sent_b = carta_delivery_get_sent (CARTA_DELIVERY ((gpointer) b));

  if (sent_a == NULL || sent_b == NULL)
    return (sent_a == NULL) - (sent_b == NULL);
  return g_date_time_compare (sent_b, sent_a);
}

static void
on_more_clicked (CartaSentWindow *self)
{
  gtk_slice_list_model_set_size (self->history_page,
                                 gtk_slice_list_model_get_size (self->history_page) + HISTORY_PAGE);
  update (self);
}

/* ------------------------------------------------------------------------
 * Export
 */

typedef struct
{
  CartaSentWindow *self;
  GFile           *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportData, export_data_free)

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ExportData) data = user_data;
  CartaSentWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (data->file);
  g_autofree char *message = NULL;

  self->busy--;
  if (!carta_history_export_finish (CARTA_HISTORY (source), result, &error))
    {
      /* The window was closed. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        message = g_strdup_printf (_("“%s” could not be written: the disk is full."), name);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        message = g_strdup_printf (_("“%s” could not be written: you may not write in that folder."), name);
      else
        message = g_strdup_printf (_("“%s” could not be written: %s"), name, error->message);
    }
  else
    /* Translators: a file name */
    message = g_strdup_printf (_("The history is in “%s”"), name);
  toast (self, message);
}

void
carta_sent_window_export_to (CartaSentWindow          *self,
                             CartaHistoryExportFormat  format,
                             GFile                    *file)
{
  ExportData *data;

  g_return_if_fail (CARTA_IS_SENT_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  self->busy++;
  carta_history_export_async (self->history, format, file, self->cancellable, on_exported, data);
}

static void
on_export_file_chosen (GtkNativeDialog *dialog,
                       int              response,
                       CartaSentWindow *self)
{
  CartaHistoryExportFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        carta_sent_window_export_to (self, format, file);
    }
  g_object_unref (dialog);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CartaSentWindow *self = CARTA_SENT_WINDOW (widget);
  gboolean csv = g_strcmp0 (g_variant_get_string (parameter, NULL), "csv") == 0;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (csv ? _("Export as CSV") : _("Export as JSON"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, csv ? _("Spreadsheet (CSV)") : _("JSON"));
  gtk_file_filter_add_mime_type (filter, csv ? "text/csv" : "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the name offered for an exported history; keep the extension */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), csv ? _("sent-letters.csv") : _("sent-letters.json"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "format",
                     GUINT_TO_POINTER (csv ? CARTA_HISTORY_EXPORT_CSV : CARTA_HISTORY_EXPORT_JSON));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ------------------------------------------------------------------------
 * The object
 */

static void
carta_sent_window_dispose (GObject *object)
{
  CartaSentWindow *self = CARTA_SENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), CARTA_TYPE_SENT_WINDOW);
  g_clear_object (&self->history_page);
  g_clear_object (&self->outbox);
  g_clear_object (&self->history);
  g_clear_object (&self->monitor);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (carta_sent_window_parent_class)->dispose (object);
}

static void
carta_sent_window_finalize (GObject *object)
{
  g_clear_object (&CARTA_SENT_WINDOW (object)->cancellable);

  G_OBJECT_CLASS (carta_sent_window_parent_class)->finalize (object);
}

static void
carta_sent_window_class_init (CartaSentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_sent_window_dispose;
  object_class->finalize = carta_sent_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-sent-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, offline_label);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, outbox_group);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, history_group);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, history_list);
  gtk_widget_class_bind_template_child (widget_class, CartaSentWindow, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);

  gtk_widget_class_install_action (widget_class, "sent.export", "s", export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
carta_sent_window_init (CartaSentWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carta_sent_window_new (CartaApplication *application)
{
  CartaSentWindow *self;
  GtkSortListModel *sorted;

  g_return_val_if_fail (CARTA_IS_APPLICATION (application), NULL);

  self = g_object_new (CARTA_TYPE_SENT_WINDOW, "application", application, NULL);
  self->application = g_object_ref (application);
  self->outbox = g_object_ref (carta_application_get_outbox (application));
  self->history = g_object_ref (carta_application_get_history (application));
  self->monitor = g_object_ref (g_network_monitor_get_default ());

  gtk_list_box_bind_model (self->outbox_list, G_LIST_MODEL (self->outbox), create_outbox_row, self, NULL);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->history)),
                                    GTK_SORTER (gtk_custom_sorter_new (compare_newest_first, NULL, NULL)));
  self->history_page = gtk_slice_list_model_new (G_LIST_MODEL (sorted), 0, HISTORY_PAGE);
  gtk_list_box_bind_model (self->history_list, G_LIST_MODEL (self->history_page), create_history_row, NULL, NULL);

  g_signal_connect_object (self->outbox, "items-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outbox, "notify::session", G_CALLBACK (update_offline_note), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "items-changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::network-available", G_CALLBACK (update_offline_note), self,
                           G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

gboolean
carta_sent_window_get_busy (CartaSentWindow *self)
{
  g_return_val_if_fail (CARTA_IS_SENT_WINDOW (self), FALSE);
  return self->busy > 0;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CARTA_IS_SENT_ROW (child) && gtk_widget_get_visible (child))
      n++;
  return n;
}

guint
carta_sent_window_get_n_waiting (CartaSentWindow *self)
{
  g_return_val_if_fail (CARTA_IS_SENT_WINDOW (self), 0);
  return count_rows (self->outbox_list);
}

guint
carta_sent_window_get_n_shown (CartaSentWindow *self)
{
  g_return_val_if_fail (CARTA_IS_SENT_WINDOW (self), 0);
  return count_rows (self->history_list);
}
