/* carta-people.c: the people the user adds by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "carta-error.h"
#include "carta-import.h"
#include "carta-import-private.h"
#include "carta-people.h"

#define FILE_VERSION      1
#define MAX_NAME_BYTES    1024
#define MAX_LINE_BYTES    1024
#define MAX_LANGUAGES     8
#define MAX_PEOPLE        10000
#define MAX_FILE_SIZE     (16 * 1024 * 1024)
#define FEED_MAX_LINES    12

struct _CartaPeople
{
  GObject    parent_instance;

  char      *path;
  GPtrArray *people;

  /* Saves run in threads: the file must end with the newest snapshot. */
  GMutex     write_lock;
  guint64    generation;
  guint64    written_generation;
  /* A damaged file could not be set aside: saving would destroy it. */
  gboolean   keep_file;
};

G_DEFINE_FINAL_TYPE (CartaPeople, carta_people, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (CartaPerson, carta_person, carta_person_copy, carta_person_free)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

CartaPerson *
carta_person_new (void)
{
  CartaPerson *person = g_new0 (CartaPerson, 1);

  person->status = CARTA_CASE_STATUS_IMPRISONED;
  return person;
}

CartaPerson *
carta_person_copy (const CartaPerson *person)
{
  CartaPerson *copy = g_new0 (CartaPerson, 1);

  copy->id = g_strdup (person->id);
  copy->name = g_strdup (person->name);
  copy->name_latin = g_strdup (person->name_latin);
  copy->birth_year = person->birth_year;
  copy->facility = g_strdup (person->facility);
  copy->address_lines = g_strdupv (person->address_lines);
  copy->country = g_strdup (person->country);
  copy->letter_languages = g_strdupv (person->letter_languages);
  copy->status = person->status;
  return copy;
}

void
carta_person_free (CartaPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->id);
  g_free (person->name);
  g_free (person->name_latin);
  g_free (person->facility);
  g_strfreev (person->address_lines);
  g_free (person->country);
  g_strfreev (person->letter_languages);
  g_free (person);
}

void
carta_person_set_address_block (CartaPerson *person,
                                const char  *block,
                                GPtrArray   *warnings)
{
  g_strfreev (person->address_lines);
  person->address_lines = carta_import_split_address (block, person->country, warnings);
}

/* ------------------------------------------------------------------------
 * Checking
 */

static char *
clean (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  copy = g_strstrip (g_strdup (text));
  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

static gboolean
is_lang (const char *lang)
{
  gsize n = 0;

  /* ^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$ */
  while (g_ascii_islower (lang[n]))
    n++;
  if (n < 2 || n > 3)
    return FALSE;
  lang += n;
  while (*lang == '-')
    {
      lang++;
      n = 0;
      while (g_ascii_isalnum (lang[n]))
        n++;
      if (n < 2 || n > 8)
        return FALSE;
      lang += n;
    }
  return *lang == '\0';
}

G_GNUC_PRINTF (2, 3)
static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CARTA_ERROR, CARTA_ERROR_INVALID_FEED, format, args);
  va_end (args);
  return FALSE;
}

