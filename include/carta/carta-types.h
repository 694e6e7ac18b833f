/* carta-types.h: enumerations shared by the core's objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CARTA_CASE_STATUS_UNKNOWN,
  CARTA_CASE_STATUS_DETAINED,
  CARTA_CASE_STATUS_IMPRISONED,
  CARTA_CASE_STATUS_RELEASED,
  CARTA_CASE_STATUS_DECEASED,
} CartaCaseStatus;

typedef enum {
  CARTA_ADDRESSEE_PRISONER,
  CARTA_ADDRESSEE_OFFICIAL,
  CARTA_ADDRESSEE_REPRESENTATIVE,
  CARTA_ADDRESSEE_COMPANY,
  CARTA_ADDRESSEE_INTERNATIONAL_BODY,
} CartaAddresseeRole;

typedef enum {
  CARTA_LETTER_SOLIDARITY,
  CARTA_LETTER_APPEAL,
} CartaLetterKind;

const char *carta_case_status_to_string       (CartaCaseStatus    status);
gboolean    carta_case_status_from_string     (const char        *str,
                                               CartaCaseStatus   *status);
const char *carta_addressee_role_to_string    (CartaAddresseeRole role);
gboolean    carta_addressee_role_from_string  (const char        *str,
                                               CartaAddresseeRole *role);
const char *carta_letter_kind_to_string       (CartaLetterKind    kind);
gboolean    carta_letter_kind_from_string     (const char        *str,
                                               CartaLetterKind   *kind);

G_END_DECLS
