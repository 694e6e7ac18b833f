/* carta-window.c: the main window, campaigns and people beside their pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include <carta/carta-reminders.h>

#include "carta-campaign-page.h"
#include "carta-detail.h"
#include "carta-drafts-group.h"
#include "carta-case-page.h"
#include "carta-entity-row.h"
#include "carta-import-report.h"
#include "carta-person-editor.h"
#include "carta-window.h"

struct _CartaWindow
{
  AdwApplicationWindow  parent_instance;

  CartaApplication     *application;
  GtkFilterListModel   *results;
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection;
  GListModel           *all;
  CartaEntity          *shown;
  char                 *folded_query;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  GtkStack             *content_stack;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  AdwStatusPage        *error_page;
  AdwPreferencesGroup  *reminders_group;
  CartaDraftsGroup     *drafts_group;
  guint                 reminders_idle_id;
  CartaCampaignPage    *campaign_page;
  CartaCasePage        *case_page;
};

G_DEFINE_FINAL_TYPE (CartaWindow, carta_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
filter_entity (gpointer item,
               gpointer user_data)
{
  CartaWindow *self = user_data;

  return carta_entity_matches (CARTA_ENTITY (item), self->folded_query);
}

static void
update_sidebar (CartaWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  gboolean loading = carta_application_get_loading (self->application);

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    n == 0 && !loading && self->folded_query[0] != '\0' ? "no-results" : "list");
}

static void
on_search_changed (CartaWindow *self)
{
  g_autofree char *folded = carta_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  /* Fold once per keystroke, not once per item. */
  if (g_str_has_prefix (folded, self->folded_query))
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (g_str_has_prefix (self->folded_query, folded))
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->folded_query);
  self->folded_query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_sidebar (self);
}

static void
on_stop_search (CartaWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void on_show_entity (CartaWindow *self, CartaEntity *entity);

/* The pages are made when first needed: the window opens faster. */
static void
ensure_pages (CartaWindow *self)
{
  if (self->campaign_page != NULL)
    return;

  self->campaign_page = g_object_new (CARTA_TYPE_CAMPAIGN_PAGE, NULL);
  self->case_page = g_object_new (CARTA_TYPE_CASE_PAGE, NULL);
  g_signal_connect_swapped (self->campaign_page, "show-entity", G_CALLBACK (on_show_entity), self);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->campaign_page), "campaign");
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->case_page), "case");
}

/* Puts the entity's page in the content pane; FALSE if it has none. */
static gboolean
display_entity (CartaWindow *self,
                CartaEntity *entity)
{
  ensure_pages (self);

  if (CARTA_IS_CAMPAIGN (entity))
    {
      carta_campaign_page_set_campaign (self->campaign_page, CARTA_CAMPAIGN (entity));
      adw_window_title_set_title (self->content_title,
                                  carta_text_get_ui (carta_campaign_get_title (CARTA_CAMPAIGN (entity))));
      gtk_stack_set_visible_child_name (self->content_stack, "campaign");
    }
  else if (CARTA_IS_CASE (entity))
    {
      carta_case_page_set_case (self->case_page, CARTA_CASE (entity));
      adw_window_title_set_title (self->content_title, carta_case_get_name (CARTA_CASE (entity)));
      gtk_stack_set_visible_child_name (self->content_stack, "case");
    }
  else
    return FALSE;

  g_set_object (&self->shown, entity);
  return TRUE;
}

/* A state of the content pane that shows no entity. */
static void
display_state (CartaWindow *self,
               const char  *name)
{
  g_clear_object (&self->shown);
  adw_window_title_set_title (self->content_title, "");
  gtk_stack_set_visible_child_name (self->content_stack, name);
}

static void
show_item (CartaWindow *self,
           CartaEntity *entity)
{
  if (!display_entity (self, entity))
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->content);

  /* Keep the keyboard where the user is: in the list beside the page, or
   * on the way back when the page covers the list. Focus falling into the
   * page would select the first selectable text. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (self->back_button);
  else if (!gtk_widget_has_focus (GTK_WIDGET (self->search_entry)) &&
           gtk_widget_get_focus_child (GTK_WIDGET (self->search_entry)) == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_search_activate (CartaWindow *self)
{
  g_autoptr(CartaEntity) first = NULL;

  /* Enter opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return;

  first = g_list_model_get_item (G_LIST_MODEL (self->results), 0);
  gtk_single_selection_set_selected (self->selection, 0);
  show_item (self, first);
}

static void
on_list_activate (CartaWindow *self,
                  guint        position)
{
  g_autoptr(CartaEntity) entity = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (entity != NULL)
    show_item (self, entity);
}

static void
on_show_entity (CartaWindow *self,
                CartaEntity *entity)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaEntity) item = g_list_model_get_item (G_LIST_MODEL (self->results), i);

      if (item == entity)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  show_item (self, entity);
}

static void
on_folded_changed (CartaWindow *self)
{
  /* Unfolded, both panes show; folded, the list comes first until the user
   * picks something, unless the catalog failed: that must be seen. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION &&
      carta_application_get_load_error (self->application) == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
update_content (CartaWindow *self)
{
  const char *error = carta_application_get_load_error (self->application);
  const char *visible = gtk_stack_get_visible_child_name (self->content_stack);

  if (carta_application_get_loading (self->application))
    display_state (self, "loading");
  else if (error != NULL)
    {
      /* A status page's description is markup; the error may quote the feed. */
      g_autofree char *escaped = g_markup_escape_text (error, -1);

      adw_status_page_set_description (self->error_page, escaped);
      display_state (self, "error");
      adw_leaflet_set_visible_child (self->leaflet, self->content);
    }
  else if (g_strcmp0 (visible, "loading") == 0)
    display_state (self, "empty");

  update_sidebar (self);
}

