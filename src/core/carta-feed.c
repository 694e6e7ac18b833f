/* carta-feed.c: a validated feed (format v1) from one source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader reads the whole document, checks every member against
 * docs/feed-format.md and only then hands out a CartaFeed: a feed with one
 * mistake is refused whole, with an error that names the JSON path.
 */
#include "config.h"

#include <string.h>

#include "carta-core-resources.h"
#include "carta-error.h"
#include "carta-feed.h"
#include "carta-json.h"
#include "carta-model-private.h"
#include "carta-submitter.h"

#define MAX_STRING_BYTES    65536
#define MAX_ID_CHARS        128
#define MAX_TOP_LEVEL_ITEMS 100000
#define MAX_INNER_ITEMS     256
#define MAX_ADDRESS_LINES   12
#define MAX_TEXT_LANGUAGES  64
#define MAX_DEPTH           32
#define MAX_CHANNELS        8

#define BUNDLED_CATALOG_PATH "/io/github/carta/Carta/catalog/catalog.json"

struct _CartaFeed
{
  GObject    parent_instance;

  char      *source_id;
  CartaText *title;
  char      *homepage;
  GPtrArray *campaigns;
  GPtrArray *cases;
  GPtrArray *targets;
  GPtrArray *templates;
  GPtrArray *rulesets;
};

G_DEFINE_FINAL_TYPE (CartaFeed, carta_feed, G_TYPE_OBJECT)

static void
carta_feed_finalize (GObject *object)
{
  CartaFeed *self = CARTA_FEED (object);

  g_free (self->source_id);
  g_clear_pointer (&self->title, carta_text_unref);
  g_free (self->homepage);
  g_clear_pointer (&self->campaigns, g_ptr_array_unref);
  g_clear_pointer (&self->cases, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->rulesets, g_ptr_array_unref);

  G_OBJECT_CLASS (carta_feed_parent_class)->finalize (object);
}

static void
carta_feed_class_init (CartaFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_feed_finalize;
}

static void
carta_feed_init (CartaFeed *self)
{
  self->campaigns = g_ptr_array_new_with_free_func (g_object_unref);
  self->cases = g_ptr_array_new_with_free_func (g_object_unref);
  self->targets = g_ptr_array_new_with_free_func (g_object_unref);
  self->templates = g_ptr_array_new_with_free_func (g_object_unref);
  self->rulesets = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------------------
 * The parser's state and its small readers. Every reader returns FALSE with
 * the error set; the error message starts with the JSON path.
 */

/* One step of the JSON path: a member's name, or an index when name is NULL. */
typedef struct
{
  const char *name;
  guint       index;
} PathStep;

typedef struct
{
  /* The path is kept as steps and written out only for an error: a feed
   * that loads never pays for formatting it. */
  PathStep          *path;
  gsize              depth;
  gsize              path_size;
  const char        *source_id;
  GHashTable        *ids;   /* id → CartaEntity, borrowed from the feed */
  CartaFeed         *feed;
  CartaJsonDocument *doc;
  GError           **error;
} Parser;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Parser     *p,
      CartaError  code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  {
    g_autoptr(GString) path = g_string_new ("$");

    for (gsize i = 0; i < p->depth; i++)
      {
        if (p->path[i].name != NULL)
          g_string_append_printf (path, ".%s", p->path[i].name);
        else
          g_string_append_printf (path, "[%u]", p->path[i].index);
      }
    g_set_error (p->error, CARTA_ERROR, code, "%s: %s", path->str, message);
  }
  return FALSE;
}

static inline gsize
push_step (Parser     *p,
           const char *name,
           guint       index)
{
  if (p->depth == p->path_size)
    {
      p->path_size = MAX (16, p->path_size * 2);
      p->path = g_renew (PathStep, p->path, p->path_size);
    }
  p->path[p->depth] = (PathStep) { name, index };
  return p->depth++;
}

/* @name must live until the step is popped (or the error is set). */
static inline gsize
push_member (Parser     *p,
             const char *name)
{
  return push_step (p, name, 0);
}

static inline gsize
push_index (Parser *p,
            guint   index)
{
  return push_step (p, NULL, index);
}

static inline void
pop (Parser *p,
     gsize   saved)
{
  p->depth = saved;
}

/* A short, printable form of user data for messages. */
static char *
shown (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);

  if (g_utf8_strlen (valid, -1) > 40)
    {
      char *end = g_utf8_offset_to_pointer (valid, 40);
      *end = '\0';
      return g_strconcat (valid, "…", NULL);
    }
  return g_steal_pointer (&valid);
}

/* A member name with an escape that is not text ("\u0000", a lone
 * surrogate): refused with what and where it is. */
static gboolean
fail_bad_name (Parser                *p,
               const CartaJsonMember *member)
{
  g_autofree char *name_shown = shown (member->name);
  g_autofree char *why = carta_json_document_describe_bad_text (p->doc, member->name);

  return fail (p, CARTA_ERROR_INVALID_UTF8, "the member name “%s” is not UTF-8 text: %s", name_shown, why);
}

