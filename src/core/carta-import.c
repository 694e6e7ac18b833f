/* carta-import.c: organizations' lists of political prisoners as feeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "carta-error.h"
#include "carta-import.h"
#include "carta-import-private.h"
#include "carta-core-resources.h"

#define BUNDLED_CATALOG_PATH "/io/github/carta/Carta/catalog/catalog.json"
#define SAVED_VERSION        1
#define MAX_ID_CHARS         128
#define MAX_JSON_DEPTH       64
#define MAX_INTERESTS        256
#define MAX_STRING_BYTES     65536

struct _CartaImportResult
{
  GObject            parent_instance;

  char              *source_id;
  CartaImportFormat  format;
  JsonArray         *people;
  GPtrArray         *problems;
};

G_DEFINE_FINAL_TYPE (CartaImportResult, carta_import_result, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CartaImportProblem, carta_import_problem,
                     carta_import_problem_copy, carta_import_problem_free)

CartaImportProblem *
carta_import_problem_copy (const CartaImportProblem *problem)
{
  CartaImportProblem *copy = g_new0 (CartaImportProblem, 1);

  *copy = *problem;
  copy->message = g_strdup (problem->message);
  return copy;
}

void
carta_import_problem_free (CartaImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

static void
carta_import_result_finalize (GObject *object)
{
  CartaImportResult *self = CARTA_IMPORT_RESULT (object);

  g_free (self->source_id);
  g_clear_pointer (&self->people, json_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (carta_import_result_parent_class)->finalize (object);
}

static void
carta_import_result_class_init (CartaImportResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_import_result_finalize;
}

static void
carta_import_result_init (CartaImportResult *self)
{
  self->people = json_array_new ();
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_import_problem_free);
}

static CartaImportResult *
result_new (const char        *source_id,
            CartaImportFormat  format)
{
  CartaImportResult *self = g_object_new (CARTA_TYPE_IMPORT_RESULT, NULL);

  self->source_id = g_strdup (source_id);
  self->format = format;
  return self;
}

G_GNUC_PRINTF (5, 6)
static void
add_problem (CartaImportResult *self,
             guint              line,
             guint              record,
             gboolean           skipped,
             const char        *format,
             ...)
{
  CartaImportProblem *problem = g_new0 (CartaImportProblem, 1);
  va_list args;

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->line = line;
  problem->record = record;
  problem->skipped = skipped;
  g_ptr_array_add (self->problems, problem);
}

/* ------------------------------------------------------------------------
 * Values
 */

static gboolean
is_valid_id (const char *id)
{
  gsize len = strlen (id);

  if (len == 0 || len > MAX_ID_CHARS)
    return FALSE;
  if (!g_ascii_islower (id[0]) && !g_ascii_isdigit (id[0]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]) && !strchr ("._-", id[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_source_id (const char  *source_id,
                 GError     **error)
{
  if (source_id == NULL || !is_valid_id (source_id))
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_FAILED,
                   "“%s” is not a valid source id", source_id != NULL ? source_id : "(null)");
      return FALSE;
    }
  return TRUE;
}

/* Whitespace and control characters become single spaces, the ends are
 * trimmed, and the text is cut to what a feed string may hold. @text must
 * be valid UTF-8. Returns NULL when nothing is left. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  /* json-glib turns escapes such as "\777" into bytes that are not UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0xFEFF)
        {
          space = out->len > 0;
          continue;
        }
      if (out->len + 8 > MAX_STRING_BYTES)
        break;
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* A list's own id made into a feed id: "viasna-123". */
static char *
make_id (const char *prefix,
         const char *list_id,
         const char *fallback)
{
  g_autoptr(GString) id = g_string_new (prefix);
  gsize prefix_len = id->len;

  if (list_id != NULL)
    for (const char *p = list_id; *p != '\0' && id->len < MAX_ID_CHARS; p++)
      {
        char c = g_ascii_tolower (*p);

        if (g_ascii_isalnum (c) || c == '.' || c == '_')
          g_string_append_c (id, c);
        else if (id->len > prefix_len && id->str[id->len - 1] != '-')
          g_string_append_c (id, '-');
      }

  while (id->len > prefix_len && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);

  if (id->len == prefix_len)
    {
      /* No id in the list: one derived from who the person is stays the
       * same when the list is imported again. */
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, fallback, -1);
      g_string_append_len (id, digest, 16);
    }

  return g_string_free (g_steal_pointer (&id), FALSE);
}

static gboolean
has_script (const char     *text,
            GUnicodeScript  script)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c) && g_unichar_get_script (c) == script)
        return TRUE;
    }
  return FALSE;
}

/* "1985-03-02", "02.03.1985", "1985" (and a time after the date). Sets
 * *date to NULL when only the year is known. */
