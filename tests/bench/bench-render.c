/* bench-render.c: laying letters out on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints:
 *   bench: pdf_render_1000 <ms> ms   rendering 1,000 one-page letters, each
 *                                    to its own PDF in memory (the smallest
 *                                    of 3 runs)
 *   bench: pdf_render_one <ms> ms    the same per letter
 * The letters differ (a number in each), so that nothing measured once is
 * reused for the next.
 */
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

int
main (int   argc,
      char *argv[])
{
  double best = G_MAXDOUBLE;
  gsize bytes = 0;

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

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
              return 1;
            }
          bytes = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output));
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      best = MIN (best, ms);
    }

  g_print ("# %d letters a run, %" G_GSIZE_FORMAT " bytes of PDF each\n", LETTERS, bytes);
  g_print ("bench: pdf_render_1000 %.0f ms\n", best);
  g_print ("bench: pdf_render_one %.2f ms\n", best / LETTERS);
  return 0;
}
