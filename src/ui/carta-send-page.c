/* carta-send-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The composer's last step: print the letter (GtkPrintOperation drawing
 * the renderer's pages, so it prints as previewed), save it as PDF or
 * plain text (files chosen with GtkFileChooserNative, written in worker
 * threads), copy it for a web form, email it through the desktop's email
 * portal, falling back to a mailto: address, or submit it to an
 * organization the case or campaign names (carta-send-page-submit.c).
 * Each letter that leaves this way is recorded in the history, except
 * letters to the example person, which never leave.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "carta-send-page-internal.h"

G_DEFINE_FINAL_TYPE (CartaSendPage, carta_send_page, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------
 * The letter
 */

CartaPrintable *
carta_send_page_make_printable (CartaSendPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return carta_compose_printable (self->letter, self->person, self->target, self->sender, now);
}

CartaPaper
carta_send_page_get_paper (CartaSendPage *self)
{
  return carta_application_get_paper (self->application);
}

const char *
carta_send_page_recipient_name (CartaSendPage *self)
{
  const char *name = carta_letter_get_value (self->letter, CARTA_VALUE_TARGET_NAME);

  if (self->target != NULL && !carta_target_get_user_supplied (self->target))
    return carta_text_get_ui (carta_target_get_title (self->target));
  if (name != NULL && *name != '\0')
    return name;
  if (self->person != NULL)
    return carta_case_get_name (self->person);
  return NULL;
}

/* The file's title: the subject, or what the letter is and to whom. */
char *
carta_send_page_dup_title (CartaSendPage *self)
{
  const char *subject = carta_letter_get_subject (self->letter);
  const char *whom = carta_send_page_recipient_name (self);

  if (subject != NULL && *subject != '\0')
    return g_strdup (subject);
  if (whom != NULL)
    /* Translators: the title of a saved letter, with whom it is to */
    return g_strdup_printf (_("Letter to %s"), whom);
  return g_strdup (_("Letter"));
}

/* A file name from the title, without what file systems refuse. */
static char *
file_name_for (CartaSendPage *self,
               const char    *extension)
{
  g_autofree char *title = carta_send_page_dup_title (self);
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = title; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
          c == '<' || c == '>' || c == '|' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
      if (name->len > 120)
        break;
    }
  g_string_append (name, extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

gboolean
carta_send_page_is_demo (CartaSendPage *self)
{
  return self->person != NULL && carta_case_get_is_demo (self->person);
}

/* A letter to a prison whose prisoner is no longer there. */
gboolean
carta_send_page_is_unreachable (CartaSendPage *self)
{
  CartaCaseStatus status;

  if (self->person == NULL || self->target != NULL)
    return FALSE;
  status = carta_case_get_status (self->person);
  return status == CARTA_CASE_STATUS_RELEASED || status == CARTA_CASE_STATUS_DECEASED;
}

void
carta_send_page_show_toast (CartaSendPage *self,
                            AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(AdwToast) owned = toast;

  g_free (self->last_message);
  self->last_message = g_strdup (adw_toast_get_title (toast));
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&owned));
  else
    g_message ("%s", adw_toast_get_title (toast));
}

/* A row's title and the toasts are markup: what comes from feeds or file
 * names is escaped first. */
void
carta_send_page_toast (CartaSendPage *self,
                       const char    *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  carta_send_page_show_toast (self, adw_toast_new (escaped));
}

/* Which envelope goes after the letter, if any. */
gboolean
carta_send_page_get_envelope (CartaSendPage *self,
                              CartaEnvelope *envelope)
{
  guint selected = adw_combo_row_get_selected (self->envelope_row);

  *envelope = selected == 2 ? CARTA_ENVELOPE_C5 : CARTA_ENVELOPE_DL;
  return selected == 1 || selected == 2;
}

/* ------------------------------------------------------------------------
 * The history
 */

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CartaSendPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (!carta_history_append_finish (CARTA_HISTORY (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The letter left, but could not be added to the history: %s"),
                                                  error->message);
      carta_send_page_toast (self, message);
    }
}

void
carta_send_page_record (CartaSendPage        *self,
                        CartaDeliveryChannel  channel)
{
  CartaHistory *history = self->application ? carta_application_get_history (self->application) : NULL;
  g_autoptr(CartaDelivery) delivery = NULL;

  if (history == NULL || carta_send_page_is_demo (self))
    return;

  delivery = carta_delivery_new_record (channel, carta_send_page_recipient_name (self),
                                        carta_letter_get_campaign_uid (self->letter),
                                        carta_letter_get_case_uid (self->letter),
                                        carta_letter_get_language (self->letter));
  self->busy++;
  carta_history_append_async (history, delivery, self->cancellable, on_recorded, g_object_ref (self));
}

