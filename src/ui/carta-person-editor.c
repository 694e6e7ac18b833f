/* carta-person-editor.c: adding, editing and deleting people by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The address is pasted as one block and split into envelope lines as it
 * is typed, with the splitter's warnings beside it. People are kept by the
 * application's CartaPeople, written in a worker thread; the catalog
 * follows the store, so the window shows a saved person once their feed
 * is rebuilt.
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "carta-detail.h"
#include "carta-person-editor.h"

/* How long to wait for a saved person to reach the catalog. */
#define SHOW_TIMEOUT_S 10

/* The countries the editor names; the last entry is any other. */
static const char * const country_codes[] = { "RU", "BY", NULL };
#define OTHER_COUNTRY 2

/* The situations in the order of the combo row. */
static const CartaCaseStatus statuses[] = {
  CARTA_CASE_STATUS_IMPRISONED,
  CARTA_CASE_STATUS_DETAINED,
  CARTA_CASE_STATUS_RELEASED,
  CARTA_CASE_STATUS_DECEASED,
};

struct _CartaPersonEditor
{
  AdwWindow            parent_instance;

  CartaWindow         *window;
  CartaApplication    *application;
  /* The person as it was, so that what the editor does not show is kept;
   * its id is NULL for a new person. */
  CartaPerson         *person;

  AdwWindowTitle      *window_title;
  GtkScrolledWindow   *scroller;
  GtkLabel            *error_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *latin_row;
  AdwEntryRow         *year_row;
  AdwComboRow         *country_row;
  AdwComboRow         *status_row;
  GtkTextView         *address_view;
  AdwPreferencesGroup *lines_group;
  AdwPreferencesGroup *warnings_group;
  GtkCheckButton      *ru_check;
  GtkCheckButton      *be_check;
  GtkCheckButton      *uk_check;
  GtkCheckButton      *en_check;
};

G_DEFINE_FINAL_TYPE (CartaPersonEditor, carta_person_editor, ADW_TYPE_WINDOW)

const char *
carta_person_editor_person_id (CartaCase *person)
{
  g_return_val_if_fail (CARTA_IS_CASE (person), NULL);

  if (g_strcmp0 (carta_entity_get_source_id (CARTA_ENTITY (person)), CARTA_PEOPLE_SOURCE_ID) != 0)
    return NULL;
  return carta_entity_get_id (CARTA_ENTITY (person));
}

/* ------------------------------------------------------------------------
 * Reading the form
 */

static GtkCheckButton *
language_check (CartaPersonEditor *self,
                const char        *lang)
{
  if (g_str_equal (lang, "ru"))
    return self->ru_check;
  if (g_str_equal (lang, "be"))
    return self->be_check;
  if (g_str_equal (lang, "uk"))
    return self->uk_check;
  if (g_str_equal (lang, "en"))
    return self->en_check;
  return NULL;
}

static const char * const form_languages[] = { "ru", "be", "uk", "en", NULL };

/* The country code the form names: the one the person had when the
 * editor says "another country" and they had one. */
static const char *
form_country (CartaPersonEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->country_row);

  if (selected < OTHER_COUNTRY)
    return country_codes[selected];
  if (self->person->country != NULL && !g_strv_contains (country_codes, self->person->country))
    return self->person->country;
  return NULL;
}

/* The year typed, 0 when none; -1 when it is not a plausible year. */
static int
form_year (CartaPersonEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->year_row))));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  char *end = NULL;
  long year;

  if (*text == '\0')
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return -1;
  year = strtol (text, &end, 10);
  if (year < 1900 || year > g_date_time_get_year (now))
    return -1;
  return (int) year;
}

