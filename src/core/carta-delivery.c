/* carta-delivery.c: one letter on its way out, or one that left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "carta-delivery.h"
#include "carta-error.h"

#define DELIVERY_FORMAT 1

G_DEFINE_ENUM_TYPE (CartaDeliveryChannel, carta_delivery_channel,
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_FORWARD, "forward"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_OSDI, "osdi"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_PRINT, "print"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_PDF, "pdf"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_EMAIL, "email"))

G_DEFINE_ENUM_TYPE (CartaDeliveryState, carta_delivery_state,
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_SENDING, "sending"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (CARTA_DELIVERY_CANCELLED, "cancelled"))

static const char *
enum_to_string (GType type,
                gint  value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev ? ev->value_nick : NULL;
}

static gboolean
enum_from_string (GType       type,
                  const char *str,
                  gint       *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  if (str == NULL)
    return FALSE;
  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, str);
  if (ev == NULL)
    return FALSE;
  *value = ev->value;
  return TRUE;
}

const char *
carta_delivery_channel_to_string (CartaDeliveryChannel channel)
{
  return enum_to_string (CARTA_TYPE_DELIVERY_CHANNEL, channel);
}

gboolean
carta_delivery_channel_from_string (const char           *str,
                                    CartaDeliveryChannel *channel)
{
  gint value;

  if (!enum_from_string (CARTA_TYPE_DELIVERY_CHANNEL, str, &value))
    return FALSE;
  *channel = value;
  return TRUE;
}

const char *
carta_delivery_state_to_string (CartaDeliveryState state)
{
  return enum_to_string (CARTA_TYPE_DELIVERY_STATE, state);
}

gboolean
carta_delivery_state_from_string (const char         *str,
                                  CartaDeliveryState *state)
{
  gint value;

  if (!enum_from_string (CARTA_TYPE_DELIVERY_STATE, str, &value))
    return FALSE;
  *state = value;
  return TRUE;
}

struct _CartaDelivery
{
  GObject               parent_instance;

  char                 *id;
  CartaDeliveryChannel  channel;
  char                 *endpoint;
  GBytes               *body;
  char                 *token;
  CartaDeliveryState    state;
  guint                 attempts;
  GDateTime            *next_attempt;
  char                 *last_error;
  char                 *receipt;
  GDateTime            *created;
  GDateTime            *sent;
  char                 *recipient_name;
  char                 *campaign_uid;
  char                 *case_uid;
  char                 *language;
};

G_DEFINE_FINAL_TYPE (CartaDelivery, carta_delivery, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CHANNEL,
  PROP_ENDPOINT,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_NEXT_ATTEMPT,
  PROP_LAST_ERROR,
  PROP_RECEIPT,
  PROP_CREATED,
  PROP_SENT,
  PROP_RECIPIENT_NAME,
  PROP_CAMPAIGN_UID,
  PROP_CASE_UID,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carta_delivery_finalize (GObject *object)
{
  CartaDelivery *self = CARTA_DELIVERY (object);

  g_free (self->id);
  g_free (self->endpoint);
  g_clear_pointer (&self->body, g_bytes_unref);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_clear_pointer (&self->next_attempt, g_date_time_unref);
  g_free (self->last_error);
  g_free (self->receipt);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->sent, g_date_time_unref);
  g_free (self->recipient_name);
  g_free (self->campaign_uid);
  g_free (self->case_uid);
  g_free (self->language);

  G_OBJECT_CLASS (carta_delivery_parent_class)->finalize (object);
}

static void
carta_delivery_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CartaDelivery *self = CARTA_DELIVERY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_NEXT_ATTEMPT:
      g_value_set_boxed (value, self->next_attempt);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_RECEIPT:
      g_value_set_string (value, self->receipt);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_SENT:
      g_value_set_boxed (value, self->sent);
      break;
    case PROP_RECIPIENT_NAME:
      g_value_set_string (value, self->recipient_name);
      break;
    case PROP_CAMPAIGN_UID:
      g_value_set_string (value, self->campaign_uid);
      break;
    case PROP_CASE_UID:
      g_value_set_string (value, self->case_uid);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_delivery_class_init (CartaDeliveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = carta_delivery_finalize;
  object_class->get_property = carta_delivery_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CHANNEL] = g_param_spec_enum ("channel", NULL, NULL, CARTA_TYPE_DELIVERY_CHANNEL,
                                                CARTA_DELIVERY_FORWARD, flags);
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, CARTA_TYPE_DELIVERY_STATE,
                                              CARTA_DELIVERY_QUEUED, flags);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NEXT_ATTEMPT] = g_param_spec_boxed ("next-attempt", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_RECEIPT] = g_param_spec_string ("receipt", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SENT] = g_param_spec_boxed ("sent", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_RECIPIENT_NAME] = g_param_spec_string ("recipient-name", NULL, NULL, NULL, flags);
  properties[PROP_CAMPAIGN_UID] = g_param_spec_string ("campaign-uid", NULL, NULL, NULL, flags);
  properties[PROP_CASE_UID] = g_param_spec_string ("case-uid", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carta_delivery_init (CartaDelivery *self)
{
}

static CartaDelivery *
delivery_new (CartaDeliveryChannel  channel,
              const char           *recipient_name,
              const char           *campaign_uid,
              const char           *case_uid,
              const char           *language)
{
  CartaDelivery *self = g_object_new (CARTA_TYPE_DELIVERY, NULL);

  self->id = g_uuid_string_random ();
  self->channel = channel;
  self->created = g_date_time_new_now_utc ();
  self->recipient_name = g_strdup (recipient_name);
  self->campaign_uid = g_strdup (campaign_uid);
  self->case_uid = g_strdup (case_uid);
  self->language = g_strdup (language);
  return self;
}

CartaDelivery *
carta_delivery_new_submission (CartaDeliveryChannel  channel,
                               const char           *endpoint,
                               GBytes               *body,
                               const char           *token,
                               const char           *recipient_name,
                               const char           *campaign_uid,
                               const char           *case_uid,
                               const char           *language)
{
  CartaDelivery *self;

  g_return_val_if_fail (channel == CARTA_DELIVERY_FORWARD || channel == CARTA_DELIVERY_OSDI, NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  self = delivery_new (channel, recipient_name, campaign_uid, case_uid, language);
  self->endpoint = g_strdup (endpoint);
  self->body = g_bytes_ref (body);
  self->token = g_strdup (token);
  self->state = CARTA_DELIVERY_QUEUED;
  return self;
}

CartaDelivery *
carta_delivery_new_record (CartaDeliveryChannel  channel,
                           const char           *recipient_name,
                           const char           *campaign_uid,
                           const char           *case_uid,
                           const char           *language)
{
  CartaDelivery *self = delivery_new (channel, recipient_name, campaign_uid, case_uid, language);

  self->state = CARTA_DELIVERY_SENT;
  self->sent = g_date_time_ref (self->created);
  return self;
}

#define GETTER(type, name, fallback) \
  type \
  carta_delivery_get_##name (CartaDelivery *self) \
  { \
    g_return_val_if_fail (CARTA_IS_DELIVERY (self), fallback); \
    return self->name; \
  }

GETTER (const char *, id, NULL)
GETTER (CartaDeliveryChannel, channel, CARTA_DELIVERY_FORWARD)
GETTER (const char *, endpoint, NULL)
GETTER (GBytes *, body, NULL)
GETTER (const char *, token, NULL)
GETTER (CartaDeliveryState, state, CARTA_DELIVERY_QUEUED)
GETTER (guint, attempts, 0)
GETTER (GDateTime *, next_attempt, NULL)
GETTER (const char *, last_error, NULL)
GETTER (const char *, receipt, NULL)
GETTER (GDateTime *, created, NULL)
GETTER (GDateTime *, sent, NULL)
GETTER (const char *, recipient_name, NULL)
GETTER (const char *, campaign_uid, NULL)
GETTER (const char *, case_uid, NULL)
GETTER (const char *, language, NULL)

#undef GETTER

void
carta_delivery_set_state (CartaDelivery      *self,
                          CartaDeliveryState  state)
{
  g_return_if_fail (CARTA_IS_DELIVERY (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
carta_delivery_set_attempts (CartaDelivery *self,
                             guint          attempts)
{
  g_return_if_fail (CARTA_IS_DELIVERY (self));

  if (self->attempts == attempts)
    return;
  self->attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
}

static gboolean
date_equal (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static void
set_date (CartaDelivery  *self,
          GDateTime     **field,
          GDateTime      *value,
          GParamSpec     *pspec)
{
  if (date_equal (*field, value))
    return;
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
set_string (CartaDelivery  *self,
            char          **field,
            const char     *value,
            GParamSpec     *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
carta_delivery_set_next_attempt (CartaDelivery *self,
                                 GDateTime     *next_attempt)
{
  g_return_if_fail (CARTA_IS_DELIVERY (self));
  set_date (self, &self->next_attempt, next_attempt, properties[PROP_NEXT_ATTEMPT]);
}

void
carta_delivery_set_sent (CartaDelivery *self,
                         GDateTime     *sent)
{
  g_return_if_fail (CARTA_IS_DELIVERY (self));
  set_date (self, &self->sent, sent, properties[PROP_SENT]);
}

void
carta_delivery_set_last_error (CartaDelivery *self,
                               const char    *last_error)
{
  g_return_if_fail (CARTA_IS_DELIVERY (self));
  set_string (self, &self->last_error, last_error, properties[PROP_LAST_ERROR]);
}

void
carta_delivery_set_receipt (CartaDelivery *self,
                            const char    *receipt)
{
  g_return_if_fail (CARTA_IS_DELIVERY (self));
  set_string (self, &self->receipt, receipt, properties[PROP_RECEIPT]);
}

/* ------------------------------------------------------------------------
 * Serialization
 */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;
  text = g_date_time_format_iso8601 (value);
  add_string (builder, name, text);
}

