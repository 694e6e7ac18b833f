/* test-feed.c: the feed loader on good and bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta.h>

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static CartaFeed *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  return carta_feed_new_from_bytes (bytes, "test", error);
}

/* The good fixture with one piece of text replaced: each bad-input test
 * changes exactly one thing, so the error must be about that thing. */
static CartaFeed *
load_with_replacement (const char  *old,
                       const char  *new,
                       GError     **error)
{
  g_autofree char *json = read_fixture ("good-feed.json");
  g_autoptr(GString) str = g_string_new (json);

  g_assert_nonnull (strstr (json, old));
  g_assert_cmpuint (g_string_replace (str, old, new, 1), ==, 1);
  return load_string (str->str, error);
}

static void
assert_refused (const char *old,
                const char *new,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = load_with_replacement (old, new, &error);

  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in the error, got “%s”", message, error->message);
}

static void
test_good_feed (void)
{
  g_autofree char *json = read_fixture ("good-feed.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = load_string (json, &error);
  CartaCampaign *campaign;
  CartaCase *ivanov, *markup;
  CartaTemplate *hello;
  CartaTarget *ohchr;
  CartaRuleset *ruleset;
  CartaParagraph *interests;
  const char * const expected_languages[] = { "en", "ru", NULL };

  g_assert_no_error (error);
  g_assert_nonnull (feed);

  g_assert_cmpstr (carta_feed_get_source_id (feed), ==, "test");
  g_assert_cmpstr (carta_text_get (carta_feed_get_title (feed), "ru"), ==, "Группа солидарности (пример)");
  g_assert_cmpuint (carta_feed_get_campaigns (feed)->len, ==, 1);
  g_assert_cmpuint (carta_feed_get_cases (feed)->len, ==, 4);
  g_assert_cmpuint (carta_feed_get_targets (feed)->len, ==, 2);
  g_assert_cmpuint (carta_feed_get_templates (feed)->len, ==, 2);
  g_assert_cmpuint (carta_feed_get_rulesets (feed)->len, ==, 1);

  ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_assert_cmpstr (carta_entity_get_uid (CARTA_ENTITY (ivanov)), ==, "test:ivanov");
  g_assert_cmpstr (carta_entity_get_id (CARTA_ENTITY (ivanov)), ==, "ivanov");
  g_assert_cmpstr (carta_entity_get_source_id (CARTA_ENTITY (ivanov)), ==, "test");
  g_assert_cmpstr (carta_case_get_name (ivanov), ==, "Иванов Иван Иванович");
  g_assert_cmpstr (carta_case_get_name_form (ivanov, "ru", "dative"), ==, "Иванову Ивану Ивановичу");
  g_assert_cmpstr (carta_case_get_name_form (ivanov, "ru", "given"), ==, "Иван Иванович");
  g_assert_null (carta_case_get_name_form (ivanov, "be", "dative"));
  g_assert_cmpuint (carta_case_get_birth_year (ivanov), ==, 1980);
  g_assert_cmpint (g_date_get_month (carta_case_get_birth_date (ivanov)), ==, 12);
  g_assert_cmpint (g_date_get_day (carta_case_get_birth_date (ivanov)), ==, 1);
  g_assert_cmpint (carta_case_get_status (ivanov), ==, CARTA_CASE_STATUS_IMPRISONED);
  g_assert_cmpstr (carta_case_get_country (ivanov), ==, "RU");
  g_assert_true (carta_case_get_can_receive_letters (ivanov));
  g_assert_false (carta_case_get_is_demo (ivanov));
  g_assert_cmpstrv (carta_case_get_letter_languages (ivanov), ((const char * const[]) { "ru", NULL }));
  g_assert_cmpuint (carta_address_get_lines (carta_case_get_address (ivanov))[0] != NULL, ==, TRUE);
  g_assert_cmpstr (carta_address_get_lines (carta_case_get_address (ivanov))[2], ==, "ИК-0");
  g_assert_cmpstr (carta_address_get_country (carta_case_get_address (ivanov)), ==, "RUSSIA");
  g_assert_cmpuint (carta_case_get_interests (ivanov)->len, ==, 1);
  g_assert_cmpstr (carta_text_get (g_ptr_array_index (carta_case_get_interests (ivanov), 0), "ru"), ==, "шахматы");

  ruleset = carta_case_get_ruleset (ivanov);
  g_assert_nonnull (ruleset);
  g_assert_cmpstr (carta_entity_get_uid (CARTA_ENTITY (ruleset)), ==, "test:ru-prison");
  g_assert_cmpuint (carta_ruleset_get_rules (ruleset)->len, ==, 2);
  {
    CartaRule *war = g_ptr_array_index (carta_ruleset_get_rules (ruleset), 0);
    CartaRule *latin = g_ptr_array_index (carta_ruleset_get_rules (ruleset), 1);
    GRegex *regex = g_ptr_array_index (war->patterns, 0);

    g_assert_cmpint (war->severity, ==, CARTA_RULE_WARNING);
    g_assert_cmpint (latin->severity, ==, CARTA_RULE_ADVICE);
    g_assert_true (carta_rule_applies_to (war, "ru"));
    g_assert_false (carta_rule_applies_to (war, "be"));
    g_assert_true (carta_rule_applies_to (latin, "be"));
    /* Case-insensitive, and \b and \w understand Cyrillic. */
    g_assert_true (g_regex_match (regex, "Когда кончится ВОЙНА?", 0, NULL));
    g_assert_true (g_regex_match (regex, "о войне", 0, NULL));
    g_assert_false (g_regex_match (regex, "она спокойна", 0, NULL));
  }

  hello = g_ptr_array_index (carta_case_get_templates (ivanov), 0);
  g_assert_cmpint (carta_template_get_kind (hello), ==, CARTA_LETTER_SOLIDARITY);
  g_assert_cmpint (carta_template_get_addressee_role (hello), ==, CARTA_ADDRESSEE_PRISONER);
  /* "de" lacks the interests paragraph, the subject and the closing. */
  g_assert_cmpstrv (carta_template_get_languages (hello), expected_languages);
  g_assert_true (carta_template_has_language (hello, "ru"));
  g_assert_false (carta_template_has_language (hello, "de"));
  g_assert_cmpuint (carta_template_get_max_words (hello), ==, 300);
  g_assert_cmpuint (carta_template_get_max_pages (hello), ==, 1);
  interests = g_ptr_array_index (carta_template_get_paragraphs (hello), 1);
  g_assert_cmpstr (interests->id, ==, "interests");
  g_assert_true (interests->optional);
  g_assert_false (interests->enabled_by_default);

  markup = g_ptr_array_index (carta_feed_get_cases (feed), 1);
  /* Markup is data: kept as written, never interpreted or escaped. */
  g_assert_cmpstr (carta_case_get_name (markup), ==, "<b>Bold</b> & <i>co</i>");
  g_assert_false (carta_case_get_can_receive_letters (markup));
  g_assert_null (carta_case_get_ruleset (markup));

  campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), 0);
  g_assert_cmpstr (carta_text_get (carta_campaign_get_title (campaign), "ru"), ==, "Свободу политзаключённым");
  g_assert_cmpstr (carta_campaign_get_region (campaign), ==, "RU");
  g_assert_cmpint (g_date_get_year (carta_campaign_get_deadline (campaign)), ==, 2026);
  g_assert_cmpint (g_date_get_month (carta_campaign_get_deadline (campaign)), ==, 12);
  g_assert_cmpint (g_date_get_day (carta_campaign_get_deadline (campaign)), ==, 10);
  g_assert_cmpuint (carta_campaign_get_cases (campaign)->len, ==, 2);
  g_assert_true (g_ptr_array_index (carta_campaign_get_cases (campaign), 0) == (gpointer) ivanov);
  g_assert_true (carta_campaign_get_ruleset (campaign) == ruleset);

  ohchr = g_ptr_array_index (carta_campaign_get_targets (campaign), 0);
  g_assert_cmpint (carta_target_get_role (ohchr), ==, CARTA_ADDRESSEE_INTERNATIONAL_BODY);
  g_assert_cmpstr (carta_target_get_email (ohchr), ==, "registry@example.org");
  g_assert_false (carta_target_get_user_supplied (ohchr));
  {
    g_autofree char *address = carta_address_to_string (carta_target_get_address (ohchr));
    g_assert_cmpstr (address, ==, "Palais des Nations\nCH-1211 Geneva 10\nSWITZERLAND");
  }
  g_assert_true (carta_target_get_user_supplied (g_ptr_array_index (carta_campaign_get_targets (campaign), 1)));
  g_assert_null (carta_target_get_address (g_ptr_array_index (carta_campaign_get_targets (campaign), 1)));
}

