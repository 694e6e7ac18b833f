/* carta-import.h: people from organizations' lists of political prisoners
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "carta-feed.h"

G_BEGIN_DECLS

/* Lists larger than this are refused before they are read. */
#define CARTA_IMPORT_MAX_SIZE  (64 * 1024 * 1024)
/* A longer field makes its row fail. */
#define CARTA_IMPORT_MAX_FIELD (64 * 1024)
/* A list with more people than this is refused. */
#define CARTA_IMPORT_MAX_ROWS  100000

/* The source ids the importers use by default: importing a list again
 * replaces the people it gave before. */
#define CARTA_IMPORT_SOURCE_VIASNA  "import-viasna"
#define CARTA_IMPORT_SOURCE_OVDINFO "import-ovdinfo"

typedef enum {
  CARTA_IMPORT_FORMAT_VIASNA_CSV,
  CARTA_IMPORT_FORMAT_OVDINFO_JSON,
} CartaImportFormat;

/* One row (or JSON item) that could not be imported, or was imported
 * without one of its values. @line is the physical line of the CSV file
 * where the record starts (0 for JSON); @record counts records from 1
 * (the header is not a record). */
typedef struct {
  guint     line;
  guint     record;
  gboolean  skipped;
  char     *message;
} CartaImportProblem;

#define CARTA_TYPE_IMPORT_PROBLEM (carta_import_problem_get_type ())
GType               carta_import_problem_get_type (void) G_GNUC_CONST;
CartaImportProblem *carta_import_problem_copy     (const CartaImportProblem *problem);
void                carta_import_problem_free     (CartaImportProblem       *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaImportProblem, carta_import_problem_free)

/* What a warning about a postal address is about. */
typedef enum {
  CARTA_ADDRESS_WARNING_EMPTY,
  CARTA_ADDRESS_WARNING_NO_POSTCODE,
  CARTA_ADDRESS_WARNING_NOT_CYRILLIC,
  CARTA_ADDRESS_WARNING_LATIN_LETTERS,
  CARTA_ADDRESS_WARNING_TOO_MANY_LINES,
  CARTA_ADDRESS_WARNING_LINE_TOO_LONG,
  CARTA_ADDRESS_WARNING_TOO_LONG,
} CartaAddressWarningKind;

typedef struct {
  CartaAddressWarningKind  kind;
  char                    *message;
} CartaAddressWarning;

void carta_address_warning_free (CartaAddressWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaAddressWarning, carta_address_warning_free)

/* An envelope has room for this many lines; a feed allows 12. */
#define CARTA_ADDRESS_MAX_LINES      8
#define CARTA_ADDRESS_MAX_LINE_CHARS 64

/* Splits a facility address pasted as one block (lines or comma-separated
 * parts) into envelope lines: the postcode first when it starts the
 * address, then region, town, street with its house number, institution.
 * @country ("RU", "BY" or NULL) selects the checks; the warnings
 * (CartaAddressWarning, which a UI can show) are appended to @warnings when
 * given. Never returns NULL; an empty block gives no lines. At most 12
 * lines are returned: the surplus is joined to the last. */
char      **carta_import_split_address (const char  *block,
                                        const char  *country,
                                        GPtrArray   *warnings);

#define CARTA_TYPE_IMPORT_RESULT (carta_import_result_get_type ())

G_DECLARE_FINAL_TYPE (CartaImportResult, carta_import_result, CARTA, IMPORT_RESULT, GObject)

/* Reads a Viasna CSV export (prisoners.spring96.org): RFC 4180, UTF-8 with
 * or without a byte order mark, columns matched by name. @now decides
 * whether a release date has passed (NULL: the current time). Returns NULL
 * only when the whole list is unusable (too large, not a Viasna export,
 * too many rows); a bad row becomes a problem of the result. */
CartaImportResult *carta_import_viasna_csv   (GBytes      *bytes,
                                              const char  *source_id,
                                              GDateTime   *now,
                                              GError     **error);
/* Reads an OVD-Info-shaped JSON list: an array of persons, or an object
 * with a "persons" array. */
CartaImportResult *carta_import_ovdinfo_json (GBytes      *bytes,
                                              const char  *source_id,
                                              GError     **error);
/* Chooses the importer from the content (JSON or CSV). */
CartaImportResult *carta_import_from_bytes   (GBytes      *bytes,
                                              const char  *source_id,
                                              GError     **error);

const char        *carta_import_result_get_source_id   (CartaImportResult *self);
CartaImportFormat  carta_import_result_get_format      (CartaImportResult *self);
/* How many people were imported. */
guint              carta_import_result_get_n_people    (CartaImportResult *self);
/* A GPtrArray of CartaImportProblem, in the order of the list. */
GPtrArray         *carta_import_result_get_problems    (CartaImportResult *self);
/* The people as a feed under the result's source id, with the bundled
 * catalog's current guidance and letters to prisoners. */
CartaFeed         *carta_import_result_build_feed      (CartaImportResult *self,
                                                        GError           **error);
/* The form in which an import is kept: only the people, no guidance. */
GBytes            *carta_import_result_serialize       (CartaImportResult *self);

/* Where imports are kept: $XDG_DATA_HOME/carta/imports. */
char              *carta_import_get_default_dir        (void);
/* Keeps the import as @dir/<source id>.json (@dir NULL: the default),
 * replacing the file atomically in a worker thread. */
void               carta_import_result_save_async      (CartaImportResult   *self,
                                                        const char          *dir,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean           carta_import_result_save_finish     (CartaImportResult   *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Builds the feed of a kept import (see carta_import_result_serialize). */
CartaFeed         *carta_import_load_saved             (GBytes              *bytes,
                                                        GError             **error);
/* Every kept import in @dir (NULL: the default), as a GPtrArray of
 * CartaFeed sorted by source id. A damaged file is renamed to
 * <name>.damaged, so that no later import overwrites it, and a message
 * for the user (a GError) is added to @errors when given. Reads files:
 * call it in a worker thread. */
GPtrArray         *carta_import_load_all               (const char          *dir,
                                                        GPtrArray           *errors);
/* Removes a kept import; TRUE if there was one. */
gboolean           carta_import_delete_saved           (const char          *dir,
                                                        const char          *source_id,
                                                        GError             **error);

G_END_DECLS