static gboolean
parse_date (const char  *text,
            guint       *year,
            GDate      **date)
{
  g_autofree char *value = g_strstrip (g_strdup (text));
  guint d = 0, m = 0, y = 0;
  gsize len;

  *date = NULL;
  /* Spreadsheets add a time: "1985-03-02 00:00:00", "1985-03-02T00:00". */
  if (strlen (value) > 10 && (value[10] == ' ' || value[10] == 'T'))
    value[10] = '\0';
  len = strlen (value);

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (value[i]) && value[i] != '-' && value[i] != '.')
      return FALSE;

  if (len == 4 && strspn (value, "0123456789") == 4)
    y = atoi (value);
  else if (len == 10 && value[4] == '-' && value[7] == '-')
    {
      y = atoi (value);
      m = atoi (value + 5);
      d = atoi (value + 8);
    }
  else if (len == 10 && value[2] == '.' && value[5] == '.')
    {
      d = atoi (value);
      m = atoi (value + 3);
      y = atoi (value + 6);
    }
  else
    return FALSE;

  if (y < 1900 || y > 2100)
    return FALSE;
  if (m != 0 || d != 0)
    {
      if (!g_date_valid_dmy (d, m, y))
        return FALSE;
      *date = g_date_new_dmy (d, m, y);
    }
  *year = y;
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

static void
set_text (JsonObject *object,
          const char *member,
          const char *lang,
          const char *value)
{
  JsonObject *text = json_object_new ();

  json_object_set_string_member (text, lang, value);
  json_object_set_object_member (object, member, text);
}

static void
set_string_list (JsonObject         *object,
                 const char         *member,
                 const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, member, array);
}

/* The facility's postal address as a feed address, or nothing. */
static void
set_address (JsonObject  *object,
             const char  *block,
             const char  *country)
{
  g_auto(GStrv) lines = carta_import_split_address (block, country, NULL);
  JsonObject *address;
  JsonArray *array;

  if (lines[0] == NULL)
    return;

  address = json_object_new ();
  array = json_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = clean_text (lines[i]);

      if (line != NULL)
        json_array_add_string_element (array, line);
    }
  json_object_set_array_member (address, "lines", array);
  json_object_set_string_member (address, "country",
                                 g_strcmp0 (country, "BY") == 0 ? "REPUBLIC OF BELARUS" : "RUSSIA");
  if (json_array_get_length (array) > 0)
    json_object_set_object_member (object, "address", address);
  else
    json_object_unref (address);
}

static gboolean
add_person (CartaImportResult *self,
            GHashTable        *seen,
            JsonObject        *person,
            guint              line,
            guint              record)
{
  const char *id = json_object_get_string_member (person, "id");
  gpointer first;

  if (g_hash_table_lookup_extended (seen, id, NULL, &first))
    {
      if (line > 0)
        add_problem (self, line, record, TRUE,
                     _("The id “%s” was already given on line %u; this row is left out."),
                     id, GPOINTER_TO_UINT (first));
      else
        add_problem (self, line, record, TRUE,
                     _("The id “%s” was already given by person %u; this one is left out."),
                     id, GPOINTER_TO_UINT (first));
      json_object_unref (person);
      return FALSE;
    }

  g_hash_table_insert (seen, g_strdup (id), GUINT_TO_POINTER (line > 0 ? line : record));
  json_array_add_object_element (self->people, person);
  return TRUE;
}

