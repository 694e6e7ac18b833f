/* carta-profile.c: who a letter is from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "carta-error.h"
#include "carta-profile.h"

#define MAX_PROFILES_FILE (1024 * 1024)

struct _CartaProfile
{
  GObject   parent_instance;

  char     *id;
  char     *label;
  char     *name;
  gboolean  is_pseudonym;
  char     *city;
  char     *country;
  char     *return_address;
  char     *email;
};

G_DEFINE_FINAL_TYPE (CartaProfile, carta_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_NAME,
  PROP_IS_PSEUDONYM,
  PROP_CITY,
  PROP_COUNTRY,
  PROP_RETURN_ADDRESS,
  PROP_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string members in property order, for the generic accessors. */
static char **
string_field (CartaProfile *self,
              guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_LABEL: return &self->label;
    case PROP_NAME: return &self->name;
    case PROP_CITY: return &self->city;
    case PROP_COUNTRY: return &self->country;
    case PROP_RETURN_ADDRESS: return &self->return_address;
    case PROP_EMAIL: return &self->email;
    default: return NULL;
    }
}

static void
set_string (CartaProfile *self,
            guint         prop_id,
            const char   *value)
{
  char **field = string_field (self, prop_id);

  /* Empty means unset: a profile has no return address rather than "". */
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
carta_profile_finalize (GObject *object)
{
  CartaProfile *self = CARTA_PROFILE (object);

  for (guint prop_id = PROP_ID; prop_id < N_PROPS; prop_id++)
    if (string_field (self, prop_id))
      g_free (*string_field (self, prop_id));

  G_OBJECT_CLASS (carta_profile_parent_class)->finalize (object);
}

static void
carta_profile_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CartaProfile *self = CARTA_PROFILE (object);

  if (prop_id == PROP_IS_PSEUDONYM)
    g_value_set_boolean (value, self->is_pseudonym);
  else if (string_field (self, prop_id))
    g_value_set_string (value, *string_field (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
carta_profile_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CartaProfile *self = CARTA_PROFILE (object);

  if (prop_id == PROP_IS_PSEUDONYM)
    carta_profile_set_is_pseudonym (self, g_value_get_boolean (value));
  else if (prop_id == PROP_ID)
    self->id = g_value_dup_string (value);
  else if (string_field (self, prop_id))
    set_string (self, prop_id, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
carta_profile_constructed (GObject *object)
{
  CartaProfile *self = CARTA_PROFILE (object);

  G_OBJECT_CLASS (carta_profile_parent_class)->constructed (object);

  if (self->id == NULL)
    self->id = g_uuid_string_random ();
}

static void
carta_profile_class_init (CartaProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = carta_profile_finalize;
  object_class->get_property = carta_profile_get_property;
  object_class->set_property = carta_profile_set_property;
  object_class->constructed = carta_profile_constructed;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_IS_PSEUDONYM] = g_param_spec_boolean ("is-pseudonym", NULL, NULL, FALSE, flags);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, flags);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, flags);
  properties[PROP_RETURN_ADDRESS] = g_param_spec_string ("return-address", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carta_profile_init (CartaProfile *self)
{
}

CartaProfile *
carta_profile_new (void)
{
  return g_object_new (CARTA_TYPE_PROFILE, NULL);
}

#define STRING_ACCESSORS(field, PROP)                                        \
  const char *                                                               \
  carta_profile_get_##field (CartaProfile *self)                             \
  {                                                                          \
    g_return_val_if_fail (CARTA_IS_PROFILE (self), NULL);                    \
    return self->field;                                                      \
  }                                                                          \
  void                                                                       \
  carta_profile_set_##field (CartaProfile *self,                             \
                             const char   *value)                            \
  {                                                                          \
    g_return_if_fail (CARTA_IS_PROFILE (self));                              \
    set_string (self, PROP, value);                                          \
  }

STRING_ACCESSORS (label, PROP_LABEL)
STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (city, PROP_CITY)
STRING_ACCESSORS (country, PROP_COUNTRY)
STRING_ACCESSORS (return_address, PROP_RETURN_ADDRESS)
STRING_ACCESSORS (email, PROP_EMAIL)

const char *
carta_profile_get_id (CartaProfile *self)
{
  g_return_val_if_fail (CARTA_IS_PROFILE (self), NULL);
  return self->id;
}

gboolean
carta_profile_get_is_pseudonym (CartaProfile *self)
{
  g_return_val_if_fail (CARTA_IS_PROFILE (self), FALSE);
  return self->is_pseudonym;
}

void
carta_profile_set_is_pseudonym (CartaProfile *self,
                                gboolean      is_pseudonym)
{
  g_return_if_fail (CARTA_IS_PROFILE (self));

  is_pseudonym = !!is_pseudonym;
  if (self->is_pseudonym != is_pseudonym)
    {
      self->is_pseudonym = is_pseudonym;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_PSEUDONYM]);
    }
}