static void
test_channels (void)
{
  g_autofree char *json = read_fixture ("good-feed.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = load_string (json, &error);
  CartaCampaign *campaign;
  CartaCase *ivanov, *markup;
  CartaChannel *channel;
  GPtrArray *channels;

  g_assert_no_error (error);

  /* In document order, with their kind, address and receiving organization. */
  campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), 0);
  channels = carta_campaign_get_channels (campaign);
  g_assert_cmpuint (channels->len, ==, 2);
  channel = g_ptr_array_index (channels, 0);
  g_assert_true (CARTA_IS_CHANNEL (channel));
  g_assert_cmpint (carta_channel_get_kind (channel), ==, CARTA_DELIVERY_OSDI);
  g_assert_cmpstr (carta_channel_get_url (channel), ==,
                   "https://actionnetwork.org/api/v2/advocacy_campaigns/example/outreaches");
  g_assert_cmpstr (carta_text_get (carta_channel_get_name (channel), "en"), ==, "Example Solidarity Group");
  channel = g_ptr_array_index (channels, 1);
  g_assert_cmpint (carta_channel_get_kind (channel), ==, CARTA_DELIVERY_FORWARD);
  /* Plain http:// is fine to this computer. */
  g_assert_cmpstr (carta_channel_get_url (channel), ==, "http://127.0.0.1:8080/letters");

  ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  channels = carta_case_get_channels (ivanov);
  g_assert_cmpuint (channels->len, ==, 1);
  channel = g_ptr_array_index (channels, 0);
  g_assert_cmpint (carta_channel_get_kind (channel), ==, CARTA_DELIVERY_FORWARD);
  g_assert_cmpstr (carta_channel_get_url (channel), ==, "https://letters.example.org/v1/letters");
  g_assert_cmpstr (carta_text_get (carta_channel_get_name (channel), "ru"), ==, "Пример: служба писем");

  /* None given: an empty array, never NULL. */
  markup = g_ptr_array_index (carta_feed_get_cases (feed), 1);
  g_assert_nonnull (carta_case_get_channels (markup));
  g_assert_cmpuint (carta_case_get_channels (markup)->len, ==, 0);
}