static gboolean
check_size (GBytes  *bytes,
            GError **error)
{
  if (g_bytes_get_size (bytes) > CARTA_IMPORT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size_full (g_bytes_get_size (bytes), G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (CARTA_IMPORT_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: the sizes of the file and of the limit, e.g. "70.2 MiB" and "64.0 MiB" */
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                   _("The list is %s; Carta reads lists of up to %s."), size, limit);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Viasna's CSV export
 */

enum {
  COL_ID,
  COL_URL,
  COL_NAME,
  COL_NAME_LATIN,
  COL_STATUS,
  COL_BIRTHDAY,
  COL_ARRESTED,
  COL_ARTICLES,
  COL_VERDICT_DATE,
  COL_PENALTY,
  COL_PRISON,
  COL_RELEASE_DATE,
  COL_DIED,
  N_COLUMNS
};

static const struct {
  const char *names[3];
  gboolean    required;
} viasna_columns[N_COLUMNS] = {
  [COL_ID] = { { "id" }, TRUE },
  [COL_URL] = { { "url" }, FALSE },
  [COL_NAME] = { { "name" }, TRUE },
  [COL_NAME_LATIN] = { { "name_latin", "name_en", "latin_name" }, FALSE },
  [COL_STATUS] = { { "status" }, TRUE },
  [COL_BIRTHDAY] = { { "birthday" }, FALSE },
  [COL_ARRESTED] = { { "arrested" }, FALSE },
  [COL_ARTICLES] = { { "articles" }, FALSE },
  [COL_VERDICT_DATE] = { { "verdict_date" }, FALSE },
  [COL_PENALTY] = { { "penalty" }, FALSE },
  [COL_PRISON] = { { "prison" }, TRUE },
  [COL_RELEASE_DATE] = { { "release_date" }, FALSE },
  [COL_DIED] = { { "died" }, FALSE },
};

static const char *
column (GPtrArray *fields,
        const int *index,
        guint      col)
{
  if (index[col] < 0)
    return "";
  return g_ptr_array_index (fields, index[col]);
}

static gboolean
read_viasna_header (GPtrArray  *fields,
                    int        *index,
                    GError    **error)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    index[c] = -1;

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_ascii_strdown (g_ptr_array_index (fields, i), -1);

      g_strstrip (name);

      for (guint c = 0; c < N_COLUMNS; c++)
        for (guint n = 0; n < G_N_ELEMENTS (viasna_columns[c].names) && viasna_columns[c].names[n]; n++)
          if (index[c] < 0 && g_str_equal (name, viasna_columns[c].names[n]))
            index[c] = i;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    if (viasna_columns[c].required && index[c] < 0)
      g_string_append_printf (missing, "%s“%s”", missing->len > 0 ? ", " : "", viasna_columns[c].names[0]);

  if (missing->len > 0)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                   _("The list has no column %s: it does not look like a Viasna export "
                     "(its first line must name the columns)."), missing->str);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
viasna_person (CartaImportResult *self,
               GPtrArray         *fields,
               const int         *index,
               const GDate       *today,
               guint              line,
               guint              record)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autofree char *name = clean_text (column (fields, index, COL_NAME));
  g_autofree char *name_latin = clean_text (column (fields, index, COL_NAME_LATIN));
  g_autofree char *status_text = g_strstrip (g_ascii_strdown (column (fields, index, COL_STATUS), -1));
  g_autofree char *died = clean_text (column (fields, index, COL_DIED));
  g_autofree char *url = clean_text (column (fields, index, COL_URL));
  g_autofree char *articles = clean_text (column (fields, index, COL_ARTICLES));
  g_autofree char *penalty = clean_text (column (fields, index, COL_PENALTY));
  g_autofree char *id = NULL;
  g_autofree char *raw_id = clean_text (column (fields, index, COL_ID));
  g_autofree char *birthday = clean_text (column (fields, index, COL_BIRTHDAY));
  g_autofree char *release = clean_text (column (fields, index, COL_RELEASE_DATE));
  g_autofree char *verdict = clean_text (column (fields, index, COL_VERDICT_DATE));
  g_auto(GStrv) prison = g_strsplit (column (fields, index, COL_PRISON), "\n", 2);
  g_autofree char *facility = NULL;
  const char *status = "unknown";
  static const char * const languages[] = { "ru", "be", NULL };

  if (name == NULL)
    {
      add_problem (self, line, record, TRUE, _("Line %u has no name; the row is left out."), line);
      return NULL;
    }

  id = make_id ("viasna-", raw_id, name);
  json_object_set_string_member (person, "id", id);
  json_object_set_string_member (person, "name", name);
  if (name_latin != NULL)
    json_object_set_string_member (person, "name_latin", name_latin);
  else if (!has_script (name, G_UNICODE_SCRIPT_CYRILLIC) && has_script (name, G_UNICODE_SCRIPT_LATIN))
    json_object_set_string_member (person, "name_latin", name);

  if (birthday != NULL)
    {
      g_autoptr(GDate) date = NULL;
      guint year = 0;

      if (parse_date (birthday, &year, &date))
        {
          json_object_set_int_member (person, "birth_year", year);
          if (date != NULL)
            {
              g_autofree char *birth_date = format_date (date);
              json_object_set_string_member (person, "birth_date", birth_date);
            }
        }
      else
        add_problem (self, line, record, FALSE,
                     _("Line %u: the birthday “%s” is not a date (1985-03-02 or 02.03.1985); "
                       "the person is imported without it."), line, birthday);
    }

  if (g_str_equal (status_text, "active"))
    status = verdict == NULL ? "detained" : "imprisoned";
  else if (g_str_equal (status_text, "former"))
    status = "released";
  else if (g_str_equal (status_text, "np") || *status_text == '\0')
    status = "unknown";
  else
    add_problem (self, line, record, FALSE,
                 _("Line %u: the status “%s” is unknown (expected active, former or np)."),
                 line, status_text);

  if (release != NULL)
    {
      g_autoptr(GDate) date = NULL;
      guint year = 0;

      if (!parse_date (release, &year, &date) || date == NULL)
        add_problem (self, line, record, FALSE,
                     _("Line %u: the release date “%s” is not a date."), line, release);
      else if (g_date_compare (date, today) <= 0)
        status = "released";
    }

  if (died != NULL)
    status = "deceased";
  json_object_set_string_member (person, "status", status);
  json_object_set_string_member (person, "country", "BY");

  if (articles != NULL || penalty != NULL)
    {
      g_autofree char *story = g_strdup_printf ("%s%s%s%s%s",
                                                articles != NULL ? "Статьи: " : "",
                                                articles != NULL ? articles : "",
                                                articles != NULL && penalty != NULL ? ". " : "",
                                                penalty != NULL ? "Наказание: " : "",
                                                penalty != NULL ? penalty : "");
      g_autofree char *cleaned = clean_text (story);

      if (cleaned != NULL)
        set_text (person, "story", "ru", cleaned);
    }

  /* The facility on the first line, its postal address on the others. */
  if (prison[0] != NULL)
    facility = clean_text (prison[0]);
  if (facility != NULL)
    set_text (person, "facility", "ru", facility);
  if (prison[0] != NULL && prison[1] != NULL)
    set_address (person, prison[1], "BY");

  set_string_list (person, "letter_languages", languages);
  json_object_set_string_member (person, "ruleset", "by-prison");
  if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    json_object_set_string_member (person, "x-url", url);

  return g_steal_pointer (&person);
}

static GDate *
today_from (GDateTime *now)
{
  g_autoptr(GDateTime) current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();

  return g_date_new_dmy (g_date_time_get_day_of_month (current),
                         g_date_time_get_month (current),
                         g_date_time_get_year (current));
}

CartaImportResult *
carta_import_viasna_csv (GBytes      *bytes,
                         const char  *source_id,
                         GDateTime   *now,
                         GError     **error)
{
  g_autoptr(CartaImportResult) self = NULL;
  g_autoptr(CartaCsvReader) reader = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDate) today = today_from (now);
  g_autofree char *message = NULL;
  int index[N_COLUMNS];
  const char *data;
  gsize len;
  guint line = 0;
  guint record = 0;
  guint n_columns;
  CartaCsvStatus status;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (source_id == NULL)
    source_id = CARTA_IMPORT_SOURCE_VIASNA;
  if (!check_source_id (source_id, error) || !check_size (bytes, error))
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  reader = carta_csv_reader_new (data, len);
  status = carta_csv_reader_next (reader, fields, &line, &message);
  if (status != CARTA_CSV_RECORD)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                   _("The list’s first line, which must name the columns, cannot be read: %s."),
                   message != NULL ? message : _("the list is empty"));
      return NULL;
    }
  for (guint i = 0; i < fields->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL))
      {
        g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8,
                     _("The list’s first line is not UTF-8 text: save the list as UTF-8 and import it again."));
        return NULL;
      }
  if (!read_viasna_header (fields, index, error))
    return NULL;
  n_columns = fields->len;

  self = result_new (source_id, CARTA_IMPORT_FORMAT_VIASNA_CSV);

  while ((status = carta_csv_reader_next (reader, fields, &line, &message)) != CARTA_CSV_END)
    {
      JsonObject *person;
      gboolean valid = TRUE;

      /* Blank lines are not records. */
      if (status == CARTA_CSV_RECORD && fields->len == 1 &&
          *(const char *) g_ptr_array_index (fields, 0) == '\0')
        continue;

      if (++record > CARTA_IMPORT_MAX_ROWS)
        {
          g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                       _("The list has more than %d rows; Carta imports lists of up to %d people."),
                       CARTA_IMPORT_MAX_ROWS, CARTA_IMPORT_MAX_ROWS);
          return NULL;
        }

      if (status == CARTA_CSV_BAD_RECORD)
        {
          add_problem (self, line, record, TRUE, _("Line %u cannot be read (%s); the row is left out."),
                       line, message);
          g_clear_pointer (&message, g_free);
          continue;
        }

      if (fields->len != n_columns)
        {
          add_problem (self, line, record, TRUE,
                       _("Line %u has %u columns instead of %u; the row is left out."),
                       line, fields->len, n_columns);
          continue;
        }

      for (guint i = 0; i < fields->len && valid; i++)
        valid = g_utf8_validate (g_ptr_array_index (fields, i), -1, NULL);
      if (!valid)
        {
          add_problem (self, line, record, TRUE,
                       _("Line %u is not UTF-8 text; the row is left out."), line);
          continue;
        }

      person = viasna_person (self, fields, index, today, line, record);
      if (person != NULL)
        add_person (self, seen, person, line, record);
    }

  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------------
 * OVD-Info-shaped JSON
 */

