/* carta-letter.c: a letter being written (a draft)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draft on disk is written by Carta but may have been damaged by a
 * failing disk, a sync tool or a person with a text editor, so reading one
 * trusts nothing: every member is checked for its type, the id must be a
 * UUID (it names the file), and the whole is size-limited.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "carta-error.h"
#include "carta-letter.h"

struct _CartaLetter
{
  GObject     parent_instance;

  char       *id;
  char       *campaign_uid;
  char       *case_uid;
  char       *target_uid;
  char       *template_uid;
  char       *language;
  char       *profile_id;
  GStrv       enabled_paragraphs;
  GHashTable *values;              /* placeholder → value */
  char       *subject;
  char       *body;
  char       *step;
  gint        cursor;
  GDateTime  *created;
  GDateTime  *modified;
};

G_DEFINE_FINAL_TYPE (CartaLetter, carta_letter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CAMPAIGN_UID,
  PROP_CASE_UID,
  PROP_TARGET_UID,
  PROP_TEMPLATE_UID,
  PROP_LANGUAGE,
  PROP_PROFILE_ID,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_STEP,
  PROP_CURSOR,
  PROP_CREATED,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const empty_strv[] = { NULL };

/* ------------------------------------------------------------------------
 * The object
 */

static void
carta_letter_finalize (GObject *object)
{
  CartaLetter *self = CARTA_LETTER (object);

  g_free (self->id);
  g_free (self->campaign_uid);
  g_free (self->case_uid);
  g_free (self->target_uid);
  g_free (self->template_uid);
  g_free (self->language);
  g_free (self->profile_id);
  g_strfreev (self->enabled_paragraphs);
  g_hash_table_unref (self->values);
  g_free (self->subject);
  g_free (self->body);
  g_free (self->step);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (carta_letter_parent_class)->finalize (object);
}

static void
carta_letter_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CartaLetter *self = CARTA_LETTER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CAMPAIGN_UID:
      g_value_set_string (value, self->campaign_uid);
      break;
    case PROP_CASE_UID:
      g_value_set_string (value, self->case_uid);
      break;
    case PROP_TARGET_UID:
      g_value_set_string (value, self->target_uid);
      break;
    case PROP_TEMPLATE_UID:
      g_value_set_string (value, self->template_uid);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_PROFILE_ID:
      g_value_set_string (value, self->profile_id);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_STEP:
      g_value_set_string (value, self->step);
      break;
    case PROP_CURSOR:
      g_value_set_int (value, self->cursor);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_letter_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CartaLetter *self = CARTA_LETTER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      carta_letter_set_language (self, g_value_get_string (value));
      break;
    case PROP_PROFILE_ID:
      carta_letter_set_profile_id (self, g_value_get_string (value));
      break;
    case PROP_SUBJECT:
      carta_letter_set_subject (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      carta_letter_set_body (self, g_value_get_string (value));
      break;
    case PROP_STEP:
      carta_letter_set_step (self, g_value_get_string (value));
      break;
    case PROP_CURSOR:
      carta_letter_set_cursor (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_letter_class_init (CartaLetterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  GParamFlags writable = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = carta_letter_finalize;
  object_class->get_property = carta_letter_get_property;
  object_class->set_property = carta_letter_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, readable);
  properties[PROP_CAMPAIGN_UID] = g_param_spec_string ("campaign-uid", NULL, NULL, NULL, readable);
  properties[PROP_CASE_UID] = g_param_spec_string ("case-uid", NULL, NULL, NULL, readable);
  properties[PROP_TARGET_UID] = g_param_spec_string ("target-uid", NULL, NULL, NULL, readable);
  properties[PROP_TEMPLATE_UID] = g_param_spec_string ("template-uid", NULL, NULL, NULL, readable);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, writable);
  properties[PROP_PROFILE_ID] = g_param_spec_string ("profile-id", NULL, NULL, NULL, writable);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, writable);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, writable);
  properties[PROP_STEP] = g_param_spec_string ("step", NULL, NULL, NULL, writable);
  properties[PROP_CURSOR] = g_param_spec_int ("cursor", NULL, NULL, 0, G_MAXINT, 0, writable);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, readable);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME,
                                                  readable | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once per change, after the letter has changed: the draft store saves
   * on it. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