static void
test_bad_channels (void)
{
  g_autoptr(GString) many = g_string_new ("\"channels\": [");

  assert_refused ("\"url\": \"https://letters.example.org/v1/letters\"",
                  "\"url\": \"http://letters.example.org/v1/letters\"",
                  CARTA_ERROR_INVALID_FEED,
                  "$.cases[0].channels[0].url: “http://letters.example.org/v1/letters” is not an https:// address");
  assert_refused ("\"url\": \"http://127.0.0.1:8080/letters\"", "\"url\": \"ftp://127.0.0.1/letters\"",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].channels[1].url: “ftp://127.0.0.1/letters” is not an https://");
  assert_refused ("\"url\": \"http://127.0.0.1:8080/letters\"", "\"url\": \"letters\"",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].channels[1].url: “letters” is not an https://");
  assert_refused ("\"type\": \"osdi\"", "\"type\": \"carrier-pigeon\"",
                  CARTA_ERROR_INVALID_FEED,
                  "$.campaigns[0].channels[0].type: unknown channel type “carrier-pigeon” (expected “forward” or “osdi”)");
  assert_refused ("\"type\": \"osdi\"", "\"type\": 1",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].channels[0].type: expected a string");
  assert_refused (", \"name\": { \"en\": \"A local forwarder\" }", "",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].channels[1]: missing member “name”");
  assert_refused ("\"name\": { \"en\": \"A local forwarder\" }", "\"name\": \"A local forwarder\"",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].channels[1].name: expected an object");
  assert_refused ("\"type\": \"osdi\",", "\"type\": \"osdi\", \"token\": \"secret\",",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].channels[0]: unknown member “token”");
  assert_refused ("\"type\": \"osdi\",", "",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].channels[0]: missing member “type”");
  assert_refused ("\"channels\": [\n        { \"type\": \"forward\"", "\"channels\": [ [],\n        { \"type\": \"forward\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].channels[0]: expected an object");

  /* At most eight channels. */
  for (guint i = 0; i < 9; i++)
    g_string_append_printf (many, "%s{ \"type\": \"forward\", \"url\": \"https://f%u.example.org/\", "
                            "\"name\": { \"en\": \"F\" } }", i ? ", " : "", i);
  g_string_append (many, "], \"x-old-channels\": [");
  assert_refused ("\"channels\": [", many->str,
                  CARTA_ERROR_TOO_LARGE, "$.cases[0].channels: the array has 9 items; the limit is 8");
}

