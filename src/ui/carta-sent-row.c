/* carta-sent-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whom a letter went to, how and when, and — while it is in the outbox —
 * where it stands: queued, being sent, failed with the reason, cancelled.
 * Everything shown comes from the delivery, which came from a feed or the
 * writer: it is escaped before it goes into the row's markup.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "carta-sent-row.h"

struct _CartaSentRow
{
  AdwActionRow   parent_instance;

  CartaDelivery *delivery;
  CartaOutbox   *outbox;

  GtkImage      *icon;
  GtkLabel      *state_label;
  GtkButton     *retry_button;
  GtkButton     *cancel_button;
  GtkButton     *remove_button;
};

G_DEFINE_FINAL_TYPE (CartaSentRow, carta_sent_row, ADW_TYPE_ACTION_ROW)

static const char *
channel_icon (CartaDeliveryChannel channel)
{
  switch (channel)
    {
    case CARTA_DELIVERY_PRINT:
      return "printer-symbolic";
    case CARTA_DELIVERY_PDF:
      return "x-office-document-symbolic";
    case CARTA_DELIVERY_TEXT:
      return "text-x-generic-symbolic";
    case CARTA_DELIVERY_EMAIL:
      return "mail-send-symbolic";
    case CARTA_DELIVERY_FORWARD:
    case CARTA_DELIVERY_OSDI:
    default:
      return "network-transmit-symbolic";
    }
}

/* The host a letter was submitted to: all the history keeps of the address. */
static char *
endpoint_host (CartaDelivery *delivery)
{
  const char *endpoint = carta_delivery_get_endpoint (delivery);
  g_autoptr(GUri) uri = endpoint ? g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri && g_uri_get_host (uri) ? g_strdup (g_uri_get_host (uri)) : NULL;
}

static char *
describe_channel (CartaDelivery *delivery)
{
  g_autofree char *host = endpoint_host (delivery);

  switch (carta_delivery_get_channel (delivery))
    {
    case CARTA_DELIVERY_PRINT:
      return g_strdup (_("Printed"));
    case CARTA_DELIVERY_PDF:
      return g_strdup (_("Saved as PDF"));
    case CARTA_DELIVERY_TEXT:
      return g_strdup (_("Saved as text or copied"));
    case CARTA_DELIVERY_EMAIL:
      return g_strdup (_("Emailed"));
    case CARTA_DELIVERY_FORWARD:
      /* Translators: the letter went to a service that posts it; %s is its web address */
      return host ? g_strdup_printf (_("Submitted to %s to be posted"), host) : g_strdup (_("Submitted to be posted"));
    case CARTA_DELIVERY_OSDI:
      /* Translators: the letter was counted by an organization; %s is its web address */
      return host ? g_strdup_printf (_("Recorded with %s"), host) : g_strdup (_("Recorded online"));
    default:
      return g_strdup ("");
    }
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return NULL;
  /* Translators: when a letter was sent; see the g_date_time_format() documentation */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static void
update (CartaSentRow *self)
{
  CartaDelivery *delivery = self->delivery;
  CartaDeliveryState state = carta_delivery_get_state (delivery);
  const char *recipient = carta_delivery_get_recipient_name (delivery);
  const char *receipt = carta_delivery_get_receipt (delivery);
  const char *last_error = carta_delivery_get_last_error (delivery);
  gboolean waiting = self->outbox != NULL;
  g_autofree char *channel = describe_channel (delivery);
  g_autofree char *when = format_time (waiting || carta_delivery_get_sent (delivery) == NULL
                                       ? carta_delivery_get_created (delivery)
                                       : carta_delivery_get_sent (delivery));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = NULL;
  const char *state_text = NULL;

  /* Translators: a letter whose addressee is not known */
  escaped_title = g_markup_escape_text (recipient && *recipient ? recipient : _("Unknown recipient"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), escaped_title);
  gtk_image_set_from_icon_name (self->icon, channel_icon (carta_delivery_get_channel (delivery)));

  if (when != NULL)
    /* Translators: when, then how a letter left: "3 March 2025, 18:04 · Printed" */
    g_string_append_printf (subtitle, _("%s · %s"), when, channel);
  else
    g_string_append (subtitle, channel);

  if (waiting)
    switch (state)
      {
      case CARTA_DELIVERY_QUEUED:
        state_text = _("Queued");
        if (last_error != NULL)
          {
            g_autofree char *next = format_time (carta_delivery_get_next_attempt (delivery));

            g_string_append_c (subtitle, '\n');
            g_string_append (subtitle, last_error);
            if (next != NULL)
              {
                g_string_append_c (subtitle, '\n');
                /* Translators: %s is a date and time */
                g_string_append_printf (subtitle, _("Next try: %s"), next);
              }
          }
        else
          {
            g_string_append_c (subtitle, '\n');
            g_string_append (subtitle, _("Sent as soon as there is a connection"));
          }
        break;
      case CARTA_DELIVERY_SENDING:
        state_text = _("Sending…");
        break;
      case CARTA_DELIVERY_SENT:
        state_text = _("Sent");
        break;
      case CARTA_DELIVERY_FAILED:
        state_text = _("Failed");
        if (last_error != NULL)
          {
            g_string_append_c (subtitle, '\n');
            g_string_append (subtitle, last_error);
          }
        break;
      case CARTA_DELIVERY_CANCELLED:
        state_text = _("Not sent");
        break;
      default:
        break;
      }

  if (receipt != NULL)
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: %s is what the organization called the letter, to ask about it later */
      g_string_append_printf (subtitle, _("Receipt: %s"), receipt);
    }

  escaped_subtitle = g_markup_escape_text (subtitle->str, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), escaped_subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->state_label), state_text != NULL);
  gtk_label_set_label (self->state_label, state_text ? state_text : "");
  if (state == CARTA_DELIVERY_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");
  if (state == CARTA_DELIVERY_SENT)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "success");

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button),
                          waiting && (state == CARTA_DELIVERY_FAILED || state == CARTA_DELIVERY_CANCELLED));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button),
                          waiting && (state == CARTA_DELIVERY_QUEUED || state == CARTA_DELIVERY_SENDING));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button),
                          waiting && (state == CARTA_DELIVERY_FAILED || state == CARTA_DELIVERY_CANCELLED));
}