gboolean
carta_profile_is_at_risk (CartaProfile *self)
{
  g_return_val_if_fail (CARTA_IS_PROFILE (self), FALSE);

  return g_strcmp0 (self->country, "RU") == 0 || g_strcmp0 (self->country, "BY") == 0;
}

/* ------------------------------------------------------------------------
 * The store
 */

struct _CartaProfileStore
{
  GObject     parent_instance;

  char       *path;
  GListStore *profiles;
};

static void carta_profile_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartaProfileStore, carta_profile_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      carta_profile_store_list_model_init))

static GType
carta_profile_store_get_item_type (GListModel *model)
{
  return CARTA_TYPE_PROFILE;
}

static guint
carta_profile_store_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (CARTA_PROFILE_STORE (model)->profiles));
}

static gpointer
carta_profile_store_get_item (GListModel *model,
                              guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (CARTA_PROFILE_STORE (model)->profiles), position);
}

static void
carta_profile_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = carta_profile_store_get_item_type;
  iface->get_n_items = carta_profile_store_get_n_items;
  iface->get_item = carta_profile_store_get_item;
}

static void
carta_profile_store_finalize (GObject *object)
{
  CartaProfileStore *self = CARTA_PROFILE_STORE (object);

  g_free (self->path);
  g_clear_object (&self->profiles);

  G_OBJECT_CLASS (carta_profile_store_parent_class)->finalize (object);
}

static void
carta_profile_store_class_init (CartaProfileStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_profile_store_finalize;
}

static void
forward_items_changed (GListModel        *model,
                       guint              position,
                       guint              removed,
                       guint              added,
                       CartaProfileStore *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
carta_profile_store_init (CartaProfileStore *self)
{
  self->profiles = g_list_store_new (CARTA_TYPE_PROFILE);
  g_signal_connect_object (self->profiles, "items-changed",
                           G_CALLBACK (forward_items_changed), self, 0);
}

CartaProfileStore *
carta_profile_store_new (const char *path)
{
  CartaProfileStore *self = g_object_new (CARTA_TYPE_PROFILE_STORE, NULL);

  self->path = path ? g_strdup (path)
                    : g_build_filename (g_get_user_config_dir (), "carta", "profiles.json", NULL);
  return self;
}

static const char * const json_members[] = {
  "id", "label", "name", "is_pseudonym", "city", "country", "return_address", "email", NULL
};

static GPtrArray *
parse_profiles (const char  *contents,
                gsize        len,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *root;
  JsonArray *array;

  if (len > MAX_PROFILES_FILE)
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE, "the profiles file is larger than 1 MiB");
      return NULL;
    }
  if (!g_utf8_validate_len (contents, len, NULL))
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8, "the profiles file is not valid UTF-8");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, contents, len, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "profiles") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "profiles")))
    {
      g_set_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED, "the profiles file has no list of profiles");
      return NULL;
    }

  array = json_object_get_array_member (json_node_get_object (root), "profiles");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      g_autoptr(CartaProfile) profile = NULL;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      if (id == NULL || !g_uuid_string_is_valid (id))
        continue;

      profile = g_object_new (CARTA_TYPE_PROFILE, "id", id, NULL);
      for (guint prop_id = PROP_LABEL; prop_id < N_PROPS; prop_id++)
        {
          const char *member = json_members[prop_id - PROP_ID];
          JsonNode *value = json_object_get_member (object, member);

          if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
            continue;
          if (prop_id == PROP_IS_PSEUDONYM && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
            profile->is_pseudonym = json_node_get_boolean (value);
          else if (prop_id != PROP_IS_PSEUDONYM && json_node_get_value_type (value) == G_TYPE_STRING)
            set_string (profile, prop_id, json_node_get_string (value));
        }
      g_ptr_array_add (profiles, g_steal_pointer (&profile));
    }

  return g_steal_pointer (&profiles);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *profiles;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                               (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  profiles = parse_profiles (contents, len, &error);
  if (profiles == NULL)
    {
      /* Keep the unreadable file for the user rather than overwrite it. */
      g_autofree char *aside = g_strconcat (path, ".corrupt", NULL);
      g_rename (path, aside);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, profiles, (GDestroyNotify) g_ptr_array_unref);
}

