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

G_END_DECLS