/* Only the scheme, host and port: the history should not keep paths that
 * may carry keys. */
static char *
endpoint_origin (const char *endpoint)
{
  g_autoptr(GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), "", NULL, NULL);
}

char *
carta_delivery_to_json (CartaDelivery *self,
                        gboolean       for_history)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CARTA_IS_DELIVERY (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "carta_delivery");
  json_builder_add_int_value (builder, DELIVERY_FORMAT);
  add_string (builder, "id", self->id);
  add_string (builder, "channel", carta_delivery_channel_to_string (self->channel));
  add_string (builder, "state", carta_delivery_state_to_string (self->state));
  if (for_history)
    {
      g_autofree char *origin = self->endpoint ? endpoint_origin (self->endpoint) : NULL;
      add_string (builder, "endpoint", origin);
    }
  else
    {
      add_string (builder, "endpoint", self->endpoint);
      if (self->body != NULL)
        {
          gsize size;
          const char *data = g_bytes_get_data (self->body, &size);
          g_autofree char *text = g_strndup (data, size);
          add_string (builder, "body", text);
        }
      add_string (builder, "token", self->token);
      json_builder_set_member_name (builder, "attempts");
      json_builder_add_int_value (builder, self->attempts);
      add_date (builder, "next_attempt", self->next_attempt);
      add_string (builder, "last_error", self->last_error);
    }
  add_string (builder, "receipt", self->receipt);
  add_date (builder, "created", self->created);
  add_date (builder, "sent", self->sent);
  add_string (builder, "recipient_name", self->recipient_name);
  add_string (builder, "campaign_uid", self->campaign_uid);
  add_string (builder, "case_uid", self->case_uid);
  add_string (builder, "language", self->language);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GDateTime *