static void
test_texts (void)
{
  g_autofree char *json = read_fixture ("good-feed.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = load_string (json, &error);
  g_autoptr(CartaText) built = carta_text_new ();
  g_auto(GStrv) langs = NULL;
  CartaText *story;

  g_assert_no_error (error);

  /* A text the loader built stays a text like any other when changed. */
  story = carta_case_get_story (g_ptr_array_index (carta_feed_get_cases (feed), 0));
  g_assert_cmpuint (carta_text_get_n_languages (story), ==, 2);
  carta_text_set (story, "ru", "Другой пример.");
  carta_text_set (story, "de", "Ein Beispiel.");
  carta_text_set (story, "en", "Another example.");
  langs = carta_text_dup_languages (story);
  g_assert_cmpstrv (langs, ((const char * const[]) { "en", "ru", "de", NULL }));
  g_assert_cmpstr (carta_text_get (story, "ru"), ==, "Другой пример.");
  g_assert_cmpstr (carta_text_get (story, "de"), ==, "Ein Beispiel.");
  g_assert_cmpstr (carta_text_get (story, "en"), ==, "Another example.");

  /* And one built by hand grows as it is given languages. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *lang = g_strdup_printf ("l%c", 'a' + i);
      carta_text_set (built, lang, lang);
    }
  g_assert_cmpuint (carta_text_get_n_languages (built), ==, 5);
  g_assert_cmpstr (carta_text_get (built, "lc"), ==, "lc");
  g_assert_cmpstr (carta_text_lookup (built, (const char * const[]) { "zz", NULL }), ==, "la");
}

static void
test_name_forms (void)
{
  const char *forms = "\"name_forms\": { \"ru\": { \"dative\": \"Иванову Ивану Ивановичу\", \"given\": \"Иван Иванович\" } }";
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  CartaCase *ivanov;

  feed = load_with_replacement (forms,
                                "\"name_forms\": { \"be\": { \"given\": \"Іван Іванавіч\" }, "
                                "\"ru\": { \"dative\": \"Иванову Ивану\" }, \"pl\": { } }",
                                &error);
  g_assert_no_error (error);
  ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_assert_cmpstr (carta_case_get_name_form (ivanov, "be", "given"), ==, "Іван Іванавіч");
  g_assert_null (carta_case_get_name_form (ivanov, "be", "dative"));
  g_assert_cmpstr (carta_case_get_name_form (ivanov, "ru", "dative"), ==, "Иванову Ивану");
  g_assert_null (carta_case_get_name_form (ivanov, "ru", "given"));
  g_assert_null (carta_case_get_name_form (ivanov, "pl", "given"));
  g_assert_null (carta_case_get_name_form (ivanov, "given", "be"));
  g_clear_object (&feed);

  feed = load_with_replacement (forms, "\"name_forms\": { }", &error);
  g_assert_no_error (error);
  g_assert_null (carta_case_get_name_form (g_ptr_array_index (carta_feed_get_cases (feed), 0), "ru", "dative"));

  assert_refused (forms, "\"name_forms\": { \"ru\": { \"genitive\": \"Иванова\" } }",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].name_forms.ru: unknown member “genitive”");
  assert_refused (forms, "\"name_forms\": { \"Russian\": { \"dative\": \"Иванову\" } }",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].name_forms.Russian: not a language tag");
}

static void
test_malformed_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;

  feed = load_string ("{ \"carta_feed\": 1, \"source\": { \"title\": ", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
  g_clear_error (&error);

  feed = load_string ("   ", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
  g_clear_error (&error);

  feed = load_string ("[1, 2, 3]", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_clear_error (&error);

  feed = load_string ("{\"hello\": \"world\"}", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_FEED);
  g_assert_nonnull (strstr (error->message, "not a Carta feed"));
}

static void
test_empty_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
  g_autoptr(CartaFeed) feed = carta_feed_new_from_bytes (bytes, "test", &error);

  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
}

static void
test_wrong_types (void)
{
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": \"1980\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1980.5",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1066",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer between 1900 and 2100");
  assert_refused ("\"optional\": true", "\"optional\": \"yes\"",
                  CARTA_ERROR_INVALID_FEED, "$.templates[0].paragraphs[1].optional: expected true or false");
  assert_refused ("\"letter_languages\": [\"ru\"]", "\"letter_languages\": \"ru\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].letter_languages: expected an array");
  assert_refused ("\"letter_languages\": [\"ru\"]", "\"letter_languages\": [\"Russian\"]",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].letter_languages[0]: “Russian” is not a language tag");
  assert_refused ("\"summary\": { \"en\": \"Write to people jailed for their views.\" }",
                  "\"summary\": \"Write to people jailed for their views.\"",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].summary: expected an object");
  assert_refused ("\"status\": \"imprisoned\",\n      \"country\": \"RU\"",
                  "\"status\": \"in prison\",\n      \"country\": \"RU\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].status: unknown status “in prison”");
  assert_refused ("\"country\": \"RU\"", "\"country\": \"Russia\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].country: expected a two-letter country code");
  assert_refused ("\"deadline\": \"2026-12-10\"", "\"deadline\": \"10.12.2026\"",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].deadline: expected a date");
  assert_refused ("\"birth_date\": \"1980-12-01\"", "\"birth_date\": \"1981-02-03\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_date: the year does not match birth_year");
  assert_refused ("\"birth_date\": \"1980-12-01\"", "\"birth_date\": \"1980-13-01\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_date: expected a date");
  assert_refused ("\"deadline\": \"2026-12-10\"", "\"deadline\": \"2026-02-30\"",
                  CARTA_ERROR_INVALID_FEED, "$.campaigns[0].deadline: expected a date");
  assert_refused ("\"homepage\": \"https://example.org/\"", "\"homepage\": \"http://example.org/\"",
                  CARTA_ERROR_INVALID_FEED, "$.source.homepage: expected an https:// address");
  assert_refused ("\"email\": \"registry@example.org\"", "\"email\": \"registry at example.org\"",
                  CARTA_ERROR_INVALID_FEED, "$.targets[0].email: “registry at example.org” is not an email address");
  assert_refused ("\"kind\": \"solidarity\"", "\"kind\": \"love-letter\"",
                  CARTA_ERROR_INVALID_FEED, "$.templates[0].kind: unknown kind");
  assert_refused ("\"role\": \"international-body\"", "\"role\": \"prisoner\"",
                  CARTA_ERROR_INVALID_FEED, "$.targets[0].role: unknown role");
  assert_refused ("\"id\": \"ivanov\"", "\"id\": \"Ivanov Ivan\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].id: “Ivanov Ivan” is not a valid id");
  assert_refused ("\"ru\": \"шахматы\"", "\"ru\": \"\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].interests[0].ru: expected a non-empty string");
  assert_refused ("\"CH-1211 Geneva 10\"", "\"CH-1211\\nGeneva 10\"",
                  CARTA_ERROR_INVALID_FEED, "$.targets[0].address.lines[1]: a line of an address cannot contain a line break");
}

static void
test_missing_members (void)
{
  assert_refused ("\"name\": \"Иванов Иван Иванович\",", "",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0]: missing member “name”");
  assert_refused ("\"salutation\": { \"en\": \"Dear High Commissioner,\" },", "",
                  CARTA_ERROR_INVALID_FEED, "$.targets[0]: missing member “salutation”");
  assert_refused ("\"carta_feed\": 1,", "",
                  CARTA_ERROR_INVALID_FEED, "$.carta_feed");
  assert_refused ("\"letter_languages\": [\"ru\"],", "\"letter_languages\": [],",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].letter_languages: expected at least one language");
  assert_refused ("\"story\": { \"en\": \"An example person.\", \"ru\": \"Пример.\" }",
                  "\"story\": { }",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].story: expected at least one language");
}

static void
test_unknown_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;

  /* A misspelt member must not silently lose data… */
  assert_refused ("\"birth_year\": 1980", "\"birth_yaer\": 1980",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0]: unknown member “birth_yaer”");
  /* …while extensions are ignored. */
  feed = load_with_replacement ("\"birth_year\": 1980", "\"birth_year\": 1980, \"x-internal-ref\": [1, 2]", &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
}

static void
test_unsupported_version (void)
{
  assert_refused ("\"carta_feed\": 1", "\"carta_feed\": 2",
                  CARTA_ERROR_UNSUPPORTED_VERSION, "$.carta_feed: version 2 is not supported");
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *json = read_fixture ("good-feed.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *at = strstr (json, "Иванов");

  /* Cut a two-byte Cyrillic letter in half. */
  at[1] = 'x';
  bytes = g_bytes_new (json, strlen (json));
  feed = carta_feed_new_from_bytes (bytes, "test", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "not valid UTF-8 at byte"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* A NUL byte inside the document. */
  at[0] = '\0';
  at[1] = 'x';
  bytes = g_bytes_new (json, strlen (json) + strlen (at + 1) + 1);
  feed = carta_feed_new_from_bytes (bytes, "test", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "NUL byte"));
}

/* @json must be refused for its encoding at byte @offset. */
static void
assert_bad_encoding (const char *json,
                     gsize       length,
                     gsize       offset,
                     const char *what)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = carta_feed_new_from_bytes (bytes, "test", &error);
  g_autofree char *at_byte = g_strdup_printf ("%s at byte %" G_GSIZE_FORMAT " (line", what, offset);

  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_UTF8);
  if (strstr (error->message, at_byte) == NULL)
    g_error ("expected “%s” in the error, got “%s”", at_byte, error->message);
}

static void
test_encoding (void)
{
  static const char * const bad_sequences[] = {
    "\xc0\xaf",          /* an overlong "/" */
    "\xe0\x80\xaf",      /* another */
    "\xed\xa0\x80",      /* a surrogate, encoded */
    "\xf4\x90\x80\x80",  /* past U+10FFFF */
    "\xd0",              /* a lead byte without its continuation */
    "\x80",              /* a continuation without its lead */
    "\xff",
  };
  g_autofree char *json = read_fixture ("good-feed.json");
  gsize at = strstr (json, "Иванов") - json;

  /* A bad sequence inside a string, or between values. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_sequences); i++)
    {
      g_autoptr(GString) str = g_string_new (json);

      g_string_insert (str, at, bad_sequences[i]);
      assert_bad_encoding (str->str, str->len, at, "not valid UTF-8");

      g_string_assign (str, json);
      g_string_insert (str, strstr (json, "\"cases\"") - json, bad_sequences[i]);
      assert_bad_encoding (str->str, str->len, strstr (json, "\"cases\"") - json, "not valid UTF-8");
    }

  /* A backslash does not hide a bad byte after it. */
  {
    g_autoptr(GString) str = g_string_new (json);

    g_string_insert (str, at, "\\\x87");
    assert_bad_encoding (str->str, str->len, at + 1, "not valid UTF-8");
  }

  /* The encoding is what is reported, even after a syntax error. */
  {
    g_autoptr(GString) str = g_string_new (json);

    g_string_replace (str, "\"carta_feed\": 1", "\"carta_feed\": 1 1", 1);
    g_string_append (str, "\xff");
    assert_bad_encoding (str->str, str->len, str->len - 1, "not valid UTF-8");
  }

  /* A NUL byte after the document, and one at its very start. */
  {
    g_autoptr(GString) str = g_string_new (json);

    g_string_append_len (str, "\0", 1);
    assert_bad_encoding (str->str, str->len, str->len - 1, "a NUL byte");
    assert_bad_encoding ("\0{}", 3, 0, "a NUL byte");
  }

  /* Four-byte characters are fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CartaFeed) feed = load_with_replacement ("\"Ivan Ivanov\"", "\"Ivan \xf0\x9f\x90\x9b Ivanov\"", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (carta_case_get_name_latin (g_ptr_array_index (carta_feed_get_cases (feed), 0)), ==,
                     "Ivan \xf0\x9f\x90\x9b Ivanov");
  }
}

static void
test_bad_escape (void)
{
  /* An escape json-glib decodes into bytes that are not UTF-8. */
  assert_refused ("\"name\": \"Иванов Иван Иванович\"", "\"name\": \"Иванов \\777\"",
                  CARTA_ERROR_INVALID_UTF8, "$.cases[0].name: the string is not UTF-8 text");
}

/* The good fixture with @old replaced by @new, loaded; the error must
 * name the byte where @marker is in the replaced document. */
static void
assert_refused_at (const char *old,
                   const char *new,
                   const char *marker,
                   int         code,
                   const char *message)
{
  g_autofree char *json = read_fixture ("good-feed.json");
  g_autoptr(GString) str = g_string_new (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  g_autofree char *at_byte = NULL;
  const char *at;

  g_assert_cmpuint (g_string_replace (str, old, new, 1), ==, 1);
  at = strstr (str->str, marker);
  g_assert_nonnull (at);
  at_byte = g_strdup_printf (" at byte %" G_GSIZE_FORMAT " (line ", (gsize) (at - str->str));

  feed = load_string (str->str, &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, code);
  if (strstr (error->message, message) == NULL || strstr (error->message, at_byte) == NULL)
    g_error ("expected “%s” and “%s” in the error, got “%s”", message, at_byte, error->message);
}

static void
test_escapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  CartaCase *ivanov;

  /* Every JSON escape, \u escapes in and beyond the BMP (a surrogate pair). */
  feed = load_with_replacement ("\"name_latin\": \"Ivan Ivanov\"",
                                "\"name_latin\": \"\\\"Iv\\u0061n\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u0418\\u0432\\u0430\\u043d \\ud83d\\udc1b\"",
                                &error);
  g_assert_no_error (error);
  ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_assert_cmpstr (carta_case_get_name_latin (ivanov), ==, "\"Ivan\" \\ / \b\f\n\r\t Иван \xf0\x9f\x90\x9b");
  g_clear_object (&feed);

  /* Escaped member names are member names like any other. */
  feed = load_with_replacement ("\"name_latin\": \"Ivan Ivanov\"", "\"n\\u0061me_latin\": \"Ivan\"", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carta_case_get_name_latin (g_ptr_array_index (carta_feed_get_cases (feed), 0)), ==, "Ivan");
  g_clear_object (&feed);

  /* An escape that is not text is refused where it is read, with where it is… */
  assert_refused_at ("\"name\": \"Иванов Иван Иванович\"", "\"name\": \"Иванов\\u0000Иван\"", "\\u0000",
                     CARTA_ERROR_INVALID_UTF8, "$.cases[0].name: the string is not UTF-8 text: “\\u0000”");
  assert_refused_at ("\"name\": \"Иванов Иван Иванович\"", "\"name\": \"Иванов \\ud83d Иван\"", "\\ud83d",
                     CARTA_ERROR_INVALID_UTF8, "$.cases[0].name: the string is not UTF-8 text: “\\ud83d”");
  assert_refused_at ("\"name\": \"Иванов Иван Иванович\"", "\"name\": \"Иванов \\ud83d\\u0041\"", "\\ud83d",
                     CARTA_ERROR_INVALID_UTF8, "half of a UTF-16 surrogate pair");
  assert_refused_at ("\"name\": \"Иванов Иван Иванович\"", "\"name\": \"\\udc1b Иванов\"", "\\udc1b",
                     CARTA_ERROR_INVALID_UTF8, "half of a UTF-16 surrogate pair");
  assert_refused_at ("\"ru\": \"шахматы\"", "\"ru\": \"шах\\u12\"", "\\u12",
                     CARTA_ERROR_INVALID_UTF8, "$.cases[0].interests[0].ru: the string is not UTF-8 text: “\\u12”");
  assert_refused_at ("\"ru\": \"шахматы\"", "\"ru\": \"шах\\qматы\"", "\\q",
                     CARTA_ERROR_INVALID_UTF8, "“\\q”");
  assert_refused_at ("\"ru\": \"шахматы\"", "\"ru\": \"шах\\жматы\"", "\\ж",
                     CARTA_ERROR_INVALID_UTF8, "“\\ж”");
  assert_refused_at ("\"name_latin\": \"Ivan Ivanov\"", "\"name_l\\u0000tin\": \"Ivan Ivanov\"", "\\u0000",
                     CARTA_ERROR_INVALID_UTF8, "$.cases[0]: the member name");
  assert_refused_at ("\"ru\": \"шахматы\"", "\"r\\ud800\": \"шахматы\"", "\\ud800",
                     CARTA_ERROR_INVALID_UTF8, "$.cases[0].interests[0]: the member name “r?” is not UTF-8 text");

  /* …and, like any value there, ignored in an extension. */
  feed = load_with_replacement ("\"birth_year\": 1980", "\"birth_year\": 1980, \"x-note\": \"\\u0000 \\ud800 \\q\"", &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_clear_object (&feed);

  /* A raw control character is not JSON. */
  assert_refused_at ("\"ru\": \"шахматы\"", "\"ru\": \"шах\tматы\"", "\t",
                     CARTA_ERROR_INVALID_JSON, "$: the feed is not valid JSON");
}

static void
test_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;

  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1e400",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1980.0",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 198e1",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer");
  /* Integers beyond 64 bits are still integers, and out of range. */
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 123456789012345678901234567890",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer between 1900 and 2100");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": -123456789012345678901234567890",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer between 1900 and 2100");
  assert_refused ("\"max_pages\": 1", "\"max_pages\": -0",
                  CARTA_ERROR_INVALID_FEED, "$.templates[0].max_pages: expected an integer between 1 and 100");
  assert_refused ("\"carta_feed\": 1", "\"carta_feed\": 9223372036854775807",
                  CARTA_ERROR_UNSUPPORTED_VERSION, "version 9223372036854775807 is not supported");
  assert_refused ("\"carta_feed\": 1", "\"carta_feed\": -9223372036854775808",
                  CARTA_ERROR_UNSUPPORTED_VERSION, "version -9223372036854775808 is not supported");

  /* What JSON does not allow. */
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 01980", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": +1980", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1980.", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1e", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": -", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 0x7BC", CARTA_ERROR_INVALID_JSON, "not valid JSON");

  /* Numbers of every form are fine where nothing reads them. */
  feed = load_with_replacement ("\"birth_year\": 1980",
                                "\"birth_year\": 1980, \"x-n\": [1e400, -1e-400, -0, -0.0, 0.5E+3, 123456789012345678901234567890]",
                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);
}

