/* carta-submit-dialog.h: what a submission shares, confirmed before it goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_SUBMIT_DIALOG (carta_submit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CartaSubmitDialog, carta_submit_dialog, CARTA, SUBMIT_DIALOG, AdwMessageDialog)

/* Lists what @channel's organization receives: @letter (its subject or
 * first words), its @language (a name to show), and @recipient (name and
 * address, one line each); then each of @sender's fields behind a check
 * button, all off. An OSDI channel also asks for the organizer's API
 * token. It answers "submit" or "cancel". */
CartaSubmitDialog *carta_submit_dialog_new              (GtkWindow         *parent,
                                                         CartaChannel      *channel,
                                                         const char        *letter,
                                                         const char        *language,
                                                         const char        *recipient,
                                                         CartaProfile      *sender);
CartaChannel      *carta_submit_dialog_get_channel      (CartaSubmitDialog *self);
/* What the writer ticked; FALSE for a field the profile does not have. */
gboolean           carta_submit_dialog_get_share_name    (CartaSubmitDialog *self);
gboolean           carta_submit_dialog_get_share_email   (CartaSubmitDialog *self);
gboolean           carta_submit_dialog_get_share_address (CartaSubmitDialog *self);
void               carta_submit_dialog_set_share         (CartaSubmitDialog *self,
                                                          gboolean           name,
                                                          gboolean           email,
                                                          gboolean           address);
/* The API token typed for an OSDI channel, stripped; NULL when none. */
char              *carta_submit_dialog_dup_token         (CartaSubmitDialog *self);
void               carta_submit_dialog_set_token         (CartaSubmitDialog *self,
                                                          const char        *token);

G_END_DECLS
