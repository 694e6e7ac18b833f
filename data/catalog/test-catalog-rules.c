/* test-catalog-rules.c: the bundled guidance, compiled with GRegex as the
 * core compiles it
 *
 * Usage: test-catalog-rules CATALOG.json RULE-EXAMPLES.json
 *
 * - every pattern compiles;
 * - every rule marks the sentences listed for it in rule-examples.json, and
 *   no rule of the ruleset marks the innocent ones;
 * - every rule has examples;
 * - the bundled letters pass their own guidance once their placeholders are
 *   filled in: letters to prisoners the rules of the prisons they go to,
 *   every other letter the rules for officials.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct
{
  char       *id;
  GStrv       languages; /* NULL: every language */
  GPtrArray  *regexes;
  GPtrArray  *patterns;
} Rule;

static JsonObject *catalog;
static JsonArray *examples;
static GHashTable *rulesets; /* id → GPtrArray of Rule */

static void
rule_free (Rule *rule)
{
  g_free (rule->id);
  g_strfreev (rule->languages);
  g_ptr_array_unref (rule->regexes);
  g_ptr_array_unref (rule->patterns);
  g_free (rule);
}

static gboolean
rule_applies (Rule       *rule,
              const char *lang)
{
  return rule->languages == NULL || g_strv_contains ((const char * const *) rule->languages, lang);
}

/* The pattern of @rule that marks @text, or NULL. */
static const char *
rule_match (Rule       *rule,
            const char *text)
{
  for (guint i = 0; i < rule->regexes->len; i++)
    if (g_regex_match (g_ptr_array_index (rule->regexes, i), text, 0, NULL))
      return g_ptr_array_index (rule->patterns, i);
  return NULL;
}

static GStrv
string_array (JsonArray *array)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static void
test_patterns_compile (void)
{
  JsonArray *array = json_object_get_array_member (catalog, "rulesets");
  guint n_patterns = 0;

  g_assert_cmpuint (json_array_get_length (array), >=, 3);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *ruleset = json_array_get_object_element (array, i);
      JsonArray *rules = json_object_get_array_member (ruleset, "rules");
      GPtrArray *compiled = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);

      for (guint j = 0; j < json_array_get_length (rules); j++)
        {
          JsonObject *object = json_array_get_object_element (rules, j);
          JsonArray *patterns = json_object_get_array_member (object, "patterns");
          Rule *rule = g_new0 (Rule, 1);

          rule->id = g_strdup (json_object_get_string_member (object, "id"));
          if (json_object_has_member (object, "languages"))
            rule->languages = string_array (json_object_get_array_member (object, "languages"));
          rule->regexes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
          rule->patterns = g_ptr_array_new_with_free_func (g_free);

          for (guint k = 0; k < json_array_get_length (patterns); k++)
            {
              const char *pattern = json_array_get_string_element (patterns, k);
              g_autoptr(GError) error = NULL;
              /* The flags the core's feed loader uses. */
              GRegex *regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);

              if (regex == NULL)
                g_test_message ("%s/%s: “%s”: %s",
                                json_object_get_string_member (ruleset, "id"), rule->id,
                                pattern, error->message);
              g_assert_no_error (error);
              g_ptr_array_add (rule->regexes, regex);
              g_ptr_array_add (rule->patterns, g_strdup (pattern));
              n_patterns++;
            }
          g_ptr_array_add (compiled, rule);
        }
      g_hash_table_insert (rulesets, g_strdup (json_object_get_string_member (ruleset, "id")), compiled);
    }

  g_test_message ("%u patterns compiled", n_patterns);
  g_assert_cmpuint (n_patterns, >, 100);
}

static Rule *
find_rule (const char *ruleset_id,
           const char *rule_id)
{
  GPtrArray *rules = g_hash_table_lookup (rulesets, ruleset_id);

  g_assert_nonnull (rules);
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (rules, i);
      if (g_str_equal (rule->id, rule_id))
        return rule;
    }
  return NULL;
}