static void
test_syntax (void)
{
  g_autofree char *json = read_fixture ("good-feed.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", json, NULL);
  g_autofree char *trailing = g_strconcat (json, " \t\r\n", NULL);

  /* A byte order mark and trailing white space are fine. */
  feed = load_string (with_bom, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carta_feed_get_cases (feed)->len, ==, 4);
  g_clear_object (&feed);
  feed = load_string (trailing, &error);
  g_assert_no_error (error);
  g_clear_object (&feed);

  /* A byte order mark alone is an empty feed; one inside is not JSON. */
  feed = load_string ("\xef\xbb\xbf  \n", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "$: the feed is empty"));
  g_clear_error (&error);
  assert_refused ("\"cases\": [", "\"cases\": \xef\xbb\xbf[", CARTA_ERROR_INVALID_JSON, "not valid JSON");

  /* Anything after the document. */
  {
    g_autofree char *garbage = g_strconcat (json, "x", NULL);
    g_autofree char *second = g_strconcat (json, "{}", NULL);

    feed = load_string (garbage, &error);
    g_assert_null (feed);
    g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
    g_clear_error (&error);
    feed = load_string (second, &error);
    g_assert_null (feed);
    g_assert_error (error, CARTA_ERROR, CARTA_ERROR_INVALID_JSON);
    g_clear_error (&error);
  }

  /* What lenient parsers accept and JSON does not. */
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1980, // born\n", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1980 /* born */", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "'birth_year': 1980", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"birth_year\": 1980", "birth_year: 1980", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"templates\": [\"hello\"]\n", "\"templates\": [\"hello\",]\n", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"demo\": true", "\"demo\": True", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"demo\": true", "\"demo\": tru", CARTA_ERROR_INVALID_JSON, "not valid JSON");
  assert_refused ("\"demo\": true", "\"demo\" true", CARTA_ERROR_INVALID_JSON, "not valid JSON");

  /* The error says where: the byte and its line. */
  assert_refused_at ("\"birth_year\": 1980", "\"birth_year\": 1980;", ";",
                     CARTA_ERROR_INVALID_JSON, "$: the feed is not valid JSON: expected “,” or “}”, not “;”");
  /* A string left open runs into the line break. */
  assert_refused_at ("\"status\": \"imprisoned\"", "\"status\": \"imprisoned", "\n      \"country\": \"RU\"",
                     CARTA_ERROR_INVALID_JSON, "a control character (U+000A) in a string must be written as an escape");
}

