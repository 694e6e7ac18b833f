/* test-window.c: the real main window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens Carta's window with the bundled catalog, searches it, opens pages,
 * checks that every control can be named by assistive technologies, and
 * saves screenshots (build/tests/screenshots/) at desktop and phone widths
 * and right to left.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "carta-application-private.h"
#include "carta-campaign-page.h"
#include "carta-case-page.h"
#include "carta-window.h"

static CartaApplication *app;
static CartaWindow *window;

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_until_loaded (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (carta_application_get_loading (app) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_application_get_loading (app));
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Until the window has been drawn anew. */
static void
wait_for_frame (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gboolean painted = FALSE;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gulong id;

  wait_ms (200);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
}

static char *
screenshot_dir (void)
{
  char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  return dir;
}

/* The window as it is on screen, saved as PNG. */
static void
save_screenshot (const char *name)
{
  g_autofree char *dir = screenshot_dir ();
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width, height;

  wait_for_frame ();
  /* The window's contents: what it drew in its last frame. */
  paintable = gtk_widget_paintable_new (gtk_widget_get_first_child (GTK_WIDGET (window)));
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
resize (int width,
        int height)
{
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  wait_ms (400);
}

/* The first widget of a type under root, depth first. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A label on show under root that shows exactly text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  /* Hidden, or a stack's page not on show. */
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return NULL;
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
visible_page (void)
{
  GtkWidget *leaflet = find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET);

  g_assert_nonnull (leaflet);
  return adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet));
}

static guint
count_of (GType type)
{
  GListModel *results = carta_window_get_results (window);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        n++;
    }
  return n;
}

static void
test_catalog_listed (void)
{
  GListModel *results = carta_window_get_results (window);
  g_autoptr(CartaEntity) first = NULL;

  g_assert_cmpstr (carta_window_get_content (window), ==, "empty");

  /* The six bundled campaigns, then the one example person. */
  g_assert_cmpuint (count_of (CARTA_TYPE_CAMPAIGN), ==, 6);
  g_assert_cmpuint (count_of (CARTA_TYPE_CASE), ==, 1);
  first = g_list_model_get_item (results, 0);
  g_assert_true (CARTA_IS_CAMPAIGN (first));
  g_assert_cmpstr (carta_entity_get_uid (first), ==, "carta:political-prisoners");
  g_assert_nonnull (carta_catalog_lookup (carta_application_get_catalog (app), "carta:press-freedom"));

  resize (1400, 900);
  save_screenshot ("main-empty");
}

static void
test_search (void)
{
  GListModel *results = carta_window_get_results (window);

  carta_window_set_search (window, "political prisoners");
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 1);
  g_assert_cmpuint (count_of (CARTA_TYPE_CASE), ==, 0);

  /* Across scripts: the example person's Cyrillic name, typed in Latin. */
  carta_window_set_search (window, "primerova");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 1);
  g_assert_cmpuint (count_of (CARTA_TYPE_CASE), ==, 1);

  carta_window_set_search (window, "Примерова");
  g_assert_cmpuint (count_of (CARTA_TYPE_CASE), ==, 1);

  carta_window_set_search (window, "zzqxw nothing");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  save_screenshot ("search-no-results");

  carta_window_set_search (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 7);
}

static void
wait_for_count (guint expected)
{
  GListModel *results = carta_window_get_results (window);
  gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (results) != expected && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, expected);
}

static void
test_typing (void)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *status;

  g_assert_nonnull (entry);

  /* As typed: the entry reports the change itself, a moment later. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "banking");
  wait_for_count (1);
  g_assert_cmpuint (count_of (CARTA_TYPE_CAMPAIGN), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (entry), "xylophone");
  wait_for_count (0);
  status = GTK_WIDGET (find_label (GTK_WIDGET (window), "No Results"));
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));

  /* Escape outside the entry forgets the search. */
  gtk_widget_grab_focus (GTK_WIDGET (find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_VIEW)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL);
  wait_for_count (7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (gtk_widget_get_mapped (status));
}

