/* carta-case-page.c: a person, their story, address and the letters they can get
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-application.h"
#include "carta-case-page.h"
#include "carta-composer.h"
#include "carta-detail.h"
#include "carta-entity-row.h"
#include "carta-person-editor.h"

struct _CartaCasePage
{
  AdwBin               parent_instance;

  CartaCase           *person;

  GtkScrolledWindow   *scroller;
  GtkLabel            *name;
  GtkLabel            *name_latin;
  GtkLabel            *notice;
  GtkWidget           *person_actions;
  AdwPreferencesGroup *facts_group;
  GtkLabel            *story;
  AdwPreferencesGroup *address_group;
  GtkLabel            *address;
  AdwPreferencesGroup *letters_group;
  AdwPreferencesGroup *guidance_group;
};

G_DEFINE_FINAL_TYPE (CartaCasePage, carta_case_page, ADW_TYPE_BIN)

static void
carta_case_page_dispose (GObject *object)
{
  CartaCasePage *self = CARTA_CASE_PAGE (object);

  g_clear_object (&self->person);

  G_OBJECT_CLASS (carta_case_page_parent_class)->dispose (object);
}

/* A letter from this page, in the composer. */
static void
write_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CartaCasePage *self = (CartaCasePage *) widget;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  CartaComposer *composer;

  if (!CARTA_IS_APPLICATION (application))
    return;

  composer = carta_composer_new (CARTA_APPLICATION (application), self->person, NULL, g_variant_get_uint32 (parameter));
  gtk_window_set_transient_for (GTK_WINDOW (composer), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (composer));
}

/* People the user added can be changed and deleted from their page. */
static void
person_action_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CartaCasePage *self = (CartaCasePage *) widget;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  const char *id = self->person ? carta_person_editor_person_id (self->person) : NULL;

  if (!CARTA_IS_APPLICATION (application) || !CARTA_IS_WINDOW (root) || id == NULL)
    return;

  if (g_str_equal (action_name, "page.edit-person"))
    carta_person_editor_open (CARTA_WINDOW (root), CARTA_APPLICATION (application), id);
  else
    carta_person_editor_delete (CARTA_WINDOW (root), CARTA_APPLICATION (application), id);
}

static void
carta_case_page_class_init (CartaCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_case_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-case-page.ui");
  gtk_widget_class_install_action (widget_class, "page.write", "u", write_activated);
  gtk_widget_class_install_action (widget_class, "page.edit-person", NULL, person_action_activated);
  gtk_widget_class_install_action (widget_class, "page.delete-person", NULL, person_action_activated);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, name);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, name_latin);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, notice);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, person_actions);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, facts_group);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, story);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, address_group);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, address);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, letters_group);
  gtk_widget_class_bind_template_child (widget_class, CartaCasePage, guidance_group);
}

static void
carta_case_page_init (CartaCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Why a person cannot get letters, or what a demo is; NULL when all is well. */
static char *
describe_notice (CartaCase *person)
{
  if (carta_case_get_is_demo (person))
    return g_strdup (_("This is an example to show how Carta works. It is not a real person: "
                       "letters to them can be written, but are never sent."));

  switch (carta_case_get_status (person))
    {
    case CARTA_CASE_STATUS_RELEASED:
      return g_strdup (_("Released. Letters to the prison would not reach them."));
    case CARTA_CASE_STATUS_DECEASED:
      return g_strdup (_("This person has died. Letters can no longer be sent to them."));
    default:
      break;
    }

  if (!carta_case_get_can_receive_letters (person))
    return g_strdup (_("This person cannot receive letters at the moment."));

  return NULL;
}

static void
show_facts (CartaCasePage *self)
{
  CartaCase *person = self->person;
  g_autofree char *languages = carta_detail_languages (carta_case_get_letter_languages (person), TRUE);
  guint year = carta_case_get_birth_year (person);
  GPtrArray *interests = carta_case_get_interests (person);

  carta_detail_add_row (self->facts_group, _("Situation"), carta_detail_case_status (person));
  if (year > 0)
    {
      g_autofree char *born = g_strdup_printf ("%u", year);
      carta_detail_add_row (self->facts_group, _("Born"), born);
    }
  carta_detail_add_row (self->facts_group, _("Letters in"), languages);

  /* What the writer already sent them, from the history. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
    CartaHistory *history = CARTA_IS_APPLICATION (application)
                            ? carta_application_get_history (CARTA_APPLICATION (application)) : NULL;
    guint sent = history ? carta_history_count_for_case (history, carta_entity_get_uid (CARTA_ENTITY (person))) : 0;

    if (sent > 0)
      {
        g_autofree char *count = g_strdup_printf (ngettext ("%u letter", "%u letters", sent), sent);
        carta_detail_add_row (self->facts_group, _("You Sent Them"), count);
      }
  }

  if (interests->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < interests->len; i++)
        {
          if (i > 0)
            g_string_append (list, ", ");
          g_string_append (list, carta_text_get_ui (g_ptr_array_index (interests, i)));
        }
      carta_detail_add_row (self->facts_group, _("Interests"), list->str);
    }
  carta_detail_update (self->facts_group);
}

static void
show_address (CartaCasePage *self)
{
  CartaAddress *address = carta_case_get_address (self->person);
  const char *facility = carta_text_get_ui (carta_case_get_facility (self->person));
  g_autoptr(GString) text = g_string_new (NULL);

  if (facility != NULL)
    g_string_append (text, facility);
  if (address != NULL)
    {
      g_autofree char *lines = carta_address_to_string (address);

      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, lines);
    }

  gtk_label_set_text (self->address, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->address_group), text->len > 0);
  /* Released or dead: the prison's address is no longer one to write to. */
  adw_preferences_group_set_title (self->address_group,
                                   carta_case_get_can_receive_letters (self->person) ||
                                   carta_case_get_is_demo (self->person)
                                   ? _("Address for Letters") : _("Last Known Address"));
}

void
carta_case_page_set_case (CartaCasePage *self,
                          CartaCase     *person)
{
  g_autoptr(GPtrArray) options = NULL;
  g_autofree char *notice = NULL;
  const char *latin;
  const char *story;

  g_return_if_fail (CARTA_IS_CASE_PAGE (self));
  g_return_if_fail (CARTA_IS_CASE (person));

  g_set_object (&self->person, person);

  latin = carta_case_get_name_latin (person);
  gtk_label_set_text (self->name, carta_case_get_name (person));
  gtk_label_set_text (self->name_latin, latin ? latin : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_latin), latin != NULL);

  gtk_widget_set_visible (self->person_actions, carta_person_editor_person_id (person) != NULL);

  notice = describe_notice (person);
  gtk_label_set_text (self->notice, notice ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice), notice != NULL);

  story = carta_text_get_ui (carta_case_get_story (person));
  gtk_label_set_text (self->story, story ? story : "");
  gtk_widget_set_visible (GTK_WIDGET (self->story), story != NULL);

  carta_detail_clear (self->facts_group);
  carta_detail_clear (self->letters_group);
  carta_detail_clear (self->guidance_group);

  show_facts (self);
  show_address (self);
  options = carta_letter_options_for (person, NULL);
  carta_detail_add_letters (self->letters_group, options, "page.write");
  carta_detail_add_guidance (self->guidance_group, carta_case_get_ruleset (person));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

CartaCase *
carta_case_page_get_case (CartaCasePage *self)
{
  g_return_val_if_fail (CARTA_IS_CASE_PAGE (self), NULL);
  return self->person;
}
