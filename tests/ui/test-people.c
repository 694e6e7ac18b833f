/* test-people.c: people added by hand and lists imported, in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts Carta with a damaged list of people and a damaged kept import
 * (set aside and reported), adds a person through the editor, edits and
 * deletes them (and undoes it), imports a Viasna list with a malformed row,
 * imports a newer copy, and removes the list from Preferences. Screenshots
 * of the editor and the report go to build/tests/screenshots/.
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "carta-application-private.h"
#include "carta-case-page.h"
#include "carta-import-lists-group.h"
#include "carta-import-report.h"
#include "carta-person-editor.h"
#include "carta-window.h"
#include "ui-test-util.h"

#define TIMEOUT_S 20

static CartaApplication *app;
static CartaWindow *window;
static char *data_dir;
/* The person the tests add, by uid. */
static char *person_uid;

static const char person_name[] = "Соколова <b>Вера</b> & Ко";

/* Runs the main loop until @check says so, or fails after a while. */
#define wait_until(check)                                                      \
  G_STMT_START {                                                               \
    gint64 deadline_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;   \
    while (!(check) && g_get_monotonic_time () < deadline_)                    \
      g_main_context_iteration (NULL, FALSE);                                  \
    g_assert_true (check);                                                     \
  } G_STMT_END

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

/* A label on show under @root that reads exactly @text. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
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

/* A label on show under @root whose text starts with @prefix. */
static GtkLabel *
find_label_prefix (GtkWidget  *root,
                   const char *prefix)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return NULL;
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_prefix (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static CartaCatalog *
catalog (void)
{
  return carta_application_get_catalog (app);
}

static guint
count_cases_from (const char *source_id)
{
  GListModel *cases = carta_catalog_get_cases (catalog ());
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CartaEntity) item = g_list_model_get_item (cases, i);

      n += g_strcmp0 (carta_entity_get_source_id (item), source_id) == 0;
    }
  return n;
}

static CartaCase *
find_case_named (const char *name)
{
  GListModel *cases = carta_catalog_get_cases (catalog ());

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(CartaCase) item = g_list_model_get_item (cases, i);

      if (g_strcmp0 (carta_case_get_name (item), name) == 0)
        return item;
    }
  return NULL;
}

static gboolean
in_results (const char *uid)
{
  GListModel *results = carta_window_get_results (window);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CartaEntity) item = g_list_model_get_item (results, i);

      if (g_strcmp0 (carta_entity_get_uid (item), uid) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
people_file (void)
{
  return g_build_filename (data_dir, "carta", "people.json", NULL);
}

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

static void
check_names (GtkWidget *root)
{
  g_autoptr(GPtrArray) unnamed = ui_test_unnamed_controls (root);

  for (guint i = 0; i < unnamed->len; i++)
    g_test_message ("no accessible name: %s", (char *) g_ptr_array_index (unnamed, i));
  g_assert_cmpuint (unnamed->len, ==, 0);
}

static CartaCasePage *
case_page (void)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), CARTA_TYPE_CASE_PAGE);

  g_assert_nonnull (page);
  return CARTA_CASE_PAGE (page);
}

/* Closes the toast on show, if any. */
static void
dismiss_toasts (void)
{
  GtkWidget *overlay = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *close;

  for (guint i = 0; i < 10; i++)
    {
      close = NULL;
      for (GtkWidget *child = gtk_widget_get_first_child (overlay); child; child = gtk_widget_get_next_sibling (child))
        if (!ADW_IS_LEAFLET (child) && gtk_widget_get_visible (child))
          {
            /* The toast's last button closes it. */
            for (GtkWidget *w = gtk_widget_get_last_child (child); w != NULL && close == NULL;
                 w = gtk_widget_get_prev_sibling (w))
              if (GTK_IS_BUTTON (w))
                close = w;
          }
      if (close == NULL)
        return;
      g_signal_emit_by_name (close, "clicked");
      ui_test_wait_ms (300);
    }
}

/* ------------------------------------------------------------------------
 * At start
 */