static void
test_pages (void)
{
  CartaCampaign *campaign;
  CartaCase *person;

  g_assert_false (carta_window_show_entity (window, "carta:nobody"));

  g_assert_true (carta_window_show_entity (window, "carta:political-prisoners"));
  g_assert_cmpstr (carta_window_get_content (window), ==, "campaign");
  campaign = CARTA_CAMPAIGN (carta_catalog_lookup (carta_application_get_catalog (app), "carta:political-prisoners"));
  g_assert_nonnull (campaign);
  save_screenshot ("campaign");
  /* The page and the header show the campaign's own title. */
  {
    const char *title = carta_text_get_ui (carta_campaign_get_title (campaign));
    GtkLabel *on_page = find_label (GTK_WIDGET (window), title);

    g_assert_cmpstr (title, ==, "Write to political prisoners in Russia and Belarus");
    g_assert_nonnull (on_page);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (on_page)));
  }

  g_assert_true (carta_window_show_entity (window, "carta:example-person"));
  g_assert_cmpstr (carta_window_get_content (window), ==, "case");
  person = CARTA_CASE (carta_catalog_lookup (carta_application_get_catalog (app), "carta:example-person"));
  g_assert_true (carta_case_get_is_demo (person));
  save_screenshot ("case");
  /* Languages by name, in the user's language and in their own. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Russian (русский), Belarusian (беларуская)"));
}

static void
test_narrow (void)
{
  resize (360, 720);
  g_assert_true (carta_window_show_entity (window, "carta:political-prisoners"));
  wait_ms (400);
  save_screenshot ("narrow-campaign");

  /* Folded: the page covers the list until the user goes back. */
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET))));
  g_assert_nonnull (find_widget (visible_page (), CARTA_TYPE_CAMPAIGN_PAGE));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  wait_ms (400);
  g_assert_nonnull (find_widget (visible_page (), GTK_TYPE_LIST_VIEW));
  save_screenshot ("narrow-list");

  /* Escape goes back too. */
  g_assert_true (carta_window_show_entity (window, "carta:example-person"));
  wait_ms (300);
  g_assert_nonnull (find_widget (visible_page (), CARTA_TYPE_CASE_PAGE));
  save_screenshot ("narrow-case");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL);
  wait_ms (300);
  g_assert_nonnull (find_widget (visible_page (), GTK_TYPE_LIST_VIEW));

  resize (1400, 900);
}

/* A name for assistive technologies: a label property, a labelling relation,
 * or text inside the widget from which GTK computes one. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  if (GTK_IS_LABEL (widget))
    return *gtk_label_get_text (GTK_LABEL (widget)) != '\0';

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && has_accessible_name (child))
      return TRUE;

  return FALSE;
}

static void
check_names (GtkWidget *widget,
             GPtrArray *unnamed)
{
  if (!gtk_widget_get_visible (widget))
    return;

  /* The text inside an entry is named by its entry. */
  if (gtk_widget_get_focusable (widget) && !GTK_IS_TEXT (widget) && !has_accessible_name (widget))
    g_ptr_array_add (unnamed, (gpointer) G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_names (child, unnamed);
}

static void
test_accessible_names (void)
{
  g_autoptr(GPtrArray) unnamed = g_ptr_array_new ();

  g_assert_true (carta_window_show_entity (window, "carta:example-person"));
  wait_ms (200);
  check_names (GTK_WIDGET (window), unnamed);
  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (unnamed->len, ==, 0);
}