/* A feed was refreshed or removed: the page follows its entity's new
 * version, or goes when the entity is gone. */
static void
on_reminder_activated (AdwActionRow *row,
                       CartaWindow  *self)
{
  on_show_entity (self, g_object_get_data (G_OBJECT (row), "entity"));
}

static char *
describe_reminder (const CartaReminder *reminder)
{
  char date[64];

  /* Translators: a date as strftime() writes it, e.g. "17 November" */
  g_date_strftime (date, sizeof date, _("%e %B"), &reminder->write_before);
  g_strstrip (date);

  if (reminder->days_left <= 0)
    /* Translators: %s is a date */
    return g_strdup_printf (_("Write today: the post needs until %s"), date);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Write before %s, in %d day",
                                       "Write before %s, in %d days", reminder->days_left),
                          date, reminder->days_left);
}

/* Birthdays and deadlines in the next weeks, on the page shown first. */
static gboolean
update_reminders (gpointer user_data)
{
  CartaWindow *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) reminders = NULL;
  GDate today;

  self->reminders_idle_id = 0;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  reminders = carta_reminders_upcoming (carta_application_get_catalog (self->application), &today, 45);

  carta_detail_clear (self->reminders_group);
  for (guint i = 0; i < reminders->len && i < 8; i++)
    {
      CartaReminder *reminder = g_ptr_array_index (reminders, i);
      g_autofree char *when = describe_reminder (reminder);
      g_autofree char *title = NULL;
      AdwActionRow *row;

      if (reminder->kind == CARTA_REMINDER_BIRTHDAY)
        /* Translators: %s is a person's name */
        title = g_strdup_printf (_("Birthday of %s"), carta_case_get_name (CARTA_CASE (reminder->entity)));
      else
        title = g_strdup (carta_text_get_ui (carta_campaign_get_title (CARTA_CAMPAIGN (reminder->entity))));

      row = carta_detail_add_row (self->reminders_group, title, when);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (reminder->entity), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (on_reminder_activated), self);
    }
  carta_detail_update (self->reminders_group);

  return G_SOURCE_REMOVE;
}

static void
on_catalog_changed (CartaWindow *self)
{
  CartaEntity *current;

  /* Feeds change the catalog in bursts: recompute once they settle. */
  if (self->reminders_idle_id == 0)
    self->reminders_idle_id = g_idle_add (update_reminders, self);

  if (self->shown == NULL)
    return;

  current = carta_catalog_lookup (carta_application_get_catalog (self->application),
                                  carta_entity_get_uid (self->shown));
  if (current == self->shown)
    return;

  if (current != NULL)
    display_entity (self, current);
  else
    {
      display_state (self, "empty");
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
    }
}

static void
focus_search (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CartaWindow *self = CARTA_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
go_back (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  CartaWindow *self = CARTA_WINDOW (widget);

  if (adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
escape_pressed (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartaWindow *self = CARTA_WINDOW (widget);

  /* Back from a page that covers the list; otherwise forget the search.
   * (In the search entry itself, the entry clears it first.) */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->content)
    go_back (widget, NULL, NULL);
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    carta_window_set_search (self, "");
}

static void
add_person (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CartaWindow *self = CARTA_WINDOW (widget);

  carta_person_editor_open (self, self->application, NULL);
}

static void
import_list (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CartaWindow *self = CARTA_WINDOW (widget);

  carta_import_report_choose_file (self, self->application);
}

static void
show_message (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *title = NULL;
  const char *details = NULL;
  GtkWidget *dialog;

  g_variant_get (parameter, "(&s&s)", &title, &details);
  /* Plain text: the details may quote a file. */
  dialog = adw_message_dialog_new (GTK_WINDOW (widget), title, details);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, carta_entity_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  carta_entity_row_set_entity (CARTA_ENTITY_ROW (gtk_list_item_get_child (item)),
                               gtk_list_item_get_item (item));
}

static void
save_window_state (CartaWindow *self)
{
  GSettings *settings = carta_application_get_settings (self->application);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static gboolean
carta_window_close_request (GtkWindow *window)
{
  save_window_state (CARTA_WINDOW (window));

  return GTK_WINDOW_CLASS (carta_window_parent_class)->close_request (window);
}

static void
carta_window_dispose (GObject *object)
{
  CartaWindow *self = CARTA_WINDOW (object);

  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_clear_handle_id (&self->reminders_idle_id, g_source_remove);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  if (self->all != NULL)
    g_signal_handlers_disconnect_by_data (self->all, self);
  g_clear_object (&self->all);
  g_clear_object (&self->results);
  g_clear_object (&self->filter);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (carta_window_parent_class)->dispose (object);
}

static void
carta_window_finalize (GObject *object)
{
  g_free (CARTA_WINDOW (object)->folded_query);

  G_OBJECT_CLASS (carta_window_parent_class)->finalize (object);
}

static void
carta_window_class_init (CartaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = carta_window_dispose;
  object_class->finalize = carta_window_finalize;
  window_class->close_request = carta_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, content);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, reminders_group);
  gtk_widget_class_bind_template_child (widget_class, CartaWindow, drafts_group);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, focus_search);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, go_back);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL, escape_pressed);
  gtk_widget_class_install_action (widget_class, "win.add-person", NULL, add_person);
  gtk_widget_class_install_action (widget_class, "win.import-list", NULL, import_list);
  gtk_widget_class_install_action (widget_class, "win.show-message", "(ss)", show_message);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.escape", NULL);
}