static const char damaged_people[] = "{\"carta_people\": 1, \"people\": [";
static const char damaged_import[] = "{\"carta_import\": 1, \"source_id\": \"import-viasna\", \"people\": 5}";

static void
prepare_home (void)
{
  g_autofree char *people = people_file ();
  g_autofree char *imports = g_build_filename (data_dir, "carta", "imports", NULL);
  g_autofree char *broken = g_build_filename (imports, "import-viasna.json", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "prisoners-ovdinfo.json", NULL);
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(CartaImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept_path = g_build_filename (imports, "import-ovdinfo.json", NULL);
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (imports, 0700), ==, 0);
  g_assert_true (g_file_set_contents (people, damaged_people, -1, NULL));
  g_assert_true (g_file_set_contents (broken, damaged_import, -1, NULL));

  /* A list kept from an earlier run. */
  g_assert_true (g_file_get_contents (fixture, &json, &len, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&json), len);
  result = carta_import_ovdinfo_json (bytes, NULL, &error);
  g_assert_no_error (error);
  kept = carta_import_result_serialize (result);
  g_assert_true (g_file_set_contents (kept_path, g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), NULL));
}

static void
test_start (void)
{
  g_autofree char *people = people_file ();
  g_autofree char *people_aside = g_strconcat (people, ".damaged", NULL);
  g_autofree char *import_aside = g_build_filename (data_dir, "carta", "imports", "import-viasna.json.damaged", NULL);
  g_autofree char *contents = NULL;
  AdwMessageDialog *details;

  /* The kept list is back; the damaged files are set aside as they were. */
  wait_until (count_cases_from (CARTA_IMPORT_SOURCE_OVDINFO) == 2);
  g_assert_nonnull (find_case_named ("Вымышленный Олег Игоревич"));
  wait_until (g_file_test (people_aside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (people, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (people_aside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, damaged_people);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (import_aside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, damaged_import);

  /* And the user is told, with the details a click away. */
  ui_test_wait_for_frame (GTK_WINDOW (window));
  wait_until (find_label (GTK_WIDGET (window), "The people you added could not be read") != NULL ||
              find_label (GTK_WIDGET (window), "An imported list could not be read") != NULL);
  ui_test_save_screenshot (GTK_WINDOW (window), "people-damaged-at-start");

  click (ui_test_find_button (GTK_WIDGET (window), "_Details"));
  wait_until (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  details = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (details), ".damaged"));
  ui_test_save_screenshot (GTK_WINDOW (details), "people-damaged-details");
  gtk_window_destroy (GTK_WINDOW (details));

  dismiss_toasts ();
  g_assert_null (find_label (GTK_WIDGET (window), "The people you added could not be read"));
  g_assert_null (find_label (GTK_WIDGET (window), "An imported list could not be read"));
}

/* ------------------------------------------------------------------------
 * People added by hand
 */

static CartaPersonEditor *
open_editor (const char *action,
             GtkWidget  *on)
{
  gtk_widget_activate_action (on, action, NULL);
  wait_until (find_toplevel (CARTA_TYPE_PERSON_EDITOR) != NULL);
  return CARTA_PERSON_EDITOR (find_toplevel (CARTA_TYPE_PERSON_EDITOR));
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  GtkWidget *row = ui_test_find_row (root, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static GtkCheckButton *
language_check (GtkWidget  *editor,
                const char *language)
{
  GtkWidget *row = ui_test_find_row (editor, language);

  g_assert_nonnull (row);
  return GTK_CHECK_BUTTON (ui_test_find_widget (row, GTK_TYPE_CHECK_BUTTON));
}

static void
set_address (GtkWidget  *editor,
             const char *text)
{
  GtkWidget *view = ui_test_find_widget (editor, GTK_TYPE_TEXT_VIEW);

  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static void
test_add (void)
{
  CartaPersonEditor *editor;
  GtkWidget *root;
  GtkWidget *save;
  g_autofree char *path = people_file ();
  CartaCase *person;

  /* From the button on the first page. */
  click (ui_test_find_button (GTK_WIDGET (window), "_Add a Person…"));
  wait_until (find_toplevel (CARTA_TYPE_PERSON_EDITOR) != NULL);
  editor = CARTA_PERSON_EDITOR (find_toplevel (CARTA_TYPE_PERSON_EDITOR));
  root = GTK_WIDGET (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  save = ui_test_find_button (root, "_Save");
  g_assert_nonnull (save);

  /* Nothing to save without a name; Russian by default. */
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_check_button_get_active (language_check (root, "Russian")));
  g_assert_false (gtk_check_button_get_active (language_check (root, "Belarusian")));

  set_row_text (root, "Full name", person_name);
  g_assert_true (gtk_widget_is_sensitive (save));

  /* A year of birth that is not one. */
  set_row_text (root, "Year of birth (optional)", "19x0");
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_widget_has_css_class (ui_test_find_row (root, "Year of birth (optional)"), "error"));
  set_row_text (root, "Year of birth (optional)", "1980");
  g_assert_true (gtk_widget_is_sensitive (save));
  set_row_text (root, "Name in Latin letters (optional)", "Vera Sokolova");

  /* Belarus: letters in Russian and Belarusian. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_test_find_row (root, "Held in")), 1);
  g_assert_true (gtk_check_button_get_active (language_check (root, "Russian")));
  g_assert_true (gtk_check_button_get_active (language_check (root, "Belarusian")));

  /* The address is checked as it is typed... */
  set_address (root, "Minsk, Volodarskogo street 2");
  g_assert_nonnull (find_label (root, "The address has no six-digit postcode."));
  g_assert_nonnull (ui_test_find_row (root, "Volodarskogo street 2"));
  /* ...and split into the envelope's lines. */
  set_address (root, "220030, г. Минск, ул. Володарского, 2, СИЗО-1");
  g_assert_null (find_label (root, "The address has no six-digit postcode."));
  g_assert_nonnull (ui_test_find_row (root, "220030"));
  g_assert_nonnull (ui_test_find_row (root, "ул. Володарского, 2"));
  g_assert_nonnull (ui_test_find_row (root, "СИЗО-1"));

  /* What the store refuses is said in the editor, which stays open. */
  {
    g_autofree char *long_name = g_strnfill (1100, 'x');

    set_row_text (root, "Full name", long_name);
    click (save);
    g_assert_true (find_toplevel (CARTA_TYPE_PERSON_EDITOR) == GTK_WINDOW (editor));
    g_assert_nonnull (find_label (root, "The name is too long."));
    set_row_text (root, "Full name", person_name);
    g_assert_null (find_label (root, "The name is too long."));
  }

  check_names (root);
  ui_test_resize (GTK_WINDOW (editor), 560, 1100);
  ui_test_save_screenshot (GTK_WINDOW (editor), "person-editor");
  {
    GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (ui_test_find_widget (root, GTK_TYPE_SCROLLED_WINDOW)));

    gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
    ui_test_save_screenshot (GTK_WINDOW (editor), "person-editor-end");
    gtk_adjustment_set_value (scroll, 0);
  }
  ui_test_resize (GTK_WINDOW (editor), 360, 720);
  ui_test_save_screenshot (GTK_WINDOW (editor), "person-editor-narrow");

  click (save);
  wait_until (find_toplevel (CARTA_TYPE_PERSON_EDITOR) == NULL);

  /* In the catalog, in the list, and on show, with the name as typed. */
  wait_until (find_case_named (person_name) != NULL);
  person = find_case_named (person_name);
  person_uid = g_strdup (carta_entity_get_uid (CARTA_ENTITY (person)));
  g_assert_true (g_str_has_prefix (person_uid, "user:person-"));
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 1980);
  g_assert_cmpstr (carta_case_get_country (person), ==, "BY");
  g_assert_true (g_strv_contains (carta_case_get_letter_languages (person), "be"));
  g_assert_true (carta_case_get_can_receive_letters (person));
  g_assert_true (in_results (person_uid));
  wait_until (g_strcmp0 (carta_window_get_content (window), "case") == 0);
  g_assert_true (carta_case_page_get_case (case_page ()) == person);
  ui_test_wait_for_frame (GTK_WINDOW (window));
  g_assert_nonnull (find_label (GTK_WIDGET (window), person_name));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Vera Sokolova"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "220030\nг. Минск\nул. Володарского, 2\nСИЗО-1\nREPUBLIC OF BELARUS"));
  /* Letters can be written to them. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Letters You Can Write"));
  ui_test_save_screenshot (GTK_WINDOW (window), "person-added");

  /* Kept, in a worker thread. */
  wait_until (file_contains (path, "Вера"));
}

static void
test_edit (void)
{
  CartaPersonEditor *editor;
  GtkWidget *root;
  CartaCase *person;

  g_assert_true (carta_window_show_entity (window, person_uid));
  editor = open_editor ("page.edit-person", GTK_WIDGET (case_page ()));
  root = GTK_WIDGET (editor);

  /* The form holds what was saved. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_row (root, "Full name"))), ==, person_name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_row (root, "Year of birth (optional)"))), ==, "1980");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ui_test_find_row (root, "Held in"))), ==, 1);
  g_assert_true (gtk_check_button_get_active (language_check (root, "Belarusian")));
  g_assert_nonnull (ui_test_find_row (root, "220030"));
  g_assert_nonnull (find_label (root, person_name));

  /* Released since. */
  set_row_text (root, "Year of birth (optional)", "1981");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_test_find_row (root, "Currently")), 2);
  gtk_widget_activate_action (root, "editor.save", NULL);
  wait_until (find_toplevel (CARTA_TYPE_PERSON_EDITOR) == NULL);

  /* The same person, updated, on the page already open. */
  wait_until ((person = CARTA_CASE (carta_catalog_lookup (catalog (), person_uid))) != NULL &&
              carta_case_get_status (person) == CARTA_CASE_STATUS_RELEASED);
  g_assert_cmpuint (carta_case_get_birth_year (person), ==, 1981);
  g_assert_cmpuint (count_cases_from (CARTA_PEOPLE_SOURCE_ID), ==, 1);
  wait_until (carta_case_page_get_case (case_page ()) == person);
  ui_test_wait_for_frame (GTK_WINDOW (window));

  /* Marked, and no longer written to. */
  g_assert_false (carta_case_get_can_receive_letters (person));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Released. Letters to the prison would not reach them."));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Last Known Address"));
  g_assert_null (find_label (GTK_WIDGET (window), "Letters You Can Write"));
  /* The row in the list says so too. */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Released"));
  ui_test_save_screenshot (GTK_WINDOW (window), "person-released");
}

