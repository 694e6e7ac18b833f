/* carta-submitter.c: the two ways Carta submits a letter online
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One attempt: POST the prepared body, read a bounded answer, and sort the
 * outcome into "sent" (with a receipt), "try again later" or "stop and
 * tell the user". The outbox decides when to try again.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "carta-submitter.h"

/* An answer is a small JSON object; anything bigger is not one. */
#define MAX_ANSWER   (1024 * 1024)
#define READ_CHUNK   (16 * 1024)
/* How much of a server's own error message the user is shown. */
#define MAX_SERVER_MESSAGE 300

G_DEFINE_QUARK (carta-submitter-error-quark, carta_submitter_error)

gboolean
carta_submitter_error_is_temporary (const GError *error)
{
  return g_error_matches (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_TEMPORARY) ||
         g_error_matches (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_RATE_LIMITED);
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "[::1]") == 0;
}

gboolean
carta_submitter_check_endpoint (const char  *endpoint,
                                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (endpoint != NULL, FALSE);

  uri = g_uri_parse (endpoint, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    {
      g_set_error (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INSECURE,
                   _("“%s” is not a web address. Check the organization’s submission address."), endpoint);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0 ||
      (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (host)))
    return TRUE;

  g_set_error (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INSECURE,
               _("Letters are only sent over secure connections, and “%s” is not one. "
                 "Ask the organization for its https:// address."), endpoint);
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Bodies
 */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL || *value == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values,
          gboolean            always)
{
  if (!always && (values == NULL || values[0] == NULL))
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static gboolean
has_text (const char *value)
{
  return value != NULL && *value != '\0';
}

static gboolean
sender_has_postal_address (const CartaSubmission *s)
{
  return (s->sender_address_lines != NULL && s->sender_address_lines[0] != NULL) ||
         has_text (s->sender_locality) || has_text (s->sender_postal_code) || has_text (s->sender_country);
}

static void
add_sender_postal_address (JsonBuilder           *builder,
                           const CartaSubmission *s)
{
  json_builder_begin_object (builder);
  add_strv (builder, "address_lines", s->sender_address_lines, FALSE);
  add_string (builder, "locality", s->sender_locality);
  add_string (builder, "region", s->sender_region);
  add_string (builder, "postal_code", s->sender_postal_code);
  add_string (builder, "country", s->sender_country);
  json_builder_end_object (builder);
}

static void
build_forward (JsonBuilder           *builder,
               const CartaSubmission *s)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *written = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "carta_submission");
  json_builder_add_int_value (builder, CARTA_SUBMISSION_VERSION);
  add_string (builder, "written", written);
  add_string (builder, "campaign_id", s->campaign_uid);

  json_builder_set_member_name (builder, "letter");
  json_builder_begin_object (builder);
  add_string (builder, "language", s->language);
  add_string (builder, "subject", s->subject);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, s->body);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "recipient");
  json_builder_begin_object (builder);
  add_string (builder, "case_id", s->case_uid);
  add_string (builder, "name", s->recipient_name);
  add_strv (builder, "address_lines", s->recipient_address_lines, TRUE);
  add_string (builder, "country", s->recipient_country);
  json_builder_end_object (builder);

  /* Only what the user agreed to share; an anonymous letter has no sender. */
  if (has_text (s->sender_name) || has_text (s->sender_email) || sender_has_postal_address (s))
    {
      json_builder_set_member_name (builder, "sender");
      json_builder_begin_object (builder);
      add_string (builder, "name", s->sender_name);
      add_string (builder, "email", s->sender_email);
      if (sender_has_postal_address (s))
        {
          json_builder_set_member_name (builder, "postal_address");
          add_sender_postal_address (builder, s);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
build_osdi (JsonBuilder           *builder,
            const CartaSubmission *s)
{
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "person");
  json_builder_begin_object (builder);
  add_string (builder, "given_name", s->sender_given_name);
  add_string (builder, "family_name", s->sender_family_name);
  json_builder_set_member_name (builder, "email_addresses");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "address", s->sender_email);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  if (sender_has_postal_address (s))
    {
      json_builder_set_member_name (builder, "postal_addresses");
      json_builder_begin_array (builder);
      add_sender_postal_address (builder, s);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "targets");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_string (builder, "title", s->target_title);
  add_string (builder, "given_name", s->target_given_name);
  add_string (builder, "family_name", s->target_family_name);
  add_string (builder, "organization", s->target_organization);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  add_string (builder, "subject", s->subject);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, s->body);
  add_string (builder, "type", "postal mail");
  add_strv (builder, "add_tags", s->tags, TRUE);
  json_builder_end_object (builder);
}