carta_letter_init (CartaLetter *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->enabled_paragraphs = g_new0 (char *, 1);
}

CartaLetter *
carta_letter_new (const char *campaign_uid,
                  const char *case_uid,
                  const char *target_uid,
                  const char *template_uid)
{
  CartaLetter *self = g_object_new (CARTA_TYPE_LETTER, NULL);

  self->id = g_uuid_string_random ();
  self->campaign_uid = g_strdup (campaign_uid);
  self->case_uid = g_strdup (case_uid);
  self->target_uid = g_strdup (target_uid);
  self->template_uid = g_strdup (template_uid);
  self->created = g_date_time_new_now_utc ();
  self->modified = g_date_time_ref (self->created);
  return self;
}

/* ------------------------------------------------------------------------
 * Reading and changing
 */

/* Every change: a new "modified", then one "changed". */
static void
touch (CartaLetter *self,
       GParamSpec  *pspec)
{
  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_date_time_new_now_utc ();
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_string (CartaLetter  *self,
            char        **field,
            const char   *value,
            GParamSpec   *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  touch (self, pspec);
}

#define VALID_TEXT(text) ((text) == NULL || g_utf8_validate ((text), -1, NULL))

const char *
carta_letter_get_id (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->id;
}

const char *
carta_letter_get_campaign_uid (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->campaign_uid;
}

const char *
carta_letter_get_case_uid (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->case_uid;
}

const char *
carta_letter_get_target_uid (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->target_uid;
}

const char *
carta_letter_get_template_uid (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->template_uid;
}

const char *
carta_letter_get_language (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->language;
}

void
carta_letter_set_language (CartaLetter *self,
                           const char  *language)
{
  g_return_if_fail (CARTA_IS_LETTER (self));
  g_return_if_fail (VALID_TEXT (language));
  set_string (self, &self->language, language, properties[PROP_LANGUAGE]);
}

const char *
carta_letter_get_profile_id (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->profile_id;
}

void
carta_letter_set_profile_id (CartaLetter *self,
                             const char  *profile_id)
{
  g_return_if_fail (CARTA_IS_LETTER (self));
  g_return_if_fail (VALID_TEXT (profile_id));
  set_string (self, &self->profile_id, profile_id, properties[PROP_PROFILE_ID]);
}

const char * const *
carta_letter_get_enabled_paragraphs (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), empty_strv);
  return (const char * const *) self->enabled_paragraphs;
}

void
carta_letter_set_enabled_paragraphs (CartaLetter        *self,
                                     const char * const *paragraph_ids)
{
  g_return_if_fail (CARTA_IS_LETTER (self));

  if (paragraph_ids == NULL)
    paragraph_ids = empty_strv;
  for (guint i = 0; paragraph_ids[i] != NULL; i++)
    g_return_if_fail (g_utf8_validate (paragraph_ids[i], -1, NULL));
  if (g_strv_equal ((const char * const *) self->enabled_paragraphs, paragraph_ids))
    return;
  g_strfreev (self->enabled_paragraphs);
  self->enabled_paragraphs = g_strdupv ((char **) paragraph_ids);
  touch (self, NULL);
}

const char *
carta_letter_get_value (CartaLetter *self,
                        const char  *placeholder)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  g_return_val_if_fail (placeholder != NULL, NULL);
  return g_hash_table_lookup (self->values, placeholder);
}

/* A NULL @value forgets the placeholder's value. */
void
carta_letter_set_value (CartaLetter *self,
                        const char  *placeholder,
                        const char  *value)
{
  g_return_if_fail (CARTA_IS_LETTER (self));
  g_return_if_fail (placeholder != NULL && g_utf8_validate (placeholder, -1, NULL));
  g_return_if_fail (VALID_TEXT (value));

  if (g_strcmp0 (g_hash_table_lookup (self->values, placeholder), value) == 0)
    return;
  if (value == NULL)
    g_hash_table_remove (self->values, placeholder);
  else
    g_hash_table_insert (self->values, g_strdup (placeholder), g_strdup (value));
  touch (self, NULL);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted, so that files and tests are stable. */
GStrv
carta_letter_dup_value_names (CartaLetter *self)
{
  g_autofree const char **keys = NULL;
  guint n_keys;
  GStrv names;

  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->values, &n_keys);
  names = g_new0 (char *, n_keys + 1);
  for (guint i = 0; i < n_keys; i++)
    names[i] = g_strdup (keys[i]);
  g_qsort_with_data (names, n_keys, sizeof (char *), compare_strings, NULL);
  return names;
}

