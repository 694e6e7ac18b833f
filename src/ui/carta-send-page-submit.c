/* carta-send-page-submit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The send page's Submit Online group: a row for each organization the
 * person (for a letter to them) or the campaign takes letters through.
 * A row opens CartaSubmitDialog, which shows what the organization
 * receives; only then is the letter written to the outbox, which sends it
 * when it can and records it in the history once the organization has it.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "carta-detail.h"
#include "carta-send-page-internal.h"
#include "carta-submit-dialog.h"

/* ------------------------------------------------------------------------
 * The channels on offer
 */

static void
add_channels (GPtrArray *channels,
              GPtrArray *offered)
{
  for (guint i = 0; offered != NULL && i < offered->len; i++)
    {
      CartaChannel *channel = g_ptr_array_index (offered, i);
      gboolean known = FALSE;

      /* A service the person and the campaign both name is offered once. */
      for (guint j = 0; j < channels->len && !known; j++)
        known = g_strcmp0 (carta_channel_get_url (g_ptr_array_index (channels, j)),
                           carta_channel_get_url (channel)) == 0;
      if (!known)
        g_ptr_array_add (channels, g_object_ref (channel));
    }
}

static const char *
organization_name (CartaChannel *channel)
{
  const char *name = carta_text_get_ui (carta_channel_get_name (channel));

  return name != NULL ? name : carta_channel_get_url (channel);
}

static void open_submit_dialog (CartaSendPage *self,
                                guint          index);

static void
on_channel_activated (AdwActionRow  *row,
                      CartaSendPage *self)
{
  guint index;

  if (g_ptr_array_find (self->channel_rows, row, &index))
    open_submit_dialog (self, index);
}

void
carta_send_page_update_channels (CartaSendPage *self)
{
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_object_unref);

  carta_detail_clear (self->submit_group);
  g_ptr_array_set_size (self->channel_rows, 0);

  /* Letters to the person go where the person's page says; appeals to an
   * official only where the campaign does. */
  if (self->person != NULL && self->target == NULL)
    add_channels (channels, carta_case_get_channels (self->person));
  if (self->campaign != NULL)
    add_channels (channels, carta_campaign_get_channels (self->campaign));
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  self->channels = g_steal_pointer (&channels);

  /* Nothing goes to an example person, nor to a prison whose prisoner
   * has left it. */
  if (carta_send_page_is_demo (self) || carta_send_page_is_unreachable (self))
    return;

  for (guint i = 0; i < self->channels->len; i++)
    {
      CartaChannel *channel = g_ptr_array_index (self->channels, i);
      g_autofree char *title = NULL;
      AdwActionRow *row;
      GtkWidget *icon;

      /* Translators: %s is an organization that takes letters online */
      title = g_strdup_printf (_("Submit to %s…"), organization_name (channel));
      row = carta_detail_add_row (self->submit_group, title,
                                  carta_channel_get_kind (channel) == CARTA_DELIVERY_OSDI
                                  ? _("They count your letter for their campaign")
                                  : _("They print your letter and post it for you"));
      icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "network-transmit-symbolic",
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      adw_action_row_add_prefix (row, icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_channel_activated), self, 0);
      g_ptr_array_add (self->channel_rows, row);
    }
  carta_detail_update (self->submit_group);
}

guint
carta_send_page_get_n_channels (CartaSendPage *self)
{
  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), 0);
  return self->channel_rows->len;
}

/* ------------------------------------------------------------------------
 * The submission
 */

static void
on_enqueued (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CartaSendPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  self->busy--;
  if (!carta_outbox_enqueue_finish (CARTA_OUTBOX (source), result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The letter was not submitted: %s Print it or save it instead; "
                                   "nothing was sent."), error->message);
      carta_send_page_toast (self, message);
      return;
    }

  toast = adw_toast_new (_("In the outbox: it goes out as soon as there is a connection"));
  adw_toast_set_button_label (toast, _("_Sent Letters"));
  adw_toast_set_action_name (toast, "app.sent-letters");
  carta_send_page_show_toast (self, toast);
}

/* Whom the letter is for, as the envelope names them, and where. */
static void
fill_recipient (CartaSendPage   *self,
                CartaSubmission *submission,
                CartaPrintable  *printable,
                GStrv           *address_lines)
{
  const char *lang = carta_letter_get_language (self->letter);
  const char * const langs[] = { lang, NULL };
  CartaAddress *address = NULL;

  submission->recipient_name = printable->recipient_lines && printable->recipient_lines[0]
                               ? printable->recipient_lines[0]
                               : carta_send_page_recipient_name (self);

  if (self->target != NULL && carta_target_get_user_supplied (self->target))
    {
      const char *typed = carta_letter_get_value (self->letter, CARTA_VALUE_TARGET_ADDRESS);

      if (typed != NULL && *typed != '\0')
        *address_lines = g_strsplit (typed, "\n", -1);
      submission->recipient_address_lines = (const char * const *) *address_lines;
      submission->target_title = carta_send_page_recipient_name (self);
      return;
    }

  if (self->target != NULL)
    {
      submission->target_title = carta_text_lookup (carta_target_get_title (self->target), langs);
      submission->target_organization = carta_text_lookup (carta_target_get_organization (self->target), langs);
      address = carta_target_get_address (self->target);
    }
  else if (self->person != NULL)
    {
      submission->target_title = submission->recipient_name;
      address = carta_case_get_address (self->person);
    }

  if (address != NULL)
    {
      submission->recipient_address_lines = carta_address_get_lines (address);
      submission->recipient_country = carta_address_get_country (address);
    }
}

