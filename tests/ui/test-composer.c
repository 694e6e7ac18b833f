/* test-composer.c: writing a letter in the real composer under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Goes through every step of the composer for the bundled example person
 * — which letter, its language, a new sender profile, the writing with
 * guidance, undo and the translation beside it, the preview — saving a
 * screenshot of each (build/tests/screenshots/composer-*.png, at desktop
 * and phone widths), then reopens the letter from its draft.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "carta-application-private.h"
#include "carta-composer-private.h"
#include "carta-preferences-window.h"
#include "carta-profiles-group.h"
#include "carta-window.h"
#include "ui-test-util.h"

static CartaApplication *app;
static CartaComposer *composer;
static char *home;

static void
next_step (const char *expected)
{
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.next", NULL);
  ui_test_wait_ms (200);
  g_assert_cmpstr (carta_composer_get_step (composer), ==, expected);
}

static char *
editor_text (void)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (carta_composer_get_editor (composer));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
assert_all_named (void)
{
  g_autoptr(GPtrArray) unnamed = ui_test_unnamed_controls (GTK_WIDGET (composer));

  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (unnamed->len, ==, 0);
}

static void
test_kind (void)
{
  CartaEntity *person = carta_catalog_lookup (carta_application_get_catalog (app), "carta:example-person");

  g_assert_true (CARTA_IS_CASE (person));
  composer = carta_composer_new (app, CARTA_CASE (person), NULL, 0);
  gtk_window_present (GTK_WINDOW (composer));
  ui_test_resize (GTK_WINDOW (composer), 1200, 800);

  g_assert_cmpstr (carta_composer_get_step (composer), ==, "kind");
  /* A solidarity letter to her, and the appeal to an official. */
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (composer), "A warm letter to the prisoner"));
  assert_all_named ();
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-1-kind");
}

/* From the campaign's page: a letter to the prisoner follows the prison's
 * guidance, an appeal to an official the campaign's. */
static void
test_rulesets (void)
{
  CartaEntity *campaign = carta_catalog_lookup (carta_application_get_catalog (app), "carta:political-prisoners");
  g_autoptr(GPtrArray) options = carta_letter_options_for (NULL, CARTA_CAMPAIGN (campaign));
  gboolean saw_letter = FALSE;
  gboolean saw_appeal = FALSE;

  for (guint i = 0; i < options->len; i++)
    {
      CartaLetterOption *option = g_ptr_array_index (options, i);
      CartaComposer *other = carta_composer_new (app, NULL, CARTA_CAMPAIGN (campaign), i);
      CartaRuleset *ruleset = carta_composer_get_ruleset (other);
      gboolean to_prisoner = carta_template_get_addressee_role (option->template) == CARTA_ADDRESSEE_PRISONER;

      g_assert_nonnull (ruleset);
      g_assert_cmpstr (carta_entity_get_id (CARTA_ENTITY (ruleset)), ==, to_prisoner ? "by-prison" : "officials");
      saw_appeal |= !to_prisoner;
      saw_letter |= to_prisoner;
      gtk_window_destroy (GTK_WINDOW (other));
    }
  g_assert_true (saw_appeal);
  g_assert_true (saw_letter);
}

static void
choose_kind (const char *title)
{
  GtkWidget *row = ui_test_find_row (GTK_WIDGET (composer), title);

  g_assert_nonnull (row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), TRUE);
}

static void
test_language (void)
{
  CartaDraftStore *drafts = carta_application_get_drafts (app);
  CartaLetter *letter;

  /* Past the first step the letter is a draft; another choice of letter
   * before anything is written leaves no empty draft behind. */
  next_step ("language");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drafts)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.back", NULL);
  choose_kind ("A short postcard");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drafts)), ==, 0);
  choose_kind ("A warm letter to the prisoner");
  next_step ("language");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (drafts)), ==, 1);
  letter = carta_composer_get_letter (composer);
  /* Her prison takes Russian and Belarusian: Russian first. */
  g_assert_cmpstr (carta_letter_get_language (letter), ==, "ru");
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (composer), "Russian"));
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (composer), "Belarusian"));
  /* Her name as the letter uses it, from the feed, to correct if need be. */
  {
    GtkWidget *given = ui_test_find_row (GTK_WIDGET (composer), "Their Given Name (and Patronymic)");

    g_assert_nonnull (given);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (given)), ==, "Анна Сергеевна");
  }
  assert_all_named ();
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-2-language");
}

