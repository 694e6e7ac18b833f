/* bench-compose.c: the composer's work on every keystroke
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints:
 *   bench: guidance_check <ms> ms        median, guidance check + word and page count
 *   bench: guidance_check_worst <ms> ms  the slowest keystroke
 * of a one-page Russian letter checked against the bundled Russian prison guidance.
 */
#include <string.h>

#include <carta/carta.h>
#include <carta/carta-analysis.h>

#define KEYSTROKES 300

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static CartaRuleset *
find_ruleset (CartaFeed  *feed,
              const char *id)
{
  GPtrArray *rulesets = carta_feed_get_rulesets (feed);

  for (guint i = 0; i < rulesets->len; i++)
    if (g_str_equal (carta_entity_get_id (g_ptr_array_index (rulesets, i)), id))
      return g_ptr_array_index (rulesets, i);
  return rulesets->len ? g_ptr_array_index (rulesets, 0) : NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartaFeed) feed = carta_feed_new_bundled (&error);
  g_autoptr(CartaPrintable) printable = carta_printable_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  const char * const sender[] = { "Анна", NULL };
  const char * const recipient[] = { "Иванову Ивану Ивановичу, 1980 г.р.", "000000, Примерная обл.",
                                     "г. Пример, ул. Тестовая, д. 0", "ИК-0", "RUSSIA", NULL };
  double times[KEYSTROKES];
  CartaRuleset *ruleset;
  g_autoptr(CartaGuidanceChecker) checker = NULL;
  guint issues = 0;

  if (feed == NULL)
    {
      g_printerr ("The bundled catalog did not load: %s\n", error->message);
      return 1;
    }
  ruleset = find_ruleset (feed, "ru-prison");
  /* As the composer does: one checker for the letter, reused on every keystroke. */
  checker = carta_guidance_checker_new (ruleset, "ru");

  /* About 280 words: a full page with the addresses. */
  g_string_append (body, "Здравствуйте, Иван Иванович!\n\n");
  for (guint i = 0; i < 8; i++)
    g_string_append (body, "Пишу вам из Вильнюса. Здесь уже выпал первый снег, и дети во дворе лепят "
                           "снеговиков. Я часто думаю о вас, читаю книги и гуляю у реки с собакой. "
                           "Желаю вам сил и здоровья.\n\n");
  g_string_append (body, "С теплом,");

  printable->language = g_strdup ("ru");
  printable->sender_lines = g_strdupv ((char **) sender);
  printable->recipient_lines = g_strdupv ((char **) recipient);
  printable->date = g_strdup ("22 ноября 2026 г.");
  printable->signature = g_strdup ("Анна");

  for (guint i = 0; i < KEYSTROKES; i++)
    {
      g_autoptr(CartaAnalysis) analysis = NULL;
      gint64 start;

      /* One more letter typed at the end of the last paragraph. */
      g_string_insert (body, body->len - strlen ("\n\nС теплом,"), i % 6 ? "а" : " ");
      g_free (printable->body);
      printable->body = g_strdup (body->str);

      start = g_get_monotonic_time ();
      analysis = carta_analyze (printable, checker, NULL, CARTA_PAPER_A4);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      issues = analysis->issues->len;
    }

  qsort (times, KEYSTROKES, sizeof (double), compare_doubles);
  g_print ("# %u guidance issues in the letter, %u keystrokes\n", issues, KEYSTROKES);
  g_print ("bench: guidance_check %.3f ms\n", times[KEYSTROKES / 2]);
  g_print ("bench: guidance_check_worst %.3f ms\n", times[KEYSTROKES - 1]);
  return 0;
}
