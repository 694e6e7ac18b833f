/* carta-entity.c: what every catalog item has in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "carta-entity.h"
#include "carta-model-private.h"
#include "carta-search.h"

typedef struct
{
  char *id;
  char *source_id;
  char *uid;
  char *search_key;
} CartaEntityPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CartaEntity, carta_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_UID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carta_entity_finalize (GObject *object)
{
  CartaEntityPrivate *priv = carta_entity_get_instance_private (CARTA_ENTITY (object));

  g_free (priv->id);
  g_free (priv->source_id);
  g_free (priv->uid);
  g_free (priv->search_key);

  G_OBJECT_CLASS (carta_entity_parent_class)->finalize (object);
}

static void
carta_entity_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CartaEntityPrivate *priv = carta_entity_get_instance_private (CARTA_ENTITY (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_SOURCE_ID:
      g_value_set_string (value, priv->source_id);
      break;
    case PROP_UID:
      g_value_set_string (value, priv->uid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carta_entity_class_init (CartaEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carta_entity_finalize;
  object_class->get_property = carta_entity_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_ID] =
    g_param_spec_string ("source-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carta_entity_init (CartaEntity *self)
{
}

void
carta_entity_set_identity (CartaEntity *self,
                           const char  *source_id,
                           const char  *id)
{
  CartaEntityPrivate *priv = carta_entity_get_instance_private (self);

  g_return_if_fail (CARTA_IS_ENTITY (self));

  g_free (priv->id);
  g_free (priv->source_id);
  g_free (priv->uid);
  priv->id = g_strdup (id);
  priv->source_id = g_strdup (source_id);
  priv->uid = g_strconcat (source_id, ":", id, NULL);
}

const char *
carta_entity_get_id (CartaEntity *self)
{
  CartaEntityPrivate *priv = carta_entity_get_instance_private (self);

  g_return_val_if_fail (CARTA_IS_ENTITY (self), NULL);
  return priv->id;
}

const char *
carta_entity_get_source_id (CartaEntity *self)
{
  CartaEntityPrivate *priv = carta_entity_get_instance_private (self);

  g_return_val_if_fail (CARTA_IS_ENTITY (self), NULL);
  return priv->source_id;
}

const char *
carta_entity_get_uid (CartaEntity *self)
{
  CartaEntityPrivate *priv = carta_entity_get_instance_private (self);

  g_return_val_if_fail (CARTA_IS_ENTITY (self), NULL);
  return priv->uid;
}

/* Computed on first use: the loader calls it while still on its worker
 * thread, so the main thread finds every key ready. */
const char *
carta_entity_get_search_key (CartaEntity *self)
{
  CartaEntityPrivate *priv = carta_entity_get_instance_private (self);

  g_return_val_if_fail (CARTA_IS_ENTITY (self), NULL);

  if (priv->search_key == NULL)
    {
      CartaEntityClass *klass = CARTA_ENTITY_GET_CLASS (self);
      g_autofree char *text = klass->collect_search_text ? klass->collect_search_text (self) : NULL;

      priv->search_key = carta_search_fold (text ? text : "");
    }

  return priv->search_key;
}

gboolean
carta_entity_matches (CartaEntity *self,
                      const char  *folded_query)
{
  g_return_val_if_fail (CARTA_IS_ENTITY (self), FALSE);

  return carta_search_matches (carta_entity_get_search_key (self), folded_query);
}
