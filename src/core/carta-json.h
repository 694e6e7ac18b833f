/* carta-json.h: a strict JSON parser into a compact, read-only tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed loader reads documents of tens of megabytes. This parser copies
 * the document once, decodes strings in place and keeps every value in a
 * few large blocks, so that parsing and freeing a document costs a handful
 * of allocations rather than several per value.
 *
 * It accepts RFC 8259 JSON, plus a leading UTF-8 byte order mark. It
 * checks the encoding as it goes: a document it accepts is UTF-8 without
 * NUL bytes, and a bad byte stops it like a syntax error (the caller can
 * look for the first one to report it better). A string with an escape that does not stand for Unicode text ("\q",
 * "\u0000", a lone surrogate) does not stop the parse: the string is marked
 * (CARTA_JSON_BAD_TEXT) so that whoever reads it can refuse it with its
 * path, and carta_json_document_describe_bad_text() says what and where.
 * Duplicate member names keep the first one's place and the last one's
 * value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CARTA_JSON_NULL,
  CARTA_JSON_BOOLEAN,
  CARTA_JSON_INTEGER,
  CARTA_JSON_DOUBLE,
  CARTA_JSON_STRING,
  CARTA_JSON_ARRAY,
  CARTA_JSON_OBJECT,
} CartaJsonType;

/* Set on a string (or a member's name) with an escape that is not text. */
#define CARTA_JSON_BAD_TEXT 0x1

typedef struct _CartaJsonValue    CartaJsonValue;
typedef struct _CartaJsonMember   CartaJsonMember;
typedef struct _CartaJsonDocument CartaJsonDocument;

struct _CartaJsonValue
{
  guint8   type;        /* CartaJsonType */
  guint8   flags;       /* CARTA_JSON_BAD_TEXT */
  guint32  length;      /* a string's bytes, an array's items, an object's members */
  union
  {
    gboolean         boolean;
    /* Integers beyond 64 bits are clamped to G_MININT64 or G_MAXINT64. */
    gint64           integer;
    double           number;
    /* NUL-terminated UTF-8 without NUL inside, unless BAD_TEXT. */
    const char      *string;
    CartaJsonValue  *items;
    CartaJsonMember *members;
  };
};

struct _CartaJsonMember
{
  const char     *name;
  guint32         name_length;
  guint8          flags;        /* CARTA_JSON_BAD_TEXT */
  CartaJsonValue  value;
};

typedef enum
{
  CARTA_JSON_ERROR_SYNTAX,
  CARTA_JSON_ERROR_TOO_DEEP,
} CartaJsonErrorKind;

typedef struct
{
  CartaJsonErrorKind  kind;
  gsize               offset;   /* in bytes from the start of the data */
  char               *message;  /* what is wrong there, without the position */
} CartaJsonError;

/* Parses @data. Returns NULL and fills @error (free its message) when the
 * document is not JSON or nests containers deeper than @max_depth. An
 * empty document (only white space) gives a document whose root is NULL. */
CartaJsonDocument    *carta_json_document_parse             (const char        *data,
                                                             gsize              length,
                                                             guint              max_depth,
                                                             CartaJsonError    *error);
void                  carta_json_document_free              (CartaJsonDocument *self);
const CartaJsonValue *carta_json_document_get_root          (CartaJsonDocument *self);
/* For a string value or a member name marked BAD_TEXT: "“\u0000” at byte
 * 1234 (line 56) is a NUL character" and the like. */
char                 *carta_json_document_describe_bad_text (CartaJsonDocument *self,
                                                             const char        *text);

/* The member's value, or NULL. Names marked BAD_TEXT never match. */
const CartaJsonValue *carta_json_object_get                 (const CartaJsonValue *object,
                                                             const char           *name);

/* The line (from 1) that @offset falls on. */
guint                 carta_json_line_at                    (const char        *data,
                                                             gsize              offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartaJsonDocument, carta_json_document_free)

G_END_DECLS
