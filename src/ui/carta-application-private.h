/* carta-application-private.h: what the application's tests may reach
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "carta-application.h"

G_BEGIN_DECLS

/* Ends the catalog's loading, with @error (plain text) when it failed. */
void carta_application_finish_loading (CartaApplication *self,
                                       const char       *error);
/* The session feeds and letters go through (tests make it trust their CA);
 * NULL while the proxy setting cannot be used. */
SoupSession *carta_application_get_session (CartaApplication *self);

G_END_DECLS
