/* carta-send-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The composer's last step: print the letter (GtkPrintOperation drawing
 * the renderer's pages, so it prints as previewed), save it as PDF or
 * plain text (files chosen with GtkFileChooserNative, written in worker
 * threads), copy it for a web form, or email it through the desktop's
 * email portal, falling back to a mailto: address. Each letter that leaves
 * this way is recorded in the history, except letters to the example
 * person, which never leave.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "carta-send-page-private.h"

struct _CartaSendPage
{
  AdwBin            parent_instance;

  CartaApplication *application;
  CartaLetter      *letter;
  CartaTemplate    *template;
  CartaCampaign    *campaign;
  CartaCase        *person;
  CartaTarget      *target;
  CartaProfile     *sender;
  GCancellable     *cancellable;
  guint             busy;

  GtkLabel         *demo_note;
  AdwActionRow     *print_row;
  GtkSwitch        *envelope_switch;
  GtkSwitch        *author_switch;
  AdwPreferencesGroup *send_group;
  AdwActionRow     *email_row;
  GPtrArray        *channel_rows;
};

G_DEFINE_FINAL_TYPE (CartaSendPage, carta_send_page, ADW_TYPE_BIN)

/* ------------------------------------------------------------------------
 * The letter
 */

static CartaPrintable *
make_printable (CartaSendPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return carta_compose_printable (self->letter, self->person, self->target, self->sender, now);
}

static CartaPaper
current_paper (CartaSendPage *self)
{
  return carta_application_get_paper (self->application);
}

static const char *
recipient_name (CartaSendPage *self)
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
static char *
letter_title (CartaSendPage *self)
{
  const char *subject = carta_letter_get_subject (self->letter);
  const char *whom = recipient_name (self);

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
  g_autofree char *title = letter_title (self);
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

static gboolean
is_demo (CartaSendPage *self)
{
  return self->person != NULL && carta_case_get_is_demo (self->person);
}

/* A letter to a prison whose prisoner is no longer there. */
static gboolean
is_unreachable (CartaSendPage *self)
{
  CartaCaseStatus status;

  if (self->person == NULL || self->target != NULL)
    return FALSE;
  status = carta_case_get_status (self->person);
  return status == CARTA_CASE_STATUS_RELEASED || status == CARTA_CASE_STATUS_DECEASED;
}

static void
toast (CartaSendPage *self,
       const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
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
      toast (self, message);
    }
}

static void
record (CartaSendPage        *self,
        CartaDeliveryChannel  channel)
{
  CartaHistory *history = carta_application_get_history (self->application);
  g_autoptr(CartaDelivery) delivery = NULL;

  if (history == NULL || is_demo (self))
    return;

  delivery = carta_delivery_new_record (channel, recipient_name (self),
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
  gboolean        envelope;
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
  g_autoptr(GFileOutputStream) output = NULL;
  GError *error = NULL;

  /* Replaced whole, or not at all: a failed write leaves the old file. */
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (output == NULL ||
      !carta_renderer_write_pdf (job->printable, job->paper, job->envelope, CARTA_ENVELOPE_DL,
                                 job->title, job->author, G_OUTPUT_STREAM (output), cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &error))
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
      toast (self, message);
      return;
    }

  /* Translators: a file name */
  message = g_strdup_printf (_("Saved as “%s”"), name);
  toast (self, message);
  record (self, channel);
}

static void
start_save (CartaSendPage        *self,
            GFile                *file,
            CartaDeliveryChannel  channel)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_saved, GUINT_TO_POINTER (channel));

  job->printable = make_printable (self);
  job->paper = current_paper (self);
  job->envelope = gtk_switch_get_active (self->envelope_switch);
  job->title = letter_title (self);
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
 * Print
 */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                CartaSendPage     *self)
{
  CartaPrintable *printable = g_object_get_data (G_OBJECT (operation), "printable");
  CartaPaper paper = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (operation), "paper"));
  guint pages = carta_renderer_count_pages (printable, paper);

  if (gtk_switch_get_active (self->envelope_switch))
    pages++;
  gtk_print_operation_set_n_pages (operation, pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              CartaSendPage     *self)
{
  CartaPrintable *printable = g_object_get_data (G_OBJECT (operation), "printable");
  CartaPaper paper = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (operation), "paper"));
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint letter_pages = carta_renderer_count_pages (printable, paper);
  double paper_width, paper_height;

  /* The context is in points with the origin at the paper's corner; a
   * printer whose paper differs gets the page scaled to fit. */
  carta_paper_get_size (paper, &paper_width, &paper_height);
  cairo_save (cr);
  cairo_scale (cr,
               MIN (gtk_print_context_get_width (context) / paper_width,
                    gtk_print_context_get_height (context) / paper_height),
               MIN (gtk_print_context_get_width (context) / paper_width,
                    gtk_print_context_get_height (context) / paper_height));
  if ((guint) page < letter_pages)
    carta_renderer_draw_page (printable, paper, page, cr);
  else
    carta_renderer_draw_envelope (printable, CARTA_ENVELOPE_DL, cr);
  cairo_restore (cr);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CartaSendPage           *self)
{
  self->busy--;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("The letter could not be printed: %s"),
                                 error ? error->message : _("unknown error"));
      toast (self, message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    record (self, CARTA_DELIVERY_PRINT);
  g_object_unref (self);
}