void
carta_profile_store_load_async (CartaProfileStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTA_IS_PROFILE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_profile_store_load_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, load_in_thread);
}

gboolean
carta_profile_store_load_finish (CartaProfileStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_autoptr(GPtrArray) profiles = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  profiles = g_task_propagate_pointer (G_TASK (result), error);
  if (profiles == NULL)
    return FALSE;

  g_list_store_splice (self->profiles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->profiles)),
                       profiles->pdata, profiles->len);
  return TRUE;
}

void
carta_profile_store_add (CartaProfileStore *self,
                         CartaProfile      *profile)
{
  g_return_if_fail (CARTA_IS_PROFILE_STORE (self));
  g_return_if_fail (CARTA_IS_PROFILE (profile));

  g_list_store_append (self->profiles, profile);
}

void
carta_profile_store_remove (CartaProfileStore *self,
                            CartaProfile      *profile)
{
  guint position;

  g_return_if_fail (CARTA_IS_PROFILE_STORE (self));

  if (g_list_store_find (self->profiles, profile, &position))
    g_list_store_remove (self->profiles, position);
}

CartaProfile *
carta_profile_store_lookup (CartaProfileStore *self,
                            const char        *id)
{
  guint n;

  g_return_val_if_fail (CARTA_IS_PROFILE_STORE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);
      if (g_strcmp0 (profile->id, id) == 0)
        return profile;
    }

  return NULL;
}

static char *
serialize_profiles (CartaProfileStore *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "profiles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartaProfile) profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      json_builder_begin_object (builder);
      for (guint prop_id = PROP_ID; prop_id < N_PROPS; prop_id++)
        {
          const char *member = json_members[prop_id - PROP_ID];

          if (prop_id == PROP_IS_PSEUDONYM)
            {
              json_builder_set_member_name (builder, member);
              json_builder_add_boolean_value (builder, profile->is_pseudonym);
            }
          else
            {
              char **field = string_field (profile, prop_id);

              if (field != NULL && *field != NULL)
                {
                  json_builder_set_member_name (builder, member);
                  json_builder_add_string_value (builder, *field);
                }
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

typedef struct
{
  char *path;
  char *contents;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  g_free (data->contents);
  g_free (data);
}

static void
save_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autofree char *dir = g_path_get_dirname (data->path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents_full (data->path, data->contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not create the folder %s", dir);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
carta_profile_store_save_async (CartaProfileStore   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CARTA_IS_PROFILE_STORE (self));

  data = g_new0 (SaveData, 1);
  data->path = g_strdup (self->path);
  data->contents = serialize_profiles (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, carta_profile_store_save_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
carta_profile_store_save_finish (CartaProfileStore  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