static void
test_sender (void)
{
  CartaLetter *letter = carta_composer_get_letter (composer);
  GtkWidget *name_row;
  GtkWidget *country_row;
  GtkWidget *add;

  next_step ("sender");
  g_assert_null (carta_letter_get_profile_id (letter));
  /* No profile yet: Next waits for one. */
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.next", NULL);
  g_assert_cmpstr (carta_composer_get_step (composer), ==, "sender");

  name_row = ui_test_find_row (GTK_WIDGET (composer), "Name to Sign With");
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Мария");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_find_row (GTK_WIDGET (composer), "City (optional)")), "Вильнюс");
  country_row = ui_test_find_row (GTK_WIDGET (composer), "Country You Live In");
  g_assert_nonnull (country_row);
  /* Someone living in Russia is warned. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (country_row), 1);
  ui_test_wait_ms (50);
  g_assert_true (gtk_widget_get_visible (carta_composer_get_risk_note (composer)));
  assert_all_named ();
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-3-sender");

  add = ui_test_find_button (GTK_WIDGET (composer), "_Add Profile");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  ui_test_wait_ms (100);

  g_assert_nonnull (carta_letter_get_profile_id (letter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (carta_application_get_profiles (app))), ==, 1);
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (composer), "Мария"));
}

static void
test_write (void)
{
  CartaLetter *letter = carta_composer_get_letter (composer);
  GtkTextView *editor = carta_composer_get_editor (composer);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (editor);
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  GtkTextIter end;
  guint issues_before;

  next_step ("write");
  text = editor_text ();
  /* The template, filled in: her name in the dative, the signature. */
  g_assert_nonnull (strstr (text, "Анна Сергеевна"));
  /* The optional paragraph on her interests is on, as the template says;
   * the one inviting a reply is off. */
  g_assert_nonnull (strstr (text, "настольные игры"));
  g_assert_true (g_strv_contains (carta_letter_get_enabled_paragraphs (letter), "interests"));
  g_assert_false (g_strv_contains (carta_letter_get_enabled_paragraphs (letter), "reply"));
  g_assert_null (strchr (text, '{'));
  g_assert_cmpstr (carta_letter_get_body (letter), ==, text);

  /* The optional paragraphs come and go with their check buttons. */
  {
    GtkWidget *reply = NULL;
    g_autofree char *with_reply = NULL;
    g_autofree char *without = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (carta_composer_get_paragraphs_box (composer)));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "paragraph"), "reply") == 0)
        reply = child;
    g_assert_nonnull (reply);
    g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (reply)));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (reply), TRUE);
    with_reply = editor_text ();
    g_assert_cmpuint (strlen (with_reply), >, strlen (text));
    g_assert_true (g_strv_contains (carta_letter_get_enabled_paragraphs (letter), "reply"));
    /* Before the wishes, where the template has it. */
    g_assert_true (strstr (with_reply, "Желаю") > strstr (with_reply, "конверт"));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (reply), FALSE);
    without = editor_text ();
    g_assert_cmpstr (without, ==, text);
  }

  carta_composer_analyze_now (composer);
  g_assert_nonnull (strstr (gtk_label_get_text (carta_composer_get_meter_label (composer)), "page"));
  issues_before = n_children (GTK_WIDGET (carta_composer_get_issues_list (composer)));
  /* Each paragraph beside it in English. */
  g_assert_cmpuint (n_children (GTK_WIDGET (carta_composer_get_translation_box (composer))), >=, 3);

  /* A word the censor withholds letters for, typed at the end. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert (buffer, &end, "\n\nКогда кончится война?", -1);
  gtk_text_buffer_end_user_action (buffer);
  ui_test_wait_ms (50);
  carta_composer_analyze_now (composer);
  g_assert_cmpuint (n_children (GTK_WIDGET (carta_composer_get_issues_list (composer))), >, issues_before);
  after = editor_text ();
  g_assert_cmpstr (carta_letter_get_body (letter), ==, after);

  gtk_widget_set_size_request (GTK_WIDGET (composer), -1, -1);
  assert_all_named ();
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-4-write");

  /* Undo takes it back; redo brings it again. */
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.undo", NULL);
  undone = editor_text ();
  g_assert_null (strstr (undone, "война"));
  g_assert_cmpstr (carta_letter_get_body (letter), ==, undone);
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.redo", NULL);
  g_free (undone);
  undone = editor_text ();
  g_assert_nonnull (strstr (undone, "война"));

  /* A misspelt word is underlined, and the context menu offers the
   * dictionary's suggestions; choosing one replaces it. */
  {
    GMenuModel *menu = carta_composer_get_spell_menu (composer);
    g_autofree char *fixed = NULL;
    g_autofree char *label = NULL;
    GtkTextIter inside;
    const char *start;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "\n\nБольшой превет!", -1);
    carta_composer_analyze_now (composer);
    g_free (after);
    after = editor_text ();
    start = strstr (after, "превет");
    g_assert_nonnull (start);
    gtk_text_buffer_get_iter_at_offset (buffer, &inside, g_utf8_pointer_to_offset (after, start) + 2);
    gtk_text_buffer_place_cursor (buffer, &inside);
    g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);
    g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
    g_assert_cmpstr (label, !=, "превет");
    gtk_widget_activate_action (GTK_WIDGET (composer), "composer.replace-word", "s", "привет");
    fixed = editor_text ();
    g_assert_nonnull (strstr (fixed, "Большой привет!"));
    g_assert_null (strstr (fixed, "превет"));
    gtk_widget_activate_action (GTK_WIDGET (composer), "composer.undo", NULL);
    gtk_widget_activate_action (GTK_WIDGET (composer), "composer.undo", NULL);
  }

  /* Right to left, the window mirrors; the Russian letter does not. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  ui_test_wait_ms (100);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (composer)), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (editor)), ==, GTK_TEXT_DIR_LTR);
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-4-write-rtl");
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);

  /* On a phone the guidance folds away beside the text. */
  ui_test_resize (GTK_WINDOW (composer), 360, 720);
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-4-write-narrow");
  ui_test_resize (GTK_WINDOW (composer), 1200, 800);
}