/* A cleaned copy of @person, or NULL with @error set. */
static CartaPerson *
checked_copy (const CartaPerson  *person,
              GError            **error)
{
  g_autoptr(CartaPerson) copy = carta_person_new ();
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) languages = g_strv_builder_new ();
  guint n_lines = 0;
  guint n_languages = 0;

  copy->id = g_strdup (person->id);
  copy->name = clean (person->name);
  if (copy->name == NULL)
    return invalid (error, "%s", _("The person needs a name.")), NULL;
  if (strlen (copy->name) > MAX_NAME_BYTES)
    return invalid (error, "%s", _("The name is too long.")), NULL;

  copy->name_latin = clean (person->name_latin);
  if (copy->name_latin != NULL && strlen (copy->name_latin) > MAX_NAME_BYTES)
    return invalid (error, "%s", _("The Latin name is too long.")), NULL;

  if (person->birth_year != 0 && (person->birth_year < 1900 || person->birth_year > 2100))
    return invalid (error, _("%u is not a year of birth."), person->birth_year), NULL;
  copy->birth_year = person->birth_year;

  copy->facility = clean (person->facility);
  if (copy->facility != NULL && strlen (copy->facility) > MAX_LINE_BYTES)
    return invalid (error, "%s", _("The facility’s name is too long.")), NULL;

  if (person->country != NULL && *person->country != '\0')
    {
      if (strlen (person->country) != 2 || !g_ascii_isupper (person->country[0]) ||
          !g_ascii_isupper (person->country[1]))
        return invalid (error, "%s", _("The country must be a two-letter code such as RU or BY.")), NULL;
      copy->country = g_strdup (person->country);
    }

  for (guint i = 0; person->address_lines != NULL && person->address_lines[i] != NULL; i++)
    {
      g_autofree char *line = clean (person->address_lines[i]);

      if (line == NULL)
        continue;
      if (strlen (line) > MAX_LINE_BYTES)
        return invalid (error, "%s", _("A line of the address is too long.")), NULL;
      if (++n_lines > FEED_MAX_LINES)
        return invalid (error, _("The address has more than %d lines."), FEED_MAX_LINES), NULL;
      g_strv_builder_add (lines, line);
    }
  if (n_lines > 0)
    copy->address_lines = g_strv_builder_end (lines);

  for (guint i = 0; person->letter_languages != NULL && person->letter_languages[i] != NULL; i++)
    {
      if (!is_lang (person->letter_languages[i]))
        return invalid (error, _("“%s” is not a language code."), person->letter_languages[i]), NULL;
      gboolean repeated = FALSE;

      for (guint j = 0; j < i && !repeated; j++)
        repeated = g_str_equal (person->letter_languages[j], person->letter_languages[i]);
      if (repeated)
        continue;
      if (++n_languages > MAX_LANGUAGES)
        return invalid (error, "%s", _("Too many letter languages.")), NULL;
      g_strv_builder_add (languages, person->letter_languages[i]);
    }
  if (n_languages == 0)
    return invalid (error, "%s", _("Choose the languages letters to the person may be written in.")), NULL;
  copy->letter_languages = g_strv_builder_end (languages);

  if (person->status > CARTA_CASE_STATUS_DECEASED)
    return invalid (error, "%s", _("Unknown status.")), NULL;
  copy->status = person->status;

  return g_steal_pointer (&copy);
}

/* ------------------------------------------------------------------------
 * The file
 */

static JsonArray *
strv_to_array (char **values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  return array;
}