static void
print (CartaSendPage           *self,
       GtkPrintOperationAction  action,
       const char              *export_path)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) size = NULL;
  CartaPaper paper = current_paper (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = letter_title (self);

  size = gtk_paper_size_new (paper == CARTA_PAPER_LETTER ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  g_object_set_data_full (G_OBJECT (operation), "printable", make_printable (self),
                          (GDestroyNotify) carta_printable_free);
  g_object_set_data (G_OBJECT (operation), "paper", GUINT_TO_POINTER (paper));
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done), g_object_ref (self));

  self->busy++;
  if (gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The letter could not be printed: %s"), error->message);
      toast (self, message);
    }
}

static void
on_print_activated (CartaSendPage *self)
{
  print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

void
carta_send_page_print_to (CartaSendPage *self,
                          const char    *pdf_path)
{
  g_return_if_fail (CARTA_IS_SEND_PAGE (self));
  print (self, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf_path);
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
  toast (self, _("Copied. Paste it into the form."));
  record (self, CARTA_DELIVERY_TEXT);
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
      toast (self, _("No email application could be opened. Copy the text and paste it into an email instead."));
      return;
    }
  record (self, CARTA_DELIVERY_EMAIL);
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
  record (self, CARTA_DELIVERY_EMAIL);
}

static void
on_email_activated (CartaSendPage *self)
{
  g_autoptr(XdpPortal) portal = xdp_portal_new ();
  const char *addresses[] = { email_address (self), NULL };
  g_autofree char *body = body_with_subject (self);
  const char *subject = carta_letter_get_subject (self->letter);
  XdpParent *parent;

  if (addresses[0] == NULL || is_demo (self))
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
 * Submit online
 */

static const char *
channel_name (CartaChannel *channel)
{
  const char *name = carta_text_get_ui (carta_channel_get_name (channel));

  return name ? name : carta_channel_get_url (channel);
}

static void
on_enqueued (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CartaSendPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (!carta_outbox_enqueue_finish (CARTA_OUTBOX (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The letter could not be put in the outbox: %s"),
                                                  error->message);
      toast (self, message);
      return;
    }
  toast (self, _("In the outbox: it is sent as soon as there is a connection. See Sent Letters."));
}

/* Builds the submission with only what the writer agreed to share. */
static gboolean
submit (CartaSendPage  *self,
        CartaChannel   *channel,
        gboolean        share_name,
        gboolean        share_email,
        gboolean        share_address,
        const char     *token,
        GError        **error)
{
  CartaOutbox *outbox = carta_application_get_outbox (self->application);
  const char *lang = carta_letter_get_language (self->letter);
  CartaSubmission submission = { 0 };
  g_autoptr(CartaPrintable) printable = make_printable (self);
  g_auto(GStrv) sender_lines = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CartaDelivery) delivery = NULL;
  g_autofree char *text = NULL;
  const char * const langs[] = { lang, NULL };
  CartaAddress *address = NULL;

  if (outbox == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The outbox is not ready yet."));
      return FALSE;
    }

  /* The body as it is signed on paper, if the writer shares their name:
   * the signature is their name too. */
  text = g_strdup_printf ("%s%s%s", carta_letter_get_body (self->letter) ? carta_letter_get_body (self->letter) : "",
                          share_name && printable->signature ? "\n" : "",
                          share_name && printable->signature ? printable->signature : "");
  submission.subject = carta_letter_get_subject (self->letter);
  submission.body = text;
  submission.language = lang;
  submission.campaign_uid = carta_letter_get_campaign_uid (self->letter);
  submission.case_uid = carta_letter_get_case_uid (self->letter);
  submission.recipient_name = recipient_name (self);

  if (self->target != NULL)
    {
      submission.target_title = carta_text_lookup (carta_target_get_title (self->target), langs);
      submission.target_organization = carta_text_lookup (carta_target_get_organization (self->target), langs);
      address = carta_target_get_address (self->target);
    }
  else if (self->person != NULL)
    address = carta_case_get_address (self->person);
  if (address != NULL)
    {
      submission.recipient_address_lines = carta_address_get_lines (address);
      submission.recipient_country = carta_address_get_country (address);
    }

  if (self->sender != NULL)
    {
      if (share_name)
        submission.sender_name = carta_profile_get_name (self->sender);
      if (share_email)
        submission.sender_email = carta_profile_get_email (self->sender);
      if (share_address && carta_profile_get_return_address (self->sender) != NULL)
        {
          sender_lines = g_strsplit (carta_profile_get_return_address (self->sender), "\n", -1);
          submission.sender_address_lines = (const char * const *) sender_lines;
          submission.sender_locality = carta_profile_get_city (self->sender);
          submission.sender_country = carta_profile_get_country (self->sender);
        }
    }

  body = carta_submitter_build_body (carta_channel_get_kind (channel), &submission, error);
  if (body == NULL)
    return FALSE;

  delivery = carta_delivery_new_submission (carta_channel_get_kind (channel), carta_channel_get_url (channel),
                                            body, token && *token ? token : NULL, submission.recipient_name,
                                            submission.campaign_uid, submission.case_uid, lang);
  self->busy++;
  carta_outbox_enqueue_async (outbox, delivery, self->cancellable, on_enqueued, g_object_ref (self));
  return TRUE;
}

static void
on_submit_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CartaSendPage    *self)
{
  CartaChannel *channel = g_object_get_data (G_OBJECT (dialog), "channel");
  GtkCheckButton *name = g_object_get_data (G_OBJECT (dialog), "share-name");
  GtkCheckButton *email = g_object_get_data (G_OBJECT (dialog), "share-email");
  GtkCheckButton *address = g_object_get_data (G_OBJECT (dialog), "share-address");
  GtkEditable *token = g_object_get_data (G_OBJECT (dialog), "token");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "submit") != 0)
    return;

  if (!submit (self, channel,
               name && gtk_check_button_get_active (name),
               email && gtk_check_button_get_active (email),
               address && gtk_check_button_get_active (address),
               token ? gtk_editable_get_text (token) : NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The letter was not submitted: %s"), error->message);
      toast (self, message);
    }
}

