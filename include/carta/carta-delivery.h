/* carta-delivery.h: one letter on its way out, or one that left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARTA_TYPE_DELIVERY_CHANNEL (carta_delivery_channel_get_type ())
#define CARTA_TYPE_DELIVERY_STATE   (carta_delivery_state_get_type ())
#define CARTA_TYPE_DELIVERY         (carta_delivery_get_type ())

/* How a letter left. The first two go through the outbox; the others are
 * recorded in the history when the user prints, saves or mails a letter. */
typedef enum {
  CARTA_DELIVERY_FORWARD,     /* Carta's forwarding protocol (docs/submission-protocol.md) */
  CARTA_DELIVERY_OSDI,        /* an OSDI outreach (Action Network) */
  CARTA_DELIVERY_PRINT,
  CARTA_DELIVERY_PDF,
  CARTA_DELIVERY_TEXT,
  CARTA_DELIVERY_EMAIL,
} CartaDeliveryChannel;

typedef enum {
  CARTA_DELIVERY_QUEUED,      /* on disk, waiting for its (next) attempt */
  CARTA_DELIVERY_SENDING,
  CARTA_DELIVERY_SENT,
  CARTA_DELIVERY_FAILED,      /* stopped: the user must act (see last-error) */
  CARTA_DELIVERY_CANCELLED,
} CartaDeliveryState;

GType       carta_delivery_channel_get_type        (void) G_GNUC_CONST;
GType       carta_delivery_state_get_type          (void) G_GNUC_CONST;
const char *carta_delivery_channel_to_string       (CartaDeliveryChannel channel);
gboolean    carta_delivery_channel_from_string     (const char          *str,
                                                    CartaDeliveryChannel *channel);
const char *carta_delivery_state_to_string         (CartaDeliveryState   state);
gboolean    carta_delivery_state_from_string       (const char          *str,
                                                    CartaDeliveryState  *state);

G_DECLARE_FINAL_TYPE (CartaDelivery, carta_delivery, CARTA, DELIVERY, GObject)

/* A submission (FORWARD or OSDI) to @endpoint with the prepared request
 * @body, which every attempt sends unchanged. It gets a fresh random UUID:
 * its id and its Idempotency-Key. @token is the OSDI API token (NULL for
 * FORWARD). The summary fields are for the UI and the history. */
CartaDelivery        *carta_delivery_new_submission   (CartaDeliveryChannel  channel,
                                                       const char           *endpoint,
                                                       GBytes               *body,
                                                       const char           *token,
                                                       const char           *recipient_name,
                                                       const char           *campaign_uid,
                                                       const char           *case_uid,
                                                       const char           *language);
/* A letter that left the machine another way (print, PDF, text, email):
 * already sent, to be recorded in the history. */
CartaDelivery        *carta_delivery_new_record       (CartaDeliveryChannel  channel,
                                                       const char           *recipient_name,
                                                       const char           *campaign_uid,
                                                       const char           *case_uid,
                                                       const char           *language);

const char           *carta_delivery_get_id           (CartaDelivery *self);
CartaDeliveryChannel  carta_delivery_get_channel      (CartaDelivery *self);
const char           *carta_delivery_get_endpoint     (CartaDelivery *self);
GBytes               *carta_delivery_get_body         (CartaDelivery *self);
const char           *carta_delivery_get_token        (CartaDelivery *self);
CartaDeliveryState    carta_delivery_get_state        (CartaDelivery *self);
guint                 carta_delivery_get_attempts     (CartaDelivery *self);
/* When the next attempt is due; NULL when none is planned. */
GDateTime            *carta_delivery_get_next_attempt (CartaDelivery *self);
/* Why the last attempt failed, in words the user understands; or NULL. */
const char           *carta_delivery_get_last_error   (CartaDelivery *self);
/* What the server called the letter (for the user's records); or NULL. */
const char           *carta_delivery_get_receipt      (CartaDelivery *self);
GDateTime            *carta_delivery_get_created      (CartaDelivery *self);
GDateTime            *carta_delivery_get_sent         (CartaDelivery *self);
const char           *carta_delivery_get_recipient_name (CartaDelivery *self);
const char           *carta_delivery_get_campaign_uid (CartaDelivery *self);
const char           *carta_delivery_get_case_uid     (CartaDelivery *self);
const char           *carta_delivery_get_language     (CartaDelivery *self);

/* Serialization: the outbox keeps everything (token included, in a 0600
 * file); the history leaves out the body, the token and the endpoint's path. */
char                 *carta_delivery_to_json          (CartaDelivery *self,
                                                       gboolean       for_history);
CartaDelivery        *carta_delivery_new_from_json    (const char    *json,
                                                       gssize         length,
                                                       GError       **error);

/* For the outbox, which alone changes a delivery's progress. Each notifies
 * only on change. */
void                  carta_delivery_set_state        (CartaDelivery      *self,
                                                       CartaDeliveryState  state);
void                  carta_delivery_set_attempts     (CartaDelivery      *self,
                                                       guint               attempts);
void                  carta_delivery_set_next_attempt (CartaDelivery      *self,
                                                       GDateTime          *next_attempt);
void                  carta_delivery_set_last_error   (CartaDelivery      *self,
                                                       const char         *last_error);
void                  carta_delivery_set_receipt      (CartaDelivery      *self,
                                                       const char         *receipt);
void                  carta_delivery_set_sent         (CartaDelivery      *self,
                                                       GDateTime          *sent);

G_END_DECLS
