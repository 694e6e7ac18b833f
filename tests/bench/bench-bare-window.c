/* bench-bare-window.c: the least a libadwaita application can show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-bare-window [WIDTHxHEIGHT]
 *
 * The reference for the first-frame benchmark: an AdwApplication that opens
 * an AdwApplicationWindow holding only a header bar, started the same way
 * Carta starts. bench-first-frame passes the size of Carta's window so both
 * draw the same number of pixels.
 */
#include <adwaita.h>

static int width = 800;
static int height = 600;

static void
on_activate (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  if (argc > 2 ||
      (argc == 2 && (sscanf (argv[1], "%dx%d", &width, &height) != 2 || width <= 0 || height <= 0)))
    {
      g_printerr ("usage: %s [WIDTHxHEIGHT]\n", argv[0]);
      return 2;
    }

  application = adw_application_new ("io.github.carta.Carta.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  /* The size was handled above; GApplication must not see it. */
  return g_application_run (G_APPLICATION (application), 1, argv);
}