static void
test_delete_and_undo (void)
{
  g_autofree char *path = people_file ();

  g_assert_true (carta_window_show_entity (window, person_uid));
  gtk_widget_activate_action (GTK_WIDGET (case_page ()), "page.delete-person", NULL);

  /* Gone at once, from the catalog, the list and the file. */
  wait_until (carta_catalog_lookup (catalog (), person_uid) == NULL);
  g_assert_false (in_results (person_uid));
  g_assert_cmpstr (carta_window_get_content (window), ==, "empty");
  wait_until (!file_contains (path, "Вера"));

  /* The toast shows the name as written, and takes it back. */
  ui_test_wait_for_frame (GTK_WINDOW (window));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Соколова <b>Вера</b> & Ко was deleted"));
  ui_test_save_screenshot (GTK_WINDOW (window), "person-deleted");
  click (ui_test_find_button (GTK_WIDGET (window), "_Undo"));

  /* Back under the same uid, so that letters still point at them. */
  wait_until (carta_catalog_lookup (catalog (), person_uid) != NULL);
  g_assert_true (in_results (person_uid));
  wait_until (file_contains (path, "Вера"));
  wait_until (g_strcmp0 (carta_window_get_content (window), "case") == 0);
  dismiss_toasts ();
}

/* ------------------------------------------------------------------------
 * Lists imported from files
 */