/* ------------------------------------------------------------------------
 * Save as PDF, Save as Text
 */

typedef struct
{
  CartaPrintable *printable;
  CartaPaper      paper;
  gboolean        with_envelope;
  CartaEnvelope   envelope;
  char           *title;
  char           *author;
  char           *text;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  carta_printable_free (job->printable);
  g_free (job->title);
  g_free (job->author);
  g_free (job->text);
  g_free (job);
}

static void
write_pdf_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  const CartaPrintable *printables[] = { job->printable };
  GError *error = NULL;

  /* Replaced whole, or not at all: a failed write leaves the old file. */
  if (!carta_renderer_save_pdfs (printables, 1, job->paper, job->with_envelope, job->envelope,
                                 job->title, job->author, file, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
write_text_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (!g_file_replace_contents (file, job->text, strlen (job->text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CartaSendPage *self = CARTA_SEND_PAGE (source);
  CartaDeliveryChannel channel = GPOINTER_TO_UINT (user_data);
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  self->busy--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        message = g_strdup_printf (_("“%s” could not be saved: the disk is full. Your letter is safe in Carta."),
                                   name);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        message = g_strdup_printf (_("“%s” could not be saved: you may not write in that folder. "
                                     "Your letter is safe in Carta."), name);
      else
        message = g_strdup_printf (_("“%s” could not be saved: %s. Your letter is safe in Carta."),
                                   name, error->message);
      carta_send_page_toast (self, message);
      return;
    }

  /* Translators: a file name */
  message = g_strdup_printf (_("Saved as “%s”"), name);
  carta_send_page_toast (self, message);
  carta_send_page_record (self, channel);
}

static void
start_save (CartaSendPage        *self,
            GFile                *file,
            CartaDeliveryChannel  channel)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_saved, GUINT_TO_POINTER (channel));

  job->printable = carta_send_page_make_printable (self);
  job->paper = carta_send_page_get_paper (self);
  job->with_envelope = carta_send_page_get_envelope (self, &job->envelope);
  job->title = carta_send_page_dup_title (self);
  /* The writer's name goes into the file only if they say so. */
  if (gtk_switch_get_active (self->author_switch) && self->sender != NULL)
    job->author = g_strdup (carta_profile_get_name (self->sender));
  if (channel == CARTA_DELIVERY_TEXT)
    job->text = carta_printable_to_text (job->printable, carta_letter_get_subject (self->letter));

  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_set_source_tag (task, start_save);
  self->busy++;
  g_task_run_in_thread (task, channel == CARTA_DELIVERY_PDF ? write_pdf_in_thread : write_text_in_thread);
}

void
carta_send_page_save_pdf_to (CartaSendPage *self,
                             GFile         *file)
{
  g_return_if_fail (CARTA_IS_SEND_PAGE (self));
  start_save (self, file, CARTA_DELIVERY_PDF);
}

void
carta_send_page_save_text_to (CartaSendPage *self,
                              GFile         *file)
{
  g_return_if_fail (CARTA_IS_SEND_PAGE (self));
  start_save (self, file, CARTA_DELIVERY_TEXT);
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                CartaSendPage   *self)
{
  CartaDeliveryChannel channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "channel"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        start_save (self, file, channel);
    }
  g_object_unref (dialog);
}

static void
choose_file (CartaSendPage        *self,
             CartaDeliveryChannel  channel)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean pdf = channel == CARTA_DELIVERY_PDF;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = file_name_for (self, pdf ? ".pdf" : ".txt");

  dialog = gtk_file_chooser_native_new (pdf ? _("Save as PDF") : _("Save as Text"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Plain text"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/plain");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "channel", GUINT_TO_POINTER (channel));
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_save_pdf_activated (CartaSendPage *self)
{
  choose_file (self, CARTA_DELIVERY_PDF);
}

static void
on_save_text_activated (CartaSendPage *self)
{
  choose_file (self, CARTA_DELIVERY_TEXT);
}

/* ------------------------------------------------------------------------
 * Copy, Email
 */