get_date (JsonObject *object,
          const char *name)
{
  const char *text = get_string (object, name);

  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

CartaDelivery *
carta_delivery_new_from_json (const char  *json,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CartaDelivery) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;
  const char *body;

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON, "%s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON, _("A delivery must be a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "carta_delivery");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != DELIVERY_FORMAT)
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_UNSUPPORTED_VERSION,
                           _("This delivery was written in a format this version of Carta does not know"));
      return NULL;
    }

  self = g_object_new (CARTA_TYPE_DELIVERY, NULL);
  self->id = g_strdup (get_string (object, "id"));
  if (self->id == NULL || !g_uuid_string_is_valid (self->id) ||
      !carta_delivery_channel_from_string (get_string (object, "channel"), &self->channel) ||
      !carta_delivery_state_from_string (get_string (object, "state"), &self->state))
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                           _("A delivery needs a valid id, channel and state"));
      return NULL;
    }

  self->endpoint = g_strdup (get_string (object, "endpoint"));
  body = get_string (object, "body");
  if (body != NULL)
    self->body = g_bytes_new (body, strlen (body));
  self->token = g_strdup (get_string (object, "token"));
  if ((self->channel == CARTA_DELIVERY_FORWARD || self->channel == CARTA_DELIVERY_OSDI) &&
      self->state != CARTA_DELIVERY_SENT && (self->endpoint == NULL || self->body == NULL))
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                           _("A submission waiting to be sent needs its endpoint and body"));
      return NULL;
    }
  node = json_object_get_member (object, "attempts");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64)
    self->attempts = (guint) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
  self->next_attempt = get_date (object, "next_attempt");
  self->last_error = g_strdup (get_string (object, "last_error"));
  self->receipt = g_strdup (get_string (object, "receipt"));
  self->created = get_date (object, "created");
  if (self->created == NULL)
    self->created = g_date_time_new_now_utc ();
  self->sent = get_date (object, "sent");
  self->recipient_name = g_strdup (get_string (object, "recipient_name"));
  self->campaign_uid = g_strdup (get_string (object, "campaign_uid"));
  self->case_uid = g_strdup (get_string (object, "case_uid"));
  self->language = g_strdup (get_string (object, "language"));

  return g_steal_pointer (&self);
}
