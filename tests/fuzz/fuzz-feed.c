/* fuzz-feed.c: the strict feed loader never crashes, whatever it is given,
 * and its JSON parser reads every document as json-glib does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "fuzz-common.h"
#include "carta-json.h"

/* Whether any string or member name in @value holds an escape that is not
 * text. json-glib decodes those its own way (a lone surrogate even swallows
 * the two characters after it), so such documents are not compared. */
static gboolean
has_bad_text (const CartaJsonValue *value)
{
  if (value->flags & CARTA_JSON_BAD_TEXT)
    return TRUE;
  if (value->type == CARTA_JSON_ARRAY)
    {
      for (guint32 i = 0; i < value->length; i++)
        if (has_bad_text (&value->items[i]))
          return TRUE;
    }
  else if (value->type == CARTA_JSON_OBJECT)
    {
      for (guint32 i = 0; i < value->length; i++)
        if ((value->members[i].flags & CARTA_JSON_BAD_TEXT) || has_bad_text (&value->members[i].value))
          return TRUE;
    }
  return FALSE;
}

static void
assert_same (const CartaJsonValue *value,
             JsonNode             *node)
{
  switch (value->type)
    {
    case CARTA_JSON_NULL:
      if (!JSON_NODE_HOLDS_NULL (node))
        abort ();
      break;

    case CARTA_JSON_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN ||
          json_node_get_boolean (node) != value->boolean)
        abort ();
      break;

    case CARTA_JSON_INTEGER:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        abort ();
      /* Beyond 64 bits Carta clamps and json-glib wraps. */
      if (value->integer != G_MAXINT64 && value->integer != G_MININT64 &&
          json_node_get_int (node) != value->integer)
        abort ();
      break;

    case CARTA_JSON_DOUBLE:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_DOUBLE)
        abort ();
      if (json_node_get_double (node) != value->number &&
          !(isnan (json_node_get_double (node)) && isnan (value->number)))
        abort ();
      break;

    case CARTA_JSON_STRING:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          strlen (value->string) != value->length || strcmp (json_node_get_string (node), value->string) != 0)
        abort ();
      break;

    case CARTA_JSON_ARRAY:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          abort ();
        array = json_node_get_array (node);
        if (json_array_get_length (array) != value->length)
          abort ();
        for (guint32 i = 0; i < value->length; i++)
          assert_same (&value->items[i], json_array_get_element (array, i));
      }
      break;

    case CARTA_JSON_OBJECT:
      {
        JsonObject *object;
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        guint32 i = 0;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          abort ();
        object = json_node_get_object (node);
        if (json_object_get_size (object) != value->length)
          abort ();

        /* The same members in the same order, duplicates merged alike. */
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (i >= value->length || strcmp (name, value->members[i].name) != 0 ||
                carta_json_object_get (value, name) != &value->members[i].value)
              abort ();
            assert_same (&value->members[i].value, member);
            i++;
          }
      }
      break;

    default:
      abort ();
    }
}

static void
compare_with_json_glib (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CartaJsonDocument) doc = NULL;
  g_autoptr(JsonParser) parser = NULL;
  CartaJsonError error = { 0 };
  const CartaJsonValue *root;

  doc = carta_json_document_parse ((const char *) data, size, 32, &error);

  /* The parser checks the encoding as it reads: what it reads is text. */
  if (doc != NULL && !g_utf8_validate_len ((const char *) data, size, NULL))
    {
      g_printerr ("the parser read a document that is not UTF-8\n");
      abort ();
    }

  if (doc == NULL)
    {
      /* json-glib accepts more than JSON (comments, single quotes…): a
       * refusal proves nothing, but it must say where. */
      if (error.message == NULL || error.offset > size)
        abort ();
      g_free (error.message);
      return;
    }

  root = carta_json_document_get_root (doc);
  if (root == NULL || has_bad_text (root))
    return;

  /* A document Carta reads, json-glib reads the same. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_printerr ("json-glib refuses a document Carta reads\n");
      abort ();
    }
  assert_same (root, json_parser_get_root (parser));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = carta_feed_new_from_bytes (bytes, "fuzz", &error);

  /* Exactly one of a feed and an error. */
  if ((feed == NULL) == (error == NULL))
    abort ();

  compare_with_json_glib (data, size);
  return 0;
}