static void
test_duplicate_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  g_auto(GStrv) langs = NULL;
  CartaText *interest;
  CartaCase *ivanov;

  /* The last value wins, in the first one's place: in a small object… */
  feed = load_with_replacement ("{ \"en\": \"chess\", \"ru\": \"шахматы\" }",
                                "{ \"ru\": \"шашки\", \"en\": \"chess\", \"ru\": \"шахматы\" }", &error);
  g_assert_no_error (error);
  ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  interest = g_ptr_array_index (carta_case_get_interests (ivanov), 0);
  langs = carta_text_dup_languages (interest);
  g_assert_cmpstrv (langs, ((const char * const[]) { "ru", "en", NULL }));
  g_assert_cmpstr (carta_text_get (interest, "ru"), ==, "шахматы");
  g_clear_object (&feed);

  /* …and in a large one (a case has more than sixteen members). */
  feed = load_with_replacement ("\"birth_year\": 1980", "\"birth_year\": 1066, \"name_latin\": \"Vanya\", \"birth_year\": 1980", &error);
  g_assert_no_error (error);
  ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_assert_cmpstr (carta_case_get_name_latin (ivanov), ==, "Vanya");
  g_assert_cmpuint (carta_case_get_birth_year (ivanov), ==, 1980);
  g_clear_object (&feed);

  /* A repeated member is checked with the value it ends with. */
  assert_refused ("\"birth_year\": 1980", "\"birth_year\": 1980, \"birth_year\": \"1980\"",
                  CARTA_ERROR_INVALID_FEED, "$.cases[0].birth_year: expected an integer");
}