/* Builds the request with only what the writer ticked, and queues it. */
static gboolean
submit (CartaSendPage      *self,
        CartaChannel       *channel,
        gboolean            share_name,
        gboolean            share_email,
        gboolean            share_address,
        const char         *token,
        GError            **error)
{
  CartaOutbox *outbox = carta_application_get_outbox (self->application);
  CartaDeliveryChannel kind = carta_channel_get_kind (channel);
  g_autoptr(CartaPrintable) printable = carta_send_page_make_printable (self);
  CartaSubmission submission = { 0 };
  const char *body = carta_letter_get_body (self->letter);
  const char *name = self->sender ? carta_profile_get_name (self->sender) : NULL;
  g_auto(GStrv) recipient_lines = NULL;
  g_auto(GStrv) sender_lines = NULL;
  g_autofree char *signed_body = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(CartaDelivery) delivery = NULL;

  if (outbox == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Carta is still starting."));
      return FALSE;
    }

  /* The signature is the writer's name: it goes only if they share it. */
  share_name = share_name && name != NULL && *name != '\0';
  signed_body = share_name ? g_strdup_printf ("%s\n%s", body ? body : "", name) : g_strdup (body ? body : "");

  submission.subject = carta_letter_get_subject (self->letter);
  submission.body = signed_body;
  submission.language = carta_letter_get_language (self->letter);
  submission.campaign_uid = carta_letter_get_campaign_uid (self->letter);
  submission.case_uid = carta_letter_get_case_uid (self->letter);
  fill_recipient (self, &submission, printable, &recipient_lines);

  if (self->sender != NULL)
    {
      const char *return_address = carta_profile_get_return_address (self->sender);

      if (share_name)
        {
          submission.sender_name = name;
          submission.sender_given_name = name;
        }
      if (share_email)
        submission.sender_email = carta_profile_get_email (self->sender);
      if (share_address && return_address != NULL && *return_address != '\0')
        {
          sender_lines = g_strsplit (return_address, "\n", -1);
          submission.sender_address_lines = (const char * const *) sender_lines;
        }
    }

  request = carta_submitter_build_body (kind, &submission, error);
  if (request == NULL)
    return FALSE;

  delivery = carta_delivery_new_submission (kind, carta_channel_get_url (channel), request,
                                            kind == CARTA_DELIVERY_OSDI ? token : NULL,
                                            carta_send_page_recipient_name (self), submission.campaign_uid,
                                            submission.case_uid, submission.language);
  self->busy++;
  carta_outbox_enqueue_async (outbox, delivery, self->cancellable, on_enqueued, g_object_ref (self));
  return TRUE;
}

gboolean
carta_send_page_submit (CartaSendPage  *self,
                        guint           index,
                        gboolean        share_name,
                        const char     *token,
                        GError        **error)
{
  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), FALSE);
  g_return_val_if_fail (index < self->channel_rows->len, FALSE);

  return submit (self, g_ptr_array_index (self->channels, index), share_name, FALSE, FALSE, token, error);
}

static void
on_submit_response (CartaSubmitDialog *dialog,
                    const char        *response,
                    CartaSendPage     *self)
{
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "submit") != 0)
    return;

  token = carta_submit_dialog_dup_token (dialog);
  if (!submit (self, carta_submit_dialog_get_channel (dialog),
               carta_submit_dialog_get_share_name (dialog),
               carta_submit_dialog_get_share_email (dialog),
               carta_submit_dialog_get_share_address (dialog),
               token, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The letter was not submitted: %s"), error->message);

      carta_send_page_toast (self, message);
    }
}

/* The letter in a line: its subject, or how it begins. */
static char *
letter_summary (CartaSendPage *self)
{
  const char *subject = carta_letter_get_subject (self->letter);
  const char *body = carta_letter_get_body (self->letter);
  g_autofree char *first = NULL;
  guint words;

  if (subject != NULL && *subject != '\0')
    return g_strdup (subject);
  if (body == NULL)
    return g_strdup ("");

  first = g_strndup (body, strcspn (body, "\n"));
  words = 0;
  for (const char *p = body; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) &&
        (p == body || g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (p)))))
      words++;
  /* Translators: how a letter begins, then its length: "Dear Ivan, … (120 words)" */
  return g_strdup_printf (ngettext ("%s … (%u word)", "%s … (%u words)", words), first, words);
}

static void
open_submit_dialog (CartaSendPage *self,
                    guint          index)
{
  CartaChannel *channel = g_ptr_array_index (self->channels, index);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(CartaPrintable) printable = carta_send_page_make_printable (self);
  const char *lang = carta_letter_get_language (self->letter);
  const char * const langs[] = { lang, NULL };
  g_autofree char *summary = letter_summary (self);
  g_autofree char *language = lang ? carta_detail_languages (langs, TRUE) : NULL;
  g_autofree char *recipient = printable->recipient_lines ? g_strjoinv ("\n", printable->recipient_lines) : NULL;
  CartaSubmitDialog *dialog;

  dialog = carta_submit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, channel, summary,
                                    language, recipient, self->sender);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_submit_response), self, 0);
  g_set_weak_pointer (&self->submit_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

CartaSubmitDialog *
carta_send_page_open_submit_dialog (CartaSendPage *self,
                                    guint          index)
{
  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), NULL);
  g_return_val_if_fail (index < self->channel_rows->len, NULL);

  g_signal_emit_by_name (g_ptr_array_index (self->channel_rows, index), "activated");
  return self->submit_dialog;
}