/* @message says which part of the letter is not text, in a whole
 * sentence, so that translations need not fit a word into one. */
static gboolean
check_utf8 (const char  *value,
            const char  *message,
            GError     **error)
{
  if (value == NULL || g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error_literal (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INCOMPLETE, message);
  return FALSE;
}

GBytes *
carta_submitter_build_body (CartaDeliveryChannel    channel,
                            const CartaSubmission  *submission,
                            GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *data;
  gsize length;

  g_return_val_if_fail (submission != NULL, NULL);
  g_return_val_if_fail (channel == CARTA_DELIVERY_FORWARD || channel == CARTA_DELIVERY_OSDI, NULL);

  if (!has_text (submission->body))
    {
      g_set_error_literal (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INCOMPLETE,
                           _("The letter is empty"));
      return NULL;
    }
  if (!check_utf8 (submission->body, _("The letter’s text contains characters that are not valid text"), error) ||
      !check_utf8 (submission->subject, _("The subject contains characters that are not valid text"), error) ||
      !check_utf8 (submission->recipient_name,
                   _("The recipient’s name contains characters that are not valid text"), error) ||
      !check_utf8 (submission->sender_name, _("The sender’s name contains characters that are not valid text"),
                   error))
    return NULL;

  if (channel == CARTA_DELIVERY_OSDI)
    {
      /* Action Network finds the person by email address; without one it
       * refuses the outreach. */
      if (!has_text (submission->sender_email))
        {
          g_set_error_literal (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INCOMPLETE,
                               _("This organization records letters by the sender’s email address. "
                                 "Add an email address to the sender profile, or print the letter instead."));
          return NULL;
        }
      build_osdi (builder, submission);
    }
  else
    {
      if (!has_text (submission->recipient_name))
        {
          g_set_error_literal (error, CARTA_SUBMITTER_ERROR, CARTA_SUBMITTER_ERROR_INCOMPLETE,
                               _("The letter has no recipient"));
          return NULL;
        }
      build_forward (builder, submission);
    }

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  return g_bytes_new_take (data, length);
}

/* ------------------------------------------------------------------------
 * Sending
 */

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *answer;
  char         *host;
  gint64        retry_after;
  CartaDeliveryChannel channel;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->message);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->answer, g_byte_array_unref);
  g_free (data->host);
  g_free (data);
}

static void
send_fail (GTask               *task,
           CartaSubmitterError  code,
           const char          *message)
{
  g_task_return_new_error (task, CARTA_SUBMITTER_ERROR, code, "%s", message);
}

static void
send_fail_with_error (GTask  *task,
                      GError *error)
{
  SendData *data = g_task_get_task_data (task);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
      g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED) ||
      g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    {
      message = g_strdup_printf (_("The letter was not sent: the secure connection to %s failed because its "
                                   "certificate is not trusted. Check the address with the organization; "
                                   "Carta will not send it there as it is."), data->host);
      g_error_free (error);
      send_fail (task, CARTA_SUBMITTER_ERROR_UNTRUSTED, message);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    message = g_strdup_printf (_("%s did not answer in time. Carta will try again."), data->host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
           error->domain == G_RESOLVER_ERROR)
    message = g_strdup_printf (_("Could not connect to %s. Carta will try again."), data->host);
  else
    message = g_strdup_printf (_("The connection to %s broke off (%s). Carta will try again."),
                               data->host, error->message);
  g_error_free (error);
  send_fail (task, CARTA_SUBMITTER_ERROR_TEMPORARY, message);
}