static void
test_keyboard (void)
{
  /* Ctrl+F focuses the search; typing filters. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  wait_ms (100);
  g_assert_true (gtk_widget_has_focus (gtk_window_get_focus (GTK_WINDOW (window))));
  g_assert_true (GTK_IS_TEXT (gtk_window_get_focus (GTK_WINDOW (window))));
}

static void
test_right_to_left (void)
{
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  wait_ms (300);
  g_assert_true (carta_window_show_entity (window, "carta:political-prisoners"));
  save_screenshot ("rtl-campaign");
  resize (360, 720);
  save_screenshot ("rtl-narrow");
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  resize (1400, 900);
}

/* Feed text that looks like markup, some of it malformed: shown as written.
 * Were any of it parsed, Pango would warn, and warnings are fatal here. */
static const char hostile_feed[] =
  "{\"carta_feed\": 1,"
  " \"source\": {\"title\": {\"en\": \"<b>Hostile</b> feed\"}},"
  " \"rulesets\": [{\"id\": \"rules\", \"title\": {\"en\": \"<i>Guidance & care\"},"
  "   \"summary\": {\"en\": \"<span foreground='red'>red</span\"},"
  "   \"rules\": [{\"id\": \"r\", \"category\": \"other\", \"patterns\": [\"x\"],"
  "     \"title\": {\"en\": \"<u>rule</u>\"}, \"explanation\": {\"en\": \"a < b & c\"}}]}],"
  " \"cases\": [{\"id\": \"p\", \"name\": \"<b>x</b>\", \"name_latin\": \"<i>Latin\","
  "   \"status\": \"imprisoned\", \"letter_languages\": [\"ru\"], \"ruleset\": \"rules\","
  "   \"story\": {\"en\": \"&amp; <story>\"}, \"interests\": [{\"en\": \"<tt>chess\"}],"
  "   \"facility\": {\"en\": \"<big>IK-0\"},"
  "   \"address\": {\"lines\": [\"<s>line</s>\"], \"country\": \"RUSSIA\"}}],"
  " \"campaigns\": [{\"id\": \"c\", \"title\": {\"en\": \"<b>Bold</b> & co\"},"
  "   \"summary\": {\"en\": \"<sub>summary\"}, \"description\": {\"en\": \"<markup/>\"},"
  "   \"cases\": [\"p\"], \"ruleset\": \"rules\"}]}";

static void
test_literal_text (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (hostile_feed, strlen (hostile_feed));
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = carta_feed_new_from_bytes (bytes, "hostile", &error);
  CartaCatalog *catalog = carta_application_get_catalog (app);
  const char *campaign_texts[] = { "<b>Bold</b> & co", "<sub>summary", "<markup/>", "<b>x</b>",
                                   "<u>rule</u>", "a < b & c", NULL };
  const char *case_texts[] = { "<b>x</b>", "<i>Latin", "&amp; <story>", "<i>Latin · Imprisoned",
                               "<tt>chess", "<big>IK-0\n\n<s>line</s>\nRUSSIA", NULL };

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  carta_catalog_add_feed (catalog, feed);

  /* Listed after the bundled ones, as written. */
  g_assert_cmpuint (g_list_model_get_n_items (carta_window_get_results (window)), ==, 9);
  wait_for_frame ();
  g_assert_nonnull (find_label (GTK_WIDGET (window), "<b>Bold</b> & co"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "<b>x</b>"));

  g_assert_true (carta_window_show_entity (window, "hostile:c"));
  wait_for_frame ();
  for (guint i = 0; campaign_texts[i] != NULL; i++)
    {
      g_test_message ("looking for %s", campaign_texts[i]);
      g_assert_nonnull (find_label (GTK_WIDGET (window), campaign_texts[i]));
    }
  /* A group title is markup to libadwaita: it must arrive escaped. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "<i>Guidance & care"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "<span foreground='red'>red</span"));
  save_screenshot ("literal-campaign");

  g_assert_true (carta_window_show_entity (window, "hostile:p"));
  wait_for_frame ();
  for (guint i = 0; case_texts[i] != NULL; i++)
    {
      g_test_message ("looking for %s", case_texts[i]);
      g_assert_nonnull (find_label (GTK_WIDGET (window), case_texts[i]));
    }

  g_assert_true (carta_catalog_remove_source (catalog, "hostile"));
  g_assert_cmpuint (g_list_model_get_n_items (carta_window_get_results (window)), ==, 7);
  /* The person's feed is gone, and so is their page. */
  g_assert_cmpstr (carta_window_get_content (window), ==, "empty");
  wait_for_frame ();
  g_assert_null (find_label (GTK_WIDGET (window), "<b>x</b>"));
}

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_reminders (void)
{
  g_autofree char *birthday = date_from_today (20);
  g_autofree char *deadline = date_from_today (30);
  g_autofree char *far = date_from_today (200);
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  CartaCatalog *catalog = carta_application_get_catalog (app);

  /* Nothing coming up in the bundled catalog. */
  wait_for_frame ();
  g_assert_cmpuint (carta_window_get_n_reminders (window), ==, 0);

  /* A birthday in twenty days (born in 1980 on that day), a deadline in
   * thirty, and one too far away to list. */
  json = g_strdup_printf ("{\"carta_feed\": 1, \"source\": {\"title\": {\"en\": \"Soon\"}},"
                          " \"cases\": [{\"id\": \"b\", \"name\": \"Соколова Вера\", \"status\": \"imprisoned\","
                          "   \"birth_date\": \"1980%s\", \"letter_languages\": [\"ru\"]}],"
                          " \"campaigns\": [{\"id\": \"d\", \"title\": {\"en\": \"Deadline soon\"},"
                          "   \"summary\": {\"en\": \"s\"}, \"deadline\": \"%s\"},"
                          "  {\"id\": \"far\", \"title\": {\"en\": \"Far away\"},"
                          "   \"summary\": {\"en\": \"s\"}, \"deadline\": \"%s\"}]}",
                          birthday + 4, deadline, far);
  bytes = g_bytes_new (json, strlen (json));
  feed = carta_feed_new_from_bytes (bytes, "soon", &error);
  g_assert_no_error (error);
  carta_catalog_add_feed (catalog, feed);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  carta_window_set_search (window, "");
  wait_for_frame ();
  g_assert_cmpuint (carta_window_get_n_reminders (window), ==, 2);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Birthday of Соколова Вера"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Deadline soon"));
  save_screenshot ("reminders");

  g_assert_true (carta_catalog_remove_source (catalog, "soon"));
  wait_for_frame ();
  g_assert_cmpuint (carta_window_get_n_reminders (window), ==, 0);
}

