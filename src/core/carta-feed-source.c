/* carta-feed-source.c: a feed an organization publishes over HTTPS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refresh asks the server whether the feed changed, streams the body
 * with the size limit enforced as it arrives, checks the whole feed in a
 * worker thread, and only then replaces the last good copy and the cache.
 * A feed that fails in any way never replaces what the user had.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "carta-error.h"
#include "carta-feed-source.h"
#include "carta-network.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK    (64 * 1024)

struct _CartaFeedSource
{
  GObject               parent_instance;

  char                 *url;
  char                 *id;
  char                 *cache_dir;
  CartaFeedSourceState  state;
  CartaFeed            *feed;
  GDateTime            *updated;
  char                 *error_message;
  /* Validators of the cached copy. */
  char                 *etag;
  char                 *last_modified;
};

G_DEFINE_FINAL_TYPE (CartaFeedSource, carta_feed_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_STATE,
  PROP_FEED,
  PROP_UPDATED,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carta_feed_source_finalize (GObject *object)
{
  CartaFeedSource *self = CARTA_FEED_SOURCE (object);

  g_free (self->url);
  g_free (self->id);
  g_free (self->cache_dir);
  g_clear_object (&self->feed);
  g_clear_pointer (&self->updated, g_date_time_unref);
  g_free (self->error_message);
  g_free (self->etag);
  g_free (self->last_modified);

  G_OBJECT_CLASS (carta_feed_source_parent_class)->finalize (object);
}

static void
carta_feed_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CartaFeedSource *self = CARTA_FEED_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_FEED:
      g_value_set_object (value, self->feed);
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_feed_source_class_init (CartaFeedSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = carta_feed_source_finalize;
  object_class->get_property = carta_feed_source_get_property;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL,
                                             CARTA_FEED_SOURCE_NEW, CARTA_FEED_SOURCE_FAILED,
                                             CARTA_FEED_SOURCE_NEW, flags);
  properties[PROP_FEED] = g_param_spec_object ("feed", NULL, NULL, CARTA_TYPE_FEED, flags);
  properties[PROP_UPDATED] = g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carta_feed_source_init (CartaFeedSource *self)
{
}

CartaFeedSource *
carta_feed_source_new (const char *url,
                       const char *cache_dir)
{
  CartaFeedSource *self;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (CARTA_TYPE_FEED_SOURCE, NULL);
  self->url = g_strdup (url);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  hash[16] = '\0';
  self->id = g_strconcat ("feed-", hash, NULL);
  self->cache_dir = cache_dir ? g_strdup (cache_dir)
                              : g_build_filename (g_get_user_cache_dir (), "carta", "feeds", NULL);
  return self;
}

const char *
carta_feed_source_get_url (CartaFeedSource *self)
{
  g_return_val_if_fail (CARTA_IS_FEED_SOURCE (self), NULL);
  return self->url;
}

const char *
carta_feed_source_get_id (CartaFeedSource *self)
{
  g_return_val_if_fail (CARTA_IS_FEED_SOURCE (self), NULL);
  return self->id;
}

CartaFeedSourceState
carta_feed_source_get_state (CartaFeedSource *self)
{
  g_return_val_if_fail (CARTA_IS_FEED_SOURCE (self), CARTA_FEED_SOURCE_NEW);
  return self->state;
}

CartaFeed *
carta_feed_source_get_feed (CartaFeedSource *self)
{
  g_return_val_if_fail (CARTA_IS_FEED_SOURCE (self), NULL);
  return self->feed;
}

GDateTime *
carta_feed_source_get_updated (CartaFeedSource *self)
{
  g_return_val_if_fail (CARTA_IS_FEED_SOURCE (self), NULL);
  return self->updated;
}

const char *
carta_feed_source_get_error_message (CartaFeedSource *self)
{
  g_return_val_if_fail (CARTA_IS_FEED_SOURCE (self), NULL);
  return self->error_message;
}

static void
set_state (CartaFeedSource      *self,
           CartaFeedSourceState  state,
           const char           *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_updated (CartaFeedSource *self,
             GDateTime       *updated)
{
  g_clear_pointer (&self->updated, g_date_time_unref);
  self->updated = updated ? g_date_time_ref (updated) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

static void
set_feed (CartaFeedSource *self,
          CartaFeed       *feed)
{
  if (g_set_object (&self->feed, feed))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEED]);
}

/* ------------------------------------------------------------------------
 * The cache: the body as it came, and its validators beside it.
 */

typedef struct
{
  char      *body_path;
  char      *meta_path;
  char      *source_id;
  /* In: a body to check and cache. Out: what was read or checked. */
  GBytes    *body;
  CartaFeed *feed;
  char      *etag;
  char      *last_modified;
  GDateTime *fetched;
} CacheData;

static void
cache_data_free (CacheData *data)
{
  g_free (data->body_path);
  g_free (data->meta_path);
  g_free (data->source_id);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->feed);
  g_free (data->etag);
  g_free (data->last_modified);
  g_clear_pointer (&data->fetched, g_date_time_unref);
  g_free (data);
}

