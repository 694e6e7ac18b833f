/* carta-preferences-window.c: letter defaults, feeds and the connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <carta/carta.h>

#include "carta-import-lists-group.h"
#include "carta-preferences-window.h"
#include "carta-profiles-group.h"

struct _CartaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CartaProfilesGroup   *profiles_group;
  CartaImportListsGroup *lists_group;

  GSettings            *settings;
  CartaFeedManager     *manager;

  AdwComboRow          *language_row;
  AdwComboRow          *paper_row;
  GtkListBox           *feeds_list;
  AdwEntryRow          *add_feed_row;
  AdwEntryRow          *proxy_row;
};

G_DEFINE_FINAL_TYPE (CartaPreferencesWindow, carta_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The letter languages Carta offers by default; "" follows the UI. */
static const char * const letter_languages[] = {
  "", "ru", "be", "uk", "en", "pl", "lt", "ka", "de", "fr", "es", "he", NULL
};

static const char * const paper_sizes[] = { "", "a4", "letter", NULL };

static guint
index_in (const char * const *values,
          const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static void
on_language_selected (CartaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (selected < g_strv_length ((char **) letter_languages))
    g_settings_set_string (self->settings, "default-letter-language", letter_languages[selected]);
}

static void
on_paper_selected (CartaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->paper_row);

  if (selected < G_N_ELEMENTS (paper_sizes) - 1)
    g_settings_set_string (self->settings, "paper-size", paper_sizes[selected]);
}

/* ------------------------------------------------------------------------
 * Feeds
 */

static char *
describe_source (CartaFeedSource *source)
{
  GDateTime *updated = carta_feed_source_get_updated (source);

  switch (carta_feed_source_get_state (source))
    {
    case CARTA_FEED_SOURCE_NEW:
      return g_strdup (_("Not fetched yet"));
    case CARTA_FEED_SOURCE_UPDATING:
      return g_strdup (_("Updating…"));
    case CARTA_FEED_SOURCE_FAILED:
      if (carta_feed_source_get_feed (source) != NULL)
        /* Translators: the feed failed to update; the last good copy is still used */
        return g_strdup_printf (_("%s The last copy Carta received is still used."),
                                carta_feed_source_get_error_message (source));
      return g_strdup (carta_feed_source_get_error_message (source));
    case CARTA_FEED_SOURCE_OK:
    default:
      if (updated != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (updated);
          /* Translators: a date and time as strftime() writes it, e.g. "22 November 2026, 14:05" */
          g_autofree char *when = g_date_time_format (local, _("%e %B %Y, %H:%M"));
          g_autofree char *stripped = g_strstrip (g_strdup (when));
          return g_strdup_printf (_("Updated %s"), stripped);
        }
      return g_strdup (_("Up to date"));
    }
}

static void
update_feed_row (CartaFeedSource *source,
                 GParamSpec      *pspec,
                 AdwActionRow    *row)
{
  g_autofree char *status = describe_source (source);
  CartaFeed *feed = carta_feed_source_get_feed (source);
  GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "spinner");

  adw_action_row_set_subtitle (row, status);
  if (feed != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carta_text_get_ui (carta_feed_get_title (feed)));

  gtk_widget_set_visible (spinner, carta_feed_source_get_state (source) == CARTA_FEED_SOURCE_UPDATING);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner),
                            carta_feed_source_get_state (source) == CARTA_FEED_SOURCE_UPDATING);

  if (carta_feed_source_get_state (source) == CARTA_FEED_SOURCE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_remove_feed_clicked (GtkButton              *button,
                        CartaPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  g_auto(GStrv) urls = g_settings_get_strv (self->settings, "feed-urls");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; urls[i] != NULL; i++)
    if (g_strcmp0 (urls[i], url) != 0)
      g_strv_builder_add (builder, urls[i]);

  kept = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "feed-urls", (const char * const *) kept);
}

