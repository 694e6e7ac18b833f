/* carta-types.c: the enumerations' names in feeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-types.h"

static const char * const case_status_names[] = {
  [CARTA_CASE_STATUS_UNKNOWN] = "unknown",
  [CARTA_CASE_STATUS_DETAINED] = "detained",
  [CARTA_CASE_STATUS_IMPRISONED] = "imprisoned",
  [CARTA_CASE_STATUS_RELEASED] = "released",
  [CARTA_CASE_STATUS_DECEASED] = "deceased",
};

static const char * const addressee_role_names[] = {
  [CARTA_ADDRESSEE_PRISONER] = "prisoner",
  [CARTA_ADDRESSEE_OFFICIAL] = "official",
  [CARTA_ADDRESSEE_REPRESENTATIVE] = "representative",
  [CARTA_ADDRESSEE_COMPANY] = "company",
  [CARTA_ADDRESSEE_INTERNATIONAL_BODY] = "international-body",
};

static const char * const letter_kind_names[] = {
  [CARTA_LETTER_SOLIDARITY] = "solidarity",
  [CARTA_LETTER_APPEAL] = "appeal",
};

static const char *
name_of (const char * const *names,
         guint               n_names,
         guint               value)
{
  g_return_val_if_fail (value < n_names, NULL);
  return names[value];
}

static gboolean
value_of (const char * const *names,
          guint               n_names,
          const char         *str,
          guint              *value)
{
  for (guint i = 0; str != NULL && i < n_names; i++)
    {
      if (g_strcmp0 (names[i], str) == 0)
        {
          *value = i;
          return TRUE;
        }
    }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, names)                              \
  const char *                                                                \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    return name_of (names, G_N_ELEMENTS (names), value);                      \
  }                                                                           \
  gboolean                                                                    \
  prefix##_from_string (const char *str,                                      \
                        Type       *value)                                    \
  {                                                                           \
    guint v;                                                                  \
    if (!value_of (names, G_N_ELEMENTS (names), str, &v))                     \
      return FALSE;                                                           \
    *value = (Type) v;                                                        \
    return TRUE;                                                              \
  }

DEFINE_ENUM_STRINGS (CartaCaseStatus, carta_case_status, case_status_names)
DEFINE_ENUM_STRINGS (CartaAddresseeRole, carta_addressee_role, addressee_role_names)
DEFINE_ENUM_STRINGS (CartaLetterKind, carta_letter_kind, letter_kind_names)