static void
test_examples (void)
{
  guint n_failures = 0;
  guint n_checked = 0;

  for (guint i = 0; i < json_array_get_length (examples); i++)
    {
      JsonObject *example = json_array_get_object_element (examples, i);
      g_auto(GStrv) in_rulesets = string_array (json_object_get_array_member (example, "rulesets"));
      g_auto(GStrv) matches = string_array (json_object_get_array_member (example, "matches"));
      g_auto(GStrv) clean = string_array (json_object_get_array_member (example, "clean"));
      const char *rule_id = json_object_get_string_member (example, "rule");
      const char *lang = json_object_get_string_member (example, "lang");

      g_assert_nonnull (matches[0]);
      g_assert_nonnull (clean[0]);

      for (guint r = 0; in_rulesets[r] != NULL; r++)
        {
          GPtrArray *rules = g_hash_table_lookup (rulesets, in_rulesets[r]);
          Rule *rule = find_rule (in_rulesets[r], rule_id);

          if (rule == NULL)
            g_error ("rule-examples.json names a rule %s/%s that does not exist", in_rulesets[r], rule_id);
          if (!rule_applies (rule, lang))
            g_error ("the rule %s/%s does not apply to “%s”", in_rulesets[r], rule_id, lang);

          for (guint s = 0; matches[s] != NULL; s++, n_checked++)
            if (rule_match (rule, matches[s]) == NULL)
              {
                g_test_message ("%s/%s does not mark “%s”", in_rulesets[r], rule_id, matches[s]);
                n_failures++;
              }

          for (guint s = 0; clean[s] != NULL; s++)
            for (guint k = 0; k < rules->len; k++, n_checked++)
              {
                Rule *other = g_ptr_array_index (rules, k);
                const char *pattern;

                if (rule_applies (other, lang) && (pattern = rule_match (other, clean[s])) != NULL)
                  {
                    g_test_message ("%s/%s marks the innocent “%s” with “%s”",
                                    in_rulesets[r], other->id, clean[s], pattern);
                    n_failures++;
                  }
              }
        }
    }

  g_test_message ("%u checks", n_checked);
  g_assert_cmpuint (n_failures, ==, 0);
}

static void
test_every_rule_has_examples (void)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n_missing = 0;

  g_hash_table_iter_init (&iter, rulesets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *rules = value;

      for (guint i = 0; i < rules->len; i++)
        {
          Rule *rule = g_ptr_array_index (rules, i);
          gboolean found = FALSE;

          for (guint j = 0; !found && j < json_array_get_length (examples); j++)
            {
              JsonObject *example = json_array_get_object_element (examples, j);
              g_auto(GStrv) in_rulesets = string_array (json_object_get_array_member (example, "rulesets"));

              found = g_str_equal (json_object_get_string_member (example, "rule"), rule->id) &&
                      g_strv_contains ((const char * const *) in_rulesets, key);
            }
          if (!found)
            {
              g_test_message ("no examples for %s/%s", (char *) key, rule->id);
              n_missing++;
            }
        }
    }
  g_assert_cmpuint (n_missing, ==, 0);
}

static const char *
text_get (JsonObject *object,
          const char *member,
          const char *lang)
{
  JsonObject *text;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;
  text = json_object_get_object_member (object, member);
  return json_object_has_member (text, lang) ? json_object_get_string_member (text, lang) : NULL;
}