/* Retry-After: delay-seconds or an HTTP-date (RFC 9110 10.2.3). */
static gint64
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *trimmed = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan span;
  guint64 seconds;

  if (value == NULL)
    return -1;
  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;

  date = soup_date_time_new_from_http_string (trimmed);
  if (date == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  span = g_date_time_difference (date, now);
  /* Round up: never earlier than the server asked. */
  return span <= 0 ? 0 : (span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;
}

static JsonObject *
parse_answer (GBytes *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *text = g_bytes_get_data (answer, &size);
  JsonNode *root;

  if (size == 0 || !g_utf8_validate (text, size, NULL) ||
      !json_parser_load_from_data (parser, text, size, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A server's words, shown to the user: one line, bounded. */
static char *
server_words (JsonObject *object)
{
  const char *message = member_string (object, "message");
  GString *words;

  if (message == NULL)
    message = member_string (object, "error");
  if (message == NULL || *message == '\0')
    return NULL;

  words = g_string_new (NULL);
  for (const char *p = message; *p != '\0' && g_utf8_strlen (words->str, -1) < MAX_SERVER_MESSAGE;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (words, g_unichar_iscntrl (c) ? ' ' : c);
    }
  return g_string_free (words, FALSE);
}

static gboolean
is_json_type (const char *content_type)
{
  return content_type != NULL &&
         (g_ascii_strcasecmp (content_type, "application/json") == 0 ||
          g_ascii_strcasecmp (content_type, "application/hal+json") == 0 ||
          g_str_has_suffix (content_type, "+json"));
}

static char *
osdi_receipt (JsonObject *answer)
{
  JsonNode *node = json_object_get_member (answer, "identifiers");
  JsonObject *links;
  JsonObject *self_link;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (node), 0);
      if (json_node_get_value_type (first) == G_TYPE_STRING && *json_node_get_string (first) != '\0')
        return g_strdup (json_node_get_string (first));
    }

  node = json_object_get_member (answer, "_links");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  links = json_node_get_object (node);
  node = json_object_get_member (links, "self");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  self_link = json_node_get_object (node);
  return g_strdup (member_string (self_link, "href"));
}

static void
finish_answer (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  guint status = soup_message_get_status (data->message);
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->answer));
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *words = NULL;
  g_autofree char *message = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (is_json_type (content_type))
    answer = parse_answer (bytes);
  words = server_words (answer);

  if (status == SOUP_STATUS_OK || status == SOUP_STATUS_CREATED)
    {
      g_autofree char *receipt = NULL;

      if (answer != NULL)
        receipt = data->channel == CARTA_DELIVERY_OSDI ? osdi_receipt (answer)
                                                       : g_strdup (member_string (answer, "receipt"));
      if (receipt == NULL || *receipt == '\0' || !g_utf8_validate (receipt, -1, NULL))
        {
          message = g_strdup_printf (_("%s accepted the letter but its answer does not follow the protocol, "
                                       "so Carta cannot confirm it. Ask the organization whether it arrived "
                                       "before sending it again."), data->host);
          send_fail (task, CARTA_SUBMITTER_ERROR_MALFORMED, message);
          return;
        }
      g_task_return_pointer (task, g_steal_pointer (&receipt), g_free);
      return;
    }

  if (status == 429 /* Too Many Requests */)
    {
      data->retry_after = parse_retry_after (headers);
      message = g_strdup_printf (_("%s is busy and asked Carta to wait. Carta will try again."), data->host);
      send_fail (task, CARTA_SUBMITTER_ERROR_RATE_LIMITED, message);
      return;
    }

  if (status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT)
    {
      data->retry_after = parse_retry_after (headers);
      message = g_strdup_printf (_("%s has a problem (it answered %u, %s). Carta will try again."),
                                 data->host, status, soup_status_get_phrase (status));
      send_fail (task, CARTA_SUBMITTER_ERROR_TEMPORARY, message);
      return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    message = g_strdup_printf (_("%s refused the letter: the access key is missing or wrong (it answered %u). "
                                 "Check the key in the organization’s settings, then retry."),
                               data->host, status);
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    message = g_strdup_printf (_("%s has no submission address there (it answered %u). "
                                 "Check the address with the organization, then retry."), data->host, status);
  else if (status >= 300 && status < 400)
    message = g_strdup_printf (_("%s moved its submission address (it answered %u). "
                                 "Ask the organization for the new one."), data->host, status);
  else if (words != NULL)
    message = g_strdup_printf (_("%s refused the letter: “%s” (it answered %u). Correct it, then retry."),
                               data->host, words, status);
  else
    message = g_strdup_printf (_("%s refused the letter (it answered %u, %s)."),
                               data->host, status, soup_status_get_phrase (status));
  send_fail (task, CARTA_SUBMITTER_ERROR_REFUSED, message);
}

static void read_answer (GTask *task);

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      send_fail_with_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      /* At the end of the body this does no I/O; it hands the connection
       * back to the session for the next letter. */
      g_input_stream_close (data->stream, NULL, NULL);
      finish_answer (task);
      return;
    }

  if (data->answer->len + g_bytes_get_size (chunk) > MAX_ANSWER)
    {
      g_autofree char *message = g_strdup_printf (_("%s answered with far more than the protocol allows. "
                                                    "Ask the organization whether the letter arrived."),
                                                  data->host);
      send_fail (task, CARTA_SUBMITTER_ERROR_MALFORMED, message);
      return;
    }

  g_byte_array_append (data->answer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_answer (g_steal_pointer (&task));
}