static GtkWidget *
share_check (GtkBox     *box,
             const char *label,
             const char *value)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", label, value);
  GtkWidget *check = gtk_check_button_new_with_label (text);

  gtk_box_append (box, check);
  return check;
}

static void
on_channel_activated (AdwActionRow  *row,
                      CartaSendPage *self)
{
  CartaChannel *channel = g_object_get_data (G_OBJECT (row), "channel");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  g_autofree char *heading = NULL;
  g_autofree char *what = NULL;
  AdwMessageDialog *dialog;
  const char *whom = recipient_name (self);

  /* Translators: the organization a letter is submitted to */
  heading = g_strdup_printf (_("Submit to %s?"), channel_name (channel));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       heading, NULL));
  what = g_strdup_printf (_("They receive the letter, its language and whom it is for (%s) at %s. "
                            "Of you, only what you tick below."),
                          whom ? whom : _("the recipient"), carta_channel_get_url (channel));
  adw_message_dialog_set_body (dialog, what);

  if (self->sender != NULL && carta_profile_get_name (self->sender) != NULL)
    g_object_set_data (G_OBJECT (dialog), "share-name",
                       share_check (box, _("Your name"), carta_profile_get_name (self->sender)));
  if (self->sender != NULL && carta_profile_get_email (self->sender) != NULL)
    g_object_set_data (G_OBJECT (dialog), "share-email",
                       share_check (box, _("Your email address"), carta_profile_get_email (self->sender)));
  if (self->sender != NULL && carta_profile_get_return_address (self->sender) != NULL)
    {
      g_autofree char *one_line = g_strdelimit (g_strdup (carta_profile_get_return_address (self->sender)), "\n", ',');
      g_object_set_data (G_OBJECT (dialog), "share-address",
                         share_check (box, _("Your return address"), one_line));
    }
  if (carta_channel_get_kind (channel) == CARTA_DELIVERY_OSDI)
    {
      GtkWidget *token = gtk_password_entry_new ();

      gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (token), TRUE);
      g_object_set (token, "placeholder-text", _("The organizer’s API key"), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (token), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The organizer’s API key"), -1);
      gtk_box_append (box, token);
      g_object_set_data (G_OBJECT (dialog), "token", token);
    }
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (box));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "submit", _("_Submit"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "submit", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "submit");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "channel", g_object_ref (channel), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_submit_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_channel_rows (CartaSendPage *self,
                  GPtrArray     *channels)
{
  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      CartaChannel *channel = g_ptr_array_index (channels, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *title = g_strdup_printf (_("Submit to %s…"), channel_name (channel));
      GtkWidget *icon = gtk_image_new_from_icon_name ("send-to-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (row, carta_channel_get_kind (channel) == CARTA_DELIVERY_FORWARD
                                        ? _("They print the letter and post it for you")
                                        : _("Recorded in the organizer’s campaign"));
      adw_action_row_add_prefix (row, icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "channel", g_object_ref (channel), g_object_unref);
      g_signal_connect (row, "activated", G_CALLBACK (on_channel_activated), self);
      adw_preferences_group_add (self->send_group, GTK_WIDGET (row));
      g_ptr_array_add (self->channel_rows, row);
    }
}