static char *
body_with_subject (CartaSendPage *self)
{
  const char *subject = carta_letter_get_subject (self->letter);
  const char *body = carta_letter_get_body (self->letter);
  g_autoptr(GString) text = g_string_new (NULL);

  if (subject != NULL && *subject != '\0')
    g_string_append_printf (text, "%s\n\n", subject);
  g_string_append (text, body ? body : "");
  if (self->sender != NULL && carta_profile_get_name (self->sender) != NULL)
    g_string_append_printf (text, "\n%s", carta_profile_get_name (self->sender));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_copy_activated (CartaSendPage *self)
{
  g_autofree char *text = body_with_subject (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  carta_send_page_toast (self, _("Copied. Paste it into the form."));
  carta_send_page_record (self, CARTA_DELIVERY_TEXT);
}

static const char *
email_address (CartaSendPage *self)
{
  const char *address = self->target ? carta_target_get_email (self->target) : NULL;

  return address != NULL && *address != '\0' ? address : NULL;
}

char *
carta_send_page_dup_mailto (CartaSendPage *self)
{
  const char *address;
  const char *subject;
  g_autofree char *body = NULL;
  g_autofree char *to = NULL;
  g_autofree char *escaped_subject = NULL;
  g_autofree char *escaped_body = NULL;

  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), NULL);

  if ((address = email_address (self)) == NULL)
    return NULL;

  subject = carta_letter_get_subject (self->letter);
  body = g_strdup (carta_letter_get_body (self->letter) ? carta_letter_get_body (self->letter) : "");
  if (self->sender != NULL && carta_profile_get_name (self->sender) != NULL)
    {
      char *signed_body = g_strdup_printf ("%s\n%s", body, carta_profile_get_name (self->sender));
      g_free (body);
      body = signed_body;
    }
  /* RFC 6068: everything but unreserved characters percent-encoded. */
  to = g_uri_escape_string (address, "@", FALSE);
  escaped_subject = g_uri_escape_string (subject ? subject : "", NULL, FALSE);
  escaped_body = g_uri_escape_string (body, NULL, FALSE);
  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", to, escaped_subject, escaped_body);
}

static void
on_mailto_launched (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CartaSendPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      carta_send_page_toast (self, _("No email application could be opened. Copy the text and paste it into an email instead."));
      return;
    }
  carta_send_page_record (self, CARTA_DELIVERY_EMAIL);
}

static void
open_mailto (CartaSendPage *self)
{
  g_autofree char *uri = carta_send_page_dup_mailto (self);

  self->busy++;
  g_app_info_launch_default_for_uri_async (uri, NULL, self->cancellable, on_mailto_launched, g_object_ref (self));
}

static void
on_email_composed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CartaSendPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (!xdp_portal_compose_email_finish (XDP_PORTAL (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* No portal (outside a sandbox, or none installed): a mailto: address. */
      open_mailto (self);
      return;
    }
  carta_send_page_record (self, CARTA_DELIVERY_EMAIL);
}

static void
on_email_activated (CartaSendPage *self)
{
  g_autoptr(XdpPortal) portal = xdp_portal_new ();
  const char *addresses[] = { email_address (self), NULL };
  g_autofree char *body = body_with_subject (self);
  const char *subject = carta_letter_get_subject (self->letter);
  XdpParent *parent;

  if (addresses[0] == NULL || carta_send_page_is_demo (self))
    return;

  /* The body without the subject line: the subject has its own field. */
  g_free (body);
  body = g_strdup (carta_letter_get_body (self->letter) ? carta_letter_get_body (self->letter) : "");
  if (self->sender != NULL && carta_profile_get_name (self->sender) != NULL)
    {
      char *signed_body = g_strdup_printf ("%s\n%s", body, carta_profile_get_name (self->sender));
      g_free (body);
      body = signed_body;
    }

  parent = xdp_parent_new_gtk (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  self->busy++;
  xdp_portal_compose_email (portal, parent, addresses, NULL, NULL, subject, body, NULL,
                            XDP_EMAIL_FLAG_NONE, self->cancellable, on_email_composed, g_object_ref (self));
  xdp_parent_free (parent);
}

/* ------------------------------------------------------------------------
 * The object
 */

/* What depends on the letter's text: how many pages it prints on. */
static void
refresh (CartaSendPage *self)
{
  g_autoptr(CartaPrintable) printable = NULL;
  g_autofree char *subtitle = NULL;
  CartaPaper paper;
  guint pages;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->letter == NULL)
    return;

  printable = carta_send_page_make_printable (self);
  paper = carta_send_page_get_paper (self);
  pages = carta_renderer_count_pages (printable, paper);
  subtitle = g_strdup_printf (paper == CARTA_PAPER_LETTER
                              /* Translators: how the letter prints */
                              ? ngettext ("%u page of US Letter paper, to sign and post",
                                          "%u pages of US Letter paper, to sign and post", pages)
                              /* Translators: how the letter prints */
                              : ngettext ("%u page of A4 paper, to sign and post",
                                          "%u pages of A4 paper, to sign and post", pages),
                              pages);
  adw_action_row_set_subtitle (self->print_row, subtitle);
}

static gboolean
refresh_when_idle (gpointer user_data)
{
  CartaSendPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Edits come a keystroke at a time: the page is brought up to date once
 * they pause, and only while it is on show. */
static void
on_letter_changed (CartaSendPage *self)
{
  if (self->refresh_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->refresh_id = g_idle_add (refresh_when_idle, self);
}

static void
carta_send_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (carta_send_page_parent_class)->map (widget);
  refresh (CARTA_SEND_PAGE (widget));
}

static void
carta_send_page_dispose (GObject *object)
{
  CartaSendPage *self = CARTA_SEND_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_signal_handler (&self->letter_changed_id, self->letter);
  if (self->submit_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->submit_dialog));
  g_clear_weak_pointer (&self->submit_dialog);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->channel_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARTA_TYPE_SEND_PAGE);
  g_clear_object (&self->application);
  g_clear_object (&self->letter);
  g_clear_object (&self->template);
  g_clear_object (&self->campaign);
  g_clear_object (&self->person);
  g_clear_object (&self->target);
  g_clear_object (&self->sender);

  G_OBJECT_CLASS (carta_send_page_parent_class)->dispose (object);
}

