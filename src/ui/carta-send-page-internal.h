/* carta-send-page-internal.h: what the send page's two files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-send-page-private.h"
#include "carta-submit-dialog.h"

G_BEGIN_DECLS

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
  gulong            letter_changed_id;
  guint             refresh_id;
  /* What the page last told the writer (tests read it). */
  char             *last_message;
  /* The channels on offer, a row each in submit_group. */
  GPtrArray        *channels;
  GPtrArray        *channel_rows;
  /* The submission being confirmed, while it is on show. */
  CartaSubmitDialog *submit_dialog;

  GtkLabel         *demo_note;
  AdwActionRow     *print_row;
  AdwComboRow      *envelope_row;
  GtkSwitch        *author_switch;
  AdwPreferencesGroup *send_group;
  AdwActionRow     *email_row;
  AdwPreferencesGroup *submit_group;
};

/* The letter as it goes on paper, dated now. */
CartaPrintable *carta_send_page_make_printable (CartaSendPage *self);
/* Whom the letter is to, as the history names them. */
const char     *carta_send_page_recipient_name (CartaSendPage *self);
gboolean        carta_send_page_is_demo        (CartaSendPage *self);
/* Whether the prisoner was released or died since the letter was begun. */
gboolean        carta_send_page_is_unreachable (CartaSendPage *self);
CartaPaper      carta_send_page_get_paper      (CartaSendPage *self);
/* The title a file or print job gets: the subject, or to whom it is. */
char           *carta_send_page_dup_title      (CartaSendPage *self);
/* Whether an envelope page follows the letter, and which. */
gboolean        carta_send_page_get_envelope   (CartaSendPage *self,
                                                CartaEnvelope *envelope);
/* Records in the history a letter that left through @channel. */
void            carta_send_page_record         (CartaSendPage        *self,
                                                CartaDeliveryChannel  channel);
/* Tells the writer @message (plain text) in a toast. */
void            carta_send_page_toast          (CartaSendPage *self,
                                                const char    *message);
/* Shows @toast (taking it) over the window, and remembers its title. */
void            carta_send_page_show_toast     (CartaSendPage *self,
                                                AdwToast      *toast);

/* carta-send-page-print.c: Print…. */
void            carta_send_page_on_print_activated (CartaSendPage *self);

/* carta-send-page-submit.c: the Submit Online group. */
void            carta_send_page_update_channels (CartaSendPage *self);

G_END_DECLS
