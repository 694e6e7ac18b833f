/* carta-import-lists-group.c: the kept imports, each with a way to remove it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per imported list among the catalog's sources: its name and how
 * many people it gave, and a Remove button that asks first, then deletes
 * the kept file in a worker thread and takes the people out of the catalog.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-import-lists-group.h"
#include "carta-import-task.h"

struct _CartaImportListsGroup
{
  AdwBin               parent_instance;

  CartaCatalog        *catalog;
  char                *dir;
  GPtrArray           *rows;
  GCancellable        *cancellable;

  AdwPreferencesGroup *group;
  GtkLabel            *empty_label;
};

G_DEFINE_FINAL_TYPE (CartaImportListsGroup, carta_import_lists_group, ADW_TYPE_BIN)

static void
show_toast (CartaImportListsGroup *self,
            const char            *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (escaped));
}

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CartaImportListsGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carta_import_remove_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The list could not be removed: %s"), error->message);
      show_toast (self, message);
    }
}

static void
on_remove_response (AdwMessageDialog      *dialog,
                    const char            *response,
                    CartaImportListsGroup *self)
{
  const char *source_id = g_object_get_data (G_OBJECT (dialog), "source-id");

  if (g_strcmp0 (response, "remove") != 0 || self->catalog == NULL)
    return;

  carta_import_remove_async (self->catalog, self->dir, source_id, self->cancellable,
                             on_removed, g_object_ref (self));
}

static void
on_remove_clicked (GtkButton             *button,
                   CartaImportListsGroup *self)
{
  CartaFeed *feed = g_object_get_data (G_OBJECT (button), "feed");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = carta_import_describe_source (feed);
  guint n = carta_feed_get_cases (feed)->len;
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Remove the List?"), NULL));
  /* Plain text: the body is not markup. */
  adw_message_dialog_format_body (dialog,
                                  ngettext ("The %u person imported from “%s” will no longer be listed. "
                                            "Letters you wrote stay in your history, and you can import "
                                            "the list again.",
                                            "The %u people imported from “%s” will no longer be listed. "
                                            "Letters you wrote stay in your history, and you can import "
                                            "the list again.", n),
                                  n, name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "source-id", g_strdup (carta_feed_get_source_id (feed)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (CartaImportListsGroup *self,
            CartaFeed             *feed)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = carta_import_describe_source (feed);
  g_autofree char *label = g_strdup_printf (_("Remove %s"), name);
  guint n = carta_feed_get_cases (feed)->len;
  g_autofree char *count = g_strdup_printf (ngettext ("%u person", "%u people", n), n);

  /* A list's title may come from a file: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, count);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove List"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (remove), "feed", g_object_ref (feed), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (row, remove);

  return GTK_WIDGET (row);
}

static void
rebuild (CartaImportListsGroup *self)
{
  GListModel *sources = self->catalog ? carta_catalog_get_sources (self->catalog) : NULL;
  guint n = sources ? g_list_model_get_n_items (sources) : 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaFeed) feed = g_list_model_get_item (sources, i);
      GtkWidget *row;

      if (!carta_import_is_import_source (carta_feed_get_source_id (feed)))
        continue;
      row = create_row (self, feed);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), self->rows->len == 0);
}

static void
carta_import_lists_group_dispose (GObject *object)
{
  CartaImportListsGroup *self = CARTA_IMPORT_LISTS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (carta_catalog_get_sources (self->catalog), self);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTA_TYPE_IMPORT_LISTS_GROUP);

  G_OBJECT_CLASS (carta_import_lists_group_parent_class)->dispose (object);
}

static void
carta_import_lists_group_finalize (GObject *object)
{
  g_free (CARTA_IMPORT_LISTS_GROUP (object)->dir);

  G_OBJECT_CLASS (carta_import_lists_group_parent_class)->finalize (object);
}

static void
carta_import_lists_group_class_init (CartaImportListsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_import_lists_group_dispose;
  object_class->finalize = carta_import_lists_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-import-lists-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaImportListsGroup, group);
  gtk_widget_class_bind_template_child (widget_class, CartaImportListsGroup, empty_label);
}

static void
carta_import_lists_group_init (CartaImportListsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

void
carta_import_lists_group_set_catalog (CartaImportListsGroup *self,
                                      CartaCatalog          *catalog,
                                      const char            *dir)
{
  g_return_if_fail (CARTA_IS_IMPORT_LISTS_GROUP (self));
  g_return_if_fail (CARTA_IS_CATALOG (catalog));

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (carta_catalog_get_sources (self->catalog), self);
  g_set_object (&self->catalog, catalog);
  g_free (self->dir);
  self->dir = g_strdup (dir);

  g_signal_connect_swapped (carta_catalog_get_sources (catalog), "items-changed", G_CALLBACK (rebuild), self);
  rebuild (self);
}
