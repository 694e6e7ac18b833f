/* carta-outbox.c: letters waiting to be submitted, kept safe on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule that keeps letters from being lost: a letter is on disk, synced,
 * before the first byte of it goes out, and leaves the disk only once it is
 * in the history. The rule that keeps letters from being sent twice: every
 * attempt sends the same bytes with the same Idempotency-Key (the
 * delivery's id), so a server that already has the letter says so.
 *
 * Writes of one letter's file are chained (never two at once), so the last
 * state always wins on disk.
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "carta-outbox.h"
#include "carta-submitter.h"

typedef struct
{
  CartaOutbox   *outbox;          /* not a reference: entries die with it */
  CartaDelivery *delivery;
  char          *path;
  GCancellable  *cancellable;     /* while a send is in flight */
  /* A Retry-After the server gave: no attempt before (real time, µs). */
  gint64         not_before;
  gboolean       in_model;
  gboolean       writing;
  gboolean       write_again;
  gboolean       delete_wanted;
} Entry;

struct _CartaOutbox
{
  GObject          parent_instance;

  SoupSession     *session;
  char            *directory;
  CartaHistory    *history;
  GNetworkMonitor *monitor;
  gulong           network_changed_id;
  gboolean         network_available;

  GPtrArray       *entries;       /* of Entry (rc-boxed), as in the model */
  guint            n_sending;
  guint            timer_id;
  GCancellable    *cancellable;   /* everything, on dispose */

  guint            max_concurrent;
  guint            retry_base_ms;
  guint            retry_max_ms;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartaOutbox, carta_outbox, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_SESSION,
  PROP_DIRECTORY,
  PROP_HISTORY,
  PROP_NETWORK_MONITOR,
  PROP_MAX_CONCURRENT,
  PROP_RETRY_BASE_MS,
  PROP_RETRY_MAX_MS,
  PROP_N_SENDING,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DELIVERY_SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (CartaOutbox *self);

/* ------------------------------------------------------------------------
 * Entries
 */

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->delivery);
  g_free (entry->path);
  g_clear_object (&entry->cancellable);
}

static Entry *
entry_new (CartaOutbox   *self,
           CartaDelivery *delivery,
           const char    *path)
{
  Entry *entry = g_rc_box_new0 (Entry);

  entry->outbox = self;
  entry->delivery = g_object_ref (delivery);
  if (path != NULL)
    entry->path = g_strdup (path);
  else
    {
      g_autofree char *name = g_strconcat (carta_delivery_get_id (delivery), ".json", NULL);
      entry->path = g_build_filename (self->directory, name, NULL);
    }
  return entry;
}

static Entry *
entry_ref (Entry *entry)
{
  return g_rc_box_acquire (entry);
}

