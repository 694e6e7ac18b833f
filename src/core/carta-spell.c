/* carta-spell.c: spell checking in a letter's language (enchant-2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <enchant.h>
#include <string.h>

#include "carta-language.h"
#include "carta-spell.h"

struct _CartaSpellChecker
{
  GObject       parent_instance;

  char           *lang;
  EnchantDict    *dict;
  /* Words in another script are not this dictionary's business. */
  GUnicodeScript  script;
};

G_DEFINE_FINAL_TYPE (CartaSpellChecker, carta_spell_checker, G_TYPE_OBJECT)

/* One broker for the process: loading providers is slow. */
static EnchantBroker *
get_broker (void)
{
  static EnchantBroker *broker;

  if (g_once_init_enter (&broker))
    g_once_init_leave (&broker, enchant_broker_init ());

  return broker;
}

static GMutex broker_lock;

static void
carta_spell_checker_finalize (GObject *object)
{
  CartaSpellChecker *self = CARTA_SPELL_CHECKER (object);

  if (self->dict != NULL)
    {
      g_mutex_lock (&broker_lock);
      enchant_broker_free_dict (get_broker (), self->dict);
      g_mutex_unlock (&broker_lock);
    }
  g_free (self->lang);

  G_OBJECT_CLASS (carta_spell_checker_parent_class)->finalize (object);
}

static void
carta_spell_checker_class_init (CartaSpellCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = carta_spell_checker_finalize;
}

static void
carta_spell_checker_init (CartaSpellChecker *self)
{
}

/* Dictionaries are named by locale: "ru" is found as "ru_RU", "be" as "be_BY". */
static const char * const dictionary_names[][3] = {
  { "en", "en_US", "en_GB" },
  { "ru", "ru_RU", NULL },
  { "be", "be_BY", NULL },
  { "uk", "uk_UA", NULL },
  { "pl", "pl_PL", NULL },
  { "de", "de_DE", "de_AT" },
  { "fr", "fr_FR", NULL },
  { "es", "es_ES", "es_MX" },
  { "lt", "lt_LT", NULL },
  { "ka", "ka_GE", NULL },
  { "he", "he_IL", NULL },
};

static EnchantDict *
request_dict (const char *lang)
{
  EnchantBroker *broker = get_broker ();
  EnchantDict *dict = NULL;

  g_mutex_lock (&broker_lock);

  if (enchant_broker_dict_exists (broker, lang))
    dict = enchant_broker_request_dict (broker, lang);

  for (guint i = 0; dict == NULL && i < G_N_ELEMENTS (dictionary_names); i++)
    {
      if (g_strcmp0 (dictionary_names[i][0], lang) != 0)
        continue;
      for (guint j = 1; dict == NULL && j < 3 && dictionary_names[i][j]; j++)
        if (enchant_broker_dict_exists (broker, dictionary_names[i][j]))
          dict = enchant_broker_request_dict (broker, dictionary_names[i][j]);
    }

  g_mutex_unlock (&broker_lock);
  return dict;
}

CartaSpellChecker *
carta_spell_checker_new (const char *lang)
{
  CartaSpellChecker *self;
  EnchantDict *dict;

  g_return_val_if_fail (lang != NULL, NULL);

  dict = request_dict (lang);
  if (dict == NULL)
    return NULL;

  self = g_object_new (CARTA_TYPE_SPELL_CHECKER, NULL);
  self->lang = g_strdup (lang);
  self->dict = dict;
  self->script = G_UNICODE_SCRIPT_COMMON;
  {
    const char *code = carta_language_get_script (lang);

    if (g_strcmp0 (code, "Cyrl") == 0)
      self->script = G_UNICODE_SCRIPT_CYRILLIC;
    else if (g_strcmp0 (code, "Latn") == 0)
      self->script = G_UNICODE_SCRIPT_LATIN;
    else if (g_strcmp0 (code, "Geor") == 0)
      self->script = G_UNICODE_SCRIPT_GEORGIAN;
    else if (g_strcmp0 (code, "Hebr") == 0)
      self->script = G_UNICODE_SCRIPT_HEBREW;
  }
  return self;
}