static void
test_nesting_limit (void)
{
  g_autoptr(GString) deep = g_string_new ("\"birth_year\": 1980, \"x-deep\": ");
  g_autoptr(GString) too_deep = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;

  /* The document, the cases array and the case take three levels: 32 in all is fine. */
  for (guint i = 0; i < 29; i++)
    g_string_append (deep, i % 2 ? "{\"a\": " : "[");
  g_string_append (deep, "\"[[[[[[ not nesting ]]]]]]\"");
  for (guint i = 29; i-- > 0;)
    g_string_append (deep, i % 2 ? "}" : "]");
  feed = load_with_replacement ("\"birth_year\": 1980", deep->str, &error);
  g_assert_no_error (error);
  g_assert_nonnull (feed);

  /* One more level is too deep. */
  too_deep = g_string_new (deep->str);
  g_string_replace (too_deep, "\"x-deep\": ", "\"x-deep\": [", 1);
  g_string_append (too_deep, "]");
  assert_refused ("\"birth_year\": 1980", too_deep->str, CARTA_ERROR_TOO_LARGE, "$: the document is nested more than 32 levels deep");

  /* Too deep is what is said even when a syntax error comes first. */
  g_string_replace (too_deep, "\"birth_year\": 1980,", "\"birth_year\": 1980,,", 1);
  assert_refused ("\"birth_year\": 1980", too_deep->str, CARTA_ERROR_TOO_LARGE, "nested more than 32 levels deep");
}

static void
test_duplicate_ids (void)
{
  assert_refused ("\"id\": \"markup\"", "\"id\": \"ivanov\"",
                  CARTA_ERROR_DUPLICATE_ID, "$.cases[1].id: the id “ivanov” is used twice");
  /* Ids are unique across the whole feed, not only within one array. */
  assert_refused ("\"id\": \"release\"", "\"id\": \"hello\"",
                  CARTA_ERROR_DUPLICATE_ID, "$.campaigns[0].id: the id “hello” is used twice");
  assert_refused ("\"id\": \"latin\"", "\"id\": \"war\"",
                  CARTA_ERROR_DUPLICATE_ID, "$.rulesets[0].rules[1].id");
  assert_refused ("\"id\": \"interests\"", "\"id\": \"greeting\"",
                  CARTA_ERROR_DUPLICATE_ID, "$.templates[0].paragraphs[1].id");
}

static void
test_unknown_references (void)
{
  assert_refused ("\"cases\": [\"ivanov\", \"bialiatski\"]", "\"cases\": [\"ivanov\", \"nobody\"]",
                  CARTA_ERROR_UNKNOWN_REFERENCE, "$.campaigns[0].cases[1]: no case with the id “nobody”");
  assert_refused ("\"cases\": [\"ivanov\", \"bialiatski\"]", "\"cases\": [\"ivanov\", \"hello\"]",
                  CARTA_ERROR_UNKNOWN_REFERENCE, "$.campaigns[0].cases[1]: “hello” is not a case");
  assert_refused ("\"ruleset\": \"ru-prison\",\n      \"templates\"", "\"ruleset\": \"by-prison\",\n      \"templates\"",
                  CARTA_ERROR_UNKNOWN_REFERENCE, "$.cases[0].ruleset: no ruleset with the id “by-prison”");
}

static void
test_placeholders (void)
{
  assert_refused ("Hello, {case_given_name}!", "Hello, {prisoner}!",
                  CARTA_ERROR_PLACEHOLDER, "$.templates[0].paragraphs[0].text.en: unknown placeholder “{prisoner}”");
  assert_refused ("Здравствуйте, {case_given_name}!", "Здравствуйте!",
                  CARTA_ERROR_PLACEHOLDER,
                  "$.templates[0].paragraphs[0].text.ru: the translation uses none but the “en” text uses {case_given_name}");
  assert_refused ("С теплом, {sender_name}", "С теплом, {sender_name} {date}",
                  CARTA_ERROR_PLACEHOLDER, "$.templates[0].closing.ru");
  assert_refused ("Hallo {case_given_name}!", "Hallo {case_name}!",
                  CARTA_ERROR_PLACEHOLDER, "$.templates[0].paragraphs[0].text.de");
  assert_refused ("Hello, {case_given_name}!", "Hello, {case_given_name!",
                  CARTA_ERROR_PLACEHOLDER, "without its");
}

static void
test_placeholder_parsing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;

  names = carta_template_parse_placeholders ("{date}: {{literal}} to {case_name}, {date}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "date");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "case_name");
  g_clear_pointer (&names, g_ptr_array_unref);

  names = carta_template_parse_placeholders ("oops }", &error);
  g_assert_null (names);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_PLACEHOLDER);
}

