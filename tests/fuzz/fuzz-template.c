/* fuzz-template.c: placeholders, filling in and the address splitter on any text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) placeholders = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_address_warning_free);
  g_autofree char *filled = NULL;
  g_auto(GStrv) lines = NULL;

  /* Feed texts are checked to be UTF-8 without NUL before they get here. */
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate ((const char *) data, size, NULL))
    return 0;
  text = g_strndup ((const char *) data, size);

  placeholders = carta_template_parse_placeholders (text, &error);
  if ((placeholders == NULL) == (error == NULL))
    abort ();

  g_hash_table_insert (values, (gpointer) "case_name", (gpointer) "Иванов {Иван}");
  g_hash_table_insert (values, (gpointer) "sender_name", (gpointer) "}}{{");
  g_hash_table_insert (values, (gpointer) "date", (gpointer) "");
  filled = carta_compose_fill (text, values, missing);
  if (filled == NULL || !g_utf8_validate (filled, -1, NULL))
    abort ();

  lines = carta_import_split_address (text, "RU", warnings);
  if (lines == NULL || g_strv_length (lines) > 12)
    abort ();
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] == '\0' || !g_utf8_validate (lines[i], -1, NULL))
      abort ();
  return 0;
}