static CartaImportReport *
import_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CartaImportReport *report = carta_import_report_run (window, app, file);

  wait_until (g_strcmp0 (carta_import_report_get_state (report), "working") != 0);
  ui_test_wait_for_frame (GTK_WINDOW (report));
  return report;
}

static CartaImportReport *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  return import_file (path);
}

static void
test_import (void)
{
  CartaImportReport *report = import_fixture ("prisoners.csv");
  g_autofree char *kept = g_build_filename (data_dir, "carta", "imports", "import-viasna.json", NULL);
  CartaCase *released;

  g_assert_cmpstr (carta_import_report_get_state (report), ==, "done");
  g_assert_nonnull (find_label (GTK_WIDGET (report), "4 People Imported"));

  /* The malformed row, by its line, left out; a bad date, imported without it. */
  g_assert_nonnull (find_label (GTK_WIDGET (report), "2 Rows Need Attention"));
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "Line 6 has 4 columns"));
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "Line 9: the birthday"));
  g_assert_nonnull (find_label (GTK_WIDGET (report), "Left out"));
  g_assert_nonnull (find_label (GTK_WIDGET (report), "Imported without this value"));
  check_names (GTK_WIDGET (report));
  ui_test_resize (GTK_WINDOW (report), 560, 640);
  ui_test_save_screenshot (GTK_WINDOW (report), "import-report");
  ui_test_resize (GTK_WINDOW (report), 360, 640);
  ui_test_save_screenshot (GTK_WINDOW (report), "import-report-narrow");
  gtk_window_destroy (GTK_WINDOW (report));

  /* The others are in the catalog, the list of people, and kept. */
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_VIASNA), ==, 4);
  g_assert_true (in_results ("import-viasna:viasna-201"));
  g_assert_nonnull (find_case_named ("Придуманная <b>Мария</b> & Ко"));
  g_assert_null (find_case_named ("Строка без столбцов"));
  released = find_case_named ("Освобождённый Пётр");
  g_assert_nonnull (released);
  g_assert_false (carta_case_get_can_receive_letters (released));
  wait_until (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_true (file_contains (kept, "Выдуманный Кирилл"));

  /* A name with markup characters, shown as written. */
  carta_window_set_search (window, "Придуманная");
  ui_test_wait_for_frame (GTK_WINDOW (window));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Придуманная <b>Мария</b> & Ко"));
  carta_window_set_search (window, "");
}

