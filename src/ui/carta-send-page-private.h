/* carta-send-page-private.h: what the send page's tests may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-send-page.h"
#include "carta-submit-dialog.h"

G_BEGIN_DECLS

/* As Save as PDF… and Save as Text… do once a file is chosen. */
void      carta_send_page_save_pdf_to  (CartaSendPage *self,
                                        GFile         *file);
void      carta_send_page_save_text_to (CartaSendPage *self,
                                        GFile         *file);
/* As Print… does, printing into a PDF file instead of on paper. */
void      carta_send_page_print_to     (CartaSendPage *self,
                                        const char    *pdf_path);
/* The mailto: address Email… opens without the email portal; NULL when the
 * addressee has no email address. */
char     *carta_send_page_dup_mailto   (CartaSendPage *self);
/* The organizations the letter can be submitted to, and the confirmation
 * the @index-th one's row opens. */
guint              carta_send_page_get_n_channels     (CartaSendPage *self);
CartaSubmitDialog *carta_send_page_open_submit_dialog (CartaSendPage *self,
                                                       guint          index);
/* Submits to the @index-th as its dialog does once confirmed, sharing the
 * sender's name only if @share_name; @token for an OSDI channel. */
gboolean           carta_send_page_submit             (CartaSendPage  *self,
                                                       guint           index,
                                                       gboolean        share_name,
                                                       const char     *token,
                                                       GError        **error);
/* What the page last told the writer in a toast, as markup; or NULL. */
const char        *carta_send_page_get_last_message   (CartaSendPage *self);
/* Whether a save, print or record is still under way. */
gboolean  carta_send_page_get_busy     (CartaSendPage *self);

G_END_DECLS