static char *
form_address (CartaPersonEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->address_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
form_has_language (CartaPersonEditor *self)
{
  for (guint i = 0; form_languages[i] != NULL; i++)
    if (gtk_check_button_get_active (language_check (self, form_languages[i])))
      return TRUE;
  return FALSE;
}

/* The person as the form describes them. */
static CartaPerson *
form_person (CartaPersonEditor *self)
{
  g_autoptr(CartaPerson) person = carta_person_copy (self->person);
  g_autoptr(GStrvBuilder) languages = g_strv_builder_new ();
  g_autofree char *address = form_address (self);
  const char *latin = gtk_editable_get_text (GTK_EDITABLE (self->latin_row));
  guint status = adw_combo_row_get_selected (self->status_row);

  g_free (person->name);
  person->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_free (person->name_latin);
  person->name_latin = *latin != '\0' ? g_strdup (latin) : NULL;
  person->birth_year = MAX (form_year (self), 0);
  g_free (person->country);
  person->country = g_strdup (form_country (self));
  if (status < G_N_ELEMENTS (statuses))
    person->status = statuses[status];

  carta_person_set_address_block (person, address, NULL);

  /* Languages the form does not show are kept. */
  for (guint i = 0; self->person->letter_languages != NULL && self->person->letter_languages[i] != NULL; i++)
    if (language_check (self, self->person->letter_languages[i]) == NULL)
      g_strv_builder_add (languages, self->person->letter_languages[i]);
  for (guint i = 0; form_languages[i] != NULL; i++)
    if (gtk_check_button_get_active (language_check (self, form_languages[i])))
      g_strv_builder_add (languages, form_languages[i]);
  g_strfreev (person->letter_languages);
  person->letter_languages = g_strv_builder_end (languages);

  return g_steal_pointer (&person);
}

/* ------------------------------------------------------------------------
 * Checking as the user types
 */

static void
show_error (CartaPersonEditor *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  /* The message is above the form: bring it into view. */
  if (message != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
update_address (CartaPersonEditor *self)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_address_warning_free);
  g_autofree char *block = form_address (self);
  g_auto(GStrv) lines = carta_import_split_address (block, form_country (self), warnings);

  carta_detail_clear (self->lines_group);
  carta_detail_clear (self->warnings_group);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* Translators: the number of a line on the envelope */
      g_autofree char *number = g_strdup_printf (_("Line %u"), i + 1);
      AdwActionRow *row = carta_detail_add_row (self->lines_group, lines[i], NULL);

      /* Read as "Line 1: 601446", not as the address alone. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, number, -1);
    }

  /* An empty block is no mistake: the address is optional. */
  if (g_strstrip (block)[0] != '\0')
    for (guint i = 0; i < warnings->len; i++)
      {
        CartaAddressWarning *warning = g_ptr_array_index (warnings, i);
        AdwActionRow *row = carta_detail_add_row (self->warnings_group, warning->message, NULL);
        GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

        gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
        adw_action_row_add_prefix (row, icon);
      }

  carta_detail_update (self->lines_group);
  carta_detail_update (self->warnings_group);
}

static void
update_save (CartaPersonEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  gboolean year_ok = form_year (self) >= 0;

  if (year_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->year_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->year_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 *name != '\0' && year_ok && form_has_language (self));
}

static void
on_field_changed (CartaPersonEditor *self)
{
  show_error (self, NULL);
  update_save (self);
}

static void
set_languages (CartaPersonEditor  *self,
               const char * const *languages)
{
  for (guint i = 0; form_languages[i] != NULL; i++)
    gtk_check_button_set_active (language_check (self, form_languages[i]),
                                 languages != NULL && g_strv_contains (languages, form_languages[i]));
}

static void
on_country_changed (CartaPersonEditor *self)
{
  static const char * const russia[] = { "ru", NULL };
  static const char * const belarus[] = { "ru", "be", NULL };
  guint selected = adw_combo_row_get_selected (self->country_row);

  /* What the prisons of the country accept; another country's are the
   * user's to choose. */
  if (selected == 0)
    set_languages (self, russia);
  else if (selected == 1)
    set_languages (self, belarus);

  update_address (self);
  update_save (self);
}

/* ------------------------------------------------------------------------
 * Showing a saved person
 */

typedef struct {
  GWeakRef  window;
  char     *uid;
  gulong    handler;
  guint     timeout;
  GListModel *cases;
} PendingShow;

static void
pending_show_free (PendingShow *pending)
{
  g_clear_handle_id (&pending->timeout, g_source_remove);
  g_clear_signal_handler (&pending->handler, pending->cases);
  g_clear_object (&pending->cases);
  g_weak_ref_clear (&pending->window);
  g_free (pending->uid);
  g_free (pending);
}

static gboolean
try_show (gpointer user_data)
{
  PendingShow *pending = user_data;
  g_autoptr(CartaWindow) window = g_weak_ref_get (&pending->window);

  if (window != NULL && !carta_window_show_entity (window, pending->uid))
    return FALSE;

  pending_show_free (pending);
  return TRUE;
}

static void
on_cases_changed (GListModel  *cases,
                  guint        position,
                  guint        removed,
                  guint        added,
                  PendingShow *pending)
{
  try_show (pending);
}

static gboolean
on_show_timeout (gpointer user_data)
{
  PendingShow *pending = user_data;

  /* The feed never came: the failure has been reported already. */
  pending->timeout = 0;
  pending_show_free (pending);
  return G_SOURCE_REMOVE;
}

/* Shows the person with @id in @window as soon as the catalog has them. */
static void
show_when_listed (CartaWindow      *window,
                  CartaApplication *application,
                  const char       *id)
{
  PendingShow *pending = g_new0 (PendingShow, 1);

  g_weak_ref_init (&pending->window, window);
  pending->uid = g_strconcat (CARTA_PEOPLE_SOURCE_ID, ":", id, NULL);
  pending->cases = g_object_ref (carta_catalog_get_cases (carta_application_get_catalog (application)));

  pending->handler = g_signal_connect (pending->cases, "items-changed", G_CALLBACK (on_cases_changed), pending);
  pending->timeout = g_timeout_add_seconds (SHOW_TIMEOUT_S, on_show_timeout, pending);
}

/* ------------------------------------------------------------------------
 * Saving
 */

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CartaPersonEditor *self = CARTA_PERSON_EDITOR (widget);
  CartaPeople *people = carta_application_get_people (self->application);
  g_autoptr(CartaPerson) person = form_person (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->person->id == NULL)
    id = carta_people_add (people, person, &error);
  else if (carta_people_update (people, self->person->id, person, &error))
    id = g_strdup (self->person->id);

  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  carta_application_save_people (self->application);
  /* An edited person's page, if open, follows the change by itself. */
  if (self->window != NULL && self->person->id == NULL)
    show_when_listed (self->window, self->application, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter saves, when the form is complete. */
static void
on_entry_activated (CartaPersonEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

/* ------------------------------------------------------------------------
 * Set-up
 */

static void
carta_person_editor_dispose (GObject *object)
{
  CartaPersonEditor *self = CARTA_PERSON_EDITOR (object);

  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->application);
  g_clear_pointer (&self->person, carta_person_free);

  G_OBJECT_CLASS (carta_person_editor_parent_class)->dispose (object);
}

static void
carta_person_editor_class_init (CartaPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_person_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, latin_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, year_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, address_view);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, lines_group);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, ru_check);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, be_check);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, uk_check);
  gtk_widget_class_bind_template_child (widget_class, CartaPersonEditor, en_check);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_country_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