static void
entry_unref (Entry *entry)
{
  g_rc_box_release_full (entry, (GDestroyNotify) entry_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_unref)

static Entry *
find_entry (CartaOutbox   *self,
            CartaDelivery *delivery,
            guint         *position)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->delivery == delivery)
        {
          if (position != NULL)
            *position = i;
          return entry;
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------
 * GListModel
 */

static GType
carta_outbox_get_item_type (GListModel *model)
{
  return CARTA_TYPE_DELIVERY;
}

static guint
carta_outbox_get_n_items (GListModel *model)
{
  return CARTA_OUTBOX (model)->entries->len;
}

static gpointer
carta_outbox_get_item (GListModel *model,
                       guint       position)
{
  CartaOutbox *self = CARTA_OUTBOX (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;
  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->delivery);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = carta_outbox_get_item_type;
  iface->get_n_items = carta_outbox_get_n_items;
  iface->get_item = carta_outbox_get_item;
}

static void
add_entry (CartaOutbox *self,
           Entry       *entry)
{
  entry->in_model = TRUE;
  g_ptr_array_add (self->entries, entry_ref (entry));
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
remove_entry (CartaOutbox *self,
              Entry       *entry)
{
  guint position;

  if (!entry->in_model || find_entry (self, entry->delivery, &position) == NULL)
    return;
  entry->in_model = FALSE;
  g_ptr_array_remove_index (self->entries, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ------------------------------------------------------------------------
 * The files
 */

typedef struct
{
  char *path;
  char *directory;
  char *contents;    /* NULL: delete the file */
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->path);
  g_free (data->directory);
  g_free (data->contents);
  g_free (data);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (data->contents == NULL)
    {
      if (g_unlink (data->path) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                                   _("Could not remove %s: %s"), data->path, g_strerror (saved));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_mkdir_with_parents (data->directory, 0700) != 0)
    {
      int saved = errno;
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not keep the letter in the outbox (%s): %s"),
                               data->directory, g_strerror (saved));
      return;
    }

  /* The file holds the letter and maybe an access key: only the user reads it. */
  if (!g_file_set_contents_full (data->path, data->contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
write_entry_async (CartaOutbox         *self,
                   Entry               *entry,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data = g_new0 (WriteData, 1);

  data->path = g_strdup (entry->path);
  data->directory = g_strdup (self->directory);
  data->contents = entry->delete_wanted ? NULL : carta_delivery_to_json (entry->delivery, FALSE);

  /* Not cancellable: a file half-updated helps nobody. */
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, write_entry_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void persist (Entry *entry);

static void
on_persisted (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Entry) entry = user_data;
  g_autoptr(GError) error = NULL;

  entry->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_message ("Outbox: %s", error->message);

  if (entry->write_again)
    {
      entry->write_again = FALSE;
      persist (entry);
    }
}

/* Brings the letter's file up to date (or deletes it), after any write
 * still running. */
static void
persist (Entry *entry)
{
  if (entry->writing)
    {
      entry->write_again = TRUE;
      return;
    }
  entry->writing = TRUE;
  write_entry_async (entry->outbox, entry, on_persisted, entry_ref (entry));
}

/* ------------------------------------------------------------------------
 * Sending
 */

static void
set_n_sending (CartaOutbox *self,
               guint        n_sending)
{
  if (self->n_sending == n_sending)
    return;
  self->n_sending = n_sending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENDING]);
}

/* 2 s × 2^(attempt − 1), ±50 % so that many clients do not come back at
 * once, capped. */
static gint64
backoff_ms (CartaOutbox *self,
            guint        attempts)
{
  double delay = self->retry_base_ms;

  for (guint i = 1; i < attempts && delay < self->retry_max_ms; i++)
    delay *= 2;
  delay = MIN (delay, (double) self->retry_max_ms);
  delay *= g_random_double_range (0.5, 1.5);
  return (gint64) MIN (delay, (double) self->retry_max_ms);
}

static void
on_recorded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Entry) entry = user_data;
  g_autoptr(CartaOutbox) self = entry->outbox;  /* the reference record_sent took */
  g_autoptr(GError) error = NULL;

  if (!carta_history_append_finish (CARTA_HISTORY (object), result, &error))
    {
      /* The file says "sent": the next load records it again. */
      g_message ("Outbox: %s", error->message);
      persist (entry);
      return;
    }

  entry->delete_wanted = TRUE;
  persist (entry);
}

static void
record_sent (CartaOutbox *self,
             Entry       *entry)
{
  g_object_ref (self);
  carta_history_append_async (self->history, entry->delivery, NULL, on_recorded, entry_ref (entry));
}

static void
delivery_sent (CartaOutbox *self,
               Entry       *entry,
               const char  *receipt)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  CartaDelivery *delivery = entry->delivery;

  g_object_freeze_notify (G_OBJECT (delivery));
  carta_delivery_set_receipt (delivery, receipt);
  carta_delivery_set_sent (delivery, now);
  carta_delivery_set_last_error (delivery, NULL);
  carta_delivery_set_next_attempt (delivery, NULL);
  carta_delivery_set_state (delivery, CARTA_DELIVERY_SENT);
  g_object_thaw_notify (G_OBJECT (delivery));

  remove_entry (self, entry);
  g_signal_emit (self, signals[SIGNAL_DELIVERY_SENT], 0, delivery);

  if (self->history != NULL)
    record_sent (self, entry);
  else
    {
      entry->delete_wanted = TRUE;
      persist (entry);
    }
}

