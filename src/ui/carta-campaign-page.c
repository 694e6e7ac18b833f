/* carta-campaign-page.c: a campaign, its people, letters and guidance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-campaign-page.h"
#include "carta-composer.h"
#include "carta-detail.h"
#include "carta-entity-row.h"

struct _CartaCampaignPage
{
  AdwBin               parent_instance;

  CartaCampaign       *campaign;

  GtkScrolledWindow   *scroller;
  GtkLabel            *title;
  GtkLabel            *summary;
  GtkLabel            *deadline;
  GtkLabel            *description;
  AdwPreferencesGroup *letters_group;
  AdwPreferencesGroup *people_group;
  AdwPreferencesGroup *targets_group;
  AdwPreferencesGroup *guidance_group;
};

G_DEFINE_FINAL_TYPE (CartaCampaignPage, carta_campaign_page, ADW_TYPE_BIN)

enum {
  SHOW_ENTITY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_person_activated (AdwActionRow      *row,
                     CartaCampaignPage *self)
{
  CartaEntity *person = g_object_get_data (G_OBJECT (row), "entity");

  g_signal_emit (self, signals[SHOW_ENTITY], 0, person);
}

static void
carta_campaign_page_dispose (GObject *object)
{
  CartaCampaignPage *self = CARTA_CAMPAIGN_PAGE (object);

  g_clear_object (&self->campaign);

  G_OBJECT_CLASS (carta_campaign_page_parent_class)->dispose (object);
}

/* A letter from this page, in the composer. */
static void
write_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CartaCampaignPage *self = (CartaCampaignPage *) widget;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  CartaComposer *composer;

  if (!CARTA_IS_APPLICATION (application))
    return;

  composer = carta_composer_new (CARTA_APPLICATION (application), NULL, self->campaign, g_variant_get_uint32 (parameter));
  gtk_window_set_transient_for (GTK_WINDOW (composer), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (composer));
}

static void
carta_campaign_page_class_init (CartaCampaignPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_campaign_page_dispose;

  /* A person of the campaign was chosen. */
  signals[SHOW_ENTITY] =
    g_signal_new ("show-entity", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CARTA_TYPE_ENTITY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-campaign-page.ui");
  gtk_widget_class_install_action (widget_class, "page.write", "u", write_activated);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, title);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, summary);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, deadline);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, description);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, letters_group);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, people_group);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, targets_group);
  gtk_widget_class_bind_template_child (widget_class, CartaCampaignPage, guidance_group);
}

static void
carta_campaign_page_init (CartaCampaignPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
show_people (CartaCampaignPage *self)
{
  GPtrArray *cases = carta_campaign_get_cases (self->campaign);

  for (guint i = 0; i < cases->len; i++)
    {
      CartaCase *person = g_ptr_array_index (cases, i);
      AdwActionRow *row = carta_detail_add_row (self->people_group, carta_case_get_name (person),
                                                carta_detail_case_status (person));
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
      adw_action_row_add_suffix (row, arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (person), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (on_person_activated), self);
    }
  carta_detail_update (self->people_group);
}

static void
show_targets (CartaCampaignPage *self)
{
  GPtrArray *targets = carta_campaign_get_targets (self->campaign);

  for (guint i = 0; i < targets->len; i++)
    {
      CartaTarget *target = g_ptr_array_index (targets, i);
      CartaAddress *address = carta_target_get_address (target);
      g_autofree char *where = NULL;

      if (carta_target_get_user_supplied (target))
        where = g_strdup (_("You say who this is when you write"));
      else if (address != NULL)
        where = carta_address_to_string (address);
      else
        where = g_strdup (carta_text_get_ui (carta_target_get_organization (target)));

      carta_detail_add_row (self->targets_group, carta_text_get_ui (carta_target_get_title (target)), where);
    }
  carta_detail_update (self->targets_group);
}

void
carta_campaign_page_set_campaign (CartaCampaignPage *self,
                                  CartaCampaign     *campaign)
{
  g_autoptr(GPtrArray) options = NULL;
  GDate *deadline;

  g_return_if_fail (CARTA_IS_CAMPAIGN_PAGE (self));
  g_return_if_fail (CARTA_IS_CAMPAIGN (campaign));

  g_set_object (&self->campaign, campaign);

  gtk_label_set_text (self->title, carta_text_get_ui (carta_campaign_get_title (campaign)));
  gtk_label_set_text (self->summary, carta_text_get_ui (carta_campaign_get_summary (campaign)));
  gtk_label_set_text (self->description, carta_text_get_ui (carta_campaign_get_description (campaign)));
  gtk_widget_set_visible (GTK_WIDGET (self->description), carta_campaign_get_description (campaign) != NULL);

  deadline = carta_campaign_get_deadline (campaign);
  if (deadline != NULL)
    {
      char date[64];
      g_autofree char *text = NULL;

      /* Translators: a date as strftime() writes it, e.g. "10 December 2026" */
      g_date_strftime (date, sizeof date, _("%e %B %Y"), deadline);
      text = g_strdup_printf (_("Write before %s"), g_strstrip (date));
      gtk_label_set_text (self->deadline, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->deadline), deadline != NULL);

  carta_detail_clear (self->letters_group);
  carta_detail_clear (self->people_group);
  carta_detail_clear (self->targets_group);
  carta_detail_clear (self->guidance_group);

  options = carta_letter_options_for (NULL, campaign);
  carta_detail_add_letters (self->letters_group, options, "page.write");
  show_people (self);
  show_targets (self);
  carta_detail_add_guidance (self->guidance_group, carta_campaign_get_ruleset (campaign));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

CartaCampaign *
carta_campaign_page_get_campaign (CartaCampaignPage *self)
{
  g_return_val_if_fail (CARTA_IS_CAMPAIGN_PAGE (self), NULL);
  return self->campaign;
}