static void
on_retry_clicked (CartaSentRow *self)
{
  if (self->outbox != NULL)
    carta_outbox_retry (self->outbox, self->delivery);
}

static void
on_cancel_clicked (CartaSentRow *self)
{
  if (self->outbox != NULL)
    carta_outbox_cancel (self->outbox, self->delivery);
}

static void
on_remove_clicked (CartaSentRow *self)
{
  if (self->outbox != NULL)
    carta_outbox_remove (self->outbox, self->delivery);
}

static void
carta_sent_row_dispose (GObject *object)
{
  CartaSentRow *self = CARTA_SENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), CARTA_TYPE_SENT_ROW);
  g_clear_object (&self->delivery);
  g_clear_object (&self->outbox);

  G_OBJECT_CLASS (carta_sent_row_parent_class)->dispose (object);
}

static void
carta_sent_row_class_init (CartaSentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = carta_sent_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/carta/Carta/carta-sent-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CartaSentRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CartaSentRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, CartaSentRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, CartaSentRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CartaSentRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
carta_sent_row_init (CartaSentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
carta_sent_row_new (CartaDelivery *delivery,
                    CartaOutbox   *outbox)
{
  CartaSentRow *self;

  g_return_val_if_fail (CARTA_IS_DELIVERY (delivery), NULL);
  g_return_val_if_fail (outbox == NULL || CARTA_IS_OUTBOX (outbox), NULL);

  self = g_object_new (CARTA_TYPE_SENT_ROW, NULL);
  self->delivery = g_object_ref (delivery);
  self->outbox = outbox ? g_object_ref (outbox) : NULL;
  g_signal_connect_object (delivery, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

CartaDelivery *
carta_sent_row_get_delivery (CartaSentRow *self)
{
  g_return_val_if_fail (CARTA_IS_SENT_ROW (self), NULL);
  return self->delivery;
}