/* json-glib's parser recurses: refuse deep nesting before it sees it. */
static gboolean
check_depth (const char  *data,
             gsize        len,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            {
              g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                           _("The list is nested more than %d levels deep."), MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* A string member, or the last non-empty string of an array member. */
static char *
json_text (JsonObject *object,
           const char *member,
           gboolean    last)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return clean_text (json_node_get_string (node));

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint k = 0; k < n; k++)
        {
          JsonNode *element = json_array_get_element (array, last ? n - 1 - k : k);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            {
              char *text = clean_text (json_node_get_string (element));

              if (text != NULL)
                return text;
            }
        }
    }
  return NULL;
}

/* The address block given in the block's own lines, when the JSON has them. */
static char *
json_block (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return json_text (object, member, TRUE);
  return g_strdup (json_node_get_string (node));
}

static gboolean
has_postcode (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && (p == text || !g_ascii_isdigit (p[-1])))
      {
        guint digits = strspn (p, "0123456789");

        if (digits == 6)
          return TRUE;
        p += digits - 1;
      }
  return FALSE;
}

static const char *
ovdinfo_status (JsonObject *object,
                gboolean    has_penal,
                gboolean    has_detention)
{
  g_autofree char *status = json_text (object, "status", FALSE);
  g_autofree char *lower = status != NULL ? g_utf8_strdown (status, -1) : NULL;
  JsonNode *released = json_object_get_member (object, "released");

  if (lower != NULL)
    {
      if (strstr (lower, "died") || strstr (lower, "dead") || strstr (lower, "deceased") ||
          strstr (lower, "умер") || strstr (lower, "погиб"))
        return "deceased";
      if (strstr (lower, "released") || strstr (lower, "freed") || strstr (lower, "освобожд"))
        return "released";
      if (strstr (lower, "detained") || strstr (lower, "arrest") || strstr (lower, "задерж") ||
          strstr (lower, "арест") || strstr (lower, "сизо"))
        return "detained";
      if (strstr (lower, "imprisoned") || strstr (lower, "convicted") || strstr (lower, "prison") ||
          strstr (lower, "осужд") || strstr (lower, "заключ"))
        return "imprisoned";
    }

  if (released != NULL && JSON_NODE_HOLDS_VALUE (released) &&
      json_node_get_value_type (released) == G_TYPE_BOOLEAN && json_node_get_boolean (released))
    return "released";

  if (has_penal)
    return "imprisoned";
  if (has_detention)
    return "detained";
  return "unknown";
}

