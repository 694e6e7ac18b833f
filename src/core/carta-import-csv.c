/* carta-import-csv.c: an RFC 4180 reader for organizations' lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "carta-import.h"
#include "carta-import-private.h"

/* More columns than any list has: a record of a million commas is refused
 * instead of becoming a million strings. */
#define MAX_FIELDS 1024

struct _CartaCsvReader
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;
};

CartaCsvReader *
carta_csv_reader_new (const char *data,
                      gsize       len)
{
  CartaCsvReader *reader = g_new0 (CartaCsvReader, 1);

  reader->data = data;
  reader->len = len;
  reader->line = 1;
  return reader;
}

void
carta_csv_reader_free (CartaCsvReader *reader)
{
  g_free (reader);
}

/* The length of the line end at @pos (LF or CRLF), 0 if there is none. */
static gsize
line_end_at (CartaCsvReader *reader,
             gsize           pos)
{
  if (pos < reader->len && reader->data[pos] == '\n')
    return 1;
  if (pos + 1 < reader->len && reader->data[pos] == '\r' && reader->data[pos + 1] == '\n')
    return 2;
  return 0;
}

/* After an unterminated quote the rest of the file would be one field:
 * start again on the line after the bad record's first line. */
static void
resume_after_line (CartaCsvReader *reader,
                   gsize           start,
                   guint           start_line)
{
  const char *newline = memchr (reader->data + start, '\n', reader->len - start);

  reader->pos = newline != NULL ? (gsize) (newline - reader->data) + 1 : reader->len;
  reader->line = start_line + 1;
}

static void
append_limited (GString    *field,
                char        c,
                char      **problem)
{
  if (field->len >= CARTA_IMPORT_MAX_FIELD)
    {
      if (*problem == NULL)
        *problem = g_strdup_printf ("a field is longer than %d bytes", CARTA_IMPORT_MAX_FIELD);
      return;
    }
  g_string_append_c (field, c);
}

CartaCsvStatus
carta_csv_reader_next (CartaCsvReader  *reader,
                       GPtrArray       *fields,
                       guint           *line,
                       char           **message)
{
  g_autoptr(GString) field = g_string_new (NULL);
  g_autofree char *problem = NULL;
  gsize start = reader->pos;
  guint start_line = reader->line;
  gboolean end_of_record = FALSE;

  g_ptr_array_set_size (fields, 0);
  *line = start_line;
  *message = NULL;

  if (reader->pos >= reader->len)
    return CARTA_CSV_END;

  while (!end_of_record)
    {
      gsize eol;

      g_string_truncate (field, 0);

      if (reader->pos < reader->len && reader->data[reader->pos] == '"')
        {
          gboolean closed = FALSE;

          reader->pos++;
          while (reader->pos < reader->len)
            {
              char c = reader->data[reader->pos];

              if (c == '"')
                {
                  if (reader->pos + 1 < reader->len && reader->data[reader->pos + 1] == '"')
                    {
                      append_limited (field, '"', &problem);
                      reader->pos += 2;
                      continue;
                    }
                  reader->pos++;
                  closed = TRUE;
                  break;
                }
              if (c == '\n')
                reader->line++;
              append_limited (field, c, &problem);
              reader->pos++;
            }

          if (!closed)
            {
              resume_after_line (reader, start, start_line);
              *message = g_strdup ("a quoted field is not closed");
              return CARTA_CSV_BAD_RECORD;
            }

          /* Only a separator or the line's end may follow the closing quote. */
          if (reader->pos < reader->len && reader->data[reader->pos] != ',' &&
              line_end_at (reader, reader->pos) == 0)
            {
              /* A quote that spanned lines and then met text was most
               * likely a stray quote that swallowed the next rows. */
              if (reader->line > start_line)
                {
                  resume_after_line (reader, start, start_line);
                  *message = g_strdup ("a quote is not closed where the field ends");
                  return CARTA_CSV_BAD_RECORD;
                }
              if (problem == NULL)
                problem = g_strdup ("text follows a closing quote");
              while (reader->pos < reader->len && reader->data[reader->pos] != ',' &&
                     line_end_at (reader, reader->pos) == 0)
                reader->pos++;
            }
        }
      else
        {
          /* A quote inside an unquoted field is kept as it is: lists
           * written by hand have them ("ИК-1 "Витьба""). */
          while (reader->pos < reader->len && reader->data[reader->pos] != ',' &&
                 line_end_at (reader, reader->pos) == 0)
            append_limited (field, reader->data[reader->pos++], &problem);
        }

      if (fields->len < MAX_FIELDS)
        g_ptr_array_add (fields, g_strndup (field->str, field->len));
      else if (problem == NULL)
        problem = g_strdup_printf ("the record has more than %d fields", MAX_FIELDS);

      if (reader->pos >= reader->len)
        end_of_record = TRUE;
      else if (reader->data[reader->pos] == ',')
        {
          reader->pos++;
          /* "a,b," at the very end still has an empty last field. */
          if (reader->pos >= reader->len && fields->len < MAX_FIELDS)
            {
              g_ptr_array_add (fields, g_strdup (""));
              end_of_record = TRUE;
            }
        }
      else if ((eol = line_end_at (reader, reader->pos)) > 0)
        {
          reader->pos += eol;
          reader->line++;
          end_of_record = TRUE;
        }
    }

  if (problem != NULL)
    {
      *message = g_steal_pointer (&problem);
      return CARTA_CSV_BAD_RECORD;
    }
  return CARTA_CSV_RECORD;
}