static void
test_reimport (void)
{
  CartaImportReport *report = import_fixture ("prisoners-v2.csv");
  CartaCase *person;

  g_assert_cmpstr (carta_import_report_get_state (report), ==, "done");
  g_assert_nonnull (find_label (GTK_WIDGET (report), "6 People Imported"));
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "2 new people, 4 updated."));
  ui_test_save_screenshot (GTK_WINDOW (report), "import-report-again");
  gtk_window_destroy (GTK_WINDOW (report));

  /* Updated, never twice. */
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_VIASNA), ==, 6);
  person = CARTA_CASE (carta_catalog_lookup (catalog (), "import-viasna:viasna-202"));
  g_assert_nonnull (person);
  g_assert_cmpint (carta_case_get_status (person), ==, CARTA_CASE_STATUS_RELEASED);
  g_assert_nonnull (carta_catalog_lookup (catalog (), "import-viasna:viasna-206"));
  /* Other sources stay as they were. */
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_OVDINFO), ==, 2);
  g_assert_cmpuint (count_cases_from (CARTA_PEOPLE_SOURCE_ID), ==, 1);
}

static void
test_import_errors (void)
{
  g_autofree char *dir = g_build_filename (data_dir, "..", "files", NULL);
  g_autofree char *latin1 = g_build_filename (dir, "cp1251.csv", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  const char cp1251[] = "id,name,status,prison\n1,\xCF\xE5\xF2\xF0\xEE\xE2,active,\xC8\xCA-1\n";
  CartaImportReport *report;
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* Another encoding: said once, plainly, and nothing changes. */
  g_assert_true (g_file_set_contents (latin1, cp1251, sizeof cp1251 - 1, NULL));
  report = import_file (latin1);
  g_assert_cmpstr (carta_import_report_get_state (report), ==, "failed");
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "“cp1251.csv” is not UTF-8 text."));
  ui_test_save_screenshot (GTK_WINDOW (report), "import-not-utf8");
  gtk_window_destroy (GTK_WINDOW (report));
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_VIASNA), ==, 6);

  /* Too large: refused before it is read (a sparse file costs nothing). */
  fd = g_open (huge, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, CARTA_IMPORT_MAX_SIZE + 1), ==, 0);
  g_close (fd, NULL);
  report = import_file (huge);
  g_assert_cmpstr (carta_import_report_get_state (report), ==, "failed");
  /* (GLib puts a no-break space before the unit.) */
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "“huge.csv” is larger than 64.0\u00a0MiB, the most Carta imports."));
  gtk_window_destroy (GTK_WINDOW (report));

  /* Not one good row: reported, and the list kept before stays. */
  {
    g_autofree char *broken = g_build_filename (dir, "broken.csv", NULL);

    g_assert_true (g_file_set_contents (broken, "id,name,status,prison\n1,,active,\n", -1, NULL));
    report = import_file (broken);
    g_assert_cmpstr (carta_import_report_get_state (report), ==, "done");
    g_assert_nonnull (find_label (GTK_WIDGET (report), "No One Was Imported"));
    g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "Line 2 has no name"));
    gtk_window_destroy (GTK_WINDOW (report));
    g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_VIASNA), ==, 6);
  }

  report = import_file (missing);
  g_assert_cmpstr (carta_import_report_get_state (report), ==, "failed");
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "“missing.csv” could not be read:"));
  gtk_window_destroy (GTK_WINDOW (report));
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_VIASNA), ==, 6);
}

