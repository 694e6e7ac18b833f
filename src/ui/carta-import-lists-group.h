/* carta-import-lists-group.h: the kept imports, each with a way to remove it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_IMPORT_LISTS_GROUP (carta_import_lists_group_get_type ())

G_DECLARE_FINAL_TYPE (CartaImportListsGroup, carta_import_lists_group, CARTA, IMPORT_LISTS_GROUP, AdwBin)

/* Lists the imports among @catalog's sources; removing one deletes its
 * file in @dir. */
void carta_import_lists_group_set_catalog (CartaImportListsGroup *self,
                                           CartaCatalog          *catalog,
                                           const char            *dir);

G_END_DECLS