static void
test_preview (void)
{
  next_step ("preview");
  g_assert_cmpuint (n_children (GTK_WIDGET (carta_composer_get_pages_box (composer))), >=, 1);
  assert_all_named ();
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-5-preview");
  ui_test_resize (GTK_WINDOW (composer), 360, 720);
  ui_test_save_screenshot (GTK_WINDOW (composer), "composer-5-preview-narrow");
  ui_test_resize (GTK_WINDOW (composer), 1200, 800);

  /* Back a step: nothing lost. */
  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.back", NULL);
  g_assert_cmpstr (carta_composer_get_step (composer), ==, "write");
  {
    g_autofree char *text = editor_text ();
    g_assert_nonnull (strstr (text, "война"));
  }
  next_step ("preview");
}

static void
on_flushed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (carta_draft_store_flush_finish (CARTA_DRAFT_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (carta_draft_store_load_finish (CARTA_DRAFT_STORE (source), result, &error));
  *done = TRUE;
}

static void
test_draft (void)
{
  CartaDraftStore *drafts = carta_application_get_drafts (app);
  g_autoptr(CartaLetter) letter = g_object_ref (carta_composer_get_letter (composer));
  g_autoptr(CartaDraftStore) reread = NULL;
  CartaLetter *copy;
  CartaComposer *reopened;
  gboolean done = FALSE;

  g_assert_true (carta_draft_store_lookup (drafts, carta_letter_get_id (letter)) == letter);
  carta_draft_store_flush_async (drafts, NULL, on_flushed, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  /* On disk, as another run of Carta would read it. */
  reread = carta_draft_store_new (carta_draft_store_get_directory (drafts));
  done = FALSE;
  carta_draft_store_load_async (reread, NULL, on_loaded, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  copy = carta_draft_store_lookup (reread, carta_letter_get_id (letter));
  g_assert_nonnull (copy);
  g_assert_cmpstr (carta_letter_get_body (copy), ==, carta_letter_get_body (letter));
  g_assert_cmpstr (carta_letter_get_step (copy), ==, "preview");
  g_assert_cmpstr (carta_letter_get_language (copy), ==, "ru");

  /* Reopened where it was left. */
  gtk_window_destroy (GTK_WINDOW (composer));
  composer = NULL;
  reopened = carta_composer_new_for_letter (app, letter);
  gtk_window_present (GTK_WINDOW (reopened));
  g_assert_cmpstr (carta_composer_get_step (reopened), ==, "preview");
  gtk_widget_activate_action (GTK_WIDGET (reopened), "composer.back", NULL);
  g_assert_cmpstr (carta_composer_get_step (reopened), ==, "write");
  composer = reopened;
  {
    g_autofree char *text = editor_text ();
    g_assert_cmpstr (text, ==, carta_letter_get_body (letter));
  }
  gtk_window_destroy (GTK_WINDOW (composer));
  composer = NULL;
}

static CartaWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CARTA_IS_WINDOW (l->data))
      return l->data;
  g_assert_not_reached ();
}

/* The draft store writes and removes files in a worker thread. */
static void
wait_until_saved (CartaDraftStore *drafts)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (carta_draft_store_get_busy (drafts) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_draft_store_get_busy (drafts));
}

