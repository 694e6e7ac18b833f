/* carta-import-sources.h: the lists the user imported and the people they
 * added, kept in the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <carta/carta.h>

G_BEGIN_DECLS

#define CARTA_TYPE_IMPORT_SOURCES (carta_import_sources_get_type ())

G_DECLARE_FINAL_TYPE (CartaImportSources, carta_import_sources, CARTA, IMPORT_SOURCES, GObject)

/* Imported lists are kept in @imports_dir, the people the user added in
 * @people_path (NULL: the defaults). "problem" (title, details: plain text
 * for the user) is emitted when a file cannot be read or written. */
CartaImportSources *carta_import_sources_new             (CartaCatalog       *catalog,
                                                          const char         *imports_dir,
                                                          const char         *people_path);
/* Reads the kept lists and the people in worker threads and adds them to
 * the catalog; from then on, the catalog follows every change of the
 * people (the feed is rebuilt in a worker thread). */
void                carta_import_sources_load            (CartaImportSources *self,
                                                          GCancellable       *cancellable);
CartaPeople        *carta_import_sources_get_people      (CartaImportSources *self);
const char         *carta_import_sources_get_imports_dir (CartaImportSources *self);
/* Writes the people in a worker thread; not cancelled, so that a change
 * made just before Carta quits reaches the disk. */
void                carta_import_sources_save_people     (CartaImportSources *self);
/* TRUE while a save of the people is under way. */
gboolean            carta_import_sources_get_busy        (CartaImportSources *self);

G_END_DECLS