static void
carta_send_page_finalize (GObject *object)
{
  CartaSendPage *self = CARTA_SEND_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->last_message);

  G_OBJECT_CLASS (carta_send_page_parent_class)->finalize (object);
}

static void
carta_send_page_class_init (CartaSendPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_send_page_dispose;
  object_class->finalize = carta_send_page_finalize;
  widget_class->map = carta_send_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-send-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, demo_note);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, print_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, envelope_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, author_switch);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, send_group);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, submit_group);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_print_activated",
                                                G_CALLBACK (carta_send_page_on_print_activated));
  gtk_widget_class_bind_template_callback (widget_class, on_save_pdf_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_save_text_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_email_activated);
}

static void
carta_send_page_init (CartaSendPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->channel_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

CartaSendPage *
carta_send_page_new (void)
{
  return g_object_new (CARTA_TYPE_SEND_PAGE, NULL);
}

void
carta_send_page_set_letter (CartaSendPage    *self,
                            CartaApplication *application,
                            CartaLetter      *letter,
                            CartaTemplate    *template,
                            CartaCampaign    *campaign,
                            CartaCase        *person,
                            CartaTarget      *target,
                            CartaProfile     *sender)
{
  const char *address;
  gboolean demo, unreachable;

  g_return_if_fail (CARTA_IS_SEND_PAGE (self));
  g_return_if_fail (CARTA_IS_APPLICATION (application));
  g_return_if_fail (CARTA_IS_LETTER (letter));

  if (self->letter != letter)
    {
      g_clear_signal_handler (&self->letter_changed_id, self->letter);
      g_set_object (&self->letter, letter);
      self->letter_changed_id = g_signal_connect_swapped (letter, "changed", G_CALLBACK (on_letter_changed), self);
    }
  g_set_object (&self->application, application);
  g_set_object (&self->template, template);
  g_set_object (&self->campaign, campaign);
  g_set_object (&self->person, person);
  g_set_object (&self->target, target);
  g_set_object (&self->sender, sender);

  /* The example person is never written to for real; nor is someone
   * released or dead since the draft was begun. */
  demo = carta_send_page_is_demo (self);
  unreachable = carta_send_page_is_unreachable (self);
  if (demo)
    gtk_label_set_text (self->demo_note, _("This letter is to an example person: it can be printed or saved "
                                           "to see how it looks, but not sent."));
  else if (unreachable)
    gtk_label_set_text (self->demo_note, _("Since this letter was begun, its recipient has been released or "
                                           "has died: it can no longer be sent to the prison."));
  gtk_widget_set_visible (GTK_WIDGET (self->demo_note), demo || unreachable);
  gtk_widget_set_visible (GTK_WIDGET (self->send_group), !demo && !unreachable);

  address = email_address (self);
  gtk_widget_set_visible (GTK_WIDGET (self->email_row), address != NULL);
  if (address != NULL)
    {
      /* A row's subtitle is markup; the address is data. */
      g_autofree char *escaped = g_markup_escape_text (address, -1);
      adw_action_row_set_subtitle (self->email_row, escaped);
    }

  carta_send_page_update_channels (self);
  refresh (self);
}

const char *
carta_send_page_get_last_message (CartaSendPage *self)
{
  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), NULL);
  return self->last_message;
}

gboolean
carta_send_page_get_busy (CartaSendPage *self)
{
  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), FALSE);
  return self->busy > 0;
}
