/* bench-first-frame.c: time from launch to the first complete frame, under X
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-first-frame --app CARTA --bare BARE-WINDOW [--runs N] [--quiet-ms MS]
 *
 * Launches each program, waits for its top-level window to map, and follows
 * the window's damage (the XDamage extension reports every change to its
 * pixels). The first frame is complete when the window has stayed still for
 * the quiet period: its time is that of the last damage before the quiet,
 * counted from the launch. Cursor blinking and animations are switched off
 * through the programs' own gtk-4.0/settings.ini so that they go quiet.
 *
 * The two programs run alternately, after one warm-up run each. The bare
 * window is given the size of Carta's window. Prints the medians:
 *   bench: first_frame <ms> ms
 *   bench: first_frame_bare <ms> ms
 *   bench: first_frame_ratio <ratio> x
 *
 * Without DISPLAY it runs itself under `xvfb-run -a` (and dbus-run-session,
 * when there is no session bus), or exits 77 (skipped) when it cannot.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#define EXIT_SKIPPED 77
#define REEXEC_VARIABLE "CARTA_BENCH_FIRST_FRAME_REEXEC"
#define XVFB_SCREEN "-screen 0 1600x1200x24"

typedef struct
{
  Window window;
  Damage damage;
} Tracked;

typedef struct
{
  Display *display;
  Window   root;
  int      damage_event_base;
  char   **envp;
  guint    quiet_ms;
  guint    timeout_ms;
  gboolean verbose;
} Timer;

typedef struct
{
  double first_frame_ms;
  double map_ms;
  guint  n_damage;
  int    width;
  int    height;
} Measurement;

static guint n_ignored_x_errors;

/* Windows can vanish between an event and the request that follows it
 * (GTK makes and destroys helper windows); that is not a failure. */
static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  n_ignored_x_errors++;
  return 0;
}

static gboolean
is_tracked (GArray *tracked,
            Window  window)
{
  for (guint i = 0; i < tracked->len; i++)
    if (g_array_index (tracked, Tracked, i).window == window)
      return TRUE;
  return FALSE;
}

static void
drain_events (Display *display)
{
  XSync (display, False);
  while (XPending (display))
    {
      XEvent event;

      XNextEvent (display, &event);
    }
}

static void
stop_child (GPid pid)
{
  int status;

  kill (pid, SIGTERM);
  for (guint i = 0; i < 500; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return;
      g_usleep (10000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

static gboolean
measure (Timer        *timer,
         char        **argv,
         Measurement  *result,
         GError      **error)
{
  g_autoptr(GArray) tracked = g_array_new (FALSE, FALSE, sizeof (Tracked));
  Window main_window = None;
  gint64 start, mapped = 0, last_damage = 0, deadline;
  gboolean done = FALSE;
  guint n_damage = 0;
  GPid pid;

  drain_events (timer->display);

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, argv, timer->envp,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, error))
    return FALSE;
  deadline = start + (gint64) timer->timeout_ms * 1000;

  while (!done)
    {
      struct pollfd poll_fd = { ConnectionNumber (timer->display), POLLIN, 0 };
      gint64 now;
      int status, wait_ms = 50;

      while (XPending (timer->display))
        {
          XEvent event;

          XNextEvent (timer->display, &event);
          now = g_get_monotonic_time ();

          if (event.type == CreateNotify && event.xcreatewindow.parent == timer->root)
            {
              Tracked item = { event.xcreatewindow.window, None };

              /* Damage is followed from creation on, so no early drawing is
               * missed; every rectangle is reported, so no two drawings merge. */
              XSelectInput (timer->display, item.window, StructureNotifyMask);
              item.damage = XDamageCreate (timer->display, item.window, XDamageReportRawRectangles);
              g_array_append_val (tracked, item);
            }
          else if (event.type == MapNotify && main_window == None &&
                   !event.xmap.override_redirect && is_tracked (tracked, event.xmap.window))
            {
              main_window = event.xmap.window;
              mapped = now;
            }
          else if (event.type == timer->damage_event_base + XDamageNotify)
            {
              XDamageNotifyEvent *damage_event = (XDamageNotifyEvent *) &event;

              if (main_window != None && is_tracked (tracked, damage_event->drawable))
                {
                  last_damage = now;
                  n_damage++;
                  if (timer->verbose)
                    g_print ("#   damage at %.1f ms: window 0x%lx, %dx%d+%d+%d\n",
                             (now - start) / 1000.0, damage_event->drawable,
                             damage_event->area.width, damage_event->area.height,
                             damage_event->area.x, damage_event->area.y);
                }
            }
        }

      now = g_get_monotonic_time ();
      if (last_damage != 0 && now - last_damage >= (gint64) timer->quiet_ms * 1000)
        {
          done = TRUE;
          break;
        }
      if (now >= deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "%s: %s within %u s", argv[0],
                       main_window == None ? "no window was shown" : "the window never stayed still",
                       timer->timeout_ms / 1000);
          break;
        }
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "%s exited (status %d) before its first frame", argv[0], status);
          pid = 0;
          break;
        }

      if (last_damage != 0)
        wait_ms = CLAMP ((last_damage + (gint64) timer->quiet_ms * 1000 - now) / 1000 + 1, 1, 50);
      poll (&poll_fd, 1, wait_ms);
    }

  if (done)
    {
      XWindowAttributes attributes = { 0 };

      XGetWindowAttributes (timer->display, main_window, &attributes);
      result->first_frame_ms = (last_damage - start) / 1000.0;
      result->map_ms = (mapped - start) / 1000.0;
      result->n_damage = n_damage;
      result->width = attributes.width;
      result->height = attributes.height;
    }

  if (pid != 0)
    stop_child (pid);
  g_spawn_close_pid (pid);
  for (guint i = 0; i < tracked->len; i++)
    XDamageDestroy (timer->display, g_array_index (tracked, Tracked, i).damage);
  drain_events (timer->display);

  return done;
}