static inline gboolean
is_allowed (const char * const *allowed,
            const char         *name)
{
  /* The first letter rules out most candidates without a call. */
  for (; *allowed != NULL; allowed++)
    if ((*allowed)[0] == name[0] && strcmp (*allowed, name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_members (Parser               *p,
               const CartaJsonValue *object,
               const char * const   *allowed)
{
  /* In document order, so the first unknown member is the one reported. */
  for (guint32 i = 0; i < object->length; i++)
    {
      const CartaJsonMember *member = &object->members[i];
      const char *name = member->name;

      if ((name[0] == 'x' && name[1] == '-') || is_allowed (allowed, name))
        continue;

      if (member->flags & CARTA_JSON_BAD_TEXT)
        return fail_bad_name (p, member);

      {
        g_autofree char *name_shown = shown (name);
        return fail (p, CARTA_ERROR_INVALID_FEED, "unknown member “%s”", name_shown);
      }
    }

  return TRUE;
}

/* The member, or NULL when absent or null; fails only when required. */
static gboolean
get_member (Parser                *p,
            const CartaJsonValue  *object,
            const char            *name,
            gboolean               required,
            const CartaJsonValue **out)
{
  const CartaJsonValue *node = carta_json_object_get (object, name);

  if (node == NULL || node->type == CARTA_JSON_NULL)
    {
      *out = NULL;
      if (required)
        {
          fail (p, CARTA_ERROR_INVALID_FEED, "missing member “%s”", name);
          return FALSE;
        }
      return TRUE;
    }

  *out = node;
  return TRUE;
}

static gboolean
node_as_string (Parser               *p,
                const CartaJsonValue *node,
                const char          **out)
{
  gsize len;

  if (node->type != CARTA_JSON_STRING)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected a string");

  len = node->length;
  if (len == 0)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected a non-empty string");
  if (len > MAX_STRING_BYTES)
    return fail (p, CARTA_ERROR_TOO_LARGE, "the string is %" G_GSIZE_FORMAT " bytes long; the limit is %d",
                 len, MAX_STRING_BYTES);
  /* The document is valid UTF-8, but an escape can stand for what is not
   * text: "\u0000", half a surrogate pair, or no JSON escape at all. */
  if (node->flags & CARTA_JSON_BAD_TEXT)
    {
      g_autofree char *why = carta_json_document_describe_bad_text (p->doc, node->string);
      return fail (p, CARTA_ERROR_INVALID_UTF8, "the string is not UTF-8 text: %s", why);
    }

  *out = node->string;
  return TRUE;
}

/* Reads a string member through @convert (node_as_string, node_as_id…).
 * The string is the document's: it lives as long as the load. */
typedef gboolean (*StringConverter) (Parser *p, const CartaJsonValue *node, const char **out);

static gboolean
read_converted_ref (Parser               *p,
                    const CartaJsonValue *object,
                    const char           *name,
                    gboolean              required,
                    StringConverter       convert,
                    const char          **out)
{
  const CartaJsonValue *node = NULL;
  const char *value;
  gsize saved;
  gboolean ok;

  if (!get_member (p, object, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  saved = push_member (p, name);
  ok = convert (p, node, &value);
  pop (p, saved);

  if (ok)
    *out = value;
  return ok;
}

/* The same, copied for the model to keep. */
static gboolean
read_converted (Parser               *p,
                const CartaJsonValue *object,
                const char           *name,
                gboolean              required,
                StringConverter       convert,
                char                **out)
{
  const char *value = NULL;

  if (!read_converted_ref (p, object, name, required, convert, &value))
    return FALSE;
  if (value != NULL)
    *out = g_strdup (value);
  return TRUE;
}

static gboolean
read_string (Parser               *p,
             const CartaJsonValue *object,
             const char           *name,
             gboolean              required,
             char                **out)
{
  return read_converted (p, object, name, required, node_as_string, out);
}

static gboolean
read_string_ref (Parser               *p,
                 const CartaJsonValue *object,
                 const char           *name,
                 gboolean              required,
                 const char          **out)
{
  return read_converted_ref (p, object, name, required, node_as_string, out);
}

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
node_as_id (Parser               *p,
            const CartaJsonValue *node,
            const char          **out)
{
  if (!node_as_string (p, node, out))
    return FALSE;

  if (!is_valid_id (*out))
    {
      g_autofree char *value_shown = shown (*out);
      return fail (p, CARTA_ERROR_INVALID_FEED,
                   "“%s” is not a valid id (1–%d characters of a–z, 0–9, “.”, “_” and “-”)",
                   value_shown, MAX_ID_CHARS);
    }
  return TRUE;
}

static gboolean
read_id (Parser               *p,
         const CartaJsonValue *object,
         const char           *name,
         gboolean              required,
         char                **out)
{
  return read_converted (p, object, name, required, node_as_id, out);
}

static gboolean
read_id_ref (Parser               *p,
             const CartaJsonValue *object,
             const char           *name,
             gboolean              required,
             const char          **out)
{
  return read_converted_ref (p, object, name, required, node_as_id, out);
}

static gboolean
read_int (Parser               *p,
          const CartaJsonValue *object,
          const char           *name,
          gint64                min,
          gint64                max,
          gint64               *out)
{
  const CartaJsonValue *node = NULL;
  gsize saved;
  gint64 value;

  if (!get_member (p, object, name, FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  saved = push_member (p, name);
  if (node->type != CARTA_JSON_INTEGER)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected an integer");

  value = node->integer;
  if (value < min || value > max)
    return fail (p, CARTA_ERROR_INVALID_FEED,
                 "expected an integer between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                 min, max);
  pop (p, saved);

  *out = value;
  return TRUE;
}

static gboolean
read_bool (Parser               *p,
           const CartaJsonValue *object,
           const char           *name,
           gboolean             *out)
{
  const CartaJsonValue *node = NULL;
  gsize saved;

  if (!get_member (p, object, name, FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  saved = push_member (p, name);
  if (node->type != CARTA_JSON_BOOLEAN)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected true or false");
  pop (p, saved);

  *out = node->boolean;
  return TRUE;
}

static gboolean
is_valid_lang (const char *lang)
{
  const char *p = lang;
  guint n = 0;

  /* ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$ */
  while (g_ascii_islower (*p))
    p++, n++;
  if (n < 2 || n > 3)
    return FALSE;

  while (*p == '-')
    {
      p++;
      n = 0;
      while (g_ascii_isalnum (*p))
        p++, n++;
      if (n < 2 || n > 8)
        return FALSE;
    }

  return *p == '\0';
}

static gboolean
node_as_lang (Parser               *p,
              const CartaJsonValue *node,
              const char          **out)
{
  if (!node_as_string (p, node, out))
    return FALSE;

  if (!is_valid_lang (*out))
    {
      g_autofree char *value_shown = shown (*out);
      return fail (p, CARTA_ERROR_INVALID_FEED, "“%s” is not a language tag such as “ru” or “pt-BR”",
                   value_shown);
    }
  return TRUE;
}

static gboolean
node_as_object (Parser                *p,
                const CartaJsonValue  *node,
                const CartaJsonValue **out)
{
  if (node->type != CARTA_JSON_OBJECT)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected an object");
  *out = node;
  return TRUE;
}

static gboolean
node_as_array (Parser                *p,
               const CartaJsonValue  *node,
               guint                  max_items,
               const CartaJsonValue **out)
{
  const CartaJsonValue *array = NULL;

  if (node->type != CARTA_JSON_ARRAY)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected an array");

  array = node;
  if (array->length > max_items)
    return fail (p, CARTA_ERROR_TOO_LARGE, "the array has %u items; the limit is %u",
                 array->length, max_items);

  *out = array;
  return TRUE;
}

/* A localized text: {"en": "…", "ru": "…"}. */
static gboolean
node_as_text (Parser               *p,
              const CartaJsonValue *node,
              CartaText           **out)
{
  const char *langs[MAX_TEXT_LANGUAGES];
  const char *values[MAX_TEXT_LANGUAGES];
  const CartaJsonValue *object = node;

  if (node->type != CARTA_JSON_OBJECT)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected an object");

  if (object->length == 0)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected at least one language");
  if (object->length > MAX_TEXT_LANGUAGES)
    return fail (p, CARTA_ERROR_TOO_LARGE, "more than %d languages", MAX_TEXT_LANGUAGES);

  /* In document order: the first language is a text's source when it has no English. */
  for (guint32 i = 0; i < object->length; i++)
    {
      const char *lang = object->members[i].name;
      const CartaJsonValue *member = &object->members[i].value;
      gsize saved = push_member (p, lang);

      if (object->members[i].flags & CARTA_JSON_BAD_TEXT)
        {
          pop (p, saved);
          return fail_bad_name (p, &object->members[i]);
        }
      if (!is_valid_lang (lang))
        {
          g_autofree char *lang_shown = shown (lang);
          return fail (p, CARTA_ERROR_INVALID_FEED, "“%s” is not a language tag such as “ru” or “pt-BR”",
                       lang_shown);
        }
      if (!node_as_string (p, member, &values[i]))
        return FALSE;
      pop (p, saved);

      /* The parser merged repeated members: the languages are distinct. */
      langs[i] = lang;
    }

  *out = carta_text_new_packed (object->length, langs, values);
  return TRUE;
}

static gboolean
read_text (Parser               *p,
           const CartaJsonValue *object,
           const char           *name,
           gboolean              required,
           CartaText           **out)
{
  const CartaJsonValue *node = NULL;
  gsize saved;

  if (!get_member (p, object, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  saved = push_member (p, name);
  if (!node_as_text (p, node, out))
    return FALSE;
  pop (p, saved);
  return TRUE;
}

static gboolean
read_array (Parser                *p,
            const CartaJsonValue  *object,
            const char            *name,
            gboolean               required,
            guint                  max_items,
            const CartaJsonValue **out)
{
  const CartaJsonValue *node = NULL;
  gsize saved;

  *out = NULL;
  if (!get_member (p, object, name, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  saved = push_member (p, name);
  if (!node_as_array (p, node, max_items, out))
    return FALSE;
  pop (p, saved);
  return TRUE;
}

static gboolean
read_lang_list (Parser               *p,
                const CartaJsonValue *object,
                const char           *name,
                gboolean              required,
                GStrv                *out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const CartaJsonValue *array = NULL;
  gsize saved;
  guint n;

  if (!read_array (p, object, name, required, MAX_TEXT_LANGUAGES, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  saved = push_member (p, name);
  n = array->length;
  if (required && n == 0)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected at least one language");

  for (guint i = 0; i < n; i++)
    {
      gsize item = push_index (p, i);
      const char *lang;

      if (!node_as_lang (p, &array->items[i], &lang))
        return FALSE;
      g_strv_builder_add (builder, lang);
      pop (p, item);
    }
  pop (p, saved);

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_address (Parser               *p,
              const CartaJsonValue *object,
              const char           *name,
              CartaAddress        **out)
{
  static const char * const members[] = { "lines", "country", NULL };
  const char *lines[MAX_ADDRESS_LINES + 1];
  const char *country = NULL;
  const CartaJsonValue *address = NULL;
  const CartaJsonValue *array = NULL;
  const CartaJsonValue *node = NULL;
  gsize saved;

  if (!get_member (p, object, name, FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  saved = push_member (p, name);
  if (!node_as_object (p, node, &address) ||
      !check_members (p, address, members) ||
      !read_array (p, address, "lines", TRUE, MAX_ADDRESS_LINES, &array) ||
      !read_string_ref (p, address, "country", FALSE, &country))
    return FALSE;

  {
    gsize lines_saved = push_member (p, "lines");

    if (array->length == 0)
      return fail (p, CARTA_ERROR_INVALID_FEED, "expected at least one line");

    for (guint i = 0; i < array->length; i++)
      {
        gsize item = push_index (p, i);
        const char *line;

        if (!node_as_string (p, &array->items[i], &line))
          return FALSE;
        if (strchr (line, '\n'))
          return fail (p, CARTA_ERROR_INVALID_FEED, "a line of an address cannot contain a line break");
        lines[i] = line;
        pop (p, item);
      }
    lines[array->length] = NULL;
    pop (p, lines_saved);
  }
  pop (p, saved);

  *out = carta_address_new (lines, country);
  return TRUE;
}

/* Reads "id", checks it is unique in the feed and gives the entity its identity. */
static gboolean
read_identity (Parser               *p,
               const CartaJsonValue *object,
               CartaEntity          *entity)
{
  const char *id = NULL;

  if (!read_id_ref (p, object, "id", TRUE, &id))
    return FALSE;

  if (g_hash_table_contains (p->ids, id))
    {
      gsize saved = push_member (p, "id");
      fail (p, CARTA_ERROR_DUPLICATE_ID, "the id “%s” is used twice in this feed", id);
      pop (p, saved);
      return FALSE;
    }

  carta_entity_set_identity (entity, p->source_id, id);
  g_hash_table_insert (p->ids, (gpointer) carta_entity_get_id (entity), entity);
  return TRUE;
}

static gpointer
resolve (Parser      *p,
         const char  *id,
         GType        type,
         const char  *what)
{
  CartaEntity *entity = g_hash_table_lookup (p->ids, id);

  if (entity == NULL)
    {
      fail (p, CARTA_ERROR_UNKNOWN_REFERENCE, "no %s with the id “%s” in this feed", what, id);
      return NULL;
    }
  if (!g_type_is_a (G_OBJECT_TYPE (entity), type))
    {
      fail (p, CARTA_ERROR_UNKNOWN_REFERENCE, "“%s” is not a %s", id, what);
      return NULL;
    }
  return entity;
}

static gboolean
read_reference (Parser               *p,
                const CartaJsonValue *object,
                const char           *name,
                GType                 type,
                const char           *what,
                gpointer             *out)
{
  const char *id = NULL;
  gsize saved;

  if (!read_id_ref (p, object, name, FALSE, &id))
    return FALSE;
  if (id == NULL)
    return TRUE;

  saved = push_member (p, name);
  *out = resolve (p, id, type, what);
  if (*out == NULL)
    return FALSE;
  g_object_ref (*out);
  pop (p, saved);
  return TRUE;
}

static gboolean
read_references (Parser               *p,
                 const CartaJsonValue *object,
                 const char           *name,
                 GType                 type,
                 const char           *what,
                 GPtrArray            *into)
{
  const CartaJsonValue *array = NULL;
  gsize saved;

  if (!read_array (p, object, name, FALSE, MAX_INNER_ITEMS, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  saved = push_member (p, name);
  for (guint i = 0; i < array->length; i++)
    {
      gsize item = push_index (p, i);
      const char *id;
      gpointer entity;

      if (!node_as_id (p, &array->items[i], &id) ||
          !(entity = resolve (p, id, type, what)))
        return FALSE;
      if (!g_ptr_array_find (into, entity, NULL))
        g_ptr_array_add (into, g_object_ref (entity));
      pop (p, item);
    }
  pop (p, saved);
  return TRUE;
}

/* Iterates over one of the document's item arrays, with the path set. */
typedef gboolean (*ItemReader) (Parser *p, const CartaJsonValue *item);

static gboolean
read_items (Parser               *p,
            const CartaJsonValue *root,
            const char           *name,
            ItemReader            reader)
{
  const CartaJsonValue *array = NULL;
  gsize saved;

  if (!read_array (p, root, name, FALSE, MAX_TOP_LEVEL_ITEMS, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  saved = push_member (p, name);
  for (guint i = 0; i < array->length; i++)
    {
      gsize item = push_index (p, i);
      const CartaJsonValue *object = NULL;

      if (!node_as_object (p, &array->items[i], &object) ||
          !reader (p, object))
        return FALSE;
      pop (p, item);
    }
  pop (p, saved);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Rulesets
 */

static const char * const rule_categories[] = {
  "war", "case-details", "politics", "insult", "extremism", "lgbt", "latin-script",
  "foreign-words", "abbreviation", "cipher", "swearing", "forbidden-words", "length", "other",
  NULL
};

static gboolean
read_rule (Parser               *p,
           const CartaJsonValue *object,
           CartaRuleset         *ruleset)
{
  static const char * const members[] = {
    "id", "category", "severity", "languages", "patterns", "title", "explanation", NULL
  };
  g_autoptr(CartaRule) rule = g_new0 (CartaRule, 1);
  const char *severity = NULL;
  const CartaJsonValue *patterns = NULL;
  gsize saved;

  rule->severity = CARTA_RULE_WARNING;
  rule->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);

  if (!check_members (p, object, members) ||
      !read_id (p, object, "id", TRUE, &rule->id) ||
      !read_string (p, object, "category", TRUE, &rule->category) ||
      !read_string_ref (p, object, "severity", FALSE, &severity) ||
      !read_lang_list (p, object, "languages", FALSE, &rule->languages) ||
      !read_array (p, object, "patterns", TRUE, MAX_INNER_ITEMS, &patterns) ||
      !read_text (p, object, "title", TRUE, &rule->title) ||
      !read_text (p, object, "explanation", TRUE, &rule->explanation))
    return FALSE;

  for (guint i = 0; i < ruleset->rules->len; i++)
    {
      CartaRule *other = g_ptr_array_index (ruleset->rules, i);
      if (g_str_equal (other->id, rule->id))
        {
          saved = push_member (p, "id");
          return fail (p, CARTA_ERROR_DUPLICATE_ID, "the rule id “%s” is used twice in this ruleset", rule->id);
        }
    }

  if (!g_strv_contains (rule_categories, rule->category))
    {
      g_autofree char *category_shown = shown (rule->category);
      saved = push_member (p, "category");
      return fail (p, CARTA_ERROR_INVALID_FEED, "unknown category “%s”", category_shown);
    }

  if (severity != NULL)
    {
      if (g_str_equal (severity, "warning"))
        rule->severity = CARTA_RULE_WARNING;
      else if (g_str_equal (severity, "advice"))
        rule->severity = CARTA_RULE_ADVICE;
      else
        {
          saved = push_member (p, "severity");
          return fail (p, CARTA_ERROR_INVALID_FEED, "expected “warning” or “advice”");
        }
    }

  saved = push_member (p, "patterns");
  if (patterns->length == 0)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected at least one pattern");

  for (guint i = 0; i < patterns->length; i++)
    {
      gsize item = push_index (p, i);
      g_autoptr(GError) regex_error = NULL;
      const char *pattern;
      GRegex *regex;

      if (!node_as_string (p, &patterns->items[i], &pattern))
        return FALSE;
      if (strlen (pattern) > 1024)
        return fail (p, CARTA_ERROR_TOO_LARGE, "a pattern is limited to 1024 bytes");

      regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &regex_error);
      if (regex == NULL)
        return fail (p, CARTA_ERROR_INVALID_FEED, "the pattern does not compile: %s", regex_error->message);
      g_ptr_array_add (rule->patterns, regex);
      pop (p, item);
    }
  pop (p, saved);

  g_ptr_array_add (ruleset->rules, g_steal_pointer (&rule));
  return TRUE;
}

static gboolean
read_ruleset (Parser               *p,
              const CartaJsonValue *object)
{
  static const char * const members[] = { "id", "title", "summary", "rules", NULL };
  g_autoptr(CartaRuleset) ruleset = g_object_new (CARTA_TYPE_RULESET, NULL);
  const CartaJsonValue *rules = NULL;
  gsize saved;

  if (!check_members (p, object, members) ||
      !read_identity (p, object, CARTA_ENTITY (ruleset)) ||
      !read_text (p, object, "title", TRUE, &ruleset->title) ||
      !read_text (p, object, "summary", FALSE, &ruleset->summary) ||
      !read_array (p, object, "rules", TRUE, MAX_INNER_ITEMS, &rules))
    return FALSE;

  saved = push_member (p, "rules");
  for (guint i = 0; i < rules->length; i++)
    {
      gsize item = push_index (p, i);
      const CartaJsonValue *rule = NULL;

      if (!node_as_object (p, &rules->items[i], &rule) ||
          !read_rule (p, rule, ruleset))
        return FALSE;
      pop (p, item);
    }
  pop (p, saved);

  g_ptr_array_add (p->feed->rulesets, g_steal_pointer (&ruleset));
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Templates
 */

static gboolean
same_placeholders (GPtrArray *a,
                   GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_ptr_array_find_with_equal_func (b, g_ptr_array_index (a, i), g_str_equal, NULL))
      return FALSE;
  return TRUE;
}

static char *
join_placeholders (GPtrArray *names)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (str, "%s{%s}", i ? ", " : "", (char *) g_ptr_array_index (names, i));
  if (names->len == 0)
    g_string_append (str, "none");
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* Every translation must use the same placeholders as the source text:
 * English, or the first language when there is no English. */
static gboolean
check_placeholders (Parser     *p,
                    const char *member,
                    CartaText  *text)
{
  g_auto(GStrv) langs = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  const char *reference_lang;
  gsize saved;

  if (text == NULL)
    return TRUE;

  langs = carta_text_dup_languages (text);
  reference_lang = carta_text_has (text, "en") ? "en" : langs[0];

  saved = member ? push_member (p, member) : p->depth;
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; langs[i] != NULL; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(GPtrArray) names = NULL;
          gsize lang_saved;

          /* The reference language first, then the translations. */
          if ((pass == 0) != g_str_equal (langs[i], reference_lang))
            continue;

          lang_saved = push_member (p, langs[i]);
          names = carta_template_parse_placeholders (carta_text_get (text, langs[i]), &local_error);
          if (names == NULL)
            return fail (p, CARTA_ERROR_PLACEHOLDER, "%s", local_error->message);

          if (pass == 0)
            reference = g_steal_pointer (&names);
          else if (!same_placeholders (names, reference))
            {
              g_autofree char *got = join_placeholders (names);
              g_autofree char *expected = join_placeholders (reference);
              return fail (p, CARTA_ERROR_PLACEHOLDER,
                           "the translation uses %s but the “%s” text uses %s",
                           got, reference_lang, expected);
            }
          pop (p, lang_saved);
        }
    }
  pop (p, saved);
  return TRUE;
}

static gboolean
read_paragraph (Parser               *p,
                const CartaJsonValue *object,
                CartaTemplate        *template)
{
  static const char * const members[] = { "id", "text", "optional", "default", NULL };
  g_autoptr(CartaParagraph) paragraph = g_new0 (CartaParagraph, 1);

  paragraph->enabled_by_default = TRUE;

  if (!check_members (p, object, members) ||
      !read_id (p, object, "id", TRUE, &paragraph->id) ||
      !read_text (p, object, "text", TRUE, &paragraph->text) ||
      !read_bool (p, object, "optional", &paragraph->optional) ||
      !read_bool (p, object, "default", &paragraph->enabled_by_default) ||
      !check_placeholders (p, "text", paragraph->text))
    return FALSE;

  for (guint i = 0; i < template->paragraphs->len; i++)
    {
      CartaParagraph *other = g_ptr_array_index (template->paragraphs, i);
      if (g_str_equal (other->id, paragraph->id))
        {
          push_member (p, "id");
          return fail (p, CARTA_ERROR_DUPLICATE_ID, "the paragraph id “%s” is used twice in this template",
                       paragraph->id);
        }
    }

  g_ptr_array_add (template->paragraphs, g_steal_pointer (&paragraph));
  return TRUE;
}

static gboolean
read_template (Parser               *p,
               const CartaJsonValue *object)
{
  static const char * const members[] = {
    "id", "kind", "addressee", "title", "subject", "paragraphs", "closing", "max_words", "max_pages", NULL
  };
  g_autoptr(CartaTemplate) template = g_object_new (CARTA_TYPE_TEMPLATE, NULL);
  const char *kind = NULL;
  const char *addressee = NULL;
  gint64 max_words = 0, max_pages = 0;
  const CartaJsonValue *paragraphs = NULL;
  gsize saved;

  if (!check_members (p, object, members) ||
      !read_identity (p, object, CARTA_ENTITY (template)) ||
      !read_string_ref (p, object, "kind", TRUE, &kind) ||
      !read_string_ref (p, object, "addressee", TRUE, &addressee) ||
      !read_text (p, object, "title", TRUE, &template->title) ||
      !read_text (p, object, "subject", FALSE, &template->subject) ||
      !read_array (p, object, "paragraphs", TRUE, MAX_INNER_ITEMS, &paragraphs) ||
      !read_text (p, object, "closing", FALSE, &template->closing) ||
      !read_int (p, object, "max_words", 1, 100000, &max_words) ||
      !read_int (p, object, "max_pages", 1, 100, &max_pages) ||
      !check_placeholders (p, "subject", template->subject) ||
      !check_placeholders (p, "closing", template->closing))
    return FALSE;

  if (!carta_letter_kind_from_string (kind, &template->kind))
    {
      g_autofree char *kind_shown = shown (kind);
      push_member (p, "kind");
      return fail (p, CARTA_ERROR_INVALID_FEED, "unknown kind “%s” (expected “solidarity” or “appeal”)",
                   kind_shown);
    }
  if (!carta_addressee_role_from_string (addressee, &template->addressee_role))
    {
      g_autofree char *addressee_shown = shown (addressee);
      push_member (p, "addressee");
      return fail (p, CARTA_ERROR_INVALID_FEED, "unknown addressee “%s”", addressee_shown);
    }

  template->max_words = (guint) max_words;
  template->max_pages = (guint) max_pages;

  saved = push_member (p, "paragraphs");
  if (paragraphs->length == 0)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected at least one paragraph");
  for (guint i = 0; i < paragraphs->length; i++)
    {
      gsize item = push_index (p, i);
      const CartaJsonValue *paragraph = NULL;

      if (!node_as_object (p, &paragraphs->items[i], &paragraph) ||
          !read_paragraph (p, paragraph, template))
        return FALSE;
      pop (p, item);
    }
  pop (p, saved);

  carta_template_update_languages (template);
  g_ptr_array_add (p->feed->templates, g_steal_pointer (&template));
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Targets
 */

static gboolean
read_target (Parser               *p,
             const CartaJsonValue *object)
{
  static const char * const members[] = {
    "id", "role", "title", "organization", "salutation", "address", "email", "user_supplied", NULL
  };
  g_autoptr(CartaTarget) target = g_object_new (CARTA_TYPE_TARGET, NULL);
  const char *role = NULL;

  if (!check_members (p, object, members) ||
      !read_identity (p, object, CARTA_ENTITY (target)) ||
      !read_string_ref (p, object, "role", TRUE, &role) ||
      !read_text (p, object, "title", TRUE, &target->title) ||
      !read_text (p, object, "organization", FALSE, &target->organization) ||
      !read_text (p, object, "salutation", TRUE, &target->salutation) ||
      !read_address (p, object, "address", &target->address) ||
      !read_string (p, object, "email", FALSE, &target->email) ||
      !read_bool (p, object, "user_supplied", &target->user_supplied))
    return FALSE;

  if (!carta_addressee_role_from_string (role, &target->role) ||
      target->role == CARTA_ADDRESSEE_PRISONER)
    {
      g_autofree char *role_shown = shown (role);
      push_member (p, "role");
      return fail (p, CARTA_ERROR_INVALID_FEED,
                   "unknown role “%s” (expected “official”, “representative”, “company” or “international-body”)",
                   role_shown);
    }

  if (target->email != NULL && (strchr (target->email, '@') == NULL || strlen (target->email) > 320 ||
                                strpbrk (target->email, " \t\r\n<>")))
    {
      g_autofree char *email_shown = shown (target->email);
      push_member (p, "email");
      return fail (p, CARTA_ERROR_INVALID_FEED, "“%s” is not an email address", email_shown);
    }

  g_ptr_array_add (p->feed->targets, g_steal_pointer (&target));
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Submission channels
 */

static gboolean
read_channel (Parser               *p,
              const CartaJsonValue *object,
              GPtrArray            *into)
{
  static const char * const members[] = { "type", "url", "name", NULL };
  const char *type = NULL;
  const char *url = NULL;
  g_autoptr(CartaText) name = NULL;
  CartaDeliveryChannel kind;

  if (!check_members (p, object, members) ||
      !read_string_ref (p, object, "type", TRUE, &type) ||
      !read_string_ref (p, object, "url", TRUE, &url) ||
      !read_text (p, object, "name", TRUE, &name))
    return FALSE;

  if (g_str_equal (type, "forward"))
    kind = CARTA_DELIVERY_FORWARD;
  else if (g_str_equal (type, "osdi"))
    kind = CARTA_DELIVERY_OSDI;
  else
    {
      g_autofree char *type_shown = shown (type);
      push_member (p, "type");
      return fail (p, CARTA_ERROR_INVALID_FEED, "unknown channel type “%s” (expected “forward” or “osdi”)",
                   type_shown);
    }

  /* The same rule the submitter applies when it sends: a feed cannot offer
   * an address letters would never be sent to. */
  if (!carta_submitter_check_endpoint (url, NULL))
    {
      g_autofree char *url_shown = shown (url);
      push_member (p, "url");
      return fail (p, CARTA_ERROR_INVALID_FEED,
                   "“%s” is not an https:// address (http:// is accepted only for this computer)", url_shown);
    }

  g_ptr_array_add (into, carta_channel_new (kind, url, name));
  return TRUE;
}

static gboolean
read_channels (Parser               *p,
               const CartaJsonValue *object,
               GPtrArray            *into)
{
  const CartaJsonValue *array = NULL;
  gsize saved;

  if (!read_array (p, object, "channels", FALSE, MAX_CHANNELS, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  saved = push_member (p, "channels");
  for (guint i = 0; i < array->length; i++)
    {
      gsize item = push_index (p, i);
      const CartaJsonValue *channel = NULL;

      if (!node_as_object (p, &array->items[i], &channel) ||
          !read_channel (p, channel, into))
        return FALSE;
      pop (p, item);
    }
  pop (p, saved);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Cases
 */

static gboolean
parse_date (const char *str,
            GDate     **out)
{
  guint year, month, day;

  if (strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;

  year = g_ascii_strtoull (str, NULL, 10);
  month = g_ascii_strtoull (str + 5, NULL, 10);
  day = g_ascii_strtoull (str + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  *out = g_date_new_dmy (day, month, year);
  return TRUE;
}


/* @n strings and a NULL after them, in one allocation. */
static char **
pack_strings (const char * const *strings,
              guint               n)
{
  gsize size = (n + 1) * sizeof (char *);
  char **packed;
  char *bytes;

  for (guint i = 0; i < n; i++)
    size += strlen (strings[i]) + 1;

  packed = g_malloc (size);
  bytes = (char *) (packed + n + 1);
  for (guint i = 0; i < n; i++)
    {
      gsize length = strlen (strings[i]) + 1;

      packed[i] = memcpy (bytes, strings[i], length);
      bytes += length;
    }
  packed[n] = NULL;
  return packed;
}

static gboolean
read_name_forms (Parser               *p,
                 const CartaJsonValue *object,
                 CartaCase            *self)
{
  static const char * const form_members[] = { "dative", "given", NULL };
  const char *triples[MAX_TEXT_LANGUAGES * 2 * 3];
  const CartaJsonValue *forms = NULL;
  const CartaJsonValue *node = NULL;
  guint n = 0;
  gsize saved;

  if (!get_member (p, object, "name_forms", FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  saved = push_member (p, "name_forms");
  if (node->type != CARTA_JSON_OBJECT)
    return fail (p, CARTA_ERROR_INVALID_FEED, "expected an object");
  forms = node;

  if (forms->length > MAX_TEXT_LANGUAGES)
    return fail (p, CARTA_ERROR_TOO_LARGE, "more than %d languages", MAX_TEXT_LANGUAGES);

  for (guint32 l = 0; l < forms->length; l++)
    {
      const char *lang = forms->members[l].name;
      gsize lang_saved = push_member (p, lang);
      const CartaJsonValue *by_form = NULL;

      if (forms->members[l].flags & CARTA_JSON_BAD_TEXT)
        {
          pop (p, lang_saved);
          return fail_bad_name (p, &forms->members[l]);
        }
      if (!is_valid_lang (lang))
        return fail (p, CARTA_ERROR_INVALID_FEED, "not a language tag such as “ru”");
      if (!node_as_object (p, &forms->members[l].value, &by_form) ||
          !check_members (p, by_form, form_members))
        return FALSE;

      for (guint i = 0; form_members[i] != NULL; i++)
        {
          const char *value = NULL;

          if (!read_string_ref (p, by_form, form_members[i], FALSE, &value))
            return FALSE;
          if (value != NULL)
            {
              triples[n++] = lang;
              triples[n++] = form_members[i];
              triples[n++] = value;
            }
        }
      pop (p, lang_saved);
    }
  pop (p, saved);

  self->name_forms = pack_strings (triples, n);
  return TRUE;
}

static gboolean
read_case (Parser               *p,
           const CartaJsonValue *object)
{
  static const char * const members[] = {
    "id", "name", "name_latin", "name_forms", "birth_year", "birth_date", "status", "country", "story",
    "interests", "facility", "address", "letter_languages", "can_receive_letters", "demo",
    "ruleset", "templates", "channels", NULL
  };
  g_autoptr(CartaCase) self = g_object_new (CARTA_TYPE_CASE, NULL);
  const char *status = NULL;
  const char *birth_date = NULL;
  gint64 birth_year = 0;
  const CartaJsonValue *interests = NULL;

  if (!check_members (p, object, members) ||
      !read_identity (p, object, CARTA_ENTITY (self)) ||
      !read_string (p, object, "name", TRUE, &self->name) ||
      !read_string (p, object, "name_latin", FALSE, &self->name_latin) ||
      !read_name_forms (p, object, self) ||
      !read_int (p, object, "birth_year", 1900, 2100, &birth_year) ||
      !read_string_ref (p, object, "birth_date", FALSE, &birth_date) ||
      !read_string_ref (p, object, "status", TRUE, &status) ||
      !read_string (p, object, "country", FALSE, &self->country) ||
      !read_text (p, object, "story", FALSE, &self->story) ||
      !read_array (p, object, "interests", FALSE, MAX_INNER_ITEMS, &interests) ||
      !read_text (p, object, "facility", FALSE, &self->facility) ||
      !read_address (p, object, "address", &self->address) ||
      !read_lang_list (p, object, "letter_languages", TRUE, &self->letter_languages) ||
      !read_bool (p, object, "can_receive_letters", &self->can_receive_letters) ||
      !read_bool (p, object, "demo", &self->is_demo) ||
      !read_reference (p, object, "ruleset", CARTA_TYPE_RULESET, "ruleset", (gpointer *) &self->ruleset) ||
      !read_references (p, object, "templates", CARTA_TYPE_TEMPLATE, "template", self->templates) ||
      !read_channels (p, object, self->channels))
    return FALSE;

  self->birth_year = (guint) birth_year;

  if (birth_date != NULL)
    {
      if (!parse_date (birth_date, &self->birth_date) ||
          g_date_get_year (self->birth_date) < 1900 || g_date_get_year (self->birth_date) > 2100)
        {
          push_member (p, "birth_date");
          return fail (p, CARTA_ERROR_INVALID_FEED, "expected a date written YYYY-MM-DD");
        }
      if (self->birth_year == 0)
        self->birth_year = g_date_get_year (self->birth_date);
      else if (self->birth_year != g_date_get_year (self->birth_date))
        {
          push_member (p, "birth_date");
          return fail (p, CARTA_ERROR_INVALID_FEED, "the year does not match birth_year");
        }
    }

  if (!carta_case_status_from_string (status, &self->status))
    {
      g_autofree char *status_shown = shown (status);
      push_member (p, "status");
      return fail (p, CARTA_ERROR_INVALID_FEED,
                   "unknown status “%s” (expected “detained”, “imprisoned”, “released”, “deceased” or “unknown”)",
                   status_shown);
    }

  if (self->country != NULL &&
      (strlen (self->country) != 2 || !g_ascii_isupper (self->country[0]) || !g_ascii_isupper (self->country[1])))
    {
      push_member (p, "country");
      return fail (p, CARTA_ERROR_INVALID_FEED, "expected a two-letter country code such as “RU” or “BY”");
    }

  if (interests != NULL)
    {
      gsize saved = push_member (p, "interests");

      for (guint i = 0; i < interests->length; i++)
        {
          gsize item = push_index (p, i);
          CartaText *interest;

          if (!node_as_text (p, &interests->items[i], &interest))
            return FALSE;
          g_ptr_array_add (self->interests, interest);
          pop (p, item);
        }
      pop (p, saved);
    }

  /* Computed here, on the loader's thread, so the first search is instant. */
  carta_entity_get_search_key (CARTA_ENTITY (self));
  g_ptr_array_add (p->feed->cases, g_steal_pointer (&self));
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Campaigns and the document
 */

static gboolean
read_campaign (Parser               *p,
               const CartaJsonValue *object)
{
  static const char * const members[] = {
    "id", "title", "summary", "description", "region", "deadline", "cases", "targets",
    "templates", "ruleset", "channels", NULL
  };
  g_autoptr(CartaCampaign) self = g_object_new (CARTA_TYPE_CAMPAIGN, NULL);
  const char *deadline = NULL;

  if (!check_members (p, object, members) ||
      !read_identity (p, object, CARTA_ENTITY (self)) ||
      !read_text (p, object, "title", TRUE, &self->title) ||
      !read_text (p, object, "summary", TRUE, &self->summary) ||
      !read_text (p, object, "description", FALSE, &self->description) ||
      !read_string (p, object, "region", FALSE, &self->region) ||
      !read_string_ref (p, object, "deadline", FALSE, &deadline) ||
      !read_references (p, object, "cases", CARTA_TYPE_CASE, "case", self->cases) ||
      !read_references (p, object, "targets", CARTA_TYPE_TARGET, "target", self->targets) ||
      !read_references (p, object, "templates", CARTA_TYPE_TEMPLATE, "template", self->templates) ||
      !read_reference (p, object, "ruleset", CARTA_TYPE_RULESET, "ruleset", (gpointer *) &self->ruleset) ||
      !read_channels (p, object, self->channels))
    return FALSE;

  if (deadline != NULL && !parse_date (deadline, &self->deadline))
    {
      push_member (p, "deadline");
      return fail (p, CARTA_ERROR_INVALID_FEED, "expected a date written YYYY-MM-DD");
    }

  carta_entity_get_search_key (CARTA_ENTITY (self));
  g_ptr_array_add (p->feed->campaigns, g_steal_pointer (&self));
  return TRUE;
}

static gboolean
read_source (Parser               *p,
             const CartaJsonValue *root)
{
  static const char * const members[] = { "title", "homepage", "updated", NULL };
  const char *updated = NULL;
  g_autoptr(GDate) date = NULL;
  const CartaJsonValue *source = NULL;
  const CartaJsonValue *node = NULL;
  gsize saved;

  if (!get_member (p, root, "source", TRUE, &node))
    return FALSE;

  saved = push_member (p, "source");
  if (!node_as_object (p, node, &source) ||
      !check_members (p, source, members) ||
      !read_text (p, source, "title", TRUE, &p->feed->title) ||
      !read_string (p, source, "homepage", FALSE, &p->feed->homepage) ||
      !read_string_ref (p, source, "updated", FALSE, &updated))
    return FALSE;

  if (p->feed->homepage != NULL && !g_str_has_prefix (p->feed->homepage, "https://"))
    {
      push_member (p, "homepage");
      return fail (p, CARTA_ERROR_INVALID_FEED, "expected an https:// address");
    }
  if (updated != NULL && !parse_date (updated, &date))
    {
      push_member (p, "updated");
      return fail (p, CARTA_ERROR_INVALID_FEED, "expected a date written YYYY-MM-DD");
    }
  pop (p, saved);
  return TRUE;
}

/* Deep nesting is refused wherever it is, even after a syntax error: this
 * scan says so for the whole document when the parser stopped early. */
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
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                           "$: the document is nested more than %d levels deep", MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
check_encoding (const char  *data,
                gsize        len,
                GError     **error)
{
  const char *end;

  if (!g_utf8_validate_len (data, len, &end))
    {
      gsize offset = end - data;
      guint line = 1;

      for (const char *c = data; c < end; c++)
        if (*c == '\n')
          line++;

      if (*end == '\0' && offset < len)
        g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8,
                     "$: the feed contains a NUL byte at byte %" G_GSIZE_FORMAT " (line %u)", offset, line);
      else
        g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8,
                     "$: the feed is not valid UTF-8 at byte %" G_GSIZE_FORMAT " (line %u)", offset, line);
      return FALSE;
    }

  return TRUE;
}

CartaFeed *
carta_feed_new_from_bytes (GBytes      *bytes,
                           const char  *source_id,
                           GError     **error)
{
  static const char * const members[] = {
    "carta_feed", "source", "rulesets", "templates", "targets", "cases", "campaigns", NULL
  };
  g_autoptr(CartaJsonDocument) doc = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  CartaJsonError json_error = { 0 };
  const CartaJsonValue *root, *version;
  const char *data;
  gboolean ok;
  gsize len;
  Parser p;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source_id != NULL && is_valid_id (source_id), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (len > CARTA_FEED_MAX_SIZE)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                   "$: the feed is %.1f MiB; the limit is %d MiB",
                   len / (1024.0 * 1024.0), CARTA_FEED_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (len == 0 || data == NULL)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON, "$: the feed is empty");
      return NULL;
    }
  /* The parser checks the encoding as it reads, and a document it reads
   * whole is UTF-8 without NUL. When it stops, what it stopped at need not
   * be what to report: a bad byte anywhere comes first, then nesting too
   * deep anywhere, then the syntax error. */
  doc = carta_json_document_parse (data, len, MAX_DEPTH, &json_error);
  if (doc == NULL)
    {
      g_autofree char *message = g_steal_pointer (&json_error.message);

      if (!check_encoding (data, len, error))
        return NULL;
      if (json_error.kind == CARTA_JSON_ERROR_TOO_DEEP)
        g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                     "$: the document is nested more than %d levels deep", MAX_DEPTH);
      else if (check_depth (data, len, error))
        g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                     "$: the feed is not valid JSON: %s at byte %" G_GSIZE_FORMAT " (line %u)",
                     message, json_error.offset, carta_json_line_at (data, json_error.offset));
      return NULL;
    }

  root = carta_json_document_get_root (doc);
  if (root == NULL)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON, "$: the feed is empty");
      return NULL;
    }
  if (root->type != CARTA_JSON_OBJECT)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED, "$: expected an object");
      return NULL;
    }

  version = carta_json_object_get (root, "carta_feed");
  if (version == NULL || version->type != CARTA_JSON_INTEGER)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                   "$.carta_feed: missing or not an integer: this is not a Carta feed");
      return NULL;
    }
  if (version->integer != 1)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_UNSUPPORTED_VERSION,
                   "$.carta_feed: version %" G_GINT64_FORMAT " is not supported (this version of Carta reads version 1)",
                   version->integer);
      return NULL;
    }

  feed = g_object_new (CARTA_TYPE_FEED, NULL);
  feed->source_id = g_strdup (source_id);
  ids = g_hash_table_new (g_str_hash, g_str_equal);

  p = (Parser) { .source_id = source_id, .ids = ids, .feed = feed, .doc = doc, .error = error };

  /* References only point back: rulesets and templates first, campaigns last. */
  ok = check_members (&p, root, members) &&
       read_source (&p, root) &&
       read_items (&p, root, "rulesets", read_ruleset) &&
       read_items (&p, root, "templates", read_template) &&
       read_items (&p, root, "targets", read_target) &&
       read_items (&p, root, "cases", read_case) &&
       read_items (&p, root, "campaigns", read_campaign);
  g_free (p.path);
  if (!ok)
    return NULL;

  return g_steal_pointer (&feed);
}

CartaFeed *
carta_feed_new_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resource_lookup_data (carta_core_get_resource (), BUNDLED_CATALOG_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return carta_feed_new_from_bytes (bytes, CARTA_BUNDLED_SOURCE_ID, error);
}

const char *
carta_feed_get_source_id (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->source_id;
}

CartaText *
carta_feed_get_title (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->title;
}

const char *
carta_feed_get_homepage (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->homepage;
}

GPtrArray *
carta_feed_get_campaigns (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->campaigns;
}

GPtrArray *
carta_feed_get_cases (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->cases;
}

GPtrArray *
carta_feed_get_targets (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->targets;
}

GPtrArray *
carta_feed_get_templates (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->templates;
}

GPtrArray *
carta_feed_get_rulesets (CartaFeed *self)
{
  g_return_val_if_fail (CARTA_IS_FEED (self), NULL);
  return self->rulesets;
}