static void
test_drafts_list (void)
{
  CartaWindow *window = main_window ();
  CartaDraftsGroup *group = carta_window_get_drafts_group (window);
  CartaDraftStore *drafts = carta_application_get_drafts (app);
  g_autofree char *path = NULL;
  g_autoptr(CartaLetter) letter = g_list_model_get_item (G_LIST_MODEL (drafts), 0);

  g_assert_nonnull (letter);
  path = g_strconcat (carta_draft_store_get_directory (drafts), G_DIR_SEPARATOR_S,
                      carta_letter_get_id (letter), ".json", NULL);

  /* The letter begun above is on the first page. */
  gtk_window_present (GTK_WINDOW (window));
  ui_test_resize (GTK_WINDOW (window), 1200, 800);
  g_assert_cmpuint (carta_drafts_group_get_n_drafts (group), ==, 1);
  g_assert_cmpstr (carta_window_get_content (window), ==, "empty");
  ui_test_save_screenshot (GTK_WINDOW (window), "composer-6-drafts");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (window), "A warm letter to the prisoner"));
  ui_test_save_screenshot (GTK_WINDOW (window), "composer-6-drafts");

  /* Deleted: gone from the disk, until Undo brings it back. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  carta_drafts_group_delete (group, 0);
  g_assert_cmpuint (carta_drafts_group_get_n_drafts (group), ==, 0);
  wait_until_saved (drafts);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (window), "_Undo"));
  ui_test_save_screenshot (GTK_WINDOW (window), "composer-6-drafts-deleted");
  carta_drafts_group_undo (group);
  g_assert_cmpuint (carta_drafts_group_get_n_drafts (group), ==, 1);
  wait_until_saved (drafts);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Save All as PDF: every written letter in one PDF, to print together. */