static GBytes *
serialize (GPtrArray *people)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *document = json_object_new ();
  JsonArray *array = json_array_new ();
  char *text;
  gsize len;

  for (guint i = 0; i < people->len; i++)
    {
      const CartaPerson *person = g_ptr_array_index (people, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", person->id);
      json_object_set_string_member (object, "name", person->name);
      if (person->name_latin != NULL)
        json_object_set_string_member (object, "name_latin", person->name_latin);
      if (person->birth_year != 0)
        json_object_set_int_member (object, "birth_year", person->birth_year);
      if (person->facility != NULL)
        json_object_set_string_member (object, "facility", person->facility);
      if (person->address_lines != NULL)
        json_object_set_array_member (object, "address", strv_to_array (person->address_lines));
      if (person->country != NULL)
        json_object_set_string_member (object, "country", person->country);
      json_object_set_array_member (object, "letter_languages", strv_to_array (person->letter_languages));
      json_object_set_string_member (object, "status", carta_case_status_to_string (person->status));
      json_array_add_object_element (array, object);
    }

  json_object_set_int_member (document, "carta_people", FILE_VERSION);
  json_object_set_array_member (document, "people", array);
  json_node_take_object (root, document);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

static char **
array_to_strv (JsonObject *object,
               const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array) && i < 64; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  return g_strv_builder_end (builder);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GPtrArray *
parse_people (const char  *data,
              gsize        len,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_person_free);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *document;
  JsonNode *root;
  JsonNode *array_node;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, "the file is not a list of people"), NULL;
  document = json_node_get_object (root);
  if (json_object_get_int_member_with_default (document, "carta_people", 0) != FILE_VERSION)
    return invalid (error, "the file is of an unknown version"), NULL;
  array_node = json_object_get_member (document, "people");
  if (array_node == NULL || !JSON_NODE_HOLDS_ARRAY (array_node))
    return invalid (error, "the file has no people"), NULL;
  array = json_node_get_array (array_node);
  if (json_array_get_length (array) > MAX_PEOPLE)
    return invalid (error, "the file has too many people"), NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CartaPerson) person = carta_person_new ();
      g_autoptr(GError) local_error = NULL;
      CartaPerson *checked;
      JsonObject *object;
      const char *status;
      gint64 year;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, "person %u is not an object", i + 1), NULL;
      object = json_node_get_object (node);

      person->id = g_strdup (string_member (object, "id"));
      person->name = g_strdup (string_member (object, "name"));
      person->name_latin = g_strdup (string_member (object, "name_latin"));
      year = json_object_get_int_member_with_default (object, "birth_year", 0);
      person->birth_year = year >= 1900 && year <= 2100 ? (guint) year : 0;
      person->facility = g_strdup (string_member (object, "facility"));
      person->address_lines = array_to_strv (object, "address");
      person->country = g_strdup (string_member (object, "country"));
      person->letter_languages = array_to_strv (object, "letter_languages");
      status = string_member (object, "status");
      if (status == NULL || !carta_case_status_from_string (status, &person->status))
        person->status = CARTA_CASE_STATUS_UNKNOWN;

      if (person->id == NULL || !g_str_has_prefix (person->id, "person-") ||
          g_hash_table_contains (ids, person->id))
        return invalid (error, "person %u has no id of its own", i + 1), NULL;

      checked = checked_copy (person, &local_error);
      if (checked == NULL)
        return invalid (error, "person %u: %s", i + 1, local_error->message), NULL;
      g_hash_table_add (ids, checked->id);
      g_ptr_array_add (people, checked);
    }

  return g_steal_pointer (&people);
}

/* ------------------------------------------------------------------------
 * The object
 */

static void
carta_people_finalize (GObject *object)
{
  CartaPeople *self = CARTA_PEOPLE (object);

  g_free (self->path);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_mutex_clear (&self->write_lock);

  G_OBJECT_CLASS (carta_people_parent_class)->finalize (object);
}

static void
carta_people_class_init (CartaPeopleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carta_people_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
carta_people_init (CartaPeople *self)
{
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_person_free);
  g_mutex_init (&self->write_lock);
}

CartaPeople *
carta_people_new (const char *path)
{
  CartaPeople *self = g_object_new (CARTA_TYPE_PEOPLE, NULL);

  self->path = path != NULL ? g_strdup (path)
                            : g_build_filename (g_get_user_data_dir (), "carta", "people.json", NULL);
  return self;
}