static JsonObject *
ovdinfo_person (CartaImportResult *self,
                JsonNode          *node,
                guint              record)
{
  g_autoptr(JsonObject) person = json_object_new ();
  g_autofree char *name = NULL;
  g_autofree char *name_latin = NULL;
  g_autofree char *list_id = NULL;
  g_autofree char *penal = NULL;
  g_autofree char *detention = NULL;
  g_autofree char *location = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *id = NULL;
  const char *facility;
  const char *address = NULL;
  JsonObject *object;
  JsonNode *year_node;
  JsonNode *interests_node;
  gint64 year = 0;
  static const char * const languages[] = { "ru", NULL };

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_problem (self, 0, record, TRUE, _("Person %u is not a JSON object; it is left out."), record);
      return NULL;
    }
  object = json_node_get_object (node);

  name = json_text (object, "name", FALSE);
  if (name == NULL)
    {
      add_problem (self, 0, record, TRUE, _("Person %u has no name; it is left out."), record);
      return NULL;
    }

  year_node = json_object_get_member (object, "birth_year");
  if (year_node != NULL && JSON_NODE_HOLDS_VALUE (year_node))
    {
      GType type = json_node_get_value_type (year_node);

      if (type == G_TYPE_INT64)
        year = json_node_get_int (year_node);
      else if (type == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (year_node);
          char *end = NULL;

          year = g_ascii_strtoll (text, &end, 10);
          if (end == text || *end != '\0')
            year = -1;
        }
      else
        year = -1;
    }
  else if (year_node != NULL && !JSON_NODE_HOLDS_NULL (year_node))
    year = -1;

  if (year != 0 && (year < 1900 || year > 2100))
    {
      add_problem (self, 0, record, FALSE,
                   _("Person %u (%s): the birth year is not a year between 1900 and 2100; "
                     "the person is imported without it."), record, name);
      year = 0;
    }

  list_id = json_text (object, "id", FALSE);
  fallback = g_strdup_printf ("%s|%" G_GINT64_FORMAT, name, year);
  id = make_id ("ovdinfo-", list_id, fallback);

  json_object_set_string_member (person, "id", id);
  json_object_set_string_member (person, "name", name);
  name_latin = json_text (object, "name_en", FALSE);
  if (name_latin == NULL)
    name_latin = json_text (object, "name_latin", FALSE);
  if (name_latin == NULL && !has_script (name, G_UNICODE_SCRIPT_CYRILLIC) &&
      has_script (name, G_UNICODE_SCRIPT_LATIN))
    name_latin = g_strdup (name);
  if (name_latin != NULL)
    json_object_set_string_member (person, "name_latin", name_latin);
  if (year != 0)
    json_object_set_int_member (person, "birth_year", year);

  penal = json_text (object, "penal_facility_ru", TRUE);
  detention = json_text (object, "detention_center_ru", TRUE);
  location = json_block (object, "imprisonment_location_ru");

  json_object_set_string_member (person, "status", ovdinfo_status (object, penal != NULL, detention != NULL));
  json_object_set_string_member (person, "country", "RU");

  /* The current place: the colony after a verdict, the remand prison before. */
  facility = penal != NULL ? penal : detention;

  if (location != NULL && (has_postcode (location) || strchr (location, ',') || strchr (location, '\n')))
    address = location;
  else if (facility != NULL && has_postcode (facility))
    address = facility;

  if (facility != NULL)
    set_text (person, "facility", "ru", facility);
  if (address != NULL)
    set_address (person, address, "RU");

  interests_node = json_object_get_member (object, "interests");
  if (interests_node != NULL && JSON_NODE_HOLDS_ARRAY (interests_node))
    {
      JsonArray *interests = json_node_get_array (interests_node);
      JsonArray *out = json_array_new ();

      for (guint i = 0; i < json_array_get_length (interests) && json_array_get_length (out) < MAX_INTERESTS; i++)
        {
          JsonNode *element = json_array_get_element (interests, i);
          g_autofree char *text = NULL;
          JsonObject *interest;

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          text = clean_text (json_node_get_string (element));
          if (text == NULL)
            continue;
          interest = json_object_new ();
          json_object_set_string_member (interest, "ru", text);
          json_array_add_object_element (out, interest);
        }

      if (json_array_get_length (out) > 0)
        json_object_set_array_member (person, "interests", out);
      else
        json_array_unref (out);
    }

  set_string_list (person, "letter_languages", languages);
  json_object_set_string_member (person, "ruleset", "ru-prison");

  return g_steal_pointer (&person);
}