static void
read_answer (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      send_fail_with_error (task, error);
      return;
    }

  data->answer = g_byte_array_new ();
  read_answer (g_steal_pointer (&task));
}

void
carta_submitter_send_async (SoupSession         *session,
                            CartaDelivery       *delivery,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  SendData *data;
  GUri *uri;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (CARTA_IS_DELIVERY (delivery));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_submitter_send_async);
  data = g_new0 (SendData, 1);
  data->retry_after = -1;
  data->channel = carta_delivery_get_channel (delivery);
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  if (!carta_submitter_check_endpoint (carta_delivery_get_endpoint (delivery), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->message = soup_message_new ("POST", carta_delivery_get_endpoint (delivery));
  if (data->message == NULL)
    {
      send_fail (task, CARTA_SUBMITTER_ERROR_INSECURE, _("The submission address is not valid"));
      return;
    }
  uri = soup_message_get_uri (data->message);
  data->host = g_strdup (g_uri_get_host (uri));

  /* A POST must not silently turn into a GET somewhere else. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  /* libsoup opens a new connection (a new TLS handshake) for every POST
   * unless told that sending it twice is harmless. The forwarding protocol
   * makes it so with the Idempotency-Key; OSDI servers need not honour
   * that key, so an outreach keeps the cautious default. */
  if (data->channel == CARTA_DELIVERY_FORWARD)
    soup_message_add_flags (data->message, SOUP_MESSAGE_IDEMPOTENT);
  soup_message_set_request_body_from_bytes (data->message, "application/json",
                                            carta_delivery_get_body (delivery));
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept", "application/json, application/hal+json");
  soup_message_headers_replace (headers, "Idempotency-Key", carta_delivery_get_id (delivery));
  if (data->channel == CARTA_DELIVERY_OSDI && carta_delivery_get_token (delivery) != NULL)
    soup_message_headers_replace (headers, "OSDI-API-Token", carta_delivery_get_token (delivery));

  soup_session_send_async (session, data->message, G_PRIORITY_DEFAULT, cancellable,
                           on_sent, g_steal_pointer (&task));
}

char *
carta_submitter_send_finish (GAsyncResult  *result,
                             gint64        *retry_after,
                             GError       **error)
{
  SendData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (retry_after != NULL)
    *retry_after = data->retry_after;
  return g_task_propagate_pointer (G_TASK (result), error);
}