static void
test_bad_pattern (void)
{
  assert_refused ("\"patterns\": [\"\\\\bвойн\\\\w*\"]", "\"patterns\": [\"(войн\"]",
                  CARTA_ERROR_INVALID_FEED, "$.rulesets[0].rules[0].patterns[0]: the pattern does not compile");
  assert_refused ("\"category\": \"war\"", "\"category\": \"weather\"",
                  CARTA_ERROR_INVALID_FEED, "$.rulesets[0].rules[0].category: unknown category “weather”");
}

static void
test_oversize (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  gsize size = CARTA_FEED_MAX_SIZE + 1;
  char *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;

  /* A valid-looking start: the size alone must refuse it, before parsing. */
  memset (data, ' ', size);
  memcpy (data, "{\"carta_feed\": 1}", 17);
  bytes = g_bytes_new_take (data, size);
  feed = carta_feed_new_from_bytes (bytes, "test", &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "the limit is 64 MiB"));
}

static void
test_oversize_string (void)
{
  g_autoptr(GString) long_story = g_string_new ("\"story\": { \"en\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;

  for (guint i = 0; i < 70000; i++)
    g_string_append_c (long_story, 'a');
  g_string_append (long_story, "\" }");

  assert_refused ("\"story\": { \"en\": \"An example person.\", \"ru\": \"Пример.\" }", long_story->str,
                  CARTA_ERROR_TOO_LARGE, "$.cases[0].story.en: the string is 70000 bytes long; the limit is 65536");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) json = g_string_new ("{\"carta_feed\": 1, \"x-deep\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');

  feed = load_string (json->str, &error);
  g_assert_null (feed);
  g_assert_error (error, CARTA_ERROR, CARTA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "nested more than"));
}

static void
test_too_many_items (void)
{
  g_autoptr(GString) lines = g_string_new ("\"lines\": [");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 13; i++)
    g_string_append_printf (lines, "%s\"line %u\"", i ? ", " : "", i);
  g_string_append (lines, "]");

  assert_refused ("\"lines\": [\"Palais des Nations\", \"CH-1211 Geneva 10\"]", lines->str,
                  CARTA_ERROR_TOO_LARGE, "$.targets[0].address.lines: the array has 13 items; the limit is 12");
}

static void
test_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = carta_feed_new_bundled (&error);
  GPtrArray *cases;
  guint n_demo = 0;

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_cmpstr (carta_feed_get_source_id (feed), ==, CARTA_BUNDLED_SOURCE_ID);
  g_assert_cmpuint (carta_feed_get_campaigns (feed)->len, >=, 6);

  /* No real prisoner is bundled: at most one case, and it is a demo that
   * cannot receive letters. */
  cases = carta_feed_get_cases (feed);
  g_assert_cmpuint (cases->len, <=, 1);
  for (guint i = 0; i < cases->len; i++)
    {
      CartaCase *person = g_ptr_array_index (cases, i);

      g_assert_true (carta_case_get_is_demo (person));
      g_assert_false (carta_case_get_can_receive_letters (person));
      n_demo++;
    }
  g_assert_cmpuint (n_demo, <=, 1);

  /* Every campaign offers at least one letter, in English and Russian at least. */
  for (guint i = 0; i < carta_feed_get_campaigns (feed)->len; i++)
    {
      CartaCampaign *campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), i);
      GPtrArray *templates = carta_campaign_get_templates (campaign);

      g_assert_cmpuint (templates->len, >, 0);
      g_assert_nonnull (carta_text_get (carta_campaign_get_title (campaign), "en"));
      for (guint j = 0; j < templates->len; j++)
        g_assert_true (carta_template_has_language (g_ptr_array_index (templates, j), "en"));
    }

  /* Letters to prisoners in Russia must exist in Russian. */
  for (guint i = 0; i < carta_feed_get_templates (feed)->len; i++)
    {
      CartaTemplate *template = g_ptr_array_index (carta_feed_get_templates (feed), i);

      if (carta_template_get_addressee_role (template) == CARTA_ADDRESSEE_PRISONER)
        g_assert_true (carta_template_has_language (template, "ru"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/feed/good", test_good_feed);
  g_test_add_func ("/feed/channels", test_channels);
  g_test_add_func ("/feed/bad-channels", test_bad_channels);
  g_test_add_func ("/feed/texts", test_texts);
  g_test_add_func ("/feed/name-forms", test_name_forms);
  g_test_add_func ("/feed/malformed-json", test_malformed_json);
  g_test_add_func ("/feed/empty", test_empty_bytes);
  g_test_add_func ("/feed/wrong-types", test_wrong_types);
  g_test_add_func ("/feed/missing-members", test_missing_members);
  g_test_add_func ("/feed/unknown-members", test_unknown_members);
  g_test_add_func ("/feed/unsupported-version", test_unsupported_version);
  g_test_add_func ("/feed/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/feed/encoding", test_encoding);
  g_test_add_func ("/feed/bad-escape", test_bad_escape);
  g_test_add_func ("/feed/escapes", test_escapes);
  g_test_add_func ("/feed/numbers", test_numbers);
  g_test_add_func ("/feed/syntax", test_syntax);
  g_test_add_func ("/feed/duplicate-members", test_duplicate_members);
  g_test_add_func ("/feed/nesting-limit", test_nesting_limit);
  g_test_add_func ("/feed/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/feed/unknown-references", test_unknown_references);
  g_test_add_func ("/feed/placeholders", test_placeholders);
  g_test_add_func ("/feed/placeholder-parsing", test_placeholder_parsing);
  g_test_add_func ("/feed/bad-pattern", test_bad_pattern);
  g_test_add_func ("/feed/oversize", test_oversize);
  g_test_add_func ("/feed/oversize-string", test_oversize_string);
  g_test_add_func ("/feed/deep-nesting", test_deep_nesting);
  g_test_add_func ("/feed/too-many-items", test_too_many_items);
  g_test_add_func ("/feed/bundled", test_bundled);

  return g_test_run ();
}
