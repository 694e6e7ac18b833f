/* carta-text.c: a text in several languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carta-text.h"
#include "carta-model-private.h"

struct _CartaText
{
  gatomicrefcount  ref_count;
  /* Few languages per text: a small array beats a hash table in memory
   * and speed (a feed has tens of thousands of texts). */
  GPtrArray       *langs;
  GPtrArray       *values;
};

G_DEFINE_BOXED_TYPE (CartaText, carta_text, carta_text_ref, carta_text_unref)

CartaText *
carta_text_new (void)
{
  CartaText *self = g_new0 (CartaText, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->langs = g_ptr_array_new_full (2, g_free);
  self->values = g_ptr_array_new_full (2, g_free);
  return self;
}

CartaText *
carta_text_ref (CartaText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
carta_text_unref (CartaText *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->langs);
      g_ptr_array_unref (self->values);
      g_free (self);
    }
}

static int
index_of (const CartaText *self,
          const char      *lang)
{
  for (guint i = 0; i < self->langs->len; i++)
    if (strcmp (g_ptr_array_index (self->langs, i), lang) == 0)
      return (int) i;
  return -1;
}

void
carta_text_set (CartaText  *self,
                const char *lang,
                const char *value)
{
  int i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (lang != NULL);
  g_return_if_fail (value != NULL);

  i = index_of (self, lang);
  if (i >= 0)
    {
      g_free (g_ptr_array_index (self->values, i));
      g_ptr_array_index (self->values, i) = g_strdup (value);
      return;
    }

  g_ptr_array_add (self->langs, g_strdup (lang));
  g_ptr_array_add (self->values, g_strdup (value));
}

const char *
carta_text_get (const CartaText *self,
                const char      *lang)
{
  int i;

  if (self == NULL || lang == NULL)
    return NULL;

  i = index_of (self, lang);
  return i >= 0 ? g_ptr_array_index (self->values, i) : NULL;
}

gboolean
carta_text_has (const CartaText *self,
                const char      *lang)
{
  return carta_text_get (self, lang) != NULL;
}

guint
carta_text_get_n_languages (const CartaText *self)
{
  return self ? self->langs->len : 0;
}

/* The best text for a list of preferred languages: each language exactly,
 * then its base language ("pt" for "pt-BR"), then English, then the first. */
const char *
carta_text_lookup (const CartaText    *self,
                   const char * const *langs)
{
  const char *value;

  if (self == NULL || self->langs->len == 0)
    return NULL;

  for (guint i = 0; langs != NULL && langs[i] != NULL; i++)
    {
      g_autofree char *base = NULL;
      const char *dash;

      if ((value = carta_text_get (self, langs[i])))
        return value;

      dash = strchr (langs[i], '-');
      if (dash != NULL)
        {
          base = g_strndup (langs[i], dash - langs[i]);
          if ((value = carta_text_get (self, base)))
            return value;
        }
    }

  if ((value = carta_text_get (self, "en")))
    return value;

  return g_ptr_array_index (self->values, 0);
}

const char *
carta_text_get_ui (const CartaText *self)
{
  return carta_text_lookup (self, carta_ui_languages ());
}

GStrv
carta_text_dup_languages (const CartaText *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self != NULL && i < self->langs->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->langs, i));

  return g_strv_builder_end (builder);
}

void
carta_text_foreach (const CartaText *self,
                    GHFunc           func,
                    gpointer         user_data)
{
  for (guint i = 0; self != NULL && i < self->langs->len; i++)
    func (g_ptr_array_index (self->langs, i), g_ptr_array_index (self->values, i), user_data);
}

/* "ru_RU.UTF-8@euro" → "ru", "pt_BR" → "pt-BR", "C" → NULL. */
char *
carta_language_normalize (const char *locale_name)
{
  g_autofree char *name = NULL;
  char *p;

  if (locale_name == NULL || *locale_name == '\0' ||
      g_str_equal (locale_name, "C") || g_str_equal (locale_name, "POSIX"))
    return NULL;

  name = g_strdup (locale_name);
  if ((p = strpbrk (name, ".@")))
    *p = '\0';

  for (p = name; *p; p++)
    {
      if (*p == '_')
        *p = '-';
      else if (p == name || p[-1] != '-')
        *p = g_ascii_tolower (*p);
    }

  /* Only the language and the region: "sr-RS" stays, "ru-RU" becomes "ru"
   * unless the region distinguishes a written variant we know of. */
  if ((p = strchr (name, '-')) && !g_str_equal (name, "pt-BR") && !g_str_equal (name, "zh-TW"))
    *p = '\0';

  return g_steal_pointer (&name);
}

const char * const *
carta_ui_languages (void)
{
  static GStrv languages;

  if (g_once_init_enter (&languages))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      const char * const *names = g_get_language_names ();
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; names[i] != NULL; i++)
        {
          char *lang = carta_language_normalize (names[i]);

          if (lang == NULL || g_hash_table_contains (seen, lang))
            {
              g_free (lang);
              continue;
            }
          g_strv_builder_add (builder, lang);
          g_hash_table_add (seen, lang);
        }
      g_once_init_leave (&languages, g_strv_builder_end (builder));
    }

  return (const char * const *) languages;
}

static void
append_one (gpointer key,
            gpointer value,
            gpointer user_data)
{
  GString *out = user_data;

  g_string_append_c (out, ' ');
  g_string_append (out, value);
}

void
carta_text_append_all_to (const CartaText *self,
                          GString         *out)
{
  carta_text_foreach (self, append_one, out);
}