static CacheData *
cache_data_new (CartaFeedSource *self)
{
  CacheData *data = g_new0 (CacheData, 1);
  g_autofree char *body_name = g_strconcat (self->id, ".json", NULL);
  g_autofree char *meta_name = g_strconcat (self->id, ".meta.json", NULL);

  data->body_path = g_build_filename (self->cache_dir, body_name, NULL);
  data->meta_path = g_build_filename (self->cache_dir, meta_name, NULL);
  data->source_id = g_strdup (self->id);
  return data;
}

static void
read_meta (CacheData *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *meta;
  JsonNode *root;
  const char *fetched;

  if (!json_parser_load_from_mapped_file (parser, data->meta_path, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  meta = json_node_get_object (root);
  data->etag = g_strdup (json_object_get_string_member_with_default (meta, "etag", NULL));
  data->last_modified = g_strdup (json_object_get_string_member_with_default (meta, "last_modified", NULL));
  fetched = json_object_get_string_member_with_default (meta, "fetched", NULL);
  if (fetched != NULL)
    data->fetched = g_date_time_new_from_iso8601 (fetched, NULL);
}

static gboolean
write_meta (CacheData  *data,
            GError    **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *fetched = g_date_time_format_iso8601 (data->fetched);

  json_builder_begin_object (builder);
  if (data->etag)
    {
      json_builder_set_member_name (builder, "etag");
      json_builder_add_string_value (builder, data->etag);
    }
  if (data->last_modified)
    {
      json_builder_set_member_name (builder, "last_modified");
      json_builder_add_string_value (builder, data->last_modified);
    }
  json_builder_set_member_name (builder, "fetched");
  json_builder_add_string_value (builder, fetched);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  contents = json_generator_to_data (generator, NULL);

  return g_file_set_contents_full (data->meta_path, contents, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
load_cache_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  CacheData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  file = g_mapped_file_new (data->body_path, FALSE, &error);
  if (file == NULL)
    {
      /* Nothing cached yet. */
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = g_mapped_file_get_bytes (file);
  data->feed = carta_feed_new_from_bytes (bytes, data->source_id, &error);
  if (data->feed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  read_meta (data);
  g_task_return_boolean (task, TRUE);
}

void
carta_feed_source_load_cache_async (CartaFeedSource     *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTA_IS_FEED_SOURCE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_feed_source_load_cache_async);
  g_task_set_task_data (task, cache_data_new (self), (GDestroyNotify) cache_data_free);
  g_task_run_in_thread (task, load_cache_in_thread);
}

gboolean
carta_feed_source_load_cache_finish (CartaFeedSource  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  CacheData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (data->feed != NULL && self->feed == NULL)
    {
      g_free (self->etag);
      g_free (self->last_modified);
      self->etag = g_steal_pointer (&data->etag);
      self->last_modified = g_steal_pointer (&data->last_modified);
      set_feed (self, data->feed);
      set_updated (self, data->fetched);
      set_state (self, CARTA_FEED_SOURCE_OK, NULL);
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Refreshing
 */

typedef struct
{
  SoupSession  *session;
  SoupMessage  *message;
  GUri         *uri;
  guint         redirects;
  GInputStream *stream;
  GByteArray   *body;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->message);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data);
}

static void send_request (GTask *task);

static void
refresh_fail (GTask      *task,
              const char *message)
{
  CartaFeedSource *self = g_task_get_source_object (task);

  set_state (self, CARTA_FEED_SOURCE_FAILED, message);
  g_task_return_new_error (task, CARTA_ERROR, CARTA_ERROR_FAILED, "%s", message);
}

static void
refresh_fail_with_error (GTask  *task,
                         GError *error)
{
  CartaFeedSource *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autofree char *message = NULL;

  /* Cancelling is the user's choice, not a failure to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, self->feed ? CARTA_FEED_SOURCE_OK : CARTA_FEED_SOURCE_NEW, self->error_message);
      g_task_return_error (task, error);
      return;
    }

  message = carta_network_describe_error (error, g_uri_get_host (data->uri));
  g_error_free (error);
  refresh_fail (task, message);
}

static void
checked_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CacheData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (data->body_path);

  data->feed = carta_feed_new_from_bytes (data->body, data->source_id, &error);
  if (data->feed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A cache that cannot be written is no reason to refuse a good feed:
   * the next start fetches it again. */
  if (g_mkdir_with_parents (dir, 0700) == 0 &&
      g_file_set_contents_full (data->body_path, g_bytes_get_data (data->body, NULL),
                                g_bytes_get_size (data->body), G_FILE_SET_CONTENTS_CONSISTENT,
                                0600, &error))
    write_meta (data, NULL);
  else if (error != NULL)
    g_debug ("Could not cache %s: %s", data->body_path, error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartaFeedSource *self = g_task_get_source_object (task);
  CacheData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The feed has an error and was not used: %s"),
                                                  error->message);
      refresh_fail (task, message);
      return;
    }

  g_free (self->etag);
  g_free (self->last_modified);
  self->etag = g_steal_pointer (&data->etag);
  self->last_modified = g_steal_pointer (&data->last_modified);
  set_feed (self, data->feed);
  set_updated (self, data->fetched);
  set_state (self, CARTA_FEED_SOURCE_OK, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
check_body (GTask *task)
{
  CartaFeedSource *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  g_autoptr(GTask) check = NULL;
  CacheData *cache = cache_data_new (self);

  cache->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));
  cache->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  cache->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  cache->fetched = g_date_time_new_now_utc ();

  check = g_task_new (self, g_task_get_cancellable (task), on_checked, g_object_ref (task));
  g_task_set_source_tag (check, check_body);
  g_task_set_task_data (check, cache, (GDestroyNotify) cache_data_free);
  g_task_run_in_thread (check, checked_in_thread);
}

static void on_read (GObject *object, GAsyncResult *result, gpointer user_data);

static void
read_next_chunk (GTask *task)
{
  RefreshData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   cancellable, on_read, task);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      refresh_fail_with_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      check_body (task);
      return;
    }

  if (data->body->len + g_bytes_get_size (chunk) > CARTA_FEED_MAX_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("The feed is larger than %d MiB and was not used."),
                                                  CARTA_FEED_MAX_SIZE / (1024 * 1024));
      /* Stop downloading at once. */
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      refresh_fail (task, message);
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next_chunk (g_steal_pointer (&task));
}

static gboolean
is_redirect (guint status)
{
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartaFeedSource *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  guint status;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      refresh_fail_with_error (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);

  if (is_redirect (status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = location ? g_uri_parse_relative (data->uri, location, G_URI_FLAGS_NONE, NULL) : NULL;

      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&data->stream);

      if (next == NULL || ++data->redirects > MAX_REDIRECTS)
        {
          refresh_fail (task, _("The server redirected the request too often, or to nowhere."));
          return;
        }
      if (g_strcmp0 (g_uri_get_scheme (next), "https") != 0)
        {
          refresh_fail (task, _("The server redirected the feed to an address that is not secure "
                                "(not https://). Carta refused to follow it."));
          return;
        }

      g_uri_unref (data->uri);
      data->uri = g_steal_pointer (&next);
      send_request (g_steal_pointer (&task));
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED && self->feed != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      set_updated (self, now);
      set_state (self, CARTA_FEED_SOURCE_OK, NULL);
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *message = carta_network_describe_status (status, soup_message_get_reason_phrase (data->message));

      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      refresh_fail (task, message);
      return;
    }

  length = soup_message_headers_get_content_length (headers);
  if (length > CARTA_FEED_MAX_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("The feed is larger than %d MiB and was not used."),
                                                  CARTA_FEED_MAX_SIZE / (1024 * 1024));
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      refresh_fail (task, message);
      return;
    }

  data->body = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK);
  read_next_chunk (g_steal_pointer (&task));
}

static void
send_request (GTask *task)
{
  CartaFeedSource *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&data->message);
  data->message = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  /* Redirects are followed by hand, to refuse any that leave https://. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->feed != NULL && self->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", self->etag);
  if (self->feed != NULL && self->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", self->last_modified);

  soup_session_send_async (data->session, data->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), on_sent, task);
}

void
carta_feed_source_refresh_async (CartaFeedSource     *self,
                                 SoupSession         *session,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshData *data;
  GUri *uri;

  g_return_if_fail (CARTA_IS_FEED_SOURCE (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_feed_source_refresh_async);

  uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 || g_uri_get_host (uri) == NULL)
    {
      g_clear_pointer (&uri, g_uri_unref);
      refresh_fail (task, _("Carta only fetches feeds from secure https:// addresses."));
      return;
    }

  data = g_new0 (RefreshData, 1);
  data->session = g_object_ref (session);
  data->uri = uri;
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  set_state (self, CARTA_FEED_SOURCE_UPDATING, self->error_message);
  send_request (g_steal_pointer (&task));
}

gboolean
carta_feed_source_refresh_finish (CartaFeedSource  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
