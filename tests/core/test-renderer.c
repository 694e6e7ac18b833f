/* test-renderer.c: letters and envelopes on paper, checked in the PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <carta/carta.h>

#include "carta-test-util.h"
#include <carta/carta-renderer.h>

static CartaPrintable *
make_letter (CartaCase *person,
             guint      n_paragraphs)
{
  CartaPrintable *printable = carta_printable_new ();
  const char * const sender[] = { "Анна Птицына", NULL };
  g_autoptr(GString) body = g_string_new ("Здравствуйте, Иван Иванович!");

  for (guint i = 1; i < n_paragraphs; i++)
    g_string_append (body, "\n\nПишу вам из Вильнюса. Здесь уже выпал первый снег, и дети во дворе лепят "
                           "снеговиков. Я часто думаю о вас и желаю вам сил и здоровья.");
  g_string_append (body, "\n\nС теплом,");

  printable->language = g_strdup ("ru");
  printable->sender_lines = g_strdupv ((char **) sender);
  printable->recipient_lines = carta_recipient_lines_for_case (person, "ru");
  printable->date = g_strdup ("22 ноября 2026 г.");
  printable->body = g_string_free (g_steal_pointer (&body), FALSE);
  printable->signature = g_strdup ("Анна");
  return printable;
}

static void
test_recipient_lines (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  CartaCase *markup = g_ptr_array_index (carta_feed_get_cases (feed), 1);
  CartaTarget *ohchr = g_ptr_array_index (carta_feed_get_targets (feed), 0);
  g_auto(GStrv) ru = carta_recipient_lines_for_case (ivanov, "ru");
  g_auto(GStrv) en = carta_recipient_lines_for_case (ivanov, "en");
  g_auto(GStrv) plain = carta_recipient_lines_for_case (markup, "ru");
  g_auto(GStrv) target = carta_recipient_lines_for_target (ohchr, "en");

  /* Dative name and year of birth, the address in Cyrillic, the country in Latin. */
  g_assert_cmpstr (ru[0], ==, "Иванову Ивану Ивановичу, 1980 г.р.");
  g_assert_cmpstr (ru[1], ==, "000000, Примерная обл.");
  g_assert_cmpstr (ru[3], ==, "ИК-0");
  g_assert_cmpstr (ru[4], ==, "RUSSIA");
  g_assert_null (ru[5]);

  g_assert_cmpstr (en[0], ==, "Иванов Иван Иванович (1980)");
  g_assert_cmpstr (plain[0], ==, "<b>Bold</b> & <i>co</i>");
  g_assert_null (plain[1]);

  g_assert_cmpstr (target[0], ==, "UN High Commissioner for Human Rights");
  g_assert_cmpstr (target[1], ==, "Palais des Nations");
  g_assert_cmpstr (target[3], ==, "SWITZERLAND");
}

static void
test_paper (void)
{
  CartaPaper paper;
  double a4_width, a4_height, letter_width, letter_height, dl_width, dl_height;

  g_assert_cmpint (carta_paper_for_locale ("en_US.UTF-8"), ==, CARTA_PAPER_LETTER);
  g_assert_cmpint (carta_paper_for_locale ("es_MX"), ==, CARTA_PAPER_LETTER);
  g_assert_cmpint (carta_paper_for_locale ("en_GB.UTF-8"), ==, CARTA_PAPER_A4);
  g_assert_cmpint (carta_paper_for_locale ("ru_RU.UTF-8"), ==, CARTA_PAPER_A4);
  g_assert_cmpint (carta_paper_for_locale ("C"), ==, CARTA_PAPER_A4);
  g_assert_cmpint (carta_paper_for_locale (NULL), ==, CARTA_PAPER_A4);
  g_assert_true (carta_paper_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, CARTA_PAPER_LETTER);
  g_assert_false (carta_paper_from_string ("tabloid", &paper));

  carta_paper_get_size (CARTA_PAPER_A4, &a4_width, &a4_height);
  carta_paper_get_size (CARTA_PAPER_LETTER, &letter_width, &letter_height);
  g_assert_cmpfloat_with_epsilon (a4_width, 595.28, 0.01);
  g_assert_cmpfloat_with_epsilon (a4_height, 841.89, 0.01);
  g_assert_cmpfloat_with_epsilon (letter_width, 612, 0.01);
  carta_envelope_get_size (CARTA_ENVELOPE_DL, &dl_width, &dl_height);
  g_assert_cmpfloat (dl_width, >, dl_height);
}