gboolean
carta_send_page_submit (CartaSendPage  *self,
                        guint           index,
                        gboolean        share_name,
                        const char     *token,
                        GError        **error)
{
  AdwActionRow *row;

  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), FALSE);
  g_return_val_if_fail (index < self->channel_rows->len, FALSE);

  row = g_ptr_array_index (self->channel_rows, index);
  return submit (self, g_object_get_data (G_OBJECT (row), "channel"), share_name, FALSE, FALSE, token, error);
}

guint
carta_send_page_get_n_channels (CartaSendPage *self)
{
  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), 0);
  return self->channel_rows->len;
}

/* ------------------------------------------------------------------------
 * The object
 */

static void
carta_send_page_dispose (GObject *object)
{
  CartaSendPage *self = CARTA_SEND_PAGE (object);

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
  g_clear_object (&CARTA_SEND_PAGE (object)->cancellable);
  g_ptr_array_unref (CARTA_SEND_PAGE (object)->channel_rows);

  G_OBJECT_CLASS (carta_send_page_parent_class)->finalize (object);
}

static void
carta_send_page_class_init (CartaSendPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_send_page_dispose;
  object_class->finalize = carta_send_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-send-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, demo_note);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, print_row);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, envelope_switch);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, author_switch);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, send_group);
  gtk_widget_class_bind_template_child (widget_class, CartaSendPage, email_row);
  gtk_widget_class_bind_template_callback (widget_class, on_print_activated);
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

  g_return_if_fail (CARTA_IS_SEND_PAGE (self));
  g_return_if_fail (CARTA_IS_APPLICATION (application));
  g_return_if_fail (CARTA_IS_LETTER (letter));

  g_set_object (&self->application, application);
  g_set_object (&self->letter, letter);
  g_set_object (&self->template, template);
  g_set_object (&self->campaign, campaign);
  g_set_object (&self->person, person);
  g_set_object (&self->target, target);
  g_set_object (&self->sender, sender);

  /* The example person is never written to for real; nor is someone
   * released or dead since the draft was begun. */
  if (is_demo (self))
    gtk_label_set_text (self->demo_note, _("This letter is to an example person: it can be printed or saved "
                                           "to see how it looks, but not sent."));
  else if (is_unreachable (self))
    gtk_label_set_text (self->demo_note, _("Since this letter was begun, its recipient has been released or "
                                           "has died: it can no longer be sent to the prison."));
  gtk_widget_set_visible (GTK_WIDGET (self->demo_note), is_demo (self) || is_unreachable (self));
  gtk_widget_set_visible (GTK_WIDGET (self->send_group), !is_demo (self) && !is_unreachable (self));

  address = email_address (self);
  gtk_widget_set_visible (GTK_WIDGET (self->email_row), address != NULL);

  /* Where the campaign or the person can be written to online. */
  for (guint i = 0; i < self->channel_rows->len; i++)
    adw_preferences_group_remove (self->send_group, g_ptr_array_index (self->channel_rows, i));
  g_ptr_array_set_size (self->channel_rows, 0);
  if (person != NULL)
    add_channel_rows (self, carta_case_get_channels (person));
  if (campaign != NULL)
    add_channel_rows (self, carta_campaign_get_channels (campaign));
  if (address != NULL)
    {
      /* A row's subtitle is markup; the address is data. */
      g_autofree char *escaped = g_markup_escape_text (address, -1);
      adw_action_row_set_subtitle (self->email_row, escaped);
    }
}

gboolean
carta_send_page_get_busy (CartaSendPage *self)
{
  g_return_val_if_fail (CARTA_IS_SEND_PAGE (self), FALSE);
  return self->busy > 0;
}
