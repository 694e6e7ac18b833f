/* carta-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "carta-application-private.h"
#include "carta-import-sources.h"
#include "carta-preferences-window.h"
#include "carta-sent-window.h"
#include "carta-window.h"

struct _CartaApplication
{
  AdwApplication    parent_instance;

  GSettings        *settings;
  CartaCatalog     *catalog;
  CartaFeedManager *feeds;
  CartaDraftStore  *drafts;
  CartaProfileStore *profiles;
  CartaHistory     *history;
  CartaOutbox      *outbox;
  /* Imported lists and the people the user added. */
  CartaImportSources *user_sources;
  /* Problems found before a window could show them. */
  GPtrArray        *pending_reports;
  /* The one session feeds and letters go out through; NULL while the
   * proxy setting cannot be used. */
  SoupSession      *session;
  GCancellable     *cancellable;
  gboolean          loading;
  char             *load_error;
  /* The proxy setting is unusable: no request may go out until it is fixed. */
  gboolean          proxy_broken;
};

G_DEFINE_FINAL_TYPE (CartaApplication, carta_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_LOAD_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CartaApplication *
carta_application_new (void)
{
  return g_object_new (CARTA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/* ------------------------------------------------------------------------
 * The catalog: read in a worker thread, never on the main loop.
 */

static void
load_bundled_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  CartaFeed *feed = carta_feed_new_bundled (&error);

  if (feed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, feed, g_object_unref);
}

static void
sync_feed_urls (CartaApplication *self)
{
  g_auto(GStrv) urls = g_settings_get_strv (self->settings, "feed-urls");

  if (self->loading)
    return;
  carta_feed_manager_set_urls (self->feeds, self->proxy_broken ? NULL : (const char * const *) urls);
}

static void
sync_proxy (CartaApplication *self)
{
  g_autofree char *proxy = g_settings_get_string (self->settings, "proxy-url");
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;

  /* A proxy that cannot be used stops every request rather than letting
   * them go out directly: the user asked for their traffic to be hidden.
   * Letters then wait in the outbox. */
  session = carta_network_session_new (proxy, &error);
  self->proxy_broken = session == NULL;
  if (self->proxy_broken)
    {
      g_message ("Nothing is fetched or sent until the proxy setting is fixed: %s", error->message);
      g_clear_object (&self->session);
    }
  else
    {
      g_set_object (&self->session, session);
      carta_feed_manager_set_session (self->feeds, session);
    }
  if (self->outbox != NULL)
    carta_outbox_set_session (self->outbox, self->session);
  sync_feed_urls (self);
}

static void
on_bundled_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (feed != NULL)
    carta_catalog_add_feed (self->catalog, feed);
  carta_application_finish_loading (self, error ? error->message : NULL);

  /* Feeds come after the bundled catalog; only those the user listed. */
  sync_proxy (self);
}

void
carta_application_finish_loading (CartaApplication *self,
                                  const char       *error)
{
  g_return_if_fail (CARTA_IS_APPLICATION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->load_error, error) != 0)
    {
      g_free (self->load_error);
      self->load_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_ERROR]);
    }
  if (self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------------
 * Drafts and sender profiles: read in worker threads at start.
 */

static void
on_drafts_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!carta_draft_store_load_finish (CARTA_DRAFT_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the drafts: %s", error->message);
}

static void
on_profiles_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!carta_profile_store_load_finish (CARTA_PROFILE_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the sender profiles: %s", error->message);
}

static void
on_outbox_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!carta_outbox_load_finish (CARTA_OUTBOX (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the letters waiting to be sent: %s", error->message);
}

static void
on_history_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  guint skipped = 0;

  if (!carta_history_load_finish (CARTA_HISTORY (source), result, &skipped, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not read the history of sent letters: %s", error->message);
    }

  /* After the history: a letter already recorded there is not sent again. */
  carta_outbox_load_async (self->outbox, self->cancellable, on_outbox_loaded, NULL);
}

/* The outbox exists from the start, so that a letter can be queued at
 * once; it sends nothing before sync_proxy gives it the session. It must
 * be made with a session, and is told at once that there is none yet. */
static void
make_outbox (CartaApplication *self)
{
  g_autoptr(SoupSession) unused = carta_network_session_new (NULL, NULL);

  self->outbox = carta_outbox_new (unused, NULL, self->history, NULL);
  carta_outbox_set_session (self->outbox, NULL);
}

static void
load_letters (CartaApplication *self)
{
  g_autofree char *drafts_dir = g_build_filename (g_get_user_data_dir (), "carta", "drafts", NULL);

  self->drafts = carta_draft_store_new (drafts_dir);
  carta_draft_store_load_async (self->drafts, self->cancellable, on_drafts_loaded, NULL);

  self->profiles = carta_profile_store_new (NULL);
  carta_profile_store_load_async (self->profiles, self->cancellable, on_profiles_loaded, NULL);

  self->history = carta_history_new (NULL);
  carta_history_load_async (self->history, self->cancellable, on_history_loaded, g_object_ref (self));

  make_outbox (self);
}

static void
on_drafts_flushed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!carta_draft_store_flush_finish (CARTA_DRAFT_STORE (source), result, &error))
    g_warning ("Could not save the drafts: %s", error->message);
  *done = TRUE;
}

