/* test-search.c: search across scripts and accents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta.h>

static gboolean
finds (const char *text,
       const char *query)
{
  g_autofree char *key = carta_search_fold (text);
  g_autofree char *folded = carta_search_fold (query);

  return carta_search_matches (key, folded);
}

static void
assert_finds (const char *text,
              const char *query)
{
  if (!finds (text, query))
    {
      g_autofree char *key = carta_search_fold (text);
      g_autofree char *folded = carta_search_fold (query);
      g_error ("“%s” should find “%s” (key “%s”, query “%s”)", query, text, key, folded);
    }
}

static void
assert_not_finds (const char *text,
                  const char *query)
{
  if (finds (text, query))
    g_error ("“%s” should not find “%s”", query, text);
}

/* Every prefix of the query, as the user types it. */
static void
assert_finds_while_typing (const char *text,
                           const char *query)
{
  for (const char *end = g_utf8_next_char (query); ; end = g_utf8_next_char (end))
    {
      g_autofree char *prefix = g_strndup (query, end - query);

      assert_finds (text, prefix);
      if (*end == '\0')
        break;
    }
}

static void
test_fold (void)
{
  struct { const char *text; const char *folded; } cases[] = {
    { "Горинов", "horinov" },
    { "Gorinov", "horinov" },
    { "Бяляцкі", "bialiacki" },
    { "Bialiatski", "bialiacki" },
    { "Łódź", "lodz" },
    { "  Hello,   World!  ", "helo vorld" },
    { "", "" },
    { "ÆØÅ straße", "aeoa strase" },
    { "Мар'я", "maria" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = carta_search_fold (cases[i].text);
      g_assert_cmpstr (folded, ==, cases[i].folded);
    }
}

static void
test_across_scripts (void)
{
  /* The examples people will try first. */
  assert_finds ("Горинов Алексей Александрович", "gorinov");
  assert_finds ("Бяляцкі Алесь Віктаравіч", "bialiatski");
  assert_finds ("Łódź", "lodz");

  /* Other romanisations of the same names. */
  assert_finds ("Бяляцкі Алесь", "Byalyatsky");
  assert_finds ("Беляцкий Алесь", "Beliatsky");
  assert_finds ("Горинов Алексей", "Alexei");
  assert_finds ("Горинов Алексей", "Aleksey");
  assert_finds ("Горинов Алексей", "alexej");
  assert_finds ("Навальный Алексей Анатольевич", "Navalny");
  assert_finds ("Кара-Мурза Владимир", "kara-murza vladimir");
  assert_finds ("Кара-Мурза Владимир", "Wladimir");
  assert_finds ("Яшин Илья", "Yashin Ilya");
  assert_finds ("Яшин Илья", "Jaschin");
  assert_finds ("Юлия Жукова", "Yuliya Zhukova");
  assert_finds ("Юлия Жукова", "Julija Žukova");
  assert_finds ("Евгений Хасанов", "Yevgeny Khasanov");
  assert_finds ("Евгений Хасанов", "evgenii hasanov");
  assert_finds ("Гродна", "Hrodna");

  /* Latin and accents, and Cyrillic queries on Latin text. */
  assert_finds ("Ales Bialiatski", "Бяляцкі");
  assert_finds ("Łódź", "ŁÓDŹ");
  assert_finds ("Kraków", "krakow");
  assert_finds ("Zürich", "zurich");
  assert_finds ("Ілля", "Илья");

  /* Other scripts still find themselves. */
  assert_finds ("ილია ჭავჭავაძე", "ილია");
  assert_finds ("שלום עולם", "עולם");

  /* Words in any order; every word must match. */
  assert_finds ("Горинов Алексей", "alexei gorinov");
  assert_not_finds ("Горинов Алексей", "alexei navalny");
  assert_not_finds ("Горинов Алексей", "xyz");
  assert_not_finds ("Бяляцкі", "gorinov");
  /* An unfinished digraph is completed, not dropped: nonsense finds nothing. */
  assert_not_finds ("Горинов Алексей", "qqqzzz");
  assert_not_finds ("Горинов Алексей", "zz");
}

static void
test_while_typing (void)
{
  assert_finds_while_typing ("Бяляцкі Алесь", "bialiatski");
  assert_finds_while_typing ("Горинов Алексей", "gorinov");
  assert_finds_while_typing ("Горинов Алексей", "Горинов");
  assert_finds_while_typing ("Хасанов", "khasanov");
  assert_finds_while_typing ("Жукова", "zhukova");
  assert_finds_while_typing ("Łódź", "lodz");
  assert_finds_while_typing ("Яшин Илья", "Jaschin");
  assert_finds_while_typing ("Филипп", "Philipp");
  assert_finds_while_typing ("Цукерберг", "Tsukerberg");
}

static void
test_empty_query (void)
{
  g_autofree char *key = carta_search_fold ("anything");

  g_assert_true (carta_search_matches (key, ""));
  g_assert_true (carta_search_matches (key, NULL));
  g_assert_false (carta_search_matches (NULL, "a"));
}

static void
test_entities (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "good-feed.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartaFeed) feed = NULL;
  g_autofree char *query = NULL;
  CartaEntity *ivanov, *bialiatski, *campaign;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);
  feed = carta_feed_new_from_bytes (bytes, "test", &error);
  g_assert_no_error (error);

  ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  bialiatski = g_ptr_array_index (carta_feed_get_cases (feed), 2);
  campaign = g_ptr_array_index (carta_feed_get_campaigns (feed), 0);

  query = carta_search_fold ("ivanov");
  g_assert_true (carta_entity_matches (ivanov, query));
  g_assert_false (carta_entity_matches (bialiatski, query));
  g_clear_pointer (&query, g_free);

  /* The facility is searchable too, in every language the feed gives. */
  query = carta_search_fold ("penal colony");
  g_assert_true (carta_entity_matches (ivanov, query));
  g_clear_pointer (&query, g_free);

  /* Campaigns match their titles in every language. */
  query = carta_search_fold ("политзаключённым");
  g_assert_true (carta_entity_matches (campaign, query));
  g_clear_pointer (&query, g_free);
  query = carta_search_fold ("political prisoners");
  g_assert_true (carta_entity_matches (campaign, query));
  g_assert_false (carta_entity_matches (ivanov, query));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/across-scripts", test_across_scripts);
  g_test_add_func ("/search/while-typing", test_while_typing);
  g_test_add_func ("/search/empty-query", test_empty_query);
  g_test_add_func ("/search/entities", test_entities);

  return g_test_run ();
}