static void
test_page_count (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(CartaPrintable) short_letter = make_letter (ivanov, 3);
  g_autoptr(CartaPrintable) long_letter = make_letter (ivanov, 40);
  guint long_pages;

  g_assert_cmpuint (carta_renderer_count_pages (short_letter, CARTA_PAPER_A4), ==, 1);
  long_pages = carta_renderer_count_pages (long_letter, CARTA_PAPER_A4);
  g_assert_cmpuint (long_pages, >, 1);
  /* US Letter is shorter than A4: never fewer pages. */
  g_assert_cmpuint (carta_renderer_count_pages (long_letter, CARTA_PAPER_LETTER), >=, long_pages);
}

static char *
run_tool (const char *tool,
          const char *pdf,
          const char *first_page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (first_page != NULL)
    {
      const char *argv[] = { tool, "-f", first_page, "-l", first_page, pdf, "-", NULL };
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, &status, &error);
    }
  else
    {
      /* pdftotext writes the whole text to "-"; pdfinfo takes none. */
      const char *argv[] = { tool, pdf, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, &status, &error);
    }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
write_pdf (CartaPrintable *printable,
           gboolean        with_envelope,
           const char     *author)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "letter.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (carta_renderer_write_pdf (printable, CARTA_PAPER_A4, with_envelope, CARTA_ENVELOPE_DL,
                                           "Письмо Ивану Иванову", author,
                                           G_OUTPUT_STREAM (output), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));
  return g_steal_pointer (&path);
}

/* A field of pdfinfo's output, without the padding. */
static char *
info_field (const char *info,
            const char *name)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
      return FALSE;
    }
  return TRUE;
}

static void
test_pdf (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(CartaPrintable) printable = make_letter (ivanov, 3);
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;

  if (!have_poppler ())
    return;

  path = write_pdf (printable, TRUE, NULL);
  info = run_tool ("pdfinfo", path, NULL);
  pages = info_field (info, "Pages");
  title = info_field (info, "Title");
  author = info_field (info, "Author");
  g_assert_cmpstr (pages, ==, "2");
  g_assert_cmpstr (title, ==, "Письмо Ивану Иванову");
  /* The writer did not agree to name themselves. */
  g_assert_null (author);

  letter = run_tool ("pdftotext", path, "1");
  g_assert_nonnull (strstr (letter, "Иванову Ивану Ивановичу, 1980 г.р."));
  g_assert_nonnull (strstr (letter, "000000, Примерная обл."));
  g_assert_nonnull (strstr (letter, "RUSSIA"));
  g_assert_nonnull (strstr (letter, "Здравствуйте, Иван Иванович!"));
  g_assert_nonnull (strstr (letter, "22 ноября 2026 г."));
  g_assert_nonnull (strstr (letter, "Анна Птицына"));

  /* The envelope: the same addressee block, and the sender. */
  envelope = run_tool ("pdftotext", path, "2");
  g_assert_nonnull (strstr (envelope, "Иванову Ивану Ивановичу, 1980 г.р."));
  g_assert_nonnull (strstr (envelope, "RUSSIA"));
  g_assert_nonnull (strstr (envelope, "Анна Птицына"));
  g_assert_null (strstr (envelope, "Здравствуйте"));
}

