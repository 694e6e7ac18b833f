/* bench-render.c: laying letters out on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints (each the smallest of 3 runs):
 *   bench: pdf_render_1000 <ms> ms           rendering 1,000 one-page
 *                                            letters into one PDF in memory,
 *                                            as Save All as PDF does
 *   bench: pdf_render_1000_separate <ms> ms  the same letters, each to a PDF
 *                                            of its own, as saving them one
 *                                            by one does
 *   bench: pdf_render_one <ms> ms            one letter to its own PDF
 * The letters differ (a number in each), so that nothing measured once is
 * reused for the next.
 */
#include <stdlib.h>

#include <carta/carta.h>

#define LETTERS 1000
#define RUNS    3

static CartaPrintable *
one_page_letter (guint n)
{
  CartaPrintable *printable = carta_printable_new ();
  const char * const sender[] = { "Анна", "ул. Гедимино, 1", "Вильнюс", "LITHUANIA", NULL };
  const char * const recipient[] = { "Иванову Ивану Ивановичу, 1980 г.р.", "000000, Примерная обл.",
                                     "г. Пример, ул. Тестовая, д. 0", "ИК-0", "RUSSIA", NULL };
  GString *body = g_string_new ("Здравствуйте, Иван Иванович!\n\n");

  for (guint i = 0; i < 6; i++)
    g_string_append_printf (body, "Пишу Вам уже %u-й раз из Вильнюса. Здесь выпал первый снег, и дети во "
                                  "дворе лепят снеговиков. Я часто думаю о Вас, читаю книги и гуляю у реки. "
                                  "Желаю Вам сил и здоровья.\n\n", n + i);
  g_string_append (body, "С теплом,");

  printable->language = g_strdup ("ru");
  printable->sender_lines = g_strdupv ((char **) sender);
  printable->recipient_lines = g_strdupv ((char **) recipient);
  printable->date = g_strdup ("22 ноября 2026 г.");
  printable->body = g_string_free (body, FALSE);
  printable->signature = g_strdup ("Анна");
  return printable;
}

static double
render_together (guint run)
{
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_printable_free);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint n = 0; n < LETTERS; n++)
    g_ptr_array_add (letters, one_page_letter (run * LETTERS + n));

  start = g_get_monotonic_time ();
  if (!carta_renderer_write_pdfs ((const CartaPrintable * const *) letters->pdata, letters->len, CARTA_PAPER_A4,
                                  FALSE, CARTA_ENVELOPE_DL, "Письма", NULL, output, NULL, &error) ||
      !g_output_stream_close (output, NULL, &error))
    {
      g_printerr ("The letters could not be rendered: %s\n", error->message);
      exit (1);
    }

  if (run == 0)
    g_print ("# one PDF of %u letters: %" G_GSIZE_FORMAT " bytes\n", LETTERS,
             g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
render_separately (guint run)
{
  gint64 start = g_get_monotonic_time ();
  gsize bytes = 0;

  for (guint n = 0; n < LETTERS; n++)
    {
      g_autoptr(CartaPrintable) printable = one_page_letter (run * LETTERS + n);
      g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
      g_autoptr(GError) error = NULL;

      if (!carta_renderer_write_pdf (printable, CARTA_PAPER_A4, FALSE, CARTA_ENVELOPE_DL,
                                     "Письмо", NULL, output, NULL, &error) ||
          !g_output_stream_close (output, NULL, &error))
        {
          g_printerr ("Letter %u could not be rendered: %s\n", n, error->message);
          exit (1);
        }
      bytes = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output));
    }

  if (run == 0)
    g_print ("# one PDF for each letter: %" G_GSIZE_FORMAT " bytes each\n", bytes);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  double together = G_MAXDOUBLE;
  double separately = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      double ms = render_together (run);

      together = MIN (together, ms);
      ms = render_separately (run);
      separately = MIN (separately, ms);
    }

  g_print ("bench: pdf_render_1000 %.0f ms\n", together);
  g_print ("bench: pdf_render_1000_separate %.0f ms\n", separately);
  g_print ("bench: pdf_render_one %.2f ms\n", separately / LETTERS);
  return 0;
}