/* Sample values in the letter's language: what a sender would type. */
static GHashTable *
sample_values (JsonObject *person,
               const char *lang)
{
  static const struct {
    const char *lang;
    const char *name, *value;
  } samples[] = {
    { "en", "sender_name", "Maria" }, { "en", "sender_city", "Vilnius" },
    { "en", "sender_country", "Lithuania" }, { "en", "date", "1 March" },
    { "en", "target_salutation", "Dear Representative," },
    { "en", "case_name", "Anna Ivanova" }, { "en", "case_given_name", "Anna" },
    { "en", "case_name_dative", "Anna Ivanova" }, { "en", "case_birth_year", "1990" },
    { "en", "case_facility", "Colony No. 2" }, { "en", "case_interests", "books and chess" },
    { "ru", "sender_name", "Мария" }, { "ru", "sender_city", "Вильнюс" },
    { "ru", "sender_country", "Литва" }, { "ru", "date", "1 марта" },
    { "ru", "target_salutation", "Уважаемый депутат!" },
    { "ru", "case_name", "Иванова Анна Петровна" }, { "ru", "case_given_name", "Анна Петровна" },
    { "ru", "case_name_dative", "Ивановой Анне Петровне" }, { "ru", "case_birth_year", "1990" },
    { "ru", "case_facility", "Исправительная колония номер два" }, { "ru", "case_interests", "книги и шахматы" },
    { "be", "sender_name", "Марыя" }, { "be", "sender_city", "Вільнюс" },
    { "be", "sender_country", "Літва" }, { "be", "date", "1 сакавіка" },
    { "be", "target_salutation", "Паважаны дэпутат!" },
    { "be", "case_name", "Іванова Ганна Пятроўна" }, { "be", "case_given_name", "Ганна Пятроўна" },
    { "be", "case_name_dative", "Івановай Ганне Пятроўне" }, { "be", "case_birth_year", "1990" },
    { "be", "case_facility", "Папраўчая калонія нумар два" }, { "be", "case_interests", "кнігі і шахматы" },
  };
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *sample_lang = g_str_equal (lang, "ru") || g_str_equal (lang, "be") ? lang : "en";

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (g_str_equal (samples[i].lang, sample_lang))
      g_hash_table_insert (values, (gpointer) samples[i].name, g_strdup (samples[i].value));

  if (person != NULL)
    {
      JsonObject *forms = json_object_get_object_member (person, "name_forms");
      JsonObject *form = forms && json_object_has_member (forms, lang) ?
                         json_object_get_object_member (forms, lang) : NULL;
      JsonArray *interests = json_object_get_array_member (person, "interests");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) items = NULL;

      g_assert_nonnull (form);
      g_hash_table_insert (values, "case_name", g_strdup (json_object_get_string_member (person, "name")));
      g_hash_table_insert (values, "case_given_name", g_strdup (json_object_get_string_member (form, "given")));
      g_hash_table_insert (values, "case_name_dative", g_strdup (json_object_get_string_member (form, "dative")));
      for (guint i = 0; interests != NULL && i < json_array_get_length (interests); i++)
        {
          JsonObject *text = json_array_get_object_element (interests, i);

          g_assert_true (json_object_has_member (text, lang));
          g_strv_builder_add (builder, json_object_get_string_member (text, lang));
        }
      items = g_strv_builder_end (builder);
      g_hash_table_insert (values, "case_interests", g_strjoinv (", ", items));
    }

  return values;
}

static char *
fill (const char *text,
      GHashTable *values)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p; )
    {
      const char *end;

      if (p[0] == '{' && (end = strchr (p, '}')) != NULL)
        {
          g_autofree char *name = g_strndup (p + 1, end - p - 1);
          const char *value = g_hash_table_lookup (values, name);

          if (value == NULL)
            g_error ("no sample value for {%s}", name);
          g_string_append (out, value);
          p = end + 1;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Checks every text of @template in @lang against @ruleset_id; returns the
 * number of marks. */
static guint
check_template (JsonObject *template,
                JsonObject *person,
                const char *lang,
                const char *ruleset_id)
{
  GPtrArray *rules = g_hash_table_lookup (rulesets, ruleset_id);
  g_autoptr(GHashTable) values = sample_values (person, lang);
  JsonArray *paragraphs = json_object_get_array_member (template, "paragraphs");
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  guint n_marks = 0;

  g_assert_nonnull (rules);

  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    g_ptr_array_add (texts, (gpointer) text_get (json_array_get_object_element (paragraphs, i), "text", lang));
  g_ptr_array_add (texts, (gpointer) text_get (template, "subject", lang));
  g_ptr_array_add (texts, (gpointer) text_get (template, "closing", lang));

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *filled = NULL;

      if (g_ptr_array_index (texts, i) == NULL)
        continue;
      filled = fill (g_ptr_array_index (texts, i), values);
      for (guint k = 0; k < rules->len; k++)
        {
          Rule *rule = g_ptr_array_index (rules, k);
          const char *pattern;

          if (rule_applies (rule, lang) && (pattern = rule_match (rule, filled)) != NULL)
            {
              g_test_message ("%s (%s) breaks %s/%s (“%s”): %s",
                              json_object_get_string_member (template, "id"), lang,
                              ruleset_id, rule->id, pattern, filled);
              n_marks++;
            }
        }
    }
  return n_marks;
}

static JsonObject *
find_item (const char *array_name,
           const char *id)
{
  JsonArray *array = json_object_get_array_member (catalog, array_name);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      if (g_str_equal (json_object_get_string_member (item, "id"), id))
        return item;
    }
  g_error ("no %s with the id %s", array_name, id);
}