const char *
carta_people_get_path (CartaPeople *self)
{
  g_return_val_if_fail (CARTA_IS_PEOPLE (self), NULL);
  return self->path;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CartaPeople *self = source_object;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *people;
  gsize len;

  if (!g_file_get_contents (self->path, &contents, &len, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_pointer (task, g_ptr_array_new_with_free_func ((GDestroyNotify) carta_person_free),
                               (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (len > MAX_FILE_SIZE)
    error = g_error_new (CARTA_ERROR, CARTA_ERROR_TOO_LARGE, "the file is too large");
  else if (!g_utf8_validate_len (contents, len, NULL))
    error = g_error_new (CARTA_ERROR, CARTA_ERROR_INVALID_UTF8, "the file is not UTF-8 text");

  people = error == NULL ? parse_people (contents, len, &error) : NULL;
  if (people == NULL)
    {
      /* Keep what could still be read by hand before a save replaces it. */
      g_autoptr(GError) move_error = NULL;
      g_autofree char *aside = carta_import_set_aside (self->path, &move_error);

      if (aside != NULL)
        g_prefix_error (&error, _("The list of people you added was damaged and has been kept as %s: "), aside);
      else
        {
          g_mutex_lock (&self->write_lock);
          self->keep_file = TRUE;
          g_mutex_unlock (&self->write_lock);
          g_prefix_error (&error, _("The list of people you added (%s) is damaged and could not be set "
                                    "aside (%s); Carta will not write over it: "),
                          self->path, move_error->message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, people, (GDestroyNotify) g_ptr_array_unref);
}

void
carta_people_load_async (CartaPeople         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTA_IS_PEOPLE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_people_load_async);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
carta_people_load_finish (CartaPeople   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  GPtrArray *people;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  people = g_task_propagate_pointer (G_TASK (result), error);
  if (people == NULL)
    return FALSE;

  g_ptr_array_unref (self->people);
  self->people = people;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

typedef struct {
  GBytes  *bytes;
  guint64  generation;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CartaPeople *self = source_object;
  SaveData *data = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->write_lock);
  GError *error = NULL;

  if (self->keep_file)
    {
      g_task_return_new_error (task, CARTA_ERROR, CARTA_ERROR_INVALID_FEED,
                               _("The damaged list of people you added at %s is kept as it is: "
                                 "move it away to save new changes."), self->path);
      return;
    }

  /* A newer snapshot is already on disk: writing this one would undo it. */
  if (data->generation <= self->written_generation)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!carta_import_write_file (self->path, data->bytes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  self->written_generation = data->generation;
  g_task_return_boolean (task, TRUE);
}

void
carta_people_save_async (CartaPeople         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CARTA_IS_PEOPLE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_people_save_async);

  data = g_new0 (SaveData, 1);
  data->bytes = serialize (self->people);
  data->generation = ++self->generation;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
carta_people_save_finish (CartaPeople   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
carta_people_get_n_people (CartaPeople *self)
{
  g_return_val_if_fail (CARTA_IS_PEOPLE (self), 0);
  return self->people->len;
}

const CartaPerson *
carta_people_get_nth (CartaPeople *self,
                      guint        index)
{
  g_return_val_if_fail (CARTA_IS_PEOPLE (self), NULL);
  g_return_val_if_fail (index < self->people->len, NULL);
  return g_ptr_array_index (self->people, index);
}

static int
find (CartaPeople *self,
      const char  *id)
{
  for (guint i = 0; id != NULL && i < self->people->len; i++)
    {
      const CartaPerson *person = g_ptr_array_index (self->people, i);

      if (g_str_equal (person->id, id))
        return (int) i;
    }
  return -1;
}

const CartaPerson *
carta_people_lookup (CartaPeople *self,
                     const char  *id)
{
  int index;

  g_return_val_if_fail (CARTA_IS_PEOPLE (self), NULL);

  index = find (self, id);
  return index >= 0 ? g_ptr_array_index (self->people, index) : NULL;
}

char *
carta_people_add (CartaPeople        *self,
                  const CartaPerson  *person,
                  GError            **error)
{
  CartaPerson *copy;

  g_return_val_if_fail (CARTA_IS_PEOPLE (self), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  if (self->people->len >= MAX_PEOPLE)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE, _("Carta keeps up to %d people."), MAX_PEOPLE);
      return NULL;
    }

  copy = checked_copy (person, error);
  if (copy == NULL)
    return NULL;

  /* Random, so that two people with one name stay two people, and stable
   * across saves so that drafts keep pointing at the person. */
  do
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (copy->id);
      copy->id = g_strconcat ("person-", uuid, NULL);
    }
  while (find (self, copy->id) >= 0);

  g_ptr_array_add (self->people, copy);
  g_signal_emit (self, signals[CHANGED], 0);
  return g_strdup (copy->id);
}

gboolean
carta_people_update (CartaPeople        *self,
                     const char         *id,
                     const CartaPerson  *person,
                     GError            **error)
{
  CartaPerson *copy;
  int index;

  g_return_val_if_fail (CARTA_IS_PEOPLE (self), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  index = find (self, id);
  if (index < 0)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_UNKNOWN_REFERENCE, _("The person was removed."));
      return FALSE;
    }

  copy = checked_copy (person, error);
  if (copy == NULL)
    return FALSE;
  g_free (copy->id);
  copy->id = g_strdup (id);

  carta_person_free (g_ptr_array_index (self->people, index));
  g_ptr_array_index (self->people, index) = copy;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
carta_people_insert (CartaPeople        *self,
                     guint               index,
                     const CartaPerson  *person,
                     GError            **error)
{
  CartaPerson *copy;

  g_return_val_if_fail (CARTA_IS_PEOPLE (self), FALSE);
  g_return_val_if_fail (person != NULL, FALSE);

  if (person->id == NULL || !g_str_has_prefix (person->id, "person-") || find (self, person->id) >= 0)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED, _("The person cannot be put back."));
      return FALSE;
    }
  if (self->people->len >= MAX_PEOPLE)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE, _("Carta keeps up to %d people."), MAX_PEOPLE);
      return FALSE;
    }

  copy = checked_copy (person, error);
  if (copy == NULL)
    return FALSE;

  g_ptr_array_insert (self->people, MIN (index, self->people->len), copy);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
carta_people_remove (CartaPeople *self,
                     const char  *id)
{
  int index;

  g_return_val_if_fail (CARTA_IS_PEOPLE (self), FALSE);

  index = find (self, id);
  if (index < 0)
    return FALSE;

  g_ptr_array_remove_index (self->people, index);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * The feed
 */

static const char *
ruleset_for (const char *country)
{
  if (g_strcmp0 (country, "RU") == 0)
    return "ru-prison";
  if (g_strcmp0 (country, "BY") == 0)
    return "by-prison";
  return NULL;
}

static const char *
country_line (const char *country)
{
  if (g_strcmp0 (country, "RU") == 0)
    return "RUSSIA";
  if (g_strcmp0 (country, "BY") == 0)
    return "REPUBLIC OF BELARUS";
  return country;
}

CartaFeed *
carta_people_build_feed (CartaPeople  *self,
                         GError      **error)
{
  g_autoptr(JsonArray) cases = json_array_new ();

  g_return_val_if_fail (CARTA_IS_PEOPLE (self), NULL);

  for (guint i = 0; i < self->people->len; i++)
    {
      const CartaPerson *person = g_ptr_array_index (self->people, i);
      JsonObject *object = json_object_new ();
      const char *ruleset = ruleset_for (person->country);

      json_object_set_string_member (object, "id", person->id);
      json_object_set_string_member (object, "name", person->name);
      if (person->name_latin != NULL)
        json_object_set_string_member (object, "name_latin", person->name_latin);
      if (person->birth_year != 0)
        json_object_set_int_member (object, "birth_year", person->birth_year);
      json_object_set_string_member (object, "status", carta_case_status_to_string (person->status));
      if (person->country != NULL)
        json_object_set_string_member (object, "country", person->country);

      if (person->facility != NULL)
        {
          JsonObject *facility = json_object_new ();

          /* Named in the language letters are written in. */
          json_object_set_string_member (facility, person->letter_languages[0], person->facility);
          json_object_set_object_member (object, "facility", facility);
        }

      if (person->address_lines != NULL && person->address_lines[0] != NULL)
        {
          JsonObject *address = json_object_new ();

          json_object_set_array_member (address, "lines", strv_to_array (person->address_lines));
          if (person->country != NULL)
            json_object_set_string_member (address, "country", country_line (person->country));
          json_object_set_object_member (object, "address", address);
        }

      json_object_set_array_member (object, "letter_languages", strv_to_array (person->letter_languages));
      if (ruleset != NULL)
        json_object_set_string_member (object, "ruleset", ruleset);
      json_array_add_object_element (cases, object);
    }

  return carta_import_build_feed (cases, CARTA_PEOPLE_SOURCE_ID, "People you added", error);
}
