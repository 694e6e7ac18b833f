/* carta-error.h: the error domain of Carta's core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CARTA_ERROR (carta_error_quark ())

typedef enum {
  CARTA_ERROR_FAILED,
  CARTA_ERROR_TOO_LARGE,
  CARTA_ERROR_INVALID_UTF8,
  CARTA_ERROR_INVALID_JSON,
  CARTA_ERROR_UNSUPPORTED_VERSION,
  CARTA_ERROR_INVALID_FEED,
  CARTA_ERROR_DUPLICATE_ID,
  CARTA_ERROR_UNKNOWN_REFERENCE,
  CARTA_ERROR_PLACEHOLDER,
} CartaError;

GQuark carta_error_quark (void);

G_END_DECLS