static gboolean
chooser_has_file (GtkFileChooser *chooser,
                  GFile          *file)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

  return chosen != NULL && g_file_equal (chosen, file);
}

/* The menu's way: a file chooser limited to lists, then the report. */
static void
test_file_chooser (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "prisoners-ovdinfo.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkFileChooser *chooser;
  g_autoptr(GListModel) filters = NULL;
  GtkFileFilter *filter;
  CartaImportReport *report;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-list", NULL);
  wait_until (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL);
  chooser = GTK_FILE_CHOOSER (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  filters = gtk_file_chooser_get_filters (chooser);
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  filter = gtk_file_chooser_get_filter (chooser);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "Lists of prisoners (CSV, JSON)");

  /* The chooser selects the file once it has read its folder. */
  g_assert_true (gtk_file_chooser_set_file (chooser, file, NULL));
  wait_until (chooser_has_file (chooser, file));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  wait_until (find_toplevel (CARTA_TYPE_IMPORT_REPORT) != NULL);
  report = CARTA_IMPORT_REPORT (find_toplevel (CARTA_TYPE_IMPORT_REPORT));
  wait_until (g_strcmp0 (carta_import_report_get_state (report), "done") == 0);
  g_assert_nonnull (find_label (GTK_WIDGET (report), "2 People Imported"));
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (report), "2 updated."));
  gtk_window_destroy (GTK_WINDOW (report));
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_OVDINFO), ==, 2);
}