static GtkWidget *
create_feed_row (gpointer item,
                 gpointer user_data)
{
  CartaPreferencesWindow *self = user_data;
  CartaFeedSource *source = item;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove %s"), carta_feed_source_get_url (source));

  /* Feed titles and addresses are data, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carta_feed_source_get_url (source));
  adw_action_row_set_subtitle_lines (row, 3);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), carta_feed_source_get_url (source));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Feed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (remove), "url", g_strdup (carta_feed_source_get_url (source)), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_feed_clicked), self);

  adw_action_row_add_suffix (row, spinner);
  adw_action_row_add_suffix (row, remove);
  g_object_set_data (G_OBJECT (row), "spinner", spinner);

  g_signal_connect_object (source, "notify::state", G_CALLBACK (update_feed_row), row, 0);
  g_signal_connect_object (source, "notify::feed", G_CALLBACK (update_feed_row), row, 0);
  g_signal_connect_object (source, "notify::updated", G_CALLBACK (update_feed_row), row, 0);
  update_feed_row (source, NULL, row);

  return GTK_WIDGET (row);
}

static gboolean
is_https_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static void
show_toast (CartaPreferencesWindow *self,
            const char             *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
on_add_feed_apply (CartaPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_feed_row))));
  g_auto(GStrv) urls = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (*url == '\0')
    return;

  if (!is_https_url (url))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->add_feed_row), "error");
      show_toast (self, _("Only secure https:// addresses can be added"));
      return;
    }

  urls = g_settings_get_strv (self->settings, "feed-urls");
  if (g_strv_contains ((const char * const *) urls, url))
    {
      show_toast (self, _("This feed is already in the list"));
      return;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) urls);
  g_strv_builder_add (builder, url);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "feed-urls", (const char * const *) updated);

  gtk_widget_remove_css_class (GTK_WIDGET (self->add_feed_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->add_feed_row), "");
}

static void
on_proxy_apply (CartaPreferencesWindow *self)
{
  g_autofree char *proxy = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->proxy_row))));
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) probe = NULL;

  /* Check it the same way the network layer will use it. */
  probe = carta_network_session_new (proxy, &error);
  if (probe == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->proxy_row), "error");
      show_toast (self, error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->proxy_row), "error");
  g_settings_set_string (self->settings, "proxy-url", proxy);
  show_toast (self, *proxy ? _("All of Carta’s connections now go through this proxy")
                           : _("Carta now follows the system’s proxy settings"));
}

static void
refresh_feeds (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CartaPreferencesWindow *self = CARTA_PREFERENCES_WINDOW (widget);

  carta_feed_manager_refresh_all (self->manager);
}

/* ------------------------------------------------------------------------
 * Set-up
 */

static void
carta_preferences_window_dispose (GObject *object)
{
  CartaPreferencesWindow *self = CARTA_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (carta_preferences_window_parent_class)->dispose (object);
}

static void
carta_preferences_window_class_init (CartaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPreferencesWindow, feeds_list);
  gtk_widget_class_bind_template_child (widget_class, CartaPreferencesWindow, add_feed_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPreferencesWindow, proxy_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPreferencesWindow, profiles_group);
  gtk_widget_class_bind_template_child (widget_class, CartaPreferencesWindow, lists_group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_feed_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_proxy_apply);

  gtk_widget_class_install_action (widget_class, "prefs.refresh-feeds", NULL, refresh_feeds);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "prefs.refresh-feeds", NULL);
}

static void
carta_preferences_window_init (CartaPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_type_ensure (CARTA_TYPE_PROFILES_GROUP);
  g_type_ensure (CARTA_TYPE_IMPORT_LISTS_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; letter_languages[i] != NULL; i++)
    {
      if (*letter_languages[i] == '\0')
        gtk_string_list_append (names, _("Same as Carta’s language"));
      else
        gtk_string_list_append (names, carta_language_get_autonym (letter_languages[i]));
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
}

GtkWidget *
carta_preferences_window_new (GtkWindow        *parent,
                              GSettings        *settings,
                              CartaFeedManager *manager)
{
  CartaPreferencesWindow *self;
  g_autofree char *language = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *proxy = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (CARTA_IS_FEED_MANAGER (manager), NULL);

  self = g_object_new (CARTA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  self->manager = g_object_ref (manager);

  language = g_settings_get_string (settings, "default-letter-language");
  paper = g_settings_get_string (settings, "paper-size");
  proxy = g_settings_get_string (settings, "proxy-url");

  adw_combo_row_set_selected (self->language_row, index_in (letter_languages, language));
  adw_combo_row_set_selected (self->paper_row, index_in (paper_sizes, paper));
  gtk_editable_set_text (GTK_EDITABLE (self->proxy_row), proxy);

  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (on_language_selected), self);
  g_signal_connect_swapped (self->paper_row, "notify::selected", G_CALLBACK (on_paper_selected), self);

  gtk_list_box_bind_model (self->feeds_list, carta_feed_manager_get_sources (manager),
                           create_feed_row, self, NULL);
  gtk_list_box_set_placeholder (self->feeds_list,
                                g_object_new (GTK_TYPE_LABEL,
                                              "label", _("No feeds yet. Carta works with its own "
                                                         "catalog and the people you add."),
                                              "wrap", TRUE,
                                              "margin-top", 18, "margin-bottom", 18,
                                              "margin-start", 12, "margin-end", 12,
                                              "css-classes", (const char *[]) { "dim-label", NULL },
                                              NULL));

  return GTK_WIDGET (self);
}

void
carta_preferences_window_set_profiles (CartaPreferencesWindow *self,
                                       CartaProfileStore      *profiles)
{
  g_return_if_fail (CARTA_IS_PREFERENCES_WINDOW (self));

  carta_profiles_group_set_store (self->profiles_group, profiles);
}

void
carta_preferences_window_set_imports (CartaPreferencesWindow *self,
                                      CartaCatalog           *catalog,
                                      const char             *dir)
{
  g_return_if_fail (CARTA_IS_PREFERENCES_WINDOW (self));

  carta_import_lists_group_set_catalog (self->lists_group, catalog, dir);
}
