/* carta-text.c: a text in several languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "carta-text.h"
#include "carta-model-private.h"

typedef struct
{
  char *lang;
  char *value;
} Entry;

struct _CartaText
{
  gatomicrefcount  ref_count;
  guint            n_langs;
  /* Few languages per text: a small array beats a hash table in memory
   * and speed (a feed has tens of thousands of texts). A text the feed
   * loader builds whole keeps its entries and their strings in the same
   * block as itself (n_allocated is 0); carta_text_set() moves them out. */
  guint            n_allocated;
  Entry           *entries;
};

G_DEFINE_BOXED_TYPE (CartaText, carta_text, carta_text_ref, carta_text_unref)

CartaText *
carta_text_new (void)
{
  CartaText *self = g_new0 (CartaText, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

CartaText *
carta_text_new_packed (guint               n_langs,
                       const char * const *langs,
                       const char * const *values)
{
  gsize lang_lengths[64], value_lengths[64];
  gsize size = sizeof (CartaText) + n_langs * sizeof (Entry);
  CartaText *self;
  char *strings;

  g_return_val_if_fail (n_langs <= G_N_ELEMENTS (lang_lengths), NULL);

  for (guint i = 0; i < n_langs; i++)
    {
      lang_lengths[i] = strlen (langs[i]) + 1;
      value_lengths[i] = strlen (values[i]) + 1;
      size += lang_lengths[i] + value_lengths[i];
    }

  self = g_malloc (size);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_langs = n_langs;
  self->n_allocated = 0;
  self->entries = n_langs > 0 ? (Entry *) (self + 1) : NULL;

  strings = (char *) (self->entries + n_langs);
  for (guint i = 0; i < n_langs; i++)
    {
      self->entries[i].lang = memcpy (strings, langs[i], lang_lengths[i]);
      strings += lang_lengths[i];
      self->entries[i].value = memcpy (strings, values[i], value_lengths[i]);
      strings += value_lengths[i];
    }

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
      if (self->n_allocated > 0)
        {
          for (guint i = 0; i < self->n_langs; i++)
            {
              g_free (self->entries[i].lang);
              g_free (self->entries[i].value);
            }
          g_free (self->entries);
        }
      g_free (self);
    }
}

static int
index_of (const CartaText *self,
          const char      *lang)
{
  for (guint i = 0; i < self->n_langs; i++)
    if (strcmp (self->entries[i].lang, lang) == 0)
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
  if (i >= 0 && self->n_allocated > 0)
    {
      g_free (self->entries[i].value);
      self->entries[i].value = g_strdup (value);
      return;
    }

  /* A packed text's strings move out to be changed one by one. */
  if (self->n_allocated == 0 && self->n_langs > 0)
    {
      Entry *entries = g_new (Entry, self->n_langs + 1);

      for (guint j = 0; j < self->n_langs; j++)
        {
          entries[j].lang = g_strdup (self->entries[j].lang);
          entries[j].value = g_strdup (self->entries[j].value);
        }
      self->entries = entries;
      self->n_allocated = self->n_langs + 1;
      if (i >= 0)
        {
          g_free (self->entries[i].value);
          self->entries[i].value = g_strdup (value);
          return;
        }
    }

  if (self->n_langs == self->n_allocated)
    {
      self->n_allocated = MAX (2, self->n_allocated * 2);
      self->entries = g_renew (Entry, self->entries, self->n_allocated);
    }
  self->entries[self->n_langs].lang = g_strdup (lang);
  self->entries[self->n_langs].value = g_strdup (value);
  self->n_langs++;
}

const char *
carta_text_get (const CartaText *self,
                const char      *lang)
{
  int i;

  if (self == NULL || lang == NULL)
    return NULL;

  i = index_of (self, lang);
  return i >= 0 ? self->entries[i].value : NULL;
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
  return self ? self->n_langs : 0;
}

/* The best text for a list of preferred languages: each language exactly,
 * then its base language ("pt" for "pt-BR"), then English, then the first. */
const char *
carta_text_lookup (const CartaText    *self,
                   const char * const *langs)
{
  const char *value;

  if (self == NULL || self->n_langs == 0)
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

  return self->entries[0].value;
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

  for (guint i = 0; self != NULL && i < self->n_langs; i++)
    g_strv_builder_add (builder, self->entries[i].lang);

  return g_strv_builder_end (builder);
}

void
carta_text_foreach (const CartaText *self,
                    GHFunc           func,
                    gpointer         user_data)
{
  for (guint i = 0; self != NULL && i < self->n_langs; i++)
    func (self->entries[i].lang, self->entries[i].value, user_data);
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