carta_person_editor_init (CartaPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->address_view), "changed",
                            G_CALLBACK (update_address), self);
}

/* Puts the person's values into the form. */
static void
fill_form (CartaPersonEditor *self)
{
  const CartaPerson *person = self->person;
  g_autofree char *address = person->address_lines ? g_strjoinv ("\n", person->address_lines) : g_strdup ("");
  guint country = OTHER_COUNTRY;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), person->name ? person->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->latin_row), person->name_latin ? person->name_latin : "");
  if (person->birth_year > 0)
    {
      g_autofree char *year = g_strdup_printf ("%u", person->birth_year);
      gtk_editable_set_text (GTK_EDITABLE (self->year_row), year);
    }

  for (guint i = 0; country_codes[i] != NULL; i++)
    if (g_strcmp0 (person->country, country_codes[i]) == 0)
      country = i;
  /* Selected before the languages are set, which it would reset. */
  adw_combo_row_set_selected (self->country_row, country);
  set_languages (self, (const char * const *) person->letter_languages);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (person->status == statuses[i])
      adw_combo_row_set_selected (self->status_row, i);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->address_view), address, -1);
}

CartaPersonEditor *
carta_person_editor_open (CartaWindow      *window,
                          CartaApplication *application,
                          const char       *id)
{
  CartaPersonEditor *self;
  const CartaPerson *existing = NULL;

  g_return_val_if_fail (CARTA_IS_WINDOW (window), NULL);
  g_return_val_if_fail (CARTA_IS_APPLICATION (application), NULL);

  if (id != NULL)
    {
      existing = carta_people_lookup (carta_application_get_people (application), id);
      g_return_val_if_fail (existing != NULL, NULL);
    }

  self = g_object_new (CARTA_TYPE_PERSON_EDITOR, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->application = g_object_ref (application);

  if (existing != NULL)
    {
      /* Translators: the title of the window that edits a person */
      adw_window_title_set_title (self->window_title, _("Edit Person"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Person"));
      /* Plain text: the name is whatever the user typed. */
      adw_window_title_set_subtitle (self->window_title, existing->name);
      self->person = carta_person_copy (existing);
    }
  else
    {
      static const char * const russian[] = { "ru", NULL };

      self->person = carta_person_new ();
      self->person->country = g_strdup ("RU");
      self->person->letter_languages = g_strdupv ((char **) russian);
    }

  fill_form (self);
  update_address (self);
  update_save (self);
  show_error (self, NULL);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/* ------------------------------------------------------------------------
 * Deleting, with a way back
 */

typedef struct {
  CartaApplication *application;
  GWeakRef          window;
  CartaPerson      *person;
  guint             index;
} Removal;

static void
removal_free (gpointer  data,
              GClosure *closure)
{
  Removal *removal = data;

  g_object_unref (removal->application);
  g_weak_ref_clear (&removal->window);
  carta_person_free (removal->person);
  g_free (removal);
}

static void
on_undo_clicked (AdwToast *toast,
                 Removal  *removal)
{
  CartaPeople *people = carta_application_get_people (removal->application);
  g_autoptr(CartaWindow) window = g_weak_ref_get (&removal->window);
  g_autoptr(GError) error = NULL;

  if (!carta_people_insert (people, removal->index, removal->person, &error))
    {
      if (window != NULL)
        carta_window_report (window, _("The person could not be put back"), error->message);
      return;
    }

  carta_application_save_people (removal->application);
  if (window != NULL)
    show_when_listed (window, removal->application, removal->person->id);
}

void
carta_person_editor_delete (CartaWindow      *window,
                            CartaApplication *application,
                            const char       *id)
{
  CartaPeople *people;
  Removal *removal = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (CARTA_IS_WINDOW (window));
  g_return_if_fail (CARTA_IS_APPLICATION (application));
  g_return_if_fail (id != NULL);

  people = carta_application_get_people (application);
  for (guint i = 0; i < carta_people_get_n_people (people); i++)
    if (g_str_equal (carta_people_get_nth (people, i)->id, id))
      {
        removal = g_new0 (Removal, 1);
        removal->application = g_object_ref (application);
        g_weak_ref_init (&removal->window, window);
        removal->person = carta_person_copy (carta_people_get_nth (people, i));
        removal->index = i;
        break;
      }
  g_return_if_fail (removal != NULL);

  carta_people_remove (people, id);
  carta_application_save_people (application);

  /* A toast's title is markup; the name is not. */
  escaped = g_markup_escape_text (removal->person->name, -1);
  /* Translators: %s is a person's name */
  title = g_strdup_printf (_("%s was deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), removal, removal_free, 0);
  carta_window_add_toast (window, toast);
}
