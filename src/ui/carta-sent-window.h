/* carta-sent-window.h: Sent Letters — the outbox and the history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-application.h"

G_BEGIN_DECLS

#define CARTA_TYPE_SENT_WINDOW (carta_sent_window_get_type ())

G_DECLARE_FINAL_TYPE (CartaSentWindow, carta_sent_window, CARTA, SENT_WINDOW, AdwWindow)

/* The letters waiting in @application's outbox and those in its history. */
GtkWidget *carta_sent_window_new (CartaApplication *application);

G_END_DECLS