static void
test_pdf_long_and_author (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(CartaPrintable) printable = make_letter (ivanov, 40);
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *last = NULL;
  g_autofree char *last_page = NULL;
  g_autofree char *info_pages = NULL;
  g_autofree char *author = NULL;
  guint pages;

  if (!have_poppler ())
    return;

  pages = carta_renderer_count_pages (printable, CARTA_PAPER_A4);
  path = write_pdf (printable, FALSE, "Anna");
  info = run_tool ("pdfinfo", path, NULL);
  /* What is counted is what is written. */
  expected = g_strdup_printf ("%u", pages);
  info_pages = info_field (info, "Pages");
  author = info_field (info, "Author");
  g_assert_cmpstr (info_pages, ==, expected);
  g_assert_cmpstr (author, ==, "Anna");

  last_page = g_strdup_printf ("%u", pages);
  last = run_tool ("pdftotext", path, last_page);
  g_assert_nonnull (strstr (last, "С теплом,"));
}

/* Counting pages remembers the lines it measured; the count must still be
 * that of the PDF, letter after letter, as a letter grows and shrinks. */
static void
test_count_matches_pdf (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  const guint sizes[] = { 1, 12, 13, 14, 30, 13, 2, 31 };

  if (!have_poppler ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CartaPrintable) printable = make_letter (ivanov, sizes[i]);
      g_autofree char *path = write_pdf (printable, FALSE, NULL);
      g_autofree char *info = run_tool ("pdfinfo", path, NULL);
      g_autofree char *pages = info_field (info, "Pages");
      guint pdf_pages = (guint) g_ascii_strtoull (pages, NULL, 10);

      g_assert_cmpuint (carta_renderer_count_pages (printable, CARTA_PAPER_A4), ==, pdf_pages);
      g_assert_cmpuint (pdf_pages, >=, sizes[i] > 20 ? 2 : 1);
    }
}

static void
test_text (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(CartaPrintable) printable = make_letter (ivanov, 2);
  g_autofree char *text = carta_printable_to_text (printable, "Тема");
  g_autoptr(CartaPrintable) empty = carta_printable_new ();
  g_autofree char *nothing = carta_printable_to_text (empty, NULL);

  g_assert_true (g_str_has_prefix (text, "Анна Птицына\n\nИванову Ивану Ивановичу, 1980 г.р.\n000000"));
  g_assert_nonnull (strstr (text, "RUSSIA\n\n22 ноября 2026 г.\n\nТема\n\nЗдравствуйте, Иван Иванович!\n\n"));
  g_assert_true (g_str_has_suffix (text, "С теплом,\nАнна\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (nothing, ==, "\n");

  /* The subject, on paper under the date and in the copy. */
  {
    g_autoptr(CartaPrintable) appeal = make_letter (ivanov, 2);
    g_autoptr(CartaPrintable) copy = NULL;
    g_autofree char *path = NULL;
    g_autofree char *page = NULL;
    g_autofree char *copied = NULL;

    appeal->subject = g_strdup ("Об Иване Иванове");
    copy = carta_printable_copy (appeal);
    copied = carta_printable_to_text (copy, NULL);
    g_assert_nonnull (strstr (copied, "22 ноября 2026 г.\n\nОб Иване Иванове\n\nЗдравствуйте"));
    if (!have_poppler ())
      return;
    path = write_pdf (appeal, FALSE, NULL);
    page = run_tool ("pdftotext", path, "1");
    g_assert_true (strstr (page, "Об Иване Иванове") > strstr (page, "22 ноября 2026 г."));
    g_assert_true (strstr (page, "Здравствуйте") > strstr (page, "Об Иване Иванове"));
  }
}

/* Several letters in one PDF: each from a new page, each followed by its
 * envelope, in the order given, however many are drawn ahead. */
static char *
write_pdfs (CartaPrintable **printables,
            guint            n_printables,
            gboolean         with_envelopes)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "letters.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (carta_renderer_write_pdfs ((const CartaPrintable * const *) printables, n_printables,
                                            CARTA_PAPER_A4, with_envelopes, CARTA_ENVELOPE_C5, "Письма", NULL,
                                            G_OUTPUT_STREAM (output), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));
  return g_steal_pointer (&path);
}