const char *
carta_letter_get_subject (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->subject;
}

void
carta_letter_set_subject (CartaLetter *self,
                          const char  *subject)
{
  g_return_if_fail (CARTA_IS_LETTER (self));
  g_return_if_fail (VALID_TEXT (subject));
  set_string (self, &self->subject, subject, properties[PROP_SUBJECT]);
}

const char *
carta_letter_get_body (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->body;
}

void
carta_letter_set_body (CartaLetter *self,
                       const char  *body)
{
  g_return_if_fail (CARTA_IS_LETTER (self));
  g_return_if_fail (VALID_TEXT (body));
  set_string (self, &self->body, body, properties[PROP_BODY]);
}

const char *
carta_letter_get_step (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->step;
}

void
carta_letter_set_step (CartaLetter *self,
                       const char  *step)
{
  g_return_if_fail (CARTA_IS_LETTER (self));
  g_return_if_fail (VALID_TEXT (step));
  set_string (self, &self->step, step, properties[PROP_STEP]);
}

gint
carta_letter_get_cursor (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), 0);
  return self->cursor;
}

void
carta_letter_set_cursor (CartaLetter *self,
                         gint         cursor)
{
  g_return_if_fail (CARTA_IS_LETTER (self));
  g_return_if_fail (cursor >= 0);

  if (self->cursor == cursor)
    return;
  self->cursor = cursor;
  touch (self, properties[PROP_CURSOR]);
}

GDateTime *
carta_letter_get_created (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->created;
}

GDateTime *
carta_letter_get_modified (CartaLetter *self)
{
  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);
  return self->modified;
}

gint
carta_letter_compare_newest_first (gconstpointer a,
                                   gconstpointer b)
{
  CartaLetter *letter_a = CARTA_LETTER ((gpointer) a);
  CartaLetter *letter_b = CARTA_LETTER ((gpointer) b);
  gint order = g_date_time_compare (letter_b->modified, letter_a->modified);

  return order != 0 ? order : strcmp (letter_a->id, letter_b->id);
}

/* ------------------------------------------------------------------------
 * JSON
 */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = g_date_time_format_iso8601 (value);

  add_string (builder, name, text);
}

