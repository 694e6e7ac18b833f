/* test-i18n.c: the main window and the composer in another language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run with a language ("ru", "he") as its first argument: Carta starts in
 * that language, the main window, a person's page and every step of the
 * composer are searched for English left untranslated, a Hebrew interface
 * is checked to be mirrored while the Russian letter in it stays left to
 * right, and screenshots are saved as i18n-LANG-*.png.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "carta-application-private.h"
#include "carta-composer-private.h"
#include "carta-window.h"
#include "ui-test-util.h"

static CartaApplication *app;
static const char *lang;

/* Text that is data, the same in every language: the app's name, the
 * example person's Latin name, her address's country line, and names. */
static const char * const not_english[] = {
  "Carta",
  "Example Person (not a real person)",
  "EXAMPLE ONLY",
  /* Organizations' names, written as they write them. */
  "OVD-Info",
  "Viasna",
  NULL
};

/* Whether @text still has an English word: three Latin letters in a row,
 * not all capitals, once the data above is taken out. */
static gboolean
has_english (const char *text)
{
  g_autoptr(GString) rest = g_string_new (text);
  guint run = 0;
  gboolean lower = FALSE;

  for (guint i = 0; not_english[i] != NULL; i++)
    g_string_replace (rest, not_english[i], "", 0);

  /* Acronyms in capitals (OSCE, LGBTQ) are names in every language. */
  for (const char *p = rest->str; *p; p++)
    {
      if (!g_ascii_isalpha (*p))
        {
          run = 0;
          lower = FALSE;
          continue;
        }
      run++;
      lower |= g_ascii_islower (*p);
      if (run >= 3 && lower)
        return TRUE;
    }
  return FALSE;
}

static void
collect_english (GtkWidget *widget,
                 GPtrArray *found)
{
  const char *texts[3] = { NULL, NULL, NULL };

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  /* What the writer types is theirs; the letter is in its own language. */
  if (GTK_IS_TEXT_VIEW (widget) || GTK_IS_EDITABLE (widget))
    return;

  if (GTK_IS_LABEL (widget))
    texts[0] = gtk_label_get_text (GTK_LABEL (widget));
  else if (ADW_IS_WINDOW_TITLE (widget))
    {
      texts[0] = adw_window_title_get_title (ADW_WINDOW_TITLE (widget));
      texts[1] = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget));
    }
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    texts[2] = gtk_widget_get_tooltip_text (widget);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && has_english (texts[i]))
      g_ptr_array_add (found, g_strdup (texts[i]));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_english (child, found);
}

static void
assert_no_english (GtkWidget  *root,
                   const char *where)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  collect_english (root, found);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("%s: English left: “%s”", where, (char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

static char *
shot (const char *name)
{
  return g_strdup_printf ("i18n-%s-%s", lang, name);
}

static CartaWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CARTA_IS_WINDOW (l->data))
      return l->data;
  g_assert_not_reached ();
}

static void
test_main_window (void)
{
  CartaWindow *window = main_window ();
  g_autofree char *empty = shot ("main");
  g_autofree char *person = shot ("person");

  ui_test_resize (GTK_WINDOW (window), 1200, 800);
  assert_no_english (GTK_WIDGET (window), "main window");
  ui_test_save_screenshot (GTK_WINDOW (window), empty);

  g_assert_true (carta_window_show_entity (window, "carta:example-person"));
  ui_test_wait_ms (200);
  assert_no_english (GTK_WIDGET (window), "person page");
  ui_test_save_screenshot (GTK_WINDOW (window), person);
}

static void
test_composer (void)
{
  CartaEntity *person = carta_catalog_lookup (carta_application_get_catalog (app), "carta:example-person");
  CartaComposer *composer = carta_composer_new (app, CARTA_CASE (person), NULL, 0);
  CartaLetter *letter = carta_composer_get_letter (composer);
  static const char * const steps[] = { "kind", "language", "sender", "write", "preview" };
  g_autoptr(CartaProfile) profile = carta_profile_new ();

  gtk_window_present (GTK_WINDOW (composer));
  ui_test_resize (GTK_WINDOW (composer), 1200, 800);

  /* A sender, so that every step can be reached. */
  carta_profile_set_name (profile, "Мария");
  carta_profile_set_city (profile, "Вильнюс");
  carta_profile_store_add (carta_application_get_profiles (app), profile);
  carta_letter_set_profile_id (letter, carta_profile_get_id (profile));

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *name = shot (steps[i]);

      g_assert_cmpstr (carta_composer_get_step (composer), ==, steps[i]);
      if (g_str_equal (steps[i], "write"))
        carta_composer_analyze_now (composer);
      assert_no_english (GTK_WIDGET (composer), steps[i]);
      ui_test_save_screenshot (GTK_WINDOW (composer), name);

      if (g_str_equal (steps[i], "write"))
        {
          /* The interface mirrors in Hebrew; the Russian letter does not. */
          g_assert_cmpstr (carta_letter_get_language (letter), ==, "ru");
          g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (carta_composer_get_editor (composer))), ==,
                           GTK_TEXT_DIR_LTR);
          g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (composer)), ==,
                           g_str_equal (lang, "he") ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
          ui_test_resize (GTK_WINDOW (composer), 360, 720);
          g_free (name);
          name = shot ("write-narrow");
          ui_test_save_screenshot (GTK_WINDOW (composer), name);
          ui_test_resize (GTK_WINDOW (composer), 1200, 800);
        }
      gtk_widget_activate_action (GTK_WIDGET (composer), "composer.next", NULL);
      ui_test_wait_ms (100);
    }
  gtk_window_destroy (GTK_WINDOW (composer));
}

/* The letter written above is listed on a new window's first page, with
 * Save All as PDF beside the list. */
static void
test_drafts (void)
{
  CartaWindow *window = carta_window_new (app);
  g_autofree char *name = shot ("drafts");
  CartaDraftsGroup *group = carta_window_get_drafts_group (window);

  gtk_window_present (GTK_WINDOW (window));
  ui_test_resize (GTK_WINDOW (window), 1200, 800);
  ui_test_wait_ms (200);
  g_assert_cmpstr (carta_window_get_content (window), ==, "empty");
  g_assert_cmpuint (carta_drafts_group_get_n_drafts (group), ==, 1);
  assert_no_english (GTK_WIDGET (window), "drafts");
  ui_test_save_screenshot (GTK_WINDOW (window), name);
  gtk_window_destroy (GTK_WINDOW (window));
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
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  gint64 deadline;
  int status;

  g_assert_cmpint (argc, >=, 2);
  lang = argv[1];

  home = g_dir_make_tmp ("carta-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  /* The language without its locale installed: C.UTF-8 with LANGUAGE. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", lang, TRUE);
  g_setenv ("GTK_A11Y", "test", FALSE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CARTA_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  app = carta_application_new ();
  g_signal_connect (app, "startup", G_CALLBACK (disable_animations), NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (carta_application_get_loading (app) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_application_get_loading (app));
  ui_test_wait_ms (300);

  g_test_add_func ("/i18n/main-window", test_main_window);
  g_test_add_func ("/i18n/composer", test_composer);
  g_test_add_func ("/i18n/drafts", test_drafts);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