static void
test_pdfs (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  CartaPrintable *letters[3] = { make_letter (ivanov, 2), make_letter (ivanov, 40), make_letter (ivanov, 3) };
  guint pages[3];
  guint first_page = 1;
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *n_pages = NULL;
  g_autofree char *expected = NULL;

  if (!have_poppler ())
    goto out;

  g_free (letters[2]->body);
  letters[2]->body = g_strdup ("Уважаемый господин прокурор!\n\nПрошу освободить Ивана Иванова.");
  for (guint i = 0; i < 3; i++)
    pages[i] = carta_renderer_count_pages (letters[i], CARTA_PAPER_A4);
  g_assert_cmpuint (pages[1], >=, 2);

  path = write_pdfs (letters, 3, TRUE);
  info = run_tool ("pdfinfo", path, NULL);
  n_pages = info_field (info, "Pages");
  expected = g_strdup_printf ("%u", pages[0] + pages[1] + pages[2] + 3);
  g_assert_cmpstr (n_pages, ==, expected);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *first = g_strdup_printf ("%u", first_page);
      g_autofree char *last = g_strdup_printf ("%u", first_page + pages[i] - 1);
      g_autofree char *envelope = g_strdup_printf ("%u", first_page + pages[i]);
      g_autofree char *letter_text = run_tool ("pdftotext", path, first);
      g_autofree char *last_text = run_tool ("pdftotext", path, last);
      g_autofree char *envelope_text = run_tool ("pdftotext", path, envelope);
      g_autofree char *envelope_size = NULL;
      g_autofree char *envelope_info = NULL;

      /* Each letter starts a page of its own, with its date and addressee… */
      g_assert_nonnull (strstr (letter_text, "22 ноября 2026 г."));
      g_assert_nonnull (strstr (letter_text, "Иванову Ивану Ивановичу, 1980 г.р."));
      g_assert_true (g_str_has_prefix (letters[i]->body, i == 2 ? "Уважаемый" : "Здравствуйте"));
      g_assert_nonnull (strstr (letter_text, i == 2 ? "Уважаемый господин прокурор!" : "Здравствуйте"));
      g_assert_nonnull (strstr (last_text, i == 2 ? "Прошу освободить" : "С теплом,"));

      /* …and ends with its envelope, at the envelope's size. */
      g_assert_nonnull (strstr (envelope_text, "RUSSIA"));
      g_assert_null (strstr (envelope_text, "Здравствуйте"));
      {
        const char *argv[] = { "pdfinfo", "-f", envelope, "-l", envelope, path, NULL };
        g_autoptr(GError) error = NULL;
        int status;

        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &envelope_info, NULL, &status, &error);
        g_assert_no_error (error);
      }
      envelope_size = g_strdup_printf ("Page %4s size:", envelope);
      g_assert_nonnull (strstr (envelope_info, envelope_size));
      /* C5 is 229 × 162 mm: 649.134 × 459.213 points. */
      g_assert_nonnull (strstr (strstr (envelope_info, envelope_size), "649.134 x 459.213"));

      first_page += pages[i] + 1;
    }

out:
  for (guint i = 0; i < 3; i++)
    carta_printable_free (letters[i]);
}