static void
carta_window_init (CartaWindow *self)
{
  g_type_ensure (CARTA_TYPE_DRAFTS_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->folded_query = g_strdup ("");
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

CartaWindow *
carta_window_new (CartaApplication *application)
{
  CartaWindow *self;
  CartaCatalog *catalog;
  GListStore *sections;
  GtkFlattenListModel *all;
  GtkListItemFactory *factory;
  GSettings *settings;

  g_return_val_if_fail (CARTA_IS_APPLICATION (application), NULL);

  self = g_object_new (CARTA_TYPE_WINDOW, "application", application, NULL);
  self->application = g_object_ref (application);
  catalog = carta_application_get_catalog (application);
  settings = carta_application_get_settings (application);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Campaigns first, then people, searched with one filter. */
  sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (sections, carta_catalog_get_campaigns (catalog));
  g_list_store_append (sections, carta_catalog_get_cases (catalog));
  all = gtk_flatten_list_model_new (G_LIST_MODEL (sections));

  self->filter = gtk_custom_filter_new (filter_entity, self, NULL);
  self->results = gtk_filter_list_model_new (G_LIST_MODEL (all), g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);

  g_signal_connect_swapped (self->results, "items-changed", G_CALLBACK (update_sidebar), self);
  self->all = g_object_ref (G_LIST_MODEL (all));
  g_signal_connect_swapped (self->all, "items-changed", G_CALLBACK (on_catalog_changed), self);
  g_signal_connect_swapped (application, "notify::loading", G_CALLBACK (update_content), self);
  g_signal_connect_swapped (application, "notify::load-error", G_CALLBACK (update_content), self);
  carta_drafts_group_set_application (self->drafts_group, application);
  update_content (self);
  on_folded_changed (self);
  on_catalog_changed (self);

  return self;
}

GListModel *
carta_window_get_results (CartaWindow *self)
{
  g_return_val_if_fail (CARTA_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->results);
}

void
carta_window_set_search (CartaWindow *self,
                         const char  *text)
{
  g_return_if_fail (CARTA_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry delays its signal while typing; a program means it now. */
  on_search_changed (self);
}

gboolean
carta_window_show_entity (CartaWindow *self,
                          const char  *uid)
{
  CartaEntity *entity;

  g_return_val_if_fail (CARTA_IS_WINDOW (self), FALSE);

  entity = carta_catalog_lookup (carta_application_get_catalog (self->application), uid);
  if (entity == NULL)
    return FALSE;

  on_show_entity (self, entity);
  return TRUE;
}

const char *
carta_window_get_content (CartaWindow *self)
{
  g_return_val_if_fail (CARTA_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

static guint
count_action_rows (GtkWidget *widget)
{
  guint n = ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_action_rows (child);
  return n;
}

guint
carta_window_get_n_reminders (CartaWindow *self)
{
  g_return_val_if_fail (CARTA_IS_WINDOW (self), 0);

  return count_action_rows (GTK_WIDGET (self->reminders_group));
}

CartaDraftsGroup *
carta_window_get_drafts_group (CartaWindow *self)
{
  g_return_val_if_fail (CARTA_IS_WINDOW (self), NULL);
  return self->drafts_group;
}

void
carta_window_add_toast (CartaWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (CARTA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
carta_window_report (CartaWindow *self,
                     const char  *title,
                     const char  *details)
{
  /* A toast's title is markup. */
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_return_if_fail (CARTA_IS_WINDOW (self));

  /* A problem stays until the user has seen it. */
  adw_toast_set_timeout (toast, 0);
  if (details != NULL)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-message");
      adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", title, details));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