static void
on_send_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Entry) entry = user_data;
  g_autoptr(CartaOutbox) self = entry->outbox;  /* the reference start_send took */
  CartaDelivery *delivery = entry->delivery;
  g_autoptr(GError) error = NULL;
  g_autofree char *receipt = NULL;
  gint64 retry_after = -1;

  receipt = carta_submitter_send_finish (result, &retry_after, &error);
  g_clear_object (&entry->cancellable);
  set_n_sending (self, self->n_sending - 1);

  /* A letter the server took is sent, even if the user pressed cancel. */
  if (receipt != NULL)
    delivery_sent (self, entry, receipt);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (carta_delivery_get_state (delivery) == CARTA_DELIVERY_SENDING)
        carta_delivery_set_state (delivery, CARTA_DELIVERY_QUEUED);
      if (entry->in_model)
        persist (entry);
    }
  else if (carta_delivery_get_state (delivery) != CARTA_DELIVERY_SENDING)
    {
      /* Cancelled or retried by the user while the answer was on its way. */
      if (entry->in_model)
        persist (entry);
    }
  else if (carta_submitter_error_is_temporary (error))
    {
      gint64 delay = backoff_ms (self, carta_delivery_get_attempts (delivery));
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) next = NULL;

      if (retry_after >= 0)
        {
          entry->not_before = g_get_real_time () + retry_after * G_USEC_PER_SEC;
          delay = MAX (delay, retry_after * 1000);
        }
      next = g_date_time_add (now, delay * 1000);

      g_object_freeze_notify (G_OBJECT (delivery));
      carta_delivery_set_last_error (delivery, error->message);
      carta_delivery_set_next_attempt (delivery, next);
      carta_delivery_set_state (delivery, CARTA_DELIVERY_QUEUED);
      g_object_thaw_notify (G_OBJECT (delivery));
      persist (entry);
    }
  else
    {
      g_object_freeze_notify (G_OBJECT (delivery));
      carta_delivery_set_last_error (delivery, error->message);
      carta_delivery_set_next_attempt (delivery, NULL);
      carta_delivery_set_state (delivery, CARTA_DELIVERY_FAILED);
      g_object_thaw_notify (G_OBJECT (delivery));
      persist (entry);
    }

  schedule (self);
}

static void
start_send (CartaOutbox *self,
            Entry       *entry)
{
  CartaDelivery *delivery = entry->delivery;

  g_object_freeze_notify (G_OBJECT (delivery));
  carta_delivery_set_attempts (delivery, carta_delivery_get_attempts (delivery) + 1);
  carta_delivery_set_next_attempt (delivery, NULL);
  carta_delivery_set_state (delivery, CARTA_DELIVERY_SENDING);
  g_object_thaw_notify (G_OBJECT (delivery));

  entry->cancellable = g_cancellable_new ();
  set_n_sending (self, self->n_sending + 1);
  /* The outbox lives until every attempt is over: on_send_done takes
   * this reference back. */
  g_object_ref (self);
  carta_submitter_send_async (self->session, delivery, entry->cancellable, on_send_done, entry_ref (entry));
}

static gboolean
on_timer (gpointer user_data)
{
  CartaOutbox *self = user_data;

  self->timer_id = 0;
  schedule (self);
  return G_SOURCE_REMOVE;
}

static gint64
entry_due (Entry *entry)
{
  GDateTime *next = carta_delivery_get_next_attempt (entry->delivery);
  gint64 due = next ? g_date_time_to_unix (next) * G_USEC_PER_SEC + g_date_time_get_microsecond (next) : 0;

  return MAX (due, entry->not_before);
}

/* Starts every queued letter that is due, as far as the concurrency
 * allows, and sets a timer for the next one. */
static void
schedule (CartaOutbox *self)
{
  gint64 now = g_get_real_time ();
  gint64 earliest = G_MAXINT64;

  g_clear_handle_id (&self->timer_id, g_source_remove);

  if (self->session == NULL || !self->network_available || g_cancellable_is_cancelled (self->cancellable))
    return;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      gint64 due;

      if (carta_delivery_get_state (entry->delivery) != CARTA_DELIVERY_QUEUED || entry->cancellable != NULL)
        continue;

      due = entry_due (entry);
      if (due > now)
        earliest = MIN (earliest, due);
      else if (self->n_sending < self->max_concurrent)
        start_send (self, entry);
    }

  if (earliest != G_MAXINT64)
    {
      guint ms = (guint) MIN ((earliest - now + 999) / 1000, (gint64) G_MAXUINT / 2);
      self->timer_id = g_timeout_add (MAX (ms, 1), on_timer, self);
    }
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    CartaOutbox     *self)
{
  gboolean was_available = self->network_available;

  self->network_available = g_network_monitor_get_network_available (monitor);
  if (self->network_available && !was_available)
    {
      /* The connection is back: what waited for it goes now, except where
       * a server asked us to wait. */
      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);

          if (carta_delivery_get_state (entry->delivery) == CARTA_DELIVERY_QUEUED)
            carta_delivery_set_next_attempt (entry->delivery, NULL);
        }
    }
  schedule (self);
}

/* ------------------------------------------------------------------------
 * GObject
 */