char *
carta_letter_to_json (CartaLetter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (CARTA_IS_LETTER (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CARTA_LETTER_FORMAT_VERSION);
  add_string (builder, "id", self->id);
  add_date (builder, "created", self->created);
  add_date (builder, "modified", self->modified);
  add_string (builder, "campaign_uid", self->campaign_uid);
  add_string (builder, "case_uid", self->case_uid);
  add_string (builder, "target_uid", self->target_uid);
  add_string (builder, "template_uid", self->template_uid);
  add_string (builder, "language", self->language);
  add_string (builder, "profile_id", self->profile_id);

  json_builder_set_member_name (builder, "enabled_paragraphs");
  json_builder_begin_array (builder);
  for (guint i = 0; self->enabled_paragraphs[i] != NULL; i++)
    json_builder_add_string_value (builder, self->enabled_paragraphs[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "values");
  json_builder_begin_object (builder);
  names = carta_letter_dup_value_names (self);
  for (guint i = 0; names[i] != NULL; i++)
    add_string (builder, names[i], g_hash_table_lookup (self->values, names[i]));
  json_builder_end_object (builder);

  add_string (builder, "subject", self->subject);
  add_string (builder, "body", self->body);
  add_string (builder, "step", self->step);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, self->cursor);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static gboolean
wrong_type (const char  *name,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
               /* Translators: "%s" is a member of a draft's file; the second
                * says what it should have been, e.g. "a string" */
               _("The draft's “%s” is not %s"), name, expected);
  return FALSE;
}

/* An optional string member: absent and null both leave *value NULL. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             char       **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (name, _("a string"), error);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static GDateTime *
read_date (JsonObject  *object,
           const char  *name,
           GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) date = NULL;

  if (!read_string (object, name, &text, error))
    return NULL;
  if (text == NULL)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON, _("The draft has no “%s”"), name);
      return NULL;
    }
  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    {
      wrong_type (name, _("a date and time (ISO 8601)"), error);
      return NULL;
    }
  return g_date_time_to_utc (date);
}

static gboolean
read_paragraphs (CartaLetter  *self,
                 JsonObject   *object,
                 GError      **error)
{
  JsonNode *node = json_object_get_member (object, "enabled_paragraphs");
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type ("enabled_paragraphs", _("a list of strings"), error);

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return wrong_type ("enabled_paragraphs", _("a list of strings"), error);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  g_strfreev (self->enabled_paragraphs);
  self->enabled_paragraphs = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_values (CartaLetter  *self,
             JsonObject   *object,
             GError      **error)
{
  JsonNode *node = json_object_get_member (object, "values");
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type ("values", _("an object of strings"), error);

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return wrong_type ("values", _("an object of strings"), error);
      g_hash_table_insert (self->values, g_strdup (name), g_strdup (json_node_get_string (value)));
    }
  return TRUE;
}

CartaLetter *
carta_letter_new_from_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CartaLetter) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;
  gint64 cursor;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (json);
  if (length > CARTA_LETTER_MAX_JSON_SIZE)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE,
                   _("The draft is larger than %d KiB"), CARTA_LETTER_MAX_JSON_SIZE / 1024);
      return NULL;
    }
  /* Checked here, not left to the parser, so that the error says so. A
   * NUL inside fails too: no draft holds one. */
  if (!g_utf8_validate_len (json, length, NULL))
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8,
                           _("The draft is not valid UTF-8 text"));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                   _("The draft is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                           _("The draft is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                           _("The draft has no version number"));
      return NULL;
    }
  if (json_node_get_int (node) != CARTA_LETTER_FORMAT_VERSION)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_UNSUPPORTED_VERSION,
                   _("The draft was written in version %d of the format, which this version of Carta does not know"),
                   (int) CLAMP (json_node_get_int (node), G_MININT, G_MAXINT));
      return NULL;
    }

  self = g_object_new (CARTA_TYPE_LETTER, NULL);
  if (!read_string (object, "id", &self->id, error))
    return NULL;
  /* The id names the draft's file: nothing but a UUID will do. */
  if (self->id == NULL || !g_uuid_string_is_valid (self->id))
    {
      g_set_error_literal (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON,
                           _("The draft has no valid id"));
      return NULL;
    }
  self->created = read_date (object, "created", error);
  if (self->created == NULL)
    return NULL;
  self->modified = read_date (object, "modified", error);
  if (self->modified == NULL)
    return NULL;

  if (!read_string (object, "campaign_uid", &self->campaign_uid, error) ||
      !read_string (object, "case_uid", &self->case_uid, error) ||
      !read_string (object, "target_uid", &self->target_uid, error) ||
      !read_string (object, "template_uid", &self->template_uid, error) ||
      !read_string (object, "language", &self->language, error) ||
      !read_string (object, "profile_id", &self->profile_id, error) ||
      !read_paragraphs (self, object, error) ||
      !read_values (self, object, error) ||
      !read_string (object, "subject", &self->subject, error) ||
      !read_string (object, "body", &self->body, error) ||
      !read_string (object, "step", &self->step, error))
    return NULL;

  node = json_object_get_member (object, "cursor");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        {
          wrong_type ("cursor", _("a whole number"), error);
          return NULL;
        }
      cursor = json_node_get_int (node);
      if (cursor < 0 || cursor > G_MAXINT)
        {
          wrong_type ("cursor", _("a position in the letter"), error);
          return NULL;
        }
      self->cursor = (gint) cursor;
    }

  return g_steal_pointer (&self);
}