static char *
write_settings (GError **error)
{
  g_autofree char *home = g_dir_make_tmp ("carta-first-frame-XXXXXX", error);
  g_autofree char *gtk_dir = NULL;
  g_autofree char *settings = NULL;

  if (home == NULL)
    return NULL;
  gtk_dir = g_build_filename (home, "config", "gtk-4.0", NULL);
  settings = g_build_filename (gtk_dir, "settings.ini", NULL);
  if (g_mkdir_with_parents (gtk_dir, 0700) != 0 ||
      !g_file_set_contents (settings,
                            "[Settings]\n"
                            "gtk-cursor-blink=false\n"
                            "gtk-enable-animations=false\n",
                            -1, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", gtk_dir, g_strerror (errno));
      return NULL;
    }
  return g_steal_pointer (&home);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

/* Runs this program again under xvfb-run and, without a session bus, under
 * dbus-run-session too: GApplication registers on the bus. Returns only on failure. */
static int
reexec (char     **argv,
        gboolean   need_display)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");
  g_autofree char *dbus_run_session = g_find_program_in_path ("dbus-run-session");
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (g_getenv (REEXEC_VARIABLE) != NULL)
    {
      if (!need_display)
        return -1;
      g_print ("# skipped: no display even under xvfb-run\n");
      return EXIT_SKIPPED;
    }
  if (need_display && xvfb_run == NULL)
    {
      g_print ("# skipped: DISPLAY is not set and xvfb-run is not installed\n");
      return EXIT_SKIPPED;
    }
  if (!need_display && dbus_run_session == NULL)
    return -1;

  if (need_display)
    {
      g_ptr_array_add (args, g_strdup (xvfb_run));
      g_ptr_array_add (args, g_strdup ("-a"));
      g_ptr_array_add (args, g_strdup ("-s"));
      g_ptr_array_add (args, g_strdup (XVFB_SCREEN));
    }
  if (dbus_run_session != NULL && g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_ptr_array_add (args, g_strdup (dbus_run_session));
      g_ptr_array_add (args, g_strdup ("--"));
    }
  g_ptr_array_add (args, g_strdup (self != NULL ? self : argv[0]));
  for (guint i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  g_setenv (REEXEC_VARIABLE, "1", TRUE);
  execv (g_ptr_array_index (args, 0), (char **) args->pdata);
  g_printerr ("Could not run %s: %s\n", (char *) g_ptr_array_index (args, 0), g_strerror (errno));
  return 1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  double *data = (double *) (gpointer) values->data;

  qsort (data, values->len, sizeof (double), compare_doubles);
  if (values->len % 2)
    return data[values->len / 2];
  return (data[values->len / 2 - 1] + data[values->len / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time to a window's first complete frame");
  g_autoptr(GError) error = NULL;
  g_autofree char *app = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *home = NULL;
  g_autofree char *bare_size = NULL;
  g_autoptr(GArray) app_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_times = g_array_new (FALSE, FALSE, sizeof (double));
  int runs = 9, quiet_ms = 500, timeout_s = 60;
  int damage_error_base, status = 0;
  const char *display_name = g_getenv ("DISPLAY");
  Timer timer = { 0 };
  GOptionEntry entries[] = {
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "Carta's executable", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &bare, "The bare window's executable", "PATH" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs of each (default 9)", "N" },
    { "quiet-ms", 0, 0, G_OPTION_ARG_INT, &quiet_ms, "How long the window must stay still (default 500)", "MS" },
    { "timeout-s", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Give up on a run after this long (default 60)", "S" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &timer.verbose, "Print every damage event", NULL },
    { NULL }
  };

  /* Parsing removes the options; running again needs them. */
  g_auto(GStrv) original_argv = g_strdupv (argv);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || app == NULL || bare == NULL ||
      runs < 1 || quiet_ms < 50 || timeout_s < 1)
    {
      g_printerr ("%s\nusage: %s --app PATH --bare PATH [--runs N] [--quiet-ms MS]\n",
                  error != NULL ? error->message : "", argv[0]);
      return 2;
    }

  if (display_name == NULL || *display_name == '\0')
    return reexec (original_argv, TRUE);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      int reexec_status = reexec (original_argv, FALSE);

      if (reexec_status >= 0)
        return reexec_status;
    }

  /* Meson may pass paths relative to the build directory. */
  {
    char *absolute = g_canonicalize_filename (app, NULL);

    g_free (app);
    app = absolute;
    absolute = g_canonicalize_filename (bare, NULL);
    g_free (bare);
    bare = absolute;
  }
  for (guint i = 0; i < 2; i++)
    {
      const char *program = i == 0 ? app : bare;

      if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_printerr ("%s does not exist: build it first\n", program);
          return 1;
        }
    }

  timer.display = XOpenDisplay (NULL);
  if (timer.display == NULL)
    {
      g_print ("# skipped: cannot open display %s\n", display_name);
      return EXIT_SKIPPED;
    }
  if (!XDamageQueryExtension (timer.display, &timer.damage_event_base, &damage_error_base))
    {
      g_print ("# skipped: the X server has no DAMAGE extension\n");
      return EXIT_SKIPPED;
    }
  XSetErrorHandler (ignore_x_error);
  timer.root = DefaultRootWindow (timer.display);
  timer.quiet_ms = quiet_ms;
  timer.timeout_ms = timeout_s * 1000;
  XSelectInput (timer.display, timer.root, SubstructureNotifyMask);

  home = write_settings (&error);
  if (home == NULL)
    {
      g_printerr ("Could not write GTK settings: %s\n", error->message);
      return 1;
    }
  /* Both programs get the same settings and empty, throw-away user folders. */
  timer.envp = g_get_environ ();
  {
    static const char * const folders[][2] = {
      { "XDG_CONFIG_HOME", "config" }, { "XDG_DATA_HOME", "data" },
      { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
      {
        g_autofree char *path = g_build_filename (home, folders[i][1], NULL);

        g_mkdir_with_parents (path, 0700);
        timer.envp = g_environ_setenv (timer.envp, folders[i][0], path, TRUE);
      }
    timer.envp = g_environ_setenv (timer.envp, "GDK_BACKEND", "x11", TRUE);
    timer.envp = g_environ_unsetenv (timer.envp, REEXEC_VARIABLE);
  }

  /* One warm-up run each, so both find the same caches; Carta's also gives
   * the size for the bare window. Then the timed runs, alternating which
   * goes first. */
  for (int run = -1; run < runs && status == 0; run++)
    {
      for (guint turn = 0; turn < 2; turn++)
        {
          gboolean is_app = (turn == 0) == (run < 0 || run % 2 == 0);
          char *app_argv[] = { app, NULL };
          char *bare_argv[] = { bare, bare_size, NULL };
          Measurement m = { 0 };

          if (!measure (&timer, is_app ? app_argv : bare_argv, &m, &error))
            {
              g_printerr ("%s\n", error->message);
              status = 1;
              break;
            }

          if (is_app && bare_size == NULL)
            bare_size = g_strdup_printf ("%dx%d", m.width, m.height);

          g_print ("# %s %s: last damage at %.1f ms, mapped at %.1f ms, %u damage events, window %dx%d\n",
                   is_app ? "carta" : "bare", run < 0 ? "warm-up" : "run",
                   m.first_frame_ms, m.map_ms, m.n_damage, m.width, m.height);
          if (run >= 0)
            g_array_append_val (is_app ? app_times : bare_times, m.first_frame_ms);
        }
    }

  XCloseDisplay (timer.display);
  g_strfreev (timer.envp);
  remove_tree (home);

  if (status != 0)
    return status;

  {
    double app_median = median (app_times);
    double bare_median = median (bare_times);

    g_print ("# medians of %d runs each, quiet period %d ms\n", runs, quiet_ms);
    g_print ("bench: first_frame %.1f ms\n", app_median);
    g_print ("bench: first_frame_bare %.1f ms\n", bare_median);
    g_print ("bench: first_frame_ratio %.2f x\n", app_median / bare_median);
  }
  return 0;
}
