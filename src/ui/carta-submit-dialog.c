/* carta-submit-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before a letter is submitted online the writer sees exactly what the
 * organization receives: the letter, its language, whom it is for — and
 * of their own details only those they tick, none by default. The rows are
 * plain text (not markup): names and addresses come from feeds.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-submit-dialog.h"

struct _CartaSubmitDialog
{
  AdwMessageDialog  parent_instance;

  CartaChannel     *channel;

  AdwActionRow     *letter_row;
  AdwActionRow     *language_row;
  AdwActionRow     *recipient_row;
  GtkWidget        *sender_heading;
  GtkWidget        *sender_list;
  AdwActionRow     *name_row;
  GtkCheckButton   *name_check;
  AdwActionRow     *email_row;
  GtkCheckButton   *email_check;
  AdwActionRow     *address_row;
  GtkCheckButton   *address_check;
  GtkWidget        *anonymous_note;
  GtkLabel         *email_note;
  GtkWidget        *token_list;
  AdwEntryRow      *token_row;
  GtkWidget        *token_note;
};

G_DEFINE_FINAL_TYPE (CartaSubmitDialog, carta_submit_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
is_osdi (CartaSubmitDialog *self)
{
  return carta_channel_get_kind (self->channel) == CARTA_DELIVERY_OSDI;
}

static gboolean
shared (GtkCheckButton *check,
        AdwActionRow   *row)
{
  return gtk_widget_get_visible (GTK_WIDGET (row)) && gtk_check_button_get_active (check);
}

/* Submit only when the organization can take the letter: an OSDI outreach
 * needs the organizer's token and, to find the person, an email address. */
static void
update_submit (CartaSubmitDialog *self)
{
  gboolean name = shared (self->name_check, self->name_row);
  gboolean email = shared (self->email_check, self->email_row);
  gboolean address = shared (self->address_check, self->address_row);
  gboolean ready = TRUE;

  if (is_osdi (self))
    {
      g_autofree char *token = carta_submit_dialog_dup_token (self);

      ready = token != NULL && email;
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "submit", ready);
  gtk_widget_set_visible (self->anonymous_note, !name && !email && !address);
}

static void
carta_submit_dialog_dispose (GObject *object)
{
  CartaSubmitDialog *self = CARTA_SUBMIT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CARTA_TYPE_SUBMIT_DIALOG);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (carta_submit_dialog_parent_class)->dispose (object);
}

static void
carta_submit_dialog_class_init (CartaSubmitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_submit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-submit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, letter_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, sender_heading);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, sender_list);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, name_check);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, email_check);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, address_check);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, anonymous_note);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, email_note);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, token_list);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSubmitDialog, token_note);
  gtk_widget_class_bind_template_callback (widget_class, update_submit);
}

static void
carta_submit_dialog_init (CartaSubmitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* A row on show only when the profile has the field. */
static void
set_field (AdwActionRow *row,
           const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL);
  adw_action_row_set_subtitle (row, value ? value : "");
}

CartaSubmitDialog *
carta_submit_dialog_new (GtkWindow    *parent,
                         CartaChannel *channel,
                         const char   *letter,
                         const char   *language,
                         const char   *recipient,
                         CartaProfile *sender)
{
  CartaSubmitDialog *self;
  const char *organization;
  const char *name = NULL;
  const char *email = NULL;
  const char *address = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARTA_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (sender == NULL || CARTA_IS_PROFILE (sender), NULL);

  self = g_object_new (CARTA_TYPE_SUBMIT_DIALOG, "transient-for", parent, NULL);
  self->channel = g_object_ref (channel);

  organization = carta_text_get_ui (carta_channel_get_name (channel));
  /* Translators: %s is an organization that receives letters online */
  heading = g_strdup_printf (_("Submit to %s?"), organization ? organization : carta_channel_get_url (channel));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  if (is_osdi (self))
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("They count your letter for their campaign; they do not post it. "
                                   "Print or email it as well for it to reach its addressee."));
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("They print your letter and post it. It stays in Sent Letters until "
                                   "they confirm they have it."));

  adw_action_row_set_subtitle (self->letter_row, letter ? letter : "");
  set_field (self->language_row, nonempty (language));
  set_field (self->recipient_row, nonempty (recipient));

  if (sender != NULL)
    {
      name = nonempty (carta_profile_get_name (sender));
      email = nonempty (carta_profile_get_email (sender));
      address = nonempty (carta_profile_get_return_address (sender));
    }
  set_field (self->name_row, name);
  set_field (self->email_row, email);
  set_field (self->address_row, address);
  gtk_widget_set_visible (self->sender_heading, name || email || address);
  gtk_widget_set_visible (self->sender_list, name || email || address);

  if (is_osdi (self))
    {
      gtk_widget_set_visible (self->token_list, TRUE);
      gtk_widget_set_visible (self->token_note, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->email_note), TRUE);
      gtk_label_set_label (self->email_note,
                           email != NULL
                           ? _("They record letters by the writer’s email address: tick it to submit.")
                           : _("They record letters by the writer’s email address, and your sender profile "
                               "has none. Add one in Preferences, or print the letter instead."));
    }

  update_submit (self);
  return self;
}

CartaChannel *
carta_submit_dialog_get_channel (CartaSubmitDialog *self)
{
  g_return_val_if_fail (CARTA_IS_SUBMIT_DIALOG (self), NULL);
  return self->channel;
}

gboolean
carta_submit_dialog_get_share_name (CartaSubmitDialog *self)
{
  g_return_val_if_fail (CARTA_IS_SUBMIT_DIALOG (self), FALSE);
  return shared (self->name_check, self->name_row);
}

gboolean
carta_submit_dialog_get_share_email (CartaSubmitDialog *self)
{
  g_return_val_if_fail (CARTA_IS_SUBMIT_DIALOG (self), FALSE);
  return shared (self->email_check, self->email_row);
}

gboolean
carta_submit_dialog_get_share_address (CartaSubmitDialog *self)
{
  g_return_val_if_fail (CARTA_IS_SUBMIT_DIALOG (self), FALSE);
  return shared (self->address_check, self->address_row);
}

void
carta_submit_dialog_set_share (CartaSubmitDialog *self,
                               gboolean           name,
                               gboolean           email,
                               gboolean           address)
{
  g_return_if_fail (CARTA_IS_SUBMIT_DIALOG (self));

  gtk_check_button_set_active (self->name_check, name);
  gtk_check_button_set_active (self->email_check, email);
  gtk_check_button_set_active (self->address_check, address);
}

char *
carta_submit_dialog_dup_token (CartaSubmitDialog *self)
{
  g_autofree char *token = NULL;

  g_return_val_if_fail (CARTA_IS_SUBMIT_DIALOG (self), NULL);

  if (!is_osdi (self))
    return NULL;
  token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));
  return *token != '\0' ? g_steal_pointer (&token) : NULL;
}

void
carta_submit_dialog_set_token (CartaSubmitDialog *self,
                               const char        *token)
{
  g_return_if_fail (CARTA_IS_SUBMIT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token ? token : "");
}