CartaImportResult *
carta_import_ovdinfo_json (GBytes      *bytes,
                           const char  *source_id,
                           GError     **error)
{
  g_autoptr(CartaImportResult) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  const char *data;
  const char *end = NULL;
  JsonNode *root;
  JsonArray *persons = NULL;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (source_id == NULL)
    source_id = CARTA_IMPORT_SOURCE_OVDINFO;
  if (!check_source_id (source_id, error) || !check_size (bytes, error))
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (len == 0)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON, _("The list is empty."));
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, &end))
    {
      guint line = 1;

      /* A line is something a user can find in an editor; a byte offset is not. */
      for (const char *p = data; p < end; p++)
        line += *p == '\n';
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8,
                   _("Line %u of the list is not UTF-8 text: save the list as UTF-8 and import it again."),
                   line);
      return NULL;
    }
  if (!check_depth (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                   _("The list is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    persons = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *member = json_object_get_member (json_node_get_object (root), "persons");

      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        persons = json_node_get_array (member);
    }

  if (persons == NULL)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                   _("The list must be a JSON array of persons, or an object with a “persons” array."));
      return NULL;
    }
  if (json_array_get_length (persons) > CARTA_IMPORT_MAX_ROWS)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                   _("The list has %u persons; Carta imports lists of up to %d people."),
                   json_array_get_length (persons), CARTA_IMPORT_MAX_ROWS);
      return NULL;
    }

  self = result_new (source_id, CARTA_IMPORT_FORMAT_OVDINFO_JSON);
  for (guint i = 0; i < json_array_get_length (persons); i++)
    {
      JsonObject *person = ovdinfo_person (self, json_array_get_element (persons, i), i + 1);

      if (person != NULL)
        add_person (self, seen, person, 0, i + 1);
    }

  return g_steal_pointer (&self);
}

CartaImportResult *
carta_import_from_bytes (GBytes      *bytes,
                         const char  *source_id,
                         GError     **error)
{
  const char *data;
  gsize len;
  gsize i = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;

  if (i < len && (data[i] == '[' || data[i] == '{'))
    return carta_import_ovdinfo_json (bytes, source_id, error);
  return carta_import_viasna_csv (bytes, source_id, NULL, error);
}

/* ------------------------------------------------------------------------
 * The result
 */

const char *
carta_import_result_get_source_id (CartaImportResult *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_RESULT (self), NULL);
  return self->source_id;
}

CartaImportFormat
carta_import_result_get_format (CartaImportResult *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_RESULT (self), 0);
  return self->format;
}

guint
carta_import_result_get_n_people (CartaImportResult *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_RESULT (self), 0);
  return json_array_get_length (self->people);
}

GPtrArray *
carta_import_result_get_problems (CartaImportResult *self)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_RESULT (self), NULL);
  return self->problems;
}

static const char *
format_to_string (CartaImportFormat format)
{
  return format == CARTA_IMPORT_FORMAT_VIASNA_CSV ? "viasna-csv" : "ovdinfo-json";
}

static const char *
format_title (const char *format)
{
  if (g_strcmp0 (format, "viasna-csv") == 0)
    return "Political prisoners in Belarus (Viasna’s list)";
  if (g_strcmp0 (format, "ovdinfo-json") == 0)
    return "Political prisoners in Russia (OVD-Info’s list)";
  return "Imported list";
}

CartaFeed *
carta_import_result_build_people_feed (CartaImportResult  *self,
                                       GError            **error)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_RESULT (self), NULL);

  return carta_import_build_feed_full (self->people, self->source_id,
                                       format_title (format_to_string (self->format)), FALSE, error);
}

CartaFeed *
carta_import_result_build_feed (CartaImportResult  *self,
                                GError            **error)
{
  g_return_val_if_fail (CARTA_IS_IMPORT_RESULT (self), NULL);

  return carta_import_build_feed (self->people, self->source_id,
                                  format_title (format_to_string (self->format)), error);
}