static void
carta_outbox_constructed (GObject *object)
{
  CartaOutbox *self = CARTA_OUTBOX (object);

  G_OBJECT_CLASS (carta_outbox_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_build_filename (g_get_user_data_dir (), "carta", "outbox", NULL);
  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  self->network_changed_id = g_signal_connect (self->monitor, "network-changed",
                                               G_CALLBACK (on_network_changed), self);
}

static void
carta_outbox_dispose (GObject *object)
{
  CartaOutbox *self = CARTA_OUTBOX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (entry->cancellable != NULL)
        g_cancellable_cancel (entry->cancellable);
    }

  G_OBJECT_CLASS (carta_outbox_parent_class)->dispose (object);
}

static void
carta_outbox_finalize (GObject *object)
{
  CartaOutbox *self = CARTA_OUTBOX (object);

  g_ptr_array_unref (self->entries);
  g_clear_object (&self->session);
  g_free (self->directory);
  g_clear_object (&self->history);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (carta_outbox_parent_class)->finalize (object);
}

static void
carta_outbox_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CartaOutbox *self = CARTA_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_MAX_CONCURRENT:
      g_value_set_uint (value, self->max_concurrent);
      break;
    case PROP_RETRY_BASE_MS:
      g_value_set_uint (value, self->retry_base_ms);
      break;
    case PROP_RETRY_MAX_MS:
      g_value_set_uint (value, self->retry_max_ms);
      break;
    case PROP_N_SENDING:
      g_value_set_uint (value, self->n_sending);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, carta_outbox_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint_property (CartaOutbox  *self,
                   guint        *field,
                   guint         value,
                   GParamSpec   *pspec)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
