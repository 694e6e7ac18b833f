/* carta-submitter.h: the two ways Carta submits a letter online
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FORWARD is Carta's own protocol for services that print and post letters
 * (docs/submission-protocol.md); OSDI records an outreach with Action
 * Network. Both are a JSON POST over HTTPS; plain http:// is accepted only
 * for loopback addresses (127.0.0.1, ::1), which tests use.
 */
#pragma once

#include <libsoup/soup.h>

#include "carta-delivery.h"

G_BEGIN_DECLS

#define CARTA_SUBMITTER_ERROR (carta_submitter_error_quark ())

/* Every error's message is a sentence the user can read. */
typedef enum {
  CARTA_SUBMITTER_ERROR_TEMPORARY,    /* no connection, timeout, 5xx, 408: try again later */
  CARTA_SUBMITTER_ERROR_RATE_LIMITED, /* 429: try again, not before Retry-After */
  CARTA_SUBMITTER_ERROR_REFUSED,      /* another 4xx, or a redirect: the user must act */
  CARTA_SUBMITTER_ERROR_UNTRUSTED,    /* the server's certificate is not trusted */
  CARTA_SUBMITTER_ERROR_MALFORMED,    /* the answer is not what the protocol says */
  CARTA_SUBMITTER_ERROR_INSECURE,     /* not https:// (nor loopback http://) */
  CARTA_SUBMITTER_ERROR_INCOMPLETE,   /* the letter lacks what the protocol needs */
} CartaSubmitterError;

GQuark carta_submitter_error_quark (void);

/* The version of the forwarding protocol Carta speaks. */
#define CARTA_SUBMISSION_VERSION 1

/* What a submission says. Strings are UTF-8; NULL leaves a field out.
 * Only fill the sender's fields the user agreed to share. */
typedef struct
{
  /* The letter. */
  const char         *subject;
  const char         *body;
  const char         *language;
  /* Catalog uids ("source:id") and the recipient as the feed gave them. */
  const char         *campaign_uid;
  const char         *case_uid;
  const char         *recipient_name;
  const char * const *recipient_address_lines;
  const char         *recipient_country;
  /* OSDI: the official the outreach is to. */
  const char         *target_title;
  const char         *target_given_name;
  const char         *target_family_name;
  const char         *target_organization;
  /* The sender: only what the user agreed to share. */
  const char         *sender_name;
  const char         *sender_given_name;
  const char         *sender_family_name;
  const char         *sender_email;
  const char * const *sender_address_lines;
  const char         *sender_locality;
  const char         *sender_region;
  const char         *sender_postal_code;
  const char         *sender_country;
  /* OSDI: tags to add to the person. */
  const char * const *tags;
} CartaSubmission;

/* Whether @endpoint may receive letters: https://, or http:// to loopback.
 * Otherwise sets a CARTA_SUBMITTER_ERROR_INSECURE error. */
gboolean  carta_submitter_check_endpoint (const char             *endpoint,
                                          GError                **error);
/* The request body for @channel (FORWARD or OSDI), built once so that
 * every attempt sends the same bytes. */
GBytes   *carta_submitter_build_body     (CartaDeliveryChannel    channel,
                                          const CartaSubmission  *submission,
                                          GError                **error);

/* Sends @delivery once: POST of its body with its id as Idempotency-Key
 * (and its token as OSDI-API-Token). Redirects are not followed. */
void      carta_submitter_send_async     (SoupSession            *session,
                                          CartaDelivery          *delivery,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
/* The receipt, or NULL with an error of CARTA_SUBMITTER_ERROR (or
 * G_IO_ERROR_CANCELLED). @retry_after gets the seconds the server asked to
 * wait (Retry-After), or -1. */
char     *carta_submitter_send_finish    (GAsyncResult           *result,
                                          gint64                 *retry_after,
                                          GError                **error);

/* Whether trying again later may succeed. */
gboolean  carta_submitter_error_is_temporary (const GError *error);

G_END_DECLS