/* ------------------------------------------------------------------------
 * Problems the user should know about, such as a damaged file.
 */

void
carta_application_report (CartaApplication *self,
                          const char       *title,
                          const char       *details)
{
  g_return_if_fail (CARTA_IS_APPLICATION (self));

  /* The main window, even when Preferences or a dialog has the focus. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CARTA_IS_WINDOW (l->data))
      {
        carta_window_report (CARTA_WINDOW (l->data), title, details);
        return;
      }

  /* Shown once the window is there. */
  g_ptr_array_add (self->pending_reports, g_strdup (title));
  g_ptr_array_add (self->pending_reports, g_strdup (details));
}

static void
carta_application_startup (GApplication *app)
{
  CartaApplication *self = CARTA_APPLICATION (app);
  g_autoptr(GTask) task = NULL;

  G_APPLICATION_CLASS (carta_application_parent_class)->startup (app);

  g_set_application_name (_("Carta"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new ("io.github.carta.Carta");
  self->catalog = carta_catalog_new ();
  self->feeds = carta_feed_manager_new (self->catalog, NULL);
  g_signal_connect_swapped (self->settings, "changed::feed-urls", G_CALLBACK (sync_feed_urls), self);
  g_signal_connect_swapped (self->settings, "changed::proxy-url", G_CALLBACK (sync_proxy), self);

  load_letters (self);

  /* Imported lists and added people: read in worker threads too. */
  self->user_sources = carta_import_sources_new (self->catalog, NULL, NULL);
  g_signal_connect_swapped (self->user_sources, "problem", G_CALLBACK (carta_application_report), self);
  carta_import_sources_load (self->user_sources, self->cancellable);

  self->loading = TRUE;
  task = g_task_new (self, self->cancellable, on_bundled_loaded, g_object_ref (self));
  g_task_set_source_tag (task, carta_application_startup);
  g_task_run_in_thread (task, load_bundled_in_thread);
}

static void
carta_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (carta_window_new (CARTA_APPLICATION (app)));

  gtk_window_present (window);

  {
    CartaApplication *self = CARTA_APPLICATION (app);

    for (guint i = 0; i + 1 < self->pending_reports->len; i += 2)
      carta_window_report (CARTA_WINDOW (window), g_ptr_array_index (self->pending_reports, i),
                           g_ptr_array_index (self->pending_reports, i + 1));
    g_ptr_array_set_size (self->pending_reports, 0);
  }
}

static void
carta_application_shutdown (GApplication *app)
{
  CartaApplication *self = CARTA_APPLICATION (app);

  /* The last keystrokes reach the disk before Carta goes. */
  if (self->drafts != NULL && carta_draft_store_get_busy (self->drafts))
    {
      gboolean done = FALSE;

      carta_draft_store_flush_async (self->drafts, NULL, on_drafts_flushed, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  /* And the people just added, edited or deleted. */
  while (self->user_sources != NULL && carta_import_sources_get_busy (self->user_sources))
    g_main_context_iteration (NULL, TRUE);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (carta_application_parent_class)->shutdown (app);
}

/* ------------------------------------------------------------------------
 * Actions
 */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autolist(GtkWindow) windows = NULL;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));

  /* Closing, not just stopping, lets each window remember its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_application_quit (G_APPLICATION (app));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Carta developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Carta"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Carta developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/carta-app/carta",
                         "issue-url", "https://github.com/carta-app/carta/issues",
                         "comments", _("Write letters for political prisoners: warm letters to the "
                                       "prisoners themselves, and appeals to the people who can help them."),
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CartaApplication *self = CARTA_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences = carta_preferences_window_new (parent, self->settings, self->feeds);

  carta_preferences_window_set_profiles (CARTA_PREFERENCES_WINDOW (preferences), self->profiles);
  carta_preferences_window_set_imports (CARTA_PREFERENCES_WINDOW (preferences), self->catalog,
                                        carta_import_sources_get_imports_dir (self->user_sources));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
sent_letters_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  CartaApplication *self = CARTA_APPLICATION (user_data);

  /* One window of sent letters, brought to the front when asked again. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CARTA_IS_SENT_WINDOW (l->data))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }

  gtk_window_present (GTK_WINDOW (carta_sent_window_new (self)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "sent-letters", sent_letters_activated },
};

static void
carta_application_constructed (GObject *object)
{
  CartaApplication *self = CARTA_APPLICATION (object);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *add_person_accels[] = { "<Control>n", NULL };
  static const char *import_accels[] = { "<Control>i", NULL };
  static const char *sent_accels[] = { "<Control>h", NULL };

  G_OBJECT_CLASS (carta_application_parent_class)->constructed (object);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.add-person", add_person_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import-list", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sent-letters", sent_accels);
}

static void
carta_application_dispose (GObject *object)
{
  CartaApplication *self = CARTA_APPLICATION (object);

  g_clear_object (&self->feeds);
  g_clear_object (&self->drafts);
  g_clear_object (&self->profiles);
  g_clear_object (&self->outbox);
  g_clear_object (&self->session);
  g_clear_object (&self->history);
  if (self->user_sources != NULL)
    g_signal_handlers_disconnect_by_data (self->user_sources, self);
  g_clear_object (&self->user_sources);
  g_clear_object (&self->catalog);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carta_application_parent_class)->dispose (object);
}

static void
carta_application_finalize (GObject *object)
{
  g_free (CARTA_APPLICATION (object)->load_error);
  g_clear_pointer (&CARTA_APPLICATION (object)->pending_reports, g_ptr_array_unref);

  G_OBJECT_CLASS (carta_application_parent_class)->finalize (object);
}

static void
carta_application_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CartaApplication *self = CARTA_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LOAD_ERROR:
      g_value_set_string (value, self->load_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_application_class_init (CartaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = carta_application_constructed;
  object_class->dispose = carta_application_dispose;
  object_class->finalize = carta_application_finalize;
  object_class->get_property = carta_application_get_property;
  app_class->startup = carta_application_startup;
  app_class->activate = carta_application_activate;
  app_class->shutdown = carta_application_shutdown;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOAD_ERROR] =
    g_param_spec_string ("load-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carta_application_init (CartaApplication *self)
{
  self->cancellable = g_cancellable_new ();
  self->pending_reports = g_ptr_array_new_with_free_func (g_free);
}

CartaCatalog *
carta_application_get_catalog (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->catalog;
}

CartaFeedManager *
carta_application_get_feeds (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->feeds;
}

GSettings *
carta_application_get_settings (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->settings;
}

gboolean
carta_application_get_loading (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), FALSE);
  return self->loading;
}

const char *
carta_application_get_load_error (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->load_error;
}

CartaDraftStore *
carta_application_get_drafts (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->drafts;
}

CartaProfileStore *
carta_application_get_profiles (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->profiles;
}

CartaHistory *
carta_application_get_history (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->history;
}

CartaPaper
carta_application_get_paper (CartaApplication *self)
{
  g_autofree char *setting = NULL;
  CartaPaper paper;

  g_return_val_if_fail (CARTA_IS_APPLICATION (self), CARTA_PAPER_A4);

  setting = g_settings_get_string (self->settings, "paper-size");
  if (!carta_paper_from_string (setting, &paper))
#ifdef LC_PAPER
    paper = carta_paper_for_locale (setlocale (LC_PAPER, NULL));
#else
    paper = carta_paper_for_locale (setlocale (LC_ALL, NULL));
#endif
  return paper;
}

CartaOutbox *
carta_application_get_outbox (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->outbox;
}

CartaPeople *
carta_application_get_people (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return carta_import_sources_get_people (self->user_sources);
}

void
carta_application_save_people (CartaApplication *self)
{
  g_return_if_fail (CARTA_IS_APPLICATION (self));
  carta_import_sources_save_people (self->user_sources);
}

const char *
carta_application_get_imports_dir (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return carta_import_sources_get_imports_dir (self->user_sources);
}

SoupSession *
carta_application_get_session (CartaApplication *self)
{
  g_return_val_if_fail (CARTA_IS_APPLICATION (self), NULL);
  return self->session;
}