GBytes *
carta_import_result_serialize (CartaImportResult *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  JsonObject *object = json_object_new ();
  char *text;
  gsize len;

  g_return_val_if_fail (CARTA_IS_IMPORT_RESULT (self), NULL);

  json_object_set_int_member (object, "carta_import", SAVED_VERSION);
  json_object_set_string_member (object, "source_id", self->source_id);
  json_object_set_string_member (object, "format", format_to_string (self->format));
  json_object_set_string_member (object, "imported", stamp);
  json_object_set_array_member (object, "people", json_array_ref (self->people));
  json_node_take_object (root, object);

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

/* ------------------------------------------------------------------------
 * The feed
 */

static JsonParser *
load_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *data;
  gsize len;

  bytes = g_resource_lookup_data (carta_core_get_resource (), BUNDLED_CATALOG_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED, "the bundled catalog is not an object");
      return NULL;
    }
  return g_steal_pointer (&parser);
}

static JsonArray *
bundled_array (JsonObject *catalog,
               const char *member)
{
  JsonNode *node = json_object_get_member (catalog, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

CartaFeed *
carta_import_build_feed (JsonArray   *cases,
                         const char  *source_id,
                         const char  *title_en,
                         GError     **error)
{
  return carta_import_build_feed_full (cases, source_id, title_en, TRUE, error);
}

CartaFeed *
carta_import_build_feed_full (JsonArray   *cases,
                              const char  *source_id,
                              const char  *title_en,
                              gboolean     with_bundled,
                              GError     **error)
{
  g_autoptr(JsonParser) bundled = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GHashTable) ruleset_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *document = json_object_new ();
  JsonObject *source = json_object_new ();
  JsonArray *rulesets = json_array_new ();
  JsonArray *templates = json_array_new ();
  JsonArray *template_ids = json_array_new ();
  JsonArray *out_cases = json_array_new ();
  JsonObject *catalog;
  JsonArray *array;
  char *text;
  gsize len;

  json_node_take_object (root, document);
  json_object_set_int_member (document, "carta_feed", 1);
  set_text (source, "title", "en", title_en);
  json_object_set_object_member (document, "source", source);
  json_object_set_array_member (document, "rulesets", rulesets);
  json_object_set_array_member (document, "templates", templates);
  json_object_set_array_member (document, "cases", out_cases);

  if (with_bundled)
    {
      bundled = load_bundled (error);
      if (bundled == NULL)
        {
          json_array_unref (template_ids);
          return NULL;
        }
    }
  catalog = bundled != NULL ? json_node_get_object (json_parser_get_root (bundled)) : NULL;

  /* Today's guidance and letters, not the ones of the day of the import. */
  if (catalog != NULL && (array = bundled_array (catalog, "rulesets")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        const char *id;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          continue;
        id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
        if (id == NULL)
          continue;
        g_hash_table_add (ruleset_ids, (gpointer) id);
        json_array_add_element (rulesets, json_node_copy (node));
      }

  if (catalog != NULL && (array = bundled_array (catalog, "templates")) != NULL)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        JsonObject *object;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          continue;
        object = json_node_get_object (node);
        if (g_strcmp0 (json_object_get_string_member_with_default (object, "addressee", NULL), "prisoner") != 0)
          continue;
        json_array_add_element (templates, json_node_copy (node));
        json_array_add_string_element (template_ids, json_object_get_string_member (object, "id"));
      }

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonNode *copy = json_node_copy (json_array_get_element (cases, i));
      JsonObject *person;
      const char *ruleset;

      if (!JSON_NODE_HOLDS_OBJECT (copy))
        {
          json_node_unref (copy);
          continue;
        }
      person = json_node_get_object (copy);
      ruleset = json_object_get_string_member_with_default (person, "ruleset", NULL);
      if (ruleset != NULL && !g_hash_table_contains (ruleset_ids, ruleset))
        json_object_remove_member (person, "ruleset");
      json_object_remove_member (person, "templates");
      if (json_array_get_length (template_ids) > 0)
        json_object_set_array_member (person, "templates", json_array_ref (template_ids));
      json_array_add_element (out_cases, copy);
    }
  json_array_unref (template_ids);

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  bytes = g_bytes_new_take (text, len);
  return carta_feed_new_from_bytes (bytes, source_id, error);
}

/* ------------------------------------------------------------------------
 * Keeping imports
 */

gboolean
carta_import_write_file (const char  *path,
                         GBytes      *bytes,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *data;
  gsize len;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &len);
  return g_file_set_contents_full (path, data, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

char *
carta_import_set_aside (const char  *path,
                        GError     **error)
{
  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *aside = i == 1 ? g_strconcat (path, ".damaged", NULL)
                                      : g_strdup_printf ("%s.damaged-%u", path, i);

      if (g_file_test (aside, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, aside) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "Cannot rename %s: %s", path, g_strerror (saved_errno));
          return NULL;
        }
      return g_steal_pointer (&aside);
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "Too many damaged copies of %s", path);
  return NULL;
}

char *
carta_import_get_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "carta", "imports", NULL);
}