static void
test_letters_pass_guidance (void)
{
  JsonArray *templates = json_object_get_array_member (catalog, "templates");
  JsonArray *cases = json_object_get_array_member (catalog, "cases");
  guint n_marks = 0;
  guint n_checked = 0;

  /* Letters to prisoners, in each language the person's prison accepts. */
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *person = json_array_get_object_element (cases, i);
      g_auto(GStrv) langs = string_array (json_object_get_array_member (person, "letter_languages"));
      g_auto(GStrv) offered = string_array (json_object_get_array_member (person, "templates"));
      const char *ruleset_id = json_object_get_string_member (person, "ruleset");

      for (guint t = 0; offered[t] != NULL; t++)
        {
          JsonObject *template = find_item ("templates", offered[t]);
          gboolean to_prisoner = g_str_equal (json_object_get_string_member (template, "addressee"), "prisoner");

          for (guint l = 0; langs[l] != NULL; l++, n_checked++)
            n_marks += check_template (template, person, langs[l], to_prisoner ? ruleset_id : "officials");
        }
    }

  /* The prisons' own rules for every letter to prisoners in Russian and
   * Belarusian, and courtesy for every other letter in every language. */
  for (guint i = 0; i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);
      JsonObject *title = json_object_get_object_member (template, "title");
      g_autoptr(GList) langs = json_object_get_members (title);

      if (g_str_equal (json_object_get_string_member (template, "addressee"), "prisoner"))
        {
          n_marks += check_template (template, NULL, "ru", "ru-prison");
          n_marks += check_template (template, NULL, "ru", "by-prison");
          n_marks += check_template (template, NULL, "be", "by-prison");
          n_checked += 3;
          continue;
        }
      for (GList *l = langs; l != NULL; l = l->next, n_checked++)
        n_marks += check_template (template, NULL, l->data, "officials");
    }

  g_test_message ("%u letters checked", n_checked);
  g_assert_cmpuint (n_checked, >, 20);
  g_assert_cmpuint (n_marks, ==, 0);
}

static JsonNode *
load (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_copy (json_parser_get_root (parser));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonNode) catalog_node = NULL;
  g_autoptr(JsonNode) examples_node = NULL;
  g_autoptr(GHashTable) compiled = NULL;
  int status;

  /* Messages quote Cyrillic sentences. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (argc != 3)
    {
      g_printerr ("usage: %s CATALOG.json RULE-EXAMPLES.json\n", argv[0]);
      return 2;
    }

  catalog_node = load (argv[1]);
  examples_node = load (argv[2]);
  catalog = json_node_get_object (catalog_node);
  examples = json_object_get_array_member (json_node_get_object (examples_node), "examples");
  compiled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  rulesets = compiled;

  /* The later tests use the rules the first one compiles. */
  g_test_add_func ("/catalog/rules/compile", test_patterns_compile);
  g_test_add_func ("/catalog/rules/examples", test_examples);
  g_test_add_func ("/catalog/rules/every-rule-has-examples", test_every_rule_has_examples);
  g_test_add_func ("/catalog/letters/pass-guidance", test_letters_pass_guidance);

  status = g_test_run ();
  return status;
}