static AdwPreferencesPage *
find_page (GtkWidget  *root,
           const char *title)
{
  if (ADW_IS_PREFERENCES_PAGE (root) &&
      g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (root)), title) == 0)
    return ADW_PREFERENCES_PAGE (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesPage *found = find_page (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_remove_list (void)
{
  g_autofree char *kept = g_build_filename (data_dir, "carta", "imports", "import-viasna.json", NULL);
  GtkWindow *preferences;
  GtkWidget *row;
  AdwMessageDialog *confirm;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  wait_until (find_toplevel (ADW_TYPE_PREFERENCES_WINDOW) != NULL);
  preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           find_page (GTK_WIDGET (preferences), "Feeds"));
  ui_test_resize (preferences, 640, 1000);
  ui_test_wait_for_frame (preferences);

  /* Each kept list with its number of people. */
  row = ui_test_find_row (GTK_WIDGET (preferences), "Viasna’s list of political prisoners in Belarus");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "6 people");
  g_assert_nonnull (ui_test_find_row (GTK_WIDGET (preferences), "OVD-Info’s list of political prisoners in Russia"));
  check_names (GTK_WIDGET (preferences));
  ui_test_save_screenshot (preferences, "preferences-lists");

  /* Removing asks first... */
  click (ui_test_find_widget (row, GTK_TYPE_BUTTON));
  wait_until (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "The 6 people imported"));
  adw_message_dialog_response (confirm, "cancel");
  ui_test_wait_ms (200);
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_VIASNA), ==, 6);

  click (ui_test_find_widget (row, GTK_TYPE_BUTTON));
  wait_until (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (confirm, "remove");

  /* ...then the file and the people go; the other list stays. */
  wait_until (count_cases_from (CARTA_IMPORT_SOURCE_VIASNA) == 0);
  g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_cases_from (CARTA_IMPORT_SOURCE_OVDINFO), ==, 2);
  wait_until (ui_test_find_row (GTK_WIDGET (preferences), "Viasna’s list of political prisoners in Belarus") == NULL);
  gtk_window_destroy (preferences);
}

/* A button labelled @label under @root, on show or not. */
static GtkWidget *
find_any_button (GtkWidget  *root,
                 const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_menu (void)
{
  GtkWidget *button = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_auto(GStrv) add_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.add-person");
  g_auto(GStrv) import_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.import-list");
  gboolean has_add = FALSE, has_import = FALSE;

  /* Both in the primary menu, with their shortcuts. */
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          has_add |= g_strcmp0 (action, "win.add-person") == 0;
          has_import |= g_strcmp0 (action, "win.import-list") == 0;
        }
    }
  g_assert_true (has_add);
  g_assert_true (has_import);
  g_assert_true (g_strv_contains ((const char * const *) add_accels, "<Control>n"));
  g_assert_true (g_strv_contains ((const char * const *) import_accels, "<Control>i"));

  /* The first page's buttons fit on a phone. */
  {
    GtkWidget *add = find_any_button (GTK_WIDGET (window), "_Add a Person…");
    GtkWidget *page = add;
    int minimum;

    g_assert_nonnull (add);
    while (!ADW_IS_STATUS_PAGE (page))
      page = gtk_widget_get_parent (page);
    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 360);
  }

  /* A person's page on a phone. */
  ui_test_resize (GTK_WINDOW (window), 360, 720);
  g_assert_true (carta_window_show_entity (window, person_uid));
  ui_test_save_screenshot (GTK_WINDOW (window), "person-narrow");
  ui_test_resize (GTK_WINDOW (window), 1400, 900);
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
  g_autofree char *config = NULL;
  int status;

  /* A home of its own: people and lists are written there. */
  home = g_dir_make_tmp ("carta-people-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_test_init (&argc, &argv, NULL);

  prepare_home ();

  app = carta_application_new ();
  g_signal_connect (app, "startup", G_CALLBACK (disable_animations), NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = CARTA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)));
  wait_until (!carta_application_get_loading (app));
  ui_test_resize (GTK_WINDOW (window), 1400, 900);

  g_test_add_func ("/people/start", test_start);
  g_test_add_func ("/people/add", test_add);
  g_test_add_func ("/people/edit", test_edit);
  g_test_add_func ("/people/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/people/import", test_import);
  g_test_add_func ("/people/reimport", test_reimport);
  g_test_add_func ("/people/import-errors", test_import_errors);
  g_test_add_func ("/people/file-chooser", test_file_chooser);
  g_test_add_func ("/people/remove-list", test_remove_list);
  g_test_add_func ("/people/menu", test_menu);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  g_free (person_uid);
  g_free (data_dir);
  return status;
}