carta_outbox_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CartaOutbox *self = CARTA_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_DIRECTORY:
      self->directory = g_value_dup_string (value);
      break;
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_MAX_CONCURRENT:
      set_uint_property (self, &self->max_concurrent, g_value_get_uint (value), pspec);
      break;
    case PROP_RETRY_BASE_MS:
      set_uint_property (self, &self->retry_base_ms, g_value_get_uint (value), pspec);
      break;
    case PROP_RETRY_MAX_MS:
      set_uint_property (self, &self->retry_max_ms, g_value_get_uint (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_outbox_class_init (CartaOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags tunable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = carta_outbox_constructed;
  object_class->dispose = carta_outbox_dispose;
  object_class->finalize = carta_outbox_finalize;
  object_class->get_property = carta_outbox_get_property;
  object_class->set_property = carta_outbox_set_property;

  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION, construct);
  properties[PROP_DIRECTORY] = g_param_spec_string ("directory", NULL, NULL, NULL, construct);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, CARTA_TYPE_HISTORY, construct);
  properties[PROP_NETWORK_MONITOR] = g_param_spec_object ("network-monitor", NULL, NULL,
                                                          G_TYPE_NETWORK_MONITOR, construct);
  properties[PROP_MAX_CONCURRENT] = g_param_spec_uint ("max-concurrent", NULL, NULL, 1, 64,
                                                       CARTA_OUTBOX_MAX_CONCURRENT, tunable);
  /* Tests make these short. */
  properties[PROP_RETRY_BASE_MS] = g_param_spec_uint ("retry-base-ms", NULL, NULL, 1, G_MAXINT,
                                                      CARTA_OUTBOX_RETRY_BASE_MS, tunable);
  properties[PROP_RETRY_MAX_MS] = g_param_spec_uint ("retry-max-ms", NULL, NULL, 1, G_MAXINT,
                                                     CARTA_OUTBOX_RETRY_MAX_MS, tunable);
  properties[PROP_N_SENDING] = g_param_spec_uint ("n-sending", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A letter was accepted; it has its receipt and is leaving the model. */
  signals[SIGNAL_DELIVERY_SENT] = g_signal_new ("delivery-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, CARTA_TYPE_DELIVERY);
}

static void
carta_outbox_init (CartaOutbox *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_unref);
  self->cancellable = g_cancellable_new ();
  self->max_concurrent = CARTA_OUTBOX_MAX_CONCURRENT;
  self->retry_base_ms = CARTA_OUTBOX_RETRY_BASE_MS;
  self->retry_max_ms = CARTA_OUTBOX_RETRY_MAX_MS;
}

CartaOutbox *
carta_outbox_new (SoupSession     *session,
                  const char      *directory,
                  CartaHistory    *history,
                  GNetworkMonitor *monitor)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (history == NULL || CARTA_IS_HISTORY (history), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (CARTA_TYPE_OUTBOX,
                       "session", session,
                       "directory", directory,
                       "history", history,
                       "network-monitor", monitor,
                       NULL);
}

const char *
carta_outbox_get_directory (CartaOutbox *self)
{
  g_return_val_if_fail (CARTA_IS_OUTBOX (self), NULL);
  return self->directory;
}

guint
carta_outbox_get_n_sending (CartaOutbox *self)
{
  g_return_val_if_fail (CARTA_IS_OUTBOX (self), 0);
  return self->n_sending;
}

gboolean
carta_outbox_get_busy (CartaOutbox *self)
{
  g_return_val_if_fail (CARTA_IS_OUTBOX (self), FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      CartaDeliveryState state = carta_delivery_get_state (entry->delivery);

      if (state == CARTA_DELIVERY_QUEUED || state == CARTA_DELIVERY_SENDING)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Enqueueing
 */

static void
on_enqueue_written (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CartaOutbox *self = CARTA_OUTBOX (object);
  g_autoptr(GTask) task = user_data;
  Entry *entry = g_task_get_task_data (task);
  GError *error = NULL;

  entry->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  add_entry (self, entry);
  if (entry->write_again)
    {
      entry->write_again = FALSE;
      persist (entry);
    }
  schedule (self);
  g_task_return_boolean (task, TRUE);
}

void
carta_outbox_enqueue_async (CartaOutbox         *self,
                            CartaDelivery       *delivery,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CartaDeliveryChannel channel;
  Entry *entry;

  g_return_if_fail (CARTA_IS_OUTBOX (self));
  g_return_if_fail (CARTA_IS_DELIVERY (delivery));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_outbox_enqueue_async);

  channel = carta_delivery_get_channel (delivery);
  if ((channel != CARTA_DELIVERY_FORWARD && channel != CARTA_DELIVERY_OSDI) ||
      carta_delivery_get_state (delivery) != CARTA_DELIVERY_QUEUED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Only queued submissions go to the outbox");
      return;
    }
  if (!carta_submitter_check_endpoint (carta_delivery_get_endpoint (delivery), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry = entry_new (self, delivery, NULL);
  entry->writing = TRUE;
  g_task_set_task_data (task, entry, (GDestroyNotify) entry_unref);
  write_entry_async (self, entry, on_enqueue_written, g_steal_pointer (&task));
}

gboolean
carta_outbox_enqueue_finish (CartaOutbox   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Loading
 */

typedef struct
{
  char      *directory;
  GPtrArray *deliveries;
  GPtrArray *paths;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->directory);
  g_clear_pointer (&data->deliveries, g_ptr_array_unref);
  g_clear_pointer (&data->paths, g_ptr_array_unref);
  g_free (data);
}

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  CartaDelivery *da = *(CartaDelivery **) a;
  CartaDelivery *db = *(CartaDelivery **) b;

  return g_date_time_compare (carta_delivery_get_created (da), carta_delivery_get_created (db));
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deliveries = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name;

  data->deliveries = g_ptr_array_new_with_free_func (g_object_unref);
  data->paths = g_ptr_array_new_with_free_func (g_free);

  dir = g_dir_open (data->directory, 0, &error);
  if (dir == NULL)
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      g_autoptr(CartaDelivery) delivery = NULL;
      g_autoptr(GError) file_error = NULL;

      /* Only finished files: g_file_set_contents leaves temporary ones
       * (name.json.XXXXXX) when interrupted. */
      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (data->directory, name, NULL);
      if (!g_file_get_contents (path, &contents, &length, &file_error) ||
          (delivery = carta_delivery_new_from_json (contents, length, &file_error)) == NULL)
        {
          g_message ("Outbox: skipping %s: %s", path, file_error->message);
          continue;
        }
      g_object_set_data_full (G_OBJECT (delivery), "carta-outbox-path", g_steal_pointer (&path), g_free);
      g_ptr_array_add (deliveries, g_steal_pointer (&delivery));
    }

  /* Oldest first, as they were written. */
  g_ptr_array_sort (deliveries, compare_created);
  for (guint i = 0; i < deliveries->len; i++)
    {
      CartaDelivery *delivery = g_ptr_array_index (deliveries, i);
      g_ptr_array_add (data->paths, g_strdup (g_object_get_data (G_OBJECT (delivery), "carta-outbox-path")));
      g_object_set_data (G_OBJECT (delivery), "carta-outbox-path", NULL);
      g_ptr_array_add (data->deliveries, g_object_ref (delivery));
    }

  g_task_return_boolean (task, TRUE);
}

void
carta_outbox_load_async (CartaOutbox         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (CARTA_IS_OUTBOX (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_outbox_load_async);
  data = g_new0 (LoadData, 1);
  data->directory = g_strdup (self->directory);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_in_thread);
}

static gboolean
has_delivery_id (CartaOutbox *self,
                 const char  *id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (g_strcmp0 (carta_delivery_get_id (entry->delivery), id) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
carta_outbox_load_finish (CartaOutbox   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  LoadData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  for (guint i = 0; i < data->deliveries->len; i++)
    {
      CartaDelivery *delivery = g_ptr_array_index (data->deliveries, i);
      const char *id = carta_delivery_get_id (delivery);
      g_autoptr(Entry) entry = NULL;

      if (has_delivery_id (self, id))
        continue;
      entry = entry_new (self, delivery, g_ptr_array_index (data->paths, i));

      /* Sent, or already in the history: only the bookkeeping is left. */
      if (carta_delivery_get_state (delivery) == CARTA_DELIVERY_SENT ||
          (self->history != NULL && carta_history_contains (self->history, id)))
        {
          if (self->history != NULL && carta_delivery_get_state (delivery) == CARTA_DELIVERY_SENT)
            record_sent (self, entry);
          else
            {
              entry->delete_wanted = TRUE;
              persist (entry);
            }
          continue;
        }

      /* Interrupted mid-send: the server may have it, and the same
       * Idempotency-Key lets it say so. */
      if (carta_delivery_get_state (delivery) == CARTA_DELIVERY_SENDING)
        carta_delivery_set_state (delivery, CARTA_DELIVERY_QUEUED);
      add_entry (self, entry);
    }

  schedule (self);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * What the user can do
 */

gboolean
carta_outbox_retry (CartaOutbox   *self,
                    CartaDelivery *delivery)
{
  Entry *entry;
  CartaDeliveryState state;

  g_return_val_if_fail (CARTA_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (CARTA_IS_DELIVERY (delivery), FALSE);

  entry = find_entry (self, delivery, NULL);
  state = carta_delivery_get_state (delivery);
  if (entry == NULL || (state != CARTA_DELIVERY_FAILED && state != CARTA_DELIVERY_CANCELLED))
    return FALSE;

  /* A fresh start: the backoff begins again, the key stays the same. */
  g_object_freeze_notify (G_OBJECT (delivery));
  carta_delivery_set_attempts (delivery, 0);
  carta_delivery_set_next_attempt (delivery, NULL);
  carta_delivery_set_state (delivery, CARTA_DELIVERY_QUEUED);
  g_object_thaw_notify (G_OBJECT (delivery));
  entry->not_before = 0;
  persist (entry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  schedule (self);
  return TRUE;
}

gboolean
carta_outbox_cancel (CartaOutbox   *self,
                     CartaDelivery *delivery)
{
  Entry *entry;
  CartaDeliveryState state;

  g_return_val_if_fail (CARTA_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (CARTA_IS_DELIVERY (delivery), FALSE);

  entry = find_entry (self, delivery, NULL);
  state = carta_delivery_get_state (delivery);
  if (entry == NULL || (state != CARTA_DELIVERY_QUEUED && state != CARTA_DELIVERY_SENDING))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (delivery));
  carta_delivery_set_next_attempt (delivery, NULL);
  carta_delivery_set_state (delivery, CARTA_DELIVERY_CANCELLED);
  g_object_thaw_notify (G_OBJECT (delivery));
  if (entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
  persist (entry);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  schedule (self);
  return TRUE;
}

gboolean
carta_outbox_remove (CartaOutbox   *self,
                     CartaDelivery *delivery)
{
  Entry *entry;
  CartaDeliveryState state;

  g_return_val_if_fail (CARTA_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (CARTA_IS_DELIVERY (delivery), FALSE);

  entry = find_entry (self, delivery, NULL);
  state = carta_delivery_get_state (delivery);
  if (entry == NULL || entry->cancellable != NULL ||
      (state != CARTA_DELIVERY_FAILED && state != CARTA_DELIVERY_CANCELLED))
    return FALSE;

  entry->delete_wanted = TRUE;
  persist (entry);
  remove_entry (self, entry);
  return TRUE;
}

void
carta_outbox_set_session (CartaOutbox *self,
                          SoupSession *session)
{
  g_return_if_fail (CARTA_IS_OUTBOX (self));
  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  schedule (self);
}