static void
test_about_and_shortcuts (void)
{
  g_auto(GStrv) accels = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwAboutWindow *about = NULL;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  g_autofree char *website = NULL;
  GtkLicense license;

  /* The standard shortcuts window, from the gtk/help-overlay.ui resource. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  wait_ms (200);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = ADW_ABOUT_WINDOW (toplevel);
    }
  g_assert_nonnull (about);
  g_object_get (about, "application-name", &name, "version", &version, "website", &website,
                "license-type", &license, NULL);
  g_assert_cmpstr (name, ==, "Carta");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (website, ==, "https://github.com/carta-app/carta");
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (about));
}

/* Closing the window stores its size for the next start. */
static void
test_remembers_size (void)
{
  GSettings *settings = carta_application_get_settings (app);
  gboolean stop = TRUE;

  resize (1000, 700);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  g_signal_emit_by_name (window, "close-request", &stop);
  g_assert_false (stop);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* A catalog that cannot be read says why, even on a phone, where the
 * list would otherwise hide the message. */
static void
test_load_error (void)
{
  const char *message = "$.cases[0].name: <b>bad</b> & broken";
  GtkLabel *label;

  resize (360, 720);
  carta_application_finish_loading (app, message);
  wait_ms (300);
  g_assert_cmpstr (carta_window_get_content (window), ==, "error");
  label = find_label (GTK_WIDGET (window), message);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (find_label (GTK_WIDGET (window),
                                                                "The Catalog Could Not Be Read"))));
  save_screenshot ("narrow-error");
}

static void
disable_animations (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* A home of its own: the user's drafts, people and lists are not read. */
  {
    g_autofree char *home = g_dir_make_tmp ("carta-window-XXXXXX", NULL);
    g_autofree char *data = g_build_filename (home, "data", NULL);
    g_autofree char *config = g_build_filename (home, "config", NULL);
    g_autofree char *cache = g_build_filename (home, "cache", NULL);

    g_assert_nonnull (home);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

  /* English, whatever the machine's locale: the assertions name English titles. */
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_test_init (&argc, &argv, NULL);

  app = carta_application_new ();
  /* Screenshots of settled pages, not of transitions. */
  g_signal_connect (app, "startup", G_CALLBACK (disable_animations), NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = CARTA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!gtk_widget_get_mapped (GTK_WIDGET (window)) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  }
  wait_until_loaded ();
  wait_ms (300);

  g_test_add_func ("/window/catalog-listed", test_catalog_listed);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/typing", test_typing);
  g_test_add_func ("/window/pages", test_pages);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/accessible-names", test_accessible_names);
  g_test_add_func ("/window/keyboard", test_keyboard);
  g_test_add_func ("/window/right-to-left", test_right_to_left);
  g_test_add_func ("/window/literal-text", test_literal_text);
  g_test_add_func ("/window/reminders", test_reminders);
  g_test_add_func ("/window/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/window/remembers-size", test_remembers_size);
  /* Last: it leaves the window in its error state. */
  g_test_add_func ("/window/load-error", test_load_error);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
