/* carta-outbox.h: letters waiting to be submitted, kept safe on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "carta-delivery.h"
#include "carta-history.h"

G_BEGIN_DECLS

#define CARTA_TYPE_OUTBOX (carta_outbox_get_type ())

G_DECLARE_FINAL_TYPE (CartaOutbox, carta_outbox, CARTA, OUTBOX, GObject)

/* How many letters are sent at once, and the retry delays' defaults. */
#define CARTA_OUTBOX_MAX_CONCURRENT   4
#define CARTA_OUTBOX_RETRY_BASE_MS    2000
#define CARTA_OUTBOX_RETRY_MAX_MS     (60 * 60 * 1000)

/* A GListModel of the CartaDelivery objects not yet sent: queued, sending,
 * failed or cancelled. Each is a JSON file (0600) in @directory (NULL: the
 * user's data directory, carta/outbox). Sent letters leave the model for
 * @history (may be NULL). @monitor (NULL: the default) decides when the
 * network is there; nothing is attempted while it is not. */
CartaOutbox *carta_outbox_new           (SoupSession         *session,
                                         const char          *directory,
                                         CartaHistory        *history,
                                         GNetworkMonitor     *monitor);
const char  *carta_outbox_get_directory (CartaOutbox         *self);
/* The session later attempts use (a new proxy setting, say). With NULL,
 * nothing is sent until a session is given again: letters wait queued. */
void         carta_outbox_set_session   (CartaOutbox         *self,
                                         SoupSession         *session);

/* Reads the letters a previous run left (queued, sending, failed,
 * cancelled) and starts sending the queued ones. Load the history first:
 * a letter already in it is not sent again. */
void         carta_outbox_load_async    (CartaOutbox         *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     carta_outbox_load_finish   (CartaOutbox         *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Writes @delivery (queued, from carta_delivery_new_submission) to disk,
 * synced, and only then adds it to the model and sends it. Fails, and
 * keeps nothing, when the address is not secure or the disk refuses. */
void         carta_outbox_enqueue_async  (CartaOutbox         *self,
                                          CartaDelivery       *delivery,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     carta_outbox_enqueue_finish (CartaOutbox         *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* A failed or cancelled letter is queued again, to be sent now. */
gboolean     carta_outbox_retry          (CartaOutbox         *self,
                                          CartaDelivery       *delivery);
/* A queued letter is not sent; one being sent is aborted (the server may
 * still have received it: cancelling cannot call a letter back). */
gboolean     carta_outbox_cancel         (CartaOutbox         *self,
                                          CartaDelivery       *delivery);
/* Forgets a failed or cancelled letter. */
gboolean     carta_outbox_remove         (CartaOutbox         *self,
                                          CartaDelivery       *delivery);

/* Letters being sent right now, and whether any letter waits or is sent. */
guint        carta_outbox_get_n_sending  (CartaOutbox         *self);
gboolean     carta_outbox_get_busy       (CartaOutbox         *self);

G_END_DECLS