static void
test_save_all (void)
{
  CartaWindow *window = main_window ();
  CartaDraftsGroup *group = carta_window_get_drafts_group (window);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "Letters.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  GtkWidget *button;
  gint64 deadline;

  gtk_window_present (GTK_WINDOW (window));
  ui_test_resize (GTK_WINDOW (window), 1200, 800);
  button = ui_test_find_button (GTK_WIDGET (window), "_Save All as PDF…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  ui_test_save_screenshot (GTK_WINDOW (window), "composer-7-save-all");
  /* The narrowest the page beside the list gets. */
  ui_test_resize (GTK_WINDOW (window), 720, 800);
  ui_test_save_screenshot (GTK_WINDOW (window), "composer-7-save-all-720");

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  carta_drafts_group_save_all_to (group, file);
  g_assert_true (carta_drafts_group_get_saving (group));
  /* One save at a time. */
  g_assert_false (gtk_widget_get_sensitive (button));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (carta_drafts_group_get_saving (group) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_drafts_group_get_saving (group));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  /* The letter written above, as on paper. */
  {
    const char *argv[] = { pdftotext, path, "-", NULL };
    g_autoptr(GError) error = NULL;
    int status;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    CartaDraftStore *drafts = carta_application_get_drafts (app);
    g_autoptr(CartaLetter) letter = g_list_model_get_item (G_LIST_MODEL (drafts), 0);
    g_autofree char *first_line = g_strdup (carta_letter_get_body (letter));
    char *end = strchr (first_line, '\n');

    if (end != NULL)
      *end = '\0';
    g_assert_cmpstr (first_line, !=, "");
    g_assert_nonnull (strstr (text, first_line));
  }
}

static void
test_profiles_in_preferences (void)
{
  CartaProfileStore *profiles = carta_application_get_profiles (app);
  g_autoptr(CartaProfile) profile = g_list_model_get_item (G_LIST_MODEL (profiles), 0);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "carta", "profiles.json", NULL);
  g_autofree char *saved = NULL;
  GtkWindow *preferences = NULL;
  GtkWidget *group;
  GtkWidget *city;

  g_assert_nonnull (profile);
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ui_test_wait_ms (200);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
        if (CARTA_IS_PREFERENCES_WINDOW (toplevel))
          preferences = GTK_WINDOW (toplevel);
      }
  }
  g_assert_nonnull (preferences);

  group = ui_test_find_widget (GTK_WIDGET (preferences), CARTA_TYPE_PROFILES_GROUP);
  g_assert_nonnull (group);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_PAGE)));
  ui_test_wait_ms (100);
  g_assert_nonnull (ui_test_find_row (group, "Мария"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ui_test_find_row (group, "Мария")), TRUE);
  ui_test_wait_ms (100);

  /* An edit is saved a moment later. */
  city = ui_test_find_row (group, "City (optional)");
  g_assert_nonnull (city);
  gtk_editable_set_text (GTK_EDITABLE (city), "Рига");
  g_assert_cmpstr (carta_profile_get_city (profile), ==, "Рига");
  ui_test_wait_ms (900);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "Рига"));
  ui_test_save_screenshot (preferences, "composer-7-profiles");

  /* Deleted (after the confirmation the button asks for): gone from disk. */
  carta_profiles_group_remove (CARTA_PROFILES_GROUP (group), profile);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (profiles)), ==, 0);
  ui_test_wait_ms (300);
  g_free (saved);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, "Мария"));
  gtk_window_destroy (preferences);
}

static void
disable_animations (void)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
wait_until_ready (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (carta_application_get_loading (app) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (carta_application_get_loading (app));
  ui_test_wait_ms (300);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  int status;

  /* A home of its own: drafts and profiles are written there. */
  home = g_dir_make_tmp ("carta-composer-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_test_init (&argc, &argv, NULL);

  app = carta_application_new ();
  g_signal_connect (app, "startup", G_CALLBACK (disable_animations), NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  wait_until_ready ();

  g_test_add_func ("/composer/kind", test_kind);
  g_test_add_func ("/composer/rulesets", test_rulesets);
  g_test_add_func ("/composer/language", test_language);
  g_test_add_func ("/composer/sender", test_sender);
  g_test_add_func ("/composer/write", test_write);
  g_test_add_func ("/composer/preview", test_preview);
  g_test_add_func ("/composer/draft", test_draft);
  g_test_add_func ("/composer/drafts-list", test_drafts_list);
  g_test_add_func ("/composer/save-all", test_save_all);
  g_test_add_func ("/composer/profiles-in-preferences", test_profiles_in_preferences);

  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  return status;
}
