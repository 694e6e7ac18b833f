/* carta-entity-row.c: a campaign or a person in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-detail.h"
#include "carta-entity-row.h"

struct _CartaEntityRow
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *title;
  GtkLabel  *subtitle;
  GtkLabel  *tag;
};

G_DEFINE_FINAL_TYPE (CartaEntityRow, carta_entity_row, GTK_TYPE_WIDGET)

static void
carta_entity_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARTA_TYPE_ENTITY_ROW);

  G_OBJECT_CLASS (carta_entity_row_parent_class)->dispose (object);
}

static void
carta_entity_row_class_init (CartaEntityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_entity_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-entity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaEntityRow, box);
  gtk_widget_class_bind_template_child (widget_class, CartaEntityRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CartaEntityRow, title);
  gtk_widget_class_bind_template_child (widget_class, CartaEntityRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, CartaEntityRow, tag);
}

static void
carta_entity_row_init (CartaEntityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carta_entity_row_new (void)
{
  return g_object_new (CARTA_TYPE_ENTITY_ROW, NULL);
}

void
carta_entity_row_set_entity (CartaEntityRow *self,
                             CartaEntity    *entity)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  const char *title = NULL;
  const char *tag = NULL;

  g_return_if_fail (CARTA_IS_ENTITY_ROW (self));

  if (CARTA_IS_CAMPAIGN (entity))
    {
      CartaCampaign *campaign = CARTA_CAMPAIGN (entity);

      title = carta_text_get_ui (carta_campaign_get_title (campaign));
      subtitle = g_strdup (carta_text_get_ui (carta_campaign_get_summary (campaign)));
      gtk_image_set_from_icon_name (self->icon, "mail-unread-symbolic");
      description = g_strdup_printf (_("Campaign: %s"), title);
    }
  else if (CARTA_IS_CASE (entity))
    {
      CartaCase *person = CARTA_CASE (entity);
      const char *latin = carta_case_get_name_latin (person);
      guint year = carta_case_get_birth_year (person);

      title = carta_case_get_name (person);
      if (carta_case_get_is_demo (person))
        tag = _("Example");
      else if (!carta_case_get_can_receive_letters (person))
        tag = carta_detail_case_status (person);

      /* "Alexei Gorinov · born 1961 · Imprisoned": the status only when
       * no tag says it already. */
      {
        g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

        if (latin != NULL && g_strcmp0 (latin, title) != 0)
          g_ptr_array_add (parts, g_strdup (latin));
        if (year > 0)
          /* Translators: a person's year of birth in the list of people */
          g_ptr_array_add (parts, g_strdup_printf (_("born %u"), year));
        if (tag == NULL)
          g_ptr_array_add (parts, g_strdup (carta_detail_case_status (person)));
        g_ptr_array_add (parts, NULL);
        subtitle = g_strjoinv (" · ", (char **) parts->pdata);
      }

      gtk_image_set_from_icon_name (self->icon, "avatar-default-symbolic");
      description = g_strdup_printf (_("Person: %s"), title);
    }

  /* Data from feeds: plain text, never markup. */
  gtk_label_set_text (self->title, title ? title : "");
  gtk_label_set_text (self->subtitle, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), subtitle != NULL && *subtitle != '\0');
  gtk_label_set_text (self->tag, tag ? tag : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tag), tag != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description ? description : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle ? subtitle : "",
                                  -1);
}