const char *
carta_spell_checker_get_language (CartaSpellChecker *self)
{
  g_return_val_if_fail (CARTA_IS_SPELL_CHECKER (self), NULL);
  return self->lang;
}

gboolean
carta_spell_checker_check_word (CartaSpellChecker *self,
                                const char        *word,
                                gssize             length)
{
  g_return_val_if_fail (CARTA_IS_SPELL_CHECKER (self), TRUE);
  g_return_val_if_fail (word != NULL, TRUE);

  if (length < 0)
    length = strlen (word);
  if (length == 0)
    return TRUE;

  return enchant_dict_check (self->dict, word, length) == 0;
}

GStrv
carta_spell_checker_suggest (CartaSpellChecker *self,
                             const char        *word,
                             gssize             length,
                             guint              max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  size_t n = 0;
  char **suggestions;

  g_return_val_if_fail (CARTA_IS_SPELL_CHECKER (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);

  if (length < 0)
    length = strlen (word);

  suggestions = enchant_dict_suggest (self->dict, word, length, &n);
  for (size_t i = 0; i < n && i < max; i++)
    g_strv_builder_add (builder, suggestions[i]);
  if (suggestions != NULL)
    enchant_dict_free_string_list (self->dict, suggestions);

  return g_strv_builder_end (builder);
}

static gboolean
is_word_char (gunichar ch)
{
  return g_unichar_isalnum (ch) || g_unichar_ismark (ch);
}

GArray *
carta_spell_checker_check_text (CartaSpellChecker *self,
                                const char        *text)
{
  GArray *misspellings = g_array_new (FALSE, FALSE, sizeof (CartaMisspelling));
  const char *p;

  g_return_val_if_fail (CARTA_IS_SPELL_CHECKER (self), misspellings);
  g_return_val_if_fail (text != NULL, misspellings);

  p = text;
  while (*p)
    {
      const char *start, *end;
      gboolean has_digit = FALSE;
      GUnicodeScript script = G_UNICODE_SCRIPT_COMMON;
      gboolean mixed = FALSE;

      if (!is_word_char (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }

      start = p;
      end = p;
      while (*end)
        {
          gunichar ch = g_utf8_get_char (end);

          if (is_word_char (ch))
            {
              GUnicodeScript s = g_unichar_get_script (ch);

              has_digit |= g_unichar_isdigit (ch);
              if (g_unichar_isalpha (ch))
                {
                  if (script == G_UNICODE_SCRIPT_COMMON)
                    script = s;
                  else if (s != script)
                    mixed = TRUE;
                }
              end = g_utf8_next_char (end);
            }
          else if ((ch == '\'' || ch == 0x2019 || ch == '-') &&
                   is_word_char (g_utf8_get_char (g_utf8_next_char (end))))
            end = g_utf8_next_char (end);
          else
            break;
        }

      if (!has_digit && !mixed &&
          (self->script == G_UNICODE_SCRIPT_COMMON || script == self->script) &&
          !carta_spell_checker_check_word (self, start, end - start))
        {
          CartaMisspelling misspelling = { start - text, end - text };
          g_array_append_val (misspellings, misspelling);
        }

      p = end;
    }

  return misspellings;
}

static void
add_language (const char * const lang_tag,
              const char * const provider_name,
              const char * const provider_desc,
              const char * const provider_file,
              void              *user_data)
{
  GHashTable *found = user_data;
  g_autofree char *base = g_strndup (lang_tag, strcspn (lang_tag, "_-"));

  g_hash_table_add (found, g_steal_pointer (&base));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
carta_spell_checker_list_languages (void)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree const char **langs = NULL;

  g_mutex_lock (&broker_lock);
  enchant_broker_list_dicts (get_broker (), add_language, found);
  g_mutex_unlock (&broker_lock);

  langs = (const char **) g_hash_table_get_keys_as_array (found, NULL);
  g_qsort_with_data (langs, g_strv_length ((char **) langs), sizeof (char *), compare_strings, NULL);
  for (guint i = 0; langs[i] != NULL; i++)
    g_strv_builder_add (builder, langs[i]);

  return g_strv_builder_end (builder);
}