typedef struct {
  char   *path;
  GBytes *bytes;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  g_bytes_unref (data->bytes);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!carta_import_write_file (data->path, data->bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
carta_import_result_save_async (CartaImportResult   *self,
                                const char          *dir,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *default_dir = NULL;
  g_autofree char *name = NULL;
  SaveData *data;

  g_return_if_fail (CARTA_IS_IMPORT_RESULT (self));

  if (dir == NULL)
    dir = default_dir = carta_import_get_default_dir ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_import_result_save_async);

  name = g_strconcat (self->source_id, ".json", NULL);
  data = g_new0 (SaveData, 1);
  data->path = g_build_filename (dir, name, NULL);
  data->bytes = carta_import_result_serialize (self);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
carta_import_result_save_finish (CartaImportResult  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

CartaFeed *
carta_import_load_saved (GBytes  *bytes,
                         GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *data;
  const char *source_id;
  const char *format;
  JsonObject *object;
  JsonNode *root;
  JsonNode *people;
  gsize len;

  data = g_bytes_get_data (bytes, &len);
  if (len == 0 || len > CARTA_IMPORT_MAX_SIZE * 2 || !g_utf8_validate_len (data, len, NULL) ||
      !check_depth (data, len, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON, "it is not in the form Carta keeps lists in");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto damaged;
  object = json_node_get_object (root);
  if (json_object_get_int_member_with_default (object, "carta_import", 0) != SAVED_VERSION)
    goto damaged;
  source_id = json_object_get_string_member_with_default (object, "source_id", NULL);
  format = json_object_get_string_member_with_default (object, "format", NULL);
  people = json_object_get_member (object, "people");
  if (source_id == NULL || !check_source_id (source_id, error) || people == NULL ||
      !JSON_NODE_HOLDS_ARRAY (people))
    goto damaged;

  return carta_import_build_feed (json_node_get_array (people), source_id, format_title (format), error);

damaged:
  if (error != NULL && *error == NULL)
    g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED, "it is not in the form Carta keeps lists in");
  return NULL;
}

static int
compare_feeds (gconstpointer a,
               gconstpointer b)
{
  CartaFeed *feed_a = *(CartaFeed **) a;
  CartaFeed *feed_b = *(CartaFeed **) b;

  return g_strcmp0 (carta_feed_get_source_id (feed_a), carta_feed_get_source_id (feed_b));
}

GPtrArray *
carta_import_load_all (const char *dir,
                       GPtrArray  *errors)
{
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *default_dir = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;

  if (dir == NULL)
    dir = default_dir = carta_import_get_default_dir ();

  folder = g_dir_open (dir, 0, NULL);
  if (folder == NULL)
    return g_steal_pointer (&feeds);

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GMappedFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      CartaFeed *feed;

      /* The temporary files of an interrupted write end otherwise. */
      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (dir, name, NULL);
      file = g_mapped_file_new (path, FALSE, &error);
      if (file == NULL)
        {
          /* Unreadable, not damaged: left where it is for the next start. */
          if (errors != NULL)
            g_ptr_array_add (errors, g_error_new (CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                                                  _("The kept list %s cannot be read: %s"),
                                                  path, error->message));
          continue;
        }

      bytes = g_mapped_file_get_bytes (file);
      feed = carta_import_load_saved (bytes, &error);
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_pointer (&file, g_mapped_file_unref);

      /* The file's name is how it is replaced and removed: a list kept
       * under another name is as unusable as a damaged one. */
      if (feed != NULL)
        {
          g_autofree char *expected = g_strconcat (carta_feed_get_source_id (feed), ".json", NULL);

          if (!g_str_equal (name, expected))
            g_clear_object (&feed);
        }
      if (feed == NULL && error == NULL)
        g_set_error (&error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                     "the list inside is not the one the file is named after");

      if (feed != NULL)
        {
          g_ptr_array_add (feeds, feed);
          continue;
        }

      /* Set aside, so that importing the list again cannot overwrite what
       * may still be read by hand. */
      {
        g_autoptr(GError) move_error = NULL;
        g_autofree char *aside = carta_import_set_aside (path, &move_error);

        if (errors == NULL)
          continue;
        if (aside != NULL)
          g_ptr_array_add (errors, g_error_new (CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                                                _("The kept list %s is damaged (%s). It was set aside as %s."),
                                                path, error->message, aside));
        else
          g_ptr_array_add (errors, g_error_new (CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                                                _("The kept list %s is damaged (%s) and could not be set aside: %s"),
                                                path, error->message, move_error->message));
      }
    }

  g_ptr_array_sort (feeds, compare_feeds);
  return g_steal_pointer (&feeds);
}

gboolean
carta_import_delete_saved (const char  *dir,
                           const char  *source_id,
                           GError     **error)
{
  g_autofree char *default_dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!check_source_id (source_id, error))
    return FALSE;
  if (dir == NULL)
    dir = default_dir = carta_import_get_default_dir ();

  name = g_strconcat (source_id, ".json", NULL);
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  if (!g_file_delete (file, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