static void
test_pdfs_order (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_printable_free);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *n_pages = NULL;
  const char *at;

  if (!have_poppler ())
    return;

  /* More letters than are drawn ahead of the writing. */
  for (guint i = 0; i < 30; i++)
    {
      CartaPrintable *printable = make_letter (ivanov, 1);

      g_free (printable->body);
      printable->body = g_strdup_printf ("Письмо номер %u.\n\nС теплом,", i + 1);
      g_ptr_array_add (letters, printable);
    }

  path = write_pdfs ((CartaPrintable **) letters->pdata, letters->len, FALSE);
  info = run_tool ("pdfinfo", path, NULL);
  n_pages = info_field (info, "Pages");
  g_assert_cmpstr (n_pages, ==, "30");

  text = run_tool ("pdftotext", path, NULL);
  at = text;
  for (guint i = 0; i < letters->len; i++)
    {
      g_autofree char *marker = g_strdup_printf ("Письмо номер %u.", i + 1);

      at = strstr (at, marker);
      g_assert_nonnull (at);
      /* A page ends each letter. */
      g_assert_nonnull (strchr (at, '\f'));
      at = strchr (at, '\f');
    }
}

static void
test_pdfs_stopped (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_printable_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (letters, make_letter (ivanov, 3));

  /* Cancelled: nothing more is drawn, and the drawing thread ends. */
  {
    g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
    g_autoptr(GError) error = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_false (carta_renderer_write_pdfs ((const CartaPrintable * const *) letters->pdata, letters->len,
                                               CARTA_PAPER_A4, FALSE, CARTA_ENVELOPE_DL, "x", NULL, output,
                                               cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  /* A stream that refuses every write, like a full disk, stops the batch. */
  {
    g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
    g_autoptr(GError) error = NULL;

    g_output_stream_close (output, NULL, NULL);
    g_assert_false (carta_renderer_write_pdfs ((const CartaPrintable * const *) letters->pdata, letters->len,
                                               CARTA_PAPER_A4, TRUE, CARTA_ENVELOPE_DL, "x", NULL, output,
                                               NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  }
}

/* A short line is laid out unwrapped; one that turns out wider than its
 * column after all is wrapped, never cut short. */
static void
test_wide_short_line (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(CartaPrintable) printable = make_letter (ivanov, 1);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GString) wide = g_string_new (NULL);

  if (!have_poppler ())
    return;

  /* Forty of the widest letters in a column that fits about forty average ones. */
  for (guint i = 0; i < 40; i++)
    g_string_append (wide, "Ш");
  g_strfreev (printable->sender_lines);
  printable->sender_lines = g_new0 (char *, 2);
  printable->sender_lines[0] = g_strdup (wide->str);

  path = write_pdf (printable, FALSE, NULL);
  text = run_tool ("pdftotext", path, "1");
  g_assert_null (strstr (text, "…"));
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  {
    guint count = 0;

    for (const char *p = strstr (flat, "Ш"); p != NULL; p = strstr (p + strlen ("Ш"), "Ш"))
      count++;
    g_assert_cmpuint (count, ==, 40);
  }
  /* It took more than one line. */
  g_assert_null (strstr (text, wide->str));
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (30 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

/* A save stopped half-way leaves the file as it was, or leaves none. */
static void
test_save_pdfs_stopped (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(GPtrArray) letters = g_ptr_array_new_with_free_func ((GDestroyNotify) carta_printable_free);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "saved", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.pdf", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.pdf", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* Enough letters to take far longer than the cancellation does to come. */
  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (letters, make_letter (ivanov, 3));

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (old_path, "the letters saved before", -1, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      GFile *file = i == 0 ? old_file : new_file;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GThread) canceller = g_thread_new ("cancel", cancel_soon, cancellable);
      g_autoptr(GError) stopped = NULL;

      g_assert_false (carta_renderer_save_pdfs ((const CartaPrintable * const *) letters->pdata, letters->len,
                                                CARTA_PAPER_A4, FALSE, CARTA_ENVELOPE_DL, "x", NULL, file,
                                                cancellable, &stopped));
      g_assert_error (stopped, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_thread_join (g_steal_pointer (&canceller));
    }

  g_assert_true (g_file_get_contents (old_path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "the letters saved before");
  g_assert_false (g_file_query_exists (new_file, NULL));
  /* No temporary copy is left behind either. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
    guint n = 0;

    g_assert_no_error (error);
    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }

  /* And one that is not stopped replaces it. */
  g_ptr_array_set_size (letters, 2);
  g_assert_true (carta_renderer_save_pdfs ((const CartaPrintable * const *) letters->pdata, letters->len,
                                           CARTA_PAPER_A4, FALSE, CARTA_ENVELOPE_DL, "x", NULL, old_file,
                                           NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (old_path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

/* The leftmost and rightmost columns with ink on page 1 of @printable. */
static void
ink_columns (CartaPrintable *printable,
             int            *left,
             int            *right)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 596, 842);
  cairo_t *cr = cairo_create (surface);
  const unsigned char *data;
  int stride;

  carta_renderer_draw_page (printable, CARTA_PAPER_A4, 0, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  *left = G_MAXINT;
  *right = -1;
  for (int y = 0; y < 842; y++)
    for (int x = 0; x < 596; x++)
      if (((const guint32 *) (data + y * stride))[x] >> 24 != 0)
        {
          *left = MIN (*left, x);
          *right = MAX (*right, x);
        }
  cairo_surface_destroy (surface);
}

/* A right-to-left letter starts its lines on the right, and puts the date
 * on the left; a left-to-right one the other way round. */
static void
test_right_to_left (void)
{
  g_autoptr(CartaPrintable) hebrew = carta_printable_new ();
  g_autoptr(CartaPrintable) russian = carta_printable_new ();
  g_autoptr(CartaPrintable) hebrew_date = carta_printable_new ();
  int left, right;

  hebrew->language = g_strdup ("he");
  hebrew->body = g_strdup ("שלום רב,");
  russian->language = g_strdup ("ru");
  russian->body = g_strdup ("Здравствуйте!");
  hebrew_date->language = g_strdup ("he");
  hebrew_date->date = g_strdup ("22 בנובמבר 2026");

  /* The page is 595 points wide, with 71-point margins. */
  ink_columns (hebrew, &left, &right);
  g_assert_cmpint (left, >, 300);
  g_assert_cmpint (right, <=, 525);
  ink_columns (russian, &left, &right);
  g_assert_cmpint (left, >=, 70);
  g_assert_cmpint (right, <, 300);
  ink_columns (hebrew_date, &left, &right);
  g_assert_cmpint (right, <, 300);
}

static void
test_write_error (void)
{
  g_autoptr(CartaFeed) feed = carta_test_load_good_feed ("test");
  CartaCase *ivanov = g_ptr_array_index (carta_feed_get_cases (feed), 0);
  g_autoptr(CartaPrintable) printable = make_letter (ivanov, 3);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  /* A stream that refuses every write, like a full disk. */
  g_output_stream_close (output, NULL, NULL);
  g_assert_false (carta_renderer_write_pdf (printable, CARTA_PAPER_A4, FALSE, CARTA_ENVELOPE_DL,
                                            "x", NULL, output, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/renderer/recipient-lines", test_recipient_lines);
  g_test_add_func ("/renderer/paper", test_paper);
  g_test_add_func ("/renderer/page-count", test_page_count);
  g_test_add_func ("/renderer/count-matches-pdf", test_count_matches_pdf);
  g_test_add_func ("/renderer/text", test_text);
  g_test_add_func ("/renderer/pdf", test_pdf);
  g_test_add_func ("/renderer/pdf-long-and-author", test_pdf_long_and_author);
  g_test_add_func ("/renderer/write-error", test_write_error);
  g_test_add_func ("/renderer/pdfs", test_pdfs);
  g_test_add_func ("/renderer/pdfs-order", test_pdfs_order);
  g_test_add_func ("/renderer/pdfs-stopped", test_pdfs_stopped);
  g_test_add_func ("/renderer/wide-short-line", test_wide_short_line);
  g_test_add_func ("/renderer/save-pdfs-stopped", test_save_pdfs_stopped);
  g_test_add_func ("/renderer/right-to-left", test_right_to_left);

  return g_test_run ();
}
