/* carta-import-private.h: what the importers share with the people store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "carta-feed.h"
#include "carta-import.h"

G_BEGIN_DECLS

/* A feed (format v1) holding @cases (feed case objects without
 * "templates") under @source_id, with copies of the bundled catalog's
 * rulesets and its templates addressed to prisoners: each case is offered
 * those templates. */
CartaFeed *carta_import_build_feed   (JsonArray   *cases,
                                      const char  *source_id,
                                      const char  *title_en,
                                      GError     **error);

/* The same, with the bundled guidance and templates only when
 * @with_bundled: without them the feed loads fast (for fuzzing). */
CartaFeed *carta_import_build_feed_full (JsonArray   *cases,
                                         const char  *source_id,
                                         const char  *title_en,
                                         gboolean     with_bundled,
                                         GError     **error);


/* The imported people alone, without guidance or templates. */
CartaFeed *carta_import_result_build_people_feed (CartaImportResult  *self,
                                                  GError            **error);

/* Writes @bytes to @path atomically and durably, creating its folder. */
gboolean   carta_import_write_file   (const char  *path,
                                      GBytes      *bytes,
                                      GError     **error);

/* Renames a damaged file to @path.damaged (or .damaged-2, -3… when that
 * is taken: an earlier damaged file is never replaced) and returns the new
 * path; NULL and @error set when it cannot be moved. */
char      *carta_import_set_aside    (const char  *path,
                                      GError     **error);

/* An RFC 4180 reader: quoted fields, doubled quotes, newlines inside
 * quotes, LF or CRLF line ends. */
typedef struct _CartaCsvReader CartaCsvReader;

typedef enum {
  CARTA_CSV_RECORD,
  CARTA_CSV_BAD_RECORD,
  CARTA_CSV_END,
} CartaCsvStatus;

CartaCsvReader *carta_csv_reader_new  (const char      *data,
                                       gsize            len);
void            carta_csv_reader_free (CartaCsvReader  *reader);
/* Reads the next record into @fields (char *, replaced each time) and
 * sets @line to the physical line where it starts. A bad record sets
 * @message and the reader goes on after it. */
CartaCsvStatus  carta_csv_reader_next (CartaCsvReader  *reader,
                                       GPtrArray       *fields,
                                       guint           *line,
                                       char           **message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaCsvReader, carta_csv_reader_free)

G_END_DECLS
